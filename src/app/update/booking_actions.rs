//! Actions on the selected slot or booking: reserve, book, confirm, cancel,
//! edit, move, customer, payment, attendance, delete, extend. They open the
//! form for the job, or ask the engine directly when there is nothing to ask.

use super::board_load;
use crate::app::action::Action;
use crate::app::effect::{Effect, Write};
use crate::app::form::Form;
use crate::app::state::{AppState, Overlay, Screen};
use crate::domain::{Booking, BookingId, BookingStatus, Transition};

/// The booking the user is pointing at: the open detail, the board's
/// selected booking, or the bookings list's selected row.
pub fn selected(state: &AppState) -> Option<&Booking> {
    if let (Some(Overlay::Detail), Some((b, _))) = (&state.overlay, &state.bookings.detail) {
        return Some(b);
    }
    match state.screen {
        Screen::Board => state.board.selected_booking(),
        Screen::Bookings => state.bookings.selected_booking(),
        Screen::Customers => state.customers.history.first(),
        Screen::Activity => None,
    }
}

/// A loaded booking by id, from any screen.
pub fn find_booking(state: &AppState, id: BookingId) -> Option<&Booking> {
    let board = state.board.view.iter().flat_map(|v| v.bookings.iter());
    let list = state.bookings.page.iter().flat_map(|p| p.bookings.iter());
    let detail = state.bookings.detail.iter().map(|(b, _)| b);
    detail
        .chain(board)
        .chain(list)
        .chain(state.customers.history.iter())
        .find(|b| b.id == id)
}

fn open_form(state: &mut AppState, form: Form) -> Vec<Effect> {
    state.overlay = Some(Overlay::Form(Box::new(form)));
    Vec::new()
}

/// `Enter`: move here (when moving), else open the booking's detail.
pub fn open(state: &mut AppState) -> Vec<Effect> {
    if state.screen == Screen::Board
        && let Some(id) = state.board.moving
    {
        let Some(slot) = state.board.selected_slot() else {
            return Vec::new();
        };
        let target = slot.occurrence.slot_ref();
        return vec![Effect::Write(Write::Move(id, target))];
    }
    let id = match state.screen {
        Screen::Activity => state.activity.selected_booking(),
        _ => selected(state).map(|b| b.id),
    };
    match id {
        Some(id) => {
            state.overlay = Some(Overlay::Detail);
            vec![Effect::LoadBooking(id)]
        }
        None => Vec::new(),
    }
}

/// Performs a slot or booking action.
pub fn booking_action(state: &mut AppState, a: Action) -> Vec<Effect> {
    match a {
        Action::Reserve | Action::NewBooking => slot_action(state, a),
        _ => {
            let Some(b) = selected(state).cloned() else {
                state.error("select a booking first");
                return Vec::new();
            };
            on_booking(state, a, &b)
        }
    }
}

fn slot_action(state: &mut AppState, a: Action) -> Vec<Effect> {
    if state.screen != Screen::Board {
        state.error("pick a slot on the day board (1) first");
        return Vec::new();
    }
    let Some(slot) = state.board.selected_slot().cloned() else {
        state.error("no slot selected");
        return Vec::new();
    };
    if let Some(reason) = &slot.unavailable {
        // The engine's words already say what blocks or closes it.
        state.error(reason.to_error().to_string());
        return Vec::new();
    }
    let when = state.when(slot.occurrence.from, slot.occurrence.to);
    let key = state.next_key();
    if a == Action::Reserve {
        return open_form(state, Form::reserve(&slot, &when, key));
    }
    match state.service(slot.occurrence.service_id).cloned() {
        Some(service) => open_form(state, Form::new_booking(&slot, &service, &when, key)),
        None => Vec::new(),
    }
}

fn on_booking(state: &mut AppState, a: Action, b: &Booking) -> Vec<Effect> {
    let when = state.when(b.from, b.to);
    let service = state.service(b.service_id).cloned();
    match a {
        Action::Confirm => match (b.status, service) {
            (BookingStatus::Held, Some(service)) => {
                let key = state.next_key();
                open_form(state, Form::confirm_hold(b, &service, &when, key))
            }
            (BookingStatus::Pending, _) => {
                vec![Effect::Write(Write::Confirm(b.id, Box::default()))]
            }
            (status, _) => refuse(state, status, Transition::Confirm),
        },
        Action::Cancel => match b.status.apply(Transition::Cancel) {
            Ok(_) => {
                let key = state.next_key();
                open_form(state, Form::cancel(b, &when, key))
            }
            Err(e) => {
                state.error(e.to_string());
                Vec::new()
            }
        },
        Action::EditBooking => match service {
            Some(service) if b.status.holds_capacity() => {
                let key = state.next_key();
                open_form(state, Form::edit_booking(b, &service, &when, key))
            }
            _ => {
                state.error(format!("cannot edit a booking that is {}", b.status));
                Vec::new()
            }
        },
        Action::MoveBooking => start_move(state, b),
        Action::EditCustomer => match &b.customer {
            Some(c) => {
                let key = state.next_key();
                open_form(state, Form::edit_customer(c, key))
            }
            None => {
                state.error("this hold has no customer yet: confirm it (c) to add one");
                Vec::new()
            }
        },
        Action::RecordPayment => {
            let per_seat = service.map_or(0, |s| s.price);
            let due = per_seat * i64::from(b.participants)
                + b.add_ons.iter().map(|l| l.price).sum::<i64>();
            let key = state.next_key();
            open_form(state, Form::payment(b, due, &when, key))
        }
        Action::CheckIn => {
            if [
                Transition::CheckIn,
                Transition::NoShow,
                Transition::Complete,
            ]
            .iter()
            .all(|t| b.status.apply(*t).is_err())
            {
                return refuse(state, b.status, Transition::CheckIn);
            }
            let key = state.next_key();
            open_form(state, Form::attendance(b, &when, key))
        }
        Action::Delete => {
            let key = state.next_key();
            open_form(state, Form::delete(b, &when, key))
        }
        Action::ExtendHold => {
            if b.status == BookingStatus::Held {
                vec![Effect::Write(Write::Extend(b.id))]
            } else {
                state.error(format!(
                    "only a hold can be extended; this booking is {}",
                    b.status
                ));
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}

fn refuse(state: &mut AppState, status: BookingStatus, t: Transition) -> Vec<Effect> {
    if let Err(e) = status.apply(t) {
        state.error(e.to_string());
    }
    Vec::new()
}

/// Move mode: show the booking's day on the board; `Enter` on a slot moves it.
fn start_move(state: &mut AppState, b: &Booking) -> Vec<Effect> {
    if !b.status.can_move() {
        state.error(format!("cannot move a booking that is {}", b.status));
        return Vec::new();
    }
    state.board.moving = Some(b.id);
    state.overlay = None;
    state.bookings.detail = None;
    state.info(format!(
        "moving booking #{}: pick a slot of {} and press Enter (Esc to cancel)",
        b.id, b.service_name
    ));
    if state.screen == Screen::Board && state.board.date == b.date {
        return Vec::new();
    }
    state.screen = Screen::Board;
    state.board.week = None;
    state.board.date = b.date;
    vec![board_load(state)]
}
