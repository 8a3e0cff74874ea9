//! The waitlist at the desk on the demo database: `Q` on a full class puts
//! someone in its queue (shown in the slot panel with phone and since when);
//! a seat another desk frees is offered in that desk's transaction, shown
//! as an offer on the board with the phone, told in the status bar; `c`
//! confirms it. Snapshots at 120×40 and 80×24.
#![allow(clippy::unwrap_used)]

use crate::support::{Desk, now};
use crossterm::event::KeyCode;
use slotdesk::app::Effect;
use slotdesk::app::screens::board::SlotLook;
use slotdesk::domain::{BookingStatus, SlotRef, WaitlistStatus};
use slotdesk::store::Store;

/// The demo desk on its first full slot, with Zed Quill put in its queue
/// through the `Q` form.
fn desk_with_queue() -> (Desk, SlotRef) {
    let mut desk = Desk::demo();
    desk.select_look(SlotLook::Full);
    let slot = desk
        .driver
        .state
        .board
        .selected_slot()
        .unwrap()
        .occurrence
        .slot_ref();
    desk.press(KeyCode::Char('Q'));
    assert!(desk.driver.state.form().is_some(), "the join form opens");
    desk.type_zed_quill().press(KeyCode::Enter);
    assert!(
        desk.driver.state.overlay.is_none(),
        "{:?}",
        desk.driver.state.form().and_then(|f| f.error.clone())
    );
    (desk, slot)
}

/// Another desk on the same file cancels one seat of `slot`.
fn other_desk_cancels_a_seat(desk: &Desk, slot: SlotRef) {
    let mut other = Store::open(&desk.dir.path().join("demo.db")).unwrap();
    let seat = other
        .bookings_between(slot.date, slot.date, None)
        .unwrap()
        .into_iter()
        .find(|b| {
            b.slot_ref() == slot && b.status.holds_capacity() && b.status != BookingStatus::Held
        })
        .unwrap();
    other.cancel(seat.id, "cannot come", now()).unwrap();
}

#[test]
fn a_full_class_shows_its_queue_in_the_slot_panel() {
    let (desk, _) = desk_with_queue();
    let status = desk.driver.state.status.clone().unwrap().text;
    assert!(
        status.starts_with("Zed Quill is 1st on the waitlist for"),
        "{status}"
    );
    for (w, h) in [(120, 40), (80, 24)] {
        let screen = desk.screen(w, h);
        assert!(screen.contains("Waiting: 1"), "{screen}");
        assert!(screen.contains("1. Zed Quill"), "{screen}");
    }
    insta::assert_snapshot!("waitlist_queue_120x40", desk.draw(120, 40).backend());
    insta::assert_snapshot!("waitlist_queue_80x24", desk.draw(80, 24).backend());
}

#[test]
fn with_two_waiting_the_panel_still_names_the_first_in_line() {
    let (mut desk, _) = desk_with_queue();
    desk.press(KeyCode::Char('Q'));
    desk.type_text("Amy")
        .press(KeyCode::Tab)
        .type_text("Vale")
        .press(KeyCode::Tab)
        .press(KeyCode::Tab)
        .type_text("020 7946 0888")
        .press(KeyCode::Enter);
    assert!(desk.driver.state.overlay.is_none());
    for (w, h) in [(120, 40), (80, 24)] {
        let screen = desk.screen(w, h);
        assert!(screen.contains("Waiting: 2"), "{screen}");
        assert!(screen.contains("1. Zed Quill"), "{w}x{h}: {screen}");
    }
}

#[test]
fn a_seat_freed_at_another_desk_is_offered_shown_with_the_phone_and_confirmed_with_c() {
    let (mut desk, slot) = desk_with_queue();
    desk.driver.run(vec![Effect::PollChanges]);
    other_desk_cancels_a_seat(&desk, slot);
    desk.driver.run(vec![Effect::PollChanges]);

    let status = desk.driver.state.status.clone().unwrap().text;
    assert!(status.starts_with("seat free at "), "{status}");
    assert!(
        status.ends_with(": offered to Zed Quill 020 7946 0999 — call them; c confirms"),
        "{status}"
    );
    for (w, h) in [(120, 40), (80, 24)] {
        let screen = desk.screen(w, h);
        assert!(screen.contains("OFFER"), "{screen}");
    }
    insta::assert_snapshot!("waitlist_offer_120x40", desk.draw(120, 40).backend());
    insta::assert_snapshot!("waitlist_offer_80x24", desk.draw(80, 24).backend());

    // The offer is a hold in Zed's name: select it and confirm it.
    let offer = desk.driver.state.waitlist[0].offer_booking_id.unwrap();
    for _ in 0..20 {
        if desk.driver.state.board.selected_booking().map(|b| b.id) == Some(offer) {
            break;
        }
        desk.press(KeyCode::Tab);
    }
    desk.press(KeyCode::Enter);
    let detail = desk.screen(120, 40);
    assert!(
        detail.contains("the waitlist's offer to Zed Quill"),
        "{detail}"
    );
    desk.press(KeyCode::Esc);
    desk.press(KeyCode::Char('c'));
    assert!(desk.driver.state.form().is_some(), "the confirm form opens");
    // Filled in with Zed's details; the service's required question asks.
    for _ in 0..4 {
        desk.press(KeyCode::Tab);
    }
    desk.type_text("knee").press(KeyCode::Enter);
    assert!(
        desk.driver.state.overlay.is_none(),
        "{:?} / {:?}",
        desk.driver.state.form().map(|f| (
            f.error.clone(),
            f.fields
                .iter()
                .map(|x| (x.label.clone(), x.value().to_owned()))
                .collect::<Vec<_>>()
        )),
        desk.driver.state.status
    );
    let store = Store::open(&desk.dir.path().join("demo.db")).unwrap();
    assert_eq!(
        store.booking(offer).unwrap().status,
        BookingStatus::Confirmed
    );
    let entry = store.waitlist_entry(desk_entry_id(&store, slot)).unwrap();
    assert_eq!(entry.status, WaitlistStatus::Accepted);
}

/// The one entry ever made on `slot` (open or not).
fn desk_entry_id(store: &Store, slot: SlotRef) -> slotdesk::domain::WaitlistEntryId {
    let events = store
        .events(None, &slotdesk::domain::EventFilter::default(), 100_000)
        .unwrap();
    events
        .iter()
        .find_map(|e| match &e.data {
            slotdesk::domain::EventData::Waitlist(w) if w.slot_ref() == slot => Some(w.id),
            _ => None,
        })
        .unwrap()
}
