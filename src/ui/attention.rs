//! The list of bookings needing attention, over the screen: one row per
//! booking (number, local start, service, customer) with why beneath it,
//! the selected one highlighted.

use super::{boxes, theme};
use crate::app::AppState;
use crate::app::overlays::attention::AttentionList;
use crate::domain::NeedsAttention;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// The list's widest box.
const MAX_WIDTH: u16 = 96;

fn rows(state: &AppState, a: &NeedsAttention, width: usize, selected: bool) -> [Line<'static>; 2] {
    let b = &a.booking;
    let who = b
        .customer
        .as_ref()
        .map_or("no customer yet", |c| c.name.as_str());
    let head = format!(
        "#{}  {}  {} · {} · {}",
        b.id,
        state.when(b.from, b.to),
        b.service_name,
        who,
        b.status
    );
    boxes::two_line_row(&head, &a.why, theme::REFUSAL, width, selected)
}

/// Draws the list over `area` with `open`'s row selected.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, open: &AttentionList) {
    let list = &state.attention;
    boxes::two_line_list(
        frame,
        area,
        (
            "Needs attention",
            format!(
                " {} booking{} · enter opens, then move or cancel ",
                list.len(),
                if list.len() == 1 { "" } else { "s" }
            ),
        ),
        (list.len(), open.selected, MAX_WIDTH),
        |i, w, selected| rows(state, &list[i], w, selected),
    );
}
