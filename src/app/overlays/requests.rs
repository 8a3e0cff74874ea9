//! The requests awaiting approval (Wix `CREATED`), opened with `V` on the
//! board and Today: each with its time, who, seats and service; `a` (or
//! `Enter`) approves the selected one (the engine re-checks the room and
//! refuses one that no longer fits), `x` asks a reason and declines it,
//! `Esc` closes. Pure.

use crate::app::action::Action;
use crate::app::effect::{Effect, Write};
use crate::app::keymap::{Context, Key};
use crate::app::overlays::form::Form;
use crate::app::state::{AppState, Overlay};
use crate::domain::Booking;

/// The list's selected row, of [`AppState::requests`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestsList {
    pub selected: usize,
}

/// Opens the list, or says no request is waiting.
pub fn open(state: &mut AppState) -> Vec<Effect> {
    if state.requests.is_empty() {
        state.info("no requests awaiting approval");
        return Vec::new();
    }
    state.overlay = Some(Overlay::Requests(RequestsList::default()));
    Vec::new()
}

/// Takes the list as loaded with the status bar's counts; an open list
/// keeps its row (within the new length) and closes once empty.
pub fn loaded(state: &mut AppState, list: Vec<Booking>) {
    state.requests = list;
    if let Some(Overlay::Requests(open)) = &mut state.overlay {
        if state.requests.is_empty() {
            state.overlay = None;
        } else {
            open.selected = open.selected.min(state.requests.len() - 1);
        }
    }
}

/// Handles a key while the list is open.
pub fn key(state: &mut AppState, key: Key) -> Vec<Effect> {
    let Some(Overlay::Requests(open)) = &mut state.overlay else {
        return Vec::new();
    };
    let last = state.requests.len().saturating_sub(1);
    match state.keymap.lookup(Context::Requests, key) {
        Some(Action::MoveUp) => open.selected = open.selected.saturating_sub(1),
        Some(Action::MoveDown) => open.selected = (open.selected + 1).min(last),
        Some(Action::ApproveRequest) => {
            if let Some(b) = state.requests.get(open.selected) {
                return vec![Effect::Write(Write::Confirm(b.id, Box::default()))];
            }
        }
        Some(Action::DeclineRequest) => {
            if let Some(b) = state.requests.get(open.selected).cloned() {
                let when = state.when(b.from, b.to);
                let key = state.next_key();
                state.overlay = Some(Overlay::Form(Box::new(Form::decline(&b, &when, key))));
            }
        }
        Some(Action::Back) => state.overlay = None,
        _ => {}
    }
    Vec::new()
}
