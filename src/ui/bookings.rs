//! The bookings screen: a filtered, sorted, paged table.

use crate::app::AppState;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Draws the bookings list into `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let _ = (frame, area, state);
}
