//! Courses (Wix "book the entire course") in the store: a course's
//! sessions applied as one-off time slots on its resource, read back as
//! the service's course, shown as slots, and exported so that applying the
//! export changes nothing; booking any session books the whole course (a
//! full session makes the course full), cancelling any of its bookings
//! frees every session, and a course that has started takes no booking.
#![allow(clippy::unwrap_used)]

use crate::support::{
    CATALOG, MONDAY, SETUP_AT, at, book_request, counts, date, event_count, hold_request, jane,
    john, kinds_after, now, rule_error, slot,
};
use chrono::{DateTime, Utc};
use slotdesk::domain::catalog::Service;
use slotdesk::domain::catalog_file::{Applied, Catalog};
use slotdesk::domain::series::SeriesKind;
use slotdesk::domain::{
    BookingEdit, BookingFor, BookingStatus, CancelRequest, CatalogChanges, Slot, SlotQuery, SlotRef,
};
use slotdesk::store::{Store, WaitlistRequest};
use tempfile::TempDir;

/// [`CATALOG`] with a three-week evening Pilates course in the studio
/// (Mondays 20:00 in January 2027, the last session only 2 seats and
/// longer).
pub const COURSE_CATALOG_PART: &str = r#"
[[services]]
key = "pilates-course"
name = "Pilates course"
kind = "course"
resource = "studio"
duration_minutes = 60
capacity = 3
price = "90.00"

[[services.sessions]]
date = "2027-01-11"
start = "20:00"

[[services.sessions]]
date = "2027-01-18"
start = "20:00"

[[services.sessions]]
date = "2027-01-25"
start = "20:00"
end = "21:30"
capacity = 2
"#;

/// The catalog with the course.
pub fn course_catalog() -> Catalog {
    Catalog::from_toml(&course_catalog_text()).unwrap()
}

fn course_catalog_text() -> String {
    CATALOG.replacen(
        "[[time_slots]]",
        &format!("{COURSE_CATALOG_PART}\n[[time_slots]]"),
        1,
    )
}

/// A store with [`course_catalog`] applied at [`SETUP_AT`].
pub fn open_with_course() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("slotdesk.db")).unwrap();
    store
        .apply_catalog(&course_catalog(), at(SETUP_AT))
        .unwrap();
    (dir, store)
}

/// The course service as the store reads it.
pub fn course(store: &Store) -> Service {
    store.find_service("pilates-course").unwrap()
}

#[test]
fn a_course_is_read_back_with_its_sessions_in_order_on_its_resource() {
    let (_dir, store) = open_with_course();
    let s = course(&store);
    let c = s.course.expect("a course");
    assert_eq!(c.resource_id, store.find_resource("studio").unwrap().id);
    let dates: Vec<_> = c.sessions.iter().map(|x| x.date).collect();
    assert_eq!(
        dates,
        vec![date("2027-01-11"), date("2027-01-18"), date("2027-01-25")]
    );
    assert_eq!(c.capacity(), 2);
    assert!(store.find_service("physio").unwrap().course.is_none());
}

#[test]
fn each_session_is_a_slot_on_its_one_date_only() {
    let (_dir, store) = open_with_course();
    let slots = course_slots(&store, at(SETUP_AT));
    let seen: Vec<_> = slots
        .iter()
        .map(|s| (s.occurrence.date, s.occurrence.capacity))
        .collect();
    assert_eq!(
        seen,
        vec![
            (date("2027-01-11"), 3),
            (date("2027-01-18"), 3),
            (date("2027-01-25"), 2)
        ]
    );
    let last = &slots[2].occurrence;
    assert_eq!((last.to - last.from).num_minutes(), 90);
}

fn export(store: &Store) -> String {
    Applied {
        location: &store.location().unwrap(),
        resources: &store.resources().unwrap(),
        services: &store.services().unwrap(),
        time_slots: &store.time_slots().unwrap(),
        closures: &store.closures().unwrap(),
    }
    .to_toml()
}

#[test]
fn a_course_exported_applies_again_changing_nothing() {
    let (_dir, mut store) = open_with_course();
    let text = export(&store);
    assert!(
        text.contains(
            "kind = \"course\"\nresource = \"studio\"\n\n[[services.sessions]]\n\
             date = \"2027-01-11\"\nstart = \"20:00\"\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("date = \"2027-01-25\"\nstart = \"20:00\"\nend = \"21:30\"\ncapacity = 2\n"),
        "{text}"
    );
    assert!(!text.contains("service = \"pilates-course\""), "{text}");
    let again = Catalog::from_toml(&text).unwrap();
    let changes = store.apply_catalog(&again, at(SETUP_AT)).unwrap();
    assert_eq!(changes, CatalogChanges::default(), "{text}");
    assert_eq!(export(&store), text);
}

#[test]
fn a_session_dropped_from_the_file_is_retired_and_the_course_keeps_the_rest() {
    let (_dir, mut store) = open_with_course();
    let fewer = course_catalog_text().replacen(
        "[[services.sessions]]\ndate = \"2027-01-18\"\nstart = \"20:00\"\n",
        "",
        1,
    );
    let changes = store
        .apply_catalog(&Catalog::from_toml(&fewer).unwrap(), at(SETUP_AT))
        .unwrap();
    assert_eq!(changes.retired, 1);
    let c = course(&store).course.unwrap();
    assert_eq!(c.sessions.len(), 2);
}

/// The course's sessions' slots, in order.
fn sessions(store: &Store) -> Vec<SlotRef> {
    course(store).course.unwrap().slots()
}

/// The course's slots in January 2027 as listed at `when`.
fn course_slots(store: &Store, when: DateTime<Utc>) -> Vec<Slot> {
    store
        .slots(
            &SlotQuery {
                service: Some(course(store).id),
                resource: None,
                from: date("2027-01-04"),
                days: 28,
                include_unavailable: true,
            },
            when,
        )
        .unwrap()
}

/// The seats taken in each session of the course at `when`.
fn taken(store: &Store, when: DateTime<Utc>) -> Vec<u32> {
    course_slots(store, when).iter().map(|s| s.taken).collect()
}

#[test]
fn booking_any_session_books_every_session_linked_as_one_course_booking() {
    let (_dir, mut store) = open_with_course();
    let s = sessions(&store);
    let before = counts(&store);
    let b = store.book(&book_request(s[1], jane()), now()).unwrap();
    assert_eq!((b.time_slot_id, b.date), (s[1].time_slot_id, s[1].date));
    let place = b.series_place.unwrap();
    assert_eq!(place.kind, SeriesKind::Course);
    assert_eq!((place.position, place.of), (2, 3));
    let all = store.series_bookings(b.series_id.unwrap()).unwrap();
    assert_eq!(all.len(), 3);
    assert!(all.iter().all(|x| x.customer == b.customer));
    assert_eq!(taken(&store, now()), vec![1, 1, 1]);
    // One booking row and one `booking.created` per session, one customer.
    let after = counts(&store);
    assert_eq!((after.0 - before.0, after.1 - before.1), (3, 1));
    let created = kinds_after(&store, before.2)
        .iter()
        .filter(|k| *k == "booking.created")
        .count();
    assert_eq!(created, 3);
}

#[test]
fn a_full_session_makes_the_course_full_and_nothing_is_booked() {
    let (_dir, mut store) = open_with_course();
    let s = sessions(&store);
    // The last session seats 2; the others 3.
    let mut two = book_request(s[0], jane());
    two.participants = 2;
    store.book(&two, now()).unwrap();
    let before = counts(&store);
    let e = rule_error(store.book(&book_request(s[0], john()), now()));
    let text = e.to_string();
    assert!(
        text.starts_with(
            "course `Pilates course` cannot be booked: a course booking takes a seat in every session"
        ),
        "{text}"
    );
    assert!(text.contains("session 3, Mon 25 Jan 2027"), "{text}");
    assert!(text.contains("time slot is full"), "{text}");
    assert!(!text.contains("session 1,"), "{text}");
    assert_eq!(counts(&store), before);
    assert_eq!(taken(&store, now()), vec![2, 2, 2]);
}

#[test]
fn the_same_customer_cannot_book_the_course_twice() {
    let (_dir, mut store) = open_with_course();
    let s = sessions(&store);
    store.book(&book_request(s[0], jane()), now()).unwrap();
    let e = rule_error(store.book(&book_request(s[2], jane()), now())).to_string();
    assert!(e.contains("duplicate booking"), "{e}");
    assert_eq!(taken(&store, now()), vec![1, 1, 1]);
}

#[test]
fn cancelling_any_session_cancels_the_course_booking_and_frees_every_session() {
    let (_dir, mut store) = open_with_course();
    let s = sessions(&store);
    let b = store.book(&book_request(s[0], jane()), now()).unwrap();
    let third = store
        .series_bookings(b.series_id.unwrap())
        .unwrap()
        .pop()
        .unwrap();
    let request = CancelRequest {
        reason: "Moving away".into(),
        idempotency_key: Some("cancel-course-1".into()),
        only_hold: false,
    };
    let cancelled = store
        .cancel_course_aware(third.id, &request, now())
        .unwrap();
    assert_eq!(cancelled.len(), 3);
    assert_eq!(cancelled[0].id, third.id);
    assert!(
        cancelled
            .iter()
            .all(|c| c.status == BookingStatus::Cancelled
                && c.cancel_reason.as_deref() == Some("Moving away"))
    );
    assert_eq!(taken(&store, now()), vec![0, 0, 0]);
    // The same request again changes nothing more.
    let events = event_count(&store);
    let again = store
        .cancel_course_aware(third.id, &request, now())
        .unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(event_count(&store), events);
}

#[test]
fn a_course_cannot_be_booked_once_its_first_session_has_started() {
    let (_dir, mut store) = open_with_course();
    let s = sessions(&store);
    // 20:00 in London in January is 20:00 UTC.
    let started = at("2027-01-11T20:00:00Z");
    let before = counts(&store);
    let e = rule_error(store.book(&book_request(s[2], jane()), started));
    assert_eq!(
        e.to_string(),
        "course `Pilates course` has started (its first session was Mon 11 Jan 2027 20:00): \
         a course is booked whole before its first session"
    );
    assert_eq!(counts(&store), before);
    let just_before = at("2027-01-11T19:59:59Z");
    store
        .book(&book_request(s[2], jane()), just_before)
        .unwrap();
}

#[test]
fn one_session_of_a_course_cannot_be_held_moved_resized_or_waited_for() {
    let (_dir, mut store) = open_with_course();
    let s = sessions(&store);
    let e = rule_error(store.hold(&hold_request(s[0], 1), now())).to_string();
    assert!(
        e.contains("Pilates course is a course, booked whole") && e.contains("cannot be held"),
        "{e}"
    );
    let mut three = book_request(s[0], jane());
    three.participants = 2;
    let b = store.book(&three, now()).unwrap();
    let e = rule_error(store.move_booking(b.id, s[1], now())).to_string();
    assert!(e.contains("cannot be moved"), "{e}");
    let fewer = BookingEdit {
        participants: Some(1),
        ..BookingEdit::default()
    };
    let e = rule_error(store.edit_booking(b.id, &fewer, now())).to_string();
    assert!(e.contains("cannot be given other seats"), "{e}");
    // The last session (2 seats) is full now: nobody waits on one session.
    let wait = WaitlistRequest {
        slot: s[2],
        customer: BookingFor::Typed(john()),
        participants: 1,
    };
    let e = rule_error(store.join_waitlist(&wait, now())).to_string();
    assert!(e.contains("cannot be waited for"), "{e}");
    assert_eq!(taken(&store, now()), vec![2, 2, 2]);
}

#[test]
fn book_course_refuses_an_ordinary_slot_and_an_ordinary_cancel_stays_single() {
    let (_dir, mut store) = open_with_course();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let e = rule_error(store.book_course(&book_request(physio, jane()), now())).to_string();
    assert_eq!(e, "Physio is not a course: book its slot as it is");
    let b = store.book(&book_request(physio, jane()), now()).unwrap();
    assert!(b.series_id.is_none());
    let request = CancelRequest {
        reason: "Ill".into(),
        idempotency_key: None,
        only_hold: false,
    };
    assert_eq!(
        store
            .cancel_course_aware(b.id, &request, now())
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn cancel_following_on_a_course_booking_cancels_the_earlier_sessions_too() {
    let (_dir, mut store) = open_with_course();
    let s = sessions(&store);
    let b = store.book(&book_request(s[1], jane()), now()).unwrap();
    let request = CancelRequest {
        reason: "Injured".into(),
        idempotency_key: None,
        only_hold: false,
    };
    let cancelled = store.cancel_following(b.id, &request, now()).unwrap();
    assert_eq!(cancelled.len(), 3);
    assert_eq!(taken(&store, now()), vec![0, 0, 0]);
}

#[test]
fn one_sessions_booking_of_a_course_is_not_undone_alone() {
    let (_dir, mut store) = open_with_course();
    let s = sessions(&store);
    let b = store.book(&book_request(s[0], jane()), now()).unwrap();
    let last = store.series_bookings(b.series_id.unwrap()).unwrap()[2].id;
    let event = store.latest_booking_event(last).unwrap().unwrap();
    let e = rule_error(store.undo(event, now())).to_string();
    assert!(e.contains("cancel the course booking instead"), "{e}");
    assert_eq!(taken(&store, now()), vec![1, 1, 1]);
}
