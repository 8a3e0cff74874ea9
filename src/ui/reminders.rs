//! The list of bookings due a reminder, over the screen: one row per
//! booking (number, local start, who, phone or email, service) with the
//! message to send beneath it, the selected one highlighted.

use super::boxes;
use crate::app::AppState;
use crate::app::overlays::reminders::RemindersList;
use crate::domain::Reminder;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

/// The list's widest box.
const MAX_WIDTH: u16 = 110;

fn rows(state: &AppState, r: &Reminder, width: usize, selected: bool) -> [Line<'static>; 2] {
    let contact = boxes::contact(state, r.phone.as_deref(), r.email.as_deref());
    let head = format!(
        "#{}  {}  {} · {} · {}",
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
    let message = r.notify.as_deref().unwrap_or("(no message written)");
    boxes::two_line_row(&head, message, Style::default(), width, selected)
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
