//! The default tables follow the design, overrides replace an action's keys,
//! and overlays answer only from their own tables.

use super::*;
use crossterm::event::KeyCode;

#[test]
fn default_keys_follow_the_design() {
    let map = Keymap::default();
    let on = |c, k| map.lookup(c, k);
    assert_eq!(on(Context::Board, Key::char('r')), Some(Action::Reserve));
    assert_eq!(on(Context::Board, Key::char('[')), Some(Action::DayBack));
    assert_eq!(on(Context::Bookings, Key::char('x')), Some(Action::Cancel));
    assert_eq!(on(Context::Bookings, Key::char('q')), Some(Action::Quit));
    assert_eq!(on(Context::Activity, Key::char('r')), None);
    assert_eq!(on(Context::Board, Key::char('D')), Some(Action::Delete));
}

#[test]
fn overlays_answer_only_from_their_own_table() {
    let map = Keymap::default();
    let on = |c, k| map.lookup(c, k);
    // A form types `q` and `1` into its field; only its own keys act.
    assert_eq!(on(Context::Form, Key::char('q')), None);
    assert_eq!(on(Context::Form, Key::char('1')), None);
    assert_eq!(
        on(Context::Form, Key::plain(KeyCode::Enter)),
        Some(Action::Submit)
    );
    assert_eq!(on(Context::Form, Key::ctrl('s')), Some(Action::Submit));
    assert_eq!(
        on(Context::Form, Key::plain(KeyCode::BackTab)),
        Some(Action::PreviousField)
    );
    assert_eq!(on(Context::Discard, Key::char('y')), Some(Action::Discard));
    assert_eq!(on(Context::Help, Key::char('?')), Some(Action::Back));
    assert_eq!(
        on(Context::Palette, Key::char('j')),
        None,
        "j types into the filter"
    );
    assert_eq!(on(Context::Detail, Key::char('c')), Some(Action::Confirm));
    assert_eq!(
        on(Context::Detail, Key::char('2')),
        None,
        "no screen switch under the detail"
    );
}

#[test]
fn a_binding_is_worded_for_its_context() {
    let map = Keymap::default();
    let search = |c| map.binding_for(c, Action::Search).map(|b| b.hint);
    assert_eq!(search(Context::Bookings), Some("filter"));
    assert_eq!(search(Context::Customers), Some("search"));
    assert_eq!(search(Context::Board), Some("search"), "the global binding");
}

#[test]
fn overrides_replace_an_actions_keys() {
    let mut overrides = KeyOverrides::new();
    overrides
        .entry(Context::Board)
        .or_default()
        .insert(Action::Reserve, vec!["ctrl-r".into(), "v".into()]);
    overrides
        .entry(Context::Form)
        .or_default()
        .insert(Action::Submit, vec!["ctrl-s".into()]);
    let map = Keymap::with_overrides(&overrides).unwrap();
    assert_eq!(map.lookup(Context::Board, Key::char('r')), None);
    assert_eq!(
        map.lookup(Context::Board, Key::ctrl('r')),
        Some(Action::Reserve)
    );
    assert_eq!(
        map.key_for(Context::Board, Action::Reserve),
        Some(Key::ctrl('r'))
    );
    assert_eq!(map.lookup(Context::Form, Key::plain(KeyCode::Enter)), None);
    overrides
        .entry(Context::Global)
        .or_default()
        .insert(Action::Quit, vec!["nonsense-key".into()]);
    assert!(Keymap::with_overrides(&overrides).is_err());
}

#[test]
fn an_unbound_action_gives_no_hint_key() {
    let mut overrides = KeyOverrides::new();
    overrides
        .entry(Context::Bookings)
        .or_default()
        .insert(Action::Sort, Vec::new());
    let map = Keymap::with_overrides(&overrides).unwrap();
    assert_eq!(map.key_for(Context::Bookings, Action::Sort), None);
    assert!(map.binding_for(Context::Bookings, Action::Sort).is_none());
}
