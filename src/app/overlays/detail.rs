//! The booking detail overlay: one booking with its event history, opened
//! from a list, with the booking actions of the `Detail` table; it scrolls
//! (a line, a page, either end) when it is taller than the screen. Pure.

use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::keymap::{Context, Key};
use crate::app::overlays::scroll::Scroll;
use crate::app::state::{AppState, Overlay};
use crate::domain::{Booking, BookingId, Event};

/// The booking shown, and what was loaded of it.
#[derive(Debug, Clone, PartialEq)]
pub struct DetailState {
    /// The booking asked for.
    pub id: BookingId,
    /// It and its events, oldest first; `None` while loading.
    pub loaded: Option<(Booking, Vec<Event>)>,
    /// Where the reading is, kept when the booking reloads.
    pub scroll: Scroll,
}

impl DetailState {
    /// Booking `id`'s detail, loading, at its top.
    pub fn new(id: BookingId) -> Self {
        Self {
            id,
            loaded: None,
            scroll: Scroll::default(),
        }
    }
}

/// Opens the detail of booking `id` and asks for it.
pub fn open(state: &mut AppState, id: BookingId) -> Vec<Effect> {
    state.overlay = Some(Overlay::Detail(Box::new(DetailState::new(id))));
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

/// Handles a key while the detail is open: scrolling, closing, or the
/// booking's actions.
pub fn key(state: &mut AppState, key: Key) -> Vec<Effect> {
    let action = state.keymap.lookup(Context::Detail, key);
    if let (Some(a), Some(Overlay::Detail(detail))) = (action, &mut state.overlay)
        && detail.scroll.apply(a)
    {
        return Vec::new();
    }
    match action {
        Some(Action::Back) => {
            state.overlay = None;
            Vec::new()
        }
        Some(a) => crate::app::update::action(state, a),
        None => Vec::new(),
    }
}
