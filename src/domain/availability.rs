//! Rules 1–5 as pure checks over a slot and the bookings near it: capacity by
//! participants, resource exclusivity, duplicates, hold expiry, closed and past
//! slots. The store loads the claims and calls these inside its transaction.

use super::error::BookingError;
use super::ids::{BookingId, CustomerId, ResourceId};
use super::schedule::Occurrence;
use super::status::BookingStatus;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// A booking as the rules see it: where and when it is, how many it seats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub booking_id: BookingId,
    /// The slot it is on.
    pub slot: super::schedule::SlotRef,
    /// The resource it occupies.
    pub resource_id: ResourceId,
    /// Start, UTC.
    pub from: DateTime<Utc>,
    /// End, UTC.
    pub to: DateTime<Utc>,
    /// Seats taken.
    pub participants: u32,
    /// Current stored status.
    pub status: BookingStatus,
    /// When a hold lapses (UTC); `None` for other statuses.
    pub hold_expires_at: Option<DateTime<Utc>>,
    /// Its customer, if known yet (a hold has none).
    pub customer_id: Option<CustomerId>,
}

impl Claim {
    /// Counts against capacity at `now` — a live status, and for
    /// a hold only strictly before `hold_expires_at`, swept or not.
    pub fn holds_capacity(&self, now: DateTime<Utc>) -> bool {
        match self.status {
            BookingStatus::Held => self.hold_expires_at.is_some_and(|t| now < t),
            s => s.holds_capacity(),
        }
    }
}

/// A closure of one resource (or, with `resource_id` `None`, the whole
/// location) over local dates, inclusive; or, with `hours`, over part of
/// one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Closure {
    /// The closed resource, or `None` for the whole location.
    pub resource_id: Option<ResourceId>,
    /// First closed date.
    pub from: NaiveDate,
    /// Last closed date.
    pub until: NaiveDate,
    /// Shown to staff (`Christmas Day`).
    pub reason: String,
    /// For part of a day: the UTC instants it runs between (its local
    /// times on `from` in the location's zone,
    /// [`closure::closed_span`](super::closure::closed_span)); `None` for
    /// whole days.
    pub hours: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

impl Closure {
    /// Whether it closes `resource` on `date` for the span `from`–`to`
    /// (UTC): a whole-day closure closes every span of its dates, a
    /// part-day one only the spans that overlap its hours.
    pub fn closes(
        &self,
        resource: ResourceId,
        date: NaiveDate,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> bool {
        self.resource_id.is_none_or(|r| r == resource)
            && self.from <= date
            && date <= self.until
            && self
                .hours
                .is_none_or(|(start, end)| from < end && start < to)
    }

    /// Whether it closes the slot `slot`.
    pub fn closes_slot(&self, slot: &Occurrence) -> bool {
        self.closes(slot.resource_id, slot.date, slot.from, slot.to)
    }
}

/// Why a slot cannot take a booking now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Unavailable {
    /// It has ended.
    Past,
    /// Closed, with the closure's reason.
    Closed {
        /// The closure's reason.
        reason: String,
    },
    /// Another slot's booking occupies the resource at an overlapping time.
    Blocked {
        /// The booking that blocks it.
        booking_id: BookingId,
    },
    /// No seats left.
    Full,
}

impl Unavailable {
    /// One word for the reason: `past`, `closed`, `blocked`, `full`.
    pub fn word(&self) -> &'static str {
        match self {
            Self::Past => "past",
            Self::Closed { .. } => "closed",
            Self::Blocked { .. } => "blocked",
            Self::Full => "full",
        }
    }

    /// The refusal a booking attempt on such a slot gets.
    pub fn to_error(&self) -> BookingError {
        match self {
            Self::Past => BookingError::Past,
            Self::Closed { reason } => BookingError::Closed(reason.clone()),
            Self::Blocked { booking_id } => BookingError::Blocked(*booking_id),
            Self::Full => BookingError::SlotFull,
        }
    }
}

/// A slot's availability at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotState {
    /// Seats taken by capacity-holding bookings.
    pub taken: u32,
    /// Why it cannot be booked, if it cannot; the first of past, closed,
    /// blocked, full.
    pub unavailable: Option<Unavailable>,
}

impl SlotState {
    /// Seats left (never negative).
    pub fn free(&self, capacity: u32) -> u32 {
        capacity.saturating_sub(self.taken)
    }
}

/// Evaluates `slot` at `now` against the claims on its resource near its time
/// and the closures, leaving out `ignoring` (a booking being moved, which
/// must not block itself). `claims` may include claims on other slots and
/// resources; only those on `slot`'s resource that overlap it matter.
pub fn evaluate(
    slot: &Occurrence,
    claims: &[Claim],
    closures: &[Closure],
    now: DateTime<Utc>,
    ignoring: Option<BookingId>,
) -> SlotState {
    let slot_ref = slot.slot_ref();
    let mut taken = 0_u32;
    let mut blocker = None;
    for claim in claims {
        if Some(claim.booking_id) == ignoring || !claim.holds_capacity(now) {
            continue;
        }
        if claim.slot == slot_ref {
            // Saturating is safe here: a sum past u32::MAX is past every
            // capacity, so the slot reads as full.
            taken = taken.saturating_add(claim.participants);
        } else if claim.resource_id == slot.resource_id
            && slot.overlaps(claim.from, claim.to)
            && blocker.is_none()
        {
            blocker = Some(claim.booking_id);
        }
    }
    let closure = closures.iter().find(|c| c.closes_slot(slot));
    let unavailable = if slot.to <= now {
        Some(Unavailable::Past)
    } else if let Some(c) = closure {
        Some(Unavailable::Closed {
            reason: c.reason.clone(),
        })
    } else if let Some(booking_id) = blocker {
        Some(Unavailable::Blocked { booking_id })
    } else if taken >= slot.capacity {
        Some(Unavailable::Full)
    } else {
        None
    };
    SlotState { taken, unavailable }
}

/// Rules 1–5 for placing `participants` seats on `slot` at `now`: the slot
/// must be open, not past, not blocked, and have the seats free.
/// Errors: `time slot is full`, blocked, closed, past.
pub fn check_room(
    state: &SlotState,
    slot: &Occurrence,
    participants: u32,
) -> Result<(), BookingError> {
    match &state.unavailable {
        Some(reason) => Err(reason.to_error()),
        // Checked: seats whose sum overflows can never fit.
        None if state
            .taken
            .checked_add(participants)
            .is_none_or(|total| total > slot.capacity) =>
        {
            Err(BookingError::SlotFull)
        }
        None => Ok(()),
    }
}

/// No duplicates: `customer` may not hold a second capacity-holding booking on the
/// same slot. Errors: `duplicate booking`.
pub fn check_duplicate(
    slot: &Occurrence,
    claims: &[Claim],
    customer: CustomerId,
    now: DateTime<Utc>,
    ignoring: Option<BookingId>,
) -> Result<(), BookingError> {
    let slot_ref = slot.slot_ref();
    let duplicate = claims.iter().any(|c| {
        Some(c.booking_id) != ignoring
            && c.slot == slot_ref
            && c.customer_id == Some(customer)
            && c.holds_capacity(now)
    });
    if duplicate {
        Err(BookingError::Duplicate)
    } else {
        Ok(())
    }
}

/// A slot as listed by availability (ReserveKit time slot + date, Boseat
/// `{from, to}`): the occurrence, who it is for, and its state at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// When and where.
    pub occurrence: Occurrence,
    pub service_name: String,
    pub resource_name: String,
    /// Seats taken by capacity-holding bookings.
    pub taken: u32,
    /// Why it cannot be booked, if it cannot.
    pub unavailable: Option<Unavailable>,
}

impl Slot {
    /// Seats left.
    pub fn free(&self) -> u32 {
        self.occurrence.capacity.saturating_sub(self.taken)
    }

    /// Whether a booking of one seat would be accepted now.
    pub fn available(&self) -> bool {
        self.unavailable.is_none()
    }

    /// A sentence for the reason (`full`, `blocked by booking 12`, `closed: Christmas Day`, `past`).
    pub fn reason_text(&self) -> Option<String> {
        self.unavailable.as_ref().map(|u| match u {
            Unavailable::Blocked { booking_id } => format!("blocked by booking {booking_id}"),
            Unavailable::Closed { reason } => format!("closed: {reason}"),
            other => other.word().to_owned(),
        })
    }
}

/// Slots that are over counted by who took a seat in them (completed and
/// no-shows too), from `bookings` of their days, instead of what they still
/// hold (none of those holds a seat now): what a day board shows as taken.
pub fn count_past_seats(slots: &mut [Slot], bookings: &[super::Booking]) {
    for s in slots {
        if s.unavailable == Some(Unavailable::Past) {
            let at = s.occurrence.slot_ref();
            s.taken = bookings
                .iter()
                .filter(|b| b.slot_ref() == at && b.status.took_seat())
                .map(|b| b.participants)
                .sum();
        }
    }
}

impl Serialize for Slot {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View<'a> {
            slot: String,
            time_slot_id: crate::domain::TimeSlotId,
            date: NaiveDate,
            service_id: crate::domain::ServiceId,
            service_name: &'a str,
            resource_id: ResourceId,
            resource_name: &'a str,
            from: DateTime<Utc>,
            to: DateTime<Utc>,
            capacity: u32,
            taken: u32,
            free: u32,
            available: bool,
            reason: Option<&'static str>,
            reason_detail: Option<String>,
            blocked_by: Option<BookingId>,
        }
        let o = &self.occurrence;
        View {
            slot: o.slot_ref().to_string(),
            time_slot_id: o.time_slot_id,
            date: o.date,
            service_id: o.service_id,
            service_name: &self.service_name,
            resource_id: o.resource_id,
            resource_name: &self.resource_name,
            from: o.from,
            to: o.to,
            capacity: o.capacity,
            taken: self.taken,
            free: self.free(),
            available: self.available(),
            reason: self.unavailable.as_ref().map(Unavailable::word),
            reason_detail: self.reason_text(),
            blocked_by: match self.unavailable {
                Some(Unavailable::Blocked { booking_id }) => Some(booking_id),
                _ => None,
            },
        }
        .serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{ServiceId, TimeSlotId};
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0).unwrap()
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn slot(id: i64, from: DateTime<Utc>, minutes: i64, capacity: u32) -> Occurrence {
        Occurrence {
            time_slot_id: TimeSlotId(id),
            date: day(),
            service_id: ServiceId(1),
            resource_id: ResourceId(1),
            from,
            to: from + chrono::Duration::minutes(minutes),
            capacity,
        }
    }

    fn claim(id: i64, on: &Occurrence, participants: u32, status: BookingStatus) -> Claim {
        Claim {
            booking_id: BookingId(id),
            slot: on.slot_ref(),
            resource_id: on.resource_id,
            from: on.from,
            to: on.to,
            participants,
            status,
            hold_expires_at: (status == BookingStatus::Held).then(|| at(8, 15)),
            customer_id: Some(CustomerId(id)),
        }
    }

    #[test]
    fn taken_sums_participants_of_capacity_holding_bookings_only() {
        let class = slot(1, at(10, 0), 60, 8);
        let claims = vec![
            claim(1, &class, 3, BookingStatus::Confirmed),
            claim(2, &class, 2, BookingStatus::Pending),
            claim(3, &class, 4, BookingStatus::Cancelled),
            claim(4, &class, 1, BookingStatus::CheckedIn),
            claim(5, &class, 5, BookingStatus::NoShow),
        ];
        let state = evaluate(&class, &claims, &[], at(8, 0), None);
        assert_eq!(state.taken, 6);
        assert_eq!(state.free(8), 2);
        assert_eq!(check_room(&state, &class, 2), Ok(()));
        assert_eq!(check_room(&state, &class, 3), Err(BookingError::SlotFull));
    }

    #[test]
    fn seats_past_the_largest_capacity_never_fit() {
        let hall = slot(1, at(10, 0), 60, u32::MAX);
        let claims = vec![claim(1, &hall, 3_000_000_000, BookingStatus::Confirmed)];
        let state = evaluate(&hall, &claims, &[], at(8, 0), None);
        assert_eq!(state.unavailable, None);
        assert_eq!(
            check_room(&state, &hall, 3_000_000_000),
            Err(BookingError::SlotFull)
        );
        assert_eq!(check_room(&state, &hall, u32::MAX - 3_000_000_000), Ok(()));
        let both = vec![
            claims[0].clone(),
            claim(2, &hall, 3_000_000_000, BookingStatus::Confirmed),
        ];
        let over = evaluate(&hall, &both, &[], at(8, 0), None);
        assert_eq!(over.unavailable, Some(Unavailable::Full));
        assert_eq!(check_room(&over, &hall, 1), Err(BookingError::SlotFull));
    }

    #[test]
    fn hold_lapses_at_expiry_and_frees_capacity() {
        let appt = slot(1, at(10, 0), 60, 1);
        let claims = vec![claim(1, &appt, 1, BookingStatus::Held)];
        let before = evaluate(&appt, &claims, &[], at(8, 14), None);
        assert_eq!(before.unavailable, Some(Unavailable::Full));
        let at_expiry = evaluate(&appt, &claims, &[], at(8, 15), None);
        assert_eq!(at_expiry.taken, 0);
        assert_eq!(at_expiry.unavailable, None);
    }

    #[test]
    fn overlapping_slot_on_the_same_resource_is_blocked_but_not_by_itself() {
        let massage = slot(1, at(10, 0), 60, 1);
        let physio = slot(2, at(10, 30), 45, 1);
        let claims = vec![claim(7, &massage, 1, BookingStatus::Confirmed)];
        let state = evaluate(&physio, &claims, &[], at(8, 0), None);
        assert_eq!(
            state.unavailable,
            Some(Unavailable::Blocked {
                booking_id: BookingId(7)
            })
        );
        let moving = evaluate(&physio, &claims, &[], at(8, 0), Some(BookingId(7)));
        assert_eq!(moving.unavailable, None);
        let after = slot(3, at(11, 0), 30, 1);
        assert_eq!(
            evaluate(&after, &claims, &[], at(8, 0), None).unavailable,
            None
        );
    }

    #[test]
    fn other_resources_do_not_block() {
        let a = slot(1, at(10, 0), 60, 1);
        let mut b = slot(2, at(10, 0), 60, 1);
        b.resource_id = ResourceId(2);
        let claims = vec![claim(1, &a, 1, BookingStatus::Confirmed)];
        assert_eq!(evaluate(&b, &claims, &[], at(8, 0), None).unavailable, None);
    }

    #[test]
    fn past_slots_close_when_they_end_so_walk_ins_fit_until_then() {
        let appt = slot(1, at(10, 0), 60, 1);
        assert_eq!(
            evaluate(&appt, &[], &[], at(10, 59), None).unavailable,
            None
        );
        assert_eq!(
            evaluate(&appt, &[], &[], at(11, 0), None).unavailable,
            Some(Unavailable::Past)
        );
    }

    #[test]
    fn closures_close_their_resource_or_the_whole_location() {
        let appt = slot(1, at(10, 0), 60, 1);
        let other = Closure {
            resource_id: Some(ResourceId(9)),
            from: day(),
            until: day(),
            reason: "training".into(),
            hours: None,
        };
        assert_eq!(
            evaluate(&appt, &[], std::slice::from_ref(&other), at(8, 0), None).unavailable,
            None
        );
        let holiday = Closure {
            resource_id: None,
            reason: "Bank holiday".into(),
            ..other
        };
        assert_eq!(
            evaluate(&appt, &[], &[holiday], at(8, 0), None).unavailable,
            Some(Unavailable::Closed {
                reason: "Bank holiday".into()
            })
        );
    }

    #[test]
    fn same_customer_twice_on_one_slot_is_a_duplicate() {
        let class = slot(1, at(10, 0), 60, 8);
        let claims = vec![claim(1, &class, 1, BookingStatus::Confirmed)];
        assert_eq!(
            check_duplicate(&class, &claims, CustomerId(1), at(8, 0), None),
            Err(BookingError::Duplicate)
        );
        assert_eq!(
            check_duplicate(&class, &claims, CustomerId(2), at(8, 0), None),
            Ok(())
        );
        assert_eq!(
            check_duplicate(&class, &claims, CustomerId(1), at(8, 0), Some(BookingId(1))),
            Ok(())
        );
    }
}
