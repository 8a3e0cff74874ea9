//! The activity screen: the event log, newest first.

use crate::app::AppState;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Draws the activity log into `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let _ = (frame, area, state);
}
