//! Undo through the store: each kind of change put back, and each refusal
//! changing nothing.
#![allow(clippy::unwrap_used)]

use crate::support::{
    MONDAY, TUESDAY, all_events, book_request, counts, hold_request, jane, john, now, open,
    rule_error, slot,
};
use chrono::Duration;
use slotdesk::domain::{
    BookingEdit, BookingError, BookingStatus, EventId, EventKind, PaymentInput, PaymentMethod,
    PaymentStatus, Role,
};
use slotdesk::store::Store;

/// The id of the latest event.
fn last_event(store: &Store) -> EventId {
    all_events(store).last().unwrap().id
}

fn cash() -> PaymentInput {
    PaymentInput {
        amount: 5500,
        method: PaymentMethod::Cash,
        reference: None,
        idempotency_key: None,
    }
}

#[test]
fn a_payment_undone_is_void_and_the_undo_is_its_own_event() {
    let (_dir, mut store) = open();
    let booked = store
        .book(
            &book_request(slot(&store, "physio", "ana", "09:00", MONDAY), jane()),
            now(),
        )
        .unwrap();
    store.pay(booked.id, &cash(), now()).unwrap();
    let undone = store.undo(last_event(&store), now()).unwrap();
    assert_eq!(undone.payment.status, PaymentStatus::Unpaid);
    assert_eq!(undone.payment.amount, None);
    assert_eq!(undone.status, BookingStatus::Confirmed);
    let last = all_events(&store).pop().unwrap();
    assert_eq!(last.kind, EventKind::BookingUndone);
    assert!(last.changes.iter().any(|c| c.field == "payment"));
}

#[test]
fn a_cancel_undone_restores_the_booking_while_its_seat_is_free() {
    let (_dir, mut store) = open();
    let nine = slot(&store, "physio", "ana", "09:00", MONDAY);
    let booked = store.book(&book_request(nine, jane()), now()).unwrap();
    store.cancel(booked.id, "rang to cancel", now()).unwrap();
    let back = store.undo(last_event(&store), now()).unwrap();
    assert_eq!(back.status, BookingStatus::Confirmed);
    assert_eq!(back.cancel_reason, None);

    // Cancelled again, and the seat sold to John: the cancel stays.
    store.cancel(booked.id, "rang again", now()).unwrap();
    let cancel = last_event(&store);
    store.book(&book_request(nine, john()), now()).unwrap();
    // John's booking is a later event, but not of this booking: the cancel is
    // still this booking's latest, and the old state no longer fits.
    let before = counts(&store);
    let err = rule_error(store.undo(cancel, now()));
    assert!(err.to_string().contains("time slot is full"), "{err}");
    assert!(err.to_string().contains("stays cancelled"), "{err}");
    assert_eq!(counts(&store), before);
    assert_eq!(
        store.booking(booked.id).unwrap().status,
        BookingStatus::Cancelled
    );
}

#[test]
fn a_move_undone_moves_the_booking_back_if_there_is_room() {
    let (_dir, mut store) = open();
    let nine = slot(&store, "physio", "ana", "09:00", MONDAY);
    let tuesday = slot(&store, "physio", "ana", "09:00", TUESDAY);
    let booked = store.book(&book_request(nine, jane()), now()).unwrap();
    store.move_booking(booked.id, tuesday, now()).unwrap();
    let back = store.undo(last_event(&store), now()).unwrap();
    assert_eq!(back.slot_ref(), nine);

    store.move_booking(booked.id, tuesday, now()).unwrap();
    let moved = last_event(&store);
    store.book(&book_request(nine, john()), now()).unwrap();
    let err = rule_error(store.undo(moved, now()));
    assert!(err.to_string().contains("time slot is full"), "{err}");
    assert_eq!(store.booking(booked.id).unwrap().slot_ref(), tuesday);
}

#[test]
fn an_edit_or_a_new_booking_undone_goes_back() {
    let (_dir, mut store) = open();
    let booked = store
        .book(
            &book_request(slot(&store, "physio", "ana", "09:00", MONDAY), jane()),
            now(),
        )
        .unwrap();
    let created = last_event(&store);
    let edit = BookingEdit {
        message: Some("Running late".into()),
        ..BookingEdit::default()
    };
    store.edit_booking(booked.id, &edit, now()).unwrap();
    assert_eq!(store.undo(last_event(&store), now()).unwrap().message, None);
    // The creation is no longer the latest change: it cannot be undone...
    let err = rule_error(store.undo(created, now()));
    assert!(err.to_string().contains("has changed since"), "{err}");
    // ...but a booking just made can: it is cancelled, its seat freed.
    let other = store
        .book(
            &book_request(slot(&store, "physio", "ana", "10:00", MONDAY), john()),
            now(),
        )
        .unwrap();
    let undone = store.undo(last_event(&store), now()).unwrap();
    assert_eq!(undone.id, other.id);
    assert_eq!(undone.status, BookingStatus::Cancelled);
    assert_eq!(undone.cancel_reason.as_deref(), Some("undone"));
}

#[test]
fn what_cannot_be_undone_is_refused_and_changes_nothing() {
    let (_dir, mut store) = open();
    let booked = store
        .book(
            &book_request(slot(&store, "physio", "ana", "09:00", MONDAY), jane()),
            now(),
        )
        .unwrap();
    store.pay(booked.id, &cash(), now()).unwrap();
    store.refund(booked.id, Role::Manager, now()).unwrap();
    let before = counts(&store);
    let refund = last_event(&store);
    assert!(
        rule_error(store.undo(refund, now()))
            .to_string()
            .contains("cannot be undone")
    );
    assert_eq!(
        rule_error(store.undo(EventId(9_999), now())),
        BookingError::EventNotFound
    );
    // The customer's creation is not a booking's change.
    let customer_created = all_events(&store)
        .into_iter()
        .find(|e| e.kind == EventKind::CustomerCreated)
        .unwrap();
    assert!(
        rule_error(store.undo(customer_created.id, now()))
            .to_string()
            .contains("cannot be undone")
    );
    assert_eq!(counts(&store), before);

    // A hold confirmed after it would have lapsed cannot go back to a hold.
    let hold = store
        .hold(
            &hold_request(slot(&store, "physio", "ben", "09:00", MONDAY), 1),
            now(),
        )
        .unwrap();
    store.confirm(hold.id, Some(&john()), now()).unwrap();
    let confirm = last_event(&store);
    let later = now() + Duration::minutes(30);
    let err = rule_error(store.undo(confirm, later));
    assert!(err.to_string().contains("has lapsed"), "{err}");
    assert_eq!(
        store.booking(hold.id).unwrap().status,
        BookingStatus::Confirmed
    );
    // Within the hold's time it can.
    let undone = store.undo(confirm, now() + Duration::minutes(5)).unwrap();
    assert_eq!(undone.status, BookingStatus::Held);
    assert_eq!(undone.customer, None);
}

#[test]
fn an_undo_that_would_bring_back_a_merged_away_customer_is_refused_in_words() {
    let (_dir, mut store) = open();
    let nine = slot(&store, "physio", "ana", "09:00", MONDAY);
    let mut pending = book_request(nine, jane());
    pending.status = slotdesk::domain::InitialStatus::Pending;
    let booked = store.book(&pending, now()).unwrap();
    let jane_id = booked.customer.as_ref().unwrap().id;
    // Confirmed for John instead: the booking is John's now.
    let confirmed = store.confirm(booked.id, Some(&john()), now()).unwrap();
    let john_id = confirmed.customer.as_ref().unwrap().id;
    assert_ne!(john_id, jane_id);
    // Jane's record is merged into John's (say, the same family account).
    store
        .merge_customers(john_id, jane_id, Role::Manager, now())
        .unwrap();
    let confirm_event = store.latest_booking_event(booked.id).unwrap().unwrap();
    let before = counts(&store);
    let err = store.undo(confirm_event, now()).unwrap_err().to_string();
    assert!(err.contains("no longer on file"), "{err}");
    assert_eq!(counts(&store), before);
}
