//! Courses on the command line (Wix "book the entire course"), on the demo
//! studio's six-week beginners' Pilates course: `book` on any session's
//! slot books every session and lists them, `booking --json` names the
//! course booking (`series_id`, `series_place`), a session short of seats
//! refuses the course (`time slot is full`, exit 3, nothing booked),
//! `cancel` frees every session and says so, and a course that has
//! started takes no booking.
#![allow(clippy::unwrap_used)]

use crate::support::{CLI_NOW, slotdesk_at};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Output;

struct Demo {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

impl Demo {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.db");
        let demo = Self { _dir: dir, db };
        demo.ok(&["init", "--demo"]);
        demo
    }

    fn run_at(&self, now: &str, args: &[&str]) -> Output {
        slotdesk_at(&self.db, now)
            .args(args)
            .env("SLOTDESK_STAFF", "Dana Reception")
            .env("SLOTDESK_PIN", "1111")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run_at(CLI_NOW, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(&[args, &["--json"]].concat())).unwrap()
    }

    /// The course's sessions: slot and seats taken.
    fn sessions(&self) -> Vec<(String, u64)> {
        let slots = self.json(&[
            "slots",
            "--service",
            "beginners_course",
            "--from",
            "2027-01-04",
            "--days",
            "60",
            "--all",
        ]);
        slots
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let slot = format!("{}@{}", s["time_slot_id"], s["date"].as_str().unwrap());
                (slot, s["taken"].as_u64().unwrap())
            })
            .collect()
    }

    fn bookings(&self) -> usize {
        let page = self.json(&["bookings", "--page-size", "1"]);
        usize::try_from(page["pagination"]["total_count"].as_u64().unwrap()).unwrap()
    }
}

const ADA: [&str; 6] = [
    "--first-name",
    "Ada",
    "--last-name",
    "Lovelace",
    "--email",
    "ada@example.com",
];

#[test]
fn booking_a_session_books_the_whole_course_and_cancelling_frees_every_session() {
    let demo = Demo::new();
    let sessions = demo.sessions();
    assert_eq!(sessions.len(), 6, "{sessions:?}");
    let third = sessions[2].0.clone();
    let out = demo.ok(&[&["book", third.as_str()][..], &ADA].concat());
    assert!(
        out.contains(
            "booked the whole course Pilates for beginners (6-week course): \
             a seat in each of its 6 sessions"
        ),
        "{out}"
    );
    assert!(out.contains("Thu 11 Feb 2027 19:30–21:00"), "{out}");
    assert!(
        sessions.iter().all(|(s, _)| out.contains(s.as_str())),
        "{out}"
    );
    assert!(demo.sessions().iter().all(|(_, taken)| *taken == 1));

    let id = out
        .lines()
        .next()
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .to_owned();
    let booking = demo.json(&["booking", &id]);
    assert_eq!(booking["series_place"]["kind"]["kind"], "course");
    assert_eq!(booking["series_place"]["position"], 3);
    assert_eq!(booking["series_place"]["of"], 6);
    assert!(booking["series_id"].is_u64(), "{booking}");

    let cancelled = demo.ok(&["cancel", &id, "--reason", "Changed shifts"]);
    assert!(
        cancelled.contains(&format!("booking {id}  cancelled")),
        "{cancelled}"
    );
    assert!(
        cancelled
            .contains("a course booking is cancelled whole: also cancelled its other 5 sessions"),
        "{cancelled}"
    );
    assert!(demo.sessions().iter().all(|(_, taken)| *taken == 0));
}

#[test]
fn a_course_short_of_seats_in_one_session_refuses_and_books_nothing() {
    let demo = Demo::new();
    let first = demo.sessions()[0].0.clone();
    demo.ok(&[&["book", first.as_str(), "--participants", "7"][..], &ADA].concat());
    let before = demo.bookings();
    let out = demo.run_at(
        CLI_NOW,
        &[
            "book",
            first.as_str(),
            "--participants",
            "2",
            "--first-name",
            "Bo",
            "--last-name",
            "Peep",
            "--phone",
            "020 7946 0018",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("time slot is full"), "{stderr}");
    assert!(
        stderr.contains("6 of its 6 sessions cannot take it"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    assert_eq!(demo.bookings(), before);
}

#[test]
fn a_course_that_has_started_takes_no_booking_and_a_session_takes_no_hold() {
    let demo = Demo::new();
    let sessions = demo.sessions();
    let out = demo.run_at(
        "2027-01-07T19:30:00Z",
        &[&["book", sessions[3].0.as_str()][..], &ADA].concat(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains(
            "course `Pilates for beginners (6-week course)` has started \
             (its first session was Thu 07 Jan 2027 19:30)"
        ),
        "{stderr}"
    );
    let out = demo.run_at(CLI_NOW, &["hold", sessions[0].0.as_str()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("one session cannot be held"), "{stderr}");
}
