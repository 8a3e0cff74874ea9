//! Taking in a write's result: the message that names what was done (or the
//! engine's refusal, kept in the form that asked; a race lost to another
//! desk in people's words, with the view reloaded), and the reloads. Pure.

use super::action::Action;
use super::effect::{Effect, Write};
use super::keymap::Context;
use super::msg::Written;
use super::overlays::closure_walk;
use super::overlays::form::{FieldKind, FormKind, Submitted, means_hold_gone};
use super::quit;
use super::race::lost_race;
use super::screens;
use super::state::{AppState, Overlay, Screen};
use crate::domain::{Booking, BookingError, ErrorKind, Failure};

/// Applies the result of `write`.
pub fn written(
    state: &mut AppState,
    write: &Write,
    result: Result<Written, Failure>,
) -> Vec<Effect> {
    let written = match result {
        Ok(written) => written,
        Err(failure) => return refused(state, write, failure),
    };
    // A booking made from a confirm form books again a hold that lapsed.
    let again = match (&state.overlay, write) {
        (Some(Overlay::Form(f)), Write::Book(_)) => match f.kind {
            FormKind::ConfirmHold(lapsed) => Some(lapsed),
            _ => None,
        },
        _ => None,
    };
    if matches!(state.overlay, Some(Overlay::Form(_))) {
        state.overlay = None;
    }
    match written {
        // A closure is not undone with ctrl-z (reopen it with C): nor is
        // the change before it, which is no longer this desk's last.
        Written::Closure(added) => {
            state.last_change = None;
            closure_walk::started(state, *added);
            return reloads(state);
        }
        Written::Reopened(gone) => {
            state.last_change = None;
            state.info(format!(
                "reopened {} · {} (closure {} removed)",
                gone.resource_name
                    .as_deref()
                    .unwrap_or("the whole location"),
                gone.when(),
                gone.id
            ));
            return reloads(state);
        }
        Written::Takings(t) => {
            state.info(format!(
                "takings of {} signed off: {}",
                t.date.format("%a %d %b"),
                takings_words(&t)
            ));
            state.takings = Some(*t);
            return reloads(state);
        }
        Written::Series(made) => {
            super::series::booked(state, &made);
            return reloads(state);
        }
        Written::CancelledFollowing(cancelled) => {
            super::series::cancelled(state, &cancelled);
            return reloads(state);
        }
        Written::MovedFollowing(moved) => {
            state.board.moving = None;
            state.board.moving_following = false;
            super::series::moved(state, &moved);
            return reloads(state);
        }
        Written::Booking(..) | Written::Customer(_) | Written::Waitlist(_) => {}
    }
    let message = match &written {
        Written::Booking(b, _) => booking_message(state, write, b),
        Written::Customer(c) => match write {
            Write::MergeCustomers(_, other, _) => {
                format!("merged #{other} into {} (#{})", c.name, c.id)
            }
            _ => format!("customer {} updated", c.name),
        },
        Written::Waitlist(e) => super::waitlist::written_message(state, e),
        Written::Closure(_)
        | Written::Reopened(_)
        | Written::Takings(_)
        | Written::Series(_)
        | Written::CancelledFollowing(_)
        | Written::MovedFollowing(_) => String::new(),
    };
    if let Written::Booking(b, _) = &written {
        quit::track(
            state,
            b,
            matches!(write, Write::Hold { .. } | Write::Undo(_)),
        );
    }
    quit::answered(state, write, None);
    if let Written::Booking(b, event) = &written {
        // The selection follows the booking just written, wherever it shows.
        state.board.booking = Some(b.id);
        state.bookings.select_next = Some(b.id);
        state.today_sheet.selected_id = Some(b.id);
        // This desk's last change is what ctrl-z undoes; an undo is not undone.
        state.last_change = match write {
            Write::Undo(_) => None,
            _ => *event,
        };
    }
    match write {
        Write::Move(..) => state.board.moving = None,
        Write::MergeCustomers(..) => state.customers.merging = None,
        Write::Delete(..) if state.detail().is_some() => state.overlay = None,
        _ => {}
    }
    match (again, &written) {
        (Some(lapsed), Written::Booking(b, _)) => {
            let who = b
                .customer
                .as_ref()
                .map_or(String::new(), |c| format!(" for {}", c.name));
            state.info(format!(
                "booked #{} again{who} (hold #{lapsed} had lapsed)",
                b.id
            ));
        }
        _ => state.info(message),
    }
    closure_walk::written(state, write);
    reloads(state)
}

/// The loads after a change: the hold count, the board (even under an
/// overlay), the screen shown and the open detail.
fn reloads(state: &AppState) -> Vec<Effect> {
    let mut effects = vec![Effect::CountHolds];
    if state.screen == Screen::Board {
        effects.push(state.board.load());
    }
    effects.extend(
        screens::reload(state)
            .into_iter()
            .filter(|e| !matches!(e, Effect::LoadDay(_) | Effect::LoadWeek(..))),
    );
    effects
}

/// Takes in the engine's refusal of `write`: kept in the form that asked
/// (a PIN cleared), and in the status bar. A confirm refused because the
/// hold is gone turns the form to booking the seat again; that booking
/// refused because the seat has gone too closes the form and keeps the
/// customer for the next booking form.
fn refused(state: &mut AppState, write: &Write, failure: Failure) -> Vec<Effect> {
    quit::answered(state, write, Some(&failure));
    let gone = means_hold_gone(&failure);
    // A race lost to another desk is told as such, and the view shows what
    // that desk did.
    let race = lost_race(state, write, failure.found);
    let reload = race.is_some();
    let Failure { kind, message, .. } = failure;
    let mut message = race.unwrap_or(message);
    if matches!(write, Write::BookSeries(_) | Write::MoveFollowing(..)) {
        message = super::series::one_line(&message);
    }
    // A walk-in with nowhere to go today can still wait for a seat.
    if matches!(write, Write::WalkIn(_))
        && (message == BookingError::SlotFull.to_string()
            || message.contains("no slot of this service is left today"))
        && let Some(k) = state.keymap.key_for(Context::Board, Action::JoinWaitlist)
    {
        message = format!("{message} — {k} on a full slot of the board puts them on its waitlist");
    }
    let submit = state
        .keymap
        .key_for(Context::Form, Action::Submit)
        .map_or_else(|| "submit".to_owned(), |k| k.to_string());
    if let Some(Overlay::Form(form)) = &mut state.overlay {
        form.submitting = false;
        form.error = Some(message.clone());
        // A PIN is typed afresh, never kept after a refusal.
        for field in &mut form.fields {
            if field.kind == FieldKind::Pin {
                field.set_value("");
            }
        }
        match (write, &form.kind, form.hold.as_mut()) {
            (Write::Confirm(..), _, Some(hold)) if gone => {
                // The same key press goes on to book the seat again.
                hold.refused = true;
                let service = state
                    .catalog
                    .as_ref()
                    .and_then(|c| c.services.iter().find(|s| s.id == hold.service));
                if let Ok(Submitted::Write(again)) = form.submission(service) {
                    form.submitting = true;
                    form.error = Some(format!("{message}: booking the seat again…"));
                    return vec![Effect::Write(again)];
                }
                form.error = Some(format!(
                    "{message}: {submit} books the seat again with what you typed, if it is still free"
                ));
            }
            (Write::Book(_), FormKind::ConfirmHold(id), _)
                if kind == ErrorKind::Conflict
                    && message != BookingError::Duplicate.to_string() =>
            {
                let kept = form.kept_details(*id, state.now);
                let who = kept.name();
                state.overlay = None;
                state.kept = Some(kept);
                let new = state
                    .keymap
                    .key_for(Context::Board, Action::NewBooking)
                    .map_or_else(|| "new booking".to_owned(), |k| k.to_string());
                state.error(format!(
                    "the seat has gone too ({message}): {who}'s details are kept; choose a slot and press {new} to book them there"
                ));
                return Vec::new();
            }
            _ => {}
        }
    }
    state.error(message);
    // A queue changed at another desk meanwhile: show it as it is now.
    let queue = matches!(write, Write::JoinWaitlist(_) | Write::LeaveWaitlist(_));
    if reload || queue {
        reloads(state)
    } else {
        Vec::new()
    }
}

/// How many sessions the course booking `b` is one of; `None` when it is
/// not a course's.
fn course_sessions(b: &Booking) -> Option<u32> {
    b.series_place
        .filter(|p| p.kind == crate::domain::series::SeriesKind::Course)
        .map(|p| p.of)
}

/// What the status bar says after `write` left booking `b`.
fn booking_message(state: &AppState, write: &Write, b: &Booking) -> String {
    let who = b
        .customer
        .as_ref()
        .map_or(String::new(), |c| format!(" for {}", c.name));
    let until = b.hold_expires_at.map_or(String::new(), |t| {
        t.with_timezone(&state.tz())
            .format(" until %H:%M:%S")
            .to_string()
    });
    match write {
        Write::Hold { .. } => format!("held #{}{until}", b.id),
        Write::Book(_) => match course_sessions(b) {
            Some(of) => format!(
                "booked #{}{who} ({}): the whole course, a seat in each of its {of} sessions",
                b.id, b.status
            ),
            None => format!("booked #{}{who} ({})", b.id, b.status),
        },
        Write::WalkIn(_) => {
            let at = state.when(b.from, b.to);
            format!(
                "walk-in #{}{who}: {} · {} · {at} · checked in",
                b.id, b.service_name, b.resource_name
            )
        }
        Write::Confirm(..) => format!("confirmed #{}{who}", b.id),
        Write::Cancel(..) if b.cancel_reason.as_deref() == Some("hold released") => {
            format!("#{} hold released", b.id)
        }
        Write::Cancel(..) | Write::CancelFollowing(..) => match course_sessions(b) {
            Some(of) => format!(
                "#{} cancelled with its whole course booking: every session's seat is free ({of} sessions)",
                b.id
            ),
            None => format!("#{} cancelled", b.id),
        },
        Write::Transition(..) => format!("#{} is now {}", b.id, b.status),
        Write::Decline(..) => format!("#{} declined", b.id),
        // The time shows when the extension stopped at the hold's cap.
        Write::Extend(_) => format!("hold #{} extended{until}", b.id),
        Write::Move(..) | Write::MoveFollowing(..) => {
            format!("moved #{} to {}", b.id, state.when(b.from, b.to))
        }
        Write::Pay(..) => format!("payment recorded on #{}", b.id),
        Write::Delete(..) => format!("deleted #{}", b.id),
        Write::Refund(..) => format!("refunded #{}{who}", b.id),
        Write::ForceStatus(..) => format!("#{}{who} is {} now (forced)", b.id, b.status),
        Write::Undo(_) => format!("undone: #{} is {} now", b.id, b.status),
        Write::ReminderSent(_) => format!("reminder for #{}{who} marked sent", b.id),
        // A closure's result is never a booking (taken before this).
        Write::Edit(..)
        | Write::BookSeries(_)
        | Write::AddClosure(_)
        | Write::RemoveClosure(_)
        | Write::SignOffTakings(..) => {
            format!("updated #{}", b.id)
        }
        Write::EditCustomer(..) | Write::MergeCustomers(..) => {
            format!("customer of #{} updated", b.id)
        }
        Write::JoinWaitlist(_) | Write::LeaveWaitlist(_) => format!("#{} updated", b.id),
    }
}

/// `net 165.00 GBP` per currency (`net 165.00 GBP · net 20.00 EUR`), or
/// `nothing taken`.
pub fn takings_words(t: &crate::domain::Takings) -> String {
    if t.totals.is_empty() {
        return "nothing taken".to_owned();
    }
    t.totals
        .iter()
        .map(|c| {
            let net = crate::domain::money::format_amount(c.net, &c.currency);
            format!("net {net} {}", c.currency)
        })
        .collect::<Vec<_>>()
        .join(" · ")
}
