//! End to end: a six-week series booked from the desk's new-booking form
//! (Repeat weekly), every week shown on the board as the clerk steps
//! through them, and the last three cancelled with "this and the later
//! weeks"; the database agrees.
#![allow(clippy::unwrap_used)]

use crate::support::{CTRL_U, ENTER, TAB, Tty, demo_db, open_desk};
use rusqlite::Connection;

/// Six Thursdays from 3 December 2026, no closure on any: the reformer
/// class at 07:15 is each day's first slot, so the board opens on it.
const THURSDAYS: [&str; 6] = [
    "2026-12-03",
    "2026-12-10",
    "2026-12-17",
    "2026-12-24",
    "2026-12-31",
    "2027-01-07",
];

fn go_to(desk: &mut Tty, day: &str) {
    desk.press("g");
    desk.expect_text("Go to date");
    desk.press(CTRL_U);
    desk.press(day);
    desk.press(ENTER);
    desk.expect_text("Reformer");
}

#[test]
fn a_six_week_series_from_the_desk_shows_on_every_week_and_the_last_three_cancel_together() {
    let (_dir, db) = demo_db();
    let mut desk = open_desk(&db, 120, 40);
    go_to(&mut desk, THURSDAYS[0]);

    desk.press("n");
    desk.expect_text("New booking");
    desk.press("Ada");
    desk.press(TAB);
    desk.press("Lovelace");
    desk.press(TAB);
    desk.press("ada@example.com");
    // Phone, Participants, then the class's required question.
    desk.press(TAB);
    desk.press(TAB);
    desk.press(TAB);
    desk.press("some");
    // Injuries, Grip socks, Message, Message to send, Pays by, then Repeat.
    for _ in 0..6 {
        desk.press(TAB);
    }
    desk.press(" ");
    desk.expect_text("‹ weekly ›");
    desk.press(ENTER);
    desk.expect_text("booked series 1: 6 of 6 weeks for Ada Lovelace");

    // Each Thursday's class lists Ada with her week.
    for (week, day) in THURSDAYS.iter().enumerate() {
        go_to(&mut desk, day);
        desk.expect_text(&format!("↻ week {}/6", week + 1));
    }

    // Week 4 and the later ones: cancelled in one step.
    go_to(&mut desk, THURSDAYS[3]);
    desk.expect_text("↻ week 4/6");
    desk.press("x");
    desk.expect_text("Cancel booking");
    desk.press("moving away");
    desk.press(TAB);
    desk.press(" ");
    desk.expect_text("this and the later weeks");
    desk.press(ENTER);
    desk.expect_text("and the 2 later weeks of series 1");
    desk.press("q");
    desk.expect_exit();

    let conn = Connection::open(&db).unwrap();
    let statuses: Vec<(String, String, Option<String>)> = conn
        .prepare(
            "SELECT date, status, cancel_reason FROM bookings WHERE series_id = 1
             ORDER BY series_position",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let dates: Vec<&str> = statuses.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(dates, THURSDAYS);
    for (i, (_, status, reason)) in statuses.iter().enumerate() {
        if i < 3 {
            assert_eq!((status.as_str(), reason.as_deref()), ("confirmed", None));
        } else {
            assert_eq!(
                (status.as_str(), reason.as_deref()),
                ("cancelled", Some("moving away"))
            );
        }
    }
}
