//! Who is at the desk: with staff defined, the desk waits for someone to
//! sign in (a name and a PIN) before anything else, can be locked
//! (`ctrl-l`), and its changes carry the member's name. With no staff it
//! runs as one anonymous manager, as a single desk always has. Pure.

use super::effect::Effect;
use super::keymap::{Context, Key};
use super::overlays::form::{Form, FormKind};
use super::state::{AppState, Overlay};
use crate::app::action::Action;
use crate::domain::{Failure, StaffMember};

/// Whether the open overlay is the sign-in form.
fn signing_in(state: &AppState) -> bool {
    matches!(&state.overlay, Some(Overlay::Form(f)) if f.kind == FormKind::SignIn)
}

/// Opens the sign-in form over an emptied desk, if the desk waits for a
/// sign-in and it is not open yet.
pub fn ask(state: &mut AppState) {
    if state.signed_out() && !signing_in(state) {
        let names: Vec<String> = state
            .staff
            .iter()
            .flatten()
            .map(|m| m.name.clone())
            .collect();
        state.overlay = Some(Overlay::Form(Box::new(Form::sign_in(&names))));
    }
}

/// Takes the active staff; signs out a member no longer among them.
pub fn staff_loaded(state: &mut AppState, staff: Vec<StaffMember>) {
    if let Some(me) = state
        .signed_in
        .take_if(|me| !staff.iter().any(|m| m.id == me.id))
    {
        state.error(format!("{} is no longer on the staff: signed out", me.name));
    }
    state.staff = Some(staff);
    ask(state);
}

/// Takes a sign-in's answer.
pub fn signed_in(state: &mut AppState, answer: Result<StaffMember, Failure>) {
    match answer {
        Ok(member) => {
            state.info(format!("signed in as {} ({})", member.name, member.role));
            state.signed_in = Some(member);
            state.last_change = None;
            if signing_in(state) {
                state.overlay = None;
            }
        }
        Err(failure) => {
            if let Some(Overlay::Form(form)) = &mut state.overlay {
                form.submitting = false;
                form.error = Some(failure.message.clone());
                if let Some(pin) = form.fields.iter_mut().find(|f| f.label == "PIN") {
                    pin.set_value("");
                }
            }
            state.error(failure.message);
        }
    }
}

/// `Lock`: sign out until someone signs in again.
pub fn lock(state: &mut AppState) -> Vec<Effect> {
    if state.staff.as_ref().is_none_or(Vec::is_empty) {
        state.error("no staff, so nothing to lock: add staff with `slotdesk staff add`");
        return Vec::new();
    }
    state.signed_in = None;
    state.last_change = None;
    state.overlay = None;
    // What one clerk typed is not the next one's to book.
    state.kept = None;
    state.info("locked: sign in to go on");
    ask(state);
    Vec::new()
}

/// While the desk waits for a sign-in, a key goes to the sign-in form, and
/// only quitting (not a typed `q`) does anything else. Returns `None` when
/// the desk is not waiting.
pub fn gate(state: &mut AppState, key: Key) -> Option<Vec<Effect>> {
    if !state.signed_out() {
        return None;
    }
    if key.typed_char().is_none() && state.keymap.lookup(Context::Global, key) == Some(Action::Quit)
    {
        state.quit = true;
        return Some(Vec::new());
    }
    ask(state);
    Some(super::overlays::form::key(state, key))
}
