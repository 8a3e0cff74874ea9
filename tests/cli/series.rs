//! `book SLOT … --weekly N [--every 2] [--partial]` and `cancel ID
//! --following`: a weekly series booked all or none or partially, shown in
//! text and JSON, and its later weeks cancelled in one step.
#![allow(clippy::unwrap_used)]

use crate::commands::Desk;
use crate::commands::ada_monday;
use crate::support::{CLI_NOW, slotdesk_at};
use std::process::Stdio;

/// Bob Byte's booking of week 4 (14 December) of Ana's Monday 09:00.
const BOB_WEEK_FOUR: [&str; 10] = [
    "book",
    "1@2026-12-14",
    "--first-name",
    "Bob",
    "--last-name",
    "Byte",
    "--email",
    "bob@example.com",
    "--answer",
    "reason for visit=Back",
];

/// Someone else takes week 4 (14 December).
fn clash_in_week_four(desk: &Desk) {
    desk.ok(&BOB_WEEK_FOUR);
}

#[test]
fn all_or_none_refuses_a_series_with_a_clash_in_week_four_naming_it_and_books_nothing() {
    let desk = Desk::new();
    clash_in_week_four(&desk);
    let events = desk.event_count();
    let stderr = desk.fails(3, &ada_monday(&["--weekly", "6"]));
    assert!(stderr.contains("1 of 6 weeks cannot be booked"), "{stderr}");
    assert!(
        stderr.contains("week 4, Mon 14 Dec 2026 (1@2026-12-14): time slot is full"),
        "{stderr}"
    );
    assert_eq!(desk.event_count(), events, "nothing changed");
}

#[test]
fn partial_books_the_free_weeks_lists_the_rest_and_every_booking_carries_its_series() {
    let desk = Desk::new();
    clash_in_week_four(&desk);
    let text = desk.ok(&ada_monday(&["--weekly", "6", "--partial"]));
    assert!(
        text.starts_with("series 1 (weekly, every week): 5 of 6 weeks booked for Ada Lovelace"),
        "{text}"
    );
    assert!(text.contains("  week 5  booking"), "{text}");
    assert!(
        text.contains("not booked:\n  week 4, Mon 14 Dec 2026 (1@2026-12-14): time slot is full"),
        "{text}"
    );

    // From 14 December every 2 weeks: 14 Dec is Bob's, 28 Dec Ada's.
    let fortnights = desk.json(&[
        "book",
        "1@2026-12-14",
        "--first-name",
        "Ann",
        "--last-name",
        "Other",
        "--email",
        "ann@example.com",
        "--answer",
        "reason for visit=Hip",
        "--weekly",
        "4",
        "--every",
        "2",
        "--partial",
    ]);
    assert_eq!(fortnights["series_id"], 2);
    assert_eq!(fortnights["kind"]["every_weeks"], 2);
    let booked = fortnights["booked"].as_array().unwrap();
    let dates: Vec<&str> = booked.iter().map(|b| b["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2027-01-11", "2027-01-25"]);
    assert_eq!(fortnights["refused"][0]["slot"], "1@2026-12-14");
    assert_eq!(fortnights["refused"][1]["slot"], "1@2026-12-28");
    assert_eq!(fortnights["refused"][1]["position"], 2);

    let id = booked[1]["id"].to_string();
    let one = desk.json(&["booking", &id]);
    assert_eq!(one["series_id"], 2);
    assert_eq!(one["series_place"]["position"], 4);
    assert_eq!(one["series_place"]["of"], 4);
    assert!(
        desk.ok(&["booking", &id])
            .contains("series        series: week 4 of 4 (series 2)")
    );
    let list = desk.json(&["bookings"]);
    let in_series = list["bookings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["series_id"] == 1)
        .count();
    assert_eq!(in_series, 5);
}

#[test]
fn cancel_following_cancels_this_and_the_later_weeks_with_one_reason() {
    let desk = Desk::new();
    let made = desk.json(&ada_monday(&["--weekly", "6"]));
    let fourth = made["booked"][3]["id"].to_string();
    let text = desk.ok(&["cancel", &fourth, "--following", "--reason", "moving away"]);
    assert!(
        text.starts_with("cancelled 3 bookings of series 1: moving away"),
        "{text}"
    );
    let statuses: Vec<String> = made["booked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| desk.json(&["booking", &b["id"].to_string()])["status"].to_string())
        .collect();
    assert_eq!(
        statuses,
        [
            "\"confirmed\"",
            "\"confirmed\"",
            "\"confirmed\"",
            "\"cancelled\"",
            "\"cancelled\"",
            "\"cancelled\""
        ]
    );
    // Again: the fourth is cancelled already, so nothing is.
    let events = desk.event_count();
    desk.fails(3, &["cancel", &fourth, "--following", "--reason", "again"]);
    let second = made["booked"][1]["id"].to_string();
    let json = desk.json(&["cancel", &second, "--following", "--reason", "ill"]);
    assert_eq!(json.as_array().unwrap().len(), 2, "weeks 2 and 3 only");
    assert_eq!(desk.event_count(), events + 2);
}

#[test]
fn the_same_key_returns_the_same_series() {
    let desk = Desk::new();
    let args = ada_monday(&["--weekly", "4", "--idempotency-key", "s-1"]);
    let first = desk.json(&args);
    let events = desk.event_count();
    let again = desk.json(&args);
    assert_eq!(again, first);
    assert_eq!(desk.event_count(), events);
    let other = ada_monday(&["--weekly", "5", "--idempotency-key", "s-1"]);
    let stderr = desk.fails(3, &other);
    assert!(stderr.contains("idempotency key reused"), "{stderr}");
}

#[test]
fn bad_series_numbers_are_refused_with_the_limits_and_change_nothing() {
    let desk = Desk::new();
    let events = desk.event_count();
    for weeks in ["0", "1", "53", "4000000000"] {
        let stderr = desk.fails(5, &ada_monday(&["--weekly", weeks]));
        assert!(stderr.contains("2 to 52 weeks"), "{weeks}: {stderr}");
    }
    for every in ["0", "3", "99"] {
        let stderr = desk.fails(5, &ada_monday(&["--weekly", "4", "--every", every]));
        assert!(stderr.contains("every 1 or 2 weeks"), "{every}: {stderr}");
    }
    // Not numbers, or without --weekly: usage errors.
    for more in [
        &["--weekly", "six"][..],
        &["--weekly", "-3"],
        &["--weekly", "99999999999"],
        &["--every", "2"],
        &["--partial"],
    ] {
        desk.fails(2, &ada_monday(more));
    }
    let mut multi = ada_monday(&["--weekly", "3"]);
    multi[3] = "Ada\nDrop";
    desk.fails(5, &multi);
    assert_eq!(desk.event_count(), events);
}

#[test]
fn a_series_process_racing_a_single_booking_process_cannot_overbook() {
    let desk = Desk::new();
    let spawn = |args: Vec<&str>| {
        slotdesk_at(&desk.db, CLI_NOW)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let series = spawn(ada_monday(&["--weekly", "6"]));
    let single = spawn(BOB_WEEK_FOUR.to_vec());
    let series_won = series.wait_with_output().unwrap().status.success();
    let single_won = single.wait_with_output().unwrap().status.success();
    assert!(series_won != single_won, "exactly one wins");
    let conn = rusqlite::Connection::open(&desk.db).unwrap();
    let over: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM (SELECT date FROM bookings WHERE time_slot_id = 1
               AND status = 'confirmed' GROUP BY date HAVING COUNT(*) > 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(over, 0, "no Monday overbooked");
    let live: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM bookings WHERE status = 'confirmed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(live, if series_won { 6 } else { 1 });
}

#[test]
fn move_following_moves_the_later_weeks_by_the_same_days_or_none() {
    let desk = Desk::new();
    let made = desk.json(&ada_monday(&["--weekly", "3"]));
    let first = made["booked"][0]["id"].to_string();
    // Time slot 1 is Ana's Monday 09:00 physio, 2 her Tuesday's.
    let to = "2@2026-11-24";
    let moved = desk.json(&["move", &first, to, "--following"]);
    let dates: Vec<&str> = moved
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2026-11-24", "2026-12-01", "2026-12-08"]);
    let text = desk.ok(&["move", &first, "2@2026-12-15", "--following"]);
    assert!(
        text.starts_with("moved 3 bookings:\n  week 1  booking"),
        "{text}"
    );
    // Onto a day the location is closed (Christmas Day is week 2 here's
    // target): refused whole, naming the week, nothing moved.
    let events = desk.event_count();
    let stderr = desk.fails(3, &["move", &first, "5@2026-12-18", "--following"]);
    assert!(stderr.contains("week 2, Fri 25 Dec 2026"), "{stderr}");
    assert_eq!(desk.event_count(), events);
    let stderr = desk.fails(4, &["move", "999", to, "--following"]);
    assert!(stderr.contains("booking not found"), "{stderr}");
}
