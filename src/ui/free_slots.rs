//! Free slots found, over the board: the search's words as the title, one
//! line per slot (local day and time, resource, seats free), the selected
//! one highlighted. Pure.

use super::{boxes, fit, theme};
use crate::app::AppState;
use crate::app::overlays::free_slots::FreeSlotsList;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

/// The list's widest box.
const MAX_WIDTH: u16 = 80;

/// Draws `list` over `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, list: &FreeSlotsList) {
    let width = area.width.saturating_sub(4).min(MAX_WIDTH);
    let wanted = u16::try_from(list.slots.len() + 2).unwrap_or(u16::MAX);
    let height = area.height.saturating_sub(2).min(wanted);
    let popup = fit::centered(area, width, height);
    let title = fit::truncate(&list.title, usize::from(width.saturating_sub(4)));
    let block = boxes::panel(&title)
        .border_style(theme::OVERLAY_BORDER)
        .title_bottom(boxes::footnote(
            " enter shows it on the board · esc closes ",
        ));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let w = usize::from(inner.width);
    let visible = usize::from(inner.height).max(1);
    let offset = list
        .selected
        .saturating_sub(visible.saturating_sub(1))
        .min(list.slots.len().saturating_sub(visible));
    let lines: Vec<Line> = list
        .slots
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, s)| {
            let o = &s.occurrence;
            let free = s.free();
            let text = format!(
                "{} {}  {} · {} free",
                if i == list.selected { "▸" } else { " " },
                state.when(o.from, o.to),
                s.resource_name,
                free
            );
            let line = Line::raw(fit::pad(&fit::truncate(&text, w), w));
            if i == list.selected {
                line.style(theme::SELECTED)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
