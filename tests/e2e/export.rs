//! `slotdesk export` in a terminal: to a file, a progress bar on stderr
//! (cleared when done); to the terminal itself, no bar in the calendar.
#![allow(clippy::unwrap_used)]

use crate::support::{NOW, Tty, demo_db};

#[test]
fn an_export_to_a_file_shows_a_progress_bar_and_one_to_the_terminal_does_not() {
    let (dir, db) = demo_db();
    let file = dir.path().join("desk.ics");
    let db = db.to_str().unwrap();
    let mut tty = Tty::spawn(
        &["--db", db, "export", "-o", file.to_str().unwrap()],
        &[("SLOTDESK_NOW", NOW)],
        100,
        30,
    );
    assert!(tty.expect_exit().success());
    let raw = String::from_utf8_lossy(&tty.raw_output()).into_owned();
    assert!(raw.contains("exporting"), "{raw:?}");
    assert!(raw.contains("bookings"), "{raw:?}");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(!written.contains("exporting"));

    let mut tty = Tty::spawn(
        &["--db", db, "export", "--to", "2026-11-20"],
        &[("SLOTDESK_NOW", NOW)],
        100,
        30,
    );
    assert!(tty.expect_exit().success());
    let raw = String::from_utf8_lossy(&tty.raw_output()).into_owned();
    assert!(raw.contains("BEGIN:VCALENDAR"), "{raw:?}");
    assert!(!raw.contains("exporting"), "{raw:?}");
}
