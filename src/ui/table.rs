//! The list screens' tables: column headings, and the selected row as a
//! bar with a `▌` mark, scrolled into view. Pure.

use super::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{HighlightSpacing, Row, Table, TableState};

/// The rows of a list of `count` that a table of `area` shows with row
/// `selected` in view (as [`render`] scrolls it), so a long list builds
/// only those rows. [`render`] then takes `selected - start`.
pub fn visible(area: Rect, selected: usize, count: usize) -> std::ops::Range<usize> {
    let rows = usize::from(area.height.saturating_sub(1)).max(1);
    let selected = selected.min(count.saturating_sub(1));
    let start = selected.saturating_sub(rows - 1);
    start..(start + rows).min(count)
}

/// Draws `table` under `header` into `area`, row `selected` of `count`
/// (kept within them) marked as selected.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    header: Row,
    table: Table,
    selected: usize,
    count: usize,
) {
    let table = table
        .header(header.style(theme::HEADING))
        .row_highlight_style(theme::SELECTED)
        .highlight_symbol("▌ ")
        .highlight_spacing(HighlightSpacing::Always);
    let selected = selected.min(count.saturating_sub(1));
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut state);
}
