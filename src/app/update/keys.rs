//! Routing a key: the open form, the palette, help, the customer search box,
//! then the keymap of the screen and the global one.

use super::actions::action;
use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::form::{FormKind, FormOutcome, Submitted};
use crate::app::keymap::{Context, Key};
use crate::app::state::{AppState, Overlay, Screen};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Handles one key press.
pub fn key(state: &mut AppState, event: &KeyEvent) -> Vec<Effect> {
    match state.overlay.take() {
        Some(Overlay::Form(mut form)) => {
            let region = state.phone_region().to_owned();
            match form.handle_key(event, &region) {
                FormOutcome::Editing => {
                    state.overlay = Some(Overlay::Form(form));
                    Vec::new()
                }
                FormOutcome::Cancelled => {
                    state.info(format!("{}: discarded", form.title.to_lowercase()));
                    Vec::new()
                }
                FormOutcome::Submit => submit(state, form),
            }
        }
        Some(Overlay::Help) => {
            if !matches!(
                event.code,
                KeyCode::Esc | KeyCode::Char('?' | 'q') | KeyCode::Enter
            ) {
                state.overlay = Some(Overlay::Help);
            }
            Vec::new()
        }
        Some(Overlay::Palette { filter, selected }) => palette(state, event, filter, selected),
        Some(Overlay::Detail) => {
            state.overlay = Some(Overlay::Detail);
            let k = Key::from_event(event);
            match state.keymap.lookup(Context::Bookings, k) {
                Some(Action::Back | Action::Open) => {
                    state.overlay = None;
                    state.bookings.detail = None;
                    Vec::new()
                }
                Some(a) if is_booking_action(a) || matches!(a, Action::Quit | Action::Help) => {
                    action(state, a)
                }
                _ => Vec::new(),
            }
        }
        None if state.screen == Screen::Customers && state.customers.searching => {
            search_key(state, event)
        }
        None => {
            let k = Key::from_event(event);
            match state.keymap.lookup(state.screen.context(), k) {
                Some(a) => action(state, a),
                None => Vec::new(),
            }
        }
    }
}

/// Whether `a` acts on a selected booking.
pub fn is_booking_action(a: Action) -> bool {
    matches!(
        a,
        Action::Confirm
            | Action::Cancel
            | Action::EditBooking
            | Action::MoveBooking
            | Action::EditCustomer
            | Action::RecordPayment
            | Action::CheckIn
            | Action::Delete
            | Action::ExtendHold
    )
}

fn submit(state: &mut AppState, mut form: Box<crate::app::form::Form>) -> Vec<Effect> {
    let service = match &form.kind {
        FormKind::NewBooking(slot) | FormKind::Reserve(slot) => state
            .board
            .view
            .as_ref()
            .and_then(|v| v.slots.iter().find(|s| s.occurrence.slot_ref() == *slot))
            .and_then(|s| state.service(s.occurrence.service_id)),
        FormKind::ConfirmHold(id) | FormKind::EditBooking(id) => {
            super::booking_actions::find_booking(state, *id)
                .and_then(|b| state.service(b.service_id))
        }
        _ => None,
    }
    .cloned();
    match form.submission(service.as_ref()) {
        Ok(Submitted::Write(write)) => {
            form.submitting = true;
            state.overlay = Some(Overlay::Form(form));
            vec![Effect::Write(write)]
        }
        Ok(Submitted::GoTo(date)) => {
            state.board.date = date;
            state.board.view = None;
            vec![super::board_load(state)]
        }
        Ok(Submitted::Filter(filter)) => super::actions::apply_filter(state, filter),
        Err(message) => {
            form.error = Some(message);
            state.overlay = Some(Overlay::Form(form));
            Vec::new()
        }
    }
}

fn palette(
    state: &mut AppState,
    event: &KeyEvent,
    mut filter: String,
    mut selected: usize,
) -> Vec<Effect> {
    let matches = Action::matching(&filter);
    match event.code {
        KeyCode::Esc => return Vec::new(),
        KeyCode::Enter => {
            return match matches.get(selected) {
                Some(a) => action(state, *a),
                None => Vec::new(),
            };
        }
        KeyCode::Up => selected = selected.saturating_sub(1),
        KeyCode::Down => selected = (selected + 1).min(matches.len().saturating_sub(1)),
        KeyCode::Backspace => {
            filter.pop();
            selected = 0;
        }
        KeyCode::Char(c) if !event.modifiers.contains(KeyModifiers::CONTROL) => {
            filter.push(c);
            selected = 0;
        }
        _ => {}
    }
    state.overlay = Some(Overlay::Palette { filter, selected });
    Vec::new()
}

fn search_key(state: &mut AppState, event: &KeyEvent) -> Vec<Effect> {
    let c = &mut state.customers;
    match event.code {
        KeyCode::Esc => {
            c.searching = false;
            c.search.clear();
            c.refilter();
        }
        KeyCode::Enter => c.searching = false,
        KeyCode::Up => c.selected = c.selected.saturating_sub(1),
        KeyCode::Down => c.selected = (c.selected + 1).min(c.matches.len().saturating_sub(1)),
        KeyCode::Backspace => {
            c.search.pop();
            c.refilter();
        }
        KeyCode::Char(ch) if !event.modifiers.contains(KeyModifiers::CONTROL) => {
            c.search.push(ch);
            c.selected = 0;
            c.refilter();
        }
        _ => return Vec::new(),
    }
    match state.customers.selected_customer() {
        Some(customer) => vec![Effect::LoadCustomerHistory(customer.id)],
        None => {
            state.customers.history.clear();
            Vec::new()
        }
    }
}
