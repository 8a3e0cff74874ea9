//! A modal form: fields, their live validation, the engine's refusal.

use crate::app::form::Form;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Draws `form` centred over `area`.
pub fn render(frame: &mut Frame, area: Rect, form: &Form) {
    let _ = (frame, area, form);
}
