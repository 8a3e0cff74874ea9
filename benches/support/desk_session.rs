//! A scripted session at the desk: day moves and cursor moves on the board,
//! then the bookings list filtered to every booking and to one year, paged
//! down and up, then the board again. Each key is timed from the press to
//! its finished frame.

use super::desk_trace::Trace;
use super::scale_db::Res;
use chrono::{DateTime, NaiveDate, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use slotdesk::app::Msg;
use slotdesk::app::keymap::Keymap;
use slotdesk::runtime::Driver;
use slotdesk::store::Store;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

/// What a key does, for the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    DayMove,
    BoardCursor,
    ListCursor,
    PageAll,
    PageYear,
    Screen,
    FilterForm,
    /// Today: opening it (a load) and its keys (cursor, resource filter).
    Today,
}

impl Kind {
    pub const ALL: [Self; 8] = [
        Self::DayMove,
        Self::BoardCursor,
        Self::ListCursor,
        Self::PageAll,
        Self::PageYear,
        Self::Screen,
        Self::FilterForm,
        Self::Today,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::DayMove => "board: day move [ ]",
            Self::BoardCursor => "board: cursor h j k l",
            Self::ListCursor => "bookings: cursor j k",
            Self::PageAll => "bookings: pgdn/pgup, all bookings",
            Self::PageYear => "bookings: pgdn/pgup, one year",
            Self::Screen => "screen switch 1 2 (loads)",
            Self::FilterForm => "filter form: open, type, apply",
            Self::Today => "today: open 5, cursor j k, resource f",
        }
    }

    /// Whether the 16 ms p99 target applies (moving and paging).
    pub fn has_target(self) -> bool {
        !matches!(self, Self::Screen | Self::FilterForm)
    }
}

/// One key's time.
pub struct Sample {
    pub kind: Kind,
    /// `driver.send`: update and every effect against SQLite.
    pub send: Duration,
    /// `terminal.draw`.
    pub draw: Duration,
}

/// Resident memory, KiB.
pub struct Memory {
    pub rss_kib: Option<u64>,
    pub peak_kib: Option<u64>,
}

/// Where the session went, to show it did what it says.
#[derive(Default)]
pub struct Coverage {
    days: Option<(NaiveDate, NaiveDate)>,
    lists: BTreeMap<Kind, (u64, u32, u32)>,
    errors: Vec<String>,
}

impl Coverage {
    fn note(&mut self, kind: Kind, driver: &Driver) {
        let state = &driver.state;
        let d = state.board.date;
        self.days = Some(self.days.map_or((d, d), |(a, b)| (a.min(d), b.max(d))));
        if let (Kind::PageAll | Kind::PageYear, Some(page)) = (kind, &state.bookings.page) {
            let p = page.pagination;
            let seen = self.lists.entry(kind).or_insert((0, 0, p.total_pages));
            seen.0 = p.total_count;
            seen.1 = seen.1.max(p.current_page);
            seen.2 = p.total_pages;
        }
        if let Some(status) = &state.status
            && status.kind == slotdesk::app::state::MessageKind::Error
            && !self.errors.contains(&status.text)
        {
            self.errors.push(status.text.clone());
        }
    }
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((from, to)) = self.days {
            write!(f, "board days {from}…{to}")?;
        }
        for (kind, (count, page, pages)) in &self.lists {
            let what = if *kind == Kind::PageAll {
                "all"
            } else {
                "year"
            };
            write!(f, "; {what}: {count} bookings, paged to {page} of {pages}")?;
        }
        if !self.errors.is_empty() {
            write!(f, "; ERRORS: {}", self.errors.join(" | "))?;
        }
        Ok(())
    }
}

/// A timed session's results.
pub struct Outcome {
    pub samples: Vec<Sample>,
    pub memory: Memory,
    pub coverage: Coverage,
}

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn char_keys(kind: Kind, text: &str) -> impl Iterator<Item = (Kind, KeyEvent)> + '_ {
    text.chars().map(move |c| (kind, press(KeyCode::Char(c))))
}

/// Opens the bookings filter and sets From and To (empty: no limit).
fn set_filter(keys: &mut Vec<(Kind, KeyEvent)>, from: &str, to: &str) {
    let clear = (
        Kind::FilterForm,
        KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
    );
    keys.push((Kind::FilterForm, press(KeyCode::Char('/'))));
    keys.push(clear);
    keys.extend(char_keys(Kind::FilterForm, from));
    keys.push((Kind::FilterForm, press(KeyCode::Tab)));
    keys.push(clear);
    keys.extend(char_keys(Kind::FilterForm, to));
    keys.push((Kind::FilterForm, press(KeyCode::Enter)));
}

/// The keys, `reps` × about a hundred (10 for the measurement).
pub fn script(reps: usize) -> Vec<(Kind, KeyEvent)> {
    let cursor = ['j', 'l', 'j', 'l', 'k', 'h', 'k', 'h'];
    let mut keys = Vec::new();
    // Mostly back through busy history, a step forward every third day.
    for i in 0..15 * reps {
        let day = if i % 3 == 2 { ']' } else { '[' };
        keys.push((Kind::DayMove, press(KeyCode::Char(day))));
        for c in [cursor[(2 * i) % 8], cursor[(2 * i + 1) % 8]] {
            keys.push((Kind::BoardCursor, press(KeyCode::Char(c))));
        }
    }
    keys.push((Kind::Screen, press(KeyCode::Char('2'))));
    set_filter(&mut keys, "", "");
    for _ in 0..10 * reps {
        keys.push((Kind::PageAll, press(KeyCode::PageDown)));
        keys.extend(char_keys(Kind::ListCursor, "jj"));
    }
    for _ in 0..3 * reps {
        keys.push((Kind::PageAll, press(KeyCode::PageUp)));
    }
    set_filter(&mut keys, "2025-01-01", "2025-12-31");
    for _ in 0..6 * reps {
        keys.push((Kind::PageYear, press(KeyCode::PageDown)));
        keys.extend(char_keys(Kind::ListCursor, "k"));
    }
    for _ in 0..2 * reps {
        keys.push((Kind::PageYear, press(KeyCode::PageUp)));
    }
    for _ in 0..5 * reps {
        keys.push((Kind::Today, press(KeyCode::Char('5'))));
        keys.extend(char_keys(Kind::Today, "jjkf"));
        keys.push((Kind::Screen, press(KeyCode::Char('2'))));
    }
    keys.push((Kind::Screen, press(KeyCode::Char('1'))));
    for i in 0..5 * reps {
        keys.push((Kind::DayMove, press(KeyCode::Char(']'))));
        let c = if i % 2 == 0 { 'l' } else { 'h' };
        keys.push((Kind::BoardCursor, press(KeyCode::Char(c))));
    }
    keys
}

fn open(db: &Path, now: DateTime<Utc>) -> Res<Driver> {
    // The desk loads the phone metadata on a thread as it starts, before
    // anyone can reach a screen that shows a phone: so does the bench.
    slotdesk::domain::customer::load_phone_metadata();
    Ok(Driver::new(
        Store::create(db)?,
        now,
        Keymap::default(),
        "bench".into(),
    ))
}

/// Plays `script` on a desk over `db`, timing each key to its frame; reads
/// the memory with the desk still open.
pub fn run(
    db: &Path,
    now: DateTime<Utc>,
    script: &[(Kind, KeyEvent)],
    terminal: fn() -> Res<Terminal<TestBackend>>,
) -> Res<Outcome> {
    let mut driver = open(db, now)?;
    let mut terminal = terminal()?;
    terminal.draw(|f| slotdesk::ui::render(f, &driver.state))?;
    let mut samples = Vec::with_capacity(script.len());
    let mut coverage = Coverage::default();
    for (kind, key) in script {
        let started = Instant::now();
        driver.send(Msg::Key(*key));
        let sent = Instant::now();
        terminal.draw(|f| slotdesk::ui::render(f, &driver.state))?;
        let drawn = Instant::now();
        samples.push(Sample {
            kind: *kind,
            send: sent - started,
            draw: drawn - sent,
        });
        coverage.note(*kind, &driver);
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let memory = Memory {
        rss_kib: super::cold_start::status_kib(&status, "VmRSS:"),
        peak_kib: super::cold_start::status_kib(&status, "VmHWM:"),
    };
    drop(driver);
    Ok(Outcome {
        samples,
        memory,
        coverage,
    })
}

/// Each key kind's steps.
pub type KindTraces = BTreeMap<Kind, Trace>;

/// Plays `script` again on a fresh desk with every step timed apart.
pub fn trace(
    db: &Path,
    now: DateTime<Utc>,
    script: &[(Kind, KeyEvent)],
    terminal: fn() -> Res<Terminal<TestBackend>>,
) -> Res<KindTraces> {
    let mut driver = open(db, now)?;
    let mut terminal = terminal()?;
    let mut traces = KindTraces::new();
    for (kind, key) in script {
        traces.entry(*kind).or_default().send_and_draw(
            &mut driver,
            &mut terminal,
            Msg::Key(*key),
        )?;
    }
    for t in traces.values_mut() {
        t.split_load_days(&driver.executor.store, now)?;
    }
    Ok(traces)
}

/// The screen's rows as text.
pub fn rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect()
}

/// The `q`th percentile (nearest rank; 100 is the maximum) of sorted `v`.
pub fn percentile(v: &[Duration], q: usize) -> Duration {
    if v.is_empty() {
        return Duration::ZERO;
    }
    let rank = (q * v.len()).div_ceil(100);
    v[rank.clamp(1, v.len()) - 1]
}
