//! Actions on the selected slot or booking, the same from every screen and
//! the detail: reserve, book, confirm, cancel, edit, move, customer,
//! payment, attendance, delete, extend. They open the form for the job, or
//! ask the engine directly when there is nothing to ask. Pure.

use super::action::Action;
use super::effect::{Effect, Write};
use super::keymap::Context;
use super::overlays::form::{Form, STEPS};
use super::screens::board::{start_move, start_move_following};
use super::state::{AppState, Overlay, Screen};
use crate::domain::{Booking, BookingId, BookingStatus, PaymentStatus, Role, Transition};

/// The booking the user is pointing at: the open detail, the board's
/// selected booking, or the bookings list's selected row.
pub fn selected(state: &AppState) -> Option<&Booking> {
    if let Some(detail) = state.detail() {
        return detail.loaded.as_ref().map(|(b, _)| b);
    }
    match state.screen {
        Screen::Board => state.board.selected_booking(),
        Screen::Bookings => state.bookings.selected_booking(),
        Screen::Customers => state.customers.selected_history()?.first(),
        Screen::Activity => None,
        Screen::Today => state.today_sheet.selected_booking(state.now),
    }
}

/// A loaded booking by id, from any screen.
pub fn find_booking(state: &AppState, id: BookingId) -> Option<&Booking> {
    let board = state.board.view.iter().flat_map(|v| v.bookings.iter());
    let list = state.bookings.page.iter().flat_map(|p| p.bookings.iter());
    let today = state.today_sheet.bookings.iter();
    let detail = state
        .detail()
        .and_then(|d| d.loaded.as_ref())
        .map(|(b, _)| b)
        .into_iter();
    detail
        .chain(board)
        .chain(list)
        .chain(today)
        .chain(state.customers.selected_history().unwrap_or_default())
        .find(|b| b.id == id)
}

fn open_form(state: &mut AppState, form: Form) -> Vec<Effect> {
    state.overlay = Some(Overlay::Form(Box::new(form)));
    Vec::new()
}

/// Performs a slot or booking action.
pub fn act(state: &mut AppState, a: Action) -> Vec<Effect> {
    match a {
        Action::Reserve | Action::NewBooking => slot_action(state, a),
        Action::JoinWaitlist => super::waitlist::join(state),
        Action::LeaveWaitlist => super::waitlist::leave(state),
        // On the customers screen the customer is the one selected there,
        // whether or not they have bookings.
        Action::EditCustomer if state.screen == Screen::Customers && state.detail().is_none() => {
            let Some(c) = state.customers.selected_customer().cloned() else {
                state.error("no customer selected");
                return Vec::new();
            };
            let key = state.next_key();
            open_form(state, Form::edit_customer(&c, key))
        }
        _ => {
            let Some(b) = selected(state).cloned() else {
                state.error("select a booking first");
                return Vec::new();
            };
            on_booking(state, a, &b)
        }
    }
}

/// Opens the walk-in form: on the board for its selected slot when that
/// slot can still take someone (it has not ended and has room), else for
/// a service (the selected slot's, or the first) and the engine's choice
/// of slot.
pub fn walk_in(state: &mut AppState) -> Vec<Effect> {
    let Some(catalog) = state.catalog.as_ref() else {
        state.error("there is no catalog yet: no service to book");
        return Vec::new();
    };
    let names: Vec<String> = catalog.services.iter().map(|s| s.name.clone()).collect();
    let key = state.next_key();
    let selected = (state.screen == Screen::Board)
        .then(|| state.board.selected_slot().cloned())
        .flatten();
    let on_today = (state.screen == Screen::Today)
        .then(|| state.today_sheet.selected_booking(state.now))
        .flatten()
        .map(|b| b.service_id);
    let chosen = selected
        .as_ref()
        .map(|s| s.occurrence.service_id)
        .or(on_today)
        .and_then(|id| state.service(id))
        .map_or_else(
            || names.first().cloned().unwrap_or_default(),
            |s| s.name.clone(),
        );
    let today = state.today();
    let open_slot =
        selected.filter(|s| s.occurrence.date == today && s.unavailable.is_none() && s.free() > 0);
    let form = match &open_slot {
        Some(slot) => {
            let when = state.when(slot.occurrence.from, slot.occurrence.to);
            Form::walk_in(&names, &chosen, Some((slot, &when)), key)
        }
        None => Form::walk_in(&names, &chosen, None, key),
    };
    open_form(state, form)
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
    let Some(service) = state.service(slot.occurrence.service_id).cloned() else {
        return Vec::new();
    };
    if a == Action::Reserve {
        // The engine refuses these holds too; said here before a form is
        // filled in.
        let book = state
            .keymap
            .key_for(Context::Board, Action::NewBooking)
            .map_or_else(|| "book".to_owned(), |k| format!("{k} books"));
        if service.requires_approval {
            state.error(format!(
                "{} takes requests for approval, not holds: {book} a request",
                service.name
            ));
            return Vec::new();
        }
        if service.course.is_some() {
            state.error(format!(
                "{} is a course, booked whole: {book} a seat in every session",
                service.name
            ));
            return Vec::new();
        }
        return open_form(state, Form::reserve(&slot, &when, key));
    }
    let manager = state
        .signed_in
        .as_ref()
        .is_some_and(|m| m.role == Role::Manager);
    let mut form = Form::new_booking(&slot, &service, &when, key, manager);
    if let Some(kept) = state.kept.take().filter(|k| k.fresh(state.now)) {
        let region = state.phone_region().to_owned();
        form.fill_kept(&kept, &region);
    }
    open_form(state, form)
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
        Action::MoveFollowing => start_move_following(state, b),
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
            // A course's price (add-ons too) is paid once, on its first
            // session's booking.
            let session = state.course_session(b.service_id, b.slot_ref());
            let due = if crate::domain::course::carries_price(session) {
                b.amount_due(service.map_or(0, |s| s.price))
            } else {
                0
            };
            let key = state.next_key();
            open_form(state, Form::payment(b, due, &when, key))
        }
        Action::CheckIn => {
            if STEPS.iter().all(|(t, _)| b.status.apply(*t).is_err()) {
                return refuse(state, b.status, Transition::CheckIn);
            }
            let key = state.next_key();
            open_form(state, Form::attendance(b, &when, key))
        }
        Action::Delete => {
            let key = state.next_key();
            let approval = state.approval();
            open_form(state, Form::delete(b, &when, &approval, key))
        }
        Action::Refund if b.payment.status == PaymentStatus::Paid => {
            let key = state.next_key();
            let approval = state.approval();
            open_form(state, Form::refund(b, &when, &approval, key))
        }
        Action::ForceStatus => {
            let key = state.next_key();
            let approval = state.approval();
            open_form(state, Form::force_status(b, &when, &approval, key))
        }
        Action::Refund => {
            state.error(format!(
                "only a paid booking can be refunded; #{} is {}",
                b.id,
                b.payment.status.as_str()
            ));
            Vec::new()
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
