//! The list screens' tables: column headings, and the selected row as a
//! bar with a `▌` mark, scrolled into view. Pure.

use super::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{HighlightSpacing, Row, Table, TableState};

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
