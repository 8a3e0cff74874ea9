//! `slotdesk waitlist` end to end: joining a full class by a customer
//! search or typed details, the queue in text and JSON, the offer a cancel
//! makes (printed with who to call), leaving, refusals with their exit
//! codes, and processes freeing seats at once.
#![allow(clippy::unwrap_used)]

use crate::commands::Desk;
use crate::support::{CLI_NOW, slotdesk_at};
use std::process::Stdio;

/// The Monday 18:00 Pilates class (capacity 3).
const CLASS: &str = "22@2026-11-23";

/// Books the class full; returns the three booking ids.
fn fill(desk: &Desk) -> Vec<String> {
    ["Ann", "Bea", "Cat"]
        .iter()
        .map(|n| {
            let b = desk.json(&[
                "book",
                CLASS,
                "--first-name",
                n,
                "--last-name",
                "Seated",
                "--email",
                &format!("{n}@seated.example"),
            ]);
            b["id"].to_string()
        })
        .collect()
}

fn add(desk: &Desk, first: &str) -> serde_json::Value {
    desk.json(&[
        "waitlist",
        "add",
        CLASS,
        "--first-name",
        first,
        "--last-name",
        "Lovelace",
        "--phone",
        "020 7946 0018",
    ])
}

#[test]
fn a_full_class_takes_a_queue_and_a_cancel_offers_the_seat_to_the_first() {
    let desk = Desk::new();
    let free = desk.fails(
        3,
        &[
            "waitlist",
            "add",
            CLASS,
            "--first-name",
            "Ada",
            "--last-name",
            "L",
            "--phone",
            "020 7946 0018",
        ],
    );
    assert!(
        free.contains("time slot has room for 3: book it instead of waiting"),
        "{free}"
    );
    let seated = fill(&desk);

    let ada = add(&desk, "Ada");
    assert_eq!(ada["status"], "waiting");
    assert_eq!(ada["position"], 1);
    // Someone on file, by the customers search.
    let seated_one = desk.fails(3, &["waitlist", "add", CLASS, "--customer", "bea@seated"]);
    assert!(
        seated_one.contains("duplicate booking"),
        "Bea is seated: {seated_one}"
    );
    let twice = desk.fails(3, &["waitlist", "add", CLASS, "--customer", "ada lovelace"]);
    assert!(twice.contains("duplicate booking"), "{twice}");
    let missing = desk.fails(
        4,
        &["waitlist", "add", CLASS, "--customer", "nobody at all"],
    );
    assert!(missing.contains("customer not found"), "{missing}");
    let bob = add(&desk, "Bob");
    assert_eq!(bob["position"], 2);

    let queue = desk.ok(&["waitlist", CLASS]);
    assert!(queue.contains("Ada Lovelace"), "{queue}");
    assert!(queue.contains("020 7946 0018"), "{queue}");
    assert!(
        queue.contains("waiting, 1st, since Sat 21 Nov 2026 10:00"),
        "{queue}"
    );

    let cancelled = desk.ok(&["cancel", &seated[0], "--reason", "flu"]);
    assert!(
        cancelled.contains(
            "seat free at Mon 23 Nov 2026 18:00 Pilates: offered to Ada Lovelace 020 7946 0018"
        ),
        "{cancelled}"
    );
    let open = desk.json(&["waitlist"]);
    let open = open.as_array().unwrap();
    assert_eq!(open.len(), 2);
    assert_eq!(open[0]["status"], "offered");
    assert_eq!(open[0]["offer_expires_at"], "2026-11-21T10:15:00Z");
    assert_eq!(open[1]["position"], 1);
    let hold = open[0]["offer_booking_id"].to_string();
    let text = desk.ok(&["waitlist"]);
    assert!(
        text.contains(&format!("offered: hold {hold} until 10:15")),
        "{text}"
    );

    desk.ok(&["confirm", &hold]);
    let after = desk.json(&["waitlist"]);
    assert_eq!(
        after.as_array().unwrap().len(),
        1,
        "Ada accepted; Bob waits"
    );
    let kinds = desk.ok(&["events"]);
    for kind in ["waitlist.joined", "waitlist.offered", "waitlist.accepted"] {
        assert!(kinds.contains(kind), "{kind}: {kinds}");
    }
}

#[test]
fn leaving_takes_an_entry_off_and_a_closed_one_cannot_leave_again() {
    let desk = Desk::new();
    fill(&desk);
    let ada = add(&desk, "Ada");
    let id = ada["id"].to_string();
    let left = desk.ok(&["waitlist", "leave", &id]);
    assert!(left.contains("Ada Lovelace left the waitlist"), "{left}");
    assert_eq!(desk.ok(&["waitlist"]).trim(), "no one is waiting");
    let again = desk.fails(3, &["waitlist", "leave", &id]);
    assert!(again.contains("is left"), "{again}");
    desk.fails(4, &["waitlist", "leave", "999"]);
    desk.fails(5, &["waitlist", "not-a-slot"]);
}

#[test]
fn processes_cancelling_at_once_offer_each_freed_seat_once() {
    let desk = Desk::new();
    let seated = fill(&desk);
    for n in ["Ada", "Bob", "Cy", "Dee"] {
        add(&desk, n);
    }
    let children: Vec<_> = seated
        .iter()
        .map(|id| {
            slotdesk_at(&desk.db, CLI_NOW)
                .args(["cancel", id, "--reason", "race"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let open = desk.json(&["waitlist"]);
    let states: Vec<&str> = open
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["offered", "offered", "offered", "waiting"]);
    let conn = rusqlite::Connection::open(&desk.db).unwrap();
    let (holds, offers): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM bookings WHERE status = 'held'),
                    (SELECT COUNT(*) FROM events WHERE kind = 'waitlist.offered')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((holds, offers), (3, 3));
    let check = desk.ok(&["check"]);
    assert!(check.contains(": ok ("), "{check}");
}
