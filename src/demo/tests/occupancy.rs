//! The demo keeps the capacity rules and fills about as much of the past week
//! as a busy studio would, less of the coming one.

use super::{all_bookings, day, demo, now};
use crate::demo::span_query;
use crate::domain::{Booking, BookingStatus, SlotRef, Unavailable};
use chrono::Duration;
use std::collections::HashMap;

#[test]
fn no_slot_is_over_capacity_and_no_resource_is_double_booked() {
    let (_dir, store, _) = demo();
    let slots = store.slots(&span_query(day()), now()).unwrap();
    assert!(slots.iter().all(|s| s.taken <= s.occurrence.capacity));
    // Over the whole history: bookings that held capacity when made.
    let held = |b: &&Booking| {
        !matches!(
            b.status,
            BookingStatus::Cancelled | BookingStatus::Declined | BookingStatus::Expired
        )
    };
    let bookings = all_bookings(&store);
    let live: Vec<&Booking> = bookings.iter().filter(held).collect();
    let mut per_slot: HashMap<SlotRef, u32> = HashMap::new();
    for b in &live {
        *per_slot.entry(b.slot_ref()).or_default() += b.participants;
    }
    for (slot, seats) in per_slot {
        let capacity = slots
            .iter()
            .find(|s| s.occurrence.slot_ref() == slot)
            .map_or(0, |s| s.occurrence.capacity);
        assert!(seats <= capacity, "{slot}: {seats} > {capacity}");
    }
    for a in &live {
        for b in &live {
            if a.slot_ref() != b.slot_ref() && a.resource_id == b.resource_id {
                assert!(a.to <= b.from || b.to <= a.from, "{} and {}", a.id, b.id);
            }
        }
    }
}

#[test]
fn appointments_fill_more_of_the_past_week_than_the_coming_one() {
    let (_dir, store, _) = demo();
    let slots = store
        .slots(&span_query(day()), now() - Duration::days(30))
        .unwrap();
    let bookings: Vec<Booking> = all_bookings(&store)
        .into_iter()
        .filter(|b| b.status != BookingStatus::Expired)
        .collect();
    let fill = |past: bool| {
        let open: Vec<_> = slots
            .iter()
            .filter(|s| s.occurrence.capacity == 1)
            .filter(|s| !matches!(s.unavailable, Some(Unavailable::Closed { .. })))
            .filter(|s| (s.occurrence.from < now()) == past)
            .collect();
        let covered = open
            .iter()
            .filter(|s| {
                bookings.iter().any(|b| {
                    b.resource_id == s.occurrence.resource_id && s.occurrence.overlaps(b.from, b.to)
                })
            })
            .count();
        f64::from(u32::try_from(covered).unwrap()) / f64::from(u32::try_from(open.len()).unwrap())
    };
    let (past, future) = (fill(true), fill(false));
    println!("1:1 slots covered: past {past:.2}, coming {future:.2}");
    assert!((0.6..=0.8).contains(&past), "past {past:.2}");
    assert!((0.35..=0.55).contains(&future), "coming {future:.2}");
}
