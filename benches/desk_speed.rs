//! How fast the desk feels on 1,000,000 bookings (the generated database
//! the engine bench caches in `target/bench-data/`, on a private copy), at
//! the generator's "now", drawn on a 120×40 `TestBackend`:
//!
//! - first frame: `Store::open` → `Driver::new` (catalog and day) → first
//!   draw, in-process; and a real cold start of the `slotdesk` binary in a
//!   pseudo-terminal;
//! - a key press to its finished frame (`driver.send` with every effect run
//!   against SQLite, then `terminal.draw`) over a session of day moves,
//!   cursor moves and bookings paging;
//! - resident memory after the session, and its peak.
//!
//! Prints a table against the targets, then the same session with
//! each effect, update and drawing step timed apart. `cargo bench --bench
//! desk_speed`; `cargo test --benches` runs a short smoke version.

#[path = "support/cold_start.rs"]
mod cold_start;
#[path = "support/desk_trace.rs"]
mod desk_trace;
#[path = "support/scale_db.rs"]
mod scale_db;
#[path = "support/desk_session.rs"]
mod session;

use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scale_db::{Res, cached_database, remove_database, scale_params, scratch_copy};
use session::{Kind, Sample};
use slotdesk::app::keymap::Keymap;
use slotdesk::runtime::Driver;
use slotdesk::store::Store;
use std::path::Path;
use std::time::{Duration, Instant};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
const FIRST_FRAME_MS: f64 = 100.0;
const KEY_P99_MS: f64 = 16.0;
const RESIDENT_MB: f64 = 50.0;

fn main() {
    if let Err(e) = run() {
        eprintln!("desk speed: {e}");
        std::process::exit(1);
    }
}

fn run() -> Res<()> {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let params = scale_params(benchmarking)?;
    let data = cached_database(&params)?;
    let db = scratch_copy(&data, "desk")?;
    let now = params.now();
    // Generating the database (when it was missing) is not the desk's peak.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let runs = if benchmarking { 20 } else { 2 };
    let (first, screen) = first_frames(&db, now, runs)?;
    let cold = cold_starts(&db, now, &screen, if benchmarking { 5 } else { 1 });
    let reps = if benchmarking { 10 } else { 1 };
    let script = session::script(reps);
    let outcome = session::run(&db, now, &script, new_terminal)?;
    println!(
        "\nslotdesk desk speed: {} bookings, {WIDTH}×{HEIGHT} TestBackend, now {}",
        params.bookings,
        now.format("%Y-%m-%d %H:%M UTC")
    );
    // Tail latencies move with whatever else the machine is doing.
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "  machine: {} CPUs, load average {}",
        std::thread::available_parallelism().map_or(0, usize::from),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    print_first_frame(&first, &cold);
    print_keys(&outcome.samples);
    println!("  session: {}", outcome.coverage);
    print_memory(&outcome.memory, cold.as_ref().ok());
    if outcome.memory.rss_kib.is_none() {
        println!("  (no /proc/self/status: memory not measured)");
    }
    let trace = session::trace(&db, now, &script, new_terminal)?;
    print_profile(&trace);
    remove_database(&db)?;
    Ok(())
}

fn new_terminal() -> Res<Terminal<TestBackend>> {
    Ok(Terminal::new(TestBackend::new(WIDTH, HEIGHT))?)
}

/// One in-process start: open, desk, first draw.
struct FirstFrame {
    open: Duration,
    desk: Duration,
    draw: Duration,
}

impl FirstFrame {
    fn total(&self) -> Duration {
        self.open + self.desk + self.draw
    }
}

/// `runs` starts on fresh stores; the last first frame's rows.
fn first_frames(db: &Path, now: DateTime<Utc>, runs: usize) -> Res<(Vec<FirstFrame>, Vec<String>)> {
    let mut frames = Vec::new();
    let mut screen = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let store = Store::create(db)?;
        let opened = Instant::now();
        let driver = Driver::new(store, now, Keymap::default(), "bench".into());
        let desk = Instant::now();
        let mut terminal = new_terminal()?;
        terminal.draw(|f| slotdesk::ui::render(f, &driver.state))?;
        let drawn = Instant::now();
        if let Some(status) = &driver.state.status {
            println!("first frame status: {}", status.text);
        }
        if driver.state.board.view.is_none() {
            return Err("the desk opened without a day on the board".into());
        }
        screen = session::rows(&terminal);
        frames.push(FirstFrame {
            open: opened - started,
            desk: desk - opened,
            draw: drawn - desk,
        });
    }
    Ok((frames, screen))
}

/// Real starts of the binary cargo built beside this bench, waiting for a
/// line of the in-process first frame.
fn cold_starts(
    db: &Path,
    now: DateTime<Utc>,
    screen: &[String],
    runs: usize,
) -> Result<ColdStarts, String> {
    let bin = Path::new(env!("CARGO_BIN_EXE_slotdesk"));
    let marker = cold_start::marker_line(screen)
        .ok_or("the first frame is blank (no UI drawn yet), nothing to wait for")?;
    let runs = (0..runs)
        .map(|_| {
            cold_start::cold_start(bin, db, now, &marker, Duration::from_secs(10))
                .map_err(|e| e.to_string())
        })
        .collect::<Result<_, _>>()?;
    Ok(ColdStarts { runs, marker })
}

/// Cold starts of the binary and the line they waited for.
struct ColdStarts {
    runs: Vec<cold_start::ColdStart>,
    marker: String,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn verdict(ok: bool) -> &'static str {
    if ok { "ok" } else { "MISSED" }
}

fn print_first_frame(first: &[FirstFrame], cold: &Result<ColdStarts, String>) {
    let stat = |f: &dyn Fn(&FirstFrame) -> Duration| {
        let mut v: Vec<Duration> = first.iter().map(f).collect();
        v.sort();
        (
            session::percentile(&v, 50),
            v.last().copied().unwrap_or_default(),
        )
    };
    let (median, max) = stat(&|f| f.total());
    println!(
        "\n  first frame, in-process ({} runs, fresh Store each)    median      max   target",
        first.len()
    );
    println!(
        "    open → Driver::new → first draw               {:>8.2} ms {:>8.2} ms   < {FIRST_FRAME_MS} ms  {}",
        ms(median),
        ms(max),
        verdict(ms(max) < FIRST_FRAME_MS)
    );
    for (name, part) in [
        ("Store::open", stat(&|f| f.open)),
        ("Driver::new (catalog, holds, day)", stat(&|f| f.desk)),
        ("Terminal::new + first draw", stat(&|f| f.draw)),
    ] {
        println!(
            "      {name:<42} {:>8.2} ms {:>8.2} ms",
            ms(part.0),
            ms(part.1)
        );
    }
    match cold {
        Ok(cold) => {
            let mut v: Vec<Duration> = cold.runs.iter().map(|r| r.first_frame).collect();
            v.sort();
            let max = v.last().copied().unwrap_or_default();
            println!(
                "    cold start: slotdesk binary in a pty ({} runs) {:>8.2} ms {:>8.2} ms   < {FIRST_FRAME_MS} ms  {}",
                v.len(),
                ms(session::percentile(&v, 50)),
                ms(max),
                verdict(ms(max) < FIRST_FRAME_MS)
            );
            println!("      spawn until the screen shows {:?}", cold.marker);
        }
        Err(why) => println!("    cold start of the binary: not measured: {why}"),
    }
}

fn print_keys(samples: &[Sample]) {
    println!(
        "\n  key → finished frame (driver.send + draw), ms\n    {:<34} {:>4} {:>7} {:>7} {:>7} {:>7}  {:>9} {:>9}   target",
        "keys", "n", "p50", "p95", "p99", "max", "send p99", "draw p99"
    );
    for kind in Kind::ALL {
        let of_kind: Vec<&Sample> = samples.iter().filter(|s| s.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let sorted = |f: &dyn Fn(&Sample) -> Duration| {
            let mut v: Vec<Duration> = of_kind.iter().map(|s| f(s)).collect();
            v.sort();
            v
        };
        let total = sorted(&|s| s.send + s.draw);
        let p = |q| ms(session::percentile(&total, q));
        let target = if kind.has_target() {
            format!("< {KEY_P99_MS} ms  {}", verdict(p(99) < KEY_P99_MS))
        } else {
            "-".to_owned()
        };
        println!(
            "    {:<34} {:>4} {:>7.2} {:>7.2} {:>7.2} {:>7.2}  {:>9.2} {:>9.2}   {target}",
            kind.label(),
            total.len(),
            p(50),
            p(95),
            p(99),
            p(100),
            ms(session::percentile(&sorted(&|s| s.send), 99)),
            ms(session::percentile(&sorted(&|s| s.draw), 99)),
        );
    }
}

fn print_memory(memory: &session::Memory, cold: Option<&ColdStarts>) {
    let mb = |kib: u64| f64::from(u32::try_from(kib).unwrap_or(u32::MAX)) * 1024.0 / 1e6;
    println!("\n  memory (1 MB = 10^6 bytes)");
    for (name, kib) in [
        ("VmRSS after the session (desk open)", memory.rss_kib),
        ("VmHWM, peak from the first start on", memory.peak_kib),
    ] {
        if let Some(kib) = kib {
            println!(
                "    {name:<44} {:>7.1} MB   < {RESIDENT_MB} MB  {}",
                mb(kib),
                verdict(mb(kib) < RESIDENT_MB)
            );
        }
    }
    if let Some(rss) = cold.and_then(|c| c.runs.iter().filter_map(|r| r.rss_kib).max()) {
        println!(
            "    {:<44} {:>7.1} MB   < {RESIDENT_MB} MB  {}",
            "slotdesk binary's VmRSS after its first frame",
            mb(rss),
            verdict(mb(rss) < RESIDENT_MB)
        );
    }
}

fn print_profile(trace: &session::KindTraces) {
    println!(
        "\n  profile: the same keys, each step timed apart (p50 / p99 / max ms; steps over 0.05 ms at p99)"
    );
    for (kind, t) in trace {
        let mut steps: Vec<(&str, Vec<Duration>)> = t
            .steps
            .iter()
            .map(|(name, v)| {
                let mut v = v.clone();
                v.sort();
                (*name, v)
            })
            .filter(|(_, v)| ms(session::percentile(v, 99)) >= 0.05)
            .collect();
        steps.sort_by_key(|(_, v)| std::cmp::Reverse(session::percentile(v, 99)));
        let text: Vec<String> = steps
            .iter()
            .map(|(name, v)| {
                format!(
                    "{name} {:.2}/{:.2}/{:.2} (×{})",
                    ms(session::percentile(v, 50)),
                    ms(session::percentile(v, 99)),
                    ms(session::percentile(v, 100)),
                    v.len()
                )
            })
            .collect();
        println!("    {:<34} {}", kind.label(), text.join(", "));
    }
}
