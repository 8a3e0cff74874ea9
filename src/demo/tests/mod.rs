//! Tests of the demo history on a real store in a temp dir, with the demo
//! catalog: the fixtures here, the checks by subject beside them.

mod atomic;
mod contacts;
mod history;
mod occupancy;
mod outbox;

use super::{DemoSummary, add_demo_bookings};
use crate::domain::Booking;
use crate::domain::BookingQuery;
use crate::domain::catalog_file::Catalog;
use crate::store::Store;
use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::DEMO_CATALOG as DEMO;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn now() -> DateTime<Utc> {
    "2026-11-21T10:00:00Z".parse().unwrap()
}

fn demo() -> (tempfile::TempDir, Store, DemoSummary) {
    demo_on(day(), now())
}

/// A fresh store with the demo catalog (applied 30 days before `now`) and
/// the demo bookings around `today`.
fn demo_on(today: NaiveDate, now: DateTime<Utc>) -> (tempfile::TempDir, Store, DemoSummary) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("demo.db")).unwrap();
    let catalog = Catalog::from_toml(DEMO).unwrap();
    store
        .apply_catalog(&catalog, now - Duration::days(30))
        .unwrap();
    let summary = add_demo_bookings(&mut store, today, now).unwrap();
    (dir, store, summary)
}

fn all_bookings(store: &Store) -> Vec<Booking> {
    let mut out = Vec::new();
    for page in 1.. {
        let p = store
            .bookings(&BookingQuery {
                page,
                page_size: 500,
                ..BookingQuery::default()
            })
            .unwrap();
        out.extend(p.bookings);
        if page >= p.pagination.total_pages {
            break;
        }
    }
    out
}

#[test]
fn demo_catalog_parses_and_keeps_every_slot_within_the_day() {
    let c = Catalog::from_toml(DEMO).unwrap();
    assert_eq!(c.location.time_zone, chrono_tz::Europe::London);
    assert_eq!((c.resources.len(), c.services.len()), (3, 6));
    assert!(c.time_slots.len() > 100);
    assert!(c.closures.iter().any(|c| c.reason == "Christmas Day"));
}
