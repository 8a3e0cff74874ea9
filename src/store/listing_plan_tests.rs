//! Proof that the bookings list's queries are served by indexes: SQLite's
//! `EXPLAIN QUERY PLAN` for the desk's default list (a week, slot order,
//! either way, released and expired holds left out), newest first and the
//! count of what is left out names an index and sorts nothing in a
//! temporary b-tree.
#![cfg(test)]
#![allow(clippy::unwrap_used)]

use super::*;
use chrono::NaiveDate;

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("plans.db")).unwrap();
    (dir, store)
}

/// The plan's lines, joined.
fn plan(store: &Store, sql: &str, values: &[Value]) -> String {
    let mut stmt = store
        .conn
        .sqlite("test")
        .unwrap()
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap();
    let rows = stmt
        .query_map(rusqlite::params_from_iter(values.iter()), |r| {
            r.get::<_, String>(3)
        })
        .unwrap();
    rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("\n")
}

fn week() -> BookingQuery {
    let from = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    BookingQuery {
        from: Some(from),
        to: Some(from + chrono::Duration::days(6)),
        hide_lapsed: true,
        ..BookingQuery::default()
    }
}

fn page_plan(store: &Store, query: &BookingQuery) -> String {
    let (filter, values) = filters(db::Engine::Sqlite, query, "GB");
    let (sql, values) = page_ids_sql(query, &filter, &values);
    plan(store, &sql, &values)
}

#[test]
fn a_weeks_page_in_slot_order_either_way_walks_the_date_index() {
    let (_dir, store) = store();
    for descending in [false, true] {
        let query = BookingQuery {
            descending,
            ..week()
        };
        let plan = page_plan(&store, &query);
        assert!(plan.contains("USING INDEX bookings_date"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    }
}

#[test]
fn newest_first_walks_the_creation_index() {
    let (_dir, store) = store();
    let query = BookingQuery {
        sort: BookingSort::Created,
        descending: true,
        hide_lapsed: true,
        ..BookingQuery::default()
    };
    let plan = page_plan(&store, &query);
    assert!(plan.contains("USING INDEX bookings_created"), "{plan}");
    assert!(!plan.contains("TEMP B-TREE"), "{plan}");
}

#[test]
fn the_count_of_left_out_holds_reads_their_partial_index_alone() {
    let (_dir, store) = store();
    let (filter, values) = filters(db::Engine::Sqlite, &week(), "GB");
    let (both, lapsed) = count_sql(&filter, true);
    let lapsed = plan(&store, &lapsed.unwrap(), &values);
    assert!(
        lapsed.contains("USING COVERING INDEX bookings_lapsed"),
        "{lapsed}"
    );
    let both = plan(&store, &both, &values);
    assert!(
        both.contains("USING COVERING INDEX bookings_date"),
        "{both}"
    );
    assert!(
        both.contains("USING COVERING INDEX bookings_lapsed"),
        "{both}"
    );
}

#[test]
fn with_the_statistics_of_a_loaded_database_the_plans_stay() {
    use crate::store::bulk_load::{ScaleParams, load};
    // As dense per day as the million-booking bench (about 270 a day).
    let params = ScaleParams {
        bookings: 20_000,
        customers: 2_000,
        history_days: 60,
        future_days: 14,
        ..ScaleParams::default()
    };
    let (_dir, mut store) = store();
    load(&mut store, &params, params.now()).unwrap();
    let from = params.end_on;
    let week = BookingQuery {
        from: Some(from),
        to: Some(from + chrono::Duration::days(6)),
        ..week()
    };
    for descending in [false, true] {
        let plan = page_plan(
            &store,
            &BookingQuery {
                descending,
                ..week.clone()
            },
        );
        assert!(plan.contains("USING INDEX bookings_date"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    }
    let newest = BookingQuery {
        sort: BookingSort::Created,
        descending: true,
        hide_lapsed: true,
        ..BookingQuery::default()
    };
    let newest = page_plan(&store, &newest);
    assert!(newest.contains("USING INDEX bookings_created"), "{newest}");
    assert!(!newest.contains("TEMP B-TREE"), "{newest}");
    let (filter, values) = filters(db::Engine::Sqlite, &week, "GB");
    let (_, lapsed) = count_sql(&filter, true);
    let lapsed = plan(&store, &lapsed.unwrap(), &values);
    assert!(
        lapsed.contains("COVERING INDEX bookings_lapsed"),
        "{lapsed}"
    );
    // And the answers agree with a count the slow way.
    let page = store.bookings(&week).unwrap();
    let slow: i64 = store
        .conn
        .sqlite("test")
        .unwrap()
        .query_row(
            &format!("SELECT COUNT(*) FROM bookings b WHERE {filter} AND {LAPSED}"),
            rusqlite::params_from_iter(values.iter()),
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(page.hidden, Some(u64::try_from(slow).unwrap()));
}
