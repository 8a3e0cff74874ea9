//! Messages: a long one in the status bar is read whole (it leaves out the
//! location and date, else goes on onto a second row, else ends in a marker
//! naming the log's key); the messages log lists them all, newest first,
//! with their times; a race lost to another desk says so in people's words.
#![allow(clippy::unwrap_used)]

use crate::support::{Desk, now};
use crossterm::event::KeyCode;
use slotdesk::domain::BookingStatus;
use slotdesk::store::Store;

/// The refusal the issue saw cut at 120 columns.
const LONG: &str =
    "cannot confirm a booking that is expired; an expired booking allows: nothing (it is final)";

/// Longer than two rows of 80 columns.
const HUGE: &str = "this catalog change affects 3 live bookings, so nothing was changed:\n  #12 Mon 23 Nov 10:00 Physiotherapy assessment (Ada Lovelace): its time slot is removed\n  #14 Mon 23 Nov 11:00 Sports massage (Grace Hopper): capacity is lowered to 1\nmove or cancel them first, or a manager applies it anyway with --force";

fn lines(screen: &str) -> Vec<&str> {
    screen.lines().collect()
}

#[test]
fn a_long_message_is_shown_whole_at_120_and_at_80_columns() {
    let mut desk = Desk::demo();
    desk.driver.state.error(LONG);
    for (w, h) in [(120, 40), (80, 24)] {
        let terminal = desk.draw(w, h);
        insta::assert_snapshot!(format!("long_message_{w}x{h}"), terminal.backend());
        let screen = desk.screen(w, h);
        let rows = lines(&screen);
        let status: String = rows[rows.len() - 3..rows.len() - 1]
            .iter()
            .map(|r| r.trim())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(status.contains(LONG), "{w}x{h}: {status}");
        assert!(!status.contains('…'), "{status}");
    }
}

#[test]
fn a_message_too_long_for_two_rows_ends_naming_the_logs_key() {
    let mut desk = Desk::demo();
    desk.driver.state.error(HUGE);
    let screen = desk.screen(80, 24);
    insta::assert_snapshot!("huge_message_80x24", desk.draw(80, 24).backend());
    let rows = lines(&screen);
    assert!(rows[22].contains("… L whole message"), "{screen}");
    assert!(
        rows[21].contains("this catalog change affects 3"),
        "{screen}"
    );
}

#[test]
fn a_short_message_keeps_the_one_row_and_the_location() {
    let mut desk = Desk::demo();
    desk.driver.state.info("held #12 until 09:45:00");
    let screen = desk.screen(120, 40);
    let rows = lines(&screen);
    assert!(
        rows[38].contains("Riverside Physio & Pilates ·"),
        "{screen}"
    );
    assert!(rows[38].contains("held #12 until 09:45:00"), "{screen}");
    assert!(
        rows[37].contains('│') || rows[37].contains('┘'),
        "the board keeps its row"
    );
}

#[test]
fn the_messages_log_lists_every_message_newest_first_with_its_time() {
    let mut desk = Desk::demo();
    desk.driver.state.messages.clear();
    desk.driver.state.info("held #12 until 09:45:00");
    desk.tick(65);
    desk.driver.state.error(LONG);
    desk.tick(3);
    desk.driver.state.error("database is locked");
    desk.driver.state.error("database is locked");
    desk.tick(40);
    desk.driver.state.error(HUGE);
    desk.driver.state.info("sorted by start");
    desk.press(KeyCode::Char('L'));
    for (w, h) in [(120, 40), (80, 24)] {
        insta::assert_snapshot!(format!("messages_log_{w}x{h}"), desk.draw(w, h).backend());
    }
    let screen = desk.screen(120, 40);
    assert!(screen.contains("09:31:48  sorted by start"), "{screen}");
    assert!(
        screen.contains("09:31:08  database is locked (×2)"),
        "{screen}"
    );
    assert!(
        screen.contains("09:30:00  held #12 until 09:45:00"),
        "{screen}"
    );
    assert!(
        screen.contains("move or cancel them first"),
        "whole: {screen}"
    );
    // Scrolled down by one, the newest is off the top.
    desk.press(KeyCode::Down);
    let scrolled = desk.screen(120, 40);
    assert!(
        !scrolled.contains("09:31:48  sorted by start"),
        "{scrolled}"
    );
    assert!(
        scrolled.contains("09:31:48  this catalog change"),
        "{scrolled}"
    );
    desk.press(KeyCode::Esc);
    assert!(!desk.screen(120, 40).contains("Messages · newest first"));
}

#[test]
fn an_empty_log_says_so() {
    let mut desk = Desk::demo();
    desk.driver.state.messages.clear();
    desk.press(KeyCode::Char('L'));
    assert!(desk.screen(80, 24).contains("no messages yet"));
}

#[test]
fn a_confirm_another_desk_made_first_is_told_in_peoples_words_and_shown() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('2'));
    let page = desk.driver.state.bookings.page.clone().unwrap();
    let at = page
        .bookings
        .iter()
        .position(|b| b.status == BookingStatus::Pending)
        .unwrap();
    for _ in 0..at {
        desk.press(KeyCode::Down);
    }
    let id = page.bookings[at].id;
    // Another desk confirms it; this one has not polled yet.
    let mut other = Store::open(&desk.dir.path().join("demo.db")).unwrap();
    other.confirm(id, None, now()).unwrap();
    desk.press(KeyCode::Char('c'));
    let status = desk.driver.state.status.clone().unwrap().text;
    assert_eq!(status, format!("another desk confirmed #{id} a moment ago"));
    let shown = desk.driver.state.bookings.selected_booking().unwrap();
    assert_eq!(
        (shown.id, shown.status),
        (id, BookingStatus::Confirmed),
        "the list shows what the other desk did"
    );
    assert!(desk.screen(120, 40).contains(&status));
}
