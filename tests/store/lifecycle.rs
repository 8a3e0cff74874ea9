//! The booking lifecycle through the store on a real SQLite file: confirm,
//! decline, check in, complete, cancel, move, idempotency keys.
#![allow(clippy::unwrap_used)]

use crate::support::{
    MONDAY, TUESDAY, WEDNESDAY, at, book_request, counts, hold_request, jane, john, kinds_after,
    now, open, rule_error, slot,
};
use chrono::Duration;
use slotdesk::domain::{BookingError, BookingStatus, Role, Transition};
use slotdesk::domain::{CancelRequest, ErrorKind, EventKind, HoldRequest, InitialStatus};

#[test]
fn a_hold_confirmed_with_a_customer_becomes_a_confirmed_booking() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let hold = store.hold(&hold_request(physio, 1), now()).unwrap();
    assert_eq!(hold.customer, None);

    let before = counts(&store);
    let err = rule_error(store.confirm(hold.id, None, now()));
    assert!(matches!(err, BookingError::Invalid(_)), "{err}");
    assert_eq!(counts(&store), before);

    let later = now() + Duration::minutes(5);
    let confirmed = store.confirm(hold.id, Some(&jane()), later).unwrap();
    assert_eq!(confirmed.status, BookingStatus::Confirmed);
    assert_eq!(confirmed.hold_expires_at, None);
    assert_eq!(confirmed.updated_at, later);
    let who = confirmed.customer.unwrap();
    assert_eq!(who.name, "Jane Doe");
    assert_eq!(who.email.as_deref(), Some("jane@example.com"));
    assert_eq!(
        store.booking(hold.id).unwrap().status,
        BookingStatus::Confirmed
    );

    let after_expiry = now() + Duration::hours(1);
    assert_eq!(
        store.booking(hold.id).unwrap().hold_expires_at,
        None,
        "a confirmed booking no longer lapses"
    );
    assert!(store.sweep_expired_holds(after_expiry).unwrap().is_empty());
}

#[test]
fn a_pending_booking_can_be_confirmed_or_declined() {
    let (_dir, mut store) = open();
    let class = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let mut pending = book_request(class, jane());
    pending.status = InitialStatus::Pending;
    let first = store.book(&pending, now()).unwrap();
    assert_eq!(first.status, BookingStatus::Pending);
    let confirmed = store.confirm(first.id, None, now()).unwrap();
    assert_eq!(confirmed.status, BookingStatus::Confirmed);

    pending.customer = john().into();
    let second = store.book(&pending, now()).unwrap();
    let declined = store
        .transition(second.id, Transition::Decline, now())
        .unwrap();
    assert_eq!(declined.status, BookingStatus::Declined);
    let taken = store
        .slots(
            &slotdesk::domain::SlotQuery {
                service: None,
                resource: None,
                from: class.date,
                days: 1,
                include_unavailable: true,
            },
            now(),
        )
        .unwrap()
        .into_iter()
        .find(|s| s.occurrence.slot_ref() == class)
        .unwrap()
        .taken;
    assert_eq!(taken, 1, "a declined booking no longer holds a seat");
}

#[test]
fn a_confirmed_booking_is_checked_in_and_then_completed() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let booked = store.book(&book_request(physio, jane()), now()).unwrap();
    let arrived = at("2026-06-01T07:55:00Z");
    let checked_in = store
        .transition(booked.id, Transition::CheckIn, arrived)
        .unwrap();
    assert_eq!(checked_in.status, BookingStatus::CheckedIn);
    let done = store
        .transition(booked.id, Transition::Complete, at("2026-06-01T09:00:00Z"))
        .unwrap();
    assert_eq!(done.status, BookingStatus::Completed);
    let kinds: Vec<String> = store
        .booking_events(booked.id)
        .unwrap()
        .into_iter()
        .map(|e| e.kind.as_str().to_owned())
        .collect();
    assert_eq!(
        kinds,
        ["booking.created", "booking.checked_in", "booking.completed"]
    );
}

#[test]
fn a_no_show_cannot_be_marked_before_the_slot_starts() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let booked = store.book(&book_request(physio, jane()), now()).unwrap();
    let err = rule_error(store.transition(booked.id, Transition::NoShow, now()));
    assert!(matches!(err, BookingError::NotAllowed(_)), "{err}");
    let missed = store
        .transition(booked.id, Transition::NoShow, at("2026-06-01T08:20:00Z"))
        .unwrap();
    assert_eq!(missed.status, BookingStatus::NoShow);
}

#[test]
fn confirming_a_lapsed_hold_says_the_hold_has_expired() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let hold = store.hold(&hold_request(physio, 1), now()).unwrap();
    let expiry = hold.hold_expires_at.unwrap();

    let before = counts(&store);
    let err = rule_error(store.confirm(hold.id, Some(&jane()), expiry));
    assert_eq!(err, BookingError::HoldExpired);
    assert_eq!(err.to_string(), "hold has expired");
    assert_eq!(counts(&store), before, "the refusal created no customer");

    store.sweep_expired_holds(expiry).unwrap();
    let later = expiry + Duration::minutes(10);
    let err = rule_error(store.confirm(hold.id, Some(&jane()), later));
    assert_eq!(err.to_string(), "hold has expired");
    let other = slot(&store, "physio", "ana", "10:00", MONDAY);
    let err = rule_error(store.move_booking(hold.id, other, later));
    assert_eq!(err.to_string(), "hold has expired");
    assert_eq!(
        rule_error(store.extend_hold(hold.id, later)),
        BookingError::HoldExpired
    );
}

#[test]
fn extending_a_live_hold_adds_the_hold_minutes_to_its_expiry() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let hold = store.hold(&hold_request(physio, 1), now()).unwrap();
    let extended = store
        .extend_hold(hold.id, now() + Duration::minutes(10))
        .unwrap();
    assert_eq!(
        extended.hold_expires_at,
        Some(now() + Duration::minutes(30))
    );
    let still = now() + Duration::minutes(20);
    assert!(store.sweep_expired_holds(still).unwrap().is_empty());
    assert_eq!(store.booking(hold.id).unwrap().status, BookingStatus::Held);
}

#[test]
fn a_refused_transition_names_the_current_status_and_the_allowed_ones() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let booked = store.book(&book_request(physio, jane()), now()).unwrap();
    let before = counts(&store);

    let err = rule_error(store.confirm(booked.id, None, now()));
    assert_eq!(
        err.to_string(),
        "cannot confirm a booking that is confirmed; a confirmed booking allows: cancel, check in, mark as no-show"
    );
    let err = rule_error(store.transition(booked.id, Transition::Complete, now()));
    assert!(err.to_string().contains("that is confirmed"), "{err}");
    assert_eq!(counts(&store), before);

    store.cancel(booked.id, "ill", now()).unwrap();
    let err = rule_error(store.transition(booked.id, Transition::CheckIn, now()));
    assert_eq!(
        err.to_string(),
        "cannot check in a booking that is cancelled; a cancelled booking allows: nothing (it is final)"
    );
    let err = rule_error(store.cancel(booked.id, "again", now()));
    assert!(err.to_string().contains("that is cancelled"), "{err}");
    let other = slot(&store, "physio", "ana", "10:00", MONDAY);
    let err = rule_error(store.move_booking(booked.id, other, now()));
    assert!(err.to_string().contains("cancelled"), "{err}");
}

#[test]
fn cancelling_needs_a_reason_and_keeps_it() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let booked = store.book(&book_request(physio, jane()), now()).unwrap();
    let before = counts(&store);
    for blank in ["", "   "] {
        let err = rule_error(store.cancel(booked.id, blank, now()));
        assert!(matches!(err, BookingError::Invalid(_)), "{err}");
        assert!(err.to_string().contains("reason"), "{err}");
    }
    assert_eq!(counts(&store), before);
    assert_eq!(store.booking(booked.id).unwrap(), booked);

    let cancelled = store.cancel(booked.id, "  flu  ", now()).unwrap();
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert_eq!(cancelled.cancel_reason.as_deref(), Some("flu"));
    store.book(&book_request(physio, john()), now()).unwrap();
}

#[test]
fn moving_to_a_full_slot_is_refused_and_changes_nothing() {
    let (_dir, mut store) = open();
    let nine = slot(&store, "physio", "ana", "09:00", MONDAY);
    let ten = slot(&store, "physio", "ana", "10:00", MONDAY);
    let janes = store.book(&book_request(nine, jane()), now()).unwrap();
    store.book(&book_request(ten, john()), now()).unwrap();
    let before = counts(&store);
    assert_eq!(
        rule_error(store.move_booking(janes.id, ten, now())),
        BookingError::SlotFull
    );
    assert_eq!(counts(&store), before);
    assert_eq!(store.booking(janes.id).unwrap(), janes);
}

#[test]
fn moving_between_overlapping_slots_on_one_resource_is_not_blocked_by_the_booking_itself() {
    let (_dir, mut store) = open();
    let six = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let half_past = slot(&store, "yoga", "studio", "18:30", MONDAY);
    let mut three = book_request(six, jane());
    three.participants = 3;
    let booked = store.book(&three, now()).unwrap();
    let moved = store.move_booking(booked.id, half_past, now()).unwrap();
    assert_eq!(moved.slot_ref(), half_past);
    assert_eq!(moved.from, at("2026-06-01T17:30:00Z"));
    assert_eq!(moved.to, at("2026-06-01T18:30:00Z"));
    assert_eq!(moved.participants, 3);
    assert_eq!(moved.status, BookingStatus::Confirmed);
    assert_eq!(
        store
            .booking_events(booked.id)
            .unwrap()
            .last()
            .unwrap()
            .kind,
        EventKind::BookingMoved
    );
    // Now the 18:00 slot is blocked by the moved booking.
    assert_eq!(
        rule_error(store.hold(&hold_request(six, 1), now())),
        BookingError::Blocked(booked.id)
    );
}

#[test]
fn moving_onto_a_slot_blocked_by_another_booking_is_refused() {
    let (_dir, mut store) = open();
    let six = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let half_past = slot(&store, "yoga", "studio", "18:30", MONDAY);
    let janes = store.book(&book_request(six, jane()), now()).unwrap();
    let johns = store.book(&book_request(six, john()), now()).unwrap();
    assert_eq!(
        rule_error(store.move_booking(janes.id, half_past, now())),
        BookingError::Blocked(johns.id)
    );
}

#[test]
fn moving_to_a_slot_of_another_service_or_a_closed_past_or_same_slot_is_refused() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ben", "09:00", MONDAY);
    let booked = store.book(&book_request(physio, jane()), now()).unwrap();
    let before = counts(&store);

    let massage = slot(&store, "massage", "ana", "09:30", TUESDAY);
    let err = rule_error(store.move_booking(booked.id, massage, now()));
    assert!(matches!(err, BookingError::NotAllowed(_)), "{err}");
    assert!(err.to_string().contains("same service"), "{err}");

    let away = slot(&store, "physio", "ben", "09:00", WEDNESDAY);
    assert_eq!(
        rule_error(store.move_booking(booked.id, away, now())),
        BookingError::Closed("Training day".into())
    );
    let gone = slot(&store, "physio", "ben", "09:00", "2026-05-25");
    assert_eq!(
        rule_error(store.move_booking(booked.id, gone, now())),
        BookingError::Past
    );
    let err = rule_error(store.move_booking(booked.id, physio, now()));
    assert!(matches!(err, BookingError::NotAllowed(_)), "{err}");
    assert_eq!(counts(&store), before);
}

#[test]
fn moving_next_to_the_customers_own_booking_on_that_slot_is_a_duplicate() {
    let (_dir, mut store) = open();
    let monday = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let tuesday = slot(&store, "yoga", "studio", "18:00", TUESDAY);
    store.book(&book_request(monday, jane()), now()).unwrap();
    let second = store.book(&book_request(tuesday, jane()), now()).unwrap();
    assert_eq!(
        rule_error(store.move_booking(second.id, monday, now())),
        BookingError::Duplicate
    );
}

#[test]
fn a_repeated_idempotency_key_returns_the_first_booking_and_makes_no_second() {
    let (_dir, mut store) = open();
    let class = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let request = HoldRequest {
        slot: class,
        participants: 1,
        idempotency_key: Some("desk-1-0001".into()),
    };
    let first = store.hold(&request, now()).unwrap();
    let before = counts(&store);
    let again = store.hold(&request, now() + Duration::minutes(1)).unwrap();
    assert_eq!(again, first);
    assert_eq!(counts(&store), before);

    let mut booking = book_request(class, jane());
    booking.idempotency_key = Some("desk-1-0002".into());
    let booked = store.book(&booking, now()).unwrap();
    let before = counts(&store);
    let repeated = store.book(&booking, now()).unwrap();
    assert_eq!(repeated, booked);
    assert_eq!(counts(&store), before, "no second booking and no event");

    let mut blank = request;
    blank.idempotency_key = Some("  ".into());
    let err = rule_error(store.hold(&blank, now()));
    assert!(matches!(err, BookingError::Invalid(_)), "{err}");
}

#[test]
fn each_lifecycle_step_records_its_event_kind() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let start = crate::support::event_count(&store);
    let hold = store.hold(&hold_request(physio, 1), now()).unwrap();
    store
        .transition(hold.id, Transition::MarkPending, now())
        .unwrap_err();
    store.confirm(hold.id, Some(&jane()), now()).unwrap();
    assert_eq!(
        kinds_after(&store, start),
        ["booking.created", "customer.created", "booking.confirmed"]
    );
}

#[test]
fn a_bookings_seats_can_change_while_the_class_has_room() {
    let (_dir, mut store) = open();
    let class = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let mine = store.book(&book_request(class, jane()), now()).unwrap();
    let seats = |n| slotdesk::domain::BookingEdit {
        participants: Some(n),
        ..Default::default()
    };
    assert_eq!(
        store
            .edit_booking(mine.id, &seats(2), now())
            .unwrap()
            .participants,
        2
    );
    store.book(&book_request(class, john()), now()).unwrap();
    // Three seats in all: Jane's two and John's one. One more does not fit.
    let before = counts(&store);
    let err = rule_error(store.edit_booking(mine.id, &seats(3), now()));
    assert_eq!(err, BookingError::SlotFull);
    assert_eq!(counts(&store), before);
    assert_eq!(store.booking(mine.id).unwrap().participants, 2);
    // Fewer always fits; none at all is not a booking.
    assert_eq!(
        store
            .edit_booking(mine.id, &seats(1), now())
            .unwrap()
            .participants,
        1
    );
    assert!(matches!(
        rule_error(store.edit_booking(mine.id, &seats(0), now())),
        BookingError::Invalid(_)
    ));
}

#[test]
fn a_manager_forces_a_status_the_table_refuses_and_the_rules_still_hold() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let booked = store.book(&book_request(physio, jane()), now()).unwrap();
    // On the day, a few minutes before the slot.
    let day = at("2026-06-01T07:50:00Z");
    store
        .transition(booked.id, Transition::CheckIn, day)
        .unwrap();
    let before = counts(&store);
    // A clerk may not, a reason is needed, a hold cannot be forced.
    let clerk = store
        .force_status(
            booked.id,
            BookingStatus::Confirmed,
            "mistake",
            Role::Clerk,
            now(),
        )
        .unwrap_err();
    assert!(clerk.to_string().contains("manager"), "{clerk}");
    let why = store
        .force_status(
            booked.id,
            BookingStatus::Confirmed,
            "  ",
            Role::Manager,
            now(),
        )
        .unwrap_err();
    assert!(why.to_string().contains("reason"), "{why}");
    let held = store
        .force_status(booked.id, BookingStatus::Held, "x", Role::Manager, day)
        .unwrap_err();
    assert!(held.to_string().contains("held"), "{held}");
    assert_eq!(counts(&store), before, "refusals change nothing");

    // Checked in by mistake: back to confirmed, which the table never allows.
    let back = store
        .force_status(
            booked.id,
            BookingStatus::Confirmed,
            "checked in the wrong Jane",
            Role::Manager,
            now(),
        )
        .unwrap();
    assert_eq!(back.status, BookingStatus::Confirmed);
    let events = store.booking_events(booked.id).unwrap();
    let forced = events.last().unwrap();
    assert_eq!(forced.kind, EventKind::BookingStatusForced);
    assert!(forced.changes.iter().any(|c| c.field == "status"));
    assert_eq!(
        forced.data.note(),
        Some("checked in the wrong Jane"),
        "the reason is in the journal"
    );

    // A hold without a customer cannot be forced into a booking.
    let ben = slot(&store, "physio", "ben", "09:00", MONDAY);
    let hold = store.hold(&hold_request(ben, 1), day).unwrap();
    let nobody = store
        .force_status(
            hold.id,
            BookingStatus::Confirmed,
            "walk-in",
            Role::Manager,
            day,
        )
        .unwrap_err();
    assert!(nobody.to_string().contains("needs a customer"), "{nobody}");
    // Cancelled, its seat sold to John: forcing it back would overbook.
    store.cancel(booked.id, "rang", day).unwrap();
    store.book(&book_request(physio, john()), day).unwrap();
    let before = counts(&store);
    let full = store
        .force_status(
            booked.id,
            BookingStatus::Confirmed,
            "she came after all",
            Role::Manager,
            now(),
        )
        .unwrap_err();
    assert!(full.to_string().contains("time slot is full"), "{full}");
    assert_eq!(counts(&store), before);
}

#[test]
fn a_release_cancels_only_a_hold_never_a_booking_confirmed_meanwhile() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let hold = store.hold(&hold_request(physio, 1), now()).unwrap();
    // Another desk confirms the hold; this desk still shows it as held.
    store.confirm(hold.id, Some(&jane()), now()).unwrap();
    let before = counts(&store);
    let release = CancelRequest {
        reason: "hold released".into(),
        idempotency_key: Some("release-1".into()),
        only_hold: true,
    };
    let err = rule_error(store.cancel_with(hold.id, &release, now()));
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(err.to_string().contains("confirmed"), "{err}");
    assert_eq!(counts(&store), before, "nothing changed");
    assert_eq!(
        store.booking(hold.id).unwrap().status,
        BookingStatus::Confirmed
    );

    let other = store.hold(
        &hold_request(slot(&store, "physio", "ana", "10:00", MONDAY), 1),
        now(),
    );
    let released = store
        .cancel_with(other.unwrap().id, &release, now())
        .unwrap();
    assert_eq!(released.status, BookingStatus::Cancelled);
}
