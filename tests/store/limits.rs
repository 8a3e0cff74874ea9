//! Limits through the store on a real SQLite file: huge capacities and seat
//! counts, a hold's total life, idempotency keys on every write, the booking
//! horizon and minimum notice.
#![allow(clippy::unwrap_used)]

use crate::support::{CATALOG, MONDAY, SETUP_AT, at, counts, hold_request, now, rule_error, slot};
use chrono::Duration;
use slotdesk::domain::BookingError;
use slotdesk::domain::catalog_file::Catalog;
use slotdesk::store::Store;
use tempfile::TempDir;

/// A store with [`CATALOG`] applied after `edit` changed its text.
fn open_with(edit: impl Fn(&str) -> String) -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("slotdesk.db")).unwrap();
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
