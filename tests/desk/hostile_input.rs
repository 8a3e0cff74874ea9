//! Any keys, pastes and ticks, on any screen, in any form: the desk never
//! panics and always draws (at 80×24 and 120×40). A property test over
//! random input on copies of one demo database.
#![allow(clippy::unwrap_used)]

use crate::support::{Desk, now};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use slotdesk::app::Msg;
use slotdesk::app::keymap::Keymap;
use slotdesk::demo;
use slotdesk::runtime::Driver;
use slotdesk::store::Store;
use std::path::PathBuf;
use std::sync::OnceLock;

/// One demo database, made once; each case works on a copy.
fn template() -> &'static PathBuf {
    static TEMPLATE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("template.db");
        let mut store = Store::create(&path).unwrap();
        demo::load_demo(&mut store, now()).unwrap();
        drop(store);
        (dir, path)
    });
    path
}

fn desk_on_a_copy() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    std::fs::copy(template(), &path).unwrap();
    let driver = Driver::new(
        Store::open(&path).unwrap(),
        now(),
        Keymap::default(),
        "prop".into(),
    );
    let mut desk = Desk { dir, driver };
    desk.sign_in("Morgan Lead", "2222");
    desk
}

#[derive(Debug, Clone)]
enum Input {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Tick(i64),
    Resize(u16, u16),
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        // The desk's own letters and digits, most of the time.
        4 => prop::sample::select(
            "rnxcmeupiDRF+MbsAtgw[]123450/:?q yYnN-.,@é漢😀".chars().collect::<Vec<_>>()
        )
        .prop_map(KeyCode::Char),
        1 => any::<char>().prop_map(KeyCode::Char),
        3 => prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::F(5),
        ]),
    ]
}

fn input() -> impl Strategy<Value = Input> {
    let modifiers = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
    ]);
    prop_oneof![
        12 => (key_code(), modifiers).prop_map(|(c, m)| Input::Key(c, m)),
        2 => prop_oneof![
            any::<String>(),
            "[0-9]{1,40}",
            Just("1e3".to_owned()),
            Just("792281625142643375935439504".to_owned()),
            Just("\u{1b}[2J\u{7}\u{0}ab\ncd\r\n".to_owned()),
            Just("ä".repeat(5000)),
        ]
        .prop_map(Input::Paste),
        1 => (0_i64..4000).prop_map(Input::Tick),
        1 => (1_u16..200, 1_u16..60).prop_map(|(w, h)| Input::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn any_keys_pastes_ticks_and_sizes_never_panic_the_desk(inputs in prop::collection::vec(input(), 1..80)) {
        let mut desk = desk_on_a_copy();
        let mut at = now();
        for input in inputs {
            let msg = match input {
                Input::Key(code, modifiers) => Msg::Key(KeyEvent::new(code, modifiers)),
                Input::Paste(text) => Msg::Paste(text),
                Input::Tick(seconds) => {
                    at += chrono::Duration::seconds(seconds);
                    Msg::Tick(at)
                }
                Input::Resize(w, h) => Msg::Resized(w, h),
            };
            desk.driver.send(msg);
            if desk.driver.state.quit {
                break;
            }
        }
        // Whatever state it ended in draws at both sizes.
        let _ = desk.draw(80, 24);
        let _ = desk.draw(120, 40);
    }
}
