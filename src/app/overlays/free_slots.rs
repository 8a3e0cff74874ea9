//! Next free slot: the search form's result, or a full slot's three
//! nearest alternatives, as a list over the board; `Enter` shows the
//! chosen slot on the board, selected. Pure.

use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::keymap::{Context, Key};
use crate::app::state::{AppState, Overlay, Screen};
use crate::domain::availability::Slot;
use crate::domain::free_slots::{FreeSlotSearch, SEARCH_DAYS};

/// How many alternatives a full slot offers.
pub const NEAREST: usize = 3;
/// How many slots the search form lists.
pub const FOUND: usize = 10;

/// The list while open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeSlotsList {
    /// What was asked (its words head the list).
    pub search: FreeSlotSearch,
    /// What the list is of: `free slots of Mat Pilates` or `nearest free
    /// after 18:30 Mat Pilates`.
    pub title: String,
    /// In start order.
    pub slots: Vec<Slot>,
    pub selected: usize,
}

/// Takes the slots found for `search` with `title`: opens the list, or
/// says none was found.
pub fn found(state: &mut AppState, search: FreeSlotSearch, title: String, slots: Vec<Slot>) {
    if slots.is_empty() {
        state.error(format!(
            "{title}: none with room in the next {SEARCH_DAYS} days"
        ));
        return;
    }
    state.overlay = Some(Overlay::FreeSlots(FreeSlotsList {
        search,
        title,
        slots,
        selected: 0,
    }));
}

/// Handles a key while the list is open.
pub fn key(state: &mut AppState, key: Key) -> Vec<Effect> {
    let Some(Overlay::FreeSlots(list)) = &mut state.overlay else {
        return Vec::new();
    };
    let last = list.slots.len().saturating_sub(1);
    match state.keymap.lookup(Context::FreeSlots, key) {
        Some(Action::MoveUp) => list.selected = list.selected.saturating_sub(1),
        Some(Action::MoveDown) => list.selected = (list.selected + 1).min(last),
        Some(Action::Open) => {
            let Some(slot) = list.slots.get(list.selected).cloned() else {
                return Vec::new();
            };
            state.overlay = None;
            state.screen = Screen::Board;
            state.board.week = None;
            state.board.select_slot = Some(slot.occurrence.slot_ref());
            let when = state.when(slot.occurrence.from, slot.occurrence.to);
            state.info(format!(
                "{} · {} · {when}: r reserves it, n books it",
                slot.service_name, slot.resource_name
            ));
            return crate::app::screens::board::go_to(state, slot.occurrence.date);
        }
        Some(Action::Back) => state.overlay = None,
        _ => {}
    }
    Vec::new()
}
