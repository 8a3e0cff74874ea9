//! Closures made at the desk: a resource or the whole location closed for a
//! day, days or part of a day; the live bookings it strands listed (and
//! marked, never cancelled); reopening; a catalog re-apply keeps them.
#![allow(clippy::unwrap_used)]

use crate::support::{
    MONDAY, TUESDAY, at, book_request, catalog, date, event_count, jane, john, kinds_after, now,
    open, rule_error, slot,
};
use chrono::NaiveTime;
use slotdesk::domain::{
    BookingError, BookingStatus, ClosureOrigin, ClosureRequest, SlotQuery, SlotRef, Unavailable,
};
use slotdesk::store::Store;

fn hm(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").unwrap()
}

/// A desk closure of `resource` (a key; `None`: the whole location) on
/// `from`, optionally for `hours`.
fn closing(
    store: &Store,
    resource: Option<&str>,
    from: &str,
    hours: Option<(&str, &str)>,
    reason: &str,
) -> ClosureRequest {
    ClosureRequest {
        resource: resource.map(|r| store.find_resource(r).unwrap().id),
        from: date(from),
        until: None,
        hours: hours.map(|(a, b)| (hm(a), hm(b))),
        reason: reason.into(),
    }
}

/// Whether `slot` is closed at `now`, by reading the day's availability.
fn closed(store: &Store, slot: SlotRef, now: chrono::DateTime<chrono::Utc>) -> bool {
    store
        .slots(
            &SlotQuery {
                service: None,
                resource: None,
                from: slot.date,
                days: 1,
                include_unavailable: true,
            },
            now,
        )
        .unwrap()
        .into_iter()
        .find(|s| s.occurrence.slot_ref() == slot)
        .unwrap()
        .unavailable
        .is_some_and(|u| matches!(u, Unavailable::Closed { .. }))
}

#[test]
fn closing_a_resource_lists_the_live_bookings_it_strands_and_cancels_none() {
    let (_dir, mut store) = open();
    let ana = slot(&store, "physio", "ana", "09:00", MONDAY);
    let ana_later = slot(&store, "physio", "ana", "10:00", MONDAY);
    let ben = slot(&store, "physio", "ben", "09:00", MONDAY);
    let first = store.book(&book_request(ana, jane()), now()).unwrap();
    let second = store.book(&book_request(ana_later, john()), now()).unwrap();
    store.book(&book_request(ben, jane()), now()).unwrap();
    let cancelled = store
        .book(
            &book_request(slot(&store, "physio", "ana", "10:00", TUESDAY), jane()),
            now(),
        )
        .unwrap();
    store.cancel(cancelled.id, "Changed plans", now()).unwrap();

    let before = event_count(&store);
    let mut request = closing(&store, Some("ana"), MONDAY, None, "Off sick");
    request.until = Some(date(TUESDAY));
    let made = store.add_closure(&request, now()).unwrap();
    assert_eq!(made.closure.origin, ClosureOrigin::Desk);
    assert_eq!(made.closure.resource_name.as_deref(), Some("Ana"));
    assert_eq!(
        (made.closure.from, made.closure.until),
        (date(MONDAY), date(TUESDAY))
    );
    let ids: Vec<_> = made.stranded.iter().map(|b| b.id).collect();
    assert_eq!(ids, [first.id, second.id]);
    assert!(
        made.stranded
            .iter()
            .all(|b| b.status == BookingStatus::Confirmed)
    );
    assert_eq!(
        kinds_after(&store, before),
        [
            "closure.added",
            "booking.needs_attention",
            "booking.needs_attention"
        ]
    );
    let marked: Vec<_> = store.needs_attention().unwrap();
    assert_eq!(marked.len(), 2);
    assert_eq!(marked[0].why, "that day is now closed: Off sick");
    assert!(closed(&store, ana, now()));
    assert!(!closed(&store, ben, now()));
    // A new booking there is refused as closed.
    let err = rule_error(store.book(&book_request(ana, john()), now()));
    assert_eq!(err, BookingError::Closed("Off sick".into()));
    // Moving a stranded booking clears its mark.
    let free = slot(&store, "physio", "ben", "10:00", MONDAY);
    store.move_booking(first.id, free, now()).unwrap();
    assert_eq!(store.needs_attention().unwrap().len(), 1);
}

#[test]
fn a_part_day_closure_closes_only_the_slots_that_overlap_it() {
    let (_dir, mut store) = open();
    let physio_nine = slot(&store, "physio", "ana", "09:00", MONDAY);
    let massage = slot(&store, "massage", "ana", "09:30", MONDAY);
    let physio_ten = slot(&store, "physio", "ana", "10:00", MONDAY);
    let booked = store
        .book(&book_request(physio_ten, jane()), now())
        .unwrap();
    // 09:15–10:00: the 09:00 physio and the 09:30 massage; the 10:00 starts
    // as it ends.
    let request = closing(
        &store,
        Some("ana"),
        MONDAY,
        Some(("09:15", "10:00")),
        "Dentist",
    );
    let made = store.add_closure(&request, now()).unwrap();
    assert!(made.stranded.is_empty(), "{:?}", made.stranded);
    assert!(closed(&store, physio_nine, now()));
    assert!(closed(&store, massage, now()));
    assert!(!closed(&store, physio_ten, now()));
    // A second one from 10:30 strands the 10:00 booking.
    let later = closing(
        &store,
        Some("ana"),
        MONDAY,
        Some(("10:30", "12:00")),
        "Home sick",
    );
    let made = store.add_closure(&later, now()).unwrap();
    assert_eq!(
        made.stranded.iter().map(|b| b.id).collect::<Vec<_>>(),
        [booked.id]
    );
    assert_eq!(made.closure.starts_local, Some(hm("10:30")));
}

#[test]
fn part_day_closures_are_local_times_on_daylight_saving_days() {
    let (_dir, mut store) = open();
    let early = at("2026-03-01T10:00:00Z");
    for sunday in ["2026-03-29", "2026-10-25"] {
        let yoga = slot(&store, "yoga", "studio", "09:00", sunday);
        // 08:00–09:00 local ends as the 09:00 class starts: open (read as
        // UTC it would overlap in summer time, or not reach it in winter).
        let touching = closing(
            &store,
            Some("studio"),
            sunday,
            Some(("08:00", "09:00")),
            "Cleaning",
        );
        let made = store.add_closure(&touching, early).unwrap();
        assert!(!closed(&store, yoga, early), "{sunday}");
        store.remove_closure(made.closure.id, early).unwrap();
        let overlapping = closing(
            &store,
            Some("studio"),
            sunday,
            Some(("09:45", "11:00")),
            "Leak",
        );
        store.add_closure(&overlapping, early).unwrap();
        assert!(closed(&store, yoga, early), "{sunday}");
    }
}

#[test]
fn reopening_removes_a_desk_closure_and_its_marks_but_never_a_catalogs() {
    let (_dir, mut store) = open();
    let ana = slot(&store, "physio", "ana", "09:00", MONDAY);
    let booked = store.book(&book_request(ana, jane()), now()).unwrap();
    let made = store
        .add_closure(&closing(&store, None, MONDAY, None, "Power cut"), now())
        .unwrap();
    assert_eq!(made.stranded.len(), 1);
    assert_eq!(made.closure.resource_name, None);

    let before = event_count(&store);
    let gone = store.remove_closure(made.closure.id, now()).unwrap();
    assert_eq!(gone, made.closure);
    assert_eq!(kinds_after(&store, before), ["closure.removed"]);
    assert!(store.needs_attention().unwrap().is_empty());
    assert!(!closed(&store, ana, now()));
    assert_eq!(
        store.booking(booked.id).unwrap().status,
        BookingStatus::Confirmed
    );

    let err = rule_error(store.remove_closure(made.closure.id, now()));
    assert_eq!(err, BookingError::ClosureNotFound);
    let christmas = store
        .closures()
        .unwrap()
        .into_iter()
        .find(|c| c.reason == "Christmas Day")
        .unwrap();
    assert_eq!(christmas.origin, ClosureOrigin::Catalog);
    let err = rule_error(store.remove_closure(christmas.id, now()));
    assert!(err.to_string().contains("catalog file"), "{err}");
    // Ids are never reused.
    let next = store
        .add_closure(&closing(&store, None, TUESDAY, None, "Power cut"), now())
        .unwrap();
    assert!(next.closure.id > made.closure.id);
}

#[test]
fn a_closure_in_the_past_or_of_an_unknown_resource_is_refused() {
    let (_dir, mut store) = open();
    let before = event_count(&store);
    let err =
        rule_error(store.add_closure(&closing(&store, None, "2026-05-24", None, "Late"), now()));
    assert!(err.to_string().contains("before today"), "{err}");
    let mut request = closing(&store, None, MONDAY, None, "Away");
    request.resource = Some(slotdesk::domain::ResourceId(999));
    assert!(matches!(
        rule_error(store.add_closure(&request, now())),
        BookingError::ResourceNotFound(_)
    ));
    let err = rule_error(store.add_closure(&closing(&store, None, MONDAY, None, " "), now()));
    assert!(err.to_string().contains("reason is required"), "{err}");
    assert_eq!(event_count(&store), before);
}

#[test]
fn a_catalog_re_apply_keeps_the_desk_closures_and_replaces_its_own() {
    let (_dir, mut store) = open();
    let ana = slot(&store, "physio", "ana", "09:00", MONDAY);
    store.book(&book_request(ana, jane()), now()).unwrap();
    let made = store
        .add_closure(
            &closing(&store, Some("ana"), MONDAY, None, "Off sick"),
            now(),
        )
        .unwrap();
    assert_eq!(made.stranded.len(), 1);

    // The same file again: nothing changes, and the booking the desk
    // closure strands does not make the apply refuse.
    let changes = store.apply_catalog(&catalog(), now()).unwrap();
    assert!(changes.is_empty(), "{changes:?}");
    // A file without its Christmas closure: that one goes, the desk's stays.
    let text = crate::support::CATALOG.replace(
        "[[closures]]\nfrom = \"2026-12-25\"\nreason = \"Christmas Day\"\n",
        "",
    );
    let edited = slotdesk::domain::catalog_file::Catalog::from_toml(&text).unwrap();
    let changes = store.apply_catalog(&edited, now()).unwrap();
    assert_eq!(changes.retired, 1);
    let left: Vec<_> = store
        .closures()
        .unwrap()
        .into_iter()
        .map(|c| (c.reason, c.origin))
        .collect();
    assert_eq!(
        left,
        [
            ("Off sick".to_owned(), ClosureOrigin::Desk),
            ("Training day".to_owned(), ClosureOrigin::Catalog),
        ]
    );
    assert!(closed(&store, ana, now()));
    assert_eq!(store.closures().unwrap()[0].id, made.closure.id);
}

#[test]
fn a_booking_two_closures_strand_keeps_each_reason_until_each_is_reopened() {
    let (_dir, mut store) = open();
    let ana = slot(&store, "physio", "ana", "09:00", MONDAY);
    let booked = store.book(&book_request(ana, jane()), now()).unwrap();
    let sick = store
        .add_closure(
            &closing(&store, Some("ana"), MONDAY, None, "Off sick"),
            now(),
        )
        .unwrap();
    let power = store
        .add_closure(
            &closing(&store, None, MONDAY, Some(("08:00", "12:00")), "Power cut"),
            now(),
        )
        .unwrap();
    assert_eq!(power.stranded[0].id, booked.id);
    let why = |store: &Store| {
        store
            .needs_attention()
            .unwrap()
            .first()
            .map(|a| a.why.clone())
    };
    assert_eq!(
        why(&store).as_deref(),
        Some("that day is now closed: Off sick; that day is now closed: Power cut")
    );
    store.remove_closure(sick.closure.id, now()).unwrap();
    assert_eq!(
        why(&store).as_deref(),
        Some("that day is now closed: Power cut")
    );
    assert!(closed(&store, ana, now()));
    store.remove_closure(power.closure.id, now()).unwrap();
    assert_eq!(why(&store), None);
    assert!(!closed(&store, ana, now()));
}
