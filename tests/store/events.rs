//! Every change writes exactly its event, in its own transaction:
//! each store write is checked for the kinds, booking, customer and instant of
//! the events it adds.
#![allow(clippy::unwrap_used)]

use crate::support::{
    MONDAY, TUESDAY, all_events, book_request, event_count, hold_request, jane, john, now, open,
    slot,
};
use chrono::{DateTime, Duration, Utc};
use slotdesk::domain::EventFilter;
use slotdesk::domain::{Actor, CustomerPatch, EventData, EventKind, Origin, PaymentInput};
use slotdesk::domain::{BookingId, PaymentMethod, Role, Transition};
use slotdesk::store::Store;

/// Runs `op` at `at` and checks that it added exactly `kinds`, all stamped
/// `at` and, where a booking is named, about `booking`.
fn expect<T>(
    store: &mut Store,
    at: DateTime<Utc>,
    kinds: &[&str],
    op: impl FnOnce(&mut Store, DateTime<Utc>) -> T,
) -> T {
    let before = event_count(store);
    let out = op(store, at);
    let added = &all_events(store)[before..];
    let got: Vec<&str> = added.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(got, kinds);
    assert!(added.iter().all(|e| e.at == at), "{added:?}");
    out
}

fn booking_of(events: &[slotdesk::domain::Event], kind: &str) -> Option<BookingId> {
    events
        .iter()
        .rev()
        .find(|e| e.kind.as_str() == kind)
        .and_then(|e| e.booking_id)
}

#[test]
fn every_change_writes_exactly_its_event() {
    let (_dir, mut store) = open();
    let t = now();
    let nine = slot(&store, "physio", "ana", "09:00", MONDAY);
    let ten = slot(&store, "physio", "ana", "10:00", MONDAY);
    let class = slot(&store, "yoga", "studio", "18:00", MONDAY);

    let hold = expect(&mut store, t, &["booking.created"], |s, t| {
        s.hold(&hold_request(nine, 1), t).unwrap()
    });
    expect(&mut store, t, &["booking.hold_extended"], |s, t| {
        s.extend_hold(hold.id, t).unwrap()
    });
    expect(
        &mut store,
        t,
        &["customer.created", "booking.confirmed"],
        |s, t| s.confirm(hold.id, Some(&jane()), t).unwrap(),
    );
    assert_eq!(
        booking_of(&all_events(&store), "booking.confirmed"),
        Some(hold.id)
    );
    expect(&mut store, t, &["booking.moved"], |s, t| {
        s.move_booking(hold.id, ten, t).unwrap()
    });
    let card = PaymentInput {
        amount: 5500,
        method: PaymentMethod::Card,
        reference: None,
        idempotency_key: None,
    };
    expect(&mut store, t, &["booking.paid"], |s, t| {
        s.pay(hold.id, &card, t).unwrap()
    });
    expect(&mut store, t, &["booking.refunded"], |s, t| {
        s.refund(hold.id, Role::Manager, t).unwrap()
    });
    let arrived = crate::support::at("2026-06-01T08:55:00Z");
    expect(&mut store, arrived, &["booking.checked_in"], |s, t| {
        s.transition(hold.id, Transition::CheckIn, t).unwrap()
    });
    expect(&mut store, arrived, &["booking.completed"], |s, t| {
        s.transition(hold.id, Transition::Complete, t).unwrap()
    });

    let janes = expect(&mut store, t, &["booking.created"], |s, t| {
        s.book(&book_request(class, jane()), t).unwrap()
    });
    let johns = expect(
        &mut store,
        t,
        &["customer.created", "booking.created"],
        |s, t| s.book(&book_request(class, john()), t).unwrap(),
    );
    expect(&mut store, t, &["booking.cancelled"], |s, t| {
        s.cancel(janes.id, "work", t).unwrap()
    });
    expect(&mut store, t, &["booking.deleted"], |s, t| {
        s.delete(janes.id, Role::Manager, t).unwrap()
    });
    let john_id = johns.customer.unwrap().id;
    let patch = CustomerPatch {
        first_name: Some("Jon".into()),
        ..CustomerPatch::default()
    };
    expect(&mut store, t, &["customer.updated"], |s, t| {
        s.edit_customer(john_id, &patch, t).unwrap()
    });
    let missed = crate::support::at("2026-06-01T17:10:00Z");
    expect(&mut store, missed, &["booking.no_show"], |s, t| {
        s.transition(johns.id, Transition::NoShow, t).unwrap()
    });

    let tuesday = slot(&store, "yoga", "studio", "18:00", TUESDAY);
    let held = expect(&mut store, t, &["booking.created"], |s, t| {
        s.hold(&hold_request(tuesday, 1), t).unwrap()
    });
    // A hold has no customer, so making it pending is refused: no event.
    expect(&mut store, t, &[], |s, t| {
        s.transition(held.id, Transition::MarkPending, t)
            .unwrap_err()
    });
}

#[test]
fn pending_and_declined_bookings_record_their_events() {
    let (_dir, mut store) = open();
    let t = now();
    let class = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let mut pending = book_request(class, jane());
    pending.status = slotdesk::domain::InitialStatus::Pending;
    let booked = expect(
        &mut store,
        t,
        &["customer.created", "booking.created"],
        |s, t| s.book(&pending, t).unwrap(),
    );
    expect(&mut store, t, &["booking.declined"], |s, t| {
        s.transition(booked.id, Transition::Decline, t).unwrap()
    });
    let events = store.booking_events(booked.id).unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(
        events[1].data.booking().map(|b| b.status),
        Some(slotdesk::domain::BookingStatus::Declined)
    );
}

#[test]
fn a_sweep_records_one_expired_event_per_lapsed_hold_and_refusals_record_none() {
    let (_dir, mut store) = open();
    let t = now();
    let nine = slot(&store, "physio", "ana", "09:00", MONDAY);
    let class = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let a = store.hold(&hold_request(nine, 1), t).unwrap();
    let b = store.hold(&hold_request(class, 2), t).unwrap();
    let later = t + Duration::minutes(15);
    let swept = expect(
        &mut store,
        later,
        &["booking.expired", "booking.expired"],
        |s, t| s.sweep_expired_holds(t).unwrap(),
    );
    assert_eq!(swept, vec![a.id, b.id]);
    let events = all_events(&store);
    let expired: Vec<Option<BookingId>> = events
        .iter()
        .filter(|e| e.kind == EventKind::BookingExpired)
        .map(|e| e.booking_id)
        .collect();
    assert_eq!(expired, vec![Some(a.id), Some(b.id)]);
    expect(&mut store, later, &[], |s, t| {
        s.sweep_expired_holds(t).unwrap()
    });

    let booked = store.book(&book_request(class, jane()), later).unwrap();
    expect(&mut store, later, &[], |s, t| {
        s.book(&book_request(class, jane()), t).unwrap_err()
    });
    expect(&mut store, later, &[], |s, t| {
        s.cancel(booked.id, " ", t).unwrap_err()
    });
    expect(&mut store, later, &[], |s, t| {
        s.refund(booked.id, Role::Clerk, t).unwrap_err()
    });
    expect(&mut store, later, &[], |s, t| {
        s.confirm(booked.id, None, t).unwrap_err()
    });
}

#[test]
fn an_event_of_an_older_shape_is_kept_and_the_rest_of_the_journal_still_reads() {
    let (_dir, mut store) = open();
    let nine = slot(&store, "physio", "ana", "09:00", MONDAY);
    let booked = store.book(&book_request(nine, jane()), now()).unwrap();
    // What an older `slotdesk generate` wrote: a short booking.created payload.
    crate::support::engine::Raw::open(store.path())
        .run(&format!(
            "INSERT INTO events (at, kind, booking_id, customer_id, data)
             VALUES (0, 'booking.created', {}, NULL, '{{\"id\":1,\"status\":\"confirmed\"}}')",
            booked.id.0
        ))
        .unwrap();
    let history = store.booking_events(booked.id).unwrap();
    assert_eq!(history.len(), 2);
    assert!(matches!(history[1].data, EventData::Unreadable(_)));
    assert_eq!(
        store.latest_events(&EventFilter::default(), 10).unwrap()[0].id,
        history[1].id,
        "newest first"
    );
    let all = store.events(None, &EventFilter::default(), 100).unwrap();
    assert!(all.iter().any(|e| e.data.booking() == Some(&booked)));
}

#[test]
fn the_journal_is_append_only_even_for_sql_from_outside() {
    let (_dir, mut store) = open();
    let nine = slot(&store, "physio", "ana", "09:00", MONDAY);
    store.book(&book_request(nine, jane()), now()).unwrap();
    let before = all_events(&store);
    let mut conn = crate::support::engine::Raw::open(store.path());
    for sql in [
        "UPDATE events SET kind = 'booking.cancelled'",
        "UPDATE events SET data = '{}' WHERE id = 1",
        "DELETE FROM events",
        "DELETE FROM events WHERE id = 1",
    ] {
        let err = conn.run(sql).unwrap_err();
        assert!(err.contains("events are append-only"), "{sql}: {err}");
    }
    assert_eq!(all_events(&store), before);
    // Appending still works: the next change writes its event.
    let ten = slot(&store, "physio", "ana", "10:00", MONDAY);
    store.book(&book_request(ten, jane()), now()).unwrap();
    assert!(all_events(&store).len() > before.len());
}

#[test]
fn each_event_says_who_and_from_where_even_with_two_desks_on_one_file() {
    let (_dir, mut store) = open();
    let mut other = Store::open(store.path()).unwrap();
    store
        .act_as(&Actor {
            origin: Origin::Desk,
            staff: Some("Dana Reception".into()),
        })
        .unwrap();
    other
        .act_as(&Actor {
            origin: Origin::Cli,
            staff: None,
        })
        .unwrap();
    let nine = slot(&store, "physio", "ana", "09:00", MONDAY);
    let ten = slot(&store, "physio", "ana", "10:00", MONDAY);
    let a = store.book(&book_request(nine, jane()), now()).unwrap();
    let b = other.book(&book_request(ten, john()), now()).unwrap();
    let by = |id| {
        let events = store.booking_events(id).unwrap();
        (events[0].origin, events[0].staff.clone())
    };
    assert_eq!(
        by(a.id),
        (Some(Origin::Desk), Some("Dana Reception".into()))
    );
    assert_eq!(by(b.id), (Some(Origin::Cli), None));
}

#[test]
fn an_update_records_what_changed_before_and_after() {
    let (_dir, mut store) = open();
    let nine = slot(&store, "physio", "ana", "09:00", MONDAY);
    let booked = store.book(&book_request(nine, jane()), now()).unwrap();
    let edit = slotdesk::domain::BookingEdit {
        message: Some("Running late".into()),
        ..Default::default()
    };
    store.edit_booking(booked.id, &edit, now()).unwrap();
    let events = store.booking_events(booked.id).unwrap();
    assert!(
        events[0].changes.is_empty(),
        "a creation changes nothing that was"
    );
    let fields: Vec<(&str, String, String)> = events[1]
        .changes
        .iter()
        .map(|c| (c.field.as_str(), c.before.to_string(), c.after.to_string()))
        .collect();
    assert_eq!(
        fields,
        [("message", "null".into(), "\"Running late\"".into())]
    );

    let customer = booked.customer.unwrap().id;
    let patch = CustomerPatch {
        last_name: Some("Doe-Smith".into()),
        phone: Some("020 7946 0018".into()),
        ..CustomerPatch::default()
    };
    store.edit_customer(customer, &patch, now()).unwrap();
    let last = all_events(&store).pop().unwrap();
    assert_eq!(last.kind, EventKind::CustomerUpdated);
    let fields: Vec<&str> = last.changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["last_name", "name", "phone"]);
    assert_eq!(last.changes[0].before, "Doe");
    assert_eq!(last.changes[0].after, "Doe-Smith");
}

#[test]
fn the_journal_reads_by_booking_customer_and_staff_member() {
    let (_dir, mut store) = open();
    let mut other = Store::open(store.path()).unwrap();
    let dana = Actor {
        origin: Origin::Desk,
        staff: Some("Dana Reception".into()),
    };
    store.act_as(&dana).unwrap();
    other
        .act_as(&Actor {
            origin: Origin::Desk,
            staff: Some("Morgan Lead".into()),
        })
        .unwrap();
    let nine = slot(&store, "physio", "ana", "09:00", MONDAY);
    let ten = slot(&store, "physio", "ana", "10:00", MONDAY);
    let a = store.book(&book_request(nine, jane()), now()).unwrap();
    let b = other.book(&book_request(ten, john()), now()).unwrap();
    other.cancel(a.id, "called", now()).unwrap();
    let ids = |filter: EventFilter| -> Vec<(EventKind, Option<BookingId>)> {
        store
            .latest_events(&filter, 100)
            .unwrap()
            .into_iter()
            .map(|e| (e.kind, e.booking_id))
            .collect()
    };
    let of_a = EventFilter {
        booking: Some(a.id),
        ..EventFilter::default()
    };
    assert_eq!(
        ids(of_a.clone()),
        [
            (EventKind::BookingCancelled, Some(a.id)),
            (EventKind::BookingCreated, Some(a.id))
        ],
        "newest first"
    );
    let janes = EventFilter {
        customer: a.customer.as_ref().map(|c| c.id),
        ..EventFilter::default()
    };
    assert_eq!(
        ids(janes),
        [
            (EventKind::BookingCancelled, Some(a.id)),
            (EventKind::BookingCreated, Some(a.id)),
            (EventKind::CustomerCreated, None)
        ],
        "Jane's record and her booking, not John's"
    );
    let by_morgan = EventFilter {
        staff: Some("morgan lead".into()),
        ..EventFilter::default()
    };
    assert_eq!(
        ids(by_morgan.clone()),
        [
            (EventKind::BookingCancelled, Some(a.id)),
            (EventKind::BookingCreated, Some(b.id)),
            (EventKind::CustomerCreated, None)
        ],
        "John's record, his booking and Jane's cancel; any case"
    );
    let both = EventFilter {
        booking: Some(a.id),
        ..by_morgan
    };
    assert_eq!(ids(both), [(EventKind::BookingCancelled, Some(a.id))]);
    let nobody = EventFilter {
        staff: Some("Sam".into()),
        ..EventFilter::default()
    };
    assert!(ids(nobody).is_empty());
    // A manager's approval at a clerk's desk counts for both of them.
    other
        .act_as(&Actor {
            origin: Origin::Desk,
            staff: Some("Morgan Lead for Dana Reception".into()),
        })
        .unwrap();
    other.cancel(b.id, "approved", now()).unwrap();
    for name in [
        "Dana Reception",
        "morgan lead",
        "Morgan Lead for Dana Reception",
    ] {
        let by = EventFilter {
            staff: Some(name.into()),
            ..EventFilter::default()
        };
        assert_eq!(
            ids(by)[0],
            (EventKind::BookingCancelled, Some(b.id)),
            "{name}"
        );
    }
    let partial = EventFilter {
        staff: Some("Dana".into()),
        ..EventFilter::default()
    };
    assert!(ids(partial).is_empty(), "a whole name, not a part of one");
    // Oldest first from an id, for the CLI.
    let since = store.events(None, &of_a, 1).unwrap();
    assert_eq!(since[0].kind, EventKind::BookingCreated);
    assert!(store.events(Some(since[0].id), &of_a, 10).unwrap().len() == 1);
}
