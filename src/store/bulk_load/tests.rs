//! The generator against the rules: seats, overlaps, one customer per slot,
//! DST-exact times, restored pragmas and indexes, and refusals.

use super::{ScaleParams, load};
use crate::domain::TimeSlot;
use crate::domain::{BookingQuery, EventKind, SlotQuery};
use crate::store::Store;
use crate::store::codec::ts;
use chrono::NaiveDate;
use chrono_tz::Europe::London;
use std::collections::HashMap;

const LIVE: &str = "('cancelled', 'declined', 'expired')";

fn small() -> ScaleParams {
    ScaleParams {
        bookings: 8_000,
        customers: 400,
        resources: 20,
        // Two weeks of history around the spring DST change (2026-03-29)
        // and two weeks ahead, full enough that some classes fill up.
        end_on: NaiveDate::from_ymd_opt(2026, 4, 3).unwrap(),
        history_days: 14,
        future_days: 14,
        seed: 7,
    }
}

fn count(store: &Store, sql: &str) -> i64 {
    store
        .conn
        .sqlite("test")
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn generated_bookings_keep_the_rules_and_match_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("scale.db")).unwrap();
    let params = small();
    let now = params.now();
    let summary = load(&mut store, &params, now).unwrap();
    assert_eq!(summary.bookings, 8_000);
    // 14 staff: nine starts Mon–Fri, eight on Saturday; 6 rooms: eight a day.
    assert_eq!(summary.time_slots, 14 * (5 * 9 + 8) + 6 * (6 * 8));

    let slots = store
        .slots(
            &SlotQuery {
                service: None,
                resource: None,
                from: params.first_on(),
                days: 29,
                include_unavailable: true,
            },
            now,
        )
        .unwrap();
    assert!(slots.len() > 4_000, "{} slots", slots.len());
    for s in &slots {
        assert!(
            s.taken <= s.occurrence.capacity,
            "{} is over capacity",
            s.occurrence.slot_ref()
        );
    }
    assert!(slots.iter().map(|s| s.taken).sum::<u32>() > 500);
    assert!(
        slots
            .iter()
            .any(|s| s.taken == s.occurrence.capacity && s.taken > 1)
    );

    let all = BookingQuery {
        page_size: 1,
        ..BookingQuery::default()
    };
    assert_eq!(store.bookings(&all).unwrap().pagination.total_count, 8_000);
    for &(status, n) in &summary.by_status {
        let q = BookingQuery {
            status: Some(status),
            ..all.clone()
        };
        assert_eq!(
            store.bookings(&q).unwrap().pagination.total_count,
            n,
            "{status}"
        );
    }
    let (busiest, n) = summary.busiest.unwrap();
    let page = store
        .bookings(&BookingQuery {
            from: Some(busiest),
            to: Some(busiest),
            ..BookingQuery::default()
        })
        .unwrap();
    assert_eq!(page.pagination.total_count, n);
    assert_eq!(page.bookings.len() as u64, n.min(50));

    // Seats, including history (a completed booking had its seat).
    let over = format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM bookings b JOIN time_slots t ON t.id = b.time_slot_id
           WHERE b.status NOT IN {LIVE} GROUP BY b.time_slot_id, b.date
           HAVING SUM(b.participants) > MAX(t.capacity))"
    );
    assert_eq!(count(&store, &over), 0);
    let overlapping = format!(
        "SELECT COUNT(*) FROM bookings a JOIN bookings b ON a.resource_id = b.resource_id
           AND a.id < b.id AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
           AND NOT (a.time_slot_id = b.time_slot_id AND a.date = b.date)
         WHERE a.status NOT IN {LIVE} AND b.status NOT IN {LIVE}"
    );
    assert_eq!(count(&store, &overlapping), 0);
    let twice = format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM bookings WHERE status NOT IN {LIVE}
           GROUP BY time_slot_id, date, customer_id HAVING COUNT(*) > 1)"
    );
    assert_eq!(count(&store, &twice), 0);
    assert_eq!(
        count(
            &store,
            &format!(
                "SELECT COUNT(*) FROM bookings WHERE created_at > {}",
                ts(now)
            )
        ),
        0
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM bookings WHERE status = 'held'"
        ),
        0
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM events WHERE kind = 'booking.created'"
        ),
        8_000
    );

    // Every booking sits exactly on its slot, DST days included.
    let time_slots: HashMap<i64, TimeSlot> = store
        .time_slots()
        .unwrap()
        .into_iter()
        .map(|t| (t.id.0, t))
        .collect();
    let rows: Vec<(i64, String, i64, i64)> = store
        .conn
        .sqlite("test")
        .unwrap()
        .prepare("SELECT time_slot_id, date, starts_at, ends_at FROM bookings")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for (slot, date, from, to) in rows {
        let date = NaiveDate::parse_from_str(&date, "%Y-%m-%d").unwrap();
        let o = time_slots[&slot].occurrence_on(date, London).unwrap();
        assert_eq!((ts(o.from), ts(o.to)), (from, to));
    }
    let nine_utc = |date: &str| {
        count(
            &store,
            &format!(
                "SELECT COUNT(*) FROM bookings b JOIN time_slots t ON t.id = b.time_slot_id
                 WHERE t.starts_local = '09:00' AND b.date = '{date}'
                   AND b.starts_at % 86400 = 9 * 3600"
            ),
        )
    };
    assert!(nine_utc("2026-03-27") > 0, "GMT: 09:00 local is 09:00 UTC");
    assert_eq!(nine_utc("2026-03-30"), 0, "BST: 09:00 local is 08:00 UTC");

    // The fast pragmas are undone and the indexes are back.
    let pragma = |name: &str| -> String {
        store
            .conn
            .sqlite("test")
            .unwrap()
            .pragma_query_value(None, name, |r| r.get::<_, rusqlite::types::Value>(0))
            .map(|v| format!("{v:?}"))
            .unwrap()
    };
    assert_eq!(pragma("journal_mode"), "Text(\"wal\")");
    assert_eq!(
        pragma("synchronous"),
        "Integer(2)",
        "FULL, as the store opens it"
    );
    assert_eq!(pragma("foreign_keys"), "Integer(1)");
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM pragma_foreign_key_check"),
        0
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'bookings' AND sql IS NOT NULL"
        ),
        12
    );
    assert!(count(&store, "SELECT COUNT(*) FROM sqlite_stat1") > 0);

    let again = load(&mut store, &params, now).unwrap_err();
    assert!(again.to_string().contains("without bookings"), "{again}");
}

#[test]
fn more_bookings_than_the_slots_take_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("scale.db")).unwrap();
    let params = ScaleParams {
        bookings: 1_000_000,
        ..small()
    };
    let err = load(&mut store, &params, params.now()).unwrap_err();
    assert!(err.to_string().contains("do not fit"), "{err}");
}

#[test]
fn generated_events_hold_the_same_payload_the_engine_writes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("scale.db")).unwrap();
    let params = ScaleParams {
        bookings: 500,
        ..small()
    };
    load(&mut store, &params, params.now()).unwrap();
    // Every payload decodes as a whole booking, as the store's reads need.
    let events: Vec<_> = store
        .events(None, &crate::domain::EventFilter::default(), 1_000)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == EventKind::BookingCreated)
        .collect();
    assert_eq!(events.len(), 500);
    for e in &events {
        let booking = e.data.booking().expect("a booking payload");
        let now = store.booking(booking.id).unwrap();
        assert_eq!(e.booking_id, Some(booking.id));
        assert_eq!(booking.service_name, now.service_name);
        assert_eq!(booking.resource_name, now.resource_name);
        assert_eq!((booking.from, booking.to), (now.from, now.to));
        assert_eq!(booking.customer.as_ref().map(|c| c.id), e.customer_id);
        assert_eq!(
            booking.customer.as_ref().map(|c| &c.name),
            now.customer.as_ref().map(|c| &c.name)
        );
        assert_eq!(booking.answers, now.answers);
        assert_eq!(booking.add_ons, now.add_ons);
        assert_eq!(booking.created_at, now.created_at);
    }
}
