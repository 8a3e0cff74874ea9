//! A large synthetic database for benchmarks and the desk's speed tests: a
//! generated catalog and up to millions of bookings that keep rules 1–3,
//! written with direct SQL in one transaction. Deterministic for a seed; needs
//! a database without bookings. Not for real desks: nothing here is validated.

use super::Store;
use super::catalog::{closures, services};
use super::codec::{day, ts};
use super::error::Result;
use crate::domain::catalog::Service;
use crate::domain::catalog_file::Catalog;
use crate::domain::{BookingError, BookingStatus, ResourceId, TimeSlot};
use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, Timelike, Utc, Weekday};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;
use std::collections::HashSet;
use std::fmt::Write as _;

/// Bumped whenever the generator writes different data for the same
/// parameters, so cached databases (the benches') are rebuilt.
pub const GENERATOR_VERSION: u32 = 1;

/// More customers than any slot has rows, so each row's customer can differ.
const MIN_CUSTOMERS: u32 = 20;

/// The shape of a generated database. Dates are the location's local dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleParams {
    /// Bookings written in all, every status (1,000,000).
    pub bookings: u32,
    /// Customers (50,000; at least 20); a tenth of them are regulars who book
    /// half the time. Emails and phones (Ofcom's fictional ranges) are
    /// plausible and E.164, not validated; phones repeat.
    pub customers: u32,
    /// Resources (20), in a cycle of ten roles: three physiotherapists, two
    /// masseurs, a nutritionist, one mixed practitioner and three class rooms.
    pub resources: u32,
    /// The data's "today": the last day of history (a fixed date by default,
    /// so runs are comparable).
    pub end_on: NaiveDate,
    /// Days of history up to and including `end_on` (ten years by default).
    pub history_days: u32,
    /// Days after `end_on` that also get bookings, fewer the further out (56).
    pub future_days: u32,
    /// Seed of every random choice.
    pub seed: u64,
}

impl Default for ScaleParams {
    fn default() -> Self {
        let end_on = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default();
        let ten_years_before = end_on
            .checked_sub_months(Months::new(120))
            .unwrap_or(end_on);
        Self {
            bookings: 1_000_000,
            customers: 50_000,
            resources: 20,
            end_on,
            history_days: (end_on - ten_years_before).num_days() as u32,
            future_days: 56,
            seed: 0x5107_DE5C,
        }
    }
}

impl ScaleParams {
    /// 10:00 UTC on `end_on`: the instant the data is meant to be read at.
    pub fn now(&self) -> DateTime<Utc> {
        self.end_on
            .and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default())
            .and_utc()
    }

    /// The first date with bookings.
    pub fn first_on(&self) -> NaiveDate {
        self.end_on - chrono::Duration::days(i64::from(self.history_days.max(1)) - 1)
    }

    /// The last date with bookings.
    pub fn last_on(&self) -> NaiveDate {
        self.end_on + chrono::Duration::days(i64::from(self.future_days))
    }
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScaleSummary {
    /// Booking rows.
    pub bookings: u64,
    /// Customer rows.
    pub customers: u64,
    /// `booking.created` event rows (one per booking).
    pub events: u64,
    /// Intake answer rows.
    pub answers: u64,
    /// Booking add-on rows.
    pub add_ons: u64,
    /// Weekly time slots in the catalog.
    pub time_slots: usize,
    /// Closures in the catalog (holidays, annual leave).
    pub closures: usize,
    /// First date with bookings.
    pub first_on: NaiveDate,
    /// Last date with bookings.
    pub last_on: NaiveDate,
    /// The date with the most bookings, and how many.
    pub busiest: Option<(NaiveDate, u64)>,
    /// Bookings per status, in lifecycle order.
    pub by_status: Vec<(BookingStatus, u64)>,
}

/// Fills an empty `store` with a generated catalog (Europe/London, GBP;
/// closures for public holidays and annual leave) and `params.bookings`
/// bookings with customers, payments, answers, add-ons and a
/// `booking.created` event each. Slots that end by `now` hold history
/// (completed, no-show, cancelled, declined, expired holds), later ones
/// confirmed, pending and cancelled bookings; nothing is created after `now`,
/// and no hold is live. Every booking keeps rules 1–3: seats never exceed
/// capacity, a resource's time slots never overlap, a customer appears once
/// per slot, and closed days have none. Times come from
/// [`TimeSlot::occurrence_on`], so DST days are right. `now` is normally
/// [`ScaleParams::now`]. Runs with fast pragmas (synchronous off, journal in
/// memory, restored afterwards), rebuilds the indexes once, and ends with
/// `ANALYZE`. About 15 s for the default million on two cores.
/// Errors: the store has bookings; more bookings than 90% of the slots' room.
pub fn generate(
    store: &mut Store,
    params: &ScaleParams,
    now: DateTime<Utc>,
) -> Result<ScaleSummary> {
    if params.resources == 0 || params.customers < MIN_CUSTOMERS || params.history_days == 0 {
        return Err(BookingError::invalid(format!(
            "a generated database needs a resource, a day and {MIN_CUSTOMERS} customers"
        ))
        .into());
    }
    let existing: Option<i64> = store
        .conn
        .query_row("SELECT id FROM bookings LIMIT 1", [], |r| r.get(0))
        .optional()?;
    if existing.is_some() {
        return Err(BookingError::invalid("generate needs a database without bookings").into());
    }
    let opened_at =
        params.first_on().and_time(NaiveTime::MIN).and_utc() - chrono::Duration::days(30);
    let catalog = Catalog::from_toml(&catalog_toml(params))?;
    store.apply_catalog(&catalog, opened_at)?;
    let world = World::load(store, params, now, opened_at)?;
    let plan = plan_rows(&world, params)?;
    let saved = Pragmas::speed_up(&store.conn)?;
    let written = write_rows(&mut store.conn, &world, &plan, params.seed);
    saved.restore(&store.conn)?;
    let mut summary = written?;
    store
        .conn
        .execute_batch("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);")?;
    summary.time_slots = world.slots.len();
    summary.closures = catalog.closures.len();
    Ok(summary)
}

// ---------------------------------------------------------------------------
// The catalog.

struct ServiceSpec {
    key: &'static str,
    name: &'static str,
    minutes: u32,
    capacity: u32,
    price: &'static str,
    extras: &'static str,
}

const SERVICES: [ServiceSpec; 6] = [
    ServiceSpec {
        key: "physio",
        name: "Physiotherapy",
        minutes: 45,
        capacity: 1,
        price: "55.00",
        extras: "questions = [{ name = \"Any injuries we should know about?\" }]\n\
                 add_ons = [{ name = \"Kinesiology taping\", price = \"8.50\" }]",
    },
    ServiceSpec {
        key: "massage",
        name: "Sports massage",
        minutes: 60,
        capacity: 1,
        price: "65.00",
        extras: "add_ons = [{ name = \"Hot stones\", price = \"10.00\" }]",
    },
    ServiceSpec {
        key: "nutrition",
        name: "Nutrition consultation",
        minutes: 30,
        capacity: 1,
        price: "40.00",
        extras: "",
    },
    ServiceSpec {
        key: "yoga",
        name: "Yoga class",
        minutes: 60,
        capacity: 12,
        price: "15.00",
        extras: "",
    },
    ServiceSpec {
        key: "pilates",
        name: "Reformer pilates",
        minutes: 50,
        capacity: 8,
        price: "24.00",
        extras: "",
    },
    ServiceSpec {
        key: "spin",
        name: "Spin class",
        minutes: 45,
        capacity: 10,
        price: "12.00",
        extras: "",
    },
];

const STAFF_NAMES: [&str; 14] = [
    "Amara Okafor",
    "Ben Carter",
    "Chloe Nguyen",
    "Dev Patel",
    "Elena Rossi",
    "Finn Walsh",
    "Grace Mensah",
    "Hugo Laurent",
    "Isla Murray",
    "Jonas Berg",
    "Kemi Adeyemi",
    "Liam Byrne",
    "Maya Cohen",
    "Noah Fischer",
];

const ROOM_NAMES: [&str; 3] = ["Studio", "Reformer Room", "Spin Studio"];

const WEEKDAYS: &str = "[\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]";
const APPOINTMENT_STARTS: [&str; 9] = [
    "09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00",
];
const CLASS_STARTS: [&str; 8] = [
    "07:00", "08:00", "09:30", "12:15", "13:15", "17:30", "18:30", "19:30",
];

/// The resource's name, kind, and its (service key, starts) per day; Saturday
/// takes the first eight starts. Starts are an hour apart or more and no
/// service lasts over an hour, so a resource's time slots never overlap.
fn role(i: u32) -> (String, &'static str, Vec<(&'static str, Vec<&'static str>)>) {
    let staff = |n: usize| {
        let name = STAFF_NAMES[n % STAFF_NAMES.len()];
        match n / STAFF_NAMES.len() {
            0 => name.to_owned(),
            round => format!("{name} {}", round + 1),
        }
    };
    let round = (i / 10) as usize;
    let room = |k: usize| format!("{} {}", ROOM_NAMES[k], round + 1);
    let all = || APPOINTMENT_STARTS.to_vec();
    match i % 10 {
        r @ 0..=2 => (
            staff(round * 7 + r as usize),
            "staff",
            vec![("physio", all())],
        ),
        r @ 3..=4 => (
            staff(round * 7 + r as usize),
            "staff",
            vec![("massage", all())],
        ),
        5 => (staff(round * 7 + 5), "staff", vec![("nutrition", all())]),
        6 => (
            staff(round * 7 + 6),
            "staff",
            vec![
                ("physio", APPOINTMENT_STARTS[..4].to_vec()),
                ("massage", APPOINTMENT_STARTS[4..].to_vec()),
            ],
        ),
        7 => (room(0), "room", vec![("yoga", CLASS_STARTS.to_vec())]),
        8 => (room(1), "room", vec![("pilates", CLASS_STARTS.to_vec())]),
        _ => (room(2), "room", vec![("spin", CLASS_STARTS.to_vec())]),
    }
}

fn quoted(items: &[&str]) -> String {
    let inner: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", inner.join(", "))
}

/// The catalog file: services, resources with their weekly time slots (Mon–Fri
/// nine or eight, Saturday eight), and closures: Christmas, Boxing Day and New
/// Year's Day for the whole location, and a week of annual leave a year for
/// each staff member.
fn catalog_toml(params: &ScaleParams) -> String {
    let mut out = String::from(
        "[location]\nname = \"Scale Test Studio\"\ntime_zone = \"Europe/London\"\n\
         phone_region = \"GB\"\ncurrency = \"GBP\"\n",
    );
    for s in &SERVICES {
        let _ = write!(
            out,
            "\n[[services]]\nkey = \"{}\"\nname = \"{}\"\nduration_minutes = {}\ncapacity = {}\n\
             price = \"{}\"\n{}\n",
            s.key, s.name, s.minutes, s.capacity, s.price, s.extras
        );
    }
    let mut rng = fastrand::Rng::with_seed(params.seed ^ 0x00C1_05ED);
    let years = params.first_on().year()..=params.last_on().year();
    for i in 0..params.resources {
        let key = format!("res-{:02}", i + 1);
        let (name, kind, offers) = role(i);
        let _ = write!(
            out,
            "\n[[resources]]\nkey = \"{key}\"\nname = \"{name}\"\nkind = \"{kind}\"\n"
        );
        let mut saturday_left = 8;
        for (service, starts) in offers {
            let _ = write!(
                out,
                "\n[[time_slots]]\nservice = \"{service}\"\nresource = \"{key}\"\ndays = {WEEKDAYS}\nstarts = {}\n",
                quoted(&starts)
            );
            let sat: Vec<&str> = starts.iter().copied().take(saturday_left).collect();
            saturday_left -= sat.len();
            if !sat.is_empty() {
                let _ = write!(
                    out,
                    "\n[[time_slots]]\nservice = \"{service}\"\nresource = \"{key}\"\ndays = [\"sat\"]\nstarts = {}\n",
                    quoted(&sat)
                );
            }
        }
        if kind == "staff" {
            for year in years.clone() {
                let Some(monday) = NaiveDate::from_isoywd_opt(year, rng.u32(10..=46), Weekday::Mon)
                else {
                    continue;
                };
                let _ = write!(
                    out,
                    "\n[[closures]]\nresource = \"{key}\"\nfrom = \"{monday}\"\nuntil = \"{}\"\nreason = \"Annual leave\"\n",
                    monday + chrono::Duration::days(5)
                );
            }
        }
    }
    for year in years {
        let _ = write!(
            out,
            "\n[[closures]]\nfrom = \"{year}-12-25\"\nuntil = \"{year}-12-26\"\nreason = \"Christmas\"\n\
             \n[[closures]]\nfrom = \"{year}-01-01\"\nreason = \"New Year's Day\"\n"
        );
    }
    out
}

// ---------------------------------------------------------------------------
// The applied catalog and the slots it makes.

/// What the rows are drawn from: the applied catalog and every slot in range.
struct World {
    slots: Vec<TimeSlot>,
    /// Per time slot: its service's index in `services`.
    service_of: Vec<usize>,
    services: Vec<Service>,
    days: Vec<NaiveDate>,
    day_text: Vec<String>,
    occurrences: Vec<Occ>,
    now: i64,
    opened_at: i64,
}

/// One slot in range that is open: time slot index, day index, UTC seconds.
struct Occ {
    slot: u32,
    day: u32,
    from: i64,
    to: i64,
}

impl World {
    fn load(
        store: &Store,
        params: &ScaleParams,
        now: DateTime<Utc>,
        opened_at: DateTime<Utc>,
    ) -> Result<Self> {
        let tz = store.location()?.time_zone;
        let slots = store.time_slots()?;
        let services = services(&store.conn, true)?;
        let service_of = slots
            .iter()
            .map(|t| {
                services
                    .iter()
                    .position(|s| s.id == t.service_id)
                    .unwrap_or(0)
            })
            .collect();
        let (first, last) = (params.first_on(), params.last_on());
        let days: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= last).collect();
        let closed: HashSet<(Option<ResourceId>, NaiveDate)> = closures(&store.conn, first, last)?
            .iter()
            .flat_map(|c| {
                c.from
                    .iter_days()
                    .take_while(move |d| *d <= c.until)
                    .map(move |d| (c.resource_id, d))
            })
            .collect();
        let mut occurrences = Vec::new();
        for (d, &date) in days.iter().enumerate() {
            if closed.contains(&(None, date)) {
                continue;
            }
            for (i, t) in slots.iter().enumerate() {
                if closed.contains(&(Some(t.resource_id), date)) {
                    continue;
                }
                if let Some(o) = t.occurrence_on(date, tz) {
                    occurrences.push(Occ {
                        slot: i as u32,
                        day: d as u32,
                        from: ts(o.from),
                        to: ts(o.to),
                    });
                }
            }
        }
        Ok(Self {
            slots,
            service_of,
            services,
            day_text: days.iter().map(|d| day(*d)).collect(),
            days,
            occurrences,
            now: ts(now),
            opened_at: ts(opened_at),
        })
    }

    fn capacity(&self, o: &Occ) -> u32 {
        self.slots[o.slot as usize].capacity
    }

    /// At most this many rows on one slot: its seats, plus cancelled ones.
    fn max_rows(&self, o: &Occ) -> u32 {
        let capacity = self.capacity(o);
        capacity + if capacity == 1 { 1 } else { 2 }
    }

    /// How wanted a slot is, before scaling to the booking count: classes
    /// fill by seats; Saturdays, evenings and January are busy, August and
    /// lunchtimes quiet; the business grows over the years; the future thins out.
    fn weight(&self, o: &Occ, params: &ScaleParams, rng: &mut fastrand::Rng) -> f64 {
        let t = &self.slots[o.slot as usize];
        let date = self.days[o.day as usize];
        let base = if t.capacity == 1 {
            1.0
        } else {
            0.7 * f64::from(t.capacity)
        };
        let weekday = match date.weekday() {
            Weekday::Mon => 0.9,
            Weekday::Fri => 0.95,
            Weekday::Sat => 1.2,
            _ => 1.0,
        };
        let hour = match t.starts_local.hour() {
            7 | 17 | 18 => 1.15,
            12 | 13 => 0.8,
            9 => 0.85,
            _ => 1.0,
        };
        let month = match date.month() {
            1 => 1.15,
            2 => 1.05,
            7 | 12 => 0.9,
            8 => 0.8,
            _ => 1.0,
        };
        let history = f64::from(params.history_days.max(1));
        let growth = 0.6 + 0.6 * (f64::from(o.day) / history).min(1.0);
        let ahead = f64::from(o.day) + 1.0 - history;
        let future = if ahead > 0.0 {
            1.0 - 0.85 * ahead / (f64::from(params.future_days) + 1.0)
        } else {
            1.0
        };
        base * weekday * hour * month * growth * future * (0.6 + 0.8 * rng.f64())
    }
}

// ---------------------------------------------------------------------------
// The rows, planned in memory, then sorted by creation time.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Paid {
    No,
    Yes(u8),
    Refunded(u8),
}

/// One planned booking; text columns are indices into the constant lists.
struct Row {
    created_at: i64,
    updated_at: i64,
    occ: u32,
    customer: Option<u32>,
    status: BookingStatus,
    participants: u8,
    paid: Paid,
    reference: u32,
    /// Index into `CANCEL_REASONS`, `MESSAGES` (+1, 0 none), `ANSWERS` (+1, 0 none).
    reason: u8,
    message: u8,
    answer: u8,
    add_on: bool,
}

const CANCEL_REASONS: [&str; 7] = [
    "Customer request",
    "Illness",
    "Rescheduled by phone",
    "Staff unavailable",
    "Travel disruption",
    "Booked by mistake",
    "No longer needed",
];
const MESSAGES: [&str; 5] = [
    "First visit",
    "Running a few minutes late",
    "Please call on arrival",
    "Bringing own mat",
    "Invoice to employer",
];
const ANSWERS: [&str; 5] = [
    "Lower back",
    "Left knee",
    "Right shoulder",
    "None",
    "Ankle sprain last month",
];
const METHODS: [&str; 4] = ["card", "cash", "voucher", "other"];

fn takes_seat(status: BookingStatus) -> bool {
    !matches!(
        status,
        BookingStatus::Cancelled | BookingStatus::Declined | BookingStatus::Expired
    )
}

fn draw_status(rng: &mut fastrand::Rng, o: &Occ, now: i64) -> BookingStatus {
    let r = rng.f64();
    if o.to <= now {
        match r {
            r if r < 0.85 => BookingStatus::Completed,
            r if r < 0.89 => BookingStatus::NoShow,
            r if r < 0.97 => BookingStatus::Cancelled,
            r if r < 0.985 => BookingStatus::Declined,
            _ => BookingStatus::Expired,
        }
    } else if o.from <= now {
        match r {
            r if r < 0.88 => BookingStatus::CheckedIn,
            r if r < 0.93 => BookingStatus::Confirmed,
            _ => BookingStatus::Cancelled,
        }
    } else {
        match r {
            r if r < 0.78 => BookingStatus::Confirmed,
            r if r < 0.91 => BookingStatus::Pending,
            _ => BookingStatus::Cancelled,
        }
    }
}

fn draw_payment(rng: &mut fastrand::Rng, status: BookingStatus) -> Paid {
    let method = match rng.u8(..100) {
        0..65 => 0,
        65..85 => 1,
        85..95 => 2,
        _ => 3,
    };
    let chance = match status {
        BookingStatus::Completed => 75,
        BookingStatus::CheckedIn => 50,
        BookingStatus::NoShow => 30,
        BookingStatus::Confirmed => 20,
        BookingStatus::Cancelled => 4,
        _ => 0,
    };
    let roll = rng.u8(..100);
    if roll >= chance {
        Paid::No
    } else if status == BookingStatus::Cancelled || roll == 0 {
        Paid::Refunded(method)
    } else {
        Paid::Yes(method)
    }
}

/// How many rows each slot gets: weights scaled to `params.bookings`,
/// rounded by carrying the remainder (so the total is exact), capped per slot.
fn counts(world: &World, params: &ScaleParams) -> Result<Vec<u32>> {
    let mut rng = fastrand::Rng::with_seed(params.seed ^ 0x00C0_FFEE);
    let weights: Vec<f64> = world
        .occurrences
        .iter()
        .map(|o| world.weight(o, params, &mut rng))
        .collect();
    let room: u64 = world
        .occurrences
        .iter()
        .map(|o| u64::from(world.max_rows(o)))
        .sum();
    if u64::from(params.bookings) > room * 9 / 10 {
        return Err(BookingError::invalid(format!(
            "{} bookings do not fit: these slots take at most {}",
            params.bookings,
            room * 9 / 10
        ))
        .into());
    }
    let scale = f64::from(params.bookings) / weights.iter().sum::<f64>().max(f64::MIN_POSITIVE);
    let mut carry = 0.0;
    let mut out = Vec::with_capacity(weights.len());
    let mut total = 0_u32;
    for (o, w) in world.occurrences.iter().zip(&weights) {
        carry += scale * w;
        let n = (carry.floor().max(0.0) as u32).min(world.max_rows(o));
        carry -= f64::from(n);
        total += n;
        out.push(n);
    }
    let mut i = rng.usize(..out.len().max(1));
    while total < params.bookings {
        if out[i] < world.max_rows(&world.occurrences[i]) {
            out[i] += 1;
            total += 1;
        }
        i = (i + 1) % out.len();
    }
    Ok(out)
}

/// Every row, sorted by creation time (booking ids follow it, as in a real
/// desk), with the customers' ids in order of their first booking.
struct Plan {
    rows: Vec<Row>,
    /// Customer index → (id, created_at); ids from 1 in order of first booking.
    customers: Vec<(i64, i64)>,
}

fn plan_rows(world: &World, params: &ScaleParams) -> Result<Plan> {
    let counts = counts(world, params)?;
    let mut rng = fastrand::Rng::with_seed(params.seed);
    let regulars = (params.customers / 10).max(1);
    let mut rows = Vec::with_capacity(params.bookings as usize);
    let mut chosen: Vec<u32> = Vec::new();
    for (k, (o, &n)) in world.occurrences.iter().zip(&counts).enumerate() {
        let capacity = world.capacity(o);
        let service = &world.services[world.service_of[o.slot as usize]];
        let mut seats = capacity;
        chosen.clear();
        for _ in 0..n {
            let mut status = draw_status(&mut rng, o, world.now);
            let mut participants = if capacity > 1 && rng.u8(..10) == 0 {
                2
            } else {
                1
            };
            if takes_seat(status) {
                if seats == 0 {
                    status = BookingStatus::Cancelled;
                } else {
                    participants = participants.min(seats);
                    seats -= participants;
                }
            }
            let customer = if status == BookingStatus::Expired {
                None
            } else {
                let c = pick_customer(&mut rng, &chosen, regulars, params.customers);
                chosen.push(c);
                Some(c)
            };
            let (created_at, updated_at) = times(&mut rng, world, o, status);
            rows.push(Row {
                created_at,
                updated_at,
                occ: k as u32,
                customer,
                status,
                participants: participants as u8,
                paid: draw_payment(&mut rng, status),
                reference: rng.u32(..),
                reason: rng.u8(..CANCEL_REASONS.len() as u8),
                message: if rng.u8(..100) < 3 {
                    rng.u8(1..=MESSAGES.len() as u8)
                } else {
                    0
                },
                answer: if !service.questions.is_empty() && rng.u8(..100) < 40 {
                    rng.u8(1..=ANSWERS.len() as u8)
                } else {
                    0
                },
                add_on: !service.add_ons.is_empty() && customer.is_some() && rng.u8(..100) < 12,
            });
        }
    }
    rows.sort_by_key(|r| r.created_at);
    let mut customers = vec![(0_i64, 0_i64); params.customers as usize];
    let mut next = 1;
    let mut last_at = world.opened_at;
    for r in &rows {
        if let Some(c) = r.customer
            && customers[c as usize].0 == 0
        {
            customers[c as usize] = (next, r.created_at);
            next += 1;
            last_at = r.created_at;
        }
    }
    for c in &mut customers {
        if c.0 == 0 {
            *c = (next, last_at);
            next += 1;
        }
    }
    Ok(Plan { rows, customers })
}

/// A customer not yet `chosen` for the slot: a regular half the time, else
/// anyone (rule 3 holds because `customers` exceeds any slot's rows).
fn pick_customer(rng: &mut fastrand::Rng, chosen: &[u32], regulars: u32, customers: u32) -> u32 {
    let mut c = if rng.bool() {
        rng.u32(..regulars)
    } else {
        rng.u32(..customers)
    };
    while chosen.contains(&c) {
        c = (c + 1) % customers;
    }
    c
}

/// When a row was created and last changed: booked up to four weeks ahead
/// (classes up to ten days), never after `now` nor before the desk opened.
fn times(rng: &mut fastrand::Rng, world: &World, o: &Occ, status: BookingStatus) -> (i64, i64) {
    const HOUR: i64 = 3600;
    const DAY: i64 = 24 * HOUR;
    let ahead_seconds = if world.capacity(o) == 1 { 28.0 } else { 10.0 } * 86_400.0;
    let lead = HOUR + (rng.f64().powi(2) * ahead_seconds) as i64;
    let mut created = (o.from - lead).max(world.opened_at + HOUR);
    if created > world.now {
        created = world.now - rng.i64(60..3 * DAY);
    }
    let until = |t: i64| t.min(world.now).max(created);
    let updated = match status {
        BookingStatus::Completed => until(o.to + rng.i64(0..2 * HOUR)),
        BookingStatus::NoShow => until(o.from + 15 * 60),
        BookingStatus::CheckedIn => until(o.from - rng.i64(0..600)),
        BookingStatus::Expired => created + 15 * 60,
        BookingStatus::Cancelled | BookingStatus::Declined => {
            until(created + rng.i64(0..=(o.from - created).max(0)))
        }
        _ => created,
    };
    (created, updated)
}

// ---------------------------------------------------------------------------
// Writing.

/// The connection settings changed for the bulk write, and their old values.
struct Pragmas {
    synchronous: i64,
    foreign_keys: i64,
    cache_size: i64,
    temp_store: i64,
    journal_mode: String,
}

impl Pragmas {
    fn speed_up(conn: &Connection) -> Result<Self> {
        let get = |name: &str| conn.pragma_query_value(None, name, |r| r.get::<_, i64>(0));
        let saved = Self {
            synchronous: get("synchronous")?,
            foreign_keys: get("foreign_keys")?,
            cache_size: get("cache_size")?,
            temp_store: get("temp_store")?,
            journal_mode: conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?,
        };
        // A rollback journal in memory writes new pages once, where WAL writes
        // them twice; if another connection blocks the switch, WAL it stays.
        let _ = conn.query_row("PRAGMA journal_mode = MEMORY", [], |r| {
            r.get::<_, String>(0)
        });
        conn.execute_batch(
            "PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF;
             PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;",
        )?;
        Ok(saved)
    }

    fn restore(&self, conn: &Connection) -> Result<()> {
        conn.query_row(
            &format!("PRAGMA journal_mode = {}", self.journal_mode),
            [],
            |r| r.get::<_, String>(0),
        )?;
        conn.execute_batch(&format!(
            "PRAGMA synchronous = {}; PRAGMA foreign_keys = {}; PRAGMA cache_size = {};
             PRAGMA temp_store = {};",
            self.synchronous, self.foreign_keys, self.cache_size, self.temp_store
        ))?;
        Ok(())
    }
}

const BULK_TABLES: &str =
    "('bookings', 'events', 'customers', 'booking_answers', 'booking_add_ons')";

/// Writes customers, bookings, events, answers and add-ons in one
/// transaction, with the tables' secondary indexes dropped during the inserts
/// and rebuilt (sorted, much faster than row by row) before the commit.
fn write_rows(
    conn: &mut Connection,
    world: &World,
    plan: &Plan,
    seed: u64,
) -> Result<ScaleSummary> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let indexes: Vec<(String, String)> = tx
        .prepare(&format!(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
               AND tbl_name IN {BULK_TABLES}"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    let customers = insert_customers(&tx, plan, seed)?;
    let mut summary = insert_bookings(&tx, world, plan)?;
    summary.customers = customers;
    for (_, sql) in &indexes {
        tx.execute_batch(sql)?;
    }
    tx.commit()?;
    Ok(summary)
}

const FIRST_NAMES: [&str; 32] = [
    "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Grace", "Sophia", "Priya",
    "Aisha", "Zara", "Hannah", "Emily", "Chloe", "Oliver", "George", "Noah", "Arthur", "Leo",
    "Harry", "Oscar", "Jack", "Muhammad", "Theo", "Samuel", "Daniel", "Rohan", "Kwame", "Tomasz",
    "Luca",
];
const LAST_NAMES: [&str; 32] = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
    "Wood", "Jackson", "Clarke", "Khan", "Ahmed", "Kowalski", "Okoye", "Singh", "Murphy", "Kelly",
    "Campbell", "Stewart", "Hughes", "Edwards",
];
/// E.164 prefixes of Ofcom's drama ranges (a thousand fictional numbers
/// each: `+442079460000`–`+442079460999`, …), so no real number is used.
const PHONE_PREFIXES: [&str; 12] = [
    "+442079460",
    "+441614960",
    "+441214960",
    "+441134960",
    "+441144960",
    "+441174960",
    "+441154960",
    "+441184960",
    "+441414960",
    "+442920180",
    "+442896496",
    "+447700900",
];

fn insert_customers(conn: &Connection, plan: &Plan, seed: u64) -> Result<u64> {
    let mut rng = fastrand::Rng::with_seed(seed ^ 0xC057_0E25);
    let mut stmt = conn.prepare(
        "INSERT INTO customers (id, first_name, last_name, email, phone, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?;
    let mut by_id: Vec<(i64, i64)> = plan.customers.clone();
    by_id.sort_unstable();
    for &(id, created_at) in &by_id {
        let first = FIRST_NAMES[rng.usize(..FIRST_NAMES.len())];
        let last = LAST_NAMES[rng.usize(..LAST_NAMES.len())];
        let roll = rng.u8(..100);
        let email = (roll >= 10).then(|| {
            let domain = ["com", "org", "net"][rng.usize(..3)];
            format!(
                "{}.{}{id}@example.{domain}",
                first.to_ascii_lowercase(),
                last.to_ascii_lowercase()
            )
        });
        let phone = (!(10..18).contains(&roll)).then(|| {
            format!(
                "{}{:03}",
                PHONE_PREFIXES[rng.usize(..PHONE_PREFIXES.len())],
                rng.u16(..1000)
            )
        });
        stmt.execute(params![id, first, last, email, phone, created_at])?;
    }
    Ok(by_id.len() as u64)
}

fn insert_bookings(conn: &Connection, world: &World, plan: &Plan) -> Result<ScaleSummary> {
    let mut booking = conn.prepare(
        "INSERT INTO bookings (id, service_id, time_slot_id, resource_id, date, starts_at, ends_at,
             participants, status, hold_expires_at, customer_id, message, cancel_reason,
             payment_status, payment_amount, payment_currency, payment_method, payment_reference,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?;
    let mut event = conn.prepare(
        "INSERT INTO events (at, kind, booking_id, customer_id, data)
         VALUES (?1, 'booking.created', ?2, ?3, ?4)",
    )?;
    let mut answer = conn.prepare(
        "INSERT INTO booking_answers (booking_id, position, name, value) VALUES (?1, 0, ?2, ?3)",
    )?;
    let mut add_on = conn.prepare(
        "INSERT INTO booking_add_ons (booking_id, add_on_id, name, price) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut per_day = vec![0_u64; world.days.len()];
    let mut by_status = [0_u64; BookingStatus::ALL.len()];
    let (mut answers, mut add_ons) = (0, 0);
    let mut data = String::new();
    for (id, r) in (1_i64..).zip(&plan.rows) {
        let o = &world.occurrences[r.occ as usize];
        let t = &world.slots[o.slot as usize];
        let service = &world.services[world.service_of[o.slot as usize]];
        let customer = r.customer.map(|c| plan.customers[c as usize].0);
        let extra = service.add_ons.first().filter(|_| r.add_on);
        let price = service.price + extra.map_or(0, |a| a.price);
        let (payment_status, method) = match r.paid {
            Paid::No => ("unpaid", None),
            Paid::Yes(m) => ("paid", Some(METHODS[m as usize])),
            Paid::Refunded(m) => ("refunded", Some(METHODS[m as usize])),
        };
        let reference = (method == Some("card")).then(|| format!("TXN-{:010}", r.reference));
        let date = &world.day_text[o.day as usize];
        booking.execute(params![
            id,
            t.service_id.0,
            t.id.0,
            t.resource_id.0,
            date,
            o.from,
            o.to,
            r.participants,
            r.status.as_str(),
            (r.status == BookingStatus::Expired)
                .then(|| r.created_at + 60 * i64::from(service.hold_minutes)),
            customer,
            (r.message > 0).then(|| MESSAGES[r.message as usize - 1]),
            (r.status == BookingStatus::Cancelled).then(|| CANCEL_REASONS[r.reason as usize]),
            payment_status,
            method.map(|_| price * i64::from(r.participants)),
            service.currency,
            method,
            reference,
            r.created_at,
            r.updated_at,
        ])?;
        let first_status = match r.status {
            BookingStatus::Expired => "held",
            BookingStatus::Pending | BookingStatus::Declined => "pending",
            _ => "confirmed",
        };
        data.clear();
        let _ = write!(
            data,
            "{{\"id\":{id},\"status\":\"{first_status}\",\"time_slot_id\":{},\"date\":\"{date}\",\"participants\":{}}}",
            t.id.0, r.participants
        );
        event.execute(params![r.created_at, id, customer, data])?;
        if r.answer > 0
            && let Some(q) = service.questions.first()
        {
            answer.execute(params![id, q.name, ANSWERS[r.answer as usize - 1]])?;
            answers += 1;
        }
        if let Some(a) = extra {
            add_on.execute(params![id, a.id.0, a.name, a.price])?;
            add_ons += 1;
        }
        per_day[o.day as usize] += 1;
        if let Some(i) = BookingStatus::ALL.iter().position(|s| *s == r.status) {
            by_status[i] += 1;
        }
    }
    let busiest = per_day
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| (world.days[i], *n));
    Ok(ScaleSummary {
        bookings: plan.rows.len() as u64,
        customers: 0,
        events: plan.rows.len() as u64,
        answers,
        add_ons,
        time_slots: 0,
        closures: 0,
        first_on: world.days.first().copied().unwrap_or_default(),
        last_on: world.days.last().copied().unwrap_or_default(),
        busiest,
        by_status: BookingStatus::ALL.iter().copied().zip(by_status).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{BookingQuery, SlotQuery};
    use chrono_tz::Europe::London;
    use std::collections::HashMap;

    const LIVE: &str = "('cancelled', 'declined', 'expired')";

    fn small() -> ScaleParams {
        ScaleParams {
            bookings: 8_000,
            customers: 400,
            resources: 20,
            // Two weeks of history around the spring DST change (2026-03-29)
            // and two weeks ahead, full enough that some classes fill up.
            end_on: NaiveDate::from_ymd_opt(2026, 4, 3).unwrap(),
            history_days: 14,
            future_days: 14,
            seed: 7,
        }
    }

    fn count(store: &Store, sql: &str) -> i64 {
        store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn generated_bookings_keep_the_rules_and_match_the_summary() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("scale.db")).unwrap();
        let params = small();
        let now = params.now();
        let summary = generate(&mut store, &params, now).unwrap();
        assert_eq!(summary.bookings, 8_000);
        // 14 staff: nine starts Mon–Fri, eight on Saturday; 6 rooms: eight a day.
        assert_eq!(summary.time_slots, 14 * (5 * 9 + 8) + 6 * (6 * 8));

        let slots = store
            .slots(
                &SlotQuery {
                    service: None,
                    resource: None,
                    from: params.first_on(),
                    days: 29,
                    include_unavailable: true,
                },
                now,
            )
            .unwrap();
        assert!(slots.len() > 4_000, "{} slots", slots.len());
        for s in &slots {
            assert!(
                s.taken <= s.occurrence.capacity,
                "{} is over capacity",
                s.occurrence.slot_ref()
            );
        }
        assert!(slots.iter().map(|s| s.taken).sum::<u32>() > 500);
        assert!(
            slots
                .iter()
                .any(|s| s.taken == s.occurrence.capacity && s.taken > 1)
        );

        let all = BookingQuery {
            page_size: 1,
            ..BookingQuery::default()
        };
        assert_eq!(store.bookings(&all).unwrap().pagination.total_count, 8_000);
        for &(status, n) in &summary.by_status {
            let q = BookingQuery {
                status: Some(status),
                ..all.clone()
            };
            assert_eq!(
                store.bookings(&q).unwrap().pagination.total_count,
                n,
                "{status}"
            );
        }
        let (busiest, n) = summary.busiest.unwrap();
        let page = store
            .bookings(&BookingQuery {
                from: Some(busiest),
                to: Some(busiest),
                ..BookingQuery::default()
            })
            .unwrap();
        assert_eq!(page.pagination.total_count, n);
        assert_eq!(page.bookings.len() as u64, n.min(50));

        // Seats, including history (a completed booking had its seat).
        let over = format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM bookings b JOIN time_slots t ON t.id = b.time_slot_id
               WHERE b.status NOT IN {LIVE} GROUP BY b.time_slot_id, b.date
               HAVING SUM(b.participants) > MAX(t.capacity))"
        );
        assert_eq!(count(&store, &over), 0);
        let overlapping = format!(
            "SELECT COUNT(*) FROM bookings a JOIN bookings b ON a.resource_id = b.resource_id
               AND a.id < b.id AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
               AND NOT (a.time_slot_id = b.time_slot_id AND a.date = b.date)
             WHERE a.status NOT IN {LIVE} AND b.status NOT IN {LIVE}"
        );
        assert_eq!(count(&store, &overlapping), 0);
        let twice = format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM bookings WHERE status NOT IN {LIVE}
               GROUP BY time_slot_id, date, customer_id HAVING COUNT(*) > 1)"
        );
        assert_eq!(count(&store, &twice), 0);
        assert_eq!(
            count(
                &store,
                &format!(
                    "SELECT COUNT(*) FROM bookings WHERE created_at > {}",
                    ts(now)
                )
            ),
            0
        );
        assert_eq!(
            count(
                &store,
                "SELECT COUNT(*) FROM bookings WHERE status = 'held'"
            ),
            0
        );
        assert_eq!(
            count(
                &store,
                "SELECT COUNT(*) FROM events WHERE kind = 'booking.created'"
            ),
            8_000
        );

        // Every booking sits exactly on its slot, DST days included.
        let time_slots: HashMap<i64, TimeSlot> = store
            .time_slots()
            .unwrap()
            .into_iter()
            .map(|t| (t.id.0, t))
            .collect();
        let rows: Vec<(i64, String, i64, i64)> = store
            .conn
            .prepare("SELECT time_slot_id, date, starts_at, ends_at FROM bookings")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for (slot, date, from, to) in rows {
            let date = NaiveDate::parse_from_str(&date, "%Y-%m-%d").unwrap();
            let o = time_slots[&slot].occurrence_on(date, London).unwrap();
            assert_eq!((ts(o.from), ts(o.to)), (from, to));
        }
        let nine_utc = |date: &str| {
            count(
                &store,
                &format!(
                    "SELECT COUNT(*) FROM bookings b JOIN time_slots t ON t.id = b.time_slot_id
                     WHERE t.starts_local = '09:00' AND b.date = '{date}'
                       AND b.starts_at % 86400 = 9 * 3600"
                ),
            )
        };
        assert!(nine_utc("2026-03-27") > 0, "GMT: 09:00 local is 09:00 UTC");
        assert_eq!(nine_utc("2026-03-30"), 0, "BST: 09:00 local is 08:00 UTC");

        // The fast pragmas are undone and the indexes are back.
        let pragma = |name: &str| -> String {
            store
                .conn
                .pragma_query_value(None, name, |r| r.get::<_, rusqlite::types::Value>(0))
                .map(|v| format!("{v:?}"))
                .unwrap()
        };
        assert_eq!(pragma("journal_mode"), "Text(\"wal\")");
        assert_eq!(pragma("synchronous"), "Integer(1)");
        assert_eq!(pragma("foreign_keys"), "Integer(1)");
        assert_eq!(
            count(&store, "SELECT COUNT(*) FROM pragma_foreign_key_check"),
            0
        );
        assert_eq!(
            count(
                &store,
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'bookings' AND sql IS NOT NULL"
            ),
            7
        );
        assert!(count(&store, "SELECT COUNT(*) FROM sqlite_stat1") > 0);

        let again = generate(&mut store, &params, now).unwrap_err();
        assert!(again.to_string().contains("without bookings"), "{again}");
    }

    #[test]
    fn more_bookings_than_the_slots_take_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("scale.db")).unwrap();
        let params = ScaleParams {
            bookings: 1_000_000,
            ..small()
        };
        let err = generate(&mut store, &params, params.now()).unwrap_err();
        assert!(err.to_string().contains("do not fit"), "{err}");
    }
}
