//! The form overlay on the desk: a key goes to the open form; a valid
//! submit becomes the engine call (or the board's date, or the list's
//! filter), and the form stays open, marked submitting, until the answer.

use super::{Form, FormKind, FormOutcome, Submitted};
use crate::app::booking_actions::find_booking;
use crate::app::effect::Effect;
use crate::app::keymap::Key;
use crate::app::screens::bookings::apply_filter;
use crate::app::state::{AppState, Overlay};

/// Handles a key while a form is open.
pub fn key(state: &mut AppState, key: Key) -> Vec<Effect> {
    let Some(Overlay::Form(mut form)) = state.overlay.take() else {
        return Vec::new();
    };
    let region = state.phone_region().to_owned();
    match form.handle_key(key, &state.keymap, &region) {
        FormOutcome::Editing => {
            let search = form.picker_search();
            state.overlay = Some(Overlay::Form(form));
            search.map(Effect::FindCustomers).into_iter().collect()
        }
        FormOutcome::Cancelled => {
            state.info(format!("{}: discarded", form.title.to_lowercase()));
            Vec::new()
        }
        FormOutcome::Submit => submit(state, form),
    }
}

fn submit(state: &mut AppState, mut form: Box<Form>) -> Vec<Effect> {
    if form.kind == FormKind::FindFree {
        return match crate::app::screens::board::free_search(state, &form) {
            Ok(effect) => vec![effect],
            Err(message) => {
                form.error = Some(message);
                state.overlay = Some(Overlay::Form(form));
                Vec::new()
            }
        };
    }
    let service = match &form.kind {
        FormKind::NewBooking(_) | FormKind::Reserve(_) | FormKind::WalkIn(Some(_)) => {
            form.service.and_then(|id| state.service(id))
        }
        FormKind::WalkIn(None) => state.catalog.as_ref().and_then(|c| {
            let name = form.value(super::kinds::SERVICE);
            c.services.iter().find(|s| s.name == name)
        }),
        FormKind::ConfirmHold(id) | FormKind::EditBooking(id) => match &form.hold {
            Some(hold) => state.service(hold.service),
            None => find_booking(state, *id).and_then(|b| state.service(b.service_id)),
        },
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
            // From any screen (Today's `g` too) the day shows on the board.
            state.screen = crate::app::state::Screen::Board;
            state.board.date = date;
            state.board.view = None;
            vec![state.board.load()]
        }
        Ok(Submitted::Filter(filter)) => apply_filter(state, filter),
        Ok(Submitted::SignIn { name, pin }) => {
            form.submitting = true;
            state.overlay = Some(Overlay::Form(form));
            vec![Effect::SignIn { name, pin }]
        }
        Err(message) => {
            form.error = Some(message);
            state.overlay = Some(Overlay::Form(form));
            Vec::new()
        }
    }
}
