//! The booking detail overlay: customer, answers, add-ons, payment and history.

use crate::app::AppState;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Draws the open booking's detail over `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let _ = (frame, area, state);
}
