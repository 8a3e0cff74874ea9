//! The first-run screen (a database with no catalog): its own key asks for
//! the starter catalog beside the database, and where it went is kept for
//! the screen; the board's keys still say a catalog is needed.

use super::*;
use crate::app::keymap::Context;
use crate::app::msg::StarterFile;
use std::path::PathBuf;

fn first_run() -> AppState {
    let mut state = AppState::new(now(), Keymap::default(), "/data/desk.db".into(), "k".into());
    init(&mut state);
    update(&mut state, Msg::CatalogLoaded(None));
    assert!(state.first_run);
    state
}

#[test]
fn the_first_run_screen_has_its_own_keys_over_the_global_ones() {
    let mut state = first_run();
    assert_eq!(state.context(), Context::FirstRun);
    assert_eq!(
        press_char(&mut state, 's'),
        vec![Effect::WriteStarterCatalog]
    );
    // The global keys still work there.
    press_char(&mut state, '?');
    assert_eq!(state.context(), Context::Help);
    press(&mut state, KeyCode::Esc);
    press_char(&mut state, 'q');
    assert!(state.quit);
}

#[test]
fn the_boards_keys_still_say_a_catalog_is_needed() {
    let mut state = first_run();
    assert_eq!(press_char(&mut state, 'r'), Vec::new());
    assert!(
        status_text(&state).contains("no catalog yet"),
        "{}",
        status_text(&state)
    );
    assert_eq!(press_char(&mut state, '2'), Vec::new());
    assert!(state.first_run);
}

#[test]
fn where_the_starter_catalog_went_is_kept_for_the_screen() {
    let mut state = first_run();
    let path = PathBuf::from("/data/desk-catalog.toml");
    update(
        &mut state,
        Msg::StarterWritten(Ok(StarterFile::Written(path.clone()))),
    );
    assert_eq!(state.starter_catalog, Some(path.clone()));
    assert_eq!(
        status_text(&state),
        "starter catalog written to /data/desk-catalog.toml: edit it, then apply it"
    );
    // A second press finds it there and keeps it as it is.
    update(
        &mut state,
        Msg::StarterWritten(Ok(StarterFile::AlreadyThere(path.clone()))),
    );
    assert_eq!(state.starter_catalog, Some(path));
    assert!(
        status_text(&state).contains("is there already (kept as it is)"),
        "{}",
        status_text(&state)
    );
}

#[test]
fn a_starter_catalog_that_cannot_be_written_says_why_and_how_else() {
    let mut state = first_run();
    update(
        &mut state,
        Msg::StarterWritten(Err(
            "cannot write /ro/desk-catalog.toml: permission denied".into()
        )),
    );
    assert_eq!(state.starter_catalog, None);
    let status = state.status.clone().unwrap();
    assert_eq!(status.kind, crate::app::state::MessageKind::Error);
    assert!(status.text.contains("permission denied"), "{}", status.text);
}

#[test]
fn a_desk_with_a_catalog_writes_no_starter_from_the_palette() {
    let mut s = desk();
    let effects = crate::app::update::action(&mut s, crate::app::Action::WriteStarterCatalog);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(
        status_text(&s).contains("catalog template"),
        "{}",
        status_text(&s)
    );
}
