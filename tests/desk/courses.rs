//! Courses on the desk (Wix "book the entire course"): the demo's
//! six-week beginners' Pilates course shows each session on the board as
//! `session N of 6` with its seats, and the slot panel says which it is.
#![allow(clippy::unwrap_used)]

use crate::support::Desk;
use crossterm::event::KeyCode;

/// The demo desk on the course's second evening, its session selected.
fn desk_on_the_second_session() -> Desk {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('g'))
        .type_text("2027-01-14")
        .press(KeyCode::Enter)
        .select_slot("course session", |s, _| {
            s.service_name.contains("beginners")
        });
    desk
}

#[test]
fn the_board_shows_a_courses_session_with_its_number_and_seats() {
    let desk = desk_on_the_second_session();
    let screen = desk.screen(120, 40);
    assert!(screen.contains("session 2 of 6"), "{screen}");
    insta::assert_snapshot!("course_session_120x40", screen);
}

#[test]
fn a_narrow_board_keeps_the_session_number_short() {
    let desk = desk_on_the_second_session();
    let screen = desk.screen(80, 24);
    assert!(screen.contains("2 of 6"), "{screen}");
    insta::assert_snapshot!("course_session_80x24", screen);
}
