//! End to end on the Today screen: two desks on one full appointment
//! today. Desk A cancels it from its run sheet; desk B's run sheet shows
//! the seat offered to the first on the waitlist (with the phone to call)
//! within a couple of seconds, and B confirms the offer from Today; both
//! sheets then show the new booking due.
#![allow(clippy::unwrap_used)]

use crate::support::{ENTER, Tty, WAIT, demo_db, open_desk, slotdesk};
use rusqlite::Connection;
use std::path::Path;
use std::time::Duration;

/// Tom's 11:00 sports massage today (Monday 23 November), booked for
/// Ella Marshall in the demo: `ID@DATE`.
fn massage_at_eleven(db: &Path) -> String {
    let id: i64 = Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT t.id FROM time_slots t JOIN services s ON s.id = t.service_id
             WHERE s.key = 'massage' AND t.weekday = 0 AND t.starts_local = '11:00'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    format!("{id}@2026-11-23")
}

/// The run sheet's selected row (the one marked `▌`).
fn selected_row(desk: &Tty) -> String {
    desk.screen_text()
        .lines()
        .find(|l| l.contains('▌'))
        .unwrap_or_default()
        .to_owned()
}

/// Moves the run sheet's selection down to the row naming `who`.
fn select(desk: &mut Tty, who: &str) {
    for _ in 0..40 {
        if selected_row(desk).contains(who) {
            return;
        }
        desk.press("j");
        std::thread::sleep(Duration::from_millis(60));
    }
    desk.fail(&format!("no row for {who}"));
}

#[test]
fn a_cancel_on_one_run_sheet_offers_the_seat_on_the_other_which_books_it() {
    let (_dir, db) = demo_db();
    let slot = massage_at_eleven(&db);
    let wait = format!("waitlist add {slot} --first-name Ada --last-name Lovelace");
    let mut args: Vec<&str> = wait.split_whitespace().collect();
    args.extend(["--phone", "020 7946 0018"]);
    slotdesk(&db, &args);
    let mut a = open_desk(&db, 120, 40);
    let mut b = open_desk(&db, 120, 40);
    for desk in [&mut a, &mut b] {
        desk.press("5");
        desk.expect_text("expected");
        desk.expect_text("Ella Marshall");
    }
    select(&mut a, "Ella Marshall");
    a.press("x");
    a.expect_text("Reason");
    a.press("rang to cancel");
    a.press(ENTER);
    // The status bar tells it (wrapped as it needs), the sheet's row shows
    // the offer's countdown with the phone.
    let told = b.wait_until(Duration::from_secs(3), |screen| {
        let words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        words.contains("offered to Ada Lovelace 020 7946 0018")
            && screen.lines().any(|l| {
                l.contains("Ada Lovelace") && l.contains("020 7946 0018") && l.contains("offer ")
            })
    });
    if !told {
        b.fail("desk B's run sheet did not show the offer within 3 s");
    }
    select(&mut b, "Ada Lovelace");
    assert!(selected_row(&b).contains("offer "), "{}", selected_row(&b));
    b.press("c");
    b.expect_text("Confirm hold");
    // The customer is named on the offer; the massage's intake question
    // still wants an answer, and a submit goes to it.
    b.press(ENTER);
    b.expect_text("fix the highlighted field first");
    b.press("back pain");
    b.press(ENTER);
    if !b.wait_for_text("confirmed #", WAIT) {
        b.fail("the offer was not confirmed from Today");
    }
    for desk in [&a, &b] {
        let ok = desk.wait_until(WAIT, |screen| {
            screen
                .lines()
                .any(|l| l.contains("Ada Lovelace") && l.contains(" due "))
                && screen
                    .lines()
                    .any(|l| l.contains("Ella Marshall") && l.contains("cancelled"))
        });
        if !ok {
            desk.fail("the run sheet did not show Ada due and Ella cancelled");
        }
    }
    let status: String = Connection::open(&db)
        .unwrap()
        .query_row("SELECT status FROM waitlist", [], |r| r.get(0))
        .unwrap();
    assert_eq!(status, "accepted");
}
