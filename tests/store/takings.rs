//! Takings: a local day's payments, refunds and voided payments by method
//! and per currency, from the journal, and the manager's sign-off.
#![allow(clippy::unwrap_used)]

use crate::support::{
    MONDAY, at, book_request, date, event_count, jane, john, kinds_after, rule_error, slot,
};
use chrono::{DateTime, Utc};
use slotdesk::domain::catalog_file::Catalog;
use slotdesk::domain::{
    BookingError, EventId, MoneyMove, PaymentInput, PaymentMethod, Role, SlotRef,
};
use slotdesk::store::Store;
use tempfile::TempDir;

/// The test studio with one more service priced in euros.
fn open_two_currencies() -> (TempDir, Store) {
    let text = crate::support::CATALOG.replace(
        "[[time_slots]]\nservice = \"yoga\"\nresource = \"ben\"",
        "[[services]]\nkey = \"euro\"\nname = \"Euro Massage\"\nduration_minutes = 60\n\
         price = \"30.00\"\ncurrency = \"EUR\"\n\n[[time_slots]]\nservice = \"euro\"\n\
         resource = \"studio\"\ndays = [\"mon\"]\nstarts = [\"12:00\"]\n\n\
         [[time_slots]]\nservice = \"yoga\"\nresource = \"ben\"",
    );
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("slotdesk.db")).unwrap();
    store
        .apply_catalog(
            &Catalog::from_toml(&text).unwrap(),
            at(crate::support::SETUP_AT),
        )
        .unwrap();
    (dir, store)
}

fn payment(amount: i64, method: PaymentMethod) -> PaymentInput {
    PaymentInput {
        amount,
        method,
        reference: None,
        idempotency_key: None,
    }
}

/// Books `slot` for `who` (a week ahead) and pays `amount` by `method` at `when`.
fn paid(
    store: &mut Store,
    slot: SlotRef,
    who: slotdesk::domain::customer::CustomerInput,
    amount: i64,
    method: PaymentMethod,
    when: DateTime<Utc>,
) -> slotdesk::domain::BookingId {
    let b = store
        .book(&book_request(slot, who), crate::support::now())
        .unwrap();
    store.pay(b.id, &payment(amount, method), when).unwrap();
    b.id
}

#[test]
fn refunds_subtract_and_each_currency_is_totalled_apart() {
    let (_dir, mut store) = open_two_currencies();
    let morning = at("2026-06-01T08:30:00Z");
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let ben = slot(&store, "physio", "ben", "09:00", MONDAY);
    let euro = slot(&store, "euro", "studio", "12:00", MONDAY);
    let first = paid(
        &mut store,
        physio,
        jane(),
        5500,
        PaymentMethod::Card,
        morning,
    );
    paid(&mut store, ben, john(), 5500, PaymentMethod::Cash, morning);
    paid(&mut store, euro, jane(), 3000, PaymentMethod::Card, morning);
    store
        .refund(first, Role::Manager, at("2026-06-01T15:00:00Z"))
        .unwrap();

    let t = store.takings(date(MONDAY)).unwrap();
    let lines: Vec<_> = t
        .by_method
        .iter()
        .map(|l| (l.method, l.currency.as_str(), l.taken, l.refunded, l.net))
        .collect();
    assert_eq!(
        lines,
        [
            (PaymentMethod::Cash, "GBP", 5500, 0, 5500),
            (PaymentMethod::Card, "EUR", 3000, 0, 3000),
            (PaymentMethod::Card, "GBP", 5500, 5500, 0),
        ]
    );
    assert_eq!(t.net("GBP"), 5500);
    assert_eq!(t.net("EUR"), 3000);
    assert_eq!(t.entries.len(), 4);
    assert_eq!(t.entries[3].kind, MoneyMove::Refund);
    assert_eq!(t.signed_off, None);
}

#[test]
fn a_payment_belongs_to_the_local_day_it_was_taken_on() {
    let (_dir, mut store) = open_two_currencies();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let ben = slot(&store, "physio", "ben", "09:00", MONDAY);
    // 23:30 UTC on Sunday 31 May is 00:30 on Monday in London (BST).
    paid(
        &mut store,
        physio,
        jane(),
        5500,
        PaymentMethod::Card,
        at("2026-05-31T23:30:00Z"),
    );
    // 22:59 UTC on Monday is 23:59 on Monday; 23:00 UTC is Tuesday.
    paid(
        &mut store,
        ben,
        john(),
        4000,
        PaymentMethod::Cash,
        at("2026-06-01T22:59:59Z"),
    );
    let tuesday_slot = slot(&store, "physio", "ana", "10:00", "2026-06-02");
    paid(
        &mut store,
        tuesday_slot,
        john(),
        1000,
        PaymentMethod::Cash,
        at("2026-06-01T23:00:00Z"),
    );

    assert_eq!(store.takings(date("2026-05-31")).unwrap().entries.len(), 0);
    let monday = store.takings(date(MONDAY)).unwrap();
    assert_eq!(monday.net("GBP"), 9500);
    assert_eq!(store.takings(date("2026-06-02")).unwrap().net("GBP"), 1000);
}

#[test]
fn a_payment_undone_is_taken_back_out_on_the_day_of_the_undo() {
    let (_dir, mut store) = open_two_currencies();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    paid(
        &mut store,
        physio,
        jane(),
        5500,
        PaymentMethod::Voucher,
        at("2026-06-01T08:00:00Z"),
    );
    let paid_event = store
        .latest_events(&slotdesk::domain::EventFilter::default(), 1)
        .unwrap()[0]
        .id;
    store.undo(paid_event, at("2026-06-02T09:00:00Z")).unwrap();
    assert_eq!(store.takings(date(MONDAY)).unwrap().net("GBP"), 5500);
    let tuesday = store.takings(date("2026-06-02")).unwrap();
    assert_eq!(tuesday.net("GBP"), -5500);
    assert_eq!(tuesday.entries[0].kind, MoneyMove::Voided);
    assert_eq!(tuesday.by_method[0].method, PaymentMethod::Voucher);
}

#[test]
fn only_a_manager_signs_off_and_once_for_the_same_totals() {
    let (_dir, mut store) = open_two_currencies();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let evening = at("2026-06-01T17:00:00Z");
    let id = paid(
        &mut store,
        physio,
        jane(),
        5500,
        PaymentMethod::Cash,
        evening,
    );

    let before = event_count(&store);
    let err = rule_error(store.sign_off_takings(date(MONDAY), Role::Clerk, evening));
    assert_eq!(err, BookingError::ManagerOnly("sign off the takings"));
    let err = rule_error(store.sign_off_takings(date("2026-06-02"), Role::Manager, evening));
    assert!(err.to_string().contains("has not begun"), "{err}");
    assert_eq!(event_count(&store), before);

    let signed = store
        .sign_off_takings(date(MONDAY), Role::Manager, evening)
        .unwrap();
    assert_eq!(kinds_after(&store, before), ["takings.signed_off"]);
    let sign_off = signed.signed_off.clone().unwrap();
    assert_eq!(sign_off.at, evening);
    assert_eq!(sign_off.totals, signed.totals);
    assert!(signed.signed_off_as_it_stands());
    assert_eq!(store.takings(date(MONDAY)).unwrap(), signed);

    let err = rule_error(store.sign_off_takings(date(MONDAY), Role::Manager, evening));
    assert!(err.to_string().contains("already signed off"), "{err}");

    // Money moves after the cash-up: the sign-off no longer stands, and a
    // new one may be made.
    store
        .refund(id, Role::Manager, at("2026-06-01T17:30:00Z"))
        .unwrap();
    let after = store.takings(date(MONDAY)).unwrap();
    assert!(!after.signed_off_as_it_stands());
    assert_eq!(
        after.signed_off.as_ref().map(|s| s.event_id),
        Some(sign_off.event_id)
    );
    let again = store
        .sign_off_takings(date(MONDAY), Role::Manager, at("2026-06-01T18:00:00Z"))
        .unwrap();
    assert!(again.signed_off_as_it_stands());
    assert_ne!(again.signed_off.unwrap().event_id, EventId(0));
    // Another day's sign-off is its own.
    assert_eq!(store.takings(date("2026-05-31")).unwrap().signed_off, None);
}

#[test]
fn a_cash_up_of_totals_that_moved_since_they_were_shown_is_refused() {
    let (_dir, mut store) = open_two_currencies();
    let evening = at("2026-06-01T17:00:00Z");
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    paid(
        &mut store,
        physio,
        jane(),
        5500,
        PaymentMethod::Cash,
        evening,
    );
    // The manager is shown these totals...
    let shown = store.takings(date(MONDAY)).unwrap().totals;
    // ...while another desk takes a payment.
    let massage = slot(&store, "physio", "ben", "10:00", MONDAY);
    let later = at("2026-06-01T17:05:00Z");
    paid(
        &mut store,
        massage,
        john(),
        6000,
        PaymentMethod::Card,
        later,
    );
    let before = event_count(&store);
    let err =
        rule_error(store.sign_off_takings_seen(date(MONDAY), Some(&shown), Role::Manager, later));
    assert!(err.to_string().contains("money moved since"), "{err}");
    assert_eq!(event_count(&store), before, "nothing signed");
    let now_shown = store.takings(date(MONDAY)).unwrap().totals;
    let signed = store
        .sign_off_takings_seen(date(MONDAY), Some(&now_shown), Role::Manager, later)
        .unwrap();
    assert!(signed.signed_off_as_it_stands());
}
