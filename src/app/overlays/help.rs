//! The help overlay: every table of the live keymap, drawn by `ui::help` in
//! pages of columns when they do not all fit. Only its own table's keys act;
//! any other key leaves it open. Pure.

use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::keymap::{Context, Key};
use crate::app::overlays::detail::DetailState;
use crate::app::state::{AppState, Overlay};

/// The page shown, counted round by the drawing (which alone knows how many
/// pages fit), so paging on from the last comes back to the first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HelpState {
    pub page: i32,
    /// The booking detail help was opened over, shown again when it closes.
    pub under: Option<Box<DetailState>>,
}

/// Handles a key while help is open.
pub fn key(state: &mut AppState, key: Key) -> Vec<Effect> {
    let Some(Overlay::Help(help)) = &mut state.overlay else {
        return Vec::new();
    };
    match state.keymap.lookup(Context::Help, key) {
        Some(Action::Back) => state.overlay = help.under.take().map(Overlay::Detail),
        Some(Action::PageDown) => help.page = help.page.wrapping_add(1),
        Some(Action::PageUp) => help.page = help.page.wrapping_sub(1),
        _ => {}
    }
    Vec::new()
}
