//! Payment state and the manager-only operations (refund, delete) through the
//! store on a real SQLite file.
#![allow(clippy::unwrap_used)]

use crate::support::{
    MONDAY, all_events, book_request, counts, hold_request, jane, now, open, rule_error, slot,
};
use slotdesk::domain::{BookingError, BookingStatus, PaymentMethod, PaymentStatus, Role};
use slotdesk::domain::{EventData, EventKind, PaymentInput};

fn card(amount: i64) -> PaymentInput {
    PaymentInput {
        amount,
        method: PaymentMethod::Card,
        reference: Some(" T-0042 ".into()),
        idempotency_key: None,
    }
}

#[test]
fn payment_goes_from_unpaid_to_paid_to_refunded_and_only_a_manager_refunds() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let booked = store.book(&book_request(physio, jane()), now()).unwrap();
    assert_eq!(booked.payment.status, PaymentStatus::Unpaid);
    assert_eq!(booked.payment.currency, "GBP");

    let paid = store.pay(booked.id, &card(5500), now()).unwrap();
    assert_eq!(paid.payment.status, PaymentStatus::Paid);
    assert_eq!(paid.payment.amount, Some(5500));
    assert_eq!(paid.payment.method, Some(PaymentMethod::Card));
    assert_eq!(paid.payment.reference.as_deref(), Some("T-0042"));

    let before = counts(&store);
    let err = rule_error(store.pay(booked.id, &card(5500), now()));
    assert!(err.to_string().contains("already paid"), "{err}");
    let err = rule_error(store.refund(booked.id, Role::Clerk, now()));
    assert_eq!(err, BookingError::ManagerOnly("refund a payment"));
    assert_eq!(counts(&store), before);
    assert_eq!(store.booking(booked.id).unwrap(), paid);

    let refunded = store.refund(booked.id, Role::Manager, now()).unwrap();
    assert_eq!(refunded.payment.status, PaymentStatus::Refunded);
    let err = rule_error(store.refund(booked.id, Role::Manager, now()));
    assert!(matches!(err, BookingError::NotAllowed(_)), "{err}");
    assert_eq!(
        crate::support::kinds_after(&store, before.2),
        ["booking.refunded"]
    );
}

#[test]
fn a_hold_or_a_zero_amount_cannot_be_paid() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let hold = store.hold(&hold_request(physio, 1), now()).unwrap();
    let before = counts(&store);
    let err = rule_error(store.pay(hold.id, &card(5500), now()));
    assert!(err.to_string().contains("held"), "{err}");
    let err = rule_error(store.pay(hold.id, &card(0), now()));
    assert!(matches!(err, BookingError::Invalid(_)), "{err}");
    assert_eq!(counts(&store), before);
}

#[test]
fn deleting_is_for_managers_and_leaves_the_last_state_in_a_booking_deleted_event() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let booked = store.book(&book_request(physio, jane()), now()).unwrap();
    let paid = store.pay(booked.id, &card(5500), now()).unwrap();

    let before = counts(&store);
    let err = rule_error(store.delete(booked.id, Role::Clerk, now()));
    assert_eq!(err, BookingError::ManagerOnly("delete a booking"));
    assert_eq!(counts(&store), before);

    let last = store.delete(booked.id, Role::Manager, now()).unwrap();
    assert_eq!(last, paid);
    assert_eq!(
        rule_error(store.booking(booked.id)),
        BookingError::BookingNotFound
    );
    assert_eq!(counts(&store).0, before.0 - 1);

    let events = all_events(&store);
    assert_eq!(events.len(), before.2 + 1);
    let deleted = events.last().unwrap();
    assert_eq!(deleted.kind, EventKind::BookingDeleted);
    assert_eq!(deleted.booking_id, Some(booked.id));
    assert_eq!(deleted.data, EventData::booking_change(last.clone(), None));
    assert_eq!(last.status, BookingStatus::Confirmed);
    assert_eq!(last.payment.status, PaymentStatus::Paid);
    let history = store.booking_events(booked.id).unwrap();
    assert_eq!(history.len(), 3, "created, paid, deleted: history is kept");

    assert_eq!(
        rule_error(store.delete(booked.id, Role::Manager, now())),
        BookingError::BookingNotFound
    );
    assert_eq!(paid.status, BookingStatus::Confirmed);
    // The slot is free again.
    store.book(&book_request(physio, jane()), now()).unwrap();
}

#[test]
fn a_deleted_bookings_id_is_never_given_to_a_new_booking() {
    let (_dir, mut store) = open();
    let nine = slot(&store, "physio", "ana", "09:00", MONDAY);
    let ten = slot(&store, "physio", "ana", "10:00", MONDAY);
    store.book(&book_request(nine, jane()), now()).unwrap();
    let newest = store.book(&book_request(ten, jane()), now()).unwrap();
    store.delete(newest.id, Role::Manager, now()).unwrap();

    let next = store.book(&book_request(ten, jane()), now()).unwrap();
    assert!(next.id > newest.id, "{} reused {}", next.id, newest.id);
    let history = store.booking_events(next.id).unwrap();
    let kinds: Vec<EventKind> = history.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [EventKind::BookingCreated], "no inherited history");
}
