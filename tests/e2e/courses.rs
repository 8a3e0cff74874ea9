//! End to end: the demo's six-week beginners' course booked from its
//! second evening on the desk ("Book the whole course"), the seat shown on
//! every session's board, then cancelled from the last evening, which
//! frees all six; the database agrees.
#![allow(clippy::unwrap_used)]

use crate::support::{CTRL_U, ENTER, TAB, Tty, demo_db, open_desk};
use rusqlite::Connection;
use std::time::Duration;

/// The course's six Thursday evenings in the demo catalog.
const SESSIONS: [&str; 6] = [
    "2027-01-07",
    "2027-01-14",
    "2027-01-21",
    "2027-01-28",
    "2027-02-04",
    "2027-02-11",
];

/// Goes to `day` and moves the board's cursor down to the course's
/// session (the day's last slot), failing if it never gets there.
fn to_session(desk: &mut Tty, day: &str, number: usize) {
    desk.press("g");
    desk.expect_text("Go to date");
    desk.press(CTRL_U);
    desk.press(day);
    desk.press(ENTER);
    let panel = format!("Studio · session {number} of 6");
    for _ in 0..30 {
        if desk.wait_for_text(&panel, Duration::from_millis(300)) {
            return;
        }
        desk.press("j");
    }
    desk.fail(&format!("the cursor never reached {panel}"));
}

#[test]
fn a_course_booked_from_one_evening_takes_a_seat_in_all_six_and_cancels_whole() {
    let (_dir, db) = demo_db();
    let mut desk = open_desk(&db, 120, 40);
    to_session(&mut desk, SESSIONS[1], 2);

    desk.press("n");
    desk.expect_text("Book the whole course");
    desk.expect_text("each of its 6 sessions");
    desk.press("Zed");
    desk.press(TAB);
    desk.press("Quill");
    desk.press(TAB);
    desk.press(TAB);
    desk.press("020 7946 0999");
    desk.press(ENTER);
    desk.expect_text(
        "for Zed Quill (confirmed): the whole course, a seat in each of its 6 sessions",
    );

    for (i, day) in SESSIONS.iter().enumerate() {
        to_session(&mut desk, day, i + 1);
        desk.expect_text(&format!("Beginners · session {} of 6       1/8", i + 1));
    }

    // From the last evening, x cancels the course booking in every session.
    desk.expect_text("Zed Quill · 1 person · confirmed · ↻ session 6/6");
    desk.press("x");
    desk.expect_text("Cancel the whole course booking");
    desk.expect_text("cancels its booking in every session (6 in all)");
    desk.press("moved away");
    desk.press(ENTER);
    desk.expect_text("cancelled with its whole course booking");
    desk.expect_text("Beginners · session 6 of 6       0/8");
    to_session(&mut desk, SESSIONS[0], 1);
    desk.expect_text("Beginners · session 1 of 6       0/8");
    desk.press("q");
    desk.expect_exit();

    let conn = Connection::open(&db).unwrap();
    let rows: Vec<(String, String, Option<String>, String)> = conn
        .prepare(
            "SELECT b.date, b.status, b.cancel_reason, s.kind
             FROM bookings b JOIN series s ON s.id = b.series_id
             JOIN customers c ON c.id = b.customer_id
             WHERE c.first_name = 'Zed' ORDER BY b.series_position",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let dates: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(dates, SESSIONS, "one booking per session, in order");
    for (_, status, reason, kind) in &rows {
        assert_eq!(
            (status.as_str(), reason.as_deref(), kind.as_str()),
            ("cancelled", Some("moved away"), "course")
        );
    }
}
