//! Bookings a forced catalog change stranded: the status bar counts them,
//! `A` lists them with why, `Enter` opens one, and moving or cancelling it
//! takes it off the list.
#![allow(clippy::unwrap_used)]

use crate::support::{Desk, now};
use crossterm::event::KeyCode;
use slotdesk::app::{Msg, Overlay};
use slotdesk::demo::DEMO_CATALOG;
use slotdesk::domain::catalog_file::Catalog;
use slotdesk::domain::{BookingStatus, Role};
use slotdesk::store::Store;

/// The demo desk after a manager forced the demo catalog with every
/// capacity at most 1 from another terminal (classes then strand their
/// booked seats); returns the desk and how many bookings were marked.
fn stranded_desk() -> (Desk, usize) {
    let mut desk = Desk::demo();
    let text = DEMO_CATALOG
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("capacity") {
                "capacity = 1"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let catalog = Catalog::from_toml(&text).unwrap();
    let mut other = Store::open(&desk.dir.path().join("demo.db")).unwrap();
    let applied = other.force_catalog(&catalog, Role::Manager, now()).unwrap();
    assert!(
        !applied.needs_attention.is_empty(),
        "the fixture strands nothing"
    );
    desk.driver.send(Msg::DatabaseChanged);
    (desk, applied.needs_attention.len())
}

#[test]
fn the_status_bar_counts_the_bookings_that_need_attention() {
    let (desk, marked) = stranded_desk();
    let screen = desk.screen(120, 40);
    assert!(
        screen.contains(&format!("{marked} need attention (A)")),
        "{screen}"
    );
    let calm = Desk::demo().screen(120, 40);
    assert!(!calm.contains("need attention"), "{calm}");
}

#[test]
fn a_lists_them_with_why_and_enter_opens_one() {
    let (mut desk, marked) = stranded_desk();
    desk.press(KeyCode::Char('A'));
    let screen = desk.screen(120, 40);
    assert!(screen.contains("Needs attention"), "{screen}");
    assert!(screen.contains("capacity is lowered to 1"), "{screen}");
    insta::assert_snapshot!("attention_list_80x24", desk.draw(80, 24).backend());
    assert_eq!(desk.driver.state.attention.len(), marked);
    let first = desk.driver.state.attention[0].booking.id;
    desk.press(KeyCode::Enter);
    match &desk.driver.state.overlay {
        Some(Overlay::Detail(d)) => assert_eq!(d.id, first),
        other => panic!("expected the booking's detail, got {other:?}"),
    }
    assert!(desk.screen(120, 40).contains(&format!("#{first}")));
}

#[test]
fn cancelling_a_listed_booking_takes_it_off_the_list() {
    let (mut desk, marked) = stranded_desk();
    desk.press(KeyCode::Char('A'));
    let first = desk.driver.state.attention[0].booking.clone();
    assert!(first.status.holds_capacity());
    desk.press(KeyCode::Enter);
    desk.press(KeyCode::Char('x'));
    if first.status != BookingStatus::Held {
        desk.type_text("class made smaller");
    }
    desk.press(KeyCode::Enter);
    let status = desk.driver.state.status.clone().unwrap();
    assert!(
        status.text.contains("cancelled") || status.text.contains("released"),
        "{}",
        status.text
    );
    assert_eq!(desk.driver.state.attention.len(), marked - 1);
    assert!(
        desk.driver
            .state
            .attention
            .iter()
            .all(|a| a.booking.id != first.id)
    );
}

#[test]
fn with_nothing_to_attend_to_a_says_so() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('A'));
    assert!(desk.driver.state.overlay.is_none());
    let status = desk.driver.state.status.clone().unwrap();
    assert!(
        status.text.contains("no booking needs attention"),
        "{}",
        status.text
    );
}
