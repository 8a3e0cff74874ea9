//! The Today screen on the demo database: the run sheet at a busy moment,
//! a walk-in booked and checked in from it, and the sheet's snapshots at
//! 120×40 and 80×24.
#![allow(clippy::unwrap_used)]

use crate::support::Desk;
use crossterm::event::KeyCode;
use slotdesk::domain::BookingStatus;
use slotdesk::domain::run_sheet::Arrival;

const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];

#[test]
fn the_run_sheet_checks_in_books_a_walk_in_and_fits_both_sizes() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('5'));
    let state = &desk.driver.state;
    let sheet = state.today_sheet.sheet(state.now).unwrap();
    assert!(!sheet.rows.is_empty(), "the demo has bookings today");
    assert!(
        sheet
            .rows
            .windows(2)
            .all(|w| w[0].booking.from <= w[1].booking.from),
        "in time order"
    );
    let due = state
        .today_sheet
        .selected_booking(state.now)
        .unwrap()
        .clone();
    desk.press(KeyCode::Char('i'));
    let state = &desk.driver.state;
    let after = state
        .today_sheet
        .bookings
        .iter()
        .find(|b| b.id == due.id)
        .unwrap();
    assert_eq!(after.status, BookingStatus::CheckedIn, "{:?}", state.status);
    let arrived = state.today_sheet.sheet(state.now).unwrap().counts.arrived;

    desk.press(KeyCode::Char('W'));
    desk.press(KeyCode::Tab).type_text("Sam");
    desk.press(KeyCode::Enter);
    let state = &desk.driver.state;
    let sheet = state.today_sheet.sheet(state.now).unwrap();
    let walk_in = sheet.rows.iter().find(|r| r.booking.walk_in).unwrap();
    assert_eq!(walk_in.booking.customer.as_ref().unwrap().name, "Sam");
    assert!(matches!(
        walk_in.arrival,
        Arrival::Arrived | Arrival::InSession
    ));
    assert_eq!(sheet.counts.walk_ins, 1);
    assert_eq!(sheet.counts.arrived, arrived + 1);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("today_{w}x{h}"), desk.screen(w, h));
    }
}

#[test]
fn the_days_takings_show_on_today_and_a_manager_signs_them_off() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('5'));
    let before = desk.driver.state.takings.clone().unwrap();
    assert_eq!(before.date, desk.driver.state.today());
    // Take a payment on the selected booking (the amount due prefilled).
    let unpaid = {
        let state = &desk.driver.state;
        let sheet = state.today_sheet.sheet(state.now).unwrap();
        sheet
            .rows
            .iter()
            .position(|r| {
                r.booking.payment.status == slotdesk::domain::PaymentStatus::Unpaid
                    && r.booking.customer.is_some()
            })
            .unwrap()
    };
    while desk.driver.state.today_sheet.selected != unpaid {
        let up = desk.driver.state.today_sheet.selected > unpaid;
        desk.press(if up { KeyCode::Up } else { KeyCode::Down });
    }
    desk.press(KeyCode::Char('p')).press(KeyCode::Enter);
    let after = desk.driver.state.takings.clone().unwrap();
    let net = |t: &slotdesk::domain::Takings| t.totals.iter().map(|c| c.net).sum::<i64>();
    assert!(net(&after) > net(&before), "{:?}", desk.driver.state.status);
    assert!(desk.screen(120, 40).contains("takings: "));
    desk.press(KeyCode::Char('T')).press(KeyCode::Enter);
    let signed = desk.driver.state.takings.clone().unwrap();
    assert!(
        signed.signed_off_as_it_stands(),
        "{:?}",
        desk.driver.state.status
    );
    let screen = desk.screen(120, 40);
    assert!(screen.contains("signed off"), "{screen}");
    assert!(
        screen.contains("cash £") && screen.contains("net £"),
        "the methods still show beside the sign-off: {screen}"
    );
    desk.press(KeyCode::Char('T'));
    assert!(
        desk.driver
            .state
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("already signed off"),
        "{:?}",
        desk.driver.state.status
    );
}

#[test]
fn a_resource_closed_at_the_desk_is_named_on_the_run_sheet() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('C'));
    assert!(desk.driver.state.form().is_some(), "the closure form opens");
    for _ in 0..5 {
        desk.press(KeyCode::Tab);
    }
    desk.type_text("Off sick").press(KeyCode::Enter);
    // The walk through what it strands, if anything, is left for later.
    desk.press(KeyCode::Esc);
    desk.press(KeyCode::Char('5'));
    let screen = desk.screen(120, 40);
    let line = screen
        .lines()
        .find(|l| l.contains("closed: "))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(line.contains("all day “Off sick”"), "{line}");
}
