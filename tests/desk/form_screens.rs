//! Every form of the desk, opened on the demo database at a fixed clock and
//! drawn alone in a terminal of its own natural size, so a snapshot changes
//! only when the form does. (The forms over the desk are in `list_screens`.)
#![allow(clippy::unwrap_used)]

use crate::support::Desk;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use slotdesk::domain::BookingStatus;
use slotdesk::ui;

/// The open form drawn alone in a terminal its own natural size; panics
/// naming `name` when no form is open.
pub(crate) fn form_terminal(name: &str, desk: &Desk) -> Terminal<TestBackend> {
    let state = &desk.driver.state;
    let Some(form) = state.form() else {
        panic!("{name}: no form open; status {:?}", state.status)
    };
    let (w, h) = ui::form::natural_size(form);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| ui::form::render(f, f.area(), form, state))
        .unwrap();
    terminal
}

/// Snapshots the open form in a terminal its own natural size.
pub(crate) fn snap_form(name: &str, desk: &Desk) {
    let terminal = form_terminal(name, desk);
    insta::assert_snapshot!(format!("form_{name}"), terminal.backend());
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

#[test]
fn a_forms_keys_and_its_footer_follow_the_keymap_file() {
    use slotdesk::app::Action;
    use slotdesk::app::keymap::{Context, KeyOverrides, Keymap};
    let mut overrides = KeyOverrides::new();
    let form = overrides.entry(Context::Form).or_default();
    form.insert(Action::Submit, vec!["ctrl-s".into()]);
    form.insert(Action::Back, vec!["ctrl-g".into()]);
    let mut desk = Desk::demo();
    desk.driver.state.keymap = Keymap::with_overrides(&overrides).unwrap();
    desk.press(KeyCode::Char('g'));
    let screen = desk.screen(120, 40);
    assert!(
        screen.contains("Tab/Shift-Tab move · Ctrl-S submit · Ctrl-G cancel"),
        "{screen}"
    );
    desk.press(KeyCode::Enter);
    assert!(
        desk.driver.state.form().is_some(),
        "Enter no longer submits"
    );
    desk.press(KeyCode::Esc);
    assert!(desk.driver.state.form().is_some(), "Esc no longer cancels");
    assert!(desk.screen(120, 40).contains("Ctrl-G cancel"));
}

#[test]
fn new_booking_form_with_customers_on_file_listed() {
    let mut desk = Desk::demo();
    desk.select_free_slot().press(KeyCode::Char('n'));
    desk.type_text("Ol").press(KeyCode::Down);
    snap_form("new_booking_picker", &desk);
}

#[test]
fn a_long_refusal_shows_whole_in_a_tall_form_and_says_when_it_is_cut_in_a_short_one() {
    let mut desk = Desk::demo();
    desk.select_free_slot().press(KeyCode::Char('n'));
    let weeks: Vec<String> = (2..=6)
        .map(|w| format!("week {w}, Mon 0{w} Feb 2027 (31@2027-02-0{w}): time slot is full"))
        .collect();
    let message = format!(
        "the series was not booked: 5 of 6 weeks cannot be booked, so nothing was booked: {}",
        weeks.join("; ")
    );
    let Some(slotdesk::app::Overlay::Form(form)) = &mut desk.driver.state.overlay else {
        panic!("no form");
    };
    form.error = Some(message);
    let tall = desk.screen(120, 40);
    assert!(tall.contains("week 6, Mon 06 Feb 2027"), "{tall}");
    let short = desk.screen(80, 24);
    assert!(short.contains("…"), "a cut refusal says so: {short}");
}
