//! The list of bookings due a reminder, opened with `Z` on the board and
//! Today: each with its time, who, phone or email and the message to send;
//! `s` (or `Enter`) marks the selected one sent, `Esc` closes. Pure.

use crate::app::action::Action;
use crate::app::effect::{Effect, Write};
use crate::app::keymap::{Context, Key};
use crate::app::state::{AppState, Overlay};
use crate::domain::Reminder;

/// The list's selected row, of [`AppState::reminders`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RemindersList {
    pub selected: usize,
}

/// Opens the list, or says no reminder is due.
pub fn open(state: &mut AppState) -> Vec<Effect> {
    if state.reminders.is_empty() {
        state.info("no reminders due");
        return Vec::new();
    }
    state.overlay = Some(Overlay::Reminders(RemindersList::default()));
    Vec::new()
}

/// Takes the list as loaded with the status bar's counts; an open list
/// keeps its row (within the new length) and closes once empty.
pub fn loaded(state: &mut AppState, list: Vec<Reminder>) {
    state.reminders = list;
    if let Some(Overlay::Reminders(open)) = &mut state.overlay {
        if state.reminders.is_empty() {
            state.overlay = None;
        } else {
            open.selected = open.selected.min(state.reminders.len() - 1);
        }
    }
}

/// Handles a key while the list is open.
pub fn key(state: &mut AppState, key: Key) -> Vec<Effect> {
    let Some(Overlay::Reminders(open)) = &mut state.overlay else {
        return Vec::new();
    };
    let last = state.reminders.len().saturating_sub(1);
    match state.keymap.lookup(Context::Reminders, key) {
        Some(Action::MoveUp) => open.selected = open.selected.saturating_sub(1),
        Some(Action::MoveDown) => open.selected = (open.selected + 1).min(last),
        Some(Action::MarkReminderSent) => {
            if let Some(r) = state.reminders.get(open.selected) {
                return vec![Effect::Write(Write::ReminderSent(r.booking_id))];
            }
        }
        Some(Action::Back) => state.overlay = None,
        _ => {}
    }
    Vec::new()
}
