//! Reminders through the store: the due window's edges (exactly at the
//! window, started, a service with 0 hours, a clock change), which
//! bookings are reminded, the notify message, and marking one sent.
#![allow(clippy::unwrap_used)]

use crate::support::{
    CATALOG, MONDAY, all_events, at, book_request, hold_request, jane, john, now, open, rule_error,
    slot,
};
use slotdesk::domain::catalog_file::Catalog;
use slotdesk::domain::requests::InitialStatus;
use slotdesk::domain::{BookingId, EventKind};
use slotdesk::store::Store;

/// Monday's 09:00 local (BST) physio with Ana starts at 08:00 UTC.
const MONDAY_PHYSIO: &str = "2026-06-01T08:00:00Z";

fn due_ids(store: &Store, when: &str) -> Vec<BookingId> {
    store
        .reminders_due(at(when))
        .unwrap()
        .iter()
        .map(|r| r.booking_id)
        .collect()
}

fn book_physio(store: &mut Store, notify: Option<&str>) -> BookingId {
    let mut req = book_request(slot(store, "physio", "ana", "09:00", MONDAY), jane());
    req.notify = notify.map(str::to_owned);
    store.book(&req, now()).unwrap().id
}

#[test]
fn a_booking_is_due_from_exactly_its_window_until_it_starts_with_its_message() {
    let (_dir, mut store) = open();
    let id = book_physio(&mut store, Some("Bring your referral letter"));
    assert!(due_ids(&store, "2026-05-31T07:59:59Z").is_empty());
    assert_eq!(due_ids(&store, "2026-05-31T08:00:00Z"), vec![id]);
    assert_eq!(due_ids(&store, "2026-06-01T07:59:59Z"), vec![id]);
    assert!(
        due_ids(&store, MONDAY_PHYSIO).is_empty(),
        "started: too late"
    );
    let r = &store.reminders_due(at("2026-05-31T12:00:00Z")).unwrap()[0];
    assert_eq!(r.customer_name, "Jane Doe");
    assert_eq!(r.email.as_deref(), Some("jane@example.com"));
    assert_eq!(r.notify.as_deref(), Some("Bring your referral letter"));
    assert_eq!(r.from, at(MONDAY_PHYSIO));
    assert_eq!(
        (r.service_name.as_str(), r.resource_name.as_str()),
        ("Physio", "Ana")
    );
    let booking = store.booking(id).unwrap();
    assert_eq!(
        booking.notify.as_deref(),
        Some("Bring your referral letter")
    );
}

#[test]
fn pending_bookings_are_reminded_but_not_holds_or_cancelled_ones() {
    let (_dir, mut store) = open();
    let confirmed = book_physio(&mut store, None);
    let mut pending = book_request(slot(&store, "physio", "ben", "09:00", MONDAY), john());
    pending.status = InitialStatus::Pending;
    let pending = store.book(&pending, now()).unwrap().id;
    let cancelled = store
        .book(
            &book_request(slot(&store, "physio", "ana", "10:00", MONDAY), john()),
            now(),
        )
        .unwrap()
        .id;
    store.cancel(cancelled, "changed plans", now()).unwrap();
    store
        .hold(
            &hold_request(slot(&store, "physio", "ben", "10:00", MONDAY), 1),
            at("2026-05-31T12:00:00Z"),
        )
        .unwrap();
    assert_eq!(
        due_ids(&store, "2026-05-31T12:00:00Z"),
        vec![confirmed, pending]
    );
}

#[test]
fn a_service_with_zero_hours_never_reminds() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("slotdesk.db")).unwrap();
    let text = CATALOG.replace(
        "name = \"Massage\"\n",
        "name = \"Massage\"\nreminder_hours = 0\n",
    );
    store
        .apply_catalog(
            &Catalog::from_toml(&text).unwrap(),
            at(crate::support::SETUP_AT),
        )
        .unwrap();
    let massage = store
        .book(
            &book_request(slot(&store, "massage", "ana", "09:30", MONDAY), jane()),
            now(),
        )
        .unwrap();
    assert!(
        due_ids(&store, "2026-06-01T08:00:00Z").is_empty(),
        "{massage:?}"
    );
    let physio = store
        .book(
            &book_request(slot(&store, "physio", "ben", "10:00", MONDAY), john()),
            now(),
        )
        .unwrap()
        .id;
    assert_eq!(due_ids(&store, "2026-06-01T08:00:00Z"), vec![physio]);
}

#[test]
fn the_window_counts_elapsed_hours_across_a_clock_change() {
    let (_dir, mut store) = open();
    // Sunday 25 October 2026: the clocks go back at 01:00 UTC, so the
    // 09:00 class starts at 09:00 UTC; 24 hours before is 10:00 BST on
    // the Saturday.
    let id = store
        .book(
            &book_request(
                slot(&store, "yoga", "studio", "09:00", "2026-10-25"),
                jane(),
            ),
            now(),
        )
        .unwrap()
        .id;
    assert!(due_ids(&store, "2026-10-24T08:59:59Z").is_empty());
    assert_eq!(due_ids(&store, "2026-10-24T09:00:00Z"), vec![id]);
}

#[test]
fn marking_sent_takes_it_off_the_list_once_and_a_move_makes_it_due_again() {
    let (_dir, mut store) = open();
    let id = book_physio(&mut store, None);
    let when = at("2026-05-31T12:00:00Z");
    store.mark_reminder_sent(id, when).unwrap();
    assert_eq!(
        all_events(&store).pop().unwrap().kind,
        EventKind::BookingReminderSent
    );
    assert!(due_ids(&store, "2026-05-31T12:00:00Z").is_empty());
    let again = rule_error(store.mark_reminder_sent(id, when));
    assert_eq!(
        again.to_string(),
        format!("the reminder for booking #{} was already marked sent", id.0)
    );
    // Moved to Tuesday: due again, for the new time.
    let tuesday = slot(&store, "physio", "ana", "09:00", crate::support::TUESDAY);
    store.move_booking(id, tuesday, when).unwrap();
    assert!(
        due_ids(&store, "2026-05-31T12:00:00Z").is_empty(),
        "not yet in its window"
    );
    assert_eq!(due_ids(&store, "2026-06-01T12:00:00Z"), vec![id]);
    store
        .mark_reminder_sent(id, at("2026-06-01T12:00:00Z"))
        .unwrap();
    assert!(due_ids(&store, "2026-06-01T12:00:00Z").is_empty());
}

#[test]
fn a_cancelled_or_started_booking_is_not_marked() {
    let (_dir, mut store) = open();
    let id = book_physio(&mut store, None);
    let started = rule_error(store.mark_reminder_sent(id, at(MONDAY_PHYSIO)));
    assert!(
        started.to_string().contains("has already started"),
        "{started}"
    );
    store.cancel(id, "ill", now()).unwrap();
    let cancelled = rule_error(store.mark_reminder_sent(id, now()));
    assert!(
        cancelled.to_string().contains("is cancelled"),
        "{cancelled}"
    );
    let missing = rule_error(store.mark_reminder_sent(BookingId(999), now()));
    assert_eq!(missing.to_string(), "booking not found");
}

#[test]
fn a_notify_message_with_a_control_character_is_refused() {
    let (_dir, mut store) = open();
    let mut req = book_request(slot(&store, "physio", "ana", "09:00", MONDAY), jane());
    req.notify = Some("see you\u{7}".to_owned());
    let e = rule_error(store.book(&req, now()));
    assert!(e.to_string().contains("control character"), "{e}");
}
