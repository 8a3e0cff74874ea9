//! End to end: two desks on one full class. Desk A cancels a seat; desk B
//! shows the offer to the first in line (with the phone to call) within a
//! second or two, and accepts it with `c`.
#![allow(clippy::unwrap_used)]

use crate::support::{ENTER, TAB, WAIT, demo_db, open_desk, slotdesk};
use rusqlite::Connection;
use std::path::Path;
use std::time::{Duration, Instant};

/// A Thursday ten days ahead with no demo bookings: the reformer class at
/// 07:15 (four seats) is its first slot, so the board opens on it.
const DAY: &str = "2026-12-03";

/// The reformer class on [`DAY`], `ID@DATE`.
fn reformer(db: &Path) -> String {
    let id: i64 = Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT t.id FROM time_slots t JOIN services s ON s.id = t.service_id
             WHERE s.key = 'reformer' AND t.weekday = 3 AND t.starts_local = '07:15'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    format!("{id}@{DAY}")
}

#[test]
fn a_seat_cancelled_at_one_desk_is_offered_at_the_other_which_accepts_it() {
    let (_dir, db) = demo_db();
    let class = reformer(&db);
    let book = format!(
        "book {class} --participants 4 --first-name Grace --last-name Hopper \
         --email grace@example.com"
    );
    let mut args: Vec<&str> = book.split_whitespace().collect();
    args.extend(["--answer", "Reformer experience=plenty"]);
    slotdesk(&db, &args);
    let wait = format!("waitlist add {class} --first-name Ada --last-name Lovelace");
    let mut args: Vec<&str> = wait.split_whitespace().collect();
    args.extend(["--phone", "020 7946 0018"]);
    slotdesk(&db, &args);
    let mut a = open_desk(&db, 120, 40);
    let mut b = open_desk(&db, 120, 40);
    a.go_to_day(DAY, "Reformer");
    b.go_to_day(DAY, "Reformer");
    b.expect_text("1. Ada Lovelace");

    a.press("x");
    a.expect_text("Reason");
    a.press("moved away");
    a.press(ENTER);
    let shown = Instant::now();
    if !b.wait_for_text(
        "offered to Ada Lovelace 020 7946 0018",
        Duration::from_secs(2),
    ) {
        b.fail("desk B did not tell desk A's offer within 2 s");
    }
    eprintln!("desk B told the offer after {:?}", shown.elapsed());
    b.expect_text("OFFER");

    // The offer is the slot's live booking, selected: c confirms it.
    b.press("c");
    b.expect_text("Confirm hold");
    for _ in 0..4 {
        b.press(TAB);
    }
    b.press("some");
    b.press(ENTER);
    if !b.wait_for_text("confirmed #", WAIT) {
        b.fail("the offer was not confirmed");
    }
    let status: String = Connection::open(&db)
        .unwrap()
        .query_row("SELECT status FROM waitlist", [], |r| r.get(0))
        .unwrap();
    assert_eq!(status, "accepted");
}
