//! The list of bookings needing attention (a forced catalog change stranded
//! them), opened from anywhere with `A`: each with why; `Enter` opens its
//! detail, where the clerk moves or cancels it, which takes it off the list.
//! Pure.

use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::keymap::{Context, Key};
use crate::app::overlays::detail;
use crate::app::state::{AppState, Overlay};
use crate::domain::NeedsAttention;

/// The list's selected row, of [`AppState::attention`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttentionList {
    pub selected: usize,
}

/// Opens the list, or says there is nothing on it.
pub fn open(state: &mut AppState) -> Vec<Effect> {
    if state.attention.is_empty() {
        state.info("no booking needs attention");
        return Vec::new();
    }
    state.overlay = Some(Overlay::Attention(AttentionList::default()));
    Vec::new()
}

/// Takes the list as loaded with the hold count; an open list keeps its
/// row (within the new length) and closes once empty.
pub fn loaded(state: &mut AppState, list: Vec<NeedsAttention>) {
    state.attention = list;
    if let Some(Overlay::Attention(open)) = &mut state.overlay {
        if state.attention.is_empty() {
            state.overlay = None;
        } else {
            open.selected = open.selected.min(state.attention.len() - 1);
        }
    }
}

/// Handles a key while the list is open.
pub fn key(state: &mut AppState, key: Key) -> Vec<Effect> {
    let Some(Overlay::Attention(open)) = &mut state.overlay else {
        return Vec::new();
    };
    let last = state.attention.len().saturating_sub(1);
    match state.keymap.lookup(Context::Attention, key) {
        Some(Action::MoveUp) => open.selected = open.selected.saturating_sub(1),
        Some(Action::MoveDown) => open.selected = (open.selected + 1).min(last),
        Some(Action::Open) => {
            if let Some(a) = state.attention.get(open.selected) {
                let id = a.booking.id;
                return detail::open(state, id);
            }
        }
        Some(Action::Back) => state.overlay = None,
        _ => {}
    }
    Vec::new()
}
