//! A connection keeps what it read of the catalog between writes (on a
//! server, a round trip saved per read), but never past a change: the next
//! write after another desk's catalog change, a change earlier in the same
//! transaction, or a change rolled back, each checks against the catalog as
//! it now is.
#![allow(clippy::unwrap_used)]

use crate::support::{CATALOG, MONDAY, TUESDAY, at, hold_request, now, open, rule_error, slot};
use slotdesk::domain::catalog_file::Catalog;
use slotdesk::domain::{BookingError, ClosureRequest, SlotRef};
use slotdesk::store::{Store, StoreError};

/// [`CATALOG`] with the massage's hold set to `minutes` and the yoga's
/// capacity to `yoga`.
fn catalog_with(minutes: u32, yoga: u32) -> Catalog {
    let massage = "name = \"Massage\"\nduration_minutes = 60\n";
    let three = "capacity = 3\n";
    assert!(CATALOG.contains(massage) && CATALOG.contains(three));
    let text = CATALOG
        .replace(massage, &format!("{massage}hold_minutes = {minutes}\n"))
        .replace(three, &format!("capacity = {yoga}\n"));
    Catalog::from_toml(&text).unwrap()
}

/// The minutes a new hold on `s` lasts.
fn hold_minutes(store: &mut Store, s: SlotRef) -> i64 {
    let held = store.hold(&hold_request(s, 1), now()).unwrap();
    (held.hold_expires_at.unwrap() - now()).num_minutes()
}

#[test]
fn another_desks_catalog_change_is_seen_by_the_next_hold() {
    let (_dir, mut desk) = open();
    let mut other = Store::open(desk.path()).unwrap();
    let monday = slot(&desk, "massage", "ana", "09:30", MONDAY);
    let tuesday = slot(&desk, "massage", "ana", "09:30", TUESDAY);
    // The same weekly time slot, a week apart.
    let yoga = slot(&desk, "yoga", "studio", "18:00", MONDAY);
    let yoga_next = slot(&desk, "yoga", "studio", "18:00", "2026-06-08");
    let before = hold_minutes(&mut desk, monday);
    desk.hold(&hold_request(yoga, 1), now()).unwrap();

    other
        .apply_catalog(&catalog_with(40, 2), at("2026-05-25T12:00:00Z"))
        .unwrap();
    assert_ne!(before, 40);
    assert_eq!(hold_minutes(&mut desk, tuesday), 40, "the new hold length");
    let refused = rule_error(desk.hold(&hold_request(yoga_next, 3), now()));
    assert!(
        refused.to_string().contains("participants must be 1 to 2"),
        "the new capacity: {refused}"
    );
}

#[test]
fn a_change_in_the_same_transaction_is_seen_and_one_undone_is_forgotten() {
    let (_dir, mut desk) = open();
    let monday = slot(&desk, "massage", "ana", "09:30", MONDAY);
    let tuesday = slot(&desk, "massage", "ana", "09:30", TUESDAY);
    let before = hold_minutes(&mut desk, monday);

    // Changed, then held, in one batch: the hold sees the change.
    let changed = desk
        .batch(|s| {
            s.apply_catalog(&catalog_with(35, 3), now())?;
            s.hold(&hold_request(tuesday, 1), now())
        })
        .unwrap();
    assert_eq!((changed.hold_expires_at.unwrap() - now()).num_minutes(), 35);

    // Changed inside a savepoint that is rolled back, then held in the
    // same batch: the hold sees the catalog as it was.
    let wednesday = slot(&desk, "massage", "ana", "09:30", "2026-06-03");
    let kept = desk
        .batch(|s| {
            let undone: Result<(), StoreError> = s.batch(|inner| {
                inner.apply_catalog(&catalog_with(50, 3), now())?;
                // Read after the change, nothing written since.
                let massage = inner.find_service("massage")?;
                assert_eq!(massage.hold_minutes, 50);
                Err(BookingError::invalid("undo it").into())
            });
            assert!(undone.is_err());
            s.hold(&hold_request(wednesday, 1), now())
        })
        .unwrap();
    assert_eq!((kept.hold_expires_at.unwrap() - now()).num_minutes(), 35);

    // A whole batch rolled back: the next write sees 35 again, not 20.
    let thursday = slot(&desk, "massage", "ana", "09:30", "2026-06-04");
    let undone: Result<(), StoreError> = desk.batch(|s| {
        s.apply_catalog(&catalog_with(20, 3), now())?;
        s.hold(&hold_request(thursday, 1), now())?;
        Err(BookingError::invalid("undo it").into())
    });
    assert!(undone.is_err());
    assert_eq!(hold_minutes(&mut desk, thursday), 35);
    assert_ne!(before, 35);
}

#[test]
fn another_desks_closure_is_seen_by_the_next_hold_on_that_day() {
    let (_dir, mut desk) = open();
    let mut other = Store::open(desk.path()).unwrap();
    let nine = slot(&desk, "physio", "ana", "09:00", TUESDAY);
    let ten = slot(&desk, "physio", "ana", "10:00", TUESDAY);
    desk.hold(&hold_request(nine, 1), now()).unwrap();
    other
        .add_closure(
            &ClosureRequest {
                resource: Some(desk.find_resource("ana").unwrap().id),
                from: nine.date,
                until: None,
                hours: None,
                reason: "Off sick".into(),
            },
            now(),
        )
        .unwrap();
    assert!(matches!(
        rule_error(desk.hold(&hold_request(ten, 1), now())),
        BookingError::Closed(_)
    ));
}
