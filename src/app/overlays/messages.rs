//! The messages log: every message the status bar showed, newest first
//! (the last [`MESSAGE_LOG_LEN`](crate::app::state::MESSAGE_LOG_LEN)),
//! whole, with the time each was shown; scrolled with the `Messages`
//! table's keys, closed with `Esc` or its own key. Pure.

use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::keymap::{Context, Key};
use crate::app::state::{AppState, Overlay};

/// Entries a page key scrolls by.
pub const PAGE: usize = 10;

/// Where the log is scrolled to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessagesState {
    /// The entry shown at the top, counted from the newest (0).
    pub scroll: usize,
}

/// Opens the log at its newest message (empty, it says so).
pub fn open(state: &mut AppState) -> Vec<Effect> {
    state.overlay = Some(Overlay::Messages(MessagesState::default()));
    Vec::new()
}

/// Handles a key while the log is open.
pub fn key(state: &mut AppState, key: Key) -> Vec<Effect> {
    let last = state.messages.len().saturating_sub(1);
    let Some(Overlay::Messages(log)) = &mut state.overlay else {
        return Vec::new();
    };
    match state.keymap.lookup(Context::Messages, key) {
        Some(Action::MoveUp) => log.scroll = log.scroll.saturating_sub(1),
        Some(Action::MoveDown) => log.scroll = (log.scroll + 1).min(last),
        Some(Action::PageUp) => log.scroll = log.scroll.saturating_sub(PAGE),
        Some(Action::PageDown) => log.scroll = (log.scroll + PAGE).min(last),
        Some(Action::Top) => log.scroll = 0,
        Some(Action::Bottom) => log.scroll = last,
        Some(Action::Back | Action::ShowMessages) => state.overlay = None,
        Some(Action::Quit) => {
            state.overlay = None;
            return crate::app::quit::quit(state);
        }
        _ => {}
    }
    Vec::new()
}
