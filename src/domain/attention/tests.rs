//! The stranding rule, case by case: each catalog change that orphans a
//! live booking, and the ones that do not.

use super::*;
use chrono::Weekday;

fn d(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn hm(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").unwrap()
}

/// Monday 2026-06-01 09:00–10:00 London (08:00Z), capacity 6.
fn view() -> CatalogView {
    let slot = TimeSlot {
        id: TimeSlotId(1),
        service_id: ServiceId(1),
        resource_id: ResourceId(1),
        weekday: Weekday::Mon,
        starts_local: hm("09:00"),
        ends_local: hm("10:00"),
        capacity: 6,
        valid_from: d("2026-01-01"),
        valid_until: d("2099-12-31"),
        active: true,
    };
    CatalogView {
        time_zone: chrono_tz::Europe::London,
        time_slots: HashMap::from([(slot.id, slot)]),
        services: HashMap::from([(ServiceId(1), ("Yoga".to_owned(), true))]),
        resources: HashMap::from([(ResourceId(1), ("Studio".to_owned(), true))]),
        closures: Vec::new(),
    }
}

fn seat(id: i64, participants: u32) -> LiveSeat {
    LiveSeat {
        booking_id: BookingId(id),
        slot: SlotRef {
            time_slot_id: TimeSlotId(1),
            date: d("2026-06-01"),
        },
        service_id: ServiceId(1),
        resource_id: ResourceId(1),
        from: "2026-06-01T08:00:00Z".parse().unwrap(),
        to: "2026-06-01T09:00:00Z".parse().unwrap(),
        participants,
    }
}

fn why(before: &CatalogView, after: &CatalogView, seats: &[LiveSeat]) -> Vec<String> {
    stranded(before, after, seats)
        .into_iter()
        .map(|(id, r)| format!("{id}: {}", words(&r)))
        .collect()
}

#[test]
fn the_same_catalog_strands_nothing() {
    assert!(why(&view(), &view(), &[seat(1, 2), seat(2, 4)]).is_empty());
}

/// One change made to a catalog view.
type Change = Box<dyn Fn(&mut CatalogView)>;

#[test]
fn each_change_that_orphans_a_booking_says_why() {
    let before = view();
    let seats = [seat(1, 2), seat(2, 4)];
    let cases: Vec<(Change, &str)> = vec![
        (
            Box::new(|v| v.services.get_mut(&ServiceId(1)).unwrap().1 = false),
            "its service Yoga was removed",
        ),
        (
            Box::new(|v| v.resources.get_mut(&ResourceId(1)).unwrap().1 = false),
            "its resource Studio was removed",
        ),
        (
            Box::new(|v| v.time_slots.get_mut(&TimeSlotId(1)).unwrap().active = false),
            "its time slot was removed",
        ),
        (
            Box::new(|v| v.time_slots.clear()),
            "its time slot was removed",
        ),
        (
            Box::new(|v| {
                v.time_slots.get_mut(&TimeSlotId(1)).unwrap().valid_until = d("2026-05-31");
            }),
            "its time slot no longer runs on that date",
        ),
        (
            Box::new(|v| v.time_slots.get_mut(&TimeSlotId(1)).unwrap().capacity = 2),
            "the slot's capacity is lowered to 2 but 6 seats are sold",
        ),
        (
            Box::new(|v| {
                v.closures.push(Closure {
                    resource_id: None,
                    from: d("2026-06-01"),
                    until: d("2026-06-01"),
                    reason: "Flood".into(),
                    hours: None,
                });
            }),
            "that day is now closed: Flood",
        ),
        (
            Box::new(|v| v.time_zone = chrono_tz::America::New_York),
            "the time zone changes from Europe/London to America/New_York: same local time, another instant",
        ),
        (
            Box::new(|v| {
                v.time_slots.get_mut(&TimeSlotId(1)).unwrap().ends_local = hm("10:30");
            }),
            "its slot now runs 09:00–10:30",
        ),
    ];
    for (change, words) in cases {
        let mut after = view();
        change(&mut after);
        assert_eq!(
            why(&before, &after, &seats),
            [format!("1: {words}"), format!("2: {words}")],
        );
    }
}

#[test]
fn a_capacity_still_above_the_seats_sold_strands_nothing() {
    let mut after = view();
    after.time_slots.get_mut(&TimeSlotId(1)).unwrap().capacity = 6;
    assert!(why(&view(), &after, &[seat(1, 2), seat(2, 4)]).is_empty());
    after.time_slots.get_mut(&TimeSlotId(1)).unwrap().capacity = 5;
    assert_eq!(why(&view(), &after, &[seat(1, 2), seat(2, 4)]).len(), 2);
}

#[test]
fn a_closure_on_another_resource_or_day_strands_nothing() {
    let mut after = view();
    after.closures.push(Closure {
        resource_id: Some(ResourceId(2)),
        from: d("2026-06-01"),
        until: d("2026-06-01"),
        reason: "Away".into(),
        hours: None,
    });
    after.closures.push(Closure {
        resource_id: None,
        from: d("2026-06-02"),
        until: d("2026-06-09"),
        reason: "Holiday".into(),
        hours: None,
    });
    assert!(why(&view(), &after, &[seat(1, 1)]).is_empty());
}

#[test]
fn a_problem_the_booking_already_had_is_not_flagged_again() {
    let mut before = view();
    before.time_slots.get_mut(&TimeSlotId(1)).unwrap().capacity = 2;
    let after = before.clone();
    assert!(why(&before, &after, &[seat(1, 2), seat(2, 4)]).is_empty());
}
