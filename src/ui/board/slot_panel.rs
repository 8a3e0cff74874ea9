//! The selected slot's panel: when, what and where, seats taken and free,
//! why it cannot be booked, its waitlist (`queue`), and its bookings one by
//! one with the selected booking marked (an offered hold as an offer). Facts flow onto as many lines as the width needs.

use crate::app::keymap::Context;
use crate::app::msg::DayView;
use crate::app::overlays::closure_walk;
use crate::app::screens::board::{SlotLook, countdown, look};
use crate::app::{Action, AppState};
use crate::domain::wall_clock;
use crate::domain::{Booking, BookingStatus, ClosureOrigin, Slot};
use crate::ui::hints::{self, prose};
use crate::ui::service_labels::ServiceLabels;
use crate::ui::{fit, theme};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Packs `parts` into lines of `width`, separated by ` · `; lines after
/// the first start with `indent` spaces. A part too long for a line is cut.
pub(super) fn flow(parts: Vec<Span<'static>>, width: usize, indent: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for part in parts {
        let sep = if line.is_empty() { 0 } else { 3 };
        if !line.is_empty() && used + sep + part.width() > width {
            lines.push(Line::from(std::mem::take(&mut line)));
            line.push(Span::raw(" ".repeat(indent)));
            used = indent;
        } else if sep > 0 {
            line.push(Span::styled(" · ", theme::DIM));
            used += sep;
        }
        let room = width.saturating_sub(used);
        let text = fit::truncate(&part.content, room);
        used += fit::width(&text);
        line.push(Span::styled(text, part.style));
    }
    if !line.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

fn key(state: &AppState, action: Action) -> Option<String> {
    hints::key(state, Context::Board, action)
}

fn slot_facts(
    state: &AppState,
    slot: &Slot,
    t: SlotLook,
    on: &[&Booking],
    width: usize,
) -> Vec<Line<'static>> {
    let tz = state.tz();
    let from = slot.occurrence.from.with_timezone(&tz);
    let mut lines = flow(
        vec![
            Span::styled(from.format("%a %d %b %Y").to_string(), theme::TITLE),
            Span::styled(
                wall_clock::clock_range(slot.occurrence.from, slot.occurrence.to, tz),
                theme::TITLE,
            ),
        ],
        width,
        0,
    );
    lines.extend(flow(
        vec![
            Span::styled(
                ServiceLabels::new(state).label(
                    slot.occurrence.service_id,
                    &slot.service_name,
                    width,
                ),
                theme::TITLE,
            ),
            Span::raw(slot.resource_name.clone()),
        ]
        .into_iter()
        .chain(course_parts(state, slot))
        .chain(
            state
                .service(slot.occurrence.service_id)
                .filter(|s| s.requires_approval)
                .map(|_| Span::styled("bookings need approval", theme::INFO)),
        )
        .collect(),
        width,
        0,
    ));
    let why = slot.reason_text().unwrap_or_else(|| "bookable".to_owned());
    let mut seats = vec![
        Span::raw(format!("{}/{} taken", slot.taken, slot.occurrence.capacity)),
        Span::raw(format!("{} free", slot.free())),
        Span::styled(why, theme::slot_style(t)),
    ];
    seats.extend(super::queue::join_hint(state, slot));
    lines.extend(flow(seats, width, 0));
    if let Some(c) = closure_walk::closing_selected(state) {
        let text = match (c.origin, key(state, Action::CloseResource)) {
            (ClosureOrigin::Desk, Some(k)) => {
                format!("closed at the desk (closure {}): {k} reopens", c.id)
            }
            (ClosureOrigin::Desk, None) => format!("closed at the desk (closure {})", c.id),
            (ClosureOrigin::Catalog, _) => "closed by the catalog file".to_owned(),
        };
        lines.extend(flow(vec![Span::styled(text, theme::DIM)], width, 0));
    }
    if let Some(id) = state.board.moving {
        let here = on.iter().any(|b| b.id == id);
        let (text, style) = match (&slot.unavailable, key(state, Action::Open)) {
            _ if here => (format!("booking #{id} is on this slot now"), theme::DIM),
            _ if state
                .board
                .moving_service
                .is_some_and(|s| s != slot.occurrence.service_id) =>
            {
                (
                    format!("booking #{id} moves only to a slot of its own service"),
                    theme::ERROR,
                )
            }
            (None, Some(k)) => (format!("{k} moves booking #{id} here"), theme::KEY),
            (None, None) => (format!("booking #{id} can move here"), theme::KEY),
            (Some(_), _) => (format!("booking #{id} cannot move here"), theme::ERROR),
        };
        lines.extend(flow(vec![Span::styled(text, style)], width, 0));
    }
    lines
}

/// For a course's session: which it is, and the course's seats when a
/// tighter session makes them fewer than this one's.
fn course_parts(state: &AppState, slot: &Slot) -> Vec<Span<'static>> {
    let id = slot.occurrence.service_id;
    let (Some(course), Some(n)) = (
        state.course(id),
        state.course_session(id, slot.occurrence.slot_ref()),
    ) else {
        return Vec::new();
    };
    let mut parts = vec![Span::styled(n.to_string(), theme::TITLE)];
    if course.capacity() < slot.occurrence.capacity {
        parts.push(Span::raw(format!(
            "the course seats {} (its tightest session)",
            course.capacity()
        )));
    }
    parts
}

fn people(n: u32) -> String {
    if n == 1 {
        "1 person".to_owned()
    } else {
        format!("{n} people")
    }
}

fn booking_lines(
    state: &AppState,
    b: &Booking,
    selected: bool,
    width: usize,
) -> Vec<Line<'static>> {
    let who = b
        .customer
        .as_ref()
        .map_or_else(|| "hold — no customer".to_owned(), |c| c.name.clone());
    let name_style = if selected {
        theme::SELECTED
    } else {
        theme::TITLE
    };
    let mut parts = vec![
        Span::styled(
            format!("{} #{} {who}", if selected { "▸" } else { " " }, b.id),
            name_style,
        ),
        Span::raw(people(b.participants)),
        theme::status_span(b.status),
    ];
    // A booking of a series says which of its weeks (or sessions) it is.
    if let Some(place) = b.series_place {
        parts.push(Span::styled(
            format!("↻ {} {}/{}", place.kind.unit(), place.position, place.of),
            theme::DIM,
        ));
    }
    match b.hold_expires_at {
        Some(t) if b.status == BookingStatus::Held && t > state.now => {
            let left = countdown(t, state.now);
            match super::queue::offer_parts(state, b, &left) {
                Some(offer) => parts.extend(offer),
                None => parts.push(Span::styled(format!("HELD {left}"), theme::HELD)),
            }
        }
        _ => parts.push(Span::styled(
            b.payment.status.as_str(),
            theme::payment(b.payment.status),
        )),
    }
    flow(parts, width, 4)
}

/// Draws the selected slot of `view` into `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, view: &DayView) {
    let width = usize::from(area.width);
    let Some(slot) = state.board.selected_slot() else {
        let text = "No slot selected";
        frame.render_widget(Line::styled(text, theme::DIM), area);
        return;
    };
    let t = look(slot, &view.bookings, state.now);
    let on = state.board.selected_bookings();
    let mut lines = slot_facts(state, slot, t, &on, width);
    let height = usize::from(area.height);
    // The queue takes a third of the panel (its heading and one waiting at
    // least), leaving a row for the bookings.
    let left = height.saturating_sub(lines.len());
    let queue = super::queue::lines(
        state,
        slot,
        width,
        (left / 3).max(2).min(left.saturating_sub(1)),
    );
    if height >= 12 && !queue.is_empty() {
        lines.push(Line::raw(""));
    }
    lines.extend(queue);
    if height >= 12 {
        lines.push(Line::raw(""));
    }
    if on.is_empty() {
        let mut parts = vec![Span::styled("No bookings", theme::DIM)];
        if slot.available() {
            let no_hold = !state.takes_holds(slot.occurrence.service_id);
            let actions = [(Action::Reserve, "reserve"), (Action::NewBooking, "book")];
            for (action, label) in actions.into_iter().skip(usize::from(no_hold)) {
                if let Some(k) = key(state, action) {
                    parts.push(Span::styled(format!("{k} {label}"), theme::KEY));
                }
            }
        }
        lines.extend(flow(parts, width, 0));
    } else {
        let selected = state.board.selected_booking().map(|b| b.id);
        let mut rest: Vec<Line> = Vec::new();
        let (mut selected_at, mut selected_end) = (0, 0);
        for b in &on {
            if Some(b.id) == selected {
                selected_at = rest.len();
            }
            rest.extend(booking_lines(state, b, Some(b.id) == selected, width));
            if Some(b.id) == selected {
                selected_end = rest.len();
            }
        }
        let room = height.saturating_sub(lines.len());
        // Scroll only as far as the selected booking needs (one row kept for
        // the "… in all" line), so those before it still fill the panel.
        let skip = (selected_end + 1).saturating_sub(room).min(selected_at);
        let shown = rest.len().saturating_sub(skip);
        // Some cut off, above or below: the last row says how many in all.
        if (shown > room || skip > 0) && room > 0 {
            let cycle = state
                .keymap
                .key_for(Context::Board, Action::NextBooking)
                .map(|k| format!(" ({} for next)", prose(k)))
                .unwrap_or_default();
            lines.extend(rest.into_iter().skip(skip).take(room - 1));
            lines.push(Line::styled(
                format!("  … {} bookings in all{cycle}", on.len()),
                theme::DIM,
            ));
        } else {
            lines.extend(rest.into_iter().skip(skip));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}
