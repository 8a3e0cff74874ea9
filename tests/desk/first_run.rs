//! The first-run screen, as a new user with only the binary sees it: where
//! the database is (its whole path), the starter catalog written beside it
//! on one key, the commands to print and apply one (whole, to copy) and the
//! demo; and the board opening as soon as a catalog is applied.
#![allow(clippy::unwrap_used)]

use crate::support::Desk;
use crossterm::event::KeyCode;
use slotdesk::domain::catalog_file::{Catalog, STARTER};
use slotdesk::store::Store;

/// The screen as a new user with the default database path sees it.
fn at_the_default_path() -> Desk {
    let mut desk = Desk::empty();
    desk.driver.state.db_label = "/home/desk/.local/share/slotdesk/slotdesk.db".into();
    desk
}

#[test]
fn a_database_without_a_catalog_says_where_it_is_and_how_to_start() {
    let desk = at_the_default_path();
    for (w, h) in [(120, 40), (80, 24)] {
        let screen = desk.screen(w, h);
        for words in [
            "/home/desk/.local/share/slotdesk/slotdesk.db",
            "s writes one beside the database",
            "slotdesk catalog template > my-clinic.toml",
            "slotdesk --db /home/desk/.local/share/slotdesk/slotdesk.db catalog",
            "slotdesk --demo",
            "q quits.",
        ] {
            assert!(screen.contains(words), "{w}x{h}: {words}\n{screen}");
        }
        // Printed by the first command, applied by the second (whole at
        // 120 columns, going on over a line at 80).
        assert_eq!(screen.matches("my-clinic.toml").count(), 2, "{screen}");
        // Nothing a user with only the binary does not have.
        assert!(!screen.contains("assets/"), "{screen}");
    }
    insta::assert_snapshot!("first_run_120x40", desk.draw(120, 40).backend());
    insta::assert_snapshot!("first_run_80x24", desk.draw(80, 24).backend());
}

#[test]
fn the_whole_path_of_the_database_is_shown() {
    let desk = Desk::empty();
    let db = desk.dir.path().join("empty.db");
    assert!(db.is_absolute());
    let screen = desk.screen(120, 40);
    assert!(screen.contains(&db.display().to_string()), "{screen}");
}

#[test]
fn its_key_writes_the_starter_catalog_beside_the_database_and_says_how_to_apply_it() {
    let mut desk = Desk::empty();
    desk.press(KeyCode::Char('s'));
    let file = desk.dir.path().join("empty-catalog.toml");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), STARTER);
    let status = desk.driver.state.status.clone().unwrap().text;
    assert!(status.contains(&file.display().to_string()), "{status}");
    let db = desk.dir.path().join("empty.db");
    let screen = desk.screen(120, 40);
    for words in [
        "Your starter catalog, to edit:".to_owned(),
        file.display().to_string(),
        format!("slotdesk --db {} catalog apply", db.display()),
    ] {
        assert!(screen.contains(&words), "{words}\n{screen}");
    }
    // Pressed again, the file (edited by now) is kept as it is.
    std::fs::write(&file, STARTER.replace("My Clinic", "Harbour Clinic")).unwrap();
    desk.press(KeyCode::Char('s'));
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Harbour Clinic")
    );
    let status = desk.driver.state.status.clone().unwrap().text;
    assert!(status.contains("kept as it is"), "{status}");

    // Applied from elsewhere (the command line), the board opens here.
    let mut other = Store::open(&db).unwrap();
    let catalog = Catalog::from_toml(&std::fs::read_to_string(&file).unwrap()).unwrap();
    other
        .apply_catalog(&catalog, desk.driver.state.now)
        .unwrap();
    desk.tick(1);
    assert!(!desk.driver.state.first_run);
    let screen = desk.screen(120, 40);
    assert!(screen.contains("Harbour Clinic"), "{screen}");
    assert!(screen.contains("Alex Morgan"), "{screen}");
}

#[test]
fn the_starter_catalog_written_shows_in_place_of_how_to_get_one() {
    let mut desk = at_the_default_path();
    desk.driver.state.starter_catalog =
        Some("/home/desk/.local/share/slotdesk/slotdesk-catalog.toml".into());
    let screen = desk.screen(80, 24);
    assert!(!screen.contains("my-clinic.toml"), "{screen}");
    insta::assert_snapshot!("first_run_written_80x24", desk.draw(80, 24).backend());
    insta::assert_snapshot!("first_run_written_120x40", desk.draw(120, 40).backend());
}
