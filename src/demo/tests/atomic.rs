//! Loading the demo is all or nothing: a fault part-way leaves the database
//! as it was, and a database that already has a catalog is refused.

use super::now;
use crate::demo::load_demo;
use crate::domain::ErrorKind;
use crate::domain::catalog_file::Catalog;
use crate::store::Store;
use std::path::Path;

/// Rows in each table the demo writes, read with a connection of its own.
fn rows(path: &Path) -> Vec<(&'static str, i64)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    [
        "location",
        "resources",
        "services",
        "time_slots",
        "closures",
        "customers",
        "bookings",
        "events",
        "staff",
    ]
    .into_iter()
    .map(|t| {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap();
        (t, n)
    })
    .collect()
}

#[test]
fn a_fault_at_the_fifth_booking_leaves_nothing_of_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let mut store = Store::create(&path).unwrap();
    let before = rows(&path);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER disk_fills BEFORE INSERT ON bookings
             WHEN (SELECT count(*) FROM bookings) >= 4
             BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
        )
        .unwrap();
    let err = load_demo(&mut store, now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Fault, "{err}");
    assert_eq!(rows(&path), before);
    // The store is still usable afterwards: no transaction left open.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("DROP TRIGGER disk_fills")
        .unwrap();
    load_demo(&mut store, now()).unwrap();
    assert!(rows(&path).iter().all(|(_, n)| *n > 0), "{:?}", rows(&path));
}

#[test]
fn the_demo_refuses_a_database_that_already_has_a_catalog() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let mut store = Store::create(&path).unwrap();
    let own = Catalog::from_toml(
        r#"
[location]
name = "Our Place"
time_zone = "Europe/London"
phone_region = "GB"
currency = "GBP"

[[resources]]
key = "ana"
name = "Ana"

[[services]]
key = "physio"
name = "Physio"
duration_minutes = 60
price = "55.00"

[[time_slots]]
service = "physio"
resource = "ana"
days = ["mon"]
starts = ["09:00"]
"#,
    )
    .unwrap();
    store.apply_catalog(&own, now()).unwrap();
    let before = rows(&path);
    let err = load_demo(&mut store, now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err}");
    assert!(err.to_string().contains("already has a catalog"), "{err}");
    assert_eq!(rows(&path), before);
    assert_eq!(store.location().unwrap().name, "Our Place");
}
