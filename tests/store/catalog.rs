//! The store against a real SQLite file: opening (permissions, schema
//! versions, reopening) and applying a catalog idempotently.
#![allow(clippy::unwrap_used)]

use crate::support::{
    CATALOG, MONDAY, SETUP_AT, all_bookings, at, book_request, catalog, date, event_count, jane,
    now, open, refused, slot, time_slot,
};
use chrono::Weekday;
use slotdesk::domain::catalog_file::Catalog;
use slotdesk::domain::{CatalogChanges, SlotQuery};
use slotdesk::store::{Store, StoreError};

#[cfg(unix)]
#[test]
fn a_new_database_file_is_created_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("desk.db");
    let store = Store::create(&path).unwrap();
    assert_eq!(store.path(), path);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "mode was {:o}", mode & 0o777);
}

#[test]
fn a_database_written_by_a_newer_slotdesk_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("slotdesk.db");
    drop(Store::create(&path).unwrap());
    let newer = slotdesk::store::latest_version() + 1;
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", newer as i64)
        .unwrap();
    drop(conn);
    for opened in [
        Store::create(&path),
        Store::open(&path),
        Store::open_read(&path),
    ] {
        match refused(opened) {
            e @ StoreError::File { .. } => {
                assert!(e.to_string().contains("newer slotdesk"), "{e}");
            }
            other => panic!("expected a file fault, got {other}"),
        }
    }
}

#[test]
fn reopening_an_existing_database_keeps_its_catalog_and_bookings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("slotdesk.db");
    let booked = {
        let mut store = Store::create(&path).unwrap();
        store.apply_catalog(&catalog(), at(SETUP_AT)).unwrap();
        let s = slot(&store, "physio", "ana", "09:00", MONDAY);
        store.book(&book_request(s, jane()), now()).unwrap()
    };
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.booking(booked.id).unwrap(), booked);
    assert_eq!(store.location().unwrap().phone_region, "GB");
    let again = store.apply_catalog(&catalog(), now()).unwrap();
    assert!(again.is_empty(), "{again:?}");
}

#[test]
fn applying_the_same_catalog_twice_changes_nothing_the_second_time() {
    let (_dir, mut store) = open();
    let events = event_count(&store);
    let slots_before = store.time_slots().unwrap();
    let services_before = store.services().unwrap();
    let changes = store.apply_catalog(&catalog(), now()).unwrap();
    assert_eq!(changes, CatalogChanges::default());
    assert!(changes.is_empty());
    assert_eq!(event_count(&store), events, "no event for an empty apply");
    assert_eq!(store.time_slots().unwrap(), slots_before);
    assert_eq!(store.services().unwrap(), services_before);
}

#[test]
fn the_first_apply_adds_every_row_and_records_one_catalog_event() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("slotdesk.db")).unwrap();
    let changes = store.apply_catalog(&catalog(), at(SETUP_AT)).unwrap();
    // location + 3 resources + 3 services + 41 weekly time slots + 2 closures.
    assert_eq!(changes.added, 1 + 3 + 3 + 41 + 2, "{changes:?}");
    assert_eq!((changes.updated, changes.retired), (0, 0));
    assert_eq!(store.time_slots().unwrap().len(), 41);
    let kinds: Vec<String> = store
        .events(None, &slotdesk::domain::EventFilter::default(), 100)
        .unwrap()
        .into_iter()
        .map(|e| e.kind.as_str().to_owned())
        .collect();
    assert_eq!(kinds, ["catalog.applied"]);
}

#[test]
fn changing_a_price_updates_the_service() {
    let (_dir, mut store) = open();
    let events = event_count(&store);
    let cheaper = CATALOG.replace("price = \"55.00\"", "price = \"49.50\"");
    let changes = store
        .apply_catalog(&Catalog::from_toml(&cheaper).unwrap(), now())
        .unwrap();
    assert_eq!(
        changes,
        CatalogChanges {
            added: 0,
            updated: 1,
            retired: 0
        }
    );
    assert_eq!(store.find_service("physio").unwrap().price, 4950);
    assert_eq!(store.find_service("massage").unwrap().price, 6000);
    assert_eq!(event_count(&store), events + 1);
    let kinds = crate::support::kinds_after(&store, events);
    assert_eq!(kinds, ["catalog.applied"]);
}

#[test]
fn a_short_name_is_stored_kept_by_a_reapply_and_changed_or_cleared_by_the_file() {
    let (_dir, mut store) = open();
    assert_eq!(store.find_service("physio").unwrap().short_name, None);
    let with_short = |short: &str| {
        let text = CATALOG.replacen(
            "key = \"physio\"",
            &format!("key = \"physio\"\nshort_name = \"{short}\""),
            1,
        );
        Catalog::from_toml(&text).unwrap()
    };
    let updated = CatalogChanges {
        added: 0,
        updated: 1,
        retired: 0,
    };
    assert_eq!(
        store.apply_catalog(&with_short("Physio"), now()).unwrap(),
        updated
    );
    let physio = store.find_service("physio").unwrap();
    assert_eq!(physio.short_name.as_deref(), Some("Physio"));
    assert_eq!(store.find_service("massage").unwrap().short_name, None);
    let again = store.apply_catalog(&with_short("Physio"), now()).unwrap();
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(
        store.apply_catalog(&with_short("Phys"), now()).unwrap(),
        updated
    );
    assert_eq!(
        store.find_service("physio").unwrap().short_name.as_deref(),
        Some("Phys")
    );
    assert_eq!(store.apply_catalog(&catalog(), now()).unwrap(), updated);
    assert_eq!(store.find_service("physio").unwrap().short_name, None);
}

#[test]
fn removing_a_time_slot_retires_it_but_keeps_its_bookings_readable() {
    // Forced by a manager: the booking is live (see `catalog_changes`).
    let (_dir, mut store) = open();
    let massage = time_slot(&store, "massage", "ana", Weekday::Mon, "09:30");
    let s = slot(&store, "massage", "ana", "09:30", MONDAY);
    let booked = store.book(&book_request(s, jane()), now()).unwrap();

    let fewer = CATALOG.replace(
        "resource = \"ana\"\ndays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\nstarts = [\"09:30\"]",
        "resource = \"ana\"\ndays = [\"tue\", \"wed\", \"thu\", \"fri\"]\nstarts = [\"09:30\"]",
    );
    assert_ne!(fewer, CATALOG, "the fixture text changed; fix the replace");
    let changes = store
        .force_catalog(
            &Catalog::from_toml(&fewer).unwrap(),
            slotdesk::domain::Role::Manager,
            now(),
        )
        .unwrap()
        .changes;
    assert_eq!(
        changes,
        CatalogChanges {
            added: 0,
            updated: 0,
            retired: 1
        }
    );
    assert!(
        store
            .time_slots()
            .unwrap()
            .iter()
            .all(|t| t.id != massage.id),
        "the retired time slot is no longer active"
    );
    let listed = store
        .slots(
            &SlotQuery {
                service: None,
                resource: None,
                from: date(MONDAY),
                days: 7,
                include_unavailable: true,
            },
            now(),
        )
        .unwrap();
    assert!(
        listed
            .iter()
            .all(|s| s.occurrence.time_slot_id != massage.id),
        "its slots are no longer listed"
    );
    assert!(
        listed.iter().any(|s| s.service_name == "Massage"),
        "the other massage days remain"
    );
    let kept = store.booking(booked.id).unwrap();
    assert_eq!(
        (kept.id, kept.status, kept.from),
        (booked.id, booked.status, booked.from)
    );
    assert_eq!(all_bookings(&store), vec![kept]);
    let again = store.apply_catalog(&Catalog::from_toml(&fewer).unwrap(), now());
    assert!(again.unwrap().is_empty());
}

#[test]
fn a_retired_time_slot_cannot_be_booked_any_more() {
    let (_dir, mut store) = open();
    let s = slot(&store, "massage", "ana", "09:30", MONDAY);
    let fewer = CATALOG.replace(
        "days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\nstarts = [\"09:30\"]",
        "days = [\"tue\"]\nstarts = [\"09:30\"]",
    );
    store
        .apply_catalog(&Catalog::from_toml(&fewer).unwrap(), now())
        .unwrap();
    let err = crate::support::rule_error(store.book(&book_request(s, jane()), now()));
    assert_eq!(
        err,
        slotdesk::domain::BookingError::NoOccurrence(s.time_slot_id.0, s.date)
    );
}

#[test]
fn a_store_without_a_catalog_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("slotdesk.db")).unwrap();
    let err = crate::support::rule_error(store.location());
    assert_eq!(err, slotdesk::domain::BookingError::NoCatalog);
}
