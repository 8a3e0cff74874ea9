//! A desk on the demo database at a fixed clock, without a terminal: for
//! app-flow tests and screen snapshots.
#![allow(dead_code, clippy::unwrap_used)]

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use slotdesk::app::keymap::Keymap;
use slotdesk::app::screens::board::{SlotLook, look};
use slotdesk::app::{Effect, Msg};
use slotdesk::demo;
use slotdesk::domain::{Booking, BookingStatus, Slot};
use slotdesk::runtime::Driver;
use slotdesk::store::Store;

/// Monday 23 November 2026, 09:30 in London (GMT): the demo's fixed "now".
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap()
}

/// A desk over a fresh demo database in a temp dir.
pub struct Desk {
    pub dir: tempfile::TempDir,
    pub driver: Driver,
}

impl Desk {
    /// The demo database loaded at [`now`], the desk opened at [`now`] and
    /// signed in as the demo's manager, Morgan Lead.
    pub fn demo() -> Self {
        let mut desk = Self::demo_signed_out();
        desk.sign_in("Morgan Lead", "2222");
        // Snapshots show what the test does next, not the sign-in message.
        desk.driver.state.status = None;
        desk
    }

    /// The demo desk before anyone signs in.
    pub fn demo_signed_out() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        let mut store = Store::create(&path).unwrap();
        demo::load_demo(&mut store, now()).unwrap();
        let driver = Driver::new(store, now(), Keymap::default(), "test".into());
        Self { dir, driver }
    }

    /// Signs `name` in with `pin`, as the sign-in form does.
    pub fn sign_in(&mut self, name: &str, pin: &str) -> &mut Self {
        self.driver.run(vec![Effect::SignIn {
            name: name.into(),
            pin: pin.into(),
        }]);
        self
    }

    /// An empty database (first run).
    pub fn empty() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(&dir.path().join("empty.db")).unwrap();
        let driver = Driver::new(store, now(), Keymap::default(), "test".into());
        Self { dir, driver }
    }

    /// Presses a key.
    pub fn press(&mut self, code: KeyCode) -> &mut Self {
        self.driver.press(code);
        self
    }

    /// Presses a key with modifiers.
    pub fn press_with(&mut self, code: KeyCode, modifiers: KeyModifiers) -> &mut Self {
        self.driver.send(Msg::Key(KeyEvent::new(code, modifiers)));
        self
    }

    /// Types text, one key per character.
    pub fn type_text(&mut self, text: &str) -> &mut Self {
        self.driver.type_text(text);
        self
    }

    /// Advances the clock by `seconds` with a tick.
    pub fn tick(&mut self, seconds: i64) -> &mut Self {
        let now = self.driver.state.now + chrono::Duration::seconds(seconds);
        self.driver.send(Msg::Tick(now));
        self
    }

    /// Draws the desk on a `width`×`height` test terminal.
    pub fn draw(&self, width: u16, height: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|f| slotdesk::ui::render(f, &self.driver.state))
            .unwrap();
        terminal
    }

    /// The screen as text lines.
    pub fn screen(&self, width: u16, height: u16) -> String {
        let terminal = self.draw(width, height);
        let buffer = terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                out.push_str(buffer[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }
}

impl Desk {
    /// Moves the board cursor to the first slot that looks `wanted`.
    pub fn select_look(&mut self, wanted: SlotLook) -> &mut Self {
        self.select_slot(&format!("{wanted:?}"), |_, t| t == wanted)
    }

    /// Moves the board cursor down the columns to the first slot `wanted`
    /// takes (with its look); panics naming `what` when there is none.
    pub fn select_slot(
        &mut self,
        what: &str,
        wanted: impl Fn(&Slot, SlotLook) -> bool,
    ) -> &mut Self {
        for _ in 0..200 {
            let state = &self.driver.state;
            let slot = state.board.selected_slot().unwrap();
            let view = state.board.view.as_ref().unwrap();
            if wanted(slot, look(slot, &view.bookings, state.now)) {
                return self;
            }
            let before = state.board.cursor;
            self.press(KeyCode::Down);
            if self.driver.state.board.cursor == before {
                self.press(KeyCode::Right);
            }
        }
        panic!("no {what} slot found");
    }

    /// The bookings of the board's loaded days; panics before the board
    /// has loaded.
    pub fn board_bookings(&self) -> &[Booking] {
        &self.driver.state.board.view.as_ref().unwrap().bookings
    }

    /// In a new-booking or waitlist form focused on First name, types Zed
    /// Quill and his phone (Email left empty), the focus left on Phone.
    pub fn type_zed_quill(&mut self) -> &mut Self {
        self.type_text("Zed")
            .press(KeyCode::Tab)
            .type_text("Quill")
            .press(KeyCode::Tab)
            .press(KeyCode::Tab)
            .type_text("020 7946 0999")
    }

    /// Moves the board cursor to the first free slot.
    pub fn select_free_slot(&mut self) -> &mut Self {
        self.select_look(SlotLook::Free)
    }

    /// Shows the bookings list with the first booking in `status` selected.
    pub fn select_booking_in(&mut self, status: BookingStatus) -> &mut Self {
        self.press(KeyCode::Char('2'));
        let page = self.driver.state.bookings.page.clone().unwrap();
        let at = page
            .bookings
            .iter()
            .position(|b| b.status == status)
            .unwrap();
        for _ in 0..at {
            self.press(KeyCode::Down);
        }
        self
    }
}
