//! The bookings list's newest-first order (by when each booking was made)
//! and the released and expired holds it can leave out, counting them.
#![allow(clippy::unwrap_used)]

use crate::support::{MONDAY, TUESDAY, book_request, hold_request, jane, john, now, open, slot};
use chrono::Duration;
use slotdesk::domain::{Booking, BookingQuery, BookingSort, BookingStatus};
use slotdesk::store::Store;

/// A confirmed booking, a cancelled one with a customer, a released hold,
/// a hold that lapsed and a live hold, made a minute apart in that order.
fn with_lapsed_holds() -> (tempfile::TempDir, Store, Vec<Booking>) {
    let (dir, mut store) = open();
    let at = |minutes| now() + Duration::minutes(minutes);
    let mut made = Vec::new();
    let s = slot(&store, "physio", "ana", "09:00", MONDAY);
    made.push(store.book(&book_request(s, jane()), at(0)).unwrap());
    let s = slot(&store, "physio", "ben", "09:00", TUESDAY);
    let booked = store.book(&book_request(s, john()), at(1)).unwrap();
    made.push(store.cancel(booked.id, "clash", at(1)).unwrap());
    let s = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let hold = store.hold(&hold_request(s, 1), at(2)).unwrap();
    made.push(store.cancel(hold.id, "hold released", at(2)).unwrap());
    let lapsing = store.hold(&hold_request(s, 1), at(3)).unwrap();
    store.sweep_expired_holds(at(60)).unwrap();
    made.push(store.booking(lapsing.id).unwrap());
    assert_eq!(made[3].status, BookingStatus::Expired);
    let s = slot(&store, "massage", "ana", "09:30", TUESDAY);
    made.push(store.hold(&hold_request(s, 1), at(61)).unwrap());
    (dir, store, made)
}

fn listed(store: &Store, query: &BookingQuery) -> Vec<i64> {
    store
        .bookings(query)
        .unwrap()
        .bookings
        .iter()
        .map(|b| b.id.0)
        .collect()
}

fn pick(made: &[Booking], which: &[usize]) -> Vec<i64> {
    which.iter().map(|&i| made[i].id.0).collect()
}

#[test]
fn newest_first_lists_by_when_each_booking_was_made() {
    let (_dir, store, made) = with_lapsed_holds();
    let newest = BookingQuery {
        sort: BookingSort::Created,
        descending: true,
        ..BookingQuery::default()
    };
    assert_eq!(listed(&store, &newest), pick(&made, &[4, 3, 2, 1, 0]));
    let oldest = BookingQuery {
        descending: false,
        ..newest
    };
    assert_eq!(listed(&store, &oldest), pick(&made, &[0, 1, 2, 3, 4]));
}

#[test]
fn released_and_expired_holds_are_left_out_when_asked_and_counted() {
    let (_dir, store, made) = with_lapsed_holds();
    let all = BookingQuery::default();
    let page = store.bookings(&all).unwrap();
    assert_eq!(page.pagination.total_count, 5);
    assert_eq!(page.hidden, None, "nothing is left out unless asked");
    let visible = BookingQuery {
        hide_lapsed: true,
        ..BookingQuery::default()
    };
    let page = store.bookings(&visible).unwrap();
    let mut ids: Vec<i64> = page.bookings.iter().map(|b| b.id.0).collect();
    ids.sort_unstable();
    assert_eq!(ids, pick(&made, &[0, 1, 4]), "a cancelled booking stays");
    assert_eq!(page.pagination.total_count, 3);
    assert_eq!(page.hidden, Some(2));
    // Within a date range, only that range's are counted.
    let monday = BookingQuery {
        from: Some(crate::support::date(MONDAY)),
        to: Some(crate::support::date(MONDAY)),
        ..visible.clone()
    };
    let page = store.bookings(&monday).unwrap();
    assert_eq!((page.pagination.total_count, page.hidden), (1, Some(2)));
    let tuesday = BookingQuery {
        from: Some(crate::support::date(TUESDAY)),
        to: Some(crate::support::date(TUESDAY)),
        ..visible.clone()
    };
    assert_eq!(store.bookings(&tuesday).unwrap().hidden, Some(0));
}

#[test]
fn a_status_filter_shows_its_status_even_while_holds_are_hidden() {
    let (_dir, store, made) = with_lapsed_holds();
    let expired = BookingQuery {
        status: Some(BookingStatus::Expired),
        hide_lapsed: true,
        ..BookingQuery::default()
    };
    let page = store.bookings(&expired).unwrap();
    assert_eq!(listed(&store, &expired), pick(&made, &[3]));
    assert_eq!(page.hidden, None);
}

#[test]
fn the_hidden_count_follows_a_write() {
    let (_dir, mut store, made) = with_lapsed_holds();
    let visible = BookingQuery {
        hide_lapsed: true,
        ..BookingQuery::default()
    };
    assert_eq!(store.bookings(&visible).unwrap().hidden, Some(2));
    store
        .cancel(made[4].id, "hold released", now() + Duration::minutes(62))
        .unwrap();
    let page = store.bookings(&visible).unwrap();
    assert_eq!((page.pagination.total_count, page.hidden), (2, Some(3)));
}
