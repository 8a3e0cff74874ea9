//! `slotdesk export --format ics` of one year on the generated
//! 1,000,000-booking database (`SLOTDESK_BENCH_BOOKINGS=20000` for a quick
//! try), to a sink: the store's streamed walk, each booking as a VEVENT,
//! through the same `write_ics` the command runs. Prints the median against
//! the target (2 s) and the resident memory after the runs and its peak
//! (the export streams: memory stays flat however many bookings).
//! `cargo bench --bench export`; `cargo test --benches` runs a short smoke
//! version on a small database.

// Only its reading of /proc/self/status is used here.
#[allow(dead_code)]
#[path = "support/cold_start.rs"]
mod cold_start;
#[path = "support/scale_db.rs"]
mod scale_db;

use criterion::Criterion;
use indicatif::ProgressBar;
use scale_db::{Res, cached_database, file_stem, remove_database, scale_params, scratch_copy};
use slotdesk::cli::{Selection, write_ics};
use slotdesk::domain::BookingQuery;
use slotdesk::store::Store;
use std::io::Write;
use std::time::{Duration, SystemTime};

const TARGET_MS: f64 = 2000.0;

fn main() {
    if let Err(e) = run() {
        eprintln!("export bench: {e}");
        std::process::exit(1);
    }
}

/// Counts what is written and keeps nothing.
#[derive(Default)]
struct Sink {
    bytes: u64,
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn run() -> Res<()> {
    let started = SystemTime::now();
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let params = scale_params(benchmarking)?;
    let data = cached_database(&params)?;
    let scratch = scratch_copy(&data, "export")?;
    let store = Store::open_read(&scratch)?;
    let location = store.location()?.name;
    // The year of history up to the data's today, as `--from` and `--to`
    // give it.
    let to = params.end_on;
    let from = to - chrono::Duration::days(364);
    let selection = Selection {
        query: BookingQuery {
            from: Some(from),
            to: Some(to),
            hide_lapsed: true,
            ..BookingQuery::default()
        },
        statuses: Vec::new(),
        now: params.now(),
    };
    let bar = ProgressBar::hidden();
    let mut once = Sink::default();
    write_ics(&store, &selection, &location, &mut once, &bar)?;
    println!(
        "export_ics_year: {from} to {to}, {} bookings matching, {} kB of iCalendar",
        store.count_for_export(&selection.query, &selection.statuses)?,
        once.bytes / 1000
    );

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(20))
        .configure_from_args();
    let group_name = match params.bookings {
        1_000_000 => "export".to_owned(),
        n => format!("export_{}", file_stem(n).trim_start_matches("scale-")),
    };
    let mut group = c.benchmark_group(&group_name);
    group.bench_function("export_ics_year", |b| {
        b.iter(|| {
            let mut sink = Sink::default();
            write_ics(&store, &selection, &location, &mut sink, &bar).expect("export");
            std::hint::black_box(sink.bytes)
        });
    });
    group.finish();
    c.final_summary();
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mb = |key| cold_start::status_kib(&status, key).map(|kib| kib / 1024);
    drop(store);
    remove_database(&scratch)?;
    if benchmarking {
        println!("\nslotdesk export median ({} bookings):", params.bookings);
        scale_db::print_median(&group_name, "export_ics_year", TARGET_MS, started);
        if let (Some(rss), Some(peak)) = (mb("VmRSS:"), mb("VmHWM:")) {
            println!("  resident {rss} MB, peak {peak} MB");
        }
    }
    Ok(())
}
