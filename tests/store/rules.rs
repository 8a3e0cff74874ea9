//! The booking rules through the store on a real SQLite file: capacity by
//! participants, resource exclusivity, duplicates, hold expiry, closed and past
//! slots, occurrences and daylight saving.
#![allow(clippy::unwrap_used)]

use crate::support::{
    MONDAY, TUESDAY, WEDNESDAY, at, book_request, counts, customer, date, hold_request, jane, john,
    now, open, rule_error, slot,
};
use chrono::{Duration, TimeDelta};
use slotdesk::domain::{BookingError, BookingStatus, SlotRef, TimeSlotId, Unavailable};
use slotdesk::domain::{EventKind, SlotQuery};
use slotdesk::store::Store;

/// The listed slot `s` at `now`, unavailable ones included.
fn listed(store: &Store, s: SlotRef, now: chrono::DateTime<chrono::Utc>) -> slotdesk::domain::Slot {
    store
        .slots(
            &SlotQuery {
                service: None,
                resource: None,
                from: s.date,
                days: 1,
                include_unavailable: true,
            },
            now,
        )
        .unwrap()
        .into_iter()
        .find(|x| x.occurrence.slot_ref() == s)
        .unwrap()
}

#[test]
fn capacity_counts_participants_and_a_booking_past_it_is_refused_as_full() {
    let (_dir, mut store) = open();
    let class = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let mut two = book_request(class, jane());
    two.participants = 2;
    store.book(&two, now()).unwrap();
    assert_eq!(listed(&store, class, now()).taken, 2);

    let mut two_more = book_request(class, john());
    two_more.participants = 2;
    let before = counts(&store);
    let err = rule_error(store.book(&two_more, now()));
    assert_eq!(err, BookingError::SlotFull);
    assert_eq!(err.to_string(), "time slot is full");
    assert_eq!(counts(&store), before, "a refusal changes nothing");

    store.hold(&hold_request(class, 1), now()).unwrap();
    let full = listed(&store, class, now());
    assert_eq!((full.taken, full.free()), (3, 0));
    assert_eq!(full.unavailable, Some(Unavailable::Full));
    let err = rule_error(store.book(&book_request(class, john()), now()));
    assert_eq!(err.to_string(), "time slot is full");
}

#[test]
fn participants_outside_one_to_capacity_are_refused() {
    let (_dir, mut store) = open();
    let class = slot(&store, "yoga", "studio", "18:00", MONDAY);
    for participants in [0, 4] {
        let err = rule_error(store.hold(&hold_request(class, participants), now()));
        assert!(matches!(err, BookingError::Invalid(_)), "{err}");
    }
    assert_eq!(counts(&store).0, 0);
}

#[test]
fn a_booking_on_one_service_blocks_an_overlapping_slot_of_another_on_the_same_resource() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let massage = slot(&store, "massage", "ana", "09:30", MONDAY);
    let booked = store.book(&book_request(physio, jane()), now()).unwrap();

    let before = counts(&store);
    let err = rule_error(store.book(&book_request(massage, john()), now()));
    assert_eq!(err, BookingError::Blocked(booked.id));
    assert_eq!(counts(&store), before);
    assert_eq!(
        listed(&store, massage, now()).unavailable,
        Some(Unavailable::Blocked {
            booking_id: booked.id
        })
    );

    let bens = slot(&store, "physio", "ben", "09:00", MONDAY);
    store.book(&book_request(bens, john()), now()).unwrap();

    store.cancel(booked.id, "changed her mind", now()).unwrap();
    store.book(&book_request(massage, john()), now()).unwrap();
}

#[test]
fn a_hold_on_a_class_blocks_the_teachers_overlapping_appointment() {
    let (_dir, mut store) = open();
    let class = slot(&store, "yoga", "ben", "10:30", MONDAY);
    let physio = slot(&store, "physio", "ben", "10:00", MONDAY);
    let hold = store.hold(&hold_request(class, 1), now()).unwrap();
    assert_eq!(
        rule_error(store.hold(&hold_request(physio, 1), now())),
        BookingError::Blocked(hold.id)
    );
    let more = store.hold(&hold_request(class, 2), now()).unwrap();
    assert_eq!(listed(&store, class, now()).taken, 3);
    assert_ne!(more.id, hold.id);
}

#[test]
fn the_same_customer_cannot_book_one_slot_twice_even_with_another_email_case() {
    let (_dir, mut store) = open();
    let class = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let first = store.book(&book_request(class, jane()), now()).unwrap();

    let shouting = customer("Jane", "Doe", "JANE@Example.COM");
    let before = counts(&store);
    let err = rule_error(store.book(&book_request(class, shouting.clone()), now()));
    assert_eq!(err, BookingError::Duplicate);
    assert_eq!(err.to_string(), "duplicate booking");
    assert_eq!(counts(&store), before);

    store.book(&book_request(class, john()), now()).unwrap();
    store.cancel(first.id, "rebooking", now()).unwrap();
    let again = store.book(&book_request(class, shouting), now()).unwrap();
    assert_eq!(
        again.customer.unwrap().id,
        first.customer.unwrap().id,
        "the same customer, found by email in any case"
    );
}

#[test]
fn a_hold_lapses_at_its_expiry_and_stops_counting_before_any_sweep() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let massage = slot(&store, "massage", "ana", "09:30", MONDAY);
    let hold = store.hold(&hold_request(physio, 1), now()).unwrap();
    let expiry = now() + Duration::minutes(15);
    assert_eq!(hold.status, BookingStatus::Held);
    assert_eq!(hold.hold_expires_at, Some(expiry));

    let just_before = expiry - TimeDelta::seconds(1);
    assert_eq!(listed(&store, physio, just_before).taken, 1);
    assert_eq!(
        rule_error(store.hold(&hold_request(physio, 1), just_before)),
        BookingError::SlotFull
    );
    assert_eq!(
        rule_error(store.hold(&hold_request(massage, 1), just_before)),
        BookingError::Blocked(hold.id)
    );

    let lapsed = listed(&store, physio, expiry);
    assert_eq!((lapsed.taken, lapsed.unavailable), (0, None));
    assert_eq!(listed(&store, massage, expiry).unavailable, None);
    assert_eq!(
        store.booking(hold.id).unwrap().status,
        BookingStatus::Held,
        "not yet swept"
    );

    let events = crate::support::event_count(&store);
    assert_eq!(store.sweep_expired_holds(expiry).unwrap(), vec![hold.id]);
    assert_eq!(
        store.booking(hold.id).unwrap().status,
        BookingStatus::Expired
    );
    let recorded = &crate::support::all_events(&store)[events..];
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].kind, EventKind::BookingExpired);
    assert_eq!(recorded[0].booking_id, Some(hold.id));
    assert_eq!(recorded[0].at, expiry);
    assert_eq!(
        recorded[0].data.booking().map(|b| b.status),
        Some(BookingStatus::Expired)
    );

    assert!(store.sweep_expired_holds(expiry).unwrap().is_empty());
    assert_eq!(crate::support::event_count(&store), events + 1);
}

#[test]
fn a_write_at_the_expiry_instant_takes_the_lapsed_holds_seat_and_sweeps_it() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let hold = store.hold(&hold_request(physio, 1), now()).unwrap();
    let expiry = hold.hold_expires_at.unwrap();
    let events = crate::support::event_count(&store);
    let booked = store.book(&book_request(physio, jane()), expiry).unwrap();
    assert_eq!(booked.status, BookingStatus::Confirmed);
    assert_eq!(
        store.booking(hold.id).unwrap().status,
        BookingStatus::Expired
    );
    assert_eq!(
        crate::support::kinds_after(&store, events),
        ["booking.expired", "customer.created", "booking.created"]
    );
}

#[test]
fn closed_slots_cannot_be_booked_or_held() {
    let (_dir, mut store) = open();
    let away = slot(&store, "physio", "ben", "09:00", WEDNESDAY);
    let before = counts(&store);
    assert_eq!(
        rule_error(store.book(&book_request(away, jane()), now())),
        BookingError::Closed("Training day".into())
    );
    assert_eq!(
        rule_error(store.hold(&hold_request(away, 1), now())),
        BookingError::Closed("Training day".into())
    );
    assert_eq!(counts(&store), before);
    assert_eq!(
        listed(&store, away, now()).unavailable,
        Some(Unavailable::Closed {
            reason: "Training day".into()
        })
    );
    let open_listing = store
        .slots(
            &SlotQuery {
                service: None,
                resource: None,
                from: date(WEDNESDAY),
                days: 1,
                include_unavailable: false,
            },
            now(),
        )
        .unwrap();
    assert!(open_listing.iter().all(|s| s.occurrence.slot_ref() != away));

    let anas = slot(&store, "physio", "ana", "09:00", WEDNESDAY);
    store.book(&book_request(anas, jane()), now()).unwrap();

    let christmas = slot(&store, "physio", "ana", "09:00", "2026-12-25");
    let err = rule_error(store.hold(&hold_request(christmas, 1), now()));
    assert_eq!(err, BookingError::Closed("Christmas Day".into()));
    assert_eq!(err.to_string(), "time slot is closed: Christmas Day");
}

#[test]
fn past_slots_are_refused_but_a_walk_in_is_allowed_until_the_slot_ends() {
    let (_dir, mut store) = open();
    // Ana's and Ben's 09:00 physio on Monday run 08:00Z–09:00Z (BST).
    let anas = slot(&store, "physio", "ana", "09:00", MONDAY);
    let bens = slot(&store, "physio", "ben", "09:00", MONDAY);
    let walk_in = store
        .book(&book_request(anas, jane()), at("2026-06-01T08:30:00Z"))
        .unwrap();
    assert_eq!(walk_in.from, at("2026-06-01T08:00:00Z"));
    store
        .hold(&hold_request(bens, 1), at("2026-06-01T08:59:59Z"))
        .unwrap();

    let ended = at("2026-06-01T09:00:00Z");
    let before = counts(&store);
    let err = rule_error(store.book(&book_request(bens, john()), ended));
    assert_eq!(err, BookingError::Past);
    assert_eq!(err.to_string(), "time slot is in the past");
    let yesterday = slot(&store, "physio", "ana", "10:00", "2026-05-25");
    assert_eq!(
        rule_error(store.book(&book_request(yesterday, john()), ended)),
        BookingError::Past
    );
    assert_eq!(counts(&store).0, before.0);
}

#[test]
fn a_slot_on_a_date_it_does_not_occur_is_refused_with_no_occurrence() {
    let (_dir, mut store) = open();
    let monday_only = slot(&store, "physio", "ana", "09:00", MONDAY);
    let wrong_day = SlotRef {
        time_slot_id: monday_only.time_slot_id,
        date: date(TUESDAY),
    };
    let err = rule_error(store.book(&book_request(wrong_day, jane()), now()));
    assert_eq!(
        err,
        BookingError::NoOccurrence(monday_only.time_slot_id.0, date(TUESDAY))
    );
    assert_eq!(
        err.to_string(),
        format!(
            "time slot {} does not occur on 2026-06-02",
            monday_only.time_slot_id
        )
    );
    let nowhere = SlotRef {
        time_slot_id: TimeSlotId(999_999),
        date: date(MONDAY),
    };
    assert_eq!(
        rule_error(store.hold(&hold_request(nowhere, 1), now())),
        BookingError::TimeSlotNotFound
    );
    assert_eq!(counts(&store).0, 0);
}

#[test]
fn a_sunday_nine_oclock_class_keeps_its_local_time_across_daylight_saving() {
    let (_dir, mut store) = open();
    let early = at("2026-03-01T12:00:00Z");
    for (day, from) in [
        ("2026-03-22", "2026-03-22T09:00:00Z"),
        ("2026-03-29", "2026-03-29T08:00:00Z"),
        ("2026-10-18", "2026-10-18T08:00:00Z"),
        ("2026-10-25", "2026-10-25T09:00:00Z"),
    ] {
        let class = slot(&store, "yoga", "studio", "09:00", day);
        let shown = store
            .slots(
                &SlotQuery {
                    service: Some(store.find_service("yoga").unwrap().id),
                    resource: None,
                    from: date(day),
                    days: 1,
                    include_unavailable: false,
                },
                early,
            )
            .unwrap();
        assert_eq!(shown.len(), 1, "{day}");
        assert_eq!(shown[0].occurrence.from, at(from), "{day} listed");
        assert_eq!(shown[0].occurrence.to, at(from) + Duration::hours(1));
        let booked = store.book(&book_request(class, jane()), early).unwrap();
        assert_eq!(booked.from, at(from), "{day} booked");
        assert_eq!(booked.to, at(from) + Duration::hours(1));
        assert_eq!(booked.date, date(day));
    }
}
