//! The desk under faults, in a pseudo-terminal: every signal that ends it
//! restores the terminal; another desk's write lock never freezes it; a
//! database file replaced under it is said plainly and never written.
#![allow(clippy::unwrap_used)]

use crate::support::{CTRL_U, ENTER, Tty, WAIT, demo_db, open_desk};
use rusqlite::Connection;
use std::process::Command;
use std::time::{Duration, Instant};

const FUTURE_DAY: &str = "2026-12-03";

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn go_to(desk: &mut Tty, day: &str, shows: &str) {
    desk.press("g");
    desk.expect_text("Go to date");
    desk.press(CTRL_U);
    desk.press(day);
    desk.press(ENTER);
    desk.expect_text(shows);
}

fn holds(db: &std::path::Path) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM bookings WHERE status = 'held'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn every_signal_that_ends_the_desk_restores_the_terminal() {
    let (_dir, db) = demo_db();
    // Each ends it as the signal would (128 + its number), terminal restored.
    for (signal, number) in [("INT", 2), ("HUP", 1), ("QUIT", 3), ("TERM", 15)] {
        let mut desk = open_desk(&db, 100, 30);
        let pid = desk.pid().to_string();
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = desk.expect_exit();
        assert_eq!(status.exit_code(), 128 + number, "SIG{signal}: {status:?}");
        let raw = desk.raw_output();
        let left = rfind(&raw, b"\x1b[?1049l")
            .unwrap_or_else(|| panic!("SIG{signal}: never left the alternate screen"));
        assert!(rfind(&raw, b"\x1b[?1049h").unwrap() < left, "SIG{signal}");
        let shown = rfind(&raw, b"\x1b[?25h")
            .unwrap_or_else(|| panic!("SIG{signal}: never showed the cursor"));
        assert!(
            rfind(&raw, b"\x1b[?25l").is_none_or(|hidden| hidden < shown),
            "SIG{signal}: the cursor stays hidden"
        );
        let paste_on = rfind(&raw, b"\x1b[?2004h").unwrap();
        assert!(
            rfind(&raw, b"\x1b[?2004l").is_some_and(|off| off > paste_on),
            "SIG{signal}: bracketed paste left on"
        );
    }
}

#[test]
fn another_desks_write_lock_never_freezes_the_desk() {
    let (_dir, db) = demo_db();
    let mut desk = open_desk(&db, 120, 40);
    go_to(&mut desk, FUTURE_DAY, "Reformer");
    let before = holds(&db);
    // Another desk takes the write lock and keeps it.
    let other = Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    desk.press("r");
    desk.expect_text("Reserve (hold)");
    desk.press(ENTER);
    desk.expect_text("waiting for another desk");
    // Still drawing and taking keys: the clerk leaves the form (the hold
    // goes on being asked for) and moves to the next day.
    desk.press_esc();
    desk.press("y");
    if !desk.wait_until(WAIT, |s| !s.contains("Reserve (hold)")) {
        desk.fail("the form did not close");
    }
    let moved = Instant::now();
    desk.press("]");
    desk.expect_text("Friday 04 December 2026");
    assert!(
        moved.elapsed() < Duration::from_secs(5),
        "the day move waited {:?} for the lock",
        moved.elapsed()
    );
    assert!(desk.screen_text().contains("waiting for another desk"));
    // The lock goes: the hold is made, once, and the wait is over.
    other.execute_batch("COMMIT").unwrap();
    desk.expect_text("held #");
    if !desk.wait_until(WAIT, |s| !s.contains("waiting for another desk")) {
        desk.fail("still says it is waiting");
    }
    assert_eq!(holds(&db), before + 1);
}

#[test]
fn a_database_file_replaced_under_the_desk_is_said_plainly_and_never_written() {
    let (dir, db) = demo_db();
    let mut desk = open_desk(&db, 120, 40);
    go_to(&mut desk, FUTURE_DAY, "Reformer");
    let copy = dir.path().join("copy.db");
    Connection::open(&db)
        .unwrap()
        .execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
        .unwrap();
    let before = holds(&copy);
    std::fs::rename(&copy, &db).unwrap();
    desk.expect_text("was replaced by another file");
    assert!(
        desk.screen_text().contains(db.to_str().unwrap()),
        "names the file"
    );
    // A write is refused before its form opens.
    desk.press("r");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        !desk.screen_text().contains("Reserve (hold)"),
        "{}",
        desk.screen_text()
    );
    desk.press("+");
    // Nothing reaches the new file, and it stays whole; ticks go on
    // quietly (no query on the let-go store).
    std::thread::sleep(Duration::from_millis(1500));
    let screen = desk.screen_text();
    assert!(screen.contains("was replaced by another file"), "{screen}");
    assert!(!screen.contains("database error"), "{screen}");
    assert_eq!(holds(&db), before);
    let conn = Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    desk.press("q");
    assert!(desk.expect_exit().success());
}

#[test]
fn a_command_refused_by_another_desks_lock_says_so_and_changes_nothing() {
    let (_dir, db) = demo_db();
    let other = Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = crate::binary::slotdesk_at(&db, crate::support::NOW)
        .args(["cancel", "1", "--reason", "rang to cancel"])
        .env("SLOTDESK_STAFF", "Morgan Lead")
        .env("SLOTDESK_PIN", "2222")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("is locked by another desk"), "{stderr}");
    assert!(stderr.contains(db.to_str().unwrap()), "{stderr}");
    other.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn at_a_low_open_file_limit_the_desk_starts_or_says_why_never_panics() {
    let (_dir, db) = demo_db();
    let bin = env!("CARGO_BIN_EXE_slotdesk");
    for limit in (8..=26).step_by(3) {
        let script = format!("ulimit -n {limit} && exec \"$0\" --db \"$1\"");
        let env = [
            ("SLOTDESK_NOW", crate::support::NOW),
            ("SLOTDESK_STAFF", "Morgan Lead"),
            ("SLOTDESK_PIN", "2222"),
            ("RUST_BACKTRACE", "0"),
        ];
        let mut desk = Tty::spawn_program(
            "bash",
            &["-c", &script, bin, db.to_str().unwrap()],
            &env,
            120,
            40,
        );
        let started = desk.wait_until(WAIT, |s| {
            s.contains("Day board") || s.contains("slotdesk:") || s.contains("panicked")
        });
        let screen = desk.screen_text();
        assert!(started, "limit {limit}: nothing shown\n{screen}");
        assert!(!screen.contains("panicked"), "limit {limit}:\n{screen}");
        if screen.contains("Day board") {
            desk.press("q");
            assert!(desk.expect_exit().success(), "limit {limit}");
        } else {
            // The first words can show before the rest of the message has
            // been written: read the screen once the desk has ended.
            let status = desk.expect_exit();
            let screen = desk.screen_text();
            assert!(!screen.contains("panicked"), "limit {limit}:\n{screen}");
            assert!(
                screen.contains("ulimit -n"),
                "limit {limit}: no hint\n{screen}"
            );
            assert_eq!(status.exit_code(), 1, "limit {limit}");
        }
    }
}

#[test]
fn a_desk_that_quits_closes_the_database_cleanly() {
    let (_dir, db) = demo_db();
    let mut desk = open_desk(&db, 120, 40);
    // Its check and daily backup at open are done by then.
    std::thread::sleep(Duration::from_secs(2));
    desk.press("q");
    assert!(desk.expect_exit().success());
    let mut wal = db.clone().into_os_string();
    wal.push("-wal");
    assert!(
        !std::path::Path::new(&wal).exists(),
        "the last connection to close folds the WAL into the file and removes it"
    );
}
