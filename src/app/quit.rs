//! Quitting: with holds this desk made still live, the desk asks first —
//! their seats would stay blocked until they lapse — and offers to release
//! them; it quits once every release has been answered. Pure.

use super::action::Action;
use super::effect::{Effect, Write};
use super::keymap::{Context, Key};
use super::state::{AppState, Overlay};
use crate::domain::{Booking, BookingId, BookingStatus, CancelRequest, ErrorKind, Failure};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// The reason a release at quitting records, the same as the release form's.
pub const RELEASED: &str = "hold released";

/// A hold this desk made, as the quit question lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskHold {
    /// When it lapses, UTC.
    pub expires_at: DateTime<Utc>,
    /// `Physio · Room 1 · Mon 23 Nov 10:00–11:00`.
    pub what: String,
}

/// The holds this desk made that are still held as far as it knows, by id.
pub type DeskHolds = BTreeMap<BookingId, DeskHold>;

/// The question on the screen while quitting waits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuitPrompt {
    /// The live holds it asks about, in id order.
    pub holds: Vec<BookingId>,
    /// Releases asked for and not yet answered; the desk quits when the
    /// last is answered and none was refused.
    pub releasing: Vec<BookingId>,
    /// Releases that failed for a fault (the database, the file), with its
    /// words: the desk stays open to say so.
    pub refused: Vec<(BookingId, String)>,
}

/// Keeps `holds` in step with a booking this desk just wrote: a hold it
/// made (`made`: held, or brought back by an undo) or still knows is added
/// or updated; anything else that is no longer held is dropped.
pub fn track(state: &mut AppState, b: &Booking, made: bool) {
    if b.status == BookingStatus::Held && (made || state.desk_holds.contains_key(&b.id)) {
        if let Some(expires_at) = b.hold_expires_at {
            let what = format!(
                "{} · {} · {}",
                b.service_name,
                b.resource_name,
                state.when(b.from, b.to)
            );
            state.desk_holds.insert(b.id, DeskHold { expires_at, what });
        }
    } else {
        state.desk_holds.remove(&b.id);
    }
}

/// Keeps `holds` in step with bookings loaded for a screen (another
/// desk may have confirmed, released or extended one): a hold of this
/// desk's seen as anything but a live hold is dropped, an extension kept.
pub fn seen(state: &mut AppState, bookings: &[Booking]) {
    let now = state.now;
    for b in bookings {
        if let Some(h) = state.desk_holds.get_mut(&b.id) {
            match b.hold_expires_at {
                Some(expires_at) if b.status == BookingStatus::Held && expires_at > now => {
                    h.expires_at = expires_at;
                }
                _ => {
                    state.desk_holds.remove(&b.id);
                }
            }
        }
    }
}

/// The holds of this desk still live at `state.now`, in id order.
fn live(state: &mut AppState) -> Vec<BookingId> {
    let now = state.now;
    state.desk_holds.retain(|_, h| h.expires_at > now);
    state.desk_holds.keys().copied().collect()
}

/// Quit, or ask first when this desk's holds are live at `state.now`.
/// A desk that can no longer write (its file replaced or deleted) cannot
/// release anything, so it quits without asking.
pub fn quit(state: &mut AppState) -> Vec<Effect> {
    let holds = live(state);
    if holds.is_empty() || state.alert.is_some() {
        state.quit = true;
    } else {
        state.overlay = Some(Overlay::Quit(QuitPrompt {
            holds,
            releasing: Vec::new(),
            refused: Vec::new(),
        }));
    }
    Vec::new()
}

/// A key while the quit question is open: release and quit, quit keeping
/// them, or stay. While releases are on their way only quitting works.
pub fn key(state: &mut AppState, key: Key) -> Vec<Effect> {
    let Some(Overlay::Quit(prompt)) = &state.overlay else {
        return Vec::new();
    };
    let waiting = !prompt.releasing.is_empty();
    match state.keymap.lookup(Context::Quit, key) {
        Some(Action::Quit) => {
            state.quit = true;
            Vec::new()
        }
        _ if waiting => Vec::new(),
        Some(Action::ReleaseAndQuit) => release(state),
        Some(Action::Back) => {
            state.overlay = None;
            state.info("not quitting: the holds stay");
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Asks the engine to release each hold still live (only while it is
/// still a hold); quits at once when none is.
fn release(state: &mut AppState) -> Vec<Effect> {
    let holds = live(state);
    if holds.is_empty() {
        state.quit = true;
        return Vec::new();
    }
    let effects = holds
        .iter()
        .map(|id| {
            let key = state.next_key();
            Effect::Write(Write::Cancel(
                *id,
                CancelRequest {
                    reason: RELEASED.to_owned(),
                    idempotency_key: Some(key),
                    only_hold: true,
                },
            ))
        })
        .collect();
    if let Some(Overlay::Quit(prompt)) = &mut state.overlay {
        prompt.holds.clone_from(&holds);
        prompt.releasing = holds;
        prompt.refused.clear();
    }
    state.info("releasing this desk's holds…");
    effects
}

/// Takes in the answer to a release asked for while quitting: once every
/// release is answered the desk quits, unless one failed for a fault (the
/// question then stays, with why). A refusal because the booking is no
/// longer a hold (confirmed or released elsewhere, lapsed) leaves nothing
/// to release: it counts as done.
pub fn answered(state: &mut AppState, write: &Write, failure: Option<&Failure>) {
    let Write::Cancel(id, _) = write else {
        return;
    };
    let Some(Overlay::Quit(prompt)) = &mut state.overlay else {
        return;
    };
    let Some(at) = prompt.releasing.iter().position(|r| r == id) else {
        return;
    };
    prompt.releasing.remove(at);
    state.desk_holds.remove(id);
    if let Some(f) = failure.filter(|f| f.kind == ErrorKind::Fault) {
        prompt.refused.push((*id, f.message.clone()));
    }
    if !prompt.releasing.is_empty() {
        return;
    }
    if prompt.refused.is_empty() {
        state.quit = true;
        return;
    }
    prompt.holds = state.desk_holds.keys().copied().collect();
}
