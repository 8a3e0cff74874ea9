//! `slotdesk reminders [--json]` and `reminders sent ID`: the bookings due
//! a reminder now with the clerk's `--notify` message, marked sent once.
#![allow(clippy::unwrap_used)]

use crate::commands::{Desk, ada_monday};
use crate::support::slotdesk_at;

/// Sunday 22 November 2026, noon UTC: Monday's 09:00 is within 24 hours.
const SUNDAY_NOON: &str = "2026-11-22T12:00:00Z";

/// Runs `args` on `desk`'s database on Sunday at noon; returns the exit
/// code, stdout and stderr.
fn on_sunday(desk: &Desk, args: &[&str]) -> (Option<i32>, String, String) {
    let out = slotdesk_at(&desk.db, SUNDAY_NOON)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_booking_within_its_window_is_listed_with_its_message_and_marked_sent_once() {
    let desk = Desk::new();
    let booked = desk.json(&ada_monday(&["--notify", "Bring your trainers"]));
    assert_eq!(booked["notify"], "Bring your trainers");
    let id = booked["id"].to_string();
    // On Saturday at 10:00 it is 47 hours away: not due yet.
    assert_eq!(desk.ok(&["reminders"]), "no reminders due\n");

    let (code, due, _) = on_sunday(&desk, &["reminders", "--json"]);
    assert_eq!(code, Some(0));
    let due: serde_json::Value = serde_json::from_str(&due).unwrap();
    let due = due.as_array().unwrap();
    assert_eq!(due.len(), 1, "{due:?}");
    assert_eq!(due[0]["booking_id"].to_string(), id);
    assert_eq!(due[0]["customer_name"], "Ada Lovelace");
    assert_eq!(due[0]["email"], "ada@example.com");
    assert_eq!(due[0]["notify"], "Bring your trainers");
    assert_eq!(due[0]["from"], "2026-11-23T09:00:00Z");
    let (_, text, _) = on_sunday(&desk, &["reminders"]);
    assert!(text.contains("Ada Lovelace"), "{text}");
    assert!(text.contains("message: Bring your trainers"), "{text}");
    let detail = desk.ok(&["booking", &id]);
    assert!(
        detail.contains("to send       Bring your trainers"),
        "{detail}"
    );

    let before = desk.event_count();
    let (code, sent, _) = on_sunday(&desk, &["reminders", "sent", &id]);
    assert_eq!(code, Some(0));
    assert_eq!(sent, format!("reminder for booking {id} marked sent\n"));
    assert_eq!(desk.event_count(), before + 1);
    let last = desk.ok(&["events", "--json"]);
    assert!(
        last.lines()
            .last()
            .unwrap()
            .contains("booking.reminder_sent"),
        "{last}"
    );
    assert_eq!(on_sunday(&desk, &["reminders"]).1, "no reminders due\n");
    let (code, _, twice) = on_sunday(&desk, &["reminders", "sent", &id]);
    assert_eq!(code, Some(3), "{twice}");
    assert!(twice.contains("was already marked sent"), "{twice}");
}

#[test]
fn a_notify_message_is_bounded_and_a_services_window_is_shown() {
    let desk = Desk::new();
    let long = "x".repeat(2001);
    let e = desk.fails(5, &ada_monday(&["--notify", &long]));
    assert!(e.contains("2000") || e.contains("2,000"), "{e}");
    let services = desk.json(&["services"]);
    assert_eq!(services[0]["reminder_hours"], 24);
    let export = desk.ok(&["catalog", "export"]);
    assert!(export.contains("reminder_hours = 24"), "{export}");
}
