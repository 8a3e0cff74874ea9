use super::*;
use crate::domain::availability::Unavailable;
use crate::domain::ids::TimeSlotId;
use crate::domain::schedule::Occurrence;
use chrono::{Duration, TimeZone};

const LONDON: Tz = chrono_tz::Europe::London;

/// Monday 23 November 2026, 09:30 in London (GMT).
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap()
}

/// A slot of service `service` on resource `resource`, `days` after the
/// 23rd at local `hour`, `taken` of 1 seat (or of `capacity`).
fn slot(service: i64, resource: i64, days: i64, hour: u32, taken: u32, capacity: u32) -> Slot {
    let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap() + Duration::days(days);
    let from = LONDON
        .from_local_datetime(&date.and_hms_opt(hour, 0, 0).unwrap())
        .unwrap()
        .to_utc();
    Slot {
        occurrence: Occurrence {
            time_slot_id: TimeSlotId(resource * 100 + i64::from(hour)),
            date,
            service_id: ServiceId(service),
            resource_id: ResourceId(resource),
            from,
            to: from + Duration::hours(1),
            capacity,
        },
        service_name: format!("S{service}"),
        resource_name: format!("R{resource}"),
        taken,
        unavailable: (taken >= capacity).then_some(Unavailable::Full),
    }
}

fn search() -> FreeSlotSearch {
    FreeSlotSearch {
        service: ServiceId(1),
        resource: None,
        part_of_day: None,
        weekday: None,
        from: now().date_naive(),
        after: None,
        seats: 1,
        limit: 3,
        window: (365, 0),
    }
}

fn starts(found: &[Slot]) -> Vec<(i64, u32)> {
    found
        .iter()
        .map(|s| {
            let local = s.occurrence.from.with_timezone(&LONDON);
            (
                (s.occurrence.date - now().date_naive()).num_days(),
                local.hour(),
            )
        })
        .collect()
}

#[test]
fn the_first_free_slots_of_the_service_come_in_start_order_across_resources() {
    let slots = vec![
        slot(1, 1, 0, 9, 0, 1),  // started: not offered
        slot(1, 1, 0, 11, 1, 1), // full
        slot(1, 2, 0, 14, 0, 1),
        slot(2, 1, 0, 12, 0, 1), // another service
        slot(1, 1, 1, 10, 0, 1),
        slot(1, 2, 1, 10, 0, 1),
        slot(1, 1, 2, 18, 0, 1),
    ];
    let found = pick_free(&slots, &search(), LONDON, now());
    assert_eq!(starts(&found), [(0, 14), (1, 10), (1, 10)]);
    assert_eq!(
        found[1].occurrence.resource_id,
        ResourceId(1),
        "then by resource"
    );
    let evening = FreeSlotSearch {
        part_of_day: Some(PartOfDay::Evening),
        ..search()
    };
    assert_eq!(
        starts(&pick_free(&slots, &evening, LONDON, now())),
        [(2, 18)]
    );
    let tuesday_on_r2 = FreeSlotSearch {
        weekday: Some(Weekday::Tue),
        resource: Some(ResourceId(2)),
        ..search()
    };
    assert_eq!(
        starts(&pick_free(&slots, &tuesday_on_r2, LONDON, now())),
        [(1, 10)]
    );
    // A full slot's alternatives start after it.
    let after_full = FreeSlotSearch {
        after: Some(slots[1].occurrence.from),
        ..search()
    };
    assert_eq!(
        starts(&pick_free(&slots, &after_full, LONDON, now())).len(),
        3
    );
}

#[test]
fn seats_needed_leave_out_slots_with_fewer_free() {
    let slots = vec![slot(1, 3, 0, 18, 6, 8), slot(1, 3, 1, 18, 2, 8)];
    let three = FreeSlotSearch {
        seats: 3,
        ..search()
    };
    assert_eq!(starts(&pick_free(&slots, &three, LONDON, now())), [(1, 18)]);
    assert!(PartOfDay::Afternoon.holds(12) && !PartOfDay::Afternoon.holds(17));
}

#[test]
fn slots_outside_the_services_booking_window_are_left_out() {
    let slots = vec![
        slot(1, 1, 0, 10, 0, 1),
        slot(1, 1, 0, 14, 0, 1),
        slot(1, 1, 40, 10, 0, 1),
    ];
    // An hour's notice: 10:00 is 30 minutes away. Thirty days ahead at most.
    let windowed = FreeSlotSearch {
        window: (30, 60),
        ..search()
    };
    assert_eq!(
        starts(&pick_free(&slots, &windowed, LONDON, now())),
        [(0, 14)]
    );
}
