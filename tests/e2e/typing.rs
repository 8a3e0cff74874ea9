//! End to end, typing as a receptionist does: a typo fixed in the middle
//! of a name with the arrow keys, and a hold that lapses while its confirm
//! form is open booked again with one key and what was typed.
#![allow(clippy::unwrap_used)]

use crate::binary::slotdesk_at;
use crate::support::{ENTER, LEFT, TAB, WAIT, demo_db, open_desk};
use rusqlite::Connection;
use std::path::Path;
use std::time::Duration;

/// A Thursday ahead with no demo bookings; its first slot is the 07:15
/// reformer class (holds last 10 minutes), where the board opens.
const DAY: &str = "2026-12-03";

/// Holds the 07:15 reformer class of [`DAY`] from the command line at
/// `at`; returns the hold's id.
fn hold_from_cli(db: &Path, at: &str) -> i64 {
    let conn = Connection::open(db).unwrap();
    let slot: i64 = conn
        .query_row(
            "SELECT t.id FROM time_slots t JOIN services s ON s.id = t.service_id \
             WHERE s.key = 'reformer' AND t.weekday = 3 AND t.starts_local = '07:15'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let out = slotdesk_at(db, at)
        .args(["hold", &format!("{slot}@{DAY}"), "--json"])
        .env("SLOTDESK_STAFF", "Morgan Lead")
        .env("SLOTDESK_PIN", "2222")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hold: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    hold["id"].as_i64().unwrap()
}

#[test]
fn a_typo_fixed_mid_name_and_a_lapsed_hold_booked_with_one_key() {
    let (_dir, db) = demo_db();
    // Made 9 min 45 s before the desk's 09:30: it lapses 15 s after the
    // desk opens, with its confirm form open.
    let hold = hold_from_cli(&db, "2026-11-23T09:20:15Z");
    let mut desk = open_desk(&db, 80, 24);
    desk.press("g");
    desk.expect_text("Go to date");
    desk.press(&format!("\x15{DAY}{ENTER}"));
    desk.expect_text("Reformer");
    desk.press("c");
    desk.expect_text("Confirm hold");
    desk.expect_text(" left");
    // `Lovlace`, then four steps back to type the missing `e`.
    desk.press(&format!("Ada{TAB}Lovlace{LEFT}{LEFT}{LEFT}{LEFT}e"));
    desk.expect_text("Lovelace");
    desk.press(&format!("{TAB}ada@example.com{TAB}{TAB}plenty"));
    if !desk.wait_until(Duration::from_secs(30), |s| s.contains("hold lapsed")) {
        desk.fail("the form never said the hold lapsed");
    }
    desk.press(ENTER);
    if !desk.wait_until(WAIT, |s| s.contains("again for Ada Lovelace")) {
        desk.fail("no 'booked … again for Ada Lovelace' after Enter on the lapsed form");
    }
    desk.press("q");
    assert!(desk.expect_exit().success());

    let conn = Connection::open(&db).unwrap();
    let old: String = conn
        .query_row("SELECT status FROM bookings WHERE id = ?1", [hold], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(old, "expired", "the lapsed hold stays lapsed");
    let (status, last, email, answers): (String, String, String, String) = conn
        .query_row(
            "SELECT b.status, c.last_name, c.email, \
             (SELECT group_concat(value) FROM booking_answers a WHERE a.booking_id = b.id) \
             FROM bookings b JOIN customers c ON c.id = b.customer_id \
             WHERE b.id > ?1 AND c.first_name = 'Ada' ORDER BY b.id DESC",
            [hold],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        (status.as_str(), last.as_str(), email.as_str()),
        ("confirmed", "Lovelace", "ada@example.com")
    );
    assert!(answers.contains("plenty"), "{answers}");
}
