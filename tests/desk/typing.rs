//! Typing all day: a typo fixed in the middle of a field, a hold's
//! countdown in its confirm form and the one key that books the seat again
//! once it has lapsed, and the question quitting asks with holds live —
//! each through the real executor on the demo database, and drawn.
#![allow(clippy::unwrap_used)]

use crate::support::Desk;
use crossterm::event::{KeyCode, KeyModifiers};
use slotdesk::app::Overlay;
use slotdesk::domain::{Booking, BookingQuery, BookingStatus};

/// A desk with a fresh hold on the first free slot, its confirm form open.
fn confirming() -> Desk {
    let mut desk = Desk::demo();
    desk.select_free_slot()
        .press(KeyCode::Char('r'))
        .press(KeyCode::Enter)
        .press(KeyCode::Char('c'));
    assert!(
        desk.driver.state.form().is_some(),
        "{:?}",
        desk.driver.state.status
    );
    desk
}

/// The bookings whose customer matches `text`, or in `status`.
fn bookings(desk: &Desk, text: Option<&str>, status: Option<BookingStatus>) -> Vec<Booking> {
    let query = BookingQuery {
        customer_text: text.map(str::to_owned),
        status,
        page_size: 500,
        ..BookingQuery::default()
    };
    desk.driver
        .executor
        .store
        .bookings(&query)
        .unwrap()
        .bookings
}

#[test]
fn a_typo_in_the_middle_of_a_name_is_fixed_with_the_arrows_and_booked() {
    let mut desk = Desk::demo();
    desk.select_free_slot().press(KeyCode::Char('n'));
    desk.type_text("Ada")
        .press(KeyCode::Tab)
        .type_text("Lovlace");
    for _ in 0..4 {
        desk.press(KeyCode::Left);
    }
    desk.type_text("e");
    insta::assert_snapshot!("typo_fixed_mid_name_80x24", desk.draw(80, 24).backend());
    insta::assert_snapshot!("typo_fixed_mid_name_120x40", desk.draw(120, 40).backend());
    // ctrl-c in a form says how to leave it, and leaves the typing alone.
    desk.press_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    insta::assert_snapshot!("ctrl_c_in_a_form_80x24", desk.draw(80, 24).backend());
    insta::assert_snapshot!("ctrl_c_in_a_form_120x40", desk.draw(120, 40).backend());
    desk.press(KeyCode::Tab)
        .press(KeyCode::Tab)
        .type_text("020 7946 0018")
        .press(KeyCode::Tab)
        .press(KeyCode::Tab)
        .type_text("Sore knee");
    desk.press_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let status = desk.driver.state.status.clone().unwrap();
    assert!(
        status.text.contains("Ada Lovelace"),
        "booked under the fixed name: {status:?}"
    );
}

#[test]
fn the_confirm_form_counts_the_hold_down_and_turns_urgent_in_the_last_minute() {
    let mut desk = confirming();
    insta::assert_snapshot!("hold_countdown_120x40", desk.draw(120, 40).backend());
    insta::assert_snapshot!("hold_countdown_80x24", desk.draw(80, 24).backend());
    desk.tick(14 * 60 + 20);
    let screen = desk.screen(80, 24);
    assert!(
        screen.contains("! hold: 0:40 left, confirm now"),
        "{screen}"
    );
    insta::assert_snapshot!("hold_countdown_urgent_80x24", desk.draw(80, 24).backend());
    insta::assert_snapshot!("hold_countdown_urgent_120x40", desk.draw(120, 40).backend());
}

#[test]
fn a_hold_that_lapses_while_its_form_is_open_is_booked_with_one_key() {
    let mut desk = confirming();
    desk.type_text("Grace")
        .press(KeyCode::Tab)
        .type_text("Hopper")
        .press(KeyCode::Tab)
        .type_text("grace@example.com")
        .press(KeyCode::Tab)
        .press(KeyCode::Tab)
        .type_text("Shoulder");
    // The hold lapses (the desk's sweep marks it expired) with the form open.
    desk.tick(16 * 60);
    insta::assert_snapshot!("hold_lapsed_80x24", desk.draw(80, 24).backend());
    insta::assert_snapshot!("hold_lapsed_120x40", desk.draw(120, 40).backend());
    desk.press(KeyCode::Enter);
    let state = &desk.driver.state;
    assert!(state.form().is_none(), "{:?}", state.status);
    let text = &state.status.as_ref().unwrap().text;
    assert!(
        text.contains("again for Grace Hopper") && text.contains("lapsed"),
        "{text}"
    );
    let page = bookings(&desk, Some("Hopper"), None);
    let statuses: Vec<BookingStatus> = page.iter().map(|b| b.status).collect();
    assert_eq!(
        statuses,
        [BookingStatus::Confirmed],
        "one confirmed booking for Grace, with what was typed"
    );
    assert_eq!(page[0].answers[0].value, "Shoulder");
}

#[test]
fn quitting_with_a_live_hold_asks_and_r_releases_it() {
    let mut desk = Desk::demo();
    desk.select_free_slot()
        .press(KeyCode::Char('r'))
        .press(KeyCode::Enter)
        .press(KeyCode::Char('q'));
    assert!(matches!(desk.driver.state.overlay, Some(Overlay::Quit(_))));
    insta::assert_snapshot!("quit_with_holds_120x40", desk.draw(120, 40).backend());
    insta::assert_snapshot!("quit_with_holds_80x24", desk.draw(80, 24).backend());
    desk.press(KeyCode::Char('r'));
    assert!(desk.driver.state.quit, "{:?}", desk.driver.state.status);
    let released = bookings(&desk, None, Some(BookingStatus::Cancelled));
    assert!(
        released
            .iter()
            .any(|b| b.cancel_reason.as_deref() == Some("hold released")
                && b.created_at == desk.driver.state.now),
        "the desk's own hold is released: {released:?}"
    );
}
