//! The bookings list's orders and the holds it hides: sorted either way
//! (the sorted column's heading says ▲ or ▼), newest first, and released
//! and expired holds hidden at first with how many, one key to show them.
#![allow(clippy::unwrap_used)]

use crate::support::Desk;
use crossterm::event::KeyCode;
use slotdesk::app::AppState;
use slotdesk::domain::{Booking, BookingStatus};

const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];

fn listed(state: &AppState) -> Vec<Booking> {
    state.bookings.page.clone().unwrap().bookings
}

/// A released hold: cancelled before anyone was named on it.
fn lapsed(b: &Booking) -> bool {
    b.status == BookingStatus::Expired
        || (b.status == BookingStatus::Cancelled && b.customer.is_none())
}

fn list() -> Desk {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('2'));
    desk
}

#[test]
fn released_and_expired_holds_are_hidden_at_first_and_the_list_says_how_many() {
    let mut desk = list();
    let page = desk.driver.state.bookings.page.clone().unwrap();
    let hidden = page.hidden.unwrap();
    assert!(hidden > 0, "the demo week has lapsed holds");
    assert!(!page.bookings.iter().any(lapsed));
    for (w, h) in SIZES {
        insta::assert_snapshot!(
            format!("bookings_holds_hidden_{w}x{h}"),
            desk.draw(w, h).backend()
        );
        let screen = desk.screen(w, h);
        assert!(
            screen.contains(&format!("{hidden} released/expired hidden (H shows)")),
            "{screen}"
        );
    }
    desk.press(KeyCode::Char('H'));
    let shown = desk.driver.state.bookings.page.clone().unwrap();
    assert_eq!(shown.hidden, None);
    assert_eq!(
        shown.pagination.total_count,
        page.pagination.total_count + hidden
    );
    let screen = desk.screen(120, 40);
    assert!(!screen.contains("released/expired hidden"), "{screen}");
    assert!(screen.contains("expired"), "{screen}");
}

#[test]
fn the_list_sorted_descending_says_so_in_its_heading() {
    let mut desk = list();
    desk.press(KeyCode::Char('S'));
    let rows = listed(&desk.driver.state);
    assert!(rows.windows(2).all(|w| w[0].from >= w[1].from));
    for (w, h) in SIZES {
        insta::assert_snapshot!(
            format!("bookings_descending_{w}x{h}"),
            desk.draw(w, h).backend()
        );
        let screen = desk.screen(w, h);
        assert!(screen.contains("When ▼"), "{screen}");
        assert!(screen.contains("sorted by start ▼"), "{screen}");
    }
    desk.press(KeyCode::Char('S'));
    let screen = desk.screen(80, 24);
    assert!(screen.contains("When ▲"), "{screen}");
    assert!(screen.contains("sorted by start ▲"), "{screen}");
}

#[test]
fn newest_first_lists_by_when_each_booking_was_made() {
    let mut desk = list();
    desk.press(KeyCode::Char('N'));
    let rows = listed(&desk.driver.state);
    assert!(rows.len() > 2);
    assert!(rows.windows(2).all(|w| w[0].created_at >= w[1].created_at));
    let screen = desk.screen(120, 40);
    assert!(screen.contains("sorted by when booked ▼"), "{screen}");
    insta::assert_snapshot!("bookings_newest_first_120x40", desk.draw(120, 40).backend());
}
