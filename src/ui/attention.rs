//! The list of bookings needing attention, over the screen: one row per
//! booking (number, local start, service, customer) with why beneath it,
//! the selected one highlighted.

use super::{boxes, fit, theme};
use crate::app::AppState;
use crate::app::overlays::attention::AttentionList;
use crate::domain::NeedsAttention;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The list's widest box.
const MAX_WIDTH: u16 = 96;

/// Rows each booking takes: its line and why.
const ROWS_EACH: usize = 2;

fn rows(state: &AppState, a: &NeedsAttention, width: usize, selected: bool) -> [Line<'static>; 2] {
    let b = &a.booking;
    let who = b
        .customer
        .as_ref()
        .map_or("no customer yet", |c| c.name.as_str());
    let head = format!(
        "{} #{}  {}  {} · {} · {}",
        if selected { "▸" } else { " " },
        b.id,
        state.when(b.from, b.to),
        b.service_name,
        who,
        b.status
    );
    let head = Line::styled(fit::pad(&head, width), theme::TITLE);
    let why = Line::from(Span::styled(
        fit::pad(&format!("    {}", a.why), width),
        theme::REFUSAL,
    ));
    if selected {
        [head.style(theme::SELECTED), why.style(theme::SELECTED)]
    } else {
        [head, why]
    }
}

/// Draws the list over `area` with `open`'s row selected.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, open: &AttentionList) {
    let list = &state.attention;
    let width = area.width.saturating_sub(4).min(MAX_WIDTH);
    let wanted = u16::try_from(list.len().max(1) * ROWS_EACH + 2).unwrap_or(u16::MAX);
    let height = area.height.saturating_sub(2).min(wanted);
    let popup = fit::centered(area, width, height);
    let block = boxes::panel("Needs attention")
        .border_style(theme::OVERLAY_BORDER)
        .title_bottom(boxes::footnote(format!(
            " {} booking{} · enter opens, then move or cancel ",
            list.len(),
            if list.len() == 1 { "" } else { "s" }
        )));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let w = usize::from(inner.width);
    let visible = (usize::from(inner.height) / ROWS_EACH).max(1);
    let offset = if list.len() <= visible {
        0
    } else {
        open.selected
            .saturating_sub(visible / 2)
            .min(list.len() - visible)
    };
    let lines: Vec<Line> = list
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .flat_map(|(i, a)| rows(state, a, w, i == open.selected))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
