//! The booking detail overlay: one booking with its event history, opened
//! from a list, with the booking actions of the `Detail` table. Pure.

use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::keymap::{Context, Key};
use crate::app::state::{AppState, Overlay};
use crate::domain::{Booking, BookingId, Event};

/// The booking shown, and what was loaded of it.
#[derive(Debug, Clone, PartialEq)]
pub struct DetailState {
    /// The booking asked for.
    pub id: BookingId,
    /// It and its events, oldest first; `None` while loading.
    pub loaded: Option<(Booking, Vec<Event>)>,
}

/// Opens the detail of booking `id` and asks for it.
pub fn open(state: &mut AppState, id: BookingId) -> Vec<Effect> {
    state.overlay = Some(Overlay::Detail(Box::new(DetailState { id, loaded: None })));
    vec![Effect::LoadBooking(id)]
}

/// Takes a loaded booking, if the detail still shows it.
pub fn loaded(state: &mut AppState, booking: Booking, events: Vec<Event>) {
    if let Some(Overlay::Detail(detail)) = &mut state.overlay
        && detail.id == booking.id
    {
        detail.loaded = Some((booking, events));
    }
}

/// Handles a key while the detail is open.
pub fn key(state: &mut AppState, key: Key) -> Vec<Effect> {
    match state.keymap.lookup(Context::Detail, key) {
        Some(Action::Back) => {
            state.overlay = None;
            Vec::new()
        }
        Some(a) => crate::app::update::action(state, a),
        None => Vec::new(),
    }
}
