//! The help overlay: every table of the live keymap, drawn by `ui::help` in
//! columns when they all fit, else as one list that scrolls (a line, a
//! page, either end). Only its own table's keys act; any other key leaves
//! it open. Pure.

use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::keymap::{Context, Key};
use crate::app::overlays::detail::DetailState;
use crate::app::overlays::scroll::Scroll;
use crate::app::state::{AppState, Overlay};

/// Where the reading is, and what help was opened over.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HelpState {
    /// How far the keys are scrolled (when they do not fit in columns).
    pub scroll: Scroll,
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
        Some(a) => {
            help.scroll.apply(a);
        }
        None => {}
    }
    Vec::new()
}
