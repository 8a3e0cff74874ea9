//! The frame around every screen: the tab bar on top (the four screens and
//! the location) and the status bar at the bottom (location, today's date,
//! live clock, holds, bookings needing attention, the last message, the
//! banner).

use super::{fit, theme};
use crate::app::keymap::Context;
use crate::app::state::MessageKind;
use crate::app::{Action, AppState, Screen};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Below this width the status bar leaves the location to the tab bar.
const WIDE: u16 = 100;

fn show_action(screen: Screen) -> Action {
    match screen {
        Screen::Board => Action::ShowBoard,
        Screen::Bookings => Action::ShowBookings,
        Screen::Customers => Action::ShowCustomers,
        Screen::Activity => Action::ShowActivity,
        Screen::Today => Action::ShowToday,
    }
}

fn location(state: &AppState) -> Option<&str> {
    state.catalog.as_ref().map(|c| c.location.name.as_str())
}

/// The tab bar: `1 Day board  2 Bookings …` with the current screen
/// highlighted, and the location's name on the right.
pub fn tab_bar(frame: &mut Frame, area: Rect, state: &AppState) {
    let mut spans = Vec::new();
    for screen in Screen::ALL {
        let active = screen == state.screen && !state.first_run;
        let style = if active {
            theme::TAB_ACTIVE
        } else {
            theme::TAB
        };
        let key = state
            .keymap
            .key_for(Context::Global, show_action(screen))
            .map(|k| format!(" {k}"))
            .unwrap_or_default();
        let key_style = if active { style } else { theme::KEY };
        spans.push(Span::styled(key, key_style));
        spans.push(Span::styled(format!(" {} ", screen.title()), style));
        spans.push(Span::raw(" "));
    }
    let used: usize = spans.iter().map(Span::width).sum();
    frame.render_widget(Line::from(spans), area);
    let room = usize::from(area.width).saturating_sub(used + 2);
    let name = location(state).unwrap_or("no catalog yet");
    // Who is at the desk, before the location, once there are staff.
    let who = match (&state.signed_in, state.signed_out()) {
        (Some(me), _) => format!("{} ({}) · ", me.name, me.role),
        (None, true) => "locked · ".to_owned(),
        (None, false) => String::new(),
    };
    let text = if fit::width(&who) + fit::width(name) <= room {
        format!("{who}{name}")
    } else {
        name.to_owned()
    };
    if room >= 8 {
        let right = Line::styled(format!("{} ", fit::truncate(&text, room)), theme::TITLE)
            .alignment(Alignment::Right);
        frame.render_widget(right, area);
    }
}

/// `banner` fitted to `max`: a `label: value` banner keeps its label and
/// loses the start of its value (a path says the most at its end).
fn banner_text(banner: &str, max: usize) -> String {
    match banner.split_once(": ") {
        Some((label, value)) if fit::width(label) + 12 <= max => {
            let room = max - fit::width(label) - 2;
            format!("{label}: {}", fit::truncate_start(value, room))
        }
        _ => fit::truncate_start(banner, max),
    }
}

/// The status bar's facts before the message: `location · Mon 23 Nov
/// 2026 · 09:30:00 GMT · 2 held · 1 need attention (A)` (a wait for
/// another desk's lock first, so it is never cut off); `compact` leaves
/// out the location (the tab bar names it) and the date, to make room.
fn facts(state: &AppState, width: u16, compact: bool) -> Vec<Span<'static>> {
    let sep = || Span::styled(" · ", theme::DIM);
    let mut spans = vec![Span::raw(" ")];
    if state.waiting && state.alert.is_none() {
        spans.push(Span::styled("waiting for another desk…", theme::HELD));
        spans.push(sep());
    }
    if width >= WIDE
        && !compact
        && let Some(name) = location(state)
    {
        spans.push(Span::styled(name.to_owned(), theme::TITLE));
        spans.push(sep());
    }
    if !state.first_run && !compact {
        // Today at the location, beside the clock; the board's own heading
        // says which day it shows.
        spans.push(Span::raw(state.today().format("%a %d %b %Y").to_string()));
        spans.push(sep());
    }
    let local = state.now.with_timezone(&state.tz());
    spans.push(Span::styled(
        local.format("%H:%M:%S %Z").to_string(),
        theme::TITLE,
    ));
    spans.push(sep());
    let held_style = if state.held_count > 0 {
        theme::HELD
    } else {
        theme::DIM
    };
    spans.push(Span::styled(
        format!("{} held", state.held_count),
        held_style,
    ));
    if !state.attention.is_empty() {
        // Stays until each is moved or cancelled, whatever the message says.
        let key = state
            .keymap
            .key_for(Context::Global, Action::ShowAttention)
            .map(|k| format!(" ({k})"))
            .unwrap_or_default();
        spans.push(sep());
        spans.push(Span::styled(
            format!("{} need attention{key}", state.attention.len()),
            theme::ERROR,
        ));
    }
    if let Some(alarm) = state.outbox.alarm() {
        // Stays while deliveries fail, whatever the message says; cut to
        // leave the message some room (`slotdesk outbox` has it whole).
        let used: usize = spans.iter().map(Span::width).sum();
        let room = usize::from(width).saturating_sub(used + 3).min(90);
        if room >= 12 {
            spans.push(sep());
            spans.push(Span::styled(fit::truncate(&alarm, room), theme::ERROR));
        }
    }
    spans
}

/// The cells left on the facts' row after them.
fn free(facts: &[Span], width: u16) -> usize {
    let used: usize = facts.iter().map(Span::width).sum();
    usize::from(width).saturating_sub(used + 1)
}

/// The cells left for the message on the facts' row, after ` · `.
fn message_room(facts: &[Span], width: u16) -> usize {
    free(facts, width).saturating_sub(3)
}

/// The message's words on one line (its line breaks as spaces) and its style.
fn message(state: &AppState) -> Option<(String, ratatui::style::Style)> {
    state.status.as_ref().map(|status| {
        let style = match status.kind {
            MessageKind::Error => theme::ERROR,
            MessageKind::Info => theme::INFO,
        };
        (
            status.text.split_whitespace().collect::<Vec<_>>().join(" "),
            style,
        )
    })
}

/// How the status bar lays out its message at `width`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// No message, or it fits beside every fact.
    OneRow,
    /// It fits once the location and the date make room.
    Compact,
    /// It goes on onto a second row.
    TwoRows,
}

fn layout(state: &AppState, width: u16) -> Fit {
    let Some((text, _)) = message(state) else {
        return Fit::OneRow;
    };
    let fits = |compact| fit::width(&text) <= message_room(&facts(state, width, compact), width);
    if fits(false) {
        Fit::OneRow
    } else if fits(true) {
        Fit::Compact
    } else {
        Fit::TwoRows
    }
}

/// The status bar's rows at `width`: 2 when the message fits on the row
/// of facts even without the location and date (it goes on onto a row
/// of its own), else 1.
pub fn status_rows(state: &AppState, width: u16) -> u16 {
    if layout(state, width) == Fit::TwoRows {
        2
    } else {
        1
    }
}

/// `text` split after as many whole words as fit in `room` cells.
fn split_at_room(text: &str, room: usize) -> (String, String) {
    let mut head = String::new();
    let mut rest = text;
    for word in text.split(' ') {
        let next = if head.is_empty() {
            fit::width(word)
        } else {
            fit::width(&head) + 1 + fit::width(word)
        };
        if next > room {
            break;
        }
        if !head.is_empty() {
            head.push(' ');
        }
        head.push_str(word);
        rest = rest[word.len()..].trim_start_matches(' ');
    }
    (head, rest.to_owned())
}

/// The end of a message cut short: `… L whole message`, naming the key
/// of the messages log (or the log itself when it has no key).
fn cut_marker(state: &AppState) -> Vec<Span<'static>> {
    match state.keymap.key_for(Context::Global, Action::ShowMessages) {
        Some(key) => vec![
            Span::styled("… ", theme::DIM),
            Span::styled(key.to_string(), theme::KEY),
            Span::styled(" whole message", theme::DIM),
        ],
        None => vec![Span::styled("… (whole in the messages log)", theme::DIM)],
    }
}

/// `text` in `style` cut to `room` cells with [`cut_marker`] when longer.
fn fitted(
    state: &AppState,
    text: &str,
    style: ratatui::style::Style,
    room: usize,
) -> Vec<Span<'static>> {
    if fit::width(text) <= room {
        return vec![Span::styled(fit::truncate(text, room), style)];
    }
    let marker = cut_marker(state);
    let marker_w: usize = marker.iter().map(Span::width).sum();
    let (head, _) = split_at_room(text, room.saturating_sub(marker_w));
    // A first word wider than the room is cut inside it.
    let head = if head.is_empty() {
        fit::truncate(text, room.saturating_sub(marker_w) + 1)
            .trim_end_matches('…')
            .to_owned()
    } else {
        fit::truncate(&head, room)
    };
    let mut spans = vec![Span::styled(head, style)];
    spans.extend(marker);
    spans
}

/// The status bar: `location · Mon 23 Nov 2026 · 09:30:00 GMT · 2 held ·
/// message`, then the banner on the right as room allows. A message too
/// long for the row first leaves out the location and date, then goes on
/// onto a second row when `area` has one ([`status_rows`]); what still
/// does not fit ends in a marker naming the messages log's key.
pub fn status_bar(frame: &mut Frame, area: Rect, state: &AppState) {
    let compact = layout(state, area.width) == Fit::Compact;
    let mut spans = facts(state, area.width, compact);
    let mut room = free(&spans, area.width);
    let mut second: Option<Line> = None;
    if let Some((text, style)) = message(state)
        && room > 6
    {
        room -= 3;
        spans.push(Span::styled(" · ", theme::DIM));
        let width = usize::from(area.width);
        if fit::width(&text) <= room {
            room = room.saturating_sub(fit::width(&text));
            spans.push(Span::styled(fit::truncate(&text, usize::MAX), style));
        } else if area.height >= 2 {
            let (head, rest) = split_at_room(&text, room);
            spans.push(Span::styled(fit::truncate(&head, room), style));
            let mut line = vec![Span::raw(" ")];
            line.extend(fitted(state, &rest, style, width.saturating_sub(2)));
            second = Some(Line::from(line));
            room = 0;
        } else {
            spans.extend(fitted(state, &text, style, room));
            room = 0;
        }
    }
    let first = Rect { height: 1, ..area };
    frame.render_widget(Paragraph::new(Line::from(spans)), first);
    if let Some(line) = second {
        let below = Rect {
            y: area.y + 1,
            height: 1,
            ..area
        };
        frame.render_widget(Paragraph::new(line), below);
    }
    if let Some(banner) = &state.banner
        && room >= 16
    {
        let text = banner_text(banner, room - 3);
        let right = Line::styled(format!("{text} "), theme::DIM).alignment(Alignment::Right);
        frame.render_widget(right, first);
    }
}
