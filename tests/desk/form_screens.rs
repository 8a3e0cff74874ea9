//! Every form of the desk, drawn over the whole desk at 120×40 and 80×24 on
//! the demo database at a fixed clock.
#![allow(clippy::unwrap_used)]

use crate::support::Desk;
use crossterm::event::KeyCode;
use slotdesk::app::Overlay;
use slotdesk::domain::BookingStatus;

/// Snapshots the desk at both sizes, checking a form is open.
fn snap_form(name: &str, desk: &Desk) {
    assert!(
        matches!(desk.driver.state.overlay, Some(Overlay::Form(_))),
        "{name}: no form open; status {:?}",
        desk.driver.state.status
    );
    for (w, h) in [(120, 40), (80, 24)] {
        insta::assert_snapshot!(format!("form_{name}_{w}x{h}"), desk.draw(w, h).backend());
    }
}

#[test]
fn reserve_form() {
    let mut desk = Desk::demo();
    desk.select_free_slot().press(KeyCode::Char('r'));
    snap_form("reserve", &desk);
}

#[test]
fn confirm_hold_form() {
    let mut desk = Desk::demo();
    desk.select_free_slot()
        .press(KeyCode::Char('r'))
        .press(KeyCode::Enter);
    desk.press(KeyCode::Char('c'));
    snap_form("confirm_hold", &desk);
}

#[test]
fn cancel_form() {
    let mut desk = Desk::demo();
    desk.select_booking_in(BookingStatus::Confirmed)
        .press(KeyCode::Char('x'));
    snap_form("cancel", &desk);
}

#[test]
fn edit_booking_form() {
    let mut desk = Desk::demo();
    desk.select_booking_in(BookingStatus::Confirmed)
        .press(KeyCode::Char('e'));
    snap_form("edit_booking", &desk);
}

#[test]
fn check_in_form() {
    let mut desk = Desk::demo();
    desk.select_booking_in(BookingStatus::Confirmed)
        .press(KeyCode::Char('i'));
    snap_form("check_in", &desk);
}

#[test]
fn edit_customer_form() {
    let mut desk = Desk::demo();
    desk.select_booking_in(BookingStatus::Confirmed)
        .press(KeyCode::Char('u'));
    snap_form("edit_customer", &desk);
}

#[test]
fn delete_form() {
    let mut desk = Desk::demo();
    desk.select_booking_in(BookingStatus::Confirmed)
        .press(KeyCode::Char('D'));
    snap_form("delete", &desk);
}

#[test]
fn go_to_date_form() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('g'));
    snap_form("go_to_date", &desk);
}

#[test]
fn bookings_filter_form() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('2')).press(KeyCode::Char('/'));
    snap_form("filter", &desk);
}
