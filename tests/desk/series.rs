//! Series at the desk on the demo database: the new-booking form with its
//! Repeat set, a six-week series booked through the engine, the cancel form
//! of one of its weeks asking "this one" or "this and the following", and
//! the detail and slot panel naming the week.
#![allow(clippy::unwrap_used)]

use crate::form_screens::snap_form;
use crate::support::Desk;
use crossterm::event::KeyCode;
use slotdesk::app::overlays::form::FieldKind;
use slotdesk::app::state::Overlay;
use slotdesk::domain::BookingStatus;

/// Fills every required text field of the open form still empty (a
/// service's intake questions) with `value`.
fn answer_the_rest(desk: &mut Desk, value: &str) {
    let Some(Overlay::Form(form)) = &mut desk.driver.state.overlay else {
        panic!("no form");
    };
    for f in &mut form.fields {
        if f.required && f.value().is_empty() && matches!(f.kind, FieldKind::Text { .. }) {
            f.set_value(value);
        }
    }
}

/// A free slot's new-booking form for Ada Lovelace with Repeat weekly, 6
/// weeks, Repeat reached with the keys.
fn weekly_for_ada(desk: &mut Desk) {
    desk.select_free_slot().press(KeyCode::Char('n'));
    desk.type_text("Ada")
        .press(KeyCode::Tab)
        .type_text("Lovelace")
        .press(KeyCode::Tab)
        .type_text("ada@example.com");
    // From Email up past Last and First name, round to Status, If a week
    // is taken, Weeks and Repeat.
    for _ in 0..6 {
        desk.press(KeyCode::BackTab);
    }
    let form = desk.driver.state.form().unwrap();
    assert_eq!(
        form.fields[form.focus].label, "Repeat",
        "{:?}",
        form.fields[form.focus]
    );
    desk.press(KeyCode::Char(' '));
}

#[test]
fn new_booking_form_repeating_weekly() {
    let mut desk = Desk::demo();
    weekly_for_ada(&mut desk);
    assert_eq!(desk.driver.state.form().unwrap().value("Repeat"), "weekly");
    snap_form("new_booking_weekly", &desk);
}

#[test]
fn a_six_week_series_booked_at_the_desk_shows_its_week_and_cancels_with_the_following() {
    let mut desk = Desk::demo();
    weekly_for_ada(&mut desk);
    answer_the_rest(&mut desk, "knee");
    // All or none: week 6 is Boxing Day, so nothing is booked and the form
    // says why.
    desk.press(KeyCode::Enter);
    let form = desk.driver.state.form().expect("the form stays open");
    let error = form.error.clone().unwrap_or_default();
    assert!(
        error.contains("week 6, Mon 28 Dec 2026 (25@2026-12-28): time slot is closed: Boxing Day"),
        "{error}"
    );
    snap_form("new_booking_series_refused", &desk);
    // The free ones, then: five weeks, and week 6 named.
    desk.press(KeyCode::Tab)
        .press(KeyCode::Tab)
        .press(KeyCode::Char(' '))
        .press(KeyCode::Enter);
    let state = &desk.driver.state;
    let status = state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(state.form().is_none(), "booked: {status}");
    assert_eq!(
        status,
        "booked series 1: 5 of 6 weeks for Ada Lovelace · not booked: week 6 Mon 28 Dec \
         (time slot is closed: Boxing Day (substitute bank holiday))"
    );
    // The first week is selected on the board; its panel names the week.
    let screen = desk.screen(120, 40);
    assert!(screen.contains("↻ week 1/6"), "{screen}");

    // Its detail names the week.
    desk.press(KeyCode::Enter);
    let screen = desk.screen(120, 40);
    assert!(
        screen.contains("Series") && screen.contains("week 1 of 6 · weekly (series 1)"),
        "{screen}"
    );
    desk.press(KeyCode::Esc);
    assert!(desk.driver.state.overlay.is_none());

    // Week 1 cancelled with the following ones.
    let first = desk.driver.state.board.booking.unwrap();
    desk.press(KeyCode::Char('x'));
    let form = desk.driver.state.form().unwrap();
    assert_eq!(form.value("Cancel"), "this one");
    desk.type_text("moving away")
        .press(KeyCode::Tab)
        .press(KeyCode::Char(' '));
    snap_form("cancel_series", &desk);
    desk.press(KeyCode::Enter);
    let status = desk.driver.state.status.as_ref().unwrap().text.clone();
    assert_eq!(
        status,
        format!("cancelled #{first} and the 4 later weeks of series 1")
    );
    let cancelled = desk
        .board_bookings()
        .iter()
        .filter(|b| b.status == BookingStatus::Cancelled && b.series_id.is_some())
        .count();
    assert_eq!(cancelled, 1, "the board's day shows week 1 cancelled");
}

#[test]
fn shift_m_moves_a_week_and_the_later_weeks_of_the_series_to_the_new_time() {
    let mut desk = Desk::demo();
    // Six Mondays from 1 February 2027: no closure, no demo booking.
    desk.press(KeyCode::Char('g'))
        .type_text("2027-02-01")
        .press(KeyCode::Enter)
        .select_slot("a one-to-one appointment", |s, _| {
            s.occurrence.capacity == 1
        });
    weekly_for_ada(&mut desk);
    answer_the_rest(&mut desk, "knee");
    desk.press(KeyCode::Enter);
    let booked = desk
        .driver
        .state
        .status
        .as_ref()
        .map_or_else(|| desk.screen(120, 40), |s| s.text.clone());
    assert!(
        booked.starts_with("booked series 1: 6 of 6 weeks"),
        "{booked}"
    );
    let first = desk.driver.state.board.booking.unwrap();
    let booked_slot = desk.driver.state.board.selected_slot().unwrap().clone();
    let (service, from) = (booked_slot.service_name, booked_slot.occurrence.from);

    desk.press(KeyCode::Char('M'));
    assert!(desk.driver.state.board.moving_following);
    let banner = desk.screen(120, 40);
    assert!(
        banner.contains(&format!(
            "Moving booking #{first} (Ada Lovelace) and its later weeks"
        )),
        "{banner}"
    );
    // A free slot of the same service the next day.
    desk.press(KeyCode::Char(']'));
    desk.select_slot("a free slot of the same service the next day", |s, _| {
        s.service_name == service && s.occurrence.from > from && s.taken == 0
    });
    let to = desk
        .driver
        .state
        .board
        .selected_slot()
        .unwrap()
        .occurrence
        .clone();
    desk.press(KeyCode::Enter);
    let status = desk.driver.state.status.as_ref().unwrap().text.clone();
    assert!(
        status.starts_with(&format!(
            "moved #{first} and the 5 later weeks of series 1: #{first} now"
        )),
        "{status}"
    );
    assert!(!desk.driver.state.board.moving_following);

    let store = slotdesk::store::Store::open(&desk.dir.path().join("demo.db")).unwrap();
    let mut weeks = store
        .series_bookings(slotdesk::domain::SeriesId(1))
        .unwrap();
    weeks.sort_by_key(|b| b.date);
    assert_eq!(weeks.len(), 6);
    for (i, b) in weeks.iter().enumerate() {
        assert_eq!(
            b.time_slot_id,
            to.time_slot_id,
            "week {} on the new time",
            i + 1
        );
        assert_eq!(b.date, to.date + chrono::Duration::weeks(i as i64));
        assert_eq!(b.status, BookingStatus::Confirmed);
    }
}
