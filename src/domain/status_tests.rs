//! The lifecycle table, every status's words and the refusals' words.

use super::*;
use BookingStatus as S;
use Transition as T;

#[test]
fn every_status_and_transition_pair_follows_the_lifecycle_table() {
    let allowed = [
        (S::Held, T::Confirm, S::Confirmed),
        (S::Held, T::MarkPending, S::Pending),
        (S::Held, T::Cancel, S::Cancelled),
        (S::Held, T::Expire, S::Expired),
        (S::Requested, T::Confirm, S::Confirmed),
        (S::Requested, T::Decline, S::Declined),
        (S::Requested, T::Cancel, S::Cancelled),
        (S::Pending, T::Confirm, S::Confirmed),
        (S::Pending, T::Decline, S::Declined),
        (S::Pending, T::Cancel, S::Cancelled),
        (S::Confirmed, T::CheckIn, S::CheckedIn),
        (S::Confirmed, T::Cancel, S::Cancelled),
        (S::Confirmed, T::NoShow, S::NoShow),
        (S::CheckedIn, T::Complete, S::Completed),
    ];
    for from in BookingStatus::ALL {
        for t in Transition::ALL {
            let expected = allowed
                .iter()
                .find(|(f, tr, _)| *f == from && *tr == t)
                .map(|(_, _, to)| *to);
            assert_eq!(from.apply(t).ok(), expected, "{from} + {t:?}");
        }
    }
}

#[test]
fn refusal_names_current_status_and_allowed_steps() {
    let err = S::Pending.apply(T::CheckIn).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot check in a booking that is pending; a pending booking allows: confirm, decline, cancel"
    );
    let err = S::Cancelled.apply(T::Confirm).unwrap_err();
    assert!(err.to_string().contains("nothing (it is final)"));
    let err = S::Expired.apply(T::Confirm).unwrap_err();
    assert!(
        err.to_string().contains("; an expired booking allows"),
        "{err}"
    );
}

#[test]
fn only_live_statuses_hold_capacity() {
    let holding: Vec<_> = BookingStatus::ALL
        .into_iter()
        .filter(|s| s.holds_capacity())
        .collect();
    assert_eq!(
        holding,
        vec![S::Held, S::Pending, S::Confirmed, S::CheckedIn]
    );
}

#[test]
fn a_seat_was_taken_by_live_and_attended_bookings_only() {
    let took: Vec<S> = S::ALL.into_iter().filter(|s| s.took_seat()).collect();
    assert_eq!(
        took,
        [
            S::Held,
            S::Pending,
            S::Confirmed,
            S::CheckedIn,
            S::Completed,
            S::NoShow
        ]
    );
}

#[test]
fn every_status_has_one_human_label_without_underscores() {
    let labels: Vec<&str> = S::ALL.into_iter().map(S::label).collect();
    assert_eq!(
        labels,
        [
            "held",
            "requested",
            "pending",
            "confirmed",
            "checked in",
            "completed",
            "cancelled",
            "declined",
            "expired",
            "no-show"
        ]
    );
    for s in S::ALL {
        assert_eq!(s.to_string(), s.label(), "Display is the label");
    }
}

#[test]
fn typed_statuses_are_read_from_human_or_machine_words() {
    for s in S::ALL {
        assert_eq!(S::from_words(s.label()), Ok(s));
        assert_eq!(S::from_words(s.as_str()), Ok(s));
    }
    assert_eq!(S::from_words("  Checked-In "), Ok(S::CheckedIn));
    assert_eq!(S::from_words("no show"), Ok(S::NoShow));
    assert_eq!(S::from_words("NOSHOW"), Ok(S::NoShow));
    let err = S::from_words("reserved").unwrap_err();
    assert!(
        err.contains("“reserved”") && err.contains("checked in, completed"),
        "{err}"
    );
    assert!(S::from_words("").is_err());
}

#[test]
fn a_refusal_names_statuses_in_peoples_words() {
    let err = S::CheckedIn.apply(T::Confirm).unwrap_err().to_string();
    assert_eq!(
        err,
        "cannot confirm a booking that is checked in; a checked in booking allows: complete"
    );
}

#[test]
fn statuses_round_trip_through_their_names() {
    for s in BookingStatus::ALL {
        assert_eq!(s.as_str().parse::<BookingStatus>(), Ok(s));
    }
    assert!("reserved".parse::<BookingStatus>().is_err());
}
