//! Next free slot on the demo database: a full slot's three nearest
//! alternatives, the search form narrowed to the afternoon, and Enter
//! showing the chosen slot on the board, selected; the list's snapshots.
#![allow(clippy::unwrap_used)]

use crate::support::Desk;
use chrono::Timelike;
use crossterm::event::KeyCode;
use slotdesk::app::Overlay;
use slotdesk::app::screens::board::SlotLook;

#[test]
fn a_full_slot_lists_its_three_nearest_free_and_enter_selects_one_on_the_board() {
    let mut desk = Desk::demo();
    desk.select_look(SlotLook::Full);
    let full = desk.driver.state.board.selected_slot().unwrap().clone();
    desk.press(KeyCode::Char('f'));
    let Some(Overlay::FreeSlots(list)) = &desk.driver.state.overlay else {
        panic!("the nearest free open: {:?}", desk.driver.state.status);
    };
    assert_eq!(list.slots.len(), 3, "three alternatives");
    for s in &list.slots {
        assert_eq!(s.occurrence.service_id, full.occurrence.service_id);
        assert!(s.occurrence.from > full.occurrence.from);
        assert!(s.free() >= 1 && s.unavailable.is_none());
    }
    assert!(list.title.starts_with("nearest free"), "{}", list.title);
    let second = list.slots[1].occurrence.slot_ref();
    insta::assert_snapshot!("nearest_free_80x24", desk.screen(80, 24));
    desk.press(KeyCode::Down).press(KeyCode::Enter);
    let state = &desk.driver.state;
    assert!(state.overlay.is_none());
    assert_eq!(
        state.board.selected_slot().map(|s| s.occurrence.slot_ref()),
        Some(second),
        "the board shows the chosen slot, selected"
    );
}

#[test]
fn the_search_form_finds_the_first_afternoon_slots_with_room() {
    let mut desk = Desk::demo();
    desk.select_free_slot();
    desk.press(KeyCode::Char('f'));
    // Service, resource, then the time of day: any → morning → afternoon.
    desk.press(KeyCode::Tab).press(KeyCode::Tab);
    desk.press(KeyCode::Char(' ')).press(KeyCode::Char(' '));
    desk.press(KeyCode::Enter);
    let state = &desk.driver.state;
    let Some(Overlay::FreeSlots(list)) = &state.overlay else {
        panic!("the free slots open: {:?}", state.status);
    };
    assert!(!list.slots.is_empty());
    let tz = state.tz();
    for s in &list.slots {
        let hour = s.occurrence.from.with_timezone(&tz).hour();
        assert!((12..17).contains(&hour), "{hour}");
        assert!(s.occurrence.from > state.now);
    }
    assert!(
        list.slots
            .windows(2)
            .all(|w| w[0].occurrence.from <= w[1].occurrence.from)
    );
    insta::assert_snapshot!("free_slots_120x40", desk.screen(120, 40));
}
