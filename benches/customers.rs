//! How fast the Customers screen and the booking form's customer picker
//! feel with 1,000,000 customers (and 1,000,000 bookings) in the generated
//! database, on a private copy, drawn on a 120×40 `TestBackend`:
//!
//! - opening Customers (`3`) from the board, to its finished frame;
//! - each keystroke of a search (`/` then a name, an email fragment, a
//!   phone in national format), to its finished frame;
//! - cursor steps and pages through the list;
//! - the picker's query (`Store::find_customers`) for each prefix of a name;
//! - resident memory after the session, and its peak.
//!
//! Prints a table against the targets (16 ms p99 for opening and
//! for search keystrokes, 5 ms for cursor steps, 50 MB resident).
//! `cargo bench --bench customers`; `cargo test --benches` runs a short
//! smoke version on a small database.

// Only its reading of /proc/self/status is used here.
#[allow(dead_code)]
#[path = "support/cold_start.rs"]
mod cold_start;
#[path = "support/scale_db.rs"]
mod scale_db;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scale_db::{Res, cached_database, remove_database, scale_params, scratch_copy};
use slotdesk::app::Msg;
use slotdesk::app::keymap::Keymap;
use slotdesk::runtime::Driver;
use slotdesk::store::Store;
use std::time::{Duration, Instant};

const OPEN_AND_SEARCH_P99_MS: f64 = 16.0;
const CURSOR_P99_MS: f64 = 5.0;
const RESIDENT_MB: f64 = 50.0;

/// What a key does, for the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Back to the board, between rounds (not reported).
    Board,
    Open,
    Search,
    Cursor,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Self::Board => "back to the board (1)",
            Self::Open => "open Customers (3)",
            Self::Search => "search keystroke",
            Self::Cursor => "cursor step / page",
        }
    }

    fn target_ms(self) -> f64 {
        match self {
            Self::Board | Self::Open | Self::Search => OPEN_AND_SEARCH_P99_MS,
            Self::Cursor => CURSOR_P99_MS,
        }
    }
}

fn main() {
    if let Err(e) = run() {
        eprintln!("customers bench: {e}");
        std::process::exit(1);
    }
}

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// The session: open, search three ways, walk the list; `reps` times.
fn script(reps: usize) -> Vec<(Kind, KeyEvent)> {
    let mut keys = Vec::new();
    for _ in 0..reps {
        keys.push((Kind::Open, press(KeyCode::Char('3'))));
        for _ in 0..20 {
            keys.push((Kind::Cursor, press(KeyCode::Char('j'))));
        }
        keys.push((Kind::Cursor, press(KeyCode::PageDown)));
        keys.push((Kind::Cursor, press(KeyCode::PageDown)));
        keys.push((Kind::Cursor, press(KeyCode::PageUp)));
        for text in ["bennett", "amelia.hu", "020 7946 0", "oliver be"] {
            keys.push((Kind::Search, press(KeyCode::Char('/'))));
            for c in text.chars() {
                keys.push((Kind::Search, press(KeyCode::Char(c))));
            }
            keys.push((Kind::Search, press(KeyCode::Backspace)));
            keys.push((Kind::Search, press(KeyCode::Enter)));
            for _ in 0..5 {
                keys.push((Kind::Cursor, press(KeyCode::Char('j'))));
            }
            keys.push((Kind::Search, press(KeyCode::Esc)));
        }
        keys.push((Kind::Board, press(KeyCode::Char('1'))));
    }
    keys
}

fn run() -> Res<()> {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let mut params = scale_params(benchmarking)?;
    params.customers = if benchmarking { 1_000_000 } else { 20_000 };
    let data = cached_database(&params)?;
    let db = scratch_copy(&data, "customers")?;
    let now = params.now();
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let reps = if benchmarking { 10 } else { 1 };

    let mut driver = Driver::new(Store::create(&db)?, now, Keymap::default(), "bench".into());
    let mut terminal = Terminal::new(TestBackend::new(120, 40))?;
    terminal.draw(|f| slotdesk::ui::render(f, &driver.state))?;
    // As the desk does on a background thread while it opens.
    slotdesk::domain::customer::load_phone_metadata();
    let mut samples: Vec<(Kind, Duration)> = Vec::new();
    for (kind, key) in script(reps) {
        let started = Instant::now();
        driver.send(Msg::Key(key));
        terminal.draw(|f| slotdesk::ui::render(f, &driver.state))?;
        samples.push((kind, started.elapsed()));
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let rss = cold_start::status_kib(&status, "VmRSS:");
    let peak = cold_start::status_kib(&status, "VmHWM:");
    if let Some(s) = &driver.state.status {
        println!("last status: {}", s.text);
    }

    let mut picker = Vec::new();
    for _ in 0..reps {
        for text in [
            "be",
            "ben",
            "benn",
            "benne",
            "oliver be",
            "020 7946 0",
            "amelia.hughes",
        ] {
            let started = Instant::now();
            let found = driver.executor.store.find_customers(text, now, 8)?;
            picker.push(started.elapsed());
            std::hint::black_box(found);
        }
    }
    drop(driver);

    println!(
        "\nslotdesk customers: {} customers, {} bookings, 120×40 TestBackend",
        params.customers, params.bookings
    );
    println!(
        "  {:<28} {:>6} {:>9} {:>9} {:>9} {:>8}  verdict",
        "key (press → frame)", "n", "median", "p99", "max", "target"
    );
    for kind in [Kind::Open, Kind::Search, Kind::Cursor] {
        let mut times: Vec<Duration> = samples
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, d)| *d)
            .collect();
        if kind == Kind::Open {
            println!(
                "  (each opening, ms: {:.1?})",
                times.iter().map(|d| ms(*d)).collect::<Vec<_>>()
            );
        }
        times.sort();
        let p99 = ms(percentile(&times, 99));
        println!(
            "  {:<28} {:>6} {:>7.2}ms {:>7.2}ms {:>7.2}ms {:>6.0}ms  {}",
            kind.label(),
            times.len(),
            ms(percentile(&times, 50)),
            p99,
            ms(percentile(&times, 100)),
            kind.target_ms(),
            if p99 < kind.target_ms() { "ok" } else { "OVER" }
        );
    }
    picker.sort();
    println!(
        "  {:<28} {:>6} {:>7.2}ms {:>7.2}ms {:>7.2}ms {:>6.0}ms  {}",
        "picker query (8 matches)",
        picker.len(),
        ms(percentile(&picker, 50)),
        ms(percentile(&picker, 99)),
        ms(percentile(&picker, 100)),
        OPEN_AND_SEARCH_P99_MS,
        if ms(percentile(&picker, 99)) < OPEN_AND_SEARCH_P99_MS {
            "ok"
        } else {
            "OVER"
        }
    );
    let mb = |kib: Option<u64>| {
        kib.map_or(f64::NAN, |k| {
            f64::from(u32::try_from(k).unwrap_or(u32::MAX)) / 1024.0
        })
    };
    println!(
        "  resident memory after the session {:.1} MB, peak {:.1} MB (target < {RESIDENT_MB:.0} MB): {}",
        mb(rss),
        mb(peak),
        if mb(rss) < RESIDENT_MB { "ok" } else { "OVER" }
    );
    remove_database(&db)?;
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The `q`th percentile (nearest rank; 100 is the maximum) of sorted `v`.
fn percentile(v: &[Duration], q: usize) -> Duration {
    if v.is_empty() {
        return Duration::ZERO;
    }
    let rank = (q * v.len()).div_ceil(100);
    v[rank.clamp(1, v.len()) - 1]
}
