//! Staff through the store: the first is a manager, managers alone manage
//! staff, PINs are hashed and checked, and every change has its event.
#![allow(clippy::unwrap_used)]

use crate::support::{all_events, now, open, rule_error};
use slotdesk::domain::{BookingError, EventKind, Role};

#[test]
fn the_first_member_is_a_manager_who_alone_adds_the_rest() {
    let (_dir, mut store) = open();
    assert!(!store.has_staff().unwrap());
    let err =
        rule_error(store.add_staff("Dana Reception", Role::Clerk, "1111", Role::Clerk, now()));
    assert!(
        err.to_string()
            .contains("first staff member must be a manager"),
        "{err}"
    );
    let morgan = store
        .add_staff("Morgan Lead", Role::Manager, "2222", Role::Clerk, now())
        .unwrap();
    assert!(store.has_staff().unwrap());
    assert_eq!(
        rule_error(store.add_staff("Dana Reception", Role::Clerk, "1111", Role::Clerk, now())),
        BookingError::ManagerOnly("add staff")
    );
    store
        .add_staff("Dana Reception", Role::Clerk, "1111", morgan.role, now())
        .unwrap();
    let err =
        rule_error(store.add_staff("dana reception", Role::Clerk, "3333", Role::Manager, now()));
    assert!(err.to_string().contains("already on the staff"), "{err}");
    let names: Vec<String> = store.staff().unwrap().into_iter().map(|m| m.name).collect();
    assert_eq!(names, ["Dana Reception", "Morgan Lead"]);
    // The PIN is stored only as an argon2 hash.
    let stored = crate::support::engine::Raw::open(store.path())
        .text("SELECT pin_hash FROM staff WHERE name = 'Dana Reception'");
    assert!(
        stored.starts_with("$argon2") && !stored.contains("1111"),
        "{stored}"
    );
    let kinds: Vec<EventKind> = all_events(&store).into_iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == EventKind::StaffAdded)
            .count(),
        2
    );
}

#[test]
fn signing_in_needs_the_right_pin_and_an_active_member() {
    let (_dir, mut store) = open();
    let morgan = store
        .add_staff("Morgan Lead", Role::Manager, "2222", Role::Manager, now())
        .unwrap();
    store
        .add_staff("Dana Reception", Role::Clerk, "1111", Role::Manager, now())
        .unwrap();
    assert_eq!(
        store.sign_in("dana reception", "1111").unwrap().role,
        Role::Clerk
    );
    let events = all_events(&store).len();
    for (name, pin) in [
        ("Dana Reception", "2222"),
        ("Nobody", "1111"),
        ("Dana Reception", ""),
    ] {
        assert_eq!(
            rule_error(store.sign_in(name, pin)),
            BookingError::SignIn,
            "{name} {pin}"
        );
    }
    assert_eq!(
        all_events(&store).len(),
        events,
        "a refused sign-in records nothing"
    );
    // A new PIN replaces the old; a removed member cannot sign in.
    let dana = store.sign_in("Dana Reception", "1111").unwrap();
    store
        .set_pin("Dana Reception", "4444", &dana, now())
        .unwrap();
    assert!(store.sign_in("Dana Reception", "1111").is_err());
    assert!(store.sign_in("Dana Reception", "4444").is_ok());
    assert_eq!(
        rule_error(store.set_pin("Morgan Lead", "5555", &dana, now())),
        BookingError::ManagerOnly("set another member's PIN")
    );
    assert_eq!(
        rule_error(store.remove_staff("Morgan Lead", Role::Clerk, now())),
        BookingError::ManagerOnly("remove staff")
    );
    let err = rule_error(store.remove_staff("Morgan Lead", morgan.role, now()));
    assert!(err.to_string().contains("last manager"), "{err}");
    store
        .remove_staff("Dana Reception", Role::Manager, now())
        .unwrap();
    assert_eq!(
        rule_error(store.sign_in("Dana Reception", "4444")),
        BookingError::SignIn
    );
}
