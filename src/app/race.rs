//! A refusal that lost a race to another desk, in people's words: the
//! engine refused a step because the booking is no longer in the status
//! this desk showed (another desk confirmed or cancelled it first, or its
//! hold lapsed). Pure.

use super::booking_actions::find_booking;
use super::effect::Write;
use super::state::AppState;
use crate::domain::{BookingId, BookingStatus};

/// The booking `write` changes, if it changes one.
fn target(write: &Write) -> Option<BookingId> {
    match write {
        Write::Confirm(id, _)
        | Write::Cancel(id, _)
        | Write::CancelFollowing(id, _)
        | Write::MoveFollowing(id, _)
        | Write::Transition(id, _)
        | Write::Extend(id)
        | Write::Move(id, _)
        | Write::Pay(id, _)
        | Write::Delete(id, _)
        | Write::Refund(id, _)
        | Write::ForceStatus(id, ..)
        | Write::Edit(id, _)
        | Write::ReminderSent(id)
        | Write::Decline(id, _) => Some(*id),
        Write::Hold { .. }
        | Write::Book(_)
        | Write::WalkIn(_)
        | Write::BookSeries(_)
        | Write::MergeCustomers(..)
        | Write::Undo(_)
        | Write::EditCustomer(..)
        | Write::JoinWaitlist(_)
        | Write::LeaveWaitlist(_)
        | Write::AddClosure(_)
        | Write::SignOffTakings(..)
        | Write::RemoveClosure(_) => None,
    }
}

/// What to say when `write` was refused with the booking `found` in a
/// status other than the one this desk shows for it (`another desk
/// confirmed #207 a moment ago`, `the hold on #207 has expired`); `None`
/// when it is no race: the desk showed that status, or never showed the
/// booking, or the refusal did not depend on its status.
pub fn lost_race(state: &AppState, write: &Write, found: Option<BookingStatus>) -> Option<String> {
    let found = found?;
    let id = target(write)?;
    let shown = find_booking(state, id)?.status;
    if shown == found {
        return None;
    }
    Some(words(id, found))
}

/// The words for booking `id`, found in `found` by the engine.
fn words(id: BookingId, found: BookingStatus) -> String {
    use BookingStatus as S;
    let done = |what: &str| format!("another desk {what} a moment ago");
    match found {
        S::Expired => format!("the hold on #{id} has expired"),
        S::Cancelled => format!("#{id} was already cancelled at another desk"),
        S::Confirmed => done(&format!("confirmed #{id}")),
        S::CheckedIn => done(&format!("checked #{id} in")),
        S::NoShow => done(&format!("marked #{id} as a no-show")),
        S::Completed => done(&format!("completed #{id}")),
        S::Declined => done(&format!("declined #{id}")),
        S::Pending => done(&format!("made #{id} pending")),
        S::Requested => format!("#{id} is a request again: another desk changed it a moment ago"),
        S::Held => format!("#{id} is held again: another desk changed it a moment ago"),
    }
}
