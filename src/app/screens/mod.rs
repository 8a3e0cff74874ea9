//! The five screens, each with its state, its actions and what it takes in
//! from the runtime: the day board, bookings, customers, activity and
//! today's run sheet.

pub mod activity;
pub mod board;
pub mod bookings;
pub mod customers;
pub mod today;

use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::state::{AppState, Screen};

/// Shows `screen` (closing any overlay) and loads what it shows.
pub fn show(state: &mut AppState, screen: Screen) -> Vec<Effect> {
    state.screen = screen;
    state.overlay = None;
    if screen == Screen::Bookings {
        bookings::first_shown(state);
    }
    reload(state)
}

/// Performs an action of the screen shown: moving, paging, searching,
/// opening, stepping back.
pub fn action(state: &mut AppState, a: Action) -> Vec<Effect> {
    match state.screen {
        Screen::Board => board::action(state, a),
        Screen::Bookings => bookings::action(state, a),
        Screen::Customers => customers::action(state, a),
        Screen::Activity => activity::action(state, a),
        Screen::Today => today::action(state, a),
    }
}

/// The loads that refresh what the screen and the open detail show.
pub fn reload(state: &AppState) -> Vec<Effect> {
    if state.first_run {
        return Vec::new();
    }
    let mut effects = match state.screen {
        Screen::Board => vec![state.board.load()],
        Screen::Bookings => vec![Effect::LoadBookings(state.bookings.query.clone())],
        Screen::Customers => {
            // The history follows once the list has loaded and says who is selected.
            vec![state.customers.load()]
        }
        Screen::Activity => vec![Effect::LoadActivity(state.activity.filter.clone())],
        Screen::Today => vec![today::load(state), Effect::LoadTakings(state.today())],
    };
    if let Some(detail) = state.detail() {
        effects.push(Effect::LoadBooking(detail.id));
    }
    effects
}

/// `at` moved by `by` rows within a list of `len`.
fn move_index(at: usize, by: i32, len: usize) -> usize {
    let next = at as i64 + i64::from(by);
    next.clamp(0, len.saturating_sub(1) as i64) as usize
}
