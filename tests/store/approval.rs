//! Approval through the store (Wix `CREATED`): a requires-approval
//! service's bookings are `requested` and hold no seat; approving re-checks
//! the room in its transaction, so two desks approving the last seat
//! confirm one and refuse the other, which stays requested; declining keeps
//! its reason.
#![allow(clippy::unwrap_used)]

use crate::support::{
    CATALOG, MONDAY, SETUP_AT, all_bookings, at, book_request, customer, hold_request, jane, now,
    rule_error, slot,
};
use slotdesk::domain::catalog_file::Catalog;
use slotdesk::domain::requests::InitialStatus;
use slotdesk::domain::{BookingError, BookingStatus, ConfirmRequest, Role};
use slotdesk::store::Store;

fn approval_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("slotdesk.db")).unwrap();
    let toml = CATALOG.replacen(
        "capacity = 3\nprice = \"12.00\"\n",
        "capacity = 3\nprice = \"12.00\"\nrequires_approval = true\n",
        1,
    );
    store
        .apply_catalog(&Catalog::from_toml(&toml).unwrap(), at(SETUP_AT))
        .unwrap();
    (dir, store)
}

#[test]
fn two_desks_approving_the_last_seat_confirm_one_and_the_other_stays_requested() {
    let (dir, mut one) = approval_store();
    let yoga = slot(&one, "yoga", "studio", "18:00", MONDAY);
    let mut req = book_request(yoga, jane());
    req.status = InitialStatus::ServiceDefault;
    req.participants = 2;
    let a = one.book(&req, now()).unwrap();
    assert_eq!(a.status, BookingStatus::Requested);
    let mut other = book_request(yoga, customer("Ada", "Lovelace", "ada@example.com"));
    other.status = InitialStatus::ServiceDefault;
    other.participants = 2;
    let b = one.book(&other, now()).unwrap();
    assert_eq!(b.status, BookingStatus::Requested);

    let mut two = Store::open(&dir.path().join("slotdesk.db")).unwrap();
    let approved = two
        .confirm_with(b.id, &ConfirmRequest::default(), now())
        .unwrap();
    assert_eq!(approved.status, BookingStatus::Confirmed);
    let e = rule_error(one.confirm_with(a.id, &ConfirmRequest::default(), now()));
    assert_eq!(e, BookingError::SlotFull);
    assert_eq!(one.booking(a.id).unwrap().status, BookingStatus::Requested);
    let declined = one
        .decline(a.id, Some("  no room that evening "), now())
        .unwrap();
    assert_eq!(declined.status, BookingStatus::Declined);
    assert_eq!(
        declined.decline_reason.as_deref(),
        Some("no room that evening")
    );
    assert!(one.decline(a.id, None, now()).is_err(), "declined twice");
}

#[test]
fn confirming_at_once_needs_a_manager() {
    let (_dir, mut store) = approval_store();
    let yoga = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let mut req = book_request(yoga, jane());
    req.status = InitialStatus::Confirmed;
    let e = rule_error(store.book(&req, now()));
    assert!(e.to_string().contains("needs a manager"), "{e}");
    req.role = Role::Manager;
    assert_eq!(
        store.book(&req, now()).unwrap().status,
        BookingStatus::Confirmed
    );
}

#[test]
fn a_hold_on_a_service_that_takes_requests_is_refused_so_approval_cannot_be_skipped() {
    let (_dir, mut store) = approval_store();
    let yoga = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let e = rule_error(store.hold(&hold_request(yoga, 1), now()));
    assert!(e.to_string().contains("takes requests"), "{e}");
    assert!(
        all_bookings(&store).is_empty(),
        "nothing held, nothing to confirm past the approval"
    );
}

#[test]
fn a_second_request_for_the_same_class_by_the_same_customer_is_a_duplicate_booking() {
    let (_dir, mut store) = approval_store();
    let yoga = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let mut req = book_request(yoga, jane());
    req.status = InitialStatus::ServiceDefault;
    let first = store.book(&req, now()).unwrap();
    assert_eq!(first.status, BookingStatus::Requested);
    assert_eq!(rule_error(store.book(&req, now())), BookingError::Duplicate);
    // Another customer may still ask; and once the first is declined Jane
    // may ask again.
    let mut ada = book_request(yoga, customer("Ada", "Lovelace", "ada@example.com"));
    ada.status = InitialStatus::ServiceDefault;
    store.book(&ada, now()).unwrap();
    store
        .decline(first.id, Some("full that week"), now())
        .unwrap();
    assert_eq!(
        store.book(&req, now()).unwrap().status,
        BookingStatus::Requested
    );
}
