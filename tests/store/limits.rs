//! Limits through the store on a real SQLite file: huge capacities and seat
//! counts, a hold's total life, idempotency keys on every write, the booking
//! horizon and minimum notice.
#![allow(clippy::unwrap_used)]

use crate::support::{CATALOG, MONDAY, SETUP_AT, at, counts, hold_request, now, rule_error, slot};
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
