//! A modal form centred over the screen: title and context, one line per
//! field (scrolled to keep the focused one in view), the engine's refusal,
//! and a footer that turns into the discard question or `saving…`. Pure.

mod field;

use crate::app::Action;
use crate::app::AppState;
use crate::app::keymap::{Context, Keymap};
use crate::app::overlays::form::{ContactNeed, Form, HoldLeft};
use crate::domain::display_phone;
use crate::ui::hints::prose;
use crate::ui::{boxes, fit, theme};
use field::Widths;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// What a form needs in `area`: its box, the columns of its fields, and
/// the lines above and below them.
struct Measure {
    box_width: u16,
    height: u16,
    widths: Widths,
    subtitle: Vec<String>,
    detail_lines: Vec<String>,
    error: Vec<String>,
    /// Fields shown at once (the rest scroll).
    shown: usize,
}

impl Measure {
    fn of(form: &Form, area: Rect) -> Self {
        let wanted = Widths::wanted(&form.fields)
            .max(fit::width(&form.subtitle).min(96))
            .max(FOOTER_WIDTH);
        let box_width =
            (wanted as u16 + 4).min(area.width.saturating_sub(4).max(area.width.min(40)));
        let content = usize::from(box_width.saturating_sub(4));
        let widths = Widths::new(&form.fields, content);
        let subtitle: Vec<String> = fit::wrap(&form.subtitle, content)
            .into_iter()
            .take(2)
            .collect();
        let detail = cut_problem(form, widths);
        // A refusal shows whole when the screen has room (a series names
        // each week refused), keeping rows for the fields; cut, it ends
        // with `…`.
        let error_room = (usize::from(area.height).saturating_sub(12) / 3).clamp(2, 8);
        let error: Vec<String> = form
            .error
            .as_deref()
            .map(|e| {
                let mut lines = fit::wrap(&format!("✗ {e} "), content.saturating_sub(1));
                if lines.len() > error_room {
                    lines.truncate(error_room);
                    if let Some(last) = lines.last_mut() {
                        let cut = format!("{} …", last.trim_end());
                        *last = fit::truncate(&cut, content.saturating_sub(1));
                    }
                }
                lines.into_iter().map(|l| format!(" {l} ")).collect()
            })
            .unwrap_or_default();
        let detail_lines = detail
            .as_ref()
            .map_or(Vec::new(), |d| fit::wrap(d, content));
        let legend = usize::from(legend(form).is_some());
        let fixed = 2
            + subtitle.len()
            + 2
            + picker_height(form)
            + detail_lines.len()
            + error.len()
            + legend
            + 1;
        let room = usize::from(area.height).saturating_sub(fixed).max(1);
        let shown = form.fields.len().min(room).max(1);
        let height = (fixed + shown).min(usize::from(area.height)) as u16;
        Self {
            box_width,
            height,
            widths,
            subtitle,
            detail_lines,
            error,
            shown,
        }
    }
}

/// The smallest area in which `form` draws whole, with its margin: the
/// size a form-only snapshot uses.
pub fn natural_size(form: &Form) -> (u16, u16) {
    let m = Measure::of(form, Rect::new(0, 0, 200, 100));
    (m.box_width + 4, m.height)
}

/// Draws `form` centred over `area`, its footer from `keymap`.
pub fn render(frame: &mut Frame, area: Rect, form: &Form, state: &AppState) {
    let keymap = &state.keymap;
    let Measure {
        box_width,
        height,
        widths,
        subtitle,
        detail_lines,
        error,
        shown,
    } = Measure::of(form, area);
    let at = fit::centered(area, box_width, height);
    frame.render_widget(Clear, at);
    let block = boxes::overlay(&form.title);
    let inner = boxes::draw(frame, at, block);

    let [top, above, fields, below, bottom] = Layout::vertical([
        Constraint::Length(subtitle.len() as u16),
        Constraint::Length(1),
        Constraint::Length(shown as u16),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let sub: Vec<Line> = subtitle
        .into_iter()
        .map(|s| Line::styled(s, theme::DIM))
        .collect();
    frame.render_widget(Paragraph::new(sub), top);

    let offset = if form.focus < shown {
        0
    } else {
        form.focus + 1 - shown
    }
    .min(form.fields.len().saturating_sub(shown));
    let lines: Vec<Line> = form
        .fields
        .iter()
        .enumerate()
        .skip(offset)
        .take(shown)
        .map(|(i, f)| field::line(f, i == form.focus, widths).0)
        .collect();
    frame.render_widget(Paragraph::new(lines), fields);
    // The terminal's own cursor sits on the text cursor too (screen readers
    // and any theme see it), unless the form is busy or asking.
    if let Some(f) = form.fields.get(form.focus)
        && !form.submitting
        && !form.confirm_discard
        && form.focus >= offset
        && let Some(x) = field::cursor_column(f, widths)
    {
        let y = fields.y + u16::try_from(form.focus - offset).unwrap_or(0);
        if x < fields.width && y < fields.y + fields.height {
            frame.set_cursor_position((fields.x + x, y));
        }
    }
    let [hold_at, more_at] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(12)]).areas(above);
    if let Some(line) = hold_line(form, state) {
        frame.render_widget(Paragraph::new(line), hold_at);
    }
    if offset > 0 {
        let more = Line::styled(format!("↑ {offset} more"), theme::DIM).right_aligned();
        frame.render_widget(Paragraph::new(more), more_at);
    }
    let after = form.fields.len().saturating_sub(offset + shown);
    if after > 0 {
        let more = Line::styled(format!("↓ {after} more"), theme::DIM).right_aligned();
        frame.render_widget(Paragraph::new(more), below);
    }

    let content = usize::from(box_width.saturating_sub(4));
    let mut tail = picker_lines(form, state, content);
    tail.extend(
        detail_lines
            .into_iter()
            .map(|d| Line::styled(d, theme::ERROR)),
    );
    tail.extend(error.into_iter().map(|e| Line::styled(e, theme::REFUSAL)));
    if let Some(words) = legend(form) {
        tail.push(Line::styled(words, theme::DIM));
    }
    tail.push(footer(form, keymap));
    let [notes, foot] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(bottom);
    let last = tail.pop().unwrap_or_default();
    frame.render_widget(Paragraph::new(tail), notes);
    frame.render_widget(Paragraph::new(last), foot);
}

/// Lines the picker takes: the customer picked, or the list and its heading.
fn picker_height(form: &Form) -> usize {
    match &form.picker {
        Some(p) if p.picked.is_some() => 1,
        Some(p) if !p.matches.is_empty() => 1 + p.matches.len(),
        _ => 0,
    }
}

/// The picker under the fields: the customer the booking is for when one
/// was picked; else the customers on file matching what is typed, the one
/// chosen marked, each with phone, email and last visit.
fn picker_lines(form: &Form, state: &AppState, width: usize) -> Vec<Line<'static>> {
    let Some(picker) = &form.picker else {
        return Vec::new();
    };
    if let Some(c) = &picker.picked {
        let text = format!(
            "✓ for {} (#{}, on file) · type a name to change",
            c.name, c.id
        );
        return vec![Line::styled(fit::truncate(&text, width), theme::INFO)];
    }
    if picker.matches.is_empty() {
        return Vec::new();
    }
    let keys = |a| {
        state
            .keymap
            .key_for(Context::Picker, a)
            .map_or_else(String::new, prose)
    };
    let heading = format!(
        "On file — {} to choose, {} to book for them; or type on for someone new",
        keys(Action::MoveDown),
        keys(Action::Open)
    );
    let mut lines = vec![Line::styled(fit::truncate(&heading, width), theme::DIM)];
    for (i, m) in picker.matches.iter().enumerate() {
        let c = &m.customer;
        let mut parts = vec![c.name.clone()];
        parts.extend(
            c.phone
                .as_deref()
                .map(|p| display_phone(p, state.phone_region())),
        );
        parts.extend(c.email.clone());
        parts.push(m.last_visit.map_or_else(
            || "no visit yet".to_owned(),
            |t| {
                format!(
                    "last visit {}",
                    t.with_timezone(&state.tz()).format("%d %b %Y")
                )
            },
        ));
        let chosen = picker.highlight == Some(i);
        let text = format!("{} {}", if chosen { "▸" } else { " " }, parts.join(" · "));
        let style = if chosen {
            theme::SELECTED
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(fit::truncate(&text, width), style));
    }
    lines
}

/// What the marks beside the phone and the email mean, while submitting
/// needs contact (not for a booking made pending).
fn legend(form: &Form) -> Option<&'static str> {
    match form.needs_contact()? {
        ContactNeed::OneOf => Some("+ a phone or an email is needed (either will do)"),
        ContactNeed::Both => Some("* this service needs both an email and a phone"),
    }
}

/// The hold's countdown in a confirm form: the time left, urgent in the
/// last minute (in words as well as colour), and once it has lapsed what
/// the submit key now does.
fn hold_line(form: &Form, state: &AppState) -> Option<Line<'static>> {
    let hold = form.hold.as_ref()?;
    let submit = state
        .keymap
        .key_for(Context::Form, Action::Submit)
        .map_or_else(String::new, prose);
    let clock = |left: chrono::Duration| {
        let secs = (left.num_milliseconds() + 999) / 1000;
        format!("{}:{:02}", secs / 60, secs % 60)
    };
    Some(match hold.left(state.now) {
        HoldLeft::Plenty(left) => Line::styled(format!("hold: {} left", clock(left)), theme::DIM),
        HoldLeft::Urgent(left) => Line::styled(
            format!("! hold: {} left, confirm now", clock(left)),
            theme::ERROR.add_modifier(Modifier::BOLD),
        ),
        HoldLeft::Lapsed => Line::styled(
            format!("✗ hold lapsed · {submit} books the seat again"),
            theme::ERROR.add_modifier(Modifier::BOLD),
        ),
    })
}

/// The width of the keys footer.
const FOOTER_WIDTH: usize = 56;

/// The whole problem of the focused field, else of the first field, whose
/// note had to be cut beside it: `✗ Email: email `ada@` is not valid: …`.
fn cut_problem(form: &Form, widths: Widths) -> Option<String> {
    let cut = |(i, f): (usize, &crate::app::overlays::form::Field)| {
        let (text, _) = field::note(f, i == form.focus);
        let problem = f.problem.as_deref()?;
        (fit::width(&text) > widths.note).then(|| format!("✗ {}: {problem}", f.label))
    };
    let focused = form
        .fields
        .get(form.focus)
        .and_then(|f| cut((form.focus, f)));
    focused.or_else(|| form.fields.iter().enumerate().find_map(cut))
}

/// The keys (from the `Form` table), or the discard question (from the
/// `Discard` table), or `saving…`.
fn footer(form: &Form, keymap: &Keymap) -> Line<'static> {
    let keys = |ctx: Context, action: Action| -> Vec<String> {
        keymap
            .binding_for(ctx, action)
            .map(|b| b.keys.iter().map(|k| prose(*k)).collect())
            .unwrap_or_default()
    };
    let first = |ctx, action| keys(ctx, action).into_iter().next().unwrap_or_default();
    if form.confirm_discard {
        return Line::from(vec![
            Span::styled(
                format!(
                    " Discard what you typed?  {} / {} ",
                    first(Context::Discard, Action::Discard),
                    first(Context::Discard, Action::Back)
                ),
                theme::PROMPT,
            ),
            Span::styled("  any other key keeps editing", theme::DIM),
        ]);
    }
    if form.submitting {
        return Line::styled("saving…", theme::BUSY);
    }
    let key = |k: String| Span::styled(k, theme::KEY);
    let dim = |w: &'static str| Span::styled(w, theme::DIM);
    let submit: Vec<String> = keys(Context::Form, Action::Submit)
        .into_iter()
        .take(2)
        .collect();
    Line::from(vec![
        key(first(Context::Form, Action::NextField)),
        dim("/"),
        key(first(Context::Form, Action::PreviousField)),
        dim(" move · "),
        key(submit.join(" or ")),
        dim(" submit · "),
        key(first(Context::Form, Action::Back)),
        dim(" cancel"),
    ])
}
