//! Engine benchmarks on a generated database: 1,000,000 bookings over ten
//! years on 20 resources (`SLOTDESK_BENCH_BOOKINGS=20000` for a quick try),
//! built once into `target/bench-data/` and reused; each run works on a
//! scratch copy, so holds never run out of free slots. Prints the medians.
//!
//! `SLOTDESK_BENCH_POSTGRES=postgres://…` runs the same benchmarks on a
//! PostgreSQL database that `slotdesk migrate --to` filled from the
//! generated file (its holds stay there; far-future slots never run out),
//! against the server's targets.

#[path = "support/scale_db.rs"]
mod scale_db;

use criterion::Criterion;
use scale_db::{Res, cached_database, file_stem, remove_database, scale_params, scratch_copy};
use slotdesk::domain::SlotRef;
use slotdesk::domain::{BookingQuery, HoldRequest, SlotQuery};
use slotdesk::store::Store;
use slotdesk::store::bulk_load::ScaleParams;
use std::collections::VecDeque;
use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime};

/// The benchmarks on PostgreSQL, their targets (median, milliseconds):
/// the server's round trips, over loopback here.
const POSTGRES_TARGETS: [(&str, f64); 3] = [
    ("slots_31_days", 10.0),
    ("hold", 2.0),
    ("bookings_page_day", 5.0),
];

/// The benchmarks, their targets (median, milliseconds).
const TARGETS: [(&str, f64); 4] = [
    ("slots_31_days", 5.0),
    ("hold", 1.0),
    ("bookings_page_day", 2.0),
    // The same hold with `synchronous=NORMAL` (what the store used before
    // FULL): the difference is what durability on a power cut costs.
    ("hold_sync_normal", 1.0),
];

fn main() {
    if let Err(e) = run() {
        eprintln!("engine bench: {e}");
        std::process::exit(1);
    }
}

fn run() -> Res<()> {
    let started = SystemTime::now();
    // `cargo bench` passes --bench; without it (cargo test --benches) each
    // benchmark runs once as a smoke test, on a small database.
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let params = scale_params(benchmarking)?;
    let data = cached_database(&params)?;
    let scratch = scratch_copy(&data, "run")?;
    let server = std::env::var("SLOTDESK_BENCH_POSTGRES").ok();
    let mut store = match &server {
        Some(url) => Store::open(std::path::Path::new(url))?,
        None => Store::create(&scratch)?,
    };
    let side = rusqlite::Connection::open(&scratch)?;
    let now = params.now();

    let service = store.find_service("physio")?.id;
    let slots_query = SlotQuery {
        service: Some(service),
        resource: None,
        from: params.end_on,
        days: 31,
        include_unavailable: false,
    };
    let busy_day = busiest_recent_day(&side, &params)?;
    let page_query = BookingQuery {
        from: Some(busy_day),
        to: Some(busy_day),
        page_size: 50,
        ..BookingQuery::default()
    };
    let day_total = store.bookings(&page_query)?.pagination.total_count;
    println!(
        "slots_31_days: physio from {} for 31 days ({} free slots); bookings_page_day: {busy_day} ({day_total} bookings)",
        params.end_on,
        store.slots(&slots_query, now)?.len()
    );
    let mut free = FreeSlots::after(params.last_on() + chrono::Duration::days(14), now);

    let mut c = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();
    // One criterion group per database size, so a quick run is never
    // compared with a full one.
    let group_name = match server {
        Some(_) => format!("{}_postgres", group_name(params.bookings)),
        None => group_name(params.bookings),
    };
    let mut group = c.benchmark_group(&group_name);
    group.bench_function("slots_31_days", |b| {
        b.iter(|| black_box(store.slots(&slots_query, now).expect("slots")));
    });
    group.bench_function("bookings_page_day", |b| {
        b.iter(|| black_box(store.bookings(&page_query).expect("bookings")));
    });
    let holds: &[(&str, &str)] = if store.on_server() {
        &[("hold", "")]
    } else {
        &[("hold", "FULL"), ("hold_sync_normal", "NORMAL")]
    };
    for &(name, sync) in holds {
        if !store.on_server() {
            store.set_synchronous_for_benchmarks(sync)?;
        }
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                free.fill(&store, iters as usize).expect("free slots");
                let start = Instant::now();
                for _ in 0..iters {
                    let slot = free.next().expect("a free slot");
                    let req = HoldRequest {
                        slot,
                        participants: 1,
                        idempotency_key: None,
                    };
                    black_box(store.hold(&req, now).expect("hold"));
                }
                let took = start.elapsed();
                // Outside the timing: keep the WAL from growing across samples.
                side.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
                    .expect("checkpoint");
                took
            });
        });
    }
    if !store.on_server() {
        store.set_synchronous_for_benchmarks("FULL")?;
    }
    let on_server = store.on_server();
    group.finish();
    c.final_summary();
    drop(store);
    drop(side);
    remove_database(&scratch)?;
    if benchmarking {
        let targets: &[(&str, f64)] = if on_server {
            &POSTGRES_TARGETS
        } else {
            &TARGETS
        };
        print_medians(&params, &group_name, targets, started);
    }
    Ok(())
}

/// Free seats far past the generated bookings, one hold each, fetched a
/// few weeks at a time through `Store::slots` outside the timed part.
struct FreeSlots {
    next_from: chrono::NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
    queue: VecDeque<SlotRef>,
}

impl FreeSlots {
    fn after(from: chrono::NaiveDate, now: chrono::DateTime<chrono::Utc>) -> Self {
        Self {
            next_from: from,
            now,
            queue: VecDeque::new(),
        }
    }

    fn fill(&mut self, store: &Store, need: usize) -> Res<()> {
        while self.queue.len() < need {
            let query = SlotQuery {
                service: None,
                resource: None,
                from: self.next_from,
                days: 28,
                include_unavailable: false,
            };
            for slot in store.slots(&query, self.now)? {
                for _ in 0..slot.free() {
                    self.queue.push_back(slot.occurrence.slot_ref());
                }
            }
            self.next_from += chrono::Duration::days(28);
        }
        Ok(())
    }

    fn next(&mut self) -> Option<SlotRef> {
        self.queue.pop_front()
    }
}

/// The day with the most bookings in the last year of history.
fn busiest_recent_day(conn: &rusqlite::Connection, params: &ScaleParams) -> Res<chrono::NaiveDate> {
    let from = params.end_on - chrono::Duration::days(365);
    let date: String = conn.query_row(
        "SELECT date FROM bookings WHERE date BETWEEN ?1 AND ?2
         GROUP BY date ORDER BY COUNT(*) DESC, date LIMIT 1",
        [from.to_string(), params.end_on.to_string()],
        |r| r.get(0),
    )?;
    Ok(date.parse()?)
}

fn group_name(bookings: u32) -> String {
    match bookings {
        1_000_000 => "engine".to_owned(),
        n => format!("engine_{}", file_stem(n).trim_start_matches("scale-")),
    }
}

/// Criterion's median estimates of this run, against the targets.
fn print_medians(params: &ScaleParams, group: &str, targets: &[(&str, f64)], started: SystemTime) {
    println!(
        "\nslotdesk engine medians ({} bookings, {} resources, {group}):",
        params.bookings, params.resources
    );
    for &(name, target_ms) in targets {
        scale_db::print_median(group, name, target_ms, started);
    }
}
