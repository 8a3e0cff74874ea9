//! The help overlay: every table of the live keymap, drawn by `ui::help` in
//! pages of columns when they do not all fit. Only its own table's keys act;
//! any other key leaves it open. Pure.

use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::keymap::{Context, Key};
use crate::app::state::{AppState, Overlay};

/// The page shown, counted round by the drawing (which alone knows how many
/// pages fit), so paging on from the last comes back to the first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HelpState {
    pub page: i32,
}

/// Handles a key while help is open.
pub fn key(state: &mut AppState, key: Key) -> Vec<Effect> {
    let Some(Overlay::Help(help)) = &mut state.overlay else {
        return Vec::new();
    };
    match state.keymap.lookup(Context::Help, key) {
        Some(Action::Back) => state.overlay = None,
        Some(Action::PageDown) => help.page = help.page.wrapping_add(1),
        Some(Action::PageUp) => help.page = help.page.wrapping_sub(1),
        _ => {}
    }
    Vec::new()
}
