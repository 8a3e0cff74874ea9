//! The waitlist (Wix `WAITING_LIST`): customers waiting, in order, for a
//! seat on a full slot, and the offers made to them when one frees. The
//! entry's statuses, the join rule and who is offered a freed seat, as pure
//! rules; the store applies them in the transaction that frees the seat.
//! Pure: no I/O, no clock.

use super::availability::{SlotState, Unavailable, check_room};
use super::booking::CustomerSummary;
use super::error::BookingError;
use super::ids::{BookingId, ResourceId, ServiceId, TimeSlotId, WaitlistEntryId};
use super::requests::BookingFor;
use super::schedule::{Occurrence, SlotRef};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Where a waitlist entry stands. `waiting` and `offered` are open; the
/// others are final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaitlistStatus {
    /// In the queue.
    Waiting,
    /// A seat freed and is held in the customer's name (the offer) until it
    /// is confirmed or lapses.
    Offered,
    /// The offer's hold was confirmed: the customer has the seat.
    Accepted,
    /// The offer's hold lapsed unconfirmed; the next in line was offered.
    Lapsed,
    /// The offer's hold was cancelled (released) by the desk: declined.
    Declined,
    /// The customer left the queue (or the offer) on request.
    Left,
    /// The customer booked that slot, or another slot of the same service
    /// that day, while waiting (see [`took_a_seat`]).
    Booked,
}

impl WaitlistStatus {
    /// Every status, open ones first.
    pub const ALL: [Self; 7] = [
        Self::Waiting,
        Self::Offered,
        Self::Accepted,
        Self::Lapsed,
        Self::Declined,
        Self::Left,
        Self::Booked,
    ];

    /// The stored and JSON word (`waiting`, `offered`, …), also its `Display`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Offered => "offered",
            Self::Accepted => "accepted",
            Self::Lapsed => "lapsed",
            Self::Declined => "declined",
            Self::Left => "left",
            Self::Booked => "booked",
        }
    }

    /// Whether the entry is still in the queue (waiting or holding an offer).
    pub fn is_open(self) -> bool {
        matches!(self, Self::Waiting | Self::Offered)
    }
}

impl fmt::Display for WaitlistStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for WaitlistStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|w| w.as_str() == s)
            .ok_or_else(|| format!("unknown waitlist status `{s}`"))
    }
}

/// One customer waiting on one slot, as stored and shown (`waitlist
/// --json`, the `waitlist.*` events' payload). Instants UTC; `date` is the
/// slot's local date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitlistEntry {
    pub id: WaitlistEntryId,
    pub time_slot_id: TimeSlotId,
    /// The slot's local date, `YYYY-MM-DD`.
    pub date: NaiveDate,
    pub service_id: ServiceId,
    /// The service's name, for people.
    pub service_name: String,
    pub resource_id: ResourceId,
    /// The resource's name, for people.
    pub resource_name: String,
    /// Slot start, UTC.
    pub from: DateTime<Utc>,
    /// Slot end, UTC.
    pub to: DateTime<Utc>,
    /// Who waits (with the phone the desk calls).
    pub customer: CustomerSummary,
    /// Seats wanted.
    pub participants: u32,
    pub status: WaitlistStatus,
    /// Place in the slot's queue among those still waiting, from 1; `None`
    /// once offered or closed.
    pub position: Option<u32>,
    /// The hold made in the customer's name when a seat freed.
    pub offer_booking_id: Option<BookingId>,
    /// When the offer's hold lapses, UTC, while it is an open offer.
    pub offer_expires_at: Option<DateTime<Utc>>,
    /// When the customer joined, UTC.
    pub joined_at: DateTime<Utc>,
    /// Last changed, UTC.
    pub updated_at: DateTime<Utc>,
}

impl WaitlistEntry {
    /// Its slot, `TIME_SLOT_ID@DATE`.
    pub fn slot_ref(&self) -> SlotRef {
        SlotRef {
            time_slot_id: self.time_slot_id,
            date: self.date,
        }
    }

    /// Whether it is an open offer at `now`: offered, and its hold not yet
    /// lapsed (swept or not).
    pub fn is_live_offer(&self, now: DateTime<Utc>) -> bool {
        self.status == WaitlistStatus::Offered && self.offer_expires_at.is_some_and(|t| now < t)
    }
}

/// Who joins which slot's waitlist (`waitlist add`, the desk's `Q`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitlistRequest {
    /// The full slot, `TIME_SLOT_ID@DATE`.
    pub slot: SlotRef,
    /// A customer on file, or typed details (found or created as a booking's
    /// are); they need a name and a phone or email, so the desk can call.
    pub customer: BookingFor,
    /// Seats wanted, 1 to the slot's capacity.
    pub participants: u32,
}

/// May `participants` more seats wait on `slot` in `state`? Only when they
/// would not fit now: a slot with room is booked, not waited for.
/// Errors: the room the slot has (`time slot has room for 2: book it
/// instead of waiting`), `time slot is in the past`, `time slot is closed: …`.
pub fn check_join(
    state: &SlotState,
    slot: &Occurrence,
    participants: u32,
) -> Result<(), BookingError> {
    match &state.unavailable {
        Some(Unavailable::Past | Unavailable::Closed { .. }) => {
            return Err(state
                .unavailable
                .as_ref()
                .map_or(BookingError::Past, Unavailable::to_error));
        }
        Some(Unavailable::Full | Unavailable::Blocked { .. }) => return Ok(()),
        None => {}
    }
    super::limits::check_participants(participants, slot.capacity)?;
    match check_room(state, slot, participants) {
        Ok(()) => Err(BookingError::HasRoom(state.free(slot.capacity))),
        Err(_) => Ok(()),
    }
}

/// One waiting entry as the offer rule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiting {
    pub id: WaitlistEntryId,
    /// Seats wanted.
    pub participants: u32,
}

/// Who is offered `free` freed seats: the queue in order (`queue` oldest
/// first), each entry whose seats still fit what is left, so a party of
/// three never blocks a single behind it. Returns the entries offered, in
/// order.
pub fn offers(free: u32, queue: &[Waiting]) -> Vec<WaitlistEntryId> {
    let mut left = free;
    let mut out = Vec::new();
    for w in queue {
        if left == 0 {
            break;
        }
        if w.participants <= left {
            left -= w.participants;
            out.push(w.id);
        }
    }
    out
}

/// When an offer made at `now` lapses: the service's `hold_minutes` from
/// now, but never after the slot ends.
pub fn offer_expiry(
    now: DateTime<Utc>,
    hold_minutes: u32,
    slot_ends: DateTime<Utc>,
) -> DateTime<Utc> {
    (now + chrono::Duration::minutes(i64::from(hold_minutes))).min(slot_ends)
}

/// The rule for taking a waiting customer off: they have a live
/// (pending, confirmed or checked-in) booking on the slot they wait for,
/// whenever it was made; or on another slot of the same service on the same
/// day, made after they joined (`made_since_joining`: a customer already
/// booked at 09:00 may still wait for the 18:00). An offer's own hold does
/// not count: holds are not bookings yet.
pub fn took_a_seat(same_slot: bool, made_since_joining: bool) -> bool {
    same_slot || made_since_joining
}

/// A place in a queue in words: `1st`, `2nd`, `3rd`, `4th`, … `11th`, `21st`.
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(id: i64, participants: u32) -> Waiting {
        Waiting {
            id: WaitlistEntryId(id),
            participants,
        }
    }

    #[test]
    fn a_freed_seat_goes_to_the_first_whose_party_fits() {
        let queue = [w(1, 3), w(2, 1), w(3, 1)];
        assert_eq!(offers(1, &queue), [WaitlistEntryId(2)]);
        assert_eq!(offers(2, &queue), [WaitlistEntryId(2), WaitlistEntryId(3)]);
        assert_eq!(offers(3, &queue), [WaitlistEntryId(1)]);
        assert!(offers(0, &queue).is_empty());
    }

    #[test]
    fn places_read_as_people_say_them() {
        let said: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal).into();
        assert_eq!(
            said,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"
            ]
        );
    }

    #[test]
    fn an_offer_never_outlives_its_slot() {
        let now = DateTime::from_timestamp(0, 0).unwrap();
        let end = now + chrono::Duration::minutes(5);
        assert_eq!(offer_expiry(now, 15, end), end);
        assert_eq!(
            offer_expiry(now, 15, end + chrono::Duration::hours(1)),
            now + chrono::Duration::minutes(15)
        );
    }

    #[test]
    fn statuses_round_trip_and_only_two_are_open() {
        for s in WaitlistStatus::ALL {
            assert_eq!(s.as_str().parse::<WaitlistStatus>(), Ok(s));
        }
        let open: Vec<_> = WaitlistStatus::ALL
            .into_iter()
            .filter(|s| s.is_open())
            .collect();
        assert_eq!(open, [WaitlistStatus::Waiting, WaitlistStatus::Offered]);
    }

    #[test]
    fn a_booking_elsewhere_counts_only_when_made_after_joining() {
        assert!(took_a_seat(true, false));
        assert!(!took_a_seat(false, false));
        assert!(took_a_seat(false, true));
    }
}
