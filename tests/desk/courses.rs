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

/// Asserts the status bar's message has `words`.
fn says(desk: &Desk, words: &str) {
    let status = desk.driver.state.status.clone().unwrap().text;
    assert!(status.contains(words), "{status}");
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

#[test]
fn booking_a_session_at_the_desk_books_the_course_and_x_cancels_it_whole_after_saying_so() {
    let mut desk = desk_on_the_second_session();
    desk.press(KeyCode::Char('n'));
    let form = desk.screen(120, 40);
    assert!(form.contains("Book the whole course"), "{form}");
    assert!(form.contains("each of its 6 sessions"), "{form}");
    desk.type_zed_quill().press(KeyCode::Enter);
    says(
        &desk,
        "for Zed Quill (confirmed): the whole course, a seat in each of its 6 sessions",
    );
    let board = desk.screen(120, 40);
    assert!(
        board.contains("Beginners · session 2 of 6       1/8"),
        "{board}"
    );
    assert!(
        board.contains("Zed Quill · 1 person · confirmed"),
        "{board}"
    );

    desk.press(KeyCode::Char('x'));
    let confirm = desk.screen(120, 40);
    assert!(
        confirm.contains("Cancel the whole course booking"),
        "{confirm}"
    );
    assert!(
        confirm.contains("cancels its booking in every session (6 in all)"),
        "{confirm}"
    );
    insta::assert_snapshot!("course_cancel_form_120x40", confirm);
    desk.type_text("Changed shifts").press(KeyCode::Enter);
    says(
        &desk,
        "cancelled with its whole course booking: every session's seat is free (6 sessions)",
    );
    let board = desk.screen(120, 40);
    assert!(
        board.contains("Beginners · session 2 of 6       0/8"),
        "{board}"
    );
}

#[test]
fn a_course_bookings_detail_lists_every_session_with_this_one_marked() {
    let mut desk = desk_on_the_second_session();
    desk.press(KeyCode::Char('n'))
        .type_zed_quill()
        .press(KeyCode::Enter)
        .press(KeyCode::Enter);
    let detail = desk.screen(120, 40);
    assert!(detail.contains("Sessions"), "{detail}");
    assert!(detail.contains("▸ Thu 14 Jan 2027 19:30–20:30"), "{detail}");
    assert!(detail.contains("· Thu 11 Feb 2027 19:30–21:00"), "{detail}");
    insta::assert_snapshot!("course_booking_detail_120x40", detail);
}

#[test]
fn r_on_a_course_session_says_it_is_booked_whole_without_opening_a_hold_form() {
    let mut desk = desk_on_the_second_session();
    let screen = desk.screen(120, 40);
    let keys = screen.lines().last().unwrap();
    assert!(keys.trim_start().starts_with("n book"), "{keys}");
    desk.press(KeyCode::Char('r'));
    assert!(desk.driver.state.form().is_none(), "no hold form opens");
    says(
        &desk,
        "Pilates for beginners (6-week course) is a course, booked whole: n books a seat in every session",
    );
}
