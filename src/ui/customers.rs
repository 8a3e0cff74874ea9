//! The customers screen: fuzzy search, the list, and the selected customer's history.

use crate::app::AppState;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Draws the customers screen into `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let _ = (frame, area, state);
}
