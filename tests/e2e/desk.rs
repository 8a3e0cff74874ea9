//! End to end: the real desk in a pseudo-terminal on a demo database fixed
//! at Monday 23 November 2026 09:30 (London). Keys are typed, the screen is
//! read, and the database file is checked afterwards.
#![allow(clippy::unwrap_used)]

use crate::support::{CTRL_U, DOWN, ENTER, NOW, TAB, Tty, WAIT, demo_db, open_desk, slotdesk};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A Thursday ten days ahead with no demo bookings: reformer at 07:15 (the
/// first slot, so the board opens on it), mat Pilates at 12:15.
const FUTURE_DAY: &str = "2026-12-03";

/// `g`, the date over the prefilled one, Enter; waits for the day to show.
fn go_to_future_day(desk: &mut Tty) {
    desk.press("g");
    desk.expect_text("Go to date");
    desk.press(CTRL_U);
    desk.press(FUTURE_DAY);
    desk.press(ENTER);
    desk.expect_text("Reformer");
}

/// The number right after `prefix` on `screen` (`held #12` → 12).
fn number_after(screen: &str, prefix: &str) -> Option<i64> {
    let rest = &screen[screen.find(prefix)? + prefix.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Seconds left on the first `HELD mm:ss` countdown on `screen`.
fn countdown(screen: &str) -> Option<u32> {
    let at = screen.find("HELD ")? + "HELD ".len();
    let (mm, ss) = screen.get(at..at + 5)?.split_once(':')?;
    Some(mm.parse::<u32>().ok()? * 60 + ss.parse::<u32>().ok()?)
}

/// Rows in bookings, customers and events.
fn counts(db: &Path) -> [i64; 3] {
    let conn = Connection::open(db).unwrap();
    ["bookings", "customers", "events"].map(|table| {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    })
}

#[test]
fn a_hold_is_confirmed_paid_and_cancelled_and_the_database_keeps_it_all() {
    let (_dir, db) = demo_db();
    let mut desk = open_desk(&db, 120, 40);
    go_to_future_day(&mut desk);

    desk.press("r");
    desk.expect_text("Reserve (hold)");
    desk.press(ENTER);
    desk.expect_text("held #");
    let id = number_after(&desk.screen_text(), "held #").unwrap();
    if !desk.wait_until(WAIT, |s| countdown(s).is_some()) {
        desk.fail("no HELD mm:ss countdown for the new hold");
    }
    let first = countdown(&desk.screen_text()).unwrap();
    if !desk.wait_until(Duration::from_secs(5), |s| {
        countdown(s).is_some_and(|c| c < first)
    }) {
        desk.fail(&format!("the countdown stayed at {first} s for 5 s"));
    }

    desk.press("c");
    desk.expect_text("Confirm hold");
    desk.press(&format!(
        "Ada{TAB}Lovelace{TAB}ada.lovelace@example.com{TAB}"
    ));
    desk.press("020 7946 0018"); // a local number, stored as E.164
    desk.expect_text("+442079460018");
    desk.press(TAB); // Reformer experience (required)
    desk.press("a few classes");
    desk.press(ENTER);
    desk.expect_text(&format!("confirmed #{id} for Ada Lovelace"));

    desk.press("2");
    desk.expect_text("/ filter");
    desk.press("/");
    desk.expect_text("Filter bookings");
    desk.press(&format!(
        "{CTRL_U}{FUTURE_DAY}{TAB}{CTRL_U}{FUTURE_DAY}{ENTER}"
    ));
    desk.expect_text(&format!("#{id} Thu 03 Dec"));

    desk.press("p");
    desk.expect_text("Record payment");
    desk.expect_text("28.00");
    desk.press(ENTER);
    desk.expect_text(&format!("payment recorded on #{id}"));

    desk.press("x");
    desk.expect_text("Cancel booking");
    desk.press("moved to Leeds");
    desk.press(ENTER);
    desk.expect_text(&format!("#{id} cancelled"));
    desk.press("q");
    assert!(desk.expect_exit().success());

    let conn = Connection::open(&db).unwrap();
    let row: String = conn
        .query_row(
            "SELECT concat_ws(' | ', b.status, b.cancel_reason, b.payment_status, \
             b.payment_amount, b.payment_currency, c.first_name, c.last_name, c.email, c.phone) \
             FROM bookings b JOIN customers c ON c.id = b.customer_id WHERE b.id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    let expected = "cancelled | moved to Leeds | paid | 2800 | GBP | \
                    Ada | Lovelace | ada.lovelace@example.com | +442079460018";
    assert_eq!(row, expected);
    let kinds: String = conn
        .query_row(
            "SELECT group_concat(kind, ' ') FROM \
             (SELECT kind FROM events WHERE booking_id = ?1 ORDER BY id)",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    let lifecycle = "booking.created booking.confirmed booking.paid booking.cancelled";
    assert_eq!(kinds, lifecycle);
}

#[test]
fn a_hold_made_at_one_desk_shows_at_another_within_two_seconds() {
    let (_dir, db) = demo_db();
    let mut a = open_desk(&db, 120, 40);
    let mut b = open_desk(&db, 120, 40);
    go_to_future_day(&mut a);
    go_to_future_day(&mut b);
    assert!(!b.screen_text().contains("HELD"), "{}", b.screen_text());

    a.press("r");
    a.expect_text("Reserve (hold)");
    a.press(ENTER);
    a.expect_text("held #");
    let shown = Instant::now();
    if !b.wait_for_text("HELD", Duration::from_secs(2)) {
        b.fail("desk B did not show desk A's hold within 2 s");
    }
    eprintln!("desk B showed the hold after {:?}", shown.elapsed());
}

/// Books all `seats` of the `start` slot of service `key` on [`FUTURE_DAY`]
/// through the command line, as another terminal would.
fn fill_from_cli(db: &Path, key: &str, start: &str, seats: u32) {
    let id: i64 = Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT t.id FROM time_slots t JOIN services s ON s.id = t.service_id \
             WHERE s.key = ?1 AND t.weekday = 3 AND t.starts_local = ?2",
            [key, start],
            |r| r.get(0),
        )
        .unwrap();
    let args = format!(
        "book {id}@{FUTURE_DAY} --participants {seats} --first-name Grace \
         --last-name Hopper --email grace@example.com"
    );
    let mut args: Vec<&str> = args.split_whitespace().collect();
    if key == "reformer" {
        args.extend(["--answer", "Reformer experience=plenty"]);
    }
    slotdesk(db, &args);
}

#[test]
fn wrong_input_and_a_full_slot_are_refused_and_change_nothing() {
    let (_dir, db) = demo_db();
    fill_from_cli(&db, "reformer", "07:15", 4);
    let before = counts(&db);
    let mut desk = open_desk(&db, 120, 40);
    go_to_future_day(&mut desk); // opens on the 07:15 reformer, now 4/4
    desk.expect_text("4/4");
    desk.press("r");
    desk.expect_text("time slot is full");
    assert!(!desk.screen_text().contains("Reserve (hold)"));

    // The 12:15 mat Pilates below it, free. An arrow, not `j`: letters
    // typed straight after a refusal were meant for the form that did not
    // open, and do not open another one.
    desk.press(DOWN);
    desk.press("n");
    desk.expect_text("New booking");
    desk.press(TAB);
    desk.press(TAB);
    desk.press("ada@example");
    desk.expect_text("not valid");
    desk.press(ENTER);
    desk.expect_text("fix the highlighted field first");
    assert!(desk.screen_text().contains("New booking"));
    desk.press_esc();
    desk.press("y");
    desk.expect_text("new booking: discarded");
    assert_eq!(counts(&db), before, "bookings, customers, events");

    // The slot fills up from another terminal while the hold form is open:
    // the engine refuses the submit.
    desk.press("r");
    desk.expect_text("Reserve (hold)");
    fill_from_cli(&db, "mat_pilates", "12:15", 8);
    let before = counts(&db);
    desk.press(ENTER);
    desk.expect_text("time slot is full");
    desk.expect_text("8/8"); // and the board catches up
    desk.press_esc();
    desk.press("q");
    assert!(desk.expect_exit().success());
    assert_eq!(counts(&db), before, "bookings, customers, events");
}

/// The position of the last `needle` in `haystack`.
fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
const PASTE_OFF: &[u8] = b"\x1b[?2004l";

#[test]
fn sigterm_restores_the_terminal() {
    let (_dir, db) = demo_db();
    let mut desk = open_desk(&db, 100, 30);
    desk.terminate();
    let status = desk.expect_exit();
    assert_eq!(status.exit_code(), 128 + 15, "{status:?}");
    let raw = desk.raw_output();
    let left = rfind(&raw, LEAVE_ALT).expect("never left the alternate screen");
    assert!(rfind(&raw, b"\x1b[?1049h").unwrap() < left);
    let shown = rfind(&raw, SHOW_CURSOR).expect("never showed the cursor");
    assert!(rfind(&raw, b"\x1b[?25l").is_none_or(|hidden| hidden < shown));
    assert!(rfind(&raw, PASTE_OFF).is_some_and(|off| off > rfind(&raw, b"\x1b[?2004h").unwrap()));
    let tail = String::from_utf8_lossy(&raw[left.min(shown)..]);
    assert!(tail.len() < 64, "output after restoring: {tail:?}");
}

#[test]
fn a_panic_restores_the_terminal_before_the_report() {
    let (_dir, db) = demo_db();
    let db = db.to_str().unwrap();
    let env = [("SLOTDESK_NOW", NOW), ("SLOTDESK_TEST_PANIC", "1")];
    let mut desk = Tty::spawn(&["--db", db], &env, 100, 30);
    let status = desk.expect_exit();
    assert!(!status.success(), "{status:?}");
    let raw = desk.raw_output();
    let text = String::from_utf8_lossy(&raw);
    let report = text.find("panicking on purpose").unwrap_or_else(|| {
        panic!("no panic report in {text:?}");
    });
    let left = rfind(&raw, LEAVE_ALT).expect("never left the alternate screen");
    assert!(
        left < report,
        "the report came before the restore: {text:?}"
    );
    let shown = rfind(&raw, SHOW_CURSOR).expect("never showed the cursor");
    assert!(rfind(&raw, b"\x1b[?25l").is_none_or(|hidden| hidden < shown));
    let off = rfind(&raw, PASTE_OFF).expect("bracketed paste left on");
    assert!(
        off < report,
        "paste mode turned off after the report: {text:?}"
    );
}

#[test]
fn the_demo_flag_opens_a_fresh_demo_database_in_a_private_temp_folder_and_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    // A file planted where an older slotdesk would have opened its demo.
    let planted = tmp.path().join("slotdesk-demo-20261123-093000-1.db");
    std::fs::write(&planted, "planted").unwrap();
    let env = [
        ("SLOTDESK_NOW", NOW),
        ("TMPDIR", tmp.path().to_str().unwrap()),
    ];
    let mut desk = Tty::spawn(&["--demo"], &env, 120, 40);
    desk.expect_text("Riverside Physio & Pilates");
    let folders: Vec<PathBuf> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|f| f.is_dir() && f.to_string_lossy().contains("/slotdesk-demo-"))
        .collect();
    assert_eq!(folders.len(), 1, "one private demo folder: {folders:?}");
    let mode = std::fs::metadata(&folders[0]).unwrap().permissions().mode();
    assert_eq!(
        mode & 0o077,
        0,
        "only its owner may enter it: {:o}",
        mode & 0o777
    );
    assert!(folders[0].join("demo.db").exists());
    assert_eq!(std::fs::read_to_string(&planted).unwrap(), "planted");
    desk.expect_text("demo database");
    // The demo has staff: the desk asks who is there, and shows nothing else.
    desk.expect_text("Sign in");
    assert!(
        !desk.screen_text().contains("Priya Sharma"),
        "{}",
        desk.screen_text()
    );
    desk.press("\x03"); // ctrl-c
    assert!(desk.expect_exit().success());
}

#[test]
fn the_desk_fits_80_by_24() {
    let (_dir, db) = demo_db();
    let mut desk = open_desk(&db, 80, 24);
    desk.expect_text("Priya Sharma");
    let screen = desk.screen_text();
    assert!(!screen.to_lowercase().contains("too small"), "{screen}");
    for tab in ["1 Day board", "2 Bookings", "3 Customers", "4 Activity"] {
        assert!(screen.contains(tab), "no {tab:?} tab:\n{screen}");
    }
    desk.press("q");
    assert!(desk.expect_exit().success());
}

#[test]
fn keys_typed_on_a_too_small_terminal_change_nothing() {
    let (_dir, db) = demo_db();
    let before = counts(&db);
    let db_arg = db.to_str().unwrap();
    let mut desk = Tty::spawn(&["--db", db_arg], &[("SLOTDESK_NOW", NOW)], 60, 20);
    desk.expect_text("too small");
    // Blind, these would reserve a slot, switch screens and open a detail.
    desk.press("r");
    desk.press(ENTER);
    desk.press("2");
    desk.press(ENTER);
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(counts(&db), before, "a key acted while nothing was shown");
    desk.press("q");
    assert!(desk.expect_exit().success());
}

/// Every booking's id and status, in id order.
fn statuses(db: &Path) -> Vec<(i64, String)> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT id, status FROM bookings ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_multi_line_paste_into_the_release_form_cancels_one_hold_with_the_whole_text() {
    let (_dir, db) = demo_db();
    let mut desk = open_desk(&db, 120, 40);
    // The desk asks the terminal for bracketed paste, so that a real
    // terminal sends a paste as one piece rather than as keys.
    let asked = b"\x1b[?2004h";
    assert!(
        desk.raw_output().windows(asked.len()).any(|w| w == asked),
        "no bracketed paste"
    );
    go_to_future_day(&mut desk);
    desk.press("r");
    desk.expect_text("Reserve (hold)");
    desk.press(ENTER);
    desk.expect_text("held #");
    let id = number_after(&desk.screen_text(), "held #").unwrap();
    let before = statuses(&db);
    let [_, _, events] = counts(&db);

    desk.press("x");
    desk.expect_text("Release hold");
    desk.press(CTRL_U);
    // A bracketed paste whose lines hold board shortcuts (n new, D delete,
    // i check in, q quit) and a line break that would submit.
    desk.press("\x1b[200~Client rang at 9\nwill rebook next week\nn D i q\n\x1b[201~");
    desk.expect_text("n D i q");
    assert!(
        desk.screen_text().contains("Release hold"),
        "the form is still open"
    );
    desk.press(ENTER);
    desk.expect_text(&format!("#{id}"));
    // The store answers on its worker: the form closes when it has.
    if !desk.wait_until(WAIT, |screen| !screen.contains("Release hold")) {
        desk.fail("the release form stayed open");
    }
    desk.press("q");
    assert!(desk.expect_exit().success());
    let off = b"\x1b[?2004l";
    assert!(
        desk.raw_output().windows(off.len()).any(|w| w == off),
        "paste mode left on"
    );

    let conn = Connection::open(&db).unwrap();
    let (status, reason): (String, String) = conn
        .query_row(
            "SELECT status, cancel_reason FROM bookings WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(status, "cancelled");
    assert_eq!(reason, "Client rang at 9 will rebook next week n D i q");
    let after: Vec<(i64, String)> = statuses(&db);
    let changed: Vec<_> = after.iter().filter(|row| !before.contains(row)).collect();
    assert_eq!(
        changed,
        [&(id, "cancelled".to_owned())],
        "one booking changed"
    );
    assert_eq!(counts(&db)[2], events + 1, "one event: the cancel");
}

#[test]
fn a_clerk_signs_in_and_a_managers_pin_at_her_desk_completes_a_refund() {
    let (_dir, db) = demo_db();
    let booked = slotdesk(
        &db,
        &[
            "book",
            "132@2026-12-03",
            "--first-name",
            "Ada",
            "--last-name",
            "Lovelace",
            "--email",
            "ada@example.com",
            "--answer",
            "Reformer experience=plenty",
            "--json",
        ],
    );
    let id = serde_json::from_str::<serde_json::Value>(&booked).unwrap()["id"]
        .as_i64()
        .unwrap();
    slotdesk(
        &db,
        &[
            "pay",
            &id.to_string(),
            "--amount",
            "28.00",
            "--method",
            "card",
        ],
    );

    let db_arg = db.to_str().unwrap();
    let mut desk = Tty::spawn(&["--db", db_arg], &[("SLOTDESK_NOW", NOW)], 120, 40);
    desk.expect_text("Sign in");
    // The name defaults to the first member, Dana; the PIN has the focus.
    desk.press("9999");
    desk.press(ENTER);
    desk.expect_text("wrong name or PIN");
    desk.press("1111");
    desk.press(ENTER);
    desk.expect_text("Dana Reception (clerk)");
    go_to_future_day(&mut desk);
    desk.expect_text(&format!("#{id} Ada Lovelace"));
    desk.press("R");
    desk.expect_text("Refund payment (manager)");
    desk.press(TAB);
    desk.press("2222");
    desk.press(ENTER);
    desk.expect_text(&format!("refunded #{id}"));
    desk.press("4");
    desk.expect_text("booking refunded");
    assert!(
        desk.screen_text().contains("Morgan Lead"),
        "{}",
        desk.screen_text()
    );
    desk.press("q");
    assert!(desk.expect_exit().success());

    let conn = Connection::open(&db).unwrap();
    let (staff, origin): (String, String) = conn
        .query_row(
            "SELECT staff, origin FROM events WHERE booking_id = ?1 AND kind = 'booking.refunded'",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (staff.as_str(), origin.as_str()),
        ("Morgan Lead for Dana Reception", "desk")
    );
}

#[test]
fn a_clerk_merges_a_duplicate_customer_with_a_managers_pin() {
    let (_dir, db) = demo_db();
    let book = |date: &str, last: &str, contact: [&str; 2]| -> serde_json::Value {
        let slot = format!("132@{date}");
        let out = slotdesk(
            &db,
            &[
                "book",
                &slot,
                "--first-name",
                "Ada",
                "--last-name",
                last,
                contact[0],
                contact[1],
                "--answer",
                "Reformer experience=plenty",
                "--json",
            ],
        );
        serde_json::from_str(&out).unwrap()
    };
    let kept = book("2026-12-03", "Lovelace", ["--email", "ada@example.com"]);
    let twin = book("2026-12-10", "Lovelance", ["--phone", "020 7946 0999"]);
    let keep = kept["customer"]["id"].as_i64().unwrap();
    let other = twin["customer"]["id"].as_i64().unwrap();

    let db_arg = db.to_str().unwrap();
    let mut desk = Tty::spawn(&["--db", db_arg], &[("SLOTDESK_NOW", NOW)], 120, 40);
    desk.expect_text("Sign in");
    desk.press("1111");
    desk.press(ENTER);
    desk.expect_text("Dana Reception (clerk)");
    desk.press("3");
    desk.press("/");
    desk.press("lovel");
    // Both twins show in the list by name before the search answers: wait
    // for the answer, or `j` moves in the list it replaces.
    desk.expect_text(" 2 customers ");
    desk.press(ENTER);
    // Lovelace first, Lovelance second: mark the second, merge into the first.
    desk.press("j");
    desk.expect_text(&format!("Customer #{other}"));
    desk.press("M");
    desk.expect_text(&format!("marked #{other} to merge"));
    desk.press("k");
    desk.expect_text(&format!("Customer #{keep}"));
    desk.press("M");
    desk.expect_text("Merge customers (manager)");
    desk.press(&other.to_string());
    desk.press(TAB);
    desk.press(TAB);
    desk.press("2222");
    desk.press(ENTER);
    desk.expect_text(&format!("merged #{other} into Ada Lovelace (#{keep})"));
    desk.press("q");
    assert!(desk.expect_exit().success());

    let conn = Connection::open(&db).unwrap();
    let owner: i64 = conn
        .query_row(
            "SELECT customer_id FROM bookings WHERE id = ?1",
            [twin["id"].as_i64().unwrap()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        owner, keep,
        "the duplicate's booking is the kept customer's"
    );
    let gone: i64 = conn
        .query_row(
            "SELECT count(*) FROM customers WHERE id = ?1",
            [other],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(gone, 0);
    let staff: String = conn
        .query_row(
            "SELECT staff FROM events WHERE kind = 'customer.merged' AND customer_id = ?1",
            [keep],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(staff, "Morgan Lead for Dana Reception");
}
