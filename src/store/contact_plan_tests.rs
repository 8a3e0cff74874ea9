//! Proof that finding a customer by contact and a customer's last event
//! are index lookups on a database the planner has statistics for
//! (`ANALYZE`, as the generated million-booking database has): an `OR` of
//! email and phone let SQLite scan every customer, and the last event of a
//! customer walked every event with no booking — 26 million instructions
//! per imported row on the 1M database.
#![cfg(test)]
#![allow(clippy::unwrap_used)]

use super::Store;
use rusqlite::params;

fn analysed() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("plans.db")).unwrap();
    let tx = store
        .conn
        .sqlite("test")
        .unwrap()
        .unchecked_transaction()
        .unwrap();
    for i in 0..3000_i64 {
        tx.execute(
            "INSERT INTO customers (first_name, last_name, email, phone, created_at, updated_at)
             VALUES ('First', ?1, ?2, ?3, 0, 0)",
            params![
                format!("Last{}", i % 40),
                format!("person{i}@example.com"),
                (i % 2 == 0).then(|| format!("+4420794{i:05}"))
            ],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO events (at, kind, customer_id, data) VALUES (0, 'customer.created', ?1, '{}')",
            [i + 1],
        )
        .unwrap();
    }
    // As in any real journal: most events are a booking's, one or two each.
    for b in 1..=20_000_i64 {
        tx.execute(
            "INSERT INTO events (at, kind, booking_id, customer_id, data) VALUES (0, 'booking.created', ?1, ?2, '{}')",
            params![b, b % 3000 + 1],
        )
        .unwrap();
    }
    tx.execute_batch("ANALYZE").unwrap();
    tx.commit().unwrap();
    (dir, store)
}

fn plan(store: &Store, sql: &str, values: impl rusqlite::Params) -> String {
    let mut stmt = store
        .conn
        .sqlite("test")
        .unwrap()
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap();
    let rows = stmt.query_map(values, |r| r.get::<_, String>(3)).unwrap();
    rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("\n")
}

#[test]
fn a_customer_is_found_by_email_or_phone_through_their_indexes() {
    let (_dir, store) = analysed();
    let email = plan(&store, super::customers::BY_EMAIL, ["person7@example.com"]);
    assert!(email.contains("INDEX customers_email"), "{email}");
    let phone = plan(&store, super::customers::BY_PHONE, ["+442079400008"]);
    assert!(phone.contains("INDEX customers_phone"), "{phone}");
}

#[test]
fn a_customers_last_event_is_found_through_their_index() {
    let (_dir, store) = analysed();
    let last = plan(&store, super::events::CUSTOMER_LAST, [123_456_789_i64]);
    assert!(last.contains("INDEX events_customer"), "{last}");
}
