//! Limits through the store on a real SQLite file: huge capacities and seat
//! counts, a hold's total life, idempotency keys on every write, the booking
//! horizon and minimum notice.
#![allow(clippy::unwrap_used)]

use crate::support::{
    CATALOG, MONDAY, SETUP_AT, at, book_request, counts, event_count, hold_request, jane, now,
    rule_error, slot,
};
use chrono::Duration;
use slotdesk::domain::catalog_file::Catalog;
use slotdesk::domain::{
    BookingError, CancelRequest, ConfirmRequest, HoldRequest, PaymentInput, PaymentMethod,
};
use slotdesk::store::Store;
use tempfile::TempDir;

/// A store with [`CATALOG`] applied after `edit` changed its text.
fn open_with(edit: impl Fn(&str) -> String) -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("slotdesk.db")).unwrap();
    let catalog = Catalog::from_toml(&edit(CATALOG)).unwrap();
    store.apply_catalog(&catalog, at(SETUP_AT)).unwrap();
    (dir, store)
}

#[test]
fn two_huge_holds_cannot_overbook_the_largest_capacity() {
    let (_dir, mut store) =
        open_with(|c| c.replace("capacity = 3", &format!("capacity = {}", u32::MAX)));
    let class = slot(&store, "yoga", "studio", "18:00", MONDAY);
    store
        .hold(&hold_request(class, 3_000_000_000), now())
        .unwrap();
    let before = counts(&store);
    let err = rule_error(store.hold(&hold_request(class, 3_000_000_000), now()));
    assert_eq!(err, BookingError::SlotFull);
    assert_eq!(counts(&store), before);
    store
        .hold(&hold_request(class, u32::MAX - 3_000_000_000), now())
        .unwrap();
    let err = rule_error(store.hold(&hold_request(class, 1), now()));
    assert_eq!(err, BookingError::SlotFull);
}

#[test]
fn a_hold_lives_at_most_twice_its_hold_minutes_and_never_past_the_slot_start() {
    let (_dir, mut store) = crate::support::open();
    let physio = slot(&store, "physio", "ana", "10:00", MONDAY);
    let hold = store.hold(&hold_request(physio, 1), now()).unwrap();
    let extended = store.extend_hold(hold.id, now()).unwrap();
    assert_eq!(
        extended.hold_expires_at,
        Some(now() + Duration::minutes(30))
    );
    let before = counts(&store);
    for later in [0, 10, 29] {
        let err = rule_error(store.extend_hold(hold.id, now() + Duration::minutes(later)));
        assert!(matches!(err, BookingError::NotAllowed(_)), "{err}");
        assert!(err.to_string().contains("30 minutes"), "{err}");
    }
    assert_eq!(counts(&store), before);

    // The 09:00 local (08:00 UTC) slot: an extension stops at its start.
    let early = slot(&store, "physio", "ana", "09:00", MONDAY);
    let starts = at("2026-06-01T08:00:00Z");
    let made = starts - Duration::minutes(25);
    let hold = store.hold(&hold_request(early, 1), made).unwrap();
    let extended = store.extend_hold(hold.id, made).unwrap();
    assert_eq!(extended.hold_expires_at, Some(starts));
    let err = rule_error(store.extend_hold(hold.id, made + Duration::minutes(1)));
    assert!(err.to_string().contains("start"), "{err}");
}

fn keyed_hold(slot: slotdesk::domain::SlotRef, seats: u32, key: &str) -> HoldRequest {
    HoldRequest {
        idempotency_key: Some(key.into()),
        ..hold_request(slot, seats)
    }
}

#[test]
fn a_key_reused_with_a_different_request_is_a_conflict_and_the_same_request_returns_the_first() {
    let (_dir, mut store) = crate::support::open();
    let class = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let other = slot(&store, "yoga", "studio", "18:30", MONDAY);
    let first = store.hold(&keyed_hold(class, 1, "k-1"), now()).unwrap();
    let before = counts(&store);
    assert_eq!(
        store.hold(&keyed_hold(class, 1, "k-1"), now()).unwrap().id,
        first.id
    );
    for different in [keyed_hold(class, 2, "k-1"), keyed_hold(other, 1, "k-1")] {
        let err = rule_error(store.hold(&different, now()));
        assert_eq!(
            err.to_string(),
            "idempotency key reused with a different request"
        );
        assert_eq!(err.kind(), slotdesk::domain::ErrorKind::Conflict);
    }
    let mut book = book_request(class, jane());
    book.idempotency_key = Some("k-1".into());
    let err = rule_error(store.book(&book, now()));
    assert_eq!(
        err.to_string(),
        "idempotency key reused with a different request"
    );
    assert_eq!(counts(&store), before);

    book.idempotency_key = Some("k-2".into());
    let booked = store.book(&book, now()).unwrap();
    assert_eq!(store.book(&book, now()).unwrap().id, booked.id);
    book.message = Some("now with a note".into());
    let err = rule_error(store.book(&book, now()));
    assert_eq!(
        err.to_string(),
        "idempotency key reused with a different request"
    );
}

#[test]
fn a_repeated_keyed_payment_confirmation_or_cancel_changes_nothing_more() {
    let (_dir, mut store) = crate::support::open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let hold = store.hold(&hold_request(physio, 1), now()).unwrap();
    let confirm = ConfirmRequest {
        customer: Some(jane().into()),
        idempotency_key: Some("confirm-1".into()),
        ..ConfirmRequest::default()
    };
    let confirmed = store.confirm_with(hold.id, &confirm, now()).unwrap();
    let events = event_count(&store);
    assert_eq!(
        store.confirm_with(hold.id, &confirm, now()).unwrap(),
        confirmed
    );
    assert_eq!(event_count(&store), events);

    let pay = PaymentInput {
        amount: 5500,
        method: PaymentMethod::Cash,
        reference: None,
        idempotency_key: Some("pay-1".into()),
    };
    let paid = store.pay(hold.id, &pay, now()).unwrap();
    let events = event_count(&store);
    assert_eq!(store.pay(hold.id, &pay, now()).unwrap(), paid);
    assert_eq!(event_count(&store), events, "no second payment event");
    let err = rule_error(store.pay(
        hold.id,
        &PaymentInput {
            amount: 5000,
            ..pay.clone()
        },
        now(),
    ));
    assert_eq!(err, BookingError::KeyReused);
    let err = rule_error(store.pay(
        hold.id,
        &PaymentInput {
            idempotency_key: Some("confirm-1".into()),
            ..pay.clone()
        },
        now(),
    ));
    assert_eq!(err, BookingError::KeyReused, "a key names one operation");

    let cancel = CancelRequest {
        reason: "rang".into(),
        idempotency_key: Some("cancel-1".into()),
        only_hold: false,
    };
    let cancelled = store.cancel_with(hold.id, &cancel, now()).unwrap();
    let events = event_count(&store);
    assert_eq!(
        store.cancel_with(hold.id, &cancel, now()).unwrap(),
        cancelled
    );
    assert_eq!(event_count(&store), events);
    let other = CancelRequest {
        reason: "rang again".into(),
        ..cancel
    };
    assert_eq!(
        rule_error(store.cancel_with(hold.id, &other, now())),
        BookingError::KeyReused
    );
    assert_eq!(counts(&store).2, events);
}

#[test]
fn a_slot_past_the_horizon_or_inside_the_notice_is_refused_for_hold_book_and_move() {
    let (_dir, mut store) = open_with(|c| {
        c.replace(
            "key = \"massage\"",
            "key = \"massage\"\nhorizon_days = 30\nmin_notice_minutes = 120",
        )
    });
    // Physio keeps the defaults: 365 days ahead, no notice.
    let far = slot(&store, "physio", "ana", "09:00", "9999-12-27");
    let before = counts(&store);
    let err = rule_error(store.hold(&hold_request(far, 1), now()));
    assert_eq!(err, BookingError::TooFarAhead(365));
    assert_eq!(err.kind(), slotdesk::domain::ErrorKind::Conflict);
    let err = rule_error(store.book(&book_request(far, jane()), now()));
    assert_eq!(err, BookingError::TooFarAhead(365));
    assert_eq!(counts(&store), before);
    let year_on = slot(&store, "physio", "ana", "09:00", "2027-05-24");
    store.hold(&hold_request(year_on, 1), now()).unwrap();
    let next = slot(&store, "physio", "ana", "09:00", "2027-05-31");
    assert_eq!(
        rule_error(store.hold(&hold_request(next, 1), now())),
        BookingError::TooFarAhead(365)
    );

    // Massage: 30 days ahead, two hours' notice. Ana's 09:30 on Monday is
    // 08:30 UTC.
    let massage = slot(&store, "massage", "ana", "09:30", MONDAY);
    let starts = at("2026-06-01T08:30:00Z");
    let late = starts - Duration::minutes(119);
    assert_eq!(
        rule_error(store.hold(&hold_request(massage, 1), late)),
        BookingError::TooSoon(120)
    );
    let held = store
        .hold(&hold_request(massage, 1), starts - Duration::minutes(120))
        .unwrap();
    let far_massage = slot(&store, "massage", "ana", "09:30", "2026-07-06");
    assert_eq!(
        rule_error(store.move_booking(held.id, far_massage, starts - Duration::minutes(120))),
        BookingError::TooFarAhead(30)
    );
}

#[test]
fn the_booking_window_defaults_to_a_year_ahead_and_no_notice_and_is_checked_in_the_file() {
    let c = Catalog::from_toml(CATALOG).unwrap();
    assert!(
        c.services
            .iter()
            .all(|s| s.horizon_days == 365 && s.min_notice_minutes == 0)
    );
    for (field, why) in [
        ("horizon_days = 0", "horizon_days must be 1 to 3660"),
        ("horizon_days = 3661", "horizon_days must be 1 to 3660"),
        (
            "min_notice_minutes = 525601",
            "min_notice_minutes must be 0 to 525600",
        ),
        ("min_notice_minutes = -1", "min_notice_minutes"),
    ] {
        let text = CATALOG.replace("key = \"massage\"", &format!("key = \"massage\"\n{field}"));
        let err = Catalog::from_toml(&text).unwrap_err().to_string();
        assert!(err.contains(why), "{field}: {err}");
    }
}
