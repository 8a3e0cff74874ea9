//! Closing from the desk: `C` on the board opens the closure form; a
//! closure that strands bookings walks the clerk through them one by one —
//! move, cancel with the closure's reason, or skip — and `C` on a slot a
//! desk closure closes reopens it.
#![allow(clippy::unwrap_used)]

use crate::support::Desk;
use crossterm::event::KeyCode;
use slotdesk::app::Overlay;
use slotdesk::app::screens::board::{Cursor, SlotLook};
use slotdesk::domain::{BookingId, BookingStatus};
use slotdesk::store::Store;

/// The demo desk after `C` on the board's first column (Priya Sharma) and
/// a part-day closure of it from 11:00 to 18:00 today, off sick: it
/// strands #59 (10:30–11:15), #145 (15:00) and #89 (16:15).
fn closed_desk() -> Desk {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('C'));
    assert!(matches!(desk.driver.state.overlay, Some(Overlay::Form(_))));
    for _ in 0..3 {
        desk.press(KeyCode::Tab);
    }
    desk.type_text("11:00");
    desk.press(KeyCode::Tab);
    desk.type_text("18:00");
    desk.press(KeyCode::Tab);
    desk.type_text("Off sick");
    desk.press(KeyCode::Enter);
    desk
}

/// The booking the walk is on.
fn walk_at(desk: &Desk) -> Option<BookingId> {
    let walk = desk.driver.state.closure_walk.as_ref()?;
    walk.current().map(|b| b.id)
}

/// The demo database, opened beside the desk.
fn store(desk: &Desk) -> Store {
    Store::open(&desk.dir.path().join("demo.db")).unwrap()
}

#[test]
fn the_closure_form_opens_on_the_selected_resource_and_the_boards_day() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('C'));
    let screen = desk.screen(120, 40);
    assert!(screen.contains("Priya Sharma"), "{screen}");
    assert!(screen.contains("2026-11-23"), "{screen}");
    insta::assert_snapshot!("closure_form_120x40", desk.draw(120, 40).backend());
    insta::assert_snapshot!("closure_form_80x24", desk.draw(80, 24).backend());
}

#[test]
fn closing_part_of_a_day_walks_through_the_bookings_it_strands() {
    let desk = closed_desk();
    assert!(matches!(
        desk.driver.state.overlay,
        Some(Overlay::ClosureWalk)
    ));
    let walk = desk.driver.state.closure_walk.as_ref().unwrap();
    let ids: Vec<i64> = walk.stranded.iter().map(|b| b.id.0).collect();
    assert_eq!(ids, [59, 145, 89]);
    let screen = desk.screen(120, 40);
    assert!(screen.contains("reason: Off sick"), "{screen}");
    assert!(screen.contains("3 need attention (A)"), "{screen}");
    // Nothing was cancelled by closing.
    let store = store(&desk);
    for id in ids {
        assert!(
            store
                .booking(BookingId(id))
                .unwrap()
                .status
                .holds_capacity()
        );
    }
    insta::assert_snapshot!("closure_walk_120x40", desk.draw(120, 40).backend());
    insta::assert_snapshot!("closure_walk_80x24", desk.draw(80, 24).backend());
}

#[test]
fn cancelling_from_the_walk_gives_the_closures_reason_and_goes_on() {
    let mut desk = closed_desk();
    desk.press(KeyCode::Char('x'));
    let screen = desk.screen(120, 40);
    assert!(screen.contains("Cancel booking"), "{screen}");
    assert!(screen.contains("Off sick"), "{screen}");
    desk.press(KeyCode::Enter);
    let cancelled = store(&desk).booking(BookingId(59)).unwrap();
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert_eq!(cancelled.cancel_reason.as_deref(), Some("Off sick"));
    assert!(matches!(
        desk.driver.state.overlay,
        Some(Overlay::ClosureWalk)
    ));
    assert_eq!(walk_at(&desk), Some(BookingId(145)));
    insta::assert_snapshot!(
        "closure_walk_after_cancel_120x40",
        desk.draw(120, 40).backend()
    );
    insta::assert_snapshot!(
        "closure_walk_after_cancel_80x24",
        desk.draw(80, 24).backend()
    );
}

#[test]
fn moving_from_the_walk_uses_move_mode_and_comes_back_for_the_next() {
    let mut desk = closed_desk();
    desk.press(KeyCode::Char('s'));
    assert_eq!(walk_at(&desk), Some(BookingId(145)));
    desk.press(KeyCode::Char('m'));
    assert_eq!(desk.driver.state.board.moving, Some(BookingId(145)));
    assert!(desk.driver.state.overlay.is_none());
    // The next day, a free slot of the same service.
    desk.press(KeyCode::Char(']'));
    let state = &desk.driver.state;
    let service = state.board.moving_service.unwrap();
    let view = state.board.view.as_ref().unwrap();
    let cursor = state
        .board
        .grid
        .cells
        .iter()
        .enumerate()
        .find_map(|(row, cells)| {
            cells.iter().enumerate().find_map(|(col, cell)| {
                let slot = &view.slots[(*cell)?];
                (slot.occurrence.service_id == service && slot.unavailable.is_none())
                    .then_some(Cursor { row, col })
            })
        })
        .unwrap();
    desk.driver.state.board.cursor = cursor;
    desk.press(KeyCode::Enter);
    let moved = store(&desk).booking(BookingId(145)).unwrap();
    assert_eq!(moved.date.to_string(), "2026-11-24");
    assert!(matches!(
        desk.driver.state.overlay,
        Some(Overlay::ClosureWalk)
    ));
    assert_eq!(walk_at(&desk), Some(BookingId(89)));
    let screen = desk.screen(120, 40);
    assert!(screen.contains("moved"), "{screen}");
    assert!(screen.contains("skipped"), "{screen}");
}

#[test]
fn skipping_every_booking_leaves_them_needing_attention() {
    let mut desk = closed_desk();
    for _ in 0..3 {
        desk.press(KeyCode::Char('s'));
    }
    assert!(desk.driver.state.closure_walk.is_none());
    assert!(desk.driver.state.overlay.is_none());
    let status = desk.driver.state.status.clone().unwrap().text;
    assert!(
        status.contains("3 left, listed as needing attention (A)"),
        "{status}"
    );
    desk.press(KeyCode::Char('A'));
    let screen = desk.screen(120, 40);
    assert!(
        screen.contains("that day is now closed: Off sick"),
        "{screen}"
    );
}

#[test]
fn c_on_a_slot_closed_at_the_desk_reopens_it() {
    let mut desk = closed_desk();
    desk.press(KeyCode::Esc);
    desk.select_look(SlotLook::Closed);
    let screen = desk.screen(120, 40);
    assert!(screen.contains("closed at the desk (closure"), "{screen}");
    assert!(screen.contains("C reopens"), "{screen}");
    desk.press(KeyCode::Char('C'));
    let screen = desk.screen(120, 40);
    assert!(screen.contains("Reopen"), "{screen}");
    insta::assert_snapshot!("reopen_form_80x24", desk.draw(80, 24).backend());
    desk.press(KeyCode::Enter);
    let status = desk.driver.state.status.clone().unwrap().text;
    assert!(status.starts_with("reopened Priya Sharma"), "{status}");
    assert!(
        store(&desk)
            .closures()
            .unwrap()
            .iter()
            .all(|c| c.reason != "Off sick")
    );
    let screen = desk.screen(120, 40);
    assert!(!screen.contains("need attention"), "{screen}");
    assert!(screen.contains("■ closed 0"), "{screen}");
}
