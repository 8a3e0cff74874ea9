//! `update(state, msg) -> effects`: every change of the desk's state, with
//! no I/O and no clock (time arrives in `Msg::Tick`).

mod actions;
mod booking_actions;
mod keys;
mod loaded;

use super::effect::Effect;
use super::msg::Msg;
use super::state::{AppState, Screen};

/// The effects to run when the desk opens.
pub fn init(state: &mut AppState) -> Vec<Effect> {
    state.board.date = state.today();
    vec![Effect::LoadCatalog, Effect::CountHolds]
}

/// Applies `msg` to `state` and returns the I/O it asks for.
pub fn update(state: &mut AppState, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => keys::key(state, &key),
        Msg::Action(action) => actions::action(state, action),
        Msg::Tick(now) => {
            let new_day = now.with_timezone(&state.tz()).date_naive() != state.today();
            state.now = now;
            let mut effects = vec![Effect::Sweep, Effect::PollChanges];
            if new_day {
                effects.push(Effect::CountHolds);
            }
            effects
        }
        Msg::DatabaseChanged => {
            let mut effects = vec![Effect::LoadCatalog, Effect::CountHolds];
            effects.extend(reload(state));
            effects
        }
        other => loaded::loaded(state, other),
    }
}

/// The loads that refresh what the current screen shows.
pub(crate) fn reload(state: &AppState) -> Vec<Effect> {
    if state.first_run {
        return Vec::new();
    }
    let mut effects = match state.screen {
        Screen::Board => vec![board_load(state)],
        Screen::Bookings => vec![Effect::LoadBookings(state.bookings.query.clone())],
        Screen::Customers => {
            let mut e = vec![Effect::LoadCustomers];
            if let Some(c) = state.customers.selected_customer() {
                e.push(Effect::LoadCustomerHistory(c.id));
            }
            e
        }
        Screen::Activity => vec![Effect::LoadActivity],
    };
    if let Some((b, _)) = &state.bookings.detail {
        effects.push(Effect::LoadBooking(b.id));
    }
    effects
}

/// The load for the board as it is set (day or week).
pub(crate) fn board_load(state: &AppState) -> Effect {
    match state.board.week {
        Some(resource) => Effect::LoadWeek(resource, state.board.date),
        None => Effect::LoadDay(state.board.date),
    }
}

#[cfg(test)]
mod tests;
