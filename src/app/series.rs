//! Taking in a series write at the desk: the status-bar message that says
//! how many weeks were booked and which could not be (with why), or how
//! many were cancelled with the later ones. Pure.

use super::state::AppState;
use crate::domain::{Booking, SeriesBooked};

/// The message after a series was booked, and the selection on its first
/// booking: `booked series 3: 5 of 6 weeks for Jane Doe · not booked:
/// week 4 Mon 22 Jun (time slot is full)`.
pub(super) fn booked(state: &mut AppState, made: &SeriesBooked) {
    let unit = made.kind.unit();
    let asked = made.booked.len() + made.refused.len();
    let who = made
        .booked
        .first()
        .and_then(|b| b.customer.as_ref())
        .map_or(String::new(), |c| format!(" for {}", c.name));
    let mut text = format!(
        "booked series {}: {} of {asked} {unit}s{who}",
        made.series_id,
        made.booked.len()
    );
    if !made.refused.is_empty() {
        let weeks: Vec<String> = made
            .refused
            .iter()
            .map(|r| {
                format!(
                    "{unit} {} {} ({})",
                    r.position,
                    r.slot.date.format("%a %d %b"),
                    r.reason
                )
            })
            .collect();
        text.push_str(" · not booked: ");
        text.push_str(&weeks.join(", "));
    }
    if let Some(first) = made.booked.first() {
        select(state, first);
    }
    // An undo takes back one change; a series is many.
    state.last_change = None;
    if made.refused.is_empty() {
        state.info(text);
    } else {
        state.error(text);
    }
}

/// The message after a booking was cancelled with the later ones of its
/// series: `cancelled #12 and the 2 later weeks of series 3`.
pub(super) fn cancelled(state: &mut AppState, cancelled: &[Booking]) {
    let Some((first, text)) = with_later(cancelled, "cancelled", "cancel") else {
        return;
    };
    select(state, first);
    state.last_change = None;
    state.info(text);
}

/// The message after a booking was moved with the later ones of its
/// series: `moved #12 and the 2 later weeks of series 3: #12 now Thu 10 Dec
/// 07:15–08:05`.
pub(super) fn moved(state: &mut AppState, moved: &[Booking]) {
    let Some((first, what)) = with_later(moved, "moved", "move") else {
        return;
    };
    let when = state.when(first.from, first.to);
    select(state, first);
    state.last_change = None;
    state.info(format!("{what}: #{} now {when}", first.id));
}

/// What was `done` to the first of `bookings` (the one asked for) and the
/// later ones of its series: `cancelled #12 and the 2 later weeks of series
/// 3`, or `#12 cancelled (no later weeks of series 3 to cancel)`; `None`
/// for none.
fn with_later<'a>(
    bookings: &'a [Booking],
    done: &str,
    verb: &str,
) -> Option<(&'a Booking, String)> {
    let first = bookings.first()?;
    let unit = first.series_place.map_or("week", |p| p.kind.unit());
    let series = first
        .series_id
        .map_or(String::new(), |s| format!(" of series {s}"));
    let text = match bookings.len() - 1 {
        0 => format!("#{} {done} (no later {unit}s{series} to {verb})", first.id),
        1 => format!("{done} #{} and the later {unit}{series}", first.id),
        n => format!("{done} #{} and the {n} later {unit}s{series}", first.id),
    };
    Some((first, text))
}

fn select(state: &mut AppState, b: &Booking) {
    state.board.booking = Some(b.id);
    state.bookings.select_next = Some(b.id);
    state.today_sheet.selected_id = Some(b.id);
}

/// A series refusal's words on one line for the form and the status bar:
/// `…, so nothing was booked: week 4, Mon 22 Jun 2026 (…): time slot is
/// full; week 5, …`.
pub(super) fn one_line(message: &str) -> String {
    message.replace(":\n  ", ": ").replace("\n  ", "; ")
}
