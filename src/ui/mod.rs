//! Drawing the desk: one file per screen, form and widget. Pure: reads the
//! state, never decides and never calls the store.

pub mod activity;
pub mod bookings;
pub mod customers;
pub mod detail;
pub mod form;

use crate::app::AppState;
use ratatui::Frame;

/// Draws the whole desk for `state`.
pub fn render(frame: &mut Frame, state: &AppState) {
    let _ = (frame, state);
}
