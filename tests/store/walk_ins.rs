//! Walk-ins through the store: the slot running now until it ends, else the
//! next with room; a first name alone; checked in as made.
#![allow(clippy::unwrap_used)]

use crate::support::{MONDAY, all_events, at, counts, open, rule_error, slot};
use slotdesk::domain::{BookingError, BookingStatus, EventKind, WalkInRequest};
use slotdesk::store::Store;

/// Monday of the test week, 10:20 local (BST): the 09:00 physio slots have
/// ended, the 10:00 ones are running.
const MID_MORNING: &str = "2026-06-01T09:20:00Z";

fn walk_in(store: &Store, first: &str) -> WalkInRequest {
    WalkInRequest {
        service: store.find_service("physio").unwrap().id,
        slot: None,
        first_name: first.to_owned(),
        last_name: String::new(),
        phone: None,
        participants: 1,
        idempotency_key: None,
    }
}

#[test]
fn a_walk_in_takes_the_running_slot_then_the_next_and_is_checked_in_on_a_first_name() {
    let (_dir, mut store) = open();
    let now = at(MID_MORNING);
    let first = store.walk_in(&walk_in(&store, "Sam"), now).unwrap();
    assert_eq!(first.status, BookingStatus::CheckedIn);
    assert!(first.walk_in);
    assert_eq!(
        first.slot_ref(),
        slot(&store, "physio", "ana", "10:00", MONDAY)
    );
    let who = first.customer.clone().unwrap();
    assert_eq!(
        (who.first_name.as_str(), who.last_name.as_str()),
        ("Sam", "")
    );
    assert_eq!((who.email, who.phone), (None, None));
    let last = all_events(&store).pop().unwrap();
    assert_eq!(last.kind, EventKind::BookingCreated);

    let second = store.walk_in(&walk_in(&store, "Ola"), now).unwrap();
    assert_eq!(
        second.slot_ref(),
        slot(&store, "physio", "ben", "10:00", MONDAY)
    );
    // Both running slots are taken and the 09:00 ones have ended.
    let before = counts(&store);
    let none = rule_error(store.walk_in(&walk_in(&store, "Kit"), now));
    assert!(
        none.to_string()
            .contains("no slot of this service is left today"),
        "{none}"
    );
    assert_eq!(counts(&store), before, "a refusal changes nothing");
}

#[test]
fn a_chosen_slot_takes_a_walk_in_until_it_ends_and_not_after() {
    let (_dir, mut store) = open();
    let running = slot(&store, "physio", "ana", "10:00", MONDAY);
    let ended = slot(&store, "physio", "ana", "09:00", MONDAY);
    let mut req = walk_in(&store, "Sam");
    req.slot = Some(ended);
    let before = counts(&store);
    assert_eq!(
        rule_error(store.walk_in(&req, at(MID_MORNING))),
        BookingError::Past
    );
    req.slot = Some(running);
    // 10:00 local is 09:00 UTC: at 10:00 local exactly it has ended.
    assert_eq!(
        rule_error(store.walk_in(&req, at("2026-06-01T10:00:00Z"))),
        BookingError::Past
    );
    assert_eq!(counts(&store), before);
    let b = store.walk_in(&req, at("2026-06-01T09:59:00Z")).unwrap();
    assert_eq!(b.slot_ref(), running);
    // Another day's slot is booking ahead, not a walk-in.
    req.slot = Some(slot(
        &store,
        "physio",
        "ana",
        "10:00",
        crate::support::TUESDAY,
    ));
    let ahead = rule_error(store.walk_in(&req, at("2026-06-01T08:00:00Z")));
    assert!(
        ahead.to_string().contains("a walk-in is for today"),
        "{ahead}"
    );
    // A slot of another service is refused by name.
    req.slot = Some(slot(&store, "massage", "ana", "09:30", MONDAY));
    let other = rule_error(store.walk_in(&req, at("2026-06-01T08:00:00Z")));
    assert!(other.to_string().contains("not of the service"), "{other}");
}

#[test]
fn a_walk_ins_name_and_phone_are_checked_and_a_key_repeated_books_once() {
    let (_dir, mut store) = open();
    let now = at(MID_MORNING);
    let before = counts(&store);
    for (first, last, phone) in [
        ("", "", None),
        ("   ", "Doe", None),
        ("Sam\u{1b}[2J", "", None),
        ("Sam", "", Some("12345")),
    ] {
        let mut req = walk_in(&store, first);
        req.last_name = last.to_owned();
        req.phone = phone.map(str::to_owned);
        assert!(
            matches!(
                rule_error(store.walk_in(&req, now)),
                BookingError::Invalid(_)
            ),
            "{first:?} {phone:?}"
        );
    }
    assert_eq!(counts(&store), before);
    let mut req = walk_in(&store, "  Sam ");
    req.phone = Some("020 7946 0018".to_owned());
    req.idempotency_key = Some("walk-1".to_owned());
    let first = store.walk_in(&req, now).unwrap();
    let again = store.walk_in(&req, now).unwrap();
    assert_eq!(first.id, again.id, "the same key books once");
    let who = first.customer.unwrap();
    assert_eq!(who.first_name, "Sam");
    assert_eq!(who.phone.as_deref(), Some("+442079460018"));
    req.first_name = "Ola".to_owned();
    assert!(matches!(
        rule_error(store.walk_in(&req, now)),
        BookingError::KeyReused
    ));
}

#[test]
fn a_party_too_big_for_the_first_slot_walks_into_the_next_that_seats_it() {
    // Ben's 10:30 yoga seats one; the studio's 18:00 seats three.
    let text = crate::support::CATALOG.replace(
        "resource = \"ben\"\ndays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\nstarts = [\"10:30\"]",
        "resource = \"ben\"\ndays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\nstarts = [\"10:30\"]\ncapacity = 1",
    );
    assert_ne!(text, crate::support::CATALOG, "the fixture has Ben's yoga");
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("slotdesk.db")).unwrap();
    store
        .apply_catalog(
            &slotdesk::domain::catalog_file::Catalog::from_toml(&text).unwrap(),
            at(crate::support::SETUP_AT),
        )
        .unwrap();
    let req = WalkInRequest {
        service: store.find_service("yoga").unwrap().id,
        participants: 2,
        ..walk_in(&store, "Sam")
    };
    let b = store.walk_in(&req, at(MID_MORNING)).unwrap();
    assert_eq!(
        b.slot_ref(),
        slot(&store, "yoga", "studio", "18:00", MONDAY)
    );
    assert_eq!(b.participants, 2);
}
