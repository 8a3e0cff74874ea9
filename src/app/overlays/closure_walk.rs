//! The closure walk-through: after a closure strands live bookings, the
//! desk goes through them one by one — move (the board's move mode), cancel
//! (the cancel form with the closure's reason filled in), or skip (it stays
//! listed as needing attention, `A`). The walk comes back on top whenever
//! the move or the form it opened is done or given up. Also the board's
//! `C`: the closure form, or on a slot a desk closure closes, the reopen
//! form. Pure.

use crate::app::action::Action;
use crate::app::effect::{Effect, Write};
use crate::app::keymap::{Context, Key};
use crate::app::overlays::form::{FieldKind, Form};
use crate::app::screens::board::start_move;
use crate::app::state::{AppState, Overlay, Screen};
use crate::domain::availability::Unavailable;
use crate::domain::{Booking, BookingId, ClosureAdded, ClosureEntry, ClosureOrigin};

/// What the clerk did with one stranded booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Moved,
    Cancelled,
    /// Left for later: still listed as needing attention.
    Skipped,
}

impl Outcome {
    /// The word the walk shows beside the booking.
    pub fn word(self) -> &'static str {
        match self {
            Self::Moved => "moved",
            Self::Cancelled => "cancelled",
            Self::Skipped => "skipped",
        }
    }
}

/// A walk through the bookings one closure stranded, in time order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosureWalk {
    /// The closure made.
    pub closure: ClosureEntry,
    /// The bookings it stranded, as they stood when it was made.
    pub stranded: Vec<Booking>,
    /// The one being dealt with, of `stranded`.
    pub at: usize,
    /// What was done with each, by position in `stranded`.
    pub outcomes: Vec<Option<Outcome>>,
}

impl ClosureWalk {
    /// The booking being dealt with.
    pub fn current(&self) -> Option<&Booking> {
        self.stranded.get(self.at)
    }

    /// How many got each outcome: moved, cancelled, skipped.
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |o| self.outcomes.iter().filter(|x| **x == Some(o)).count();
        (
            n(Outcome::Moved),
            n(Outcome::Cancelled),
            n(Outcome::Skipped),
        )
    }
}

/// The board's `C`: on a slot a desk closure closes, the reopen form; on
/// one the catalog file closes, why it cannot be reopened here; else the
/// closure form for the selected slot's resource and the board's date.
pub fn open(state: &mut AppState) -> Vec<Effect> {
    if state.screen != Screen::Board {
        state.error("closing is on the day board (1): pick a resource's slot there");
        return Vec::new();
    }
    if let Some(c) = closing_selected(state).cloned() {
        if c.origin == ClosureOrigin::Catalog {
            state.error(format!(
                "closed by the catalog file ({}): edit the file and apply it to reopen",
                c.reason
            ));
            return Vec::new();
        }
        let key = state.next_key();
        state.overlay = Some(Overlay::Form(Box::new(Form::reopen(&c, key))));
        return Vec::new();
    }
    let resources: Vec<_> = state
        .catalog
        .as_ref()
        .map(|c| c.resources.iter().map(|r| (r.id, r.name.clone())).collect())
        .unwrap_or_default();
    let selected = state
        .board
        .selected_slot()
        .map(|s| s.occurrence.resource_id);
    let key = state.next_key();
    let order = crate::domain::typed_date::DateOrder::of_region(state.phone_region());
    let form = Form::closure(
        &resources,
        selected,
        state.board.date,
        (state.today(), order),
        key,
    );
    state.overlay = Some(Overlay::Form(Box::new(form)));
    Vec::new()
}

/// The closure that closes the board's selected slot, desk ones first.
pub fn closing_selected(state: &AppState) -> Option<&ClosureEntry> {
    let slot = state.board.selected_slot()?;
    if !matches!(slot.unavailable, Some(Unavailable::Closed { .. })) {
        return None;
    }
    let tz = state.tz();
    let view = state.board.view.as_ref()?;
    let closing = |c: &&ClosureEntry| c.rule(tz).closes_slot(&slot.occurrence);
    let desk = view
        .closures
        .iter()
        .filter(|c| c.origin == ClosureOrigin::Desk)
        .find(closing);
    desk.or_else(|| view.closures.iter().find(closing))
}

/// Takes a closure just made: says so, and walks through the bookings it
/// strands, if any.
pub fn started(state: &mut AppState, added: ClosureAdded) {
    let closure = &added.closure;
    let what = format!(
        "closed {} · {} · {}",
        closure
            .resource_name
            .as_deref()
            .unwrap_or("the whole location"),
        closure.when(),
        closure.reason
    );
    if added.stranded.is_empty() {
        state.info(format!("{what}: no booking is affected"));
        return;
    }
    let n = added.stranded.len();
    state.info(format!(
        "{what}: {n} booking{} to move or cancel",
        if n == 1 { "" } else { "s" }
    ));
    state.closure_walk = Some(ClosureWalk {
        closure: added.closure,
        outcomes: vec![None; n],
        stranded: added.stranded,
        at: 0,
    });
    state.overlay = Some(Overlay::ClosureWalk);
}

/// Handles a key while the walk is on top.
pub fn key(state: &mut AppState, key: Key) -> Vec<Effect> {
    let Some(walk) = state.closure_walk.as_mut() else {
        state.overlay = None;
        return Vec::new();
    };
    match state.keymap.lookup(Context::ClosureWalk, key) {
        Some(Action::NextBooking) => {
            walk.outcomes[walk.at].get_or_insert(Outcome::Skipped);
            advance(state, None);
        }
        Some(Action::MoveBooking) => {
            if let Some(b) = walk.current().cloned() {
                return start_move(state, &b);
            }
        }
        Some(Action::Cancel) => {
            if let Some(b) = walk.current().cloned() {
                return cancel(state, &b);
            }
        }
        Some(Action::Back) => finish(state, None),
        _ => {}
    }
    Vec::new()
}

/// The cancel form for `b` with the closure's reason filled in.
fn cancel(state: &mut AppState, b: &Booking) -> Vec<Effect> {
    if let Err(e) = b.status.apply(crate::domain::Transition::Cancel) {
        state.error(e.to_string());
        return Vec::new();
    }
    let reason = state
        .closure_walk
        .as_ref()
        .map(|w| w.closure.reason.clone())
        .unwrap_or_default();
    let when = state.when(b.from, b.to);
    let key = state.next_key();
    let mut form = Form::cancel(b, &when, key);
    if let Some(field) = form
        .fields
        .iter_mut()
        .find(|f| matches!(f.kind, FieldKind::Text { .. }))
    {
        field.set_value(&reason);
        // Filled in, not typed: Esc closes it without asking.
        field.initial = reason;
    }
    state.overlay = Some(Overlay::Form(Box::new(form)));
    Vec::new()
}

/// On to the next booking not yet dealt with (after the current one, then
/// from the start); the walk ends when none is left, its summary after
/// `lead` (what was just done) when given.
fn advance(state: &mut AppState, lead: Option<String>) {
    let Some(walk) = state.closure_walk.as_mut() else {
        return;
    };
    let n = walk.stranded.len();
    let next = (1..=n)
        .map(|step| (walk.at + step) % n)
        .find(|&i| walk.outcomes[i].is_none());
    match next {
        Some(i) => walk.at = i,
        None => finish(state, lead),
    }
}

/// Ends the walk, saying what was done and what is left (after `lead`).
fn finish(state: &mut AppState, lead: Option<String>) {
    let Some(walk) = state.closure_walk.take() else {
        return;
    };
    if matches!(state.overlay, Some(Overlay::ClosureWalk)) {
        state.overlay = None;
    }
    let (moved, cancelled, skipped) = walk.counts();
    let left = walk.outcomes.iter().filter(|o| o.is_none()).count() + skipped;
    let rest = if left == 0 {
        String::new()
    } else {
        format!("; {left} left, listed as needing attention (A)")
    };
    let lead = lead.map_or_else(String::new, |l| format!("{l} · "));
    state.info(format!(
        "{lead}closure walk-through done: {moved} moved, {cancelled} cancelled{rest}"
    ));
}

/// Takes a write that succeeded for the walk: a move or cancel of one of
/// its bookings marks it and goes on to the next (the status bar's message
/// kept before the walk's summary when it ends).
pub fn written(state: &mut AppState, write: &Write) {
    let Some(walk) = state.closure_walk.as_mut() else {
        return;
    };
    let (id, outcome): (BookingId, Outcome) = match write {
        Write::Move(id, _) => (*id, Outcome::Moved),
        Write::Cancel(id, _) => (*id, Outcome::Cancelled),
        _ => return,
    };
    let Some(i) = walk.stranded.iter().position(|b| b.id == id) else {
        return;
    };
    walk.outcomes[i] = Some(outcome);
    walk.at = i;
    let lead = state.status.as_ref().map(|s| s.text.clone());
    advance(state, lead);
}

/// Puts the walk back on top when nothing else is (a form closed, a move
/// made or given up).
pub fn resurface(state: &mut AppState) {
    if state.closure_walk.is_some()
        && state.overlay.is_none()
        && state.board.moving.is_none()
        && !state.quit
        && !state.signed_out()
    {
        state.overlay = Some(Overlay::ClosureWalk);
    }
}
