//! Quitting: with holds this desk made still live, the desk asks first —
//! their seats would stay blocked until they lapse — and offers to release
//! them; it quits once every release has been answered. Pure.

use super::action::Action;
use super::effect::{Effect, Write};
use super::keymap::{Context, Key};
use super::state::{AppState, Overlay};
use crate::domain::{Booking, BookingId, BookingStatus, CancelRequest};
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
    /// Releases the engine refused (another desk confirmed the hold, …),
    /// with its words: the desk stays open to say so.
    pub refused: Vec<(BookingId, String)>,
}

/// Keeps `holds` in step with a booking this desk just wrote: a hold it
/// made (`made`) or still knows is added or updated; anything else that
/// is no longer held is dropped.
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

/// Quit, or ask first when this desk's holds are live at `state.now`.
pub fn quit(state: &mut AppState) -> Vec<Effect> {
    let now = state.now;
    state.desk_holds.retain(|_, h| h.expires_at > now);
    if state.desk_holds.is_empty() {
        state.quit = true;
    } else {
        state.overlay = Some(Overlay::Quit(QuitPrompt {
            holds: state.desk_holds.keys().copied().collect(),
            releasing: Vec::new(),
            refused: Vec::new(),
        }));
    }
    Vec::new()
}

/// A key while the quit question is open: release and quit, quit keeping
/// them, or stay. Keys wait while releases are on their way.
pub fn key(state: &mut AppState, key: Key) -> Vec<Effect> {
    let Some(Overlay::Quit(prompt)) = &state.overlay else {
        return Vec::new();
    };
    if !prompt.releasing.is_empty() {
        return Vec::new();
    }
    match state.keymap.lookup(Context::Quit, key) {
        Some(Action::ReleaseAndQuit) if prompt.holds.is_empty() => {
            state.quit = true;
            Vec::new()
        }
        Some(Action::ReleaseAndQuit) => {
            let holds = prompt.holds.clone();
            let effects = holds
                .iter()
                .map(|id| {
                    let key = state.next_key();
                    Effect::Write(Write::Cancel(
                        *id,
                        CancelRequest {
                            reason: RELEASED.to_owned(),
                            idempotency_key: Some(key),
                        },
                    ))
                })
                .collect();
            if let Some(Overlay::Quit(prompt)) = &mut state.overlay {
                prompt.releasing = holds;
                prompt.refused.clear();
            }
            state.info("releasing this desk's holds…");
            effects
        }
        Some(Action::Quit) => {
            state.quit = true;
            Vec::new()
        }
        Some(Action::Back) => {
            state.overlay = None;
            state.info("not quitting: the holds stay");
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Takes in the answer to a release asked for while quitting: once every
/// release is answered the desk quits, unless one was refused (then the
/// question stays with why).
pub fn answered(state: &mut AppState, write: &Write, refusal: Option<&str>) {
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
    if let Some(why) = refusal {
        prompt.refused.push((*id, why.to_owned()));
    }
    if !prompt.releasing.is_empty() {
        return;
    }
    if prompt.refused.is_empty() {
        state.quit = true;
        return;
    }
    // What could not be released is not this desk's to release any more
    // (or the engine says why not): the question lists what is left.
    for (refused, _) in &prompt.refused {
        state.desk_holds.remove(refused);
    }
    prompt.holds = state.desk_holds.keys().copied().collect();
}
