//! No overbooking across real processes: many `slotdesk book` processes started at
//! once on one capacity-3 slot; exactly three win and the database agrees.
//! On an SQLite file, or (`SLOTDESK_TEST_ENGINE=postgres`) a PostgreSQL server.
#![allow(clippy::unwrap_used)]

use crate::engine::fresh_db;
use crate::support::{CLI_NOW, slotdesk_at, studio_catalog};
use slotdesk::domain::{BookingQuery, BookingStatus, EventFilter, EventKind};
use slotdesk::store::Store;
use std::process::Stdio;

const PROCESSES: usize = 16;

#[test]
fn sixteen_processes_cannot_overbook_a_capacity_three_slot() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "shared.db");
    let made = slotdesk_at(&db, CLI_NOW).arg("init").output().unwrap();
    assert!(made.status.success());
    let applied = slotdesk_at(&db, CLI_NOW)
        .args(["catalog", "apply"])
        .arg(studio_catalog())
        .output()
        .unwrap();
    assert!(applied.status.success());

    let children: Vec<_> = (0..PROCESSES)
        .map(|i| {
            slotdesk_at(&db, CLI_NOW)
                .args(["book", "22@2026-11-23", "--first-name", "Customer"])
                .args(["--last-name", &format!("Number{i}")])
                .args(["--email", &format!("c{i}@example.com")])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut won = 0;
    let mut full = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        match out.status.code() {
            Some(0) => won += 1,
            Some(3) if stderr.contains("time slot is full") => full += 1,
            other => panic!("unexpected exit {other:?}: {stderr}"),
        }
    }
    assert_eq!((won, full), (3, PROCESSES - 3));

    let store = Store::open_read(&db).unwrap();
    let confirmed: Vec<_> = store
        .bookings(&BookingQuery {
            status: Some(BookingStatus::Confirmed),
            page_size: 500,
            ..BookingQuery::default()
        })
        .unwrap()
        .bookings
        .into_iter()
        .filter(|b| b.time_slot_id.0 == 22 && b.date.to_string() == "2026-11-23")
        .collect();
    let seats: u32 = confirmed.iter().map(|b| b.participants).sum();
    assert_eq!((confirmed.len(), seats), (3, 3));
    let created = store
        .events(None, &EventFilter::default(), 1_000)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == EventKind::BookingCreated)
        .count();
    assert_eq!(created, 3, "only the winners wrote events");
}
