//! The waitlist's offer on the generated 1,000,000-booking database
//! (`SLOTDESK_BENCH_BOOKINGS=20000` for a quick try): a full slot with 50
//! customers waiting; the timed step is the cancel that frees a seat, with
//! the offer (a hold in the first waiting customer's name) made in its
//! transaction. Outside the timing, the offer is confirmed and someone new
//! joins the back of the queue, so every cancel meets a full slot and 50
//! waiting. Prints the median against the target (2 ms).

#[path = "support/scale_db.rs"]
mod scale_db;

use criterion::Criterion;
use scale_db::{Res, cached_database, file_stem, remove_database, scale_params, scratch_copy};
use slotdesk::domain::customer::CustomerInput;
use slotdesk::domain::{BookRequest, BookingFor, BookingId, InitialStatus, SlotQuery, SlotRef};
use slotdesk::store::{Store, WaitlistRequest};
use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime};

const WAITING: usize = 50;
const TARGET_MS: f64 = 2.0;

fn main() {
    if let Err(e) = run() {
        eprintln!("waitlist bench: {e}");
        std::process::exit(1);
    }
}

/// A new person, numbered, with a phone the desk could call.
fn person(n: usize) -> CustomerInput {
    CustomerInput {
        first_name: "Waiting".into(),
        last_name: format!("Number{n}"),
        email: Some(format!("waiting{n}@bench.example")),
        phone: Some(format!("+4420794{:05}", n % 100_000)),
    }
}

struct Queue {
    slot: SlotRef,
    /// The seated bookings, oldest first: the next to cancel at the front.
    seated: std::collections::VecDeque<BookingId>,
    joined: usize,
}

impl Queue {
    /// A free slot past the history, booked full, with [`WAITING`] waiting.
    fn set_up(
        store: &mut Store,
        from: chrono::NaiveDate,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Res<Self> {
        let query = SlotQuery {
            service: None,
            resource: None,
            from,
            days: 7,
            include_unavailable: false,
        };
        let slot = store
            .slots(&query, now)?
            .into_iter()
            .max_by_key(slotdesk::domain::Slot::free)
            .ok_or("no free slot past the history")?;
        let mut q = Self {
            slot: slot.occurrence.slot_ref(),
            seated: std::collections::VecDeque::new(),
            joined: 0,
        };
        for _ in 0..slot.free() {
            let b = store.book(
                &BookRequest {
                    slot: Some(q.slot),
                    customer: person(q.joined + 1_000_000).into(),
                    participants: 1,
                    status: InitialStatus::Confirmed,
                    ..BookRequest::default()
                },
                now,
            )?;
            q.joined += 1;
            q.seated.push_back(b.id);
        }
        for _ in 0..WAITING {
            q.join(store, now)?;
        }
        Ok(q)
    }

    fn join(&mut self, store: &mut Store, now: chrono::DateTime<chrono::Utc>) -> Res<()> {
        store.join_waitlist(
            &WaitlistRequest {
                slot: self.slot,
                customer: BookingFor::Typed(person(self.joined)),
                participants: 1,
            },
            now,
        )?;
        self.joined += 1;
        Ok(())
    }

    /// After a timed cancel: the offer confirmed (a seated booking to cancel
    /// next) and one more joins, so 50 wait again.
    fn refill(&mut self, store: &mut Store, now: chrono::DateTime<chrono::Utc>) -> Res<()> {
        let offered = store
            .waitlist(self.slot)?
            .into_iter()
            .find_map(|e| e.offer_booking_id)
            .ok_or("the cancel made no offer")?;
        store.confirm(offered, None, now)?;
        self.seated.push_back(offered);
        self.join(store, now)
    }
}

fn run() -> Res<()> {
    let started = SystemTime::now();
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let params = scale_params(benchmarking)?;
    let data = cached_database(&params)?;
    let scratch = scratch_copy(&data, "waitlist")?;
    let mut store = Store::create(&scratch)?;
    let side = rusqlite::Connection::open(&scratch)?;
    let now = params.now();
    let mut queue = Queue::set_up(
        &mut store,
        params.last_on() + chrono::Duration::days(21),
        now,
    )?;
    println!(
        "waitlist_offer: slot {} full ({} seated) with {WAITING} waiting",
        queue.slot,
        queue.seated.len()
    );

    let mut c = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();
    let group_name = match params.bookings {
        1_000_000 => "waitlist".to_owned(),
        n => format!("waitlist_{}", file_stem(n).trim_start_matches("scale-")),
    };
    let mut group = c.benchmark_group(&group_name);
    group.bench_function("waitlist_offer", |b| {
        b.iter_custom(|iters| {
            let mut took = Duration::ZERO;
            for _ in 0..iters {
                let id = queue.seated.pop_front().expect("a seated booking");
                let start = Instant::now();
                black_box(store.cancel(id, "bench", now).expect("cancel"));
                took += start.elapsed();
                queue.refill(&mut store, now).expect("refill");
            }
            side.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
                .expect("checkpoint");
            took
        });
    });
    group.finish();
    c.final_summary();
    drop(store);
    drop(side);
    remove_database(&scratch)?;
    if benchmarking {
        print_median(&params, &group_name, started);
    }
    Ok(())
}

fn print_median(
    params: &slotdesk::store::bulk_load::ScaleParams,
    group: &str,
    started: SystemTime,
) {
    println!("\nslotdesk waitlist median ({} bookings):", params.bookings);
    scale_db::print_median(group, "waitlist_offer", TARGET_MS, started);
}
