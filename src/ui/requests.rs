//! The requests awaiting approval, over the screen: one row per request
//! (number, local start, who, seats, service) with its phone or email and
//! message beneath it, the selected one highlighted.

use super::boxes;
use crate::app::AppState;
use crate::app::overlays::requests::RequestsList;
use crate::domain::Booking;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

/// The list's widest box.
const MAX_WIDTH: u16 = 110;

fn rows(state: &AppState, b: &Booking, width: usize, selected: bool) -> [Line<'static>; 2] {
    let who = b.customer.as_ref();
    let contact = boxes::contact(
        state,
        who.and_then(|c| c.phone.as_deref()),
        who.and_then(|c| c.email.as_deref()),
    );
    let head = format!(
        "#{}  {}  {} · {} seat{} · {}",
        b.id,
        state.when(b.from, b.to),
        who.map_or("(no customer)", |c| c.name.as_str()),
        b.participants,
        if b.participants == 1 { "" } else { "s" },
        b.service_name,
    );
    let detail = match (&b.message, contact.is_empty()) {
        (Some(m), false) => format!("{contact} · {m}"),
        (Some(m), true) => m.clone(),
        (None, false) => contact,
        (None, true) => "no contact".to_owned(),
    };
    let detail: String = detail.chars().filter(|c| !c.is_control()).collect();
    boxes::two_line_row(&head, &detail, Style::default(), width, selected)
}

/// Draws the list over `area` with `open`'s row selected.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, open: &RequestsList) {
    let list = &state.requests;
    boxes::two_line_list(
        frame,
        area,
        (
            "Requests awaiting approval",
            format!(
                " {} waiting · a approves · x declines · esc closes ",
                list.len()
            ),
        ),
        (list.len(), open.selected, MAX_WIDTH),
        |i, w, selected| rows(state, &list[i], w, selected),
    );
}
