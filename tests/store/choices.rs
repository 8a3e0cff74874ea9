//! Participant choices through the store (Wix `participantsChoices`): a
//! booking's counts per price tier are kept at the tiers' prices, sum to
//! its participants and price its total; a hold confirmed with counts must
//! add up to its seats; a refusal writes nothing.
#![allow(clippy::unwrap_used)]

use crate::support::{
    CATALOG, MONDAY, at, book_request, event_count, hold_request, jane, now, rule_error, slot,
};
use slotdesk::domain::catalog_file::Catalog;
use slotdesk::domain::{ConfirmRequest, ErrorKind};
use slotdesk::store::Store;

/// The test studio with yoga priced by tier: adult 12.00, child 8.00.
pub(crate) fn tiered() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("slotdesk.db")).unwrap();
    let toml = CATALOG.replacen(
        "capacity = 3\nprice = \"12.00\"\n",
        "capacity = 3\nprice = \"12.00\"\nchoices = [{ key = \"adult\", name = \"Adult\", price = \"12.00\" }, { key = \"child\", name = \"Child\", price = \"8.00\" }]\n",
        1,
    );
    store
        .apply_catalog(
            &Catalog::from_toml(&toml).unwrap(),
            at(crate::support::SETUP_AT),
        )
        .unwrap();
    (dir, store)
}

#[test]
fn counts_per_tier_are_kept_with_their_prices_and_price_the_booking() {
    let (_dir, mut store) = tiered();
    let yoga = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let mut req = book_request(yoga, jane());
    req.participants = 3;
    req.choices = vec![("child".into(), 2), ("adult".into(), 1)];
    let b = store.book(&req, now()).unwrap();
    assert_eq!(b.participants, 3);
    assert_eq!(b.choices.len(), 2);
    assert_eq!(
        (
            b.choices[0].key.as_str(),
            b.choices[0].count,
            b.choices[0].price
        ),
        ("adult", 1, 1200)
    );
    assert_eq!(b.amount_due(1200), 1200 + 2 * 800);
    let read = store.booking(b.id).unwrap();
    assert_eq!(read.choices, b.choices);
    // The tiers' prices when booked stay with the booking.
    let services = store.services().unwrap();
    let yoga_service = services.iter().find(|s| s.key == "yoga").unwrap();
    assert_eq!(yoga_service.choices[1].price, 800);
}

#[test]
fn an_unknown_tier_or_a_sum_that_disagrees_writes_nothing() {
    let (_dir, mut store) = tiered();
    let yoga = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let before = event_count(&store);
    let mut req = book_request(yoga, jane());
    req.choices = vec![("teen".into(), 1)];
    let e = rule_error(store.book(&req, now()));
    assert_eq!(e.kind(), ErrorKind::Invalid);
    assert_eq!(
        e.to_string(),
        "unknown choice 'teen' for Yoga: choose adult, child"
    );
    req.choices = vec![("child".into(), 2)];
    req.participants = 1;
    assert!(
        rule_error(store.book(&req, now()))
            .to_string()
            .contains("disagrees")
    );
    req.choices = vec![("child".into(), u32::MAX)];
    req.participants = u32::MAX;
    assert_eq!(
        rule_error(store.book(&req, now())).kind(),
        ErrorKind::Invalid
    );
    assert_eq!(event_count(&store), before);
}

#[test]
fn a_hold_confirmed_with_counts_must_add_up_to_its_seats() {
    let (_dir, mut store) = tiered();
    let yoga = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let hold = store.hold(&hold_request(yoga, 2), now()).unwrap();
    let mut confirm = ConfirmRequest {
        customer: Some(jane().into()),
        choices: vec![("adult".into(), 1)],
        ..ConfirmRequest::default()
    };
    assert!(
        rule_error(store.confirm_with(hold.id, &confirm, now()))
            .to_string()
            .contains("disagrees")
    );
    confirm.choices = vec![("adult".into(), 1), ("child".into(), 1)];
    let b = store.confirm_with(hold.id, &confirm, now()).unwrap();
    assert_eq!(b.choices.len(), 2);
    assert_eq!(b.amount_due(0), 2000);
}

#[test]
fn a_payment_option_is_kept_and_the_list_filters_by_it() {
    use slotdesk::domain::{BookingQuery, PaymentOption};
    let (_dir, mut store) = tiered();
    let mut req = book_request(slot(&store, "yoga", "studio", "18:00", MONDAY), jane());
    req.payment_option = Some(PaymentOption::Membership);
    let member = store.book(&req, now()).unwrap();
    assert_eq!(
        store.booking(member.id).unwrap().payment_option,
        Some(PaymentOption::Membership)
    );
    let other = book_request(
        slot(&store, "yoga", "studio", "18:00", crate::support::TUESDAY),
        jane(),
    );
    store.book(&other, now()).unwrap();
    let query = BookingQuery {
        payment_option: Some(PaymentOption::Membership),
        ..BookingQuery::default()
    };
    let page = store.bookings(&query).unwrap();
    assert_eq!(page.bookings.len(), 1);
    assert_eq!(page.bookings[0].id, member.id);
    // The same key with another option is another request.
    req.idempotency_key = Some("k1".into());
    req.slot = Some(slot(&store, "yoga", "studio", "09:00", "2026-06-07"));
    store.book(&req, now()).unwrap();
    req.payment_option = Some(PaymentOption::Online);
    assert!(store.book(&req, now()).is_err());
}

#[test]
fn seats_of_a_booking_counted_by_tier_are_not_changed_alone() {
    use slotdesk::domain::BookingEdit;
    let (_dir, mut store) = tiered();
    let yoga = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let mut req = book_request(yoga, jane());
    req.participants = 2;
    req.choices = vec![("child".into(), 1), ("adult".into(), 1)];
    let b = store.book(&req, now()).unwrap();
    let events = event_count(&store);
    let edit = BookingEdit {
        participants: Some(3),
        ..BookingEdit::default()
    };
    let e = rule_error(store.edit_booking(b.id, &edit, now()));
    assert_eq!(e.kind(), ErrorKind::Invalid, "{e}");
    assert!(e.to_string().contains("by tier"), "{e}");
    let after = store.booking(b.id).unwrap();
    assert_eq!(
        (after.participants, after.choices.len()),
        (2, 2),
        "nothing changed"
    );
    assert_eq!(event_count(&store), events);
    // The same seats again (an edit of the note) is still fine.
    let note = BookingEdit {
        participants: Some(2),
        message: Some("twins".into()),
        ..BookingEdit::default()
    };
    assert_eq!(
        store.edit_booking(b.id, &note, now()).unwrap().participants,
        2
    );
}
