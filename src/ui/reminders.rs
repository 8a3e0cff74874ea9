//! The list of bookings due a reminder, over the screen: one row per
//! booking (number, local start, who, phone or email, service) with the
//! message to send beneath it, the selected one highlighted.

use super::{boxes, fit, theme};
use crate::app::AppState;
use crate::app::overlays::reminders::RemindersList;
use crate::domain::Reminder;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The list's widest box.
const MAX_WIDTH: u16 = 110;

fn rows(state: &AppState, r: &Reminder, width: usize, selected: bool) -> [Line<'static>; 2] {
    // The phone as the desk shows it everywhere (`020 7946 0018`).
    let phone = r
        .phone
        .as_deref()
        .map(|p| crate::domain::display_phone(p, state.phone_region()));
    let contact = [phone, r.email.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let head = format!(
        "{} #{}  {}  {} · {} · {}",
        if selected { "▸" } else { " " },
        r.booking_id,
        state.when(r.from, r.to),
        r.customer_name,
        if contact.is_empty() {
            "no contact"
        } else {
            &contact
        },
        r.service_name,
    );
    let head = Line::styled(fit::pad(&head, width), theme::TITLE);
    let message = r.notify.as_deref().unwrap_or("(no message written)");
    let message = Line::from(Span::raw(fit::pad(&format!("    {message}"), width)));
    if selected {
        [head.style(theme::SELECTED), message.style(theme::SELECTED)]
    } else {
        [head, message]
    }
}

/// Draws the list over `area` with `open`'s row selected.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, open: &RemindersList) {
    let list = &state.reminders;
    boxes::two_line_list(
        frame,
        area,
        (
            "Reminders due",
            format!(" {} due · s marks sent · esc closes ", list.len()),
        ),
        (list.len(), open.selected, MAX_WIDTH),
        |i, w, selected| rows(state, &list[i], w, selected),
    );
}
