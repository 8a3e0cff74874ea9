//! The clock of the hold a confirm form is for: how long is left and when
//! it turns urgent, and whether the engine has said the hold is gone (the
//! form then books the seat again with what was typed). Pure: the time
//! comes in as `now`.

use crate::domain::{Booking, BookingStatus, Failure, ServiceId, SlotRef};
use chrono::{DateTime, Duration, Utc};

/// The last stretch of a hold, shown as urgent in its form.
pub const URGENT: Duration = Duration::seconds(60);

/// The hold behind a confirm form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldTimer {
    /// When the hold lapses, UTC.
    pub expires_at: DateTime<Utc>,
    /// The slot it holds, to book again once it has lapsed.
    pub slot: SlotRef,
    /// Seats it holds.
    pub participants: u32,
    /// Its service, for the answers and add-ons of a booking made again.
    pub service: ServiceId,
    /// The engine refused the confirm because the hold had gone (lapsed,
    /// or released at another desk): the form now books the seat again.
    /// Only the engine's word turns it: the clock here may be behind an
    /// extension made at another desk.
    pub refused: bool,
}

/// Where a hold stands at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoldLeft {
    /// More than a minute left.
    Plenty(Duration),
    /// A minute or less left.
    Urgent(Duration),
    /// Gone: a submit books the seat again.
    Lapsed,
}

impl HoldTimer {
    /// The timer of `b` when it is a live hold with an expiry.
    pub fn of(b: &Booking) -> Option<Self> {
        (b.status == BookingStatus::Held)
            .then_some(b.hold_expires_at)
            .flatten()
            .map(|expires_at| Self {
                expires_at,
                slot: b.slot_ref(),
                participants: b.participants,
                service: b.service_id,
                refused: false,
            })
    }

    /// How the hold stands at `now`.
    pub fn left(&self, now: DateTime<Utc>) -> HoldLeft {
        let left = self.expires_at - now;
        if self.refused || left <= Duration::zero() {
            HoldLeft::Lapsed
        } else if left <= URGENT {
            HoldLeft::Urgent(left)
        } else {
            HoldLeft::Plenty(left)
        }
    }
}

/// Whether the engine's refusal of a confirm means the hold is gone: it
/// found the booking expired (lapsed, swept or not) or cancelled (released
/// at another desk), so the seat may be booked again.
pub fn means_hold_gone(failure: &Failure) -> bool {
    matches!(
        failure.found,
        Some(BookingStatus::Expired | BookingStatus::Cancelled)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{BookingError, TimeSlotId, Transition};
    use chrono::{NaiveDate, TimeZone};

    fn timer() -> HoldTimer {
        HoldTimer {
            expires_at: Utc.with_ymd_and_hms(2026, 12, 2, 10, 5, 0).unwrap(),
            slot: SlotRef {
                time_slot_id: TimeSlotId(3),
                date: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
            },
            participants: 1,
            service: ServiceId(1),
            refused: false,
        }
    }

    #[test]
    fn the_last_minute_is_urgent_and_the_expiry_instant_has_lapsed() {
        let t = timer();
        let at = |s| t.expires_at - Duration::seconds(s);
        assert_eq!(t.left(at(61)), HoldLeft::Plenty(Duration::seconds(61)));
        assert_eq!(t.left(at(60)), HoldLeft::Urgent(Duration::seconds(60)));
        assert_eq!(t.left(at(1)), HoldLeft::Urgent(Duration::seconds(1)));
        assert_eq!(t.left(at(0)), HoldLeft::Lapsed);
        assert_eq!(t.left(at(-3600)), HoldLeft::Lapsed);
    }

    #[test]
    fn a_refusal_lapses_the_hold_whatever_the_clock_says() {
        let mut t = timer();
        t.refused = true;
        assert_eq!(
            t.left(t.expires_at - Duration::minutes(5)),
            HoldLeft::Lapsed
        );
    }

    #[test]
    fn a_refusal_finding_the_hold_expired_or_released_means_it_is_gone() {
        let refused = |e: BookingError| means_hold_gone(&Failure::from(e));
        assert!(refused(BookingError::HoldExpired));
        for status in [BookingStatus::Expired, BookingStatus::Cancelled] {
            let e = status.apply(Transition::Confirm).unwrap_err();
            assert!(refused(BookingError::Transition(e)), "{status:?}");
        }
        let confirmed = BookingStatus::Confirmed
            .apply(Transition::Confirm)
            .unwrap_err();
        assert!(!refused(BookingError::Transition(confirmed)));
        assert!(!refused(BookingError::Duplicate));
        assert!(!refused(BookingError::SlotFull));
        assert!(!refused(BookingError::invalid(
            "confirming needs a phone or an email for the customer"
        )));
    }
}
