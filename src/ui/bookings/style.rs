//! Colours and small drawing pieces shared by the list screens, the booking
//! detail and the forms: status colours, key hints, framed boxes, text that
//! fits a width. Local to these screens until a shared theme replaces it.

use crate::app::AppState;
use crate::app::action::Action;
use crate::app::keymap::Context;
use crate::domain::{BookingStatus, PaymentStatus};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding};

/// The selected row of a list: a bar that overrides the row's colours.
pub const SELECTED: Style = Style::new()
    .fg(Color::White)
    .bg(Color::Blue)
    .add_modifier(Modifier::BOLD);
/// Secondary text: hints, labels, placeholders.
pub const DIM: Style = Style::new().fg(Color::DarkGray);
/// Column headings.
pub const HEADING: Style = Style::new()
    .fg(Color::Gray)
    .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED));
/// A key in a hint line.
pub const KEY: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
/// Something wrong.
pub const PROBLEM: Style = Style::new().fg(Color::Red);
/// A filter or value in force.
pub const ACTIVE: Style = Style::new().fg(Color::Yellow);

/// The colour of a booking status: held magenta, pending yellow, confirmed
/// green, checked in cyan, completed dim, the refused or lapsed ones red or dim.
pub fn status_style(status: BookingStatus) -> Style {
    match status {
        BookingStatus::Held => Style::new().fg(Color::Magenta),
        BookingStatus::Pending => Style::new().fg(Color::Yellow),
        BookingStatus::Confirmed => Style::new().fg(Color::Green),
        BookingStatus::CheckedIn => Style::new().fg(Color::Cyan),
        BookingStatus::Completed | BookingStatus::Expired => DIM,
        BookingStatus::Cancelled | BookingStatus::Declined | BookingStatus::NoShow => {
            Style::new().fg(Color::LightRed)
        }
    }
}

/// A status as people read it (`checked in`, `no show`).
pub fn status_text(status: BookingStatus) -> String {
    status.as_str().replace('_', " ")
}

/// The colour of a payment state: paid green, refunded magenta, unpaid dim.
pub fn payment_style(status: PaymentStatus) -> Style {
    match status {
        PaymentStatus::Unpaid => DIM,
        PaymentStatus::Paid => Style::new().fg(Color::Green),
        PaymentStatus::Refunded => Style::new().fg(Color::Magenta),
    }
}

/// `minor` units of `currency` with its sign: `£65.00`, `65.00 CHF`.
pub fn money(minor: i64, currency: &str) -> String {
    let amount = crate::domain::money::format_amount(minor, currency);
    match currency {
        "GBP" => format!("£{amount}"),
        "EUR" => format!("€{amount}"),
        "USD" => format!("${amount}"),
        other => format!("{amount} {other}"),
    }
}

/// A rounded box titled ` title `, a space of padding either side.
pub fn framed(title: &str) -> Block<'static> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(DIM)
        .padding(Padding::horizontal(1))
        .title(Span::styled(
            format!(" {title} "),
            Style::new().add_modifier(Modifier::BOLD),
        ))
}

/// The key bound to `action` in `context` (or globally), as help prints it.
pub fn key(state: &AppState, context: Context, action: Action) -> Option<String> {
    state.keymap.key_for(context, action).map(|k| k.to_string())
}

/// A hint line: `key what  key what`, keys bright, words dim.
pub fn hints<S: AsRef<str>>(pairs: &[(S, &str)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (k, what)) in pairs.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(k.as_ref().to_owned(), KEY));
        spans.push(Span::styled(format!(" {what}"), DIM));
    }
    Line::from(spans)
}

/// Hints packed into as many lines of `width` as they need.
pub fn hint_lines<S: AsRef<str>>(pairs: &[(S, &str)], width: u16) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut start = 0;
    for end in 1..=pairs.len() {
        let next = pairs
            .get(start..=end)
            .map_or(usize::MAX, |p| hints(p).width());
        if next > usize::from(width) || end == pairs.len() {
            lines.push(hints(pairs.get(start..end).unwrap_or_default()));
            start = end;
        }
    }
    lines
}

/// The hints for `actions` in `context` whose keys are bound.
pub fn action_hints(
    state: &AppState,
    context: Context,
    actions: &[(Action, &'static str)],
) -> Vec<(String, &'static str)> {
    actions
        .iter()
        .filter_map(|(a, what)| key(state, context, *a).map(|k| (k, *what)))
        .collect()
}

/// `text` cut to `width` characters, ending in `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out: String = text.chars().take(width - 1).collect();
    out.push('…');
    out
}

/// A name fitted to `width`, first dropping a trailing `(…)` note
/// (`Priya Sharma (physiotherapist)` → `Priya Sharma`).
pub fn fit_name(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let short = text.split(" (").next().unwrap_or(text);
    fit(short, width)
}

/// `text` broken into lines of at most `width` characters at spaces (a
/// word longer than the line is cut); at least one line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let mut word: String = word.to_owned();
        loop {
            let last = lines.last_mut().map_or(0, |l| l.chars().count());
            let need = word.chars().count() + usize::from(last > 0);
            if last + need <= width {
                if let Some(line) = lines.last_mut() {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(&word);
                }
                break;
            }
            if last > 0 {
                lines.push(String::new());
                continue;
            }
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            if let Some(line) = lines.last_mut() {
                line.push_str(&head);
            }
            lines.push(String::new());
            if word.is_empty() {
                break;
            }
        }
    }
    if lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// A `width`×`height` box centred in `area`, never larger than it.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Splits `total` cells among columns by `weights`, the remainder to the first.
pub fn share(total: u16, weights: &[u16]) -> Vec<u16> {
    let sum: u16 = weights.iter().sum::<u16>().max(1);
    let mut out: Vec<u16> = weights
        .iter()
        .map(|w| (u32::from(total) * u32::from(*w) / u32::from(sum)) as u16)
        .collect();
    let used: u16 = out.iter().sum();
    if let Some(first) = out.first_mut() {
        *first += total.saturating_sub(used);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_with_an_ellipsis_and_names_lose_their_note_first() {
        assert_eq!(fit("Physiotherapy", 6), "Physi…");
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(
            fit_name("Priya Sharma (physiotherapist)", 20),
            "Priya Sharma"
        );
        assert_eq!(fit_name("Priya Sharma (physiotherapist)", 8), "Priya S…");
        assert_eq!(share(10, &[1, 1, 1]), vec![4, 3, 3]);
        assert_eq!(
            wrap("lower back pain after running", 10),
            ["lower back", "pain after", "running"]
        );
        assert_eq!(wrap("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(
            centered(Rect::new(0, 0, 10, 4), 20, 2),
            Rect::new(0, 1, 10, 2)
        );
    }
}
