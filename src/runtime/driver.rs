//! The desk without a terminal: state, update and the executor wired
//! together, running every effect to completion. The event loop drives one;
//! tests and the speed measurement drive one directly.

use super::executor::Executor;
use crate::app::keymap::Keymap;
use crate::app::{AppState, Effect, Msg, init, update};
use crate::domain::{Actor, Origin};
use crate::store::Store;
use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::VecDeque;

/// A running desk over one store.
pub struct Driver {
    /// What is drawn.
    pub state: AppState,
    /// Where effects run.
    pub executor: Executor,
}

impl Driver {
    /// Opens the desk on `store` at `now` and loads the first screen.
    /// What it writes is signed as coming from the desk.
    pub fn new(mut store: Store, now: DateTime<Utc>, keymap: Keymap, key_prefix: String) -> Self {
        // The whole path: the first-run screen prints it in commands to copy.
        let label = if store.on_server() {
            store.shown_path()
        } else {
            std::path::absolute(store.path()).unwrap_or_else(|_| store.path().to_owned())
        }
        .display()
        .to_string();
        let signed = store.act_as(&Actor {
            origin: Origin::Desk,
            staff: None,
        });
        let mut driver = Self {
            state: AppState::new(now, keymap, label, key_prefix),
            executor: Executor::new(store),
        };
        let effects = init(&mut driver.state);
        driver.run(effects);
        if let Err(e) = signed {
            driver
                .state
                .error(format!("cannot sign the desk's changes: {e}"));
        }
        driver
    }

    /// Applies `msg` and runs what it asks for, and what that asks for.
    pub fn send(&mut self, msg: Msg) {
        let effects = update(&mut self.state, msg);
        self.run(effects);
    }

    /// Runs `effects` and every effect their results ask for.
    pub fn run(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            for msg in self.executor.run(&effect, self.state.now) {
                queue.extend(update(&mut self.state, msg));
            }
        }
    }

    /// Presses one key.
    pub fn press(&mut self, code: KeyCode) {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// Types each character of `text` as a key press.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }
}
