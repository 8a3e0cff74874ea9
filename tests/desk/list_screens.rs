//! Screen snapshots of the list screens, the booking detail and the forms on
//! the demo database at a fixed clock, at 120×40 and 80×24, with the colours
//! that carry meaning asserted on the buffer.
#![allow(clippy::unwrap_used)]

use crate::support::Desk;
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use slotdesk::app::AppState;
use slotdesk::app::overlays::detail::DetailState;
use slotdesk::app::screens::board::SlotLook;
use slotdesk::domain::BookingId;
use slotdesk::domain::BookingStatus;
use slotdesk::ui::{self, theme};

const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];

/// Draws with `draw` on a `width`×`height` test terminal.
fn draw(
    state: &AppState,
    (width, height): (u16, u16),
    draw: impl Fn(&mut ratatui::Frame, &AppState),
) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| draw(f, state)).unwrap();
    terminal
}

fn bookings(f: &mut ratatui::Frame, s: &AppState) {
    ui::bookings::render(f, f.area(), s);
}

fn bookings_with_detail(f: &mut ratatui::Frame, s: &AppState) {
    ui::bookings::render(f, f.area(), s);
    // With no detail open, draw one still loading.
    let loading = DetailState::new(BookingId(0));
    ui::detail::render(f, f.area(), s, s.detail().unwrap_or(&loading));
}

fn form(f: &mut ratatui::Frame, s: &AppState) {
    ui::form::render(f, f.area(), s.form().unwrap(), s);
}

/// Where `text` starts on the screen.
fn find(buffer: &Buffer, text: &str) -> (u16, u16) {
    for y in 0..buffer.area.height {
        let row: Vec<&str> = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        let line = row.concat();
        if let Some(byte) = line.find(text) {
            let x = line[..byte].chars().count() as u16;
            return (x, y);
        }
    }
    panic!("`{text}` is not on the screen");
}

fn fg_of(terminal: &Terminal<TestBackend>, text: &str) -> Color {
    let buffer = terminal.backend().buffer();
    buffer[find(buffer, text)].fg
}

/// The bookings list, its row moved to the first booking in `status`.
fn bookings_at(status: BookingStatus) -> Desk {
    let mut desk = Desk::demo();
    desk.select_booking_in(status);
    desk
}

#[test]
fn bookings_list_shows_filters_sort_and_pages_with_coloured_statuses() {
    let desk = bookings_at(BookingStatus::Confirmed);
    for size in SIZES {
        let t = draw(&desk.driver.state, size, bookings);
        insta::assert_snapshot!(format!("bookings_{}x{}", size.0, size.1), t.backend());
        assert_eq!(fg_of(&t, "/ filter"), theme::KEY.fg.unwrap());
    }
    let t = draw(&desk.driver.state, (120, 40), bookings);
    let buffer = t.backend().buffer();
    let (_, selected_y) = find(buffer, "▌");
    let unselected = (0..buffer.area.height)
        .filter(|y| *y != selected_y)
        .find_map(|y| {
            let line: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            line.find(" held ")
                .map(|b| (line[..b].chars().count() as u16 + 1, y))
        })
        .unwrap();
    assert_eq!(
        buffer[unselected].fg,
        theme::slot_color(SlotLook::Held),
        "a hold is the colour of a held slot on the board"
    );
    assert_eq!(
        buffer[(4, selected_y)].bg,
        theme::SELECTED.bg.unwrap(),
        "the selected row"
    );
}

#[test]
fn bookings_list_says_loading_then_no_bookings_match() {
    let mut desk = Desk::demo();
    let t = draw(&desk.driver.state, (80, 24), bookings);
    find(t.backend().buffer(), "loading…");
    desk.press(KeyCode::Char('2'));
    desk.press(KeyCode::Char('/'));
    desk.press(KeyCode::Tab)
        .press(KeyCode::Tab)
        .press(KeyCode::Tab)
        .press(KeyCode::Tab);
    desk.type_text("Nobody Atall").press(KeyCode::Enter);
    let t = draw(&desk.driver.state, (80, 24), bookings);
    find(t.backend().buffer(), "no bookings match");
    find(t.backend().buffer(), "customer “Nobody Atall”");
}

#[test]
fn booking_detail_shows_customer_payment_and_history_over_the_list() {
    let mut desk = bookings_at(BookingStatus::Confirmed);
    desk.press(KeyCode::Enter);
    let shown = desk.driver.state.detail().unwrap().loaded.as_ref().unwrap();
    assert_eq!(
        Some(&shown.0),
        desk.driver.state.bookings.selected_booking()
    );
    for size in SIZES {
        let t = draw(&desk.driver.state, size, bookings_with_detail);
        insta::assert_snapshot!(format!("detail_{}x{}", size.0, size.1), t.backend());
        assert_eq!(
            fg_of(&t, " confirmed "),
            theme::status(BookingStatus::Confirmed).fg.unwrap()
        );
        find(t.backend().buffer(), "esc close");
    }
}

#[test]
fn a_held_bookings_detail_counts_down_to_its_expiry() {
    let mut desk = bookings_at(BookingStatus::Held);
    desk.press(KeyCode::Enter);
    let t = draw(&desk.driver.state, (80, 24), bookings_with_detail);
    insta::assert_snapshot!("detail_held_80x24", t.backend());
    assert_eq!(fg_of(&t, "expires in"), theme::slot_color(SlotLook::Held));
    find(t.backend().buffer(), "no customer yet");
    find(t.backend().buffer(), "x release");
}

#[test]
fn customers_search_narrows_the_list_and_shows_the_history() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('3'));
    desk.press(KeyCode::Char('/'));
    let name = desk.driver.state.customers.rows[3]
        .customer
        .last_name
        .clone();
    desk.type_text(&name[..4]);
    assert!(desk.driver.state.customers.searching);
    for size in SIZES {
        let t = draw(&desk.driver.state, size, |f, s| {
            ui::customers::render(f, f.area(), s);
        });
        insta::assert_snapshot!(format!("customers_{}x{}", size.0, size.1), t.backend());
        find(t.backend().buffer(), "u edit customer");
    }
}

#[test]
fn activity_lists_events_newest_first_with_a_summary() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('4'));
    assert!(!desk.driver.state.activity.events.is_empty());
    for size in SIZES {
        let t = draw(&desk.driver.state, size, |f, s| {
            ui::activity::render(f, f.area(), s);
        });
        insta::assert_snapshot!(format!("activity_{}x{}", size.0, size.1), t.backend());
        find(t.backend().buffer(), "enter open booking");
    }
}

#[test]
fn new_booking_form_shows_a_live_problem_in_red_and_the_phone_in_e164() {
    let mut desk = Desk::demo();
    desk.select_free_slot();
    desk.press(KeyCode::Char('n'));
    desk.type_text("Ada").press(KeyCode::Tab);
    desk.type_text("Lovelace").press(KeyCode::Tab);
    desk.type_text("ada@").press(KeyCode::Tab);
    desk.type_text("020 7946 0018");
    for size in SIZES {
        let t = draw(&desk.driver.state, size, form);
        insta::assert_snapshot!(format!("new_booking_{}x{}", size.0, size.1), t.backend());
        assert_eq!(
            fg_of(&t, "✗ email"),
            theme::ERROR.fg.unwrap(),
            "the problem"
        );
        assert_eq!(
            fg_of(&t, "→ +442079460018"),
            theme::FIELD_HINT.fg.unwrap(),
            "the hint"
        );
        find(t.backend().buffer(), "Tab/Shift-Tab move");
    }
}

#[test]
fn a_long_form_scrolls_to_keep_the_focused_field_in_view() {
    let mut desk = Desk::demo();
    desk.select_free_slot();
    desk.press(KeyCode::Char('n'));
    let fields = desk.driver.state.form().unwrap().fields.len();
    for _ in 1..fields {
        desk.press(KeyCode::Tab);
    }
    let t = draw(&desk.driver.state, (80, 14), form);
    insta::assert_snapshot!("new_booking_scrolled_80x14", t.backend());
    let buffer = t.backend().buffer();
    find(buffer, "› Status");
    find(buffer, "more");
    find(buffer, "space to change");
}

#[test]
fn payment_form_prefills_the_amount_due() {
    let mut desk = bookings_at(BookingStatus::Confirmed);
    desk.press(KeyCode::Char('p'));
    assert!(desk.driver.state.form().is_some());
    for size in SIZES {
        let t = draw(&desk.driver.state, size, form);
        insta::assert_snapshot!(format!("payment_{}x{}", size.0, size.1), t.backend());
    }
}

#[test]
fn an_amount_other_than_what_is_due_is_warned_in_yellow_as_it_is_typed() {
    let mut desk = bookings_at(BookingStatus::Confirmed);
    desk.press(KeyCode::Char('p'));
    desk.press_with(KeyCode::Char('u'), KeyModifiers::CONTROL)
        .type_text("1");
    for size in SIZES {
        let t = draw(&desk.driver.state, size, form);
        assert_eq!(
            fg_of(&t, "! differs from"),
            theme::FIELD_WARNING.fg.unwrap()
        );
    }
}

#[test]
fn the_engines_refusal_shows_in_red_in_the_form() {
    // A clerk's delete needs a manager's PIN there and then; a wrong one is refused.
    let mut desk = Desk::demo_signed_out();
    desk.sign_in("Dana Reception", "1111");
    desk.select_booking_in(BookingStatus::Confirmed);
    let id = desk.driver.state.bookings.selected_booking().unwrap().id;
    desk.press(KeyCode::Char('D'));
    desk.type_text(&id.to_string())
        .press(KeyCode::Tab)
        .press(KeyCode::Tab)
        .type_text("9999")
        .press(KeyCode::Enter);
    let error = desk.driver.state.form().unwrap().error.clone();
    assert_eq!(error.as_deref(), Some("wrong name or PIN"));
    for size in SIZES {
        let t = draw(&desk.driver.state, size, form);
        insta::assert_snapshot!(format!("refused_{}x{}", size.0, size.1), t.backend());
        let buffer = t.backend().buffer();
        assert_eq!(
            buffer[find(buffer, "✗ wrong name or PIN")].bg,
            theme::REFUSAL.bg.unwrap()
        );
    }
}

#[test]
fn a_cancel_form_asks_before_discarding_what_was_typed() {
    let mut desk = bookings_at(BookingStatus::Confirmed);
    desk.press(KeyCode::Char('x'));
    desk.type_text("called to cancel").press(KeyCode::Esc);
    assert!(desk.driver.state.form().unwrap().confirm_discard);
    let t = draw(&desk.driver.state, (80, 24), form);
    insta::assert_snapshot!("cancel_discard_80x24", t.backend());
    let buffer = t.backend().buffer();
    assert_eq!(
        buffer[find(buffer, "Discard what you typed?")].bg,
        theme::PROMPT.bg.unwrap()
    );
}

#[test]
fn every_screen_draws_at_any_size_without_panicking() {
    let empty = Desk::empty();
    let mut busy = bookings_at(BookingStatus::Held);
    busy.press(KeyCode::Enter);
    let mut with_form = Desk::demo();
    with_form.select_free_slot();
    with_form.press(KeyCode::Char('n')).type_text("x@");
    for desk in [&empty, &busy, &with_form] {
        for size in [(1, 1), (10, 3), (30, 8), (45, 12), (200, 60)] {
            draw(&desk.driver.state, size, bookings_with_detail);
            draw(&desk.driver.state, size, |f, s| {
                ui::customers::render(f, f.area(), s);
                ui::activity::render(f, f.area(), s);
                if let Some(form) = s.form() {
                    ui::form::render(f, f.area(), form, s);
                }
            });
        }
    }
}

#[test]
fn customers_and_activity_say_loading_until_their_first_load() {
    let mut desk = Desk::demo();
    let text = |desk: &Desk, draw: fn(&mut ratatui::Frame, &slotdesk::app::AppState)| {
        let mut terminal = ratatui::Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal.draw(|f| draw(f, &desk.driver.state)).unwrap();
        format!("{}", terminal.backend())
    };
    let activity = |f: &mut ratatui::Frame, s: &slotdesk::app::AppState| {
        slotdesk::ui::activity::render(f, f.area(), s);
    };
    let customers = |f: &mut ratatui::Frame, s: &slotdesk::app::AppState| {
        slotdesk::ui::customers::render(f, f.area(), s);
    };
    assert!(text(&desk, activity).contains("loading…"));
    assert!(text(&desk, customers).contains("loading…"));
    desk.press(KeyCode::Char('4'));
    assert!(!text(&desk, activity).contains("loading…"));
    desk.press(KeyCode::Char('3'));
    assert!(!text(&desk, customers).contains("loading…"));
}

#[test]
fn activity_shows_why_a_manager_forced_a_status() {
    let mut desk = Desk::demo();
    let confirmed = desk
        .driver
        .executor
        .store
        .bookings(&slotdesk::domain::BookingQuery {
            status: Some(slotdesk::domain::BookingStatus::Confirmed),
            ..slotdesk::domain::BookingQuery::default()
        })
        .unwrap()
        .bookings[0]
        .id;
    desk.driver
        .executor
        .store
        .force_status(
            confirmed,
            slotdesk::domain::BookingStatus::CheckedIn,
            "came in the side door",
            slotdesk::domain::Role::Manager,
            crate::support::now(),
        )
        .unwrap();
    desk.press(KeyCode::Char('4'));
    let t = draw(&desk.driver.state, (120, 40), |f, s| {
        ui::activity::render(f, f.area(), s);
    });
    find(t.backend().buffer(), "booking status forced");
    find(t.backend().buffer(), "“came in the side door”");
}

#[test]
fn a_customer_marked_to_merge_says_so_whole_at_80_columns() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('3'));
    desk.press(KeyCode::Char('M'));
    let id = desk.driver.state.customers.merging.as_ref().unwrap().id;
    let t = draw(&desk.driver.state, (80, 24), |f, s| {
        ui::customers::render(f, f.area(), s);
    });
    find(
        t.backend().buffer(),
        &format!(" merge #{id}: M on the keeper "),
    );
    let status = desk.driver.state.status.as_ref().unwrap().text.clone();
    assert!(status.chars().count() <= 60, "{status}");
}

#[test]
fn stored_control_characters_show_as_symbols_and_never_reach_the_terminal() {
    let desk = Desk::demo();
    // An older database's text, written before input was checked.
    let conn = rusqlite::Connection::open(desk.dir.path().join("demo.db")).unwrap();
    conn.execute(
        "UPDATE bookings SET message = 'x' || char(27) || ']0;owned' || char(7) || char(27) || '[2J end'
         WHERE status = 'confirmed'",
        [],
    )
    .unwrap();
    let mut desk = desk;
    desk.select_booking_in(BookingStatus::Confirmed);
    desk.press(KeyCode::Enter);
    let t = draw(&desk.driver.state, (120, 40), bookings_with_detail);
    let buffer = t.backend().buffer();
    for cell in buffer.content() {
        assert!(
            !cell.symbol().contains(char::is_control),
            "a control character reached a cell: {:?}",
            cell.symbol()
        );
    }
    find(buffer, "x␛]0;owned␇␛[2J end");
}
