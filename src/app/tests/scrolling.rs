//! The booking detail and help scroll: a line, a page, either end, within
//! the room the last draw found (the runtime tells it in `ScrollRoom`).

use super::*;
use crate::app::overlays::scroll::ScrollRoom;

/// The desk with booking #7's detail open and loaded.
fn detail_open() -> AppState {
    let mut s = desk_with(vec![booking(7, 1, BookingStatus::Pending)]);
    press(&mut s, KeyCode::Enter);
    update(
        &mut s,
        Msg::BookingLoaded(Box::new(booking(7, 1, BookingStatus::Pending)), Vec::new()),
    );
    assert!(s.detail().is_some());
    s
}

fn detail_offset(s: &AppState) -> usize {
    s.detail().map(|d| d.scroll.offset).unwrap()
}

fn help_offset(s: &AppState) -> usize {
    match &s.overlay {
        Some(Overlay::Help(h)) => h.scroll.offset,
        other => panic!("help is not open: {other:?}"),
    }
}

fn room(max: usize, page: usize) -> Msg {
    Msg::ScrollRoom(ScrollRoom { max, page })
}

#[test]
fn the_detail_scrolls_by_line_and_page_and_to_either_end_within_its_room() {
    let mut s = detail_open();
    update(&mut s, room(30, 12));
    for (key, offset) in [
        (KeyCode::Down, 1),
        (KeyCode::Char('j'), 2),
        (KeyCode::Up, 1),
        (KeyCode::Char('k'), 0),
        (KeyCode::Up, 0),
        // A page keeps one line of the last.
        (KeyCode::PageDown, 11),
        (KeyCode::PageDown, 22),
        (KeyCode::PageDown, 30),
        (KeyCode::Down, 30),
        (KeyCode::PageUp, 19),
        (KeyCode::Home, 0),
        (KeyCode::End, 30),
        (KeyCode::Up, 29),
    ] {
        assert!(press(&mut s, key).is_empty(), "{key:?} asks for nothing");
        assert_eq!(detail_offset(&s), offset, "after {key:?}");
    }
    assert!(s.detail().is_some(), "scrolling keeps the detail open");
}

#[test]
fn before_the_first_draw_the_end_is_kept_until_the_room_is_known() {
    let mut s = detail_open();
    press(&mut s, KeyCode::End);
    update(&mut s, room(5, 10));
    assert_eq!(detail_offset(&s), 5);
    press(&mut s, KeyCode::Up);
    assert_eq!(detail_offset(&s), 4, "one key moves it at once");
}

#[test]
fn a_smaller_room_after_a_resize_pulls_the_place_back() {
    let mut s = detail_open();
    update(&mut s, room(30, 12));
    press(&mut s, KeyCode::End);
    update(&mut s, room(8, 20));
    assert_eq!(detail_offset(&s), 8);
    update(&mut s, room(0, 40));
    assert_eq!(detail_offset(&s), 0);
    press(&mut s, KeyCode::Down);
    assert_eq!(detail_offset(&s), 0, "nothing to scroll when it all fits");
}

#[test]
fn the_detail_keeps_its_place_when_its_booking_reloads_and_its_booking_keys() {
    let mut s = detail_open();
    update(&mut s, room(30, 12));
    press(&mut s, KeyCode::PageDown);
    update(
        &mut s,
        Msg::BookingLoaded(Box::new(booking(7, 1, BookingStatus::Pending)), Vec::new()),
    );
    assert_eq!(detail_offset(&s), 11);
    assert_eq!(
        press_char(&mut s, 'c'),
        vec![Effect::Write(Write::Confirm(BookingId(7), Box::default()))]
    );
}

#[test]
fn help_scrolls_with_the_same_keys_and_its_paging_keys() {
    let mut s = desk();
    press_char(&mut s, '?');
    update(&mut s, room(40, 18));
    for (key, offset) in [
        (KeyCode::Down, 1),
        (KeyCode::Char('j'), 2),
        (KeyCode::Char('k'), 1),
        (KeyCode::PageDown, 18),
        (KeyCode::Char(' '), 35),
        (KeyCode::Right, 40),
        (KeyCode::Left, 23),
        (KeyCode::Home, 0),
        (KeyCode::End, 40),
    ] {
        press(&mut s, key);
        assert_eq!(help_offset(&s), offset, "after {key:?}");
    }
    press_char(&mut s, 'q');
    assert!(s.overlay.is_none());
    assert!(!s.quit);
}

#[test]
fn help_over_the_detail_scrolls_on_its_own_and_gives_the_detail_back_where_it_was() {
    let mut s = detail_open();
    update(&mut s, room(30, 12));
    press(&mut s, KeyCode::PageDown);
    press_char(&mut s, '?');
    assert_eq!(help_offset(&s), 0);
    update(&mut s, room(50, 18));
    press(&mut s, KeyCode::End);
    assert_eq!(help_offset(&s), 50);
    press(&mut s, KeyCode::Esc);
    assert_eq!(detail_offset(&s), 11);
}
