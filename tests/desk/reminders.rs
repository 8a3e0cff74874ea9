//! Reminders on the desk: `Z` on the board and Today lists the bookings
//! due a reminder with phone or email and the message to send; `s` marks
//! the selected one sent, which takes it off the list.
#![allow(clippy::unwrap_used)]

use crate::support::{Desk, now};
use crossterm::event::KeyCode;
use slotdesk::app::{Msg, Overlay};
use slotdesk::domain::customer::CustomerInput;
use slotdesk::domain::requests::{BookRequest, InitialStatus};
use slotdesk::domain::{BookingId, SlotQuery};
use slotdesk::store::Store;

/// The demo desk with a booking in the next 24 hours made at another
/// desk, with a message to send; returns the desk and the booking.
fn desk_with_a_message() -> (Desk, BookingId) {
    let desk = Desk::demo();
    let mut other = Store::open(&desk.dir.path().join("demo.db")).unwrap();
    let slots = other
        .slots(
            &SlotQuery {
                service: None,
                resource: None,
                from: now().date_naive(),
                days: 2,
                include_unavailable: false,
            },
            now(),
        )
        .unwrap();
    // The first slot within a day that books without intake answers.
    let booked = slots
        .iter()
        .filter(|s| {
            s.available()
                && s.occurrence.from > now()
                && s.occurrence.from < now() + chrono::Duration::hours(24)
        })
        .find_map(|s| {
            other
                .book(
                    &BookRequest {
                        slot: Some(s.occurrence.slot_ref()),
                        customer: CustomerInput {
                            first_name: "Rosa".into(),
                            last_name: "Reminded".into(),
                            email: Some("rosa@example.com".into()),
                            phone: None,
                        }
                        .into(),
                        participants: 1,
                        notify: Some("Please bring your referral letter".into()),
                        status: InitialStatus::Confirmed,
                        ..BookRequest::default()
                    },
                    now(),
                )
                .ok()
        })
        .unwrap();
    let mut desk = desk;
    desk.driver.send(Msg::DatabaseChanged);
    (desk, booked.id)
}

#[test]
fn z_lists_the_reminders_due_with_the_message_and_s_marks_one_sent() {
    let (mut desk, id) = desk_with_a_message();
    desk.press(KeyCode::Char('Z'));
    assert!(
        matches!(desk.driver.state.overlay, Some(Overlay::Reminders(_))),
        "{:?}",
        desk.driver.state.overlay
    );
    let screen = desk.screen(120, 40);
    assert!(screen.contains("Reminders due"), "{screen}");
    assert!(
        screen.contains("Please bring your referral letter"),
        "{screen}"
    );
    assert!(screen.contains("rosa@example.com"), "{screen}");
    // Phones read as the desk writes them everywhere, not as stored.
    assert!(
        screen.contains("020 7946") && !screen.contains("+44"),
        "{screen}"
    );
    insta::assert_snapshot!("reminders_list_80x24", desk.draw(80, 24).backend());
    insta::assert_snapshot!("reminders_list_120x40", desk.draw(120, 40).backend());
    let before = desk.driver.state.reminders.len();
    let row = desk
        .driver
        .state
        .reminders
        .iter()
        .position(|r| r.booking_id == id)
        .unwrap();
    for _ in 0..row {
        desk.press(KeyCode::Down);
    }
    desk.press(KeyCode::Char('s'));
    assert!(
        !desk
            .driver
            .state
            .reminders
            .iter()
            .any(|r| r.booking_id == id),
        "marked sent, it leaves the list"
    );
    assert_eq!(desk.driver.state.reminders.len(), before - 1);
    desk.press(KeyCode::Esc);
    assert!(desk.driver.state.overlay.is_none());
}
