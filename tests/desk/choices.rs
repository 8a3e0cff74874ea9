//! Participant choices at the desk: a service priced by tier (the demo's
//! Mat Pilates: adult, concession, child) asks one count per tier in the
//! new-booking form instead of one participants count; the booking's
//! detail lists the counts and the payment form prefills their total.
#![allow(clippy::unwrap_used)]

use crate::form_screens::form_terminal;
use crate::support::Desk;
use crossterm::event::{KeyCode, KeyModifiers};
use slotdesk::app::screens::board::Cursor;

/// The board cursor on the first Mat Pilates slot with three seats free,
/// today or on one of the next days.
fn select_mat_pilates(desk: &mut Desk) {
    for _ in 0..4 {
        for col in 0..8 {
            for row in 0..40 {
                desk.driver.state.board.cursor = Cursor { row, col };
                let state = &desk.driver.state;
                if let Some(slot) = state.board.selected_slot()
                    && slot.service_name == "Mat Pilates"
                    && slot.occurrence.from > state.now
                    && slot.free() >= 3
                {
                    return;
                }
            }
        }
        desk.driver.state.board.cursor = Cursor::default();
        desk.press(KeyCode::Char(']'));
    }
    panic!("no open Mat Pilates slot on the demo board");
}

/// Snapshots the open form as `form_screens` does, under this module's
/// name (`desk__choices__…`).
fn snap_form(name: &str, desk: &Desk) {
    let terminal = form_terminal(name, desk);
    insta::assert_snapshot!(name, terminal.backend());
}

/// Opens the new-booking form on a Mat Pilates slot (snapshotted when
/// `snap`) and types Grace Hopper's name and phone.
fn new_booking_for_grace(desk: &mut Desk, snap: bool) {
    select_mat_pilates(desk);
    desk.press(KeyCode::Char('n'));
    if snap {
        snap_form("form_new_booking_choices", desk);
    }
    desk.type_text("Grace")
        .press(KeyCode::Tab)
        .type_text("Hopper")
        .press(KeyCode::Tab)
        .press(KeyCode::Tab)
        .type_text("020 7946 0018");
}

/// Types `count` into the form's field labelled `label`.
fn set_count(desk: &mut Desk, label: &str, count: &str) {
    for _ in 0..30 {
        let form = desk.driver.state.form().unwrap();
        if form.fields[form.focus].label == label {
            desk.press_with(KeyCode::Char('u'), KeyModifiers::CONTROL)
                .type_text(count);
            return;
        }
        desk.press(KeyCode::Tab);
    }
    panic!("no field {label}");
}

#[test]
fn a_tiered_class_books_by_count_per_tier_and_the_payment_prefills_the_total() {
    let mut desk = Desk::demo();
    new_booking_for_grace(&mut desk, true);
    set_count(&mut desk, "Adult (14.00 each)", "1");
    set_count(&mut desk, "Child (12-15) (7.00 each)", "2");
    desk.press_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        desk.driver.state.form().is_none(),
        "{:?}",
        desk.driver.state.status
    );
    let booking = desk
        .board_bookings()
        .iter()
        .find(|b| b.customer.as_ref().is_some_and(|c| c.first_name == "Grace"))
        .cloned()
        .unwrap();
    assert_eq!(booking.participants, 3);
    assert_eq!(booking.amount_due(1400), 1400 + 2 * 700);
    assert_eq!(booking.choices.len(), 2);
}

#[test]
fn counts_that_add_up_to_nobody_are_refused_in_the_form() {
    let mut desk = Desk::demo();
    new_booking_for_grace(&mut desk, false);
    desk.press_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(desk.driver.state.form().is_some());
    let screen = desk.screen(120, 40);
    assert!(screen.contains("give a count to one of"), "{screen}");
}

#[test]
fn counts_that_add_up_to_more_than_the_free_seats_say_so_in_the_form() {
    let mut desk = Desk::demo();
    new_booking_for_grace(&mut desk, false);
    let free = desk.driver.state.board.selected_slot().unwrap().free();
    set_count(&mut desk, "Adult (14.00 each)", &free.to_string());
    set_count(&mut desk, "Child (12-15) (7.00 each)", "1");
    desk.press_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let form = desk.driver.state.form().expect("the form stays");
    let error = form.error.clone().unwrap_or_default();
    assert_eq!(
        error,
        format!(
            "these counts make {} people (Adult {free}, Child (12-15) 1): {free} seats are free",
            free + 1
        )
    );
}
