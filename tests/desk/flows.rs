//! The desk's state machine on a real demo database, without a terminal:
//! key → action → effects run against the store → new state.
#![allow(clippy::unwrap_used)]

use crate::support::{Desk, now};
use crossterm::event::KeyCode;
use slotdesk::app::screens::board::{SlotLook, look};
use slotdesk::app::{Overlay, Screen};
use slotdesk::domain::BookingStatus;

#[test]
fn the_desk_opens_on_todays_board_with_a_column_per_resource() {
    let desk = Desk::demo();
    let state = &desk.driver.state;
    assert_eq!(state.screen, Screen::Board);
    assert_eq!(state.board.date, now().date_naive());
    assert_eq!(state.board.grid.columns.len(), 3);
    assert!(state.board.selected_slot().is_some());
    assert!(state.catalog.is_some());
}

#[test]
fn reserving_a_free_slot_holds_it_and_the_countdown_runs() {
    let mut desk = Desk::demo();
    desk.select_free_slot();
    desk.press(KeyCode::Char('r'));
    assert!(matches!(desk.driver.state.overlay, Some(Overlay::Form(_))));
    desk.press(KeyCode::Enter);
    assert!(
        desk.driver.state.overlay.is_none(),
        "{:?}",
        desk.driver.state.status
    );
    let status = desk.driver.state.status.clone().unwrap();
    assert!(status.text.starts_with("held #"), "{}", status.text);
    let held = desk.driver.state.board.selected_booking().unwrap().clone();
    assert_eq!(held.status, BookingStatus::Held);
    let slot = desk.driver.state.board.selected_slot().unwrap().clone();
    let view = desk.driver.state.board.view.clone().unwrap();
    assert_eq!(
        look(&slot, &view.bookings, desk.driver.state.now),
        SlotLook::Held
    );
    assert_eq!(
        desk.driver.state.held_count, 3,
        "the demo's two live holds and ours"
    );
}

#[test]
fn a_new_booking_for_a_customer_on_file_picked_by_name_books_that_customer() {
    let mut desk = Desk::demo();
    desk.select_free_slot();
    desk.press(KeyCode::Char('n')).type_text("Oliver Ben");
    let state = &desk.driver.state;
    let picker = state.form().unwrap().picker.clone().unwrap();
    let oliver = picker
        .matches
        .iter()
        .find(|m| m.customer.name == "Oliver Bennett")
        .unwrap_or_else(|| panic!("Oliver not listed: {:?}", picker.matches));
    let oliver_id = oliver.customer.id;
    assert!(oliver.last_visit.is_some(), "a regular has been before");
    desk.press(KeyCode::Down).press(KeyCode::Enter);
    // Answer whatever else the service requires, then book.
    let required: Vec<usize> = {
        let form = desk.driver.state.form().unwrap();
        (0..form.fields.len())
            .filter(|&i| form.fields[i].required && form.fields[i].value().trim().is_empty())
            .collect()
    };
    for i in required {
        while desk.driver.state.form().unwrap().focus != i {
            desk.press(KeyCode::Tab);
        }
        desk.type_text("x");
    }
    desk.press(KeyCode::Enter);
    let status = desk.driver.state.status.clone().unwrap();
    assert!(
        status.text.contains("for Oliver Bennett"),
        "{}",
        status.text
    );
    let booked = desk.driver.state.board.selected_booking().unwrap();
    assert_eq!(booked.customer.as_ref().map(|c| c.id), Some(oliver_id));
}
