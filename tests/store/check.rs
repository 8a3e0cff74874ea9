//! `check`: a sound database passes, and a slot overbooked behind the
//! engine's back (SQL from outside) is named with its seats — on either
//! engine.

use crate::support::engine::Raw;
use crate::support::{MONDAY, book_request, jane, now, open, slot};
use slotdesk::domain::check::CheckDepth;

#[test]
fn the_check_passes_a_sound_database_and_names_a_slot_overbooked_from_outside() {
    let (_dir, mut store) = open();
    let class = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let booked = store.book(&book_request(class, jane()), now()).unwrap();
    let report = store.check(CheckDepth::Quick, now()).unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!(report.bookings, 1);
    // Three more seats of the three-seat class, straight into the database.
    Raw::open(store.path())
        .run(&format!(
            "INSERT INTO bookings (service_id, time_slot_id, resource_id, date, starts_at, ends_at,
                 participants, status, payment_currency, created_at, updated_at)
             SELECT service_id, time_slot_id, resource_id, date, starts_at, ends_at, 3,
                 'confirmed', payment_currency, created_at, updated_at
             FROM bookings WHERE id = {}",
            booked.id.0
        ))
        .unwrap();
    let report = store.check(CheckDepth::Quick, now()).unwrap();
    assert!(!report.is_ok());
    assert_eq!(report.over_capacity_count, 1, "{report:?}");
    assert_eq!(
        (
            report.over_capacity[0].taken,
            report.over_capacity[0].capacity
        ),
        (4, 3)
    );
}
