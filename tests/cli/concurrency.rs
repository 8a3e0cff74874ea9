//! No overbooking across real processes: many `slotdesk book` processes started at
//! once on one capacity-3 slot; exactly three win and the database agrees.
#![allow(clippy::unwrap_used)]

use crate::support::{CLI_NOW, slotdesk_at, studio_catalog};
use std::process::Stdio;

const PROCESSES: usize = 12;

#[test]
fn twelve_processes_cannot_overbook_a_capacity_three_slot() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
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

    let conn = rusqlite::Connection::open(&db).unwrap();
    let (count, seats): (i64, i64) = conn
        .query_row(
            "SELECT COUNT(*), SUM(participants) FROM bookings
             WHERE time_slot_id = 22 AND date = '2026-11-23' AND status = 'confirmed'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((count, seats), (3, 3));
    let events: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM events WHERE kind = 'booking.created'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(events, 3, "only the winners wrote events");
}
