//! Time limits on bookings: how long a hold may live, and how far ahead and
//! how soon a slot may be booked. Pure: instants arrive as data (UTC).

use super::error::BookingError;
use chrono::{DateTime, Duration, Utc};

/// The expiry of a hold after one extension: the service's `hold_minutes`
/// more from its current expiry (or from `now` if that has passed), but never
/// past twice `hold_minutes` from `made_at` (when the hold was made) nor past
/// `slot_starts_at`; an extension that would reach a cap stops at it.
/// Errors: `NotAllowed` (a conflict) when the hold already reaches its cap,
/// naming the cap.
pub fn extended_hold_expiry(
    made_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
    hold_minutes: u32,
    slot_starts_at: DateTime<Utc>,
) -> Result<DateTime<Utc>, BookingError> {
    let minutes = Duration::minutes(i64::from(hold_minutes));
    let life = hold_minutes.saturating_mul(2);
    let wanted = expires_at.max(now).checked_add_signed(minutes);
    let longest = made_at.checked_add_signed(Duration::minutes(i64::from(life)));
    let cap = longest.map_or(slot_starts_at, |l| l.min(slot_starts_at));
    let until = wanted.map_or(cap, |w| w.min(cap));
    if until <= expires_at.max(now) {
        let why = if cap == slot_starts_at {
            "it would run past the slot's start".to_owned()
        } else {
            format!(
                "a hold lasts at most {life} minutes from when it was made (twice the service's hold minutes)"
            )
        };
        return Err(BookingError::NotAllowed(format!(
            "this hold cannot be extended any further: {why}; confirm it or let it go"
        )));
    }
    Ok(until)
}

/// The booking window (hold, book, move): a slot starting at `starts_at`
/// (UTC) may be taken at `now` when it starts at most `horizon_days` days
/// ahead and, when `min_notice_minutes` is more than 0, at least that many
/// minutes from now. With no notice a slot that has started is left to the
/// past rule (a walk-in may take it until it ends).
/// Errors: [`BookingError::TooFarAhead`], [`BookingError::TooSoon`] (conflicts).
pub fn check_window(
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
    horizon_days: u32,
    min_notice_minutes: u32,
) -> Result<(), BookingError> {
    let ahead = starts_at.signed_duration_since(now);
    let horizon = Duration::try_days(i64::from(horizon_days)).unwrap_or(Duration::MAX);
    if ahead > horizon {
        return Err(BookingError::TooFarAhead(horizon_days));
    }
    if min_notice_minutes > 0 && ahead < Duration::minutes(i64::from(min_notice_minutes)) {
        return Err(BookingError::TooSoon(min_notice_minutes));
    }
    Ok(())
}

/// A booking's seats: 1 to the slot's `capacity` (ReserveKit/Boseat
/// `participants`). Errors: invalid, naming the range (`participants must
/// be 1 to 8 (the slot's capacity)`; at capacity 1, `must be 1`).
pub fn check_participants(participants: u32, capacity: u32) -> Result<(), BookingError> {
    if participants == 0 || participants > capacity {
        let range = if capacity == 1 {
            "1".to_owned()
        } else {
            format!("1 to {capacity}")
        };
        return Err(BookingError::invalid(format!(
            "participants must be {range} (the slot's capacity)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn participants_are_one_to_the_capacity_said_plainly_for_one_to_one_slots() {
        use super::check_participants;
        assert_eq!(check_participants(3, 8), Ok(()));
        let words = |p, c| check_participants(p, c).unwrap_err().to_string();
        assert_eq!(
            words(0, 8),
            "participants must be 1 to 8 (the slot's capacity)"
        );
        assert_eq!(
            words(9, 8),
            "participants must be 1 to 8 (the slot's capacity)"
        );
        assert_eq!(words(0, 1), "participants must be 1 (the slot's capacity)");
    }

    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0).unwrap()
    }

    #[test]
    fn a_hold_extends_by_its_minutes_up_to_twice_them_from_when_it_was_made() {
        let start = at(12, 0);
        assert_eq!(
            extended_hold_expiry(at(9, 0), at(9, 15), at(9, 5), 15, start),
            Ok(at(9, 30))
        );
        assert_eq!(
            extended_hold_expiry(at(9, 0), at(9, 20), at(9, 5), 15, start),
            Ok(at(9, 30))
        );
        let err = extended_hold_expiry(at(9, 0), at(9, 30), at(9, 10), 15, start).unwrap_err();
        assert!(err.to_string().contains("at most 30 minutes"), "{err}");
        assert_eq!(err.kind(), crate::domain::ErrorKind::Conflict);
    }

    #[test]
    fn a_hold_never_extends_past_the_slot_start() {
        assert_eq!(
            extended_hold_expiry(at(9, 0), at(9, 15), at(9, 10), 15, at(9, 20)),
            Ok(at(9, 20))
        );
        let err = extended_hold_expiry(at(9, 0), at(9, 20), at(9, 10), 15, at(9, 20)).unwrap_err();
        assert!(err.to_string().contains("slot's start"), "{err}");
    }

    #[test]
    fn a_slot_may_be_taken_up_to_the_horizon_and_no_sooner_than_the_notice() {
        let now = at(9, 0);
        let day = Duration::days(1);
        assert_eq!(check_window(now + day * 365, now, 365, 0), Ok(()));
        assert_eq!(
            check_window(now + day * 365 + Duration::minutes(1), now, 365, 0),
            Err(BookingError::TooFarAhead(365))
        );
        assert_eq!(check_window(at(11, 0), now, 365, 120), Ok(()));
        assert_eq!(
            check_window(at(10, 59), now, 365, 120),
            Err(BookingError::TooSoon(120))
        );
        // No notice: a started slot is for the past rule (walk-ins).
        assert_eq!(check_window(at(8, 30), now, 365, 0), Ok(()));
        let far = DateTime::<Utc>::MAX_UTC;
        let early = DateTime::<Utc>::MIN_UTC;
        assert_eq!(
            check_window(far, early, 365, 0),
            Err(BookingError::TooFarAhead(365))
        );
        assert_eq!(check_window(far, early, u32::MAX, 0), Ok(()));
        assert_eq!(
            check_window(early, far, 1, u32::MAX),
            Err(BookingError::TooSoon(u32::MAX))
        );
    }

    #[test]
    fn huge_hold_minutes_and_far_instants_do_not_overflow() {
        let far = DateTime::<Utc>::MAX_UTC;
        assert!(extended_hold_expiry(far, far, far, u32::MAX, far).is_err());
        assert_eq!(
            extended_hold_expiry(at(9, 0), at(9, 0), at(9, 0), u32::MAX, at(10, 0)),
            Ok(at(10, 0))
        );
    }
}
