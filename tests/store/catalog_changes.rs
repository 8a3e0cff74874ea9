//! A catalog apply that would strand live bookings (a removed time slot,
//! service or resource, a capacity below the seats sold, another time zone,
//! a closure over a booked day) is refused with the bookings listed and
//! nothing changed; a manager may force it, which marks them as needing
//! attention until they are moved or cancelled.
#![allow(clippy::unwrap_used)]

use crate::support::{
    CATALOG, MONDAY, all_bookings, at, book_request, event_count, jane, john, kinds_after, now,
    open, rule_error, slot,
};
use slotdesk::domain::catalog_file::Catalog;
use slotdesk::domain::{BookingError, BookingStatus, Role};
use slotdesk::store::Store;

/// [`CATALOG`] with `from` replaced by `to` (which must occur).
fn edited(from: &str, to: &str) -> Catalog {
    assert!(CATALOG.contains(from), "the fixture text changed: {from}");
    Catalog::from_toml(&CATALOG.replace(from, to)).unwrap()
}

/// The Monday 09:30 massage slots removed (Tuesday to Friday kept).
fn without_monday_massage() -> Catalog {
    edited(
        "resource = \"ana\"\ndays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\nstarts = [\"09:30\"]",
        "resource = \"ana\"\ndays = [\"tue\", \"wed\", \"thu\", \"fri\"]\nstarts = [\"09:30\"]",
    )
}

/// Everything a refused apply must leave as it was.
fn snapshot(store: &Store) -> impl PartialEq + std::fmt::Debug + use<> {
    (
        store.location().unwrap(),
        store.services().unwrap(),
        store.resources().unwrap(),
        store.time_slots().unwrap(),
        all_bookings(store),
        event_count(store),
    )
}

/// The refusal's list: (booking id, why) per booking.
fn refusal(store: &mut Store, catalog: &Catalog) -> Vec<(i64, String)> {
    let before = snapshot(store);
    let err = rule_error(store.apply_catalog(catalog, now()));
    assert_eq!(snapshot(store), before, "a refused apply changes nothing");
    match err {
        BookingError::CatalogStrandsBookings(list) => {
            list.iter().map(|a| (a.id.0, a.why_words())).collect()
        }
        other => panic!("expected the bookings listed, got {other}"),
    }
}

#[test]
fn removing_a_booked_time_slot_is_refused_with_the_booking_listed() {
    let (_dir, mut store) = open();
    let s = slot(&store, "massage", "ana", "09:30", MONDAY);
    let b = store.book(&book_request(s, jane()), now()).unwrap();
    let err = rule_error(store.apply_catalog(&without_monday_massage(), now()));
    let words = err.to_string();
    assert!(words.contains(&format!("booking {}", b.id)), "{words}");
    assert!(
        words.contains("2026-06-01 at 09:30 (Massage, Jane Doe"),
        "{words}"
    );
    assert!(words.contains("its time slot was removed"), "{words}");
    assert!(words.contains("--force"), "{words}");
    assert_eq!(
        refusal(&mut store, &without_monday_massage()),
        [(b.id.0, "its time slot was removed".to_owned())]
    );
}

#[test]
fn removing_a_booked_service_is_refused() {
    let (_dir, mut store) = open();
    let s = slot(&store, "massage", "ana", "09:30", MONDAY);
    let b = store.book(&book_request(s, jane()), now()).unwrap();
    let text = CATALOG
        .replace(
            "[[services]]\nkey = \"massage\"\nname = \"Massage\"\nduration_minutes = 60\nprice = \"60.00\"\n",
            "",
        )
        .replace(
            "[[time_slots]]\nservice = \"massage\"\nresource = \"ana\"\ndays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\nstarts = [\"09:30\"]\n",
            "",
        );
    assert!(!text.contains("massage"), "the fixture text changed");
    let catalog = Catalog::from_toml(&text).unwrap();
    assert_eq!(
        refusal(&mut store, &catalog),
        [(b.id.0, "its service Massage was removed".to_owned())]
    );
}

#[test]
fn lowering_a_capacity_below_the_seats_sold_is_refused() {
    let (_dir, mut store) = open();
    let s = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let mut request = book_request(s, jane());
    request.participants = 2;
    let a = store.book(&request, now()).unwrap();
    let b = store.book(&book_request(s, john()), now()).unwrap();
    let why = "the slot's capacity is lowered to 2 but 3 seats are sold".to_owned();
    assert_eq!(
        refusal(&mut store, &edited("capacity = 3", "capacity = 2")),
        [(a.id.0, why.clone()), (b.id.0, why)]
    );
    // Down to the seats sold is fine.
    store
        .apply_catalog(&edited("capacity = 3", "capacity = 4"), now())
        .unwrap();
}

#[test]
fn changing_the_time_zone_is_refused_while_bookings_are_ahead() {
    let (_dir, mut store) = open();
    let s = slot(&store, "physio", "ana", "09:00", MONDAY);
    let b = store.book(&book_request(s, jane()), now()).unwrap();
    assert_eq!(
        refusal(
            &mut store,
            &edited("Europe/London", "America/New_York")
        ),
        [(
            b.id.0,
            "the time zone changes from Europe/London to America/New_York: same local time, another instant"
                .to_owned()
        )]
    );
}

#[test]
fn a_closure_over_a_booked_day_is_refused() {
    let (_dir, mut store) = open();
    let s = slot(&store, "physio", "ana", "09:00", MONDAY);
    let b = store.book(&book_request(s, jane()), now()).unwrap();
    let closed = Catalog::from_toml(&format!(
        "{CATALOG}\n[[closures]]\nresource = \"ana\"\nfrom = \"2026-05-30\"\nuntil = \"2026-06-02\"\nreason = \"Ana away\"\n"
    ))
    .unwrap();
    assert_eq!(
        refusal(&mut store, &closed),
        [(b.id.0, "that day is now closed: Ana away".to_owned())]
    );
}

#[test]
fn ended_cancelled_and_lapsed_bookings_do_not_hold_a_change_back() {
    let (_dir, mut store) = open();
    let s = slot(&store, "massage", "ana", "09:30", MONDAY);
    let cancelled = store.book(&book_request(s, jane()), now()).unwrap();
    store.cancel(cancelled.id, "changed plans", now()).unwrap();
    store
        .hold(&crate::support::hold_request(s, 1), now())
        .unwrap();
    // Booked once the hold has lapsed (15 minutes).
    let ended = store
        .book(&book_request(s, john()), at("2026-05-25T12:30:00Z"))
        .unwrap();
    // Monday 09:30–10:30 London is 08:30–09:30 UTC: over by 09:30Z, and the
    // hold lapsed long before.
    let after = at("2026-06-01T09:30:00Z");
    store
        .apply_catalog(&without_monday_massage(), after)
        .unwrap();
    assert_eq!(
        store.booking(ended.id).unwrap().status,
        BookingStatus::Confirmed
    );
    assert!(store.needs_attention().unwrap().is_empty());
}

#[test]
fn only_a_manager_may_force_a_change_that_strands_bookings() {
    let (_dir, mut store) = open();
    let s = slot(&store, "massage", "ana", "09:30", MONDAY);
    store.book(&book_request(s, jane()), now()).unwrap();
    let before = snapshot(&store);
    let err = rule_error(store.force_catalog(&without_monday_massage(), Role::Clerk, now()));
    assert!(matches!(err, BookingError::ManagerOnly(_)), "{err}");
    assert_eq!(snapshot(&store), before);
}

#[test]
fn a_forced_change_marks_the_bookings_until_each_is_moved_or_cancelled() {
    let (_dir, mut store) = open();
    let s = slot(&store, "massage", "ana", "09:30", MONDAY);
    let moved = store.book(&book_request(s, jane()), now()).unwrap();
    let yoga = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let mut three = book_request(yoga, john());
    three.participants = 3;
    let full = store.book(&three, now()).unwrap();
    let events = event_count(&store);

    let fewer = Catalog::from_toml(
        &CATALOG
            .replace(
                "resource = \"ana\"\ndays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\nstarts = [\"09:30\"]",
                "resource = \"ana\"\ndays = [\"tue\", \"wed\", \"thu\", \"fri\"]\nstarts = [\"09:30\"]",
            )
            .replace("capacity = 3", "capacity = 2"),
    )
    .unwrap();
    let applied = store.force_catalog(&fewer, Role::Manager, now()).unwrap();
    assert_eq!(applied.changes.retired, 1);
    let listed: Vec<i64> = applied.needs_attention.iter().map(|a| a.id.0).collect();
    assert_eq!(listed, [moved.id.0, full.id.0]);
    assert_eq!(
        kinds_after(&store, events),
        [
            "catalog.applied",
            "booking.needs_attention",
            "booking.needs_attention"
        ]
    );
    let marked = store.needs_attention().unwrap();
    assert_eq!(
        marked
            .iter()
            .map(|m| (m.booking.id.0, m.why.as_str()))
            .collect::<Vec<_>>(),
        [
            (moved.id.0, "its time slot was removed"),
            (
                full.id.0,
                "the slot's capacity is lowered to 2 but 3 seats are sold"
            ),
        ]
    );
    assert_eq!(marked[0].marked_at, now());
    // The same file again strands nothing new.
    assert!(store.apply_catalog(&fewer, now()).unwrap().is_empty());

    let tuesday = slot(&store, "massage", "ana", "09:30", "2026-06-02");
    store.move_booking(moved.id, tuesday, now()).unwrap();
    store.cancel(full.id, "class made smaller", now()).unwrap();
    assert!(store.needs_attention().unwrap().is_empty());
}

#[test]
fn a_forced_time_zone_change_keeps_the_wall_clock_time_and_moves_the_instant() {
    let (_dir, mut store) = open();
    let s = slot(&store, "physio", "ana", "09:00", MONDAY);
    let b = store.book(&book_request(s, jane()), now()).unwrap();
    assert_eq!(b.from, at("2026-06-01T08:00:00Z"), "09:00 BST");
    let applied = store
        .force_catalog(
            &edited("Europe/London", "America/New_York"),
            Role::Manager,
            now(),
        )
        .unwrap();
    assert_eq!(applied.needs_attention.len(), 1);
    let after = store.booking(b.id).unwrap();
    assert_eq!(after.from, at("2026-06-01T13:00:00Z"), "09:00 EDT");
    assert_eq!(after.to, at("2026-06-01T14:00:00Z"));
    let listed = store
        .slots(
            &slotdesk::domain::SlotQuery {
                service: None,
                resource: None,
                from: after.date,
                days: 1,
                include_unavailable: true,
            },
            now(),
        )
        .unwrap();
    let its = listed
        .iter()
        .find(|x| x.occurrence.time_slot_id == s.time_slot_id)
        .unwrap();
    assert_eq!(
        (its.occurrence.from, its.occurrence.to),
        (after.from, after.to)
    );
    assert_eq!(its.taken, 1, "the booking still counts on its slot");
}

#[test]
fn deleting_a_marked_booking_takes_its_mark_with_it() {
    let (_dir, mut store) = open();
    let s = slot(&store, "massage", "ana", "09:30", MONDAY);
    let b = store.book(&book_request(s, jane()), now()).unwrap();
    store
        .force_catalog(&without_monday_massage(), Role::Manager, now())
        .unwrap();
    assert_eq!(store.needs_attention().unwrap().len(), 1);
    store.delete(b.id, Role::Manager, now()).unwrap();
    assert!(store.needs_attention().unwrap().is_empty());
}
