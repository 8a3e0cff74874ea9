//! The activity screen: the journal, newest first; `Open` shows the booking
//! of the selected event, and the filters narrow it to that event's
//! booking, customer or staff member (`Back` shows every event again). Its
//! keys: the `Activity` table, then `Global`. Pure.

use super::move_index;
use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::state::AppState;
use crate::domain::{BookingId, Event, EventFilter};

/// At most this many events are listed, newest first.
pub const ACTIVITY_ROWS: usize = 300;

/// The activity screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActivityState {
    /// Newest first.
    pub events: Vec<Event>,
    pub selected: usize,
    /// Whether `events` has been loaded at least once.
    pub loaded: bool,
    /// Which events are asked for; `events` answer it once loaded.
    pub filter: EventFilter,
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
        Action::FilterBooking | Action::FilterCustomer | Action::FilterStaff => {
            return narrow(state, a);
        }
        Action::Back if !state.activity.filter.is_empty() => {
            return show(state, EventFilter::default());
        }
        _ => return Vec::new(),
    };
    let log = &mut state.activity;
    log.selected = move_index(log.selected, by, log.events.len());
    Vec::new()
}

/// Narrows the log to the selected event's booking, customer or staff
/// member (on top of the filter already set), or says why it cannot.
fn narrow(state: &mut AppState, a: Action) -> Vec<Effect> {
    let log = &state.activity;
    let Some(event) = log.events.get(log.selected) else {
        state.error("no event selected");
        return Vec::new();
    };
    let mut filter = log.filter.clone();
    let why = match a {
        Action::FilterBooking => match event.booking_id {
            Some(id) => {
                filter.booking = Some(id);
                None
            }
            None => Some("this event is not about a booking"),
        },
        Action::FilterCustomer => match event.customer_id {
            Some(id) => {
                filter.customer = Some(id);
                None
            }
            None => Some("this event names no customer"),
        },
        _ => match &event.staff {
            Some(name) => {
                filter.staff = Some(name.clone());
                None
            }
            None => Some("no staff member signed this event"),
        },
    };
    match why {
        Some(why) => {
            state.error(why);
            Vec::new()
        }
        None => show(state, filter),
    }
}

/// Asks for the events `filter` keeps, from the newest.
fn show(state: &mut AppState, filter: EventFilter) -> Vec<Effect> {
    state.activity.filter = filter.clone();
    state.activity.selected = 0;
    vec![Effect::LoadActivity(filter)]
}

/// Takes the newest events `filter` keeps, if it is still the one asked
/// for (a late answer to another filter is dropped).
pub fn loaded(state: &mut AppState, filter: &EventFilter, events: Vec<Event>) {
    let log = &mut state.activity;
    if filter != &log.filter {
        return;
    }
    log.selected = log.selected.min(events.len().saturating_sub(1));
    log.events = events;
    log.loaded = true;
}
