//! Service names in narrow columns (the week view, the board and the
//! bookings list at 80×24): different services never read alike, the
//! catalog's short names are used, and a held cell names its service.
#![allow(clippy::unwrap_used)]

use crate::support::{Desk, now};
use crossterm::event::KeyCode;
use slotdesk::app::keymap::Keymap;
use slotdesk::app::screens::board::SlotLook;
use slotdesk::demo::{self, DEMO_CATALOG};
use slotdesk::domain::catalog_file::Catalog;
use slotdesk::runtime::Driver;
use slotdesk::store::Store;

/// The demo desk with the catalog's short names taken out again.
fn demo_without_short_names() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("demo.db")).unwrap();
    demo::load_demo(&mut store, now()).unwrap();
    let plain = DEMO_CATALOG
        .lines()
        .filter(|l| !l.starts_with("short_name"))
        .collect::<Vec<_>>()
        .join("\n");
    let changes = store
        .apply_catalog(&Catalog::from_toml(&plain).unwrap(), now())
        .unwrap();
    assert_eq!(changes.updated, 5, "{changes:?}");
    let driver = Driver::new(store, now(), Keymap::default(), "test".into());
    let mut desk = Desk { dir, driver };
    desk.sign_in("Morgan Lead", "2222");
    desk.driver.state.status = None;
    desk
}

/// The grid's lines of `screen` (between its header and the legend).
fn grid_lines(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .skip_while(|l| !l.contains(" Time "))
        .skip(1)
        .take_while(|l| !l.contains("■ free"))
        .collect()
}

#[test]
fn without_short_names_the_two_physiotherapy_services_keep_the_words_that_differ() {
    let desk = demo_without_short_names();
    let screen = desk.screen(80, 24);
    let grid = grid_lines(&screen).join("\n");
    assert!(grid.contains("Physio assess"), "{screen}");
    assert!(grid.contains("Physio follow…"), "{screen}");
    assert!(grid.contains("Physiotherapy foll…"), "{screen}");
    assert!(!grid.contains("Physiotherapy… "), "{screen}");
    insta::assert_snapshot!("board_no_short_names_80x24", desk.draw(80, 24).backend());
}

#[test]
fn in_the_week_view_different_services_never_read_alike() {
    for mut desk in [Desk::demo(), demo_without_short_names()] {
        desk.press(KeyCode::Char('w'));
        for (w, h) in [(80, 24), (120, 40)] {
            let screen = desk.screen(w, h);
            let grid = grid_lines(&screen).join("\n");
            assert!(!grid.contains("Phys…"), "{screen}");
            assert!(!grid.contains("Physi…"), "{screen}");
        }
    }
    let mut desk = demo_without_short_names();
    desk.press(KeyCode::Char('w'));
    insta::assert_snapshot!("week_no_short_names_80x24", desk.draw(80, 24).backend());
}

#[test]
fn a_held_cell_names_its_service_in_the_week_view() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('w'));
    desk.select_look(SlotLook::Free);
    let service = desk
        .driver
        .state
        .board
        .selected_slot()
        .unwrap()
        .service_name
        .clone();
    desk.press(KeyCode::Char('r')).press(KeyCode::Enter);
    assert!(desk.driver.state.overlay.is_none());
    let short = if service.contains("follow") {
        "Fol"
    } else {
        "Ass"
    };
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = desk.screen(w, h);
        let held = grid_lines(&screen)
            .into_iter()
            .find(|l| l.contains("15m") || l.contains("15:00"))
            .unwrap_or_else(|| panic!("no countdown: {screen}"));
        assert!(held.contains(short), "{service} at {w}x{h}: {screen}");
    }
    insta::assert_snapshot!("week_held_80x24", desk.draw(80, 24).backend());
    insta::assert_snapshot!("week_held_120x40", desk.draw(120, 40).backend());
}

#[test]
fn the_bookings_list_at_80_columns_uses_the_short_names() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('2'));
    let screen = desk.screen(80, 24);
    assert!(screen.contains(" Follow-up "), "{screen}");
    assert!(screen.contains(" Assessment "), "{screen}");
    assert!(!screen.contains("Physiotherapy"), "{screen}");
    // Wide, the names are whole.
    assert!(desk.screen(120, 40).contains("Physiotherapy follow-up"));
    let mut plain = demo_without_short_names();
    plain.press(KeyCode::Char('2'));
    let screen = plain.screen(80, 24);
    assert!(!screen.contains("Physiotherapy…"), "{screen}");
}
