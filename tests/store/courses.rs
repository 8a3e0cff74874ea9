//! Courses (Wix "book the entire course") in the store: a course's
//! sessions applied as one-off time slots on its resource, read back as
//! the service's course, shown as slots, and exported so that applying the
//! export changes nothing.
#![allow(clippy::unwrap_used)]

use crate::support::{CATALOG, SETUP_AT, at, date};
use slotdesk::domain::catalog::Service;
use slotdesk::domain::catalog_file::{Applied, Catalog};
use slotdesk::domain::{CatalogChanges, SlotQuery};
use slotdesk::store::Store;
use tempfile::TempDir;

/// [`CATALOG`] with a three-week evening Pilates course in the studio
/// (Mondays 20:00 in January 2027, the last session only 6 seats and
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
    let service = course(&store);
    let slots = store
        .slots(
            &SlotQuery {
                service: Some(service.id),
                resource: None,
                from: date("2027-01-04"),
                days: 28,
                include_unavailable: true,
            },
            at(SETUP_AT),
        )
        .unwrap();
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
