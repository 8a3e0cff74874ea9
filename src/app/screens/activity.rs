//! The activity screen: the journal, newest first; `Open` shows the booking
//! of the selected event. Its keys: the `Activity` table, then `Global`.
//! Pure.

use super::move_index;
use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::state::AppState;
use crate::domain::{BookingId, Event};

/// The activity screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActivityState {
    /// Newest first.
    pub events: Vec<Event>,
    pub selected: usize,
    /// Whether `events` has been loaded at least once.
    pub loaded: bool,
}

impl ActivityState {
    /// The booking of the selected event, if it has one.
    pub fn selected_booking(&self) -> Option<BookingId> {
        self.events.get(self.selected)?.booking_id
    }
}

/// Performs an activity action: rows and pages, open.
pub fn action(state: &mut AppState, a: Action) -> Vec<Effect> {
    let by = match a {
        Action::MoveUp => -1,
        Action::MoveDown => 1,
        Action::PageUp => -10,
        Action::PageDown => 10,
        Action::Open => {
            return match state.activity.selected_booking() {
                Some(id) => crate::app::overlays::detail::open(state, id),
                None => Vec::new(),
            };
        }
        _ => return Vec::new(),
    };
    let log = &mut state.activity;
    log.selected = move_index(log.selected, by, log.events.len());
    Vec::new()
}

/// Takes the newest events.
pub fn loaded(state: &mut AppState, events: Vec<Event>) {
    let log = &mut state.activity;
    log.selected = log.selected.min(events.len().saturating_sub(1));
    log.events = events;
    log.loaded = true;
}
