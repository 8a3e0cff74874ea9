//! The demo's shape over time: statuses past and future, an event for every
//! change, the same data for the same day, and no more on a second run.

use super::{all_bookings, day, demo, demo_on, now};
use crate::demo::add_demo_bookings;
use crate::demo::planner::minutes;
use crate::domain::{Booking, BookingStatus, EventFilter};
use chrono::{DateTime, Utc};

#[test]
fn demo_has_past_and_future_bookings_in_many_statuses() {
    let (_dir, store, summary) = demo();
    let bookings = all_bookings(&store);
    assert_eq!(bookings.len(), summary.bookings);
    assert!(summary.bookings > 100, "{summary}");
    assert!(summary.customers >= 35, "{summary}");
    assert!(bookings.iter().any(|b| b.to <= now()));
    assert!(bookings.iter().any(|b| b.from > now()));
    for status in [
        BookingStatus::Completed,
        BookingStatus::Confirmed,
        BookingStatus::Cancelled,
        BookingStatus::NoShow,
        BookingStatus::Pending,
        BookingStatus::Held,
        BookingStatus::Expired,
    ] {
        assert!(
            bookings.iter().any(|b| b.status == status),
            "no {status}: {summary}"
        );
    }
    let live: Vec<&Booking> = bookings
        .iter()
        .filter(|b| b.status == BookingStatus::Held)
        .collect();
    for hold in live {
        let expires = hold.hold_expires_at.unwrap();
        assert!(expires > now() && expires <= now() + minutes(15));
    }
    assert!(bookings.iter().all(|b| b.created_at <= now()));
    assert!(bookings.iter().all(|b| b.updated_at <= now()));
    assert!(summary.payments > 30, "{summary}");
    assert!(
        bookings
            .iter()
            .filter(|b| b.status == BookingStatus::Completed)
            .any(|b| b.payment.amount.is_some())
    );
    eprintln!("{summary}");
}

#[test]
fn every_event_is_in_the_past_and_every_change_has_one() {
    let (_dir, store, summary) = demo();
    let events = store
        .events(None, &EventFilter::default(), 100_000)
        .unwrap();
    assert!(events.iter().all(|e| e.at <= now()));
    assert!(events.windows(2).all(|w| w[0].at <= w[1].at));
    let booking_events = events.iter().filter(|e| e.booking_id.is_some()).count();
    // Every successful write plus one `booking.expired` per lapsed hold.
    assert!(booking_events >= summary.operations);
    for kind in [
        "booking.created",
        "booking.confirmed",
        "booking.checked_in",
        "booking.completed",
        "booking.no_show",
        "booking.cancelled",
        "booking.paid",
        "booking.refunded",
        "booking.moved",
        "booking.expired",
        "customer.created",
    ] {
        assert!(
            events.iter().any(|e| e.kind.as_str() == kind),
            "no {kind} event"
        );
    }
}

#[test]
fn the_same_day_gives_the_same_data() {
    let (_a, first, one) = demo();
    let (_b, second, two) = demo();
    assert_eq!(one, two);
    assert_eq!(all_bookings(&first), all_bookings(&second));
    assert_eq!(
        first
            .events(None, &EventFilter::default(), 100_000)
            .unwrap(),
        second
            .events(None, &EventFilter::default(), 100_000)
            .unwrap()
    );
}

#[test]
fn other_days_work_too_around_holidays_and_clock_changes() {
    for (today, now) in [
        ("2026-12-27", "2026-12-27T15:30:00Z"),
        ("2027-03-28", "2027-03-28T08:15:00Z"),
        ("2026-10-25", "2026-10-25T00:30:00Z"),
        ("2027-06-09", "2027-06-09T19:45:30Z"),
    ] {
        let now: DateTime<Utc> = now.parse().unwrap();
        let (_dir, store, summary) = demo_on(today.parse().unwrap(), now);
        assert!(summary.bookings > 60, "{today}: {summary}");
        assert_eq!(summary.skipped, 0, "{today}: {summary}");
        let events = store
            .events(None, &EventFilter::default(), 100_000)
            .unwrap();
        assert!(events.iter().all(|e| e.at <= now), "{today}");
    }
}

#[test]
fn running_it_again_adds_nothing() {
    let (_dir, mut store, first) = demo();
    let again = add_demo_bookings(&mut store, day(), now()).unwrap();
    assert_eq!(all_bookings(&store).len(), first.bookings);
    assert_eq!(again.by_status, first.by_status);
}
