//! Screen snapshots of the day board, its week view, the help and palette
//! overlays, the too-small screen, on the demo database at a
//! fixed clock; and the colours that carry meaning, asserted on the buffer.
#![allow(clippy::unwrap_used)]

use crate::support::Desk;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use slotdesk::app::screens::board::SlotLook;
use slotdesk::ui::theme;

/// The demo desk with a fresh hold on the first free slot.
fn desk_with_new_hold() -> Desk {
    let mut desk = Desk::demo();
    desk.select_look(SlotLook::Free);
    desk.press(KeyCode::Char('r')).press(KeyCode::Enter);
    assert!(desk.driver.state.overlay.is_none());
    desk
}

/// Where `text` starts on the screen.
fn find(buffer: &Buffer, text: &str) -> (u16, u16) {
    for y in 0..buffer.area.height {
        let line: String = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        if let Some(byte) = line.find(text) {
            return (line[..byte].chars().count() as u16, y);
        }
    }
    panic!("`{text}` is not on the screen");
}

fn fg_at(terminal: &Terminal<TestBackend>, text: &str) -> Color {
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, text);
    buffer[(x, y)].fg
}

fn bg_at(terminal: &Terminal<TestBackend>, text: &str) -> Color {
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, text);
    buffer[(x, y)].bg
}

#[test]
fn the_board_at_the_largest_and_smallest_sizes() {
    let desk = Desk::demo();
    insta::assert_snapshot!("board_120x40", desk.draw(120, 40).backend());
    insta::assert_snapshot!("board_80x24", desk.draw(80, 24).backend());
}

#[test]
fn a_wide_terminal_puts_the_date_picker_beside_the_grid() {
    let desk = Desk::demo();
    let screen = desk.screen(150, 40);
    let picker = screen
        .lines()
        .position(|l| l.contains("┌ November 2026"))
        .unwrap();
    let header = screen
        .lines()
        .position(|l| l.contains("Time  Priya Sharma"))
        .unwrap();
    assert!(picker <= header, "{screen}");
    insta::assert_snapshot!("board_150x40", desk.draw(150, 40).backend());
}

#[test]
fn a_new_hold_shows_its_countdown_in_the_held_colour() {
    let desk = desk_with_new_hold();
    for (w, h) in [(120, 40), (80, 24)] {
        let terminal = desk.draw(w, h);
        let screen = desk.screen(w, h);
        assert!(screen.contains("HELD 15:00"), "{screen}");
        // The cursor is on the new hold: the held colour as its background.
        assert_eq!(
            bg_at(&terminal, "HELD 15:00"),
            theme::slot_color(SlotLook::Held)
        );
        // The slot panel names the booking's status in the same colour.
        let buffer = terminal.backend().buffer();
        let (x, y) = find(buffer, "1 person · held");
        assert_eq!(buffer[(x + 11, y)].fg, theme::slot_color(SlotLook::Held));
    }
    insta::assert_snapshot!("board_held_120x40", desk.draw(120, 40).backend());
    insta::assert_snapshot!("board_held_80x24", desk.draw(80, 24).backend());
}

#[test]
fn the_countdown_runs_with_the_clock() {
    let mut desk = desk_with_new_hold();
    desk.tick(61);
    assert!(desk.screen(120, 40).contains("HELD 13:59"));
}

#[test]
fn tones_colour_the_cells_other_than_the_cursor() {
    let desk = Desk::demo();
    let terminal = desk.draw(120, 40);
    // The demo's 07:00 class is over, its evening class held.
    assert_eq!(
        fg_at(&terminal, "8/8 past"),
        theme::slot_color(SlotLook::Past)
    );
    assert_eq!(fg_at(&terminal, "HELD"), theme::slot_color(SlotLook::Held));
    assert_eq!(
        fg_at(&terminal, "1/1 full"),
        theme::slot_color(SlotLook::Full)
    );
    assert_eq!(
        fg_at(&terminal, "blocked"),
        theme::slot_color(SlotLook::Blocked)
    );
    // Each legend word in its colour.
    for t in SlotLook::ALL {
        let label = format!("■ {}", t.label());
        assert_eq!(fg_at(&terminal, &label), theme::slot_color(t), "{label}");
    }
}

#[test]
fn the_grid_scrolls_to_keep_the_cursor_in_view() {
    let mut desk = Desk::demo();
    for _ in 0..40 {
        desk.press(KeyCode::Down);
    }
    let state = &desk.driver.state;
    let row = state.board.grid.rows[state.board.cursor.row].clone();
    assert!(state.board.cursor.row > 15, "the cursor went down");
    let screen = desk.screen(80, 24);
    let label = row.time.format("%H:%M").to_string();
    assert!(screen.contains(&label), "{label}: {screen}");
    assert!(!screen.contains("07:00"), "{screen}");
    insta::assert_snapshot!("board_scrolled_80x24", desk.draw(80, 24).backend());
}

#[test]
fn the_week_view_uses_the_same_grid_with_days_as_columns() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('w'));
    let screen = desk.screen(120, 40);
    assert!(screen.contains("Mon 23 Nov") && screen.contains("Sun 29 Nov"));
    insta::assert_snapshot!("week_120x40", desk.draw(120, 40).backend());
    insta::assert_snapshot!("week_80x24", desk.draw(80, 24).backend());
}

#[test]
fn moving_a_booking_shows_a_banner() {
    let mut desk = Desk::demo();
    desk.select_look(SlotLook::Full);
    desk.press(KeyCode::Char('m'));
    let id = desk.driver.state.board.moving.unwrap();
    let screen = desk.screen(80, 24);
    assert!(
        screen.contains(&format!("Moving booking #{id}")) && screen.contains("Enter to move"),
        "{screen}"
    );
    insta::assert_snapshot!("moving_80x24", desk.draw(80, 24).backend());
}

#[test]
fn help_lists_the_live_keymap() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('?'));
    let screen = desk.screen(120, 40);
    assert!(screen.contains("reserve (hold)") && screen.contains("walk-in"));
    insta::assert_snapshot!("help_120x40", desk.draw(120, 40).backend());
    insta::assert_snapshot!("help_80x24", desk.draw(80, 24).backend());
}

#[test]
fn the_palette_filters_actions_and_shows_their_keys() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char(':')).type_text("pay");
    let screen = desk.screen(80, 24);
    assert!(
        screen.contains("record_payment") && screen.contains("› pay"),
        "{screen}"
    );
    insta::assert_snapshot!("palette_pay_80x24", desk.draw(80, 24).backend());
    insta::assert_snapshot!("palette_pay_120x40", desk.draw(120, 40).backend());
}

#[test]
fn a_terminal_below_80x24_gets_a_message_instead() {
    let desk = Desk::demo();
    let screen = desk.screen(60, 20);
    assert!(
        screen.contains("slotdesk needs at least 80×24, this is 60×20"),
        "{screen}"
    );
    insta::assert_snapshot!("too_small_60x20", desk.draw(60, 20).backend());
    // Any size draws without a panic.
    for (w, h) in [(1, 1), (79, 24), (80, 23), (10, 3), (200, 60), (80, 24)] {
        let _ = desk.screen(w, h);
    }
}

#[test]
fn an_error_message_reads_in_red_in_the_status_bar() {
    let mut desk = Desk::empty();
    desk.press(KeyCode::Char('2'));
    let terminal = desk.draw(80, 24);
    assert_eq!(
        fg_at(&terminal, "no catalog yet: load"),
        theme::ERROR.fg.unwrap()
    );
}

#[test]
fn the_date_picker_marks_the_board_date_and_today() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char(']'));
    let terminal = desk.draw(80, 24);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "23 24 25 26 27 28 29");
    assert_eq!(buffer[(x, y)].fg, theme::TODAY.fg.unwrap(), "today");
    assert_eq!(
        buffer[(x + 3, y)].bg,
        theme::PICKED.bg.unwrap(),
        "the board date"
    );
    assert_eq!(buffer[(x + 6, y)].bg, Color::Reset, "another day");
}

#[test]
fn hints_and_help_follow_the_live_keymap() {
    use slotdesk::app::Action;
    use slotdesk::app::keymap::{Context, KeyOverrides, Keymap};
    let mut desk = Desk::demo();
    let mut overrides = KeyOverrides::new();
    overrides
        .entry(Context::Board)
        .or_default()
        .insert(Action::Reserve, vec!["ctrl-r".into()]);
    desk.driver.state.keymap = Keymap::with_overrides(&overrides).unwrap();
    let screen = desk.screen(120, 40);
    assert!(screen.contains("ctrl-r reserve"), "{screen}");
    assert!(!screen.contains(" r reserve"), "{screen}");
    desk.press(KeyCode::Char('?'));
    let screen = desk.screen(120, 40);
    assert!(screen.contains("ctrl-r reserve (hold)"), "{screen}");
}

#[test]
fn the_banner_keeps_its_label_when_cut() {
    let mut desk = Desk::demo();
    desk.driver.state.banner =
        Some("demo database: /tmp/slotdesk-demo-1a2b3c4d5e6f7a8b9c/slotdesk.db".into());
    let screen = desk.screen(80, 24);
    let status = screen.lines().nth(22).unwrap();
    assert!(status.contains("demo database: …"), "{status}");
    assert!(status.contains("slotdesk.db"), "{status}");
}

#[test]
fn the_board_says_loading_until_its_day_arrives() {
    let mut desk = Desk::demo();
    desk.driver.state.board.view = None;
    let screen = desk.screen(80, 24);
    assert!(screen.contains("loading Mon 23 Nov 2026…"), "{screen}");
}

#[test]
fn on_another_day_the_heading_names_that_day_and_the_status_bar_today() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char(']'));
    let screen = desk.screen(120, 40);
    insta::assert_snapshot!("board_next_day_120x40", desk.draw(120, 40).backend());
    let lines: Vec<&str> = screen.lines().collect();
    assert!(
        lines[1].contains("Tuesday 24 November 2026"),
        "heading: {}",
        lines[1]
    );
    let status = lines[lines.len() - 2];
    assert!(status.contains("Mon 23 Nov 2026"), "status bar: {status}");
    assert!(!status.contains("Tue 24 Nov"), "status bar: {status}");
}

#[test]
fn the_last_booking_of_a_busy_slot_is_shown_with_those_before_it() {
    let mut desk = Desk::demo();
    // A slot with several bookings (a class).
    for _ in 0..200 {
        if desk.driver.state.board.selected_bookings().len() >= 4 {
            break;
        }
        let before = desk.driver.state.board.cursor;
        desk.press(KeyCode::Down);
        if desk.driver.state.board.cursor == before {
            desk.press(KeyCode::Right);
        }
    }
    let on: Vec<_> = desk
        .driver
        .state
        .board
        .selected_bookings()
        .iter()
        .map(|b| b.id)
        .collect();
    assert!(on.len() >= 4, "no busy slot in the demo");
    // Tab to the last booking, as after booking the last seat.
    while desk.driver.state.board.booking != on.last().copied() {
        desk.press(KeyCode::Tab);
    }
    let screen = desk.screen(80, 24);
    let last = on[on.len() - 1];
    let before_last = on[on.len() - 2];
    assert!(screen.contains(&format!("▸ #{last} ")), "{screen}");
    assert!(
        screen.contains(&format!("#{before_last} ")),
        "the booking before the selected one is hidden:\n{screen}"
    );
}

#[test]
fn in_move_mode_a_slot_of_another_service_says_the_booking_cannot_move_there() {
    let mut desk = Desk::demo();
    desk.select_look(SlotLook::Full);
    let service = desk
        .driver
        .state
        .board
        .selected_booking()
        .unwrap()
        .service_id;
    desk.press(KeyCode::Char('m'));
    // Walk the board to a free slot of another service.
    for _ in 0..200 {
        let state = &desk.driver.state;
        let slot = state.board.selected_slot().unwrap();
        if slot.occurrence.service_id != service && slot.unavailable.is_none() {
            break;
        }
        let before = state.board.cursor;
        desk.press(KeyCode::Down);
        if desk.driver.state.board.cursor == before {
            desk.press(KeyCode::Right);
        }
    }
    let screen = desk.screen(120, 40);
    assert!(
        screen.contains("moves only to a slot of its own service"),
        "{screen}"
    );
    assert!(!screen.contains("Enter moves booking"), "{screen}");
}

#[test]
fn a_past_class_counts_who_took_a_seat_in_it() {
    let desk = Desk::demo();
    let state = &desk.driver.state;
    let view = state.board.view.as_ref().unwrap();
    let past = view
        .slots
        .iter()
        .find(|s| {
            s.unavailable == Some(slotdesk::domain::Unavailable::Past) && s.occurrence.capacity > 1
        })
        .expect("the demo's early class is over at 09:30");
    let seated: u32 = view
        .bookings
        .iter()
        .filter(|b| b.slot_ref() == past.occurrence.slot_ref() && b.status.took_seat())
        .map(|b| b.participants)
        .sum();
    assert!(seated > 0, "the demo's early class had people in it");
    assert_eq!(
        past.taken, seated,
        "not 0/{} past",
        past.occurrence.capacity
    );
    let screen = desk.screen(120, 40);
    assert!(
        screen.contains(&format!("{seated}/{}", past.occurrence.capacity)),
        "{screen}"
    );
}

#[test]
fn a_slot_panel_scrolled_to_its_last_booking_says_there_are_more_above() {
    let mut desk = Desk::demo();
    desk.select_slot("a class with five bookings or more", |s, _| {
        s.occurrence.capacity > 1 && s.taken >= 5
    });
    let count = desk.driver.state.board.selected_bookings().len();
    assert!(count >= 5, "{count}");
    for _ in 1..count {
        desk.press(KeyCode::Tab);
    }
    let screen = desk.screen(80, 24);
    let names: Vec<String> = desk
        .driver
        .state
        .board
        .selected_bookings()
        .iter()
        .filter_map(|b| b.customer.as_ref().map(|c| c.name.clone()))
        .collect();
    let hidden = names
        .iter()
        .filter(|n| !screen.contains(n.as_str()))
        .count();
    assert!(
        hidden == 0 || screen.contains(&format!("{count} bookings in all")),
        "{hidden} of {count} hidden with no word of them:\n{screen}"
    );
}

#[test]
fn a_day_asked_for_but_not_loaded_yet_is_named_as_loading_above_the_day_still_shown() {
    let mut desk = Desk::demo();
    let shown = desk.driver.state.board.date;
    let asked = shown + chrono::Duration::days(1);
    // What `]` does before its load answers (a slow or absent server).
    desk.driver.state.board.date = asked;
    let screen = desk.screen(120, 40);
    let header = format!(
        "{} · loading {}…",
        shown.format("%A %d %B %Y"),
        asked.format("%a %d %b")
    );
    assert!(screen.contains(&header), "{screen}");
    assert!(
        !screen.contains(&asked.format("%A %d %B %Y").to_string()),
        "{screen}"
    );
}
