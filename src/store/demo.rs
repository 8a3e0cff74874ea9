//! The demo history: about forty customers and their bookings over the two
//! weeks around a day, made only through the store's public writes, so every
//! rule holds and every change has its event. Same day and `now`, same data.

use super::{
    BookRequest, BookingQuery, HoldRequest, InitialStatus, PaymentInput, Result, SlotQuery, Store,
};
use crate::domain::catalog::Service;
use crate::domain::customer::CustomerInput;
use crate::domain::schedule::local_day_bounds;
use crate::domain::{
    BookingId, BookingStatus, ErrorKind, Occurrence, PaymentMethod, ResourceId, Role, SlotRef,
    Transition, Unavailable,
};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::HashMap;
use std::fmt;

/// Days of history before `today`, and of bookings ahead after it.
const SPAN_DAYS: i64 = 7;

/// What [`add_demo_bookings`] made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    /// Bookings (and holds) added to the store.
    pub bookings: usize,
    /// Customers in the store afterwards.
    pub customers: usize,
    /// Every booking in the store by status, in lifecycle order; statuses
    /// with none are left out.
    pub by_status: Vec<(BookingStatus, u64)>,
    /// Payments recorded.
    pub payments: usize,
    /// Store writes that succeeded (each recorded its event).
    pub operations: usize,
    /// Writes the rules refused (full, duplicate, blocked, …) and that were skipped.
    pub skipped: usize,
}

impl fmt::Display for DemoSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let statuses: Vec<String> = self
            .by_status
            .iter()
            .map(|(s, n)| format!("{n} {s}"))
            .collect();
        write!(
            f,
            "{} bookings for {} customers ({}), {} payments",
            self.bookings,
            self.customers,
            statuses.join(", "),
            self.payments
        )?;
        if self.skipped > 0 {
            write!(
                f,
                "; {} requests refused by the rules were skipped",
                self.skipped
            )?;
        }
        Ok(())
    }
}

/// Adds the demo customers and bookings for the 7 days before to the 7 days
/// after `today` (local dates) to a store on which the demo catalog (or any
/// catalog) has been applied. History is simulated: each write runs with its
/// own realistic timestamp (bookings 1–10 days ahead, check-ins at the slot's
/// start, completions and payments at its end, cancellations, no-shows,
/// moves, refunds, a lapsed hold and one or two live holds that lapse a few
/// minutes after `now`), in time order and never later than `now`. Refusals
/// by the rules are skipped; the same `today` and `now` give the same data.
/// Errors: `no catalog`, a database fault, or demo data the engine finds
/// invalid (a bug).
pub fn add_demo_bookings(
    store: &mut Store,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<DemoSummary> {
    let tz = store.location()?.time_zone;
    let services = store.services()?;
    let first = today - Duration::days(SPAN_DAYS);
    let listed_at = local_day_bounds(first, tz).0 - Duration::days(1);
    let slots: Vec<Occurrence> = store
        .slots(
            &SlotQuery {
                service: None,
                resource: None,
                from: first,
                days: (2 * SPAN_DAYS + 1) as u32,
                include_unavailable: true,
            },
            listed_at,
        )?
        .into_iter()
        // Listed before any booking, so the plan does not depend on what the
        // store already holds; only closures rule slots out.
        .filter(|s| !matches!(s.unavailable, Some(Unavailable::Closed { .. })))
        .map(|s| s.occurrence)
        .collect();
    let seed = 0x5107_DE5C_u64 ^ u64::from(today.num_days_from_ce().unsigned_abs());
    let mut plan = Planner::new(seed, now, tz, &services, today);
    plan.appointments(&slots);
    plan.classes(&slots);
    plan.holds(&slots);
    let before = count(store, None)?;
    let mut summary = execute(store, &plan, now)?;
    summary.bookings = count(store, None)?.saturating_sub(before) as usize;
    summary.customers = store.customers()?.len();
    for status in BookingStatus::ALL {
        let n = count(store, Some(status))?;
        if n > 0 {
            summary.by_status.push((status, n));
        }
    }
    Ok(summary)
}

/// Bookings in the store, of one status or all.
fn count(store: &Store, status: Option<BookingStatus>) -> Result<u64> {
    let page = store.bookings(&BookingQuery {
        status,
        page_size: 1,
        ..BookingQuery::default()
    })?;
    Ok(page.pagination.total_count)
}

// ── The people and their words ───────────────────────────────────────────

const PEOPLE: [(&str, &str); 44] = [
    ("Oliver", "Bennett"),
    ("Amelia", "Hughes"),
    ("Harry", "Clarke"),
    ("Isla", "Patel"),
    ("George", "Turner"),
    ("Ava", "Robinson"),
    ("Jack", "Morgan"),
    ("Sophie", "Walsh"),
    ("Thomas", "Wright"),
    ("Emily", "Khan"),
    ("James", "Fletcher"),
    ("Grace", "O'Connor"),
    ("William", "Price"),
    ("Chloe", "Evans"),
    ("Charlie", "Davies"),
    ("Lucy", "Thompson"),
    ("Samuel", "Ahmed"),
    ("Ella", "Marshall"),
    ("Henry", "Lloyd"),
    ("Freya", "Campbell"),
    ("Joshua", "Green"),
    ("Poppy", "Mitchell"),
    ("Alfie", "Chapman"),
    ("Ruby", "Okafor"),
    ("Noah", "Sinclair"),
    ("Hannah", "Brooks"),
    ("Mohammed", "Hussain"),
    ("Zara", "Begum"),
    ("Leo", "Dawson"),
    ("Evie", "Harrison"),
    ("Arthur", "Pearson"),
    ("Imogen", "Reid"),
    ("Jacob", "Kowalski"),
    ("Megan", "Jones"),
    ("Oscar", "Fitzgerald"),
    ("Niamh", "Gallagher"),
    ("Ethan", "Murray"),
    ("Aisha", "Mensah"),
    ("Finley", "Shaw"),
    ("Rosie", "Atkinson"),
    ("Callum", "MacLeod"),
    ("Anjali", "Desai"),
    ("Daniel", "Rees"),
    ("Matilda", "Cooper"),
];

/// The first customers are the studio's regulars, who fill most classes.
const REGULARS: usize = 20;

const DOMAINS: [&str; 3] = ["example.com", "example.org", "example.net"];

const PHYSIO_REASONS: [&str; 12] = [
    "Lower back pain",
    "Knee pain when running",
    "Stiff shoulder after a fall",
    "Neck pain from desk work",
    "Sprained ankle playing football",
    "Rehab after ACL reconstruction",
    "Hip pain on stairs",
    "Tennis elbow",
    "Plantar fasciitis",
    "Sciatica down the left leg",
    "Achilles pain after increasing mileage",
    "Whiplash after a car accident",
];

const MASSAGE_REASONS: [&str; 7] = [
    "Marathon training recovery",
    "Tight hamstrings and calves",
    "Upper back tension",
    "Pre-event massage before a half marathon",
    "Cycling: tight quads and IT band",
    "General muscle tension",
    "Rugby season maintenance",
];

const CONDITIONS: [&str; 8] = [
    "None",
    "None",
    "Mild asthma",
    "Hip replacement (2019)",
    "Hypermobility",
    "High blood pressure (medicated)",
    "Osteoporosis",
    "Type 2 diabetes",
];

const GPS: [&str; 5] = [
    "Dr Patel, Riverside Medical Centre",
    "Dr Okafor, Bankside Surgery",
    "Dr Hughes",
    "Dr Williams, Thames Health Practice",
    "Dr Chen",
];

const EXPERIENCE: [&str; 4] = [
    "New to reformer",
    "A few classes",
    "Regular, weekly",
    "Did the intro course",
];

const APPOINTMENT_NOTES: [&str; 7] = [
    "Training for a marathon in the spring",
    "Referred by GP",
    "Please call if running late",
    "Insurance: Bupa, pre-authorised",
    "Insurance: AXA Health, authorisation to follow",
    "Prefers afternoon appointments",
    "Needs step-free access",
];

const CLASS_NOTES: [&str; 4] = [
    "First time at the studio",
    "Bringing own mat",
    "Recovering from a knee operation",
    "Back after a long break",
];

const CANCEL_REASONS: [&str; 8] = [
    "Client unwell",
    "Client unwell",
    "Work commitment",
    "Childcare fell through",
    "Travel disruption",
    "Booked in error",
    "Feeling better, no longer needed",
    "Clashes with a hospital appointment",
];

/// Customer `i`'s details: emails at the reserved example domains, phones
/// only from Ofcom's drama ranges (London 020 7946 0xxx, Manchester
/// 0161 496 0xxx); a few have no phone or no email.
fn person(i: usize) -> CustomerInput {
    let (first, last) = PEOPLE[i % PEOPLE.len()];
    let clean = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let local = if i % 4 == 3 {
        format!(
            "{}{}",
            clean(first).chars().next().unwrap_or('x'),
            clean(last)
        )
    } else {
        format!("{}.{}", clean(first), clean(last))
    };
    let digits = (i * 37 + 11) % 1000;
    let phone = match (i % 3, i % 5) {
        (2, 0) => format!("+44 161 496 0{digits:03}"),
        (2, _) => format!("0161 496 0{digits:03}"),
        (_, 0) => format!("+44 20 7946 0{digits:03}"),
        _ => format!("020 7946 0{digits:03}"),
    };
    CustomerInput {
        first_name: first.to_owned(),
        last_name: last.to_owned(),
        email: (i % 13 != 9).then(|| format!("{local}@{}", DOMAINS[i % DOMAINS.len()])),
        phone: (i % 11 != 6).then_some(phone),
    }
}

fn has_email_and_phone(i: usize) -> bool {
    i % 13 != 9 && i % 11 != 6
}

// ── The plan ─────────────────────────────────────────────────────────────

/// One booking-to-be; `customer` is `None` for a hold nobody confirms.
struct Visit {
    slot: SlotRef,
    service: usize,
    customer: Option<usize>,
    participants: u32,
    pending: bool,
    message: Option<&'static str>,
    answers: Vec<(String, String)>,
    add_ons: Vec<String>,
}

/// One store write, on the visit with that index.
enum Op {
    Book(usize),
    Hold(usize),
    ConfirmHold(usize),
    Confirm(usize),
    Cancel(usize, &'static str),
    Step(usize, Transition),
    Pay(usize, PaymentInput),
    Refund(usize),
    Move(usize, SlotRef),
}

impl Op {
    fn visit(&self) -> usize {
        match self {
            Self::Book(v)
            | Self::Hold(v)
            | Self::ConfirmHold(v)
            | Self::Confirm(v)
            | Self::Cancel(v, _)
            | Self::Step(v, _)
            | Self::Pay(v, _)
            | Self::Refund(v)
            | Self::Move(v, _) => *v,
        }
    }
}

struct Step {
    at: DateTime<Utc>,
    op: Op,
}

/// Builds the visits and the timestamped writes; the store is not touched.
struct Planner<'a> {
    rng: fastrand::Rng,
    now: DateTime<Utc>,
    tz: Tz,
    services: &'a [Service],
    key_prefix: String,
    visits: Vec<Visit>,
    steps: Vec<Step>,
    /// Per customer, the planned visits' times, so nobody is in two places.
    busy: Vec<Vec<(DateTime<Utc>, DateTime<Utc>)>>,
    /// Resource time taken by planned 1:1 visits and holds.
    taken: Vec<(ResourceId, DateTime<Utc>, DateTime<Utc>)>,
    /// Seats planned per class slot.
    seats: HashMap<SlotRef, u32>,
}

fn minutes(n: i64) -> Duration {
    Duration::minutes(n)
}

fn pick<T: Copy>(rng: &mut fastrand::Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())]
}

impl<'a> Planner<'a> {
    fn new(
        seed: u64,
        now: DateTime<Utc>,
        tz: Tz,
        services: &'a [Service],
        today: NaiveDate,
    ) -> Self {
        Self {
            rng: fastrand::Rng::with_seed(seed),
            now,
            tz,
            services,
            key_prefix: format!("demo-{today}"),
            visits: Vec::new(),
            steps: Vec::new(),
            busy: vec![Vec::new(); PEOPLE.len()],
            taken: Vec::new(),
            seats: HashMap::new(),
        }
    }

    fn chance(&mut self, p: f32) -> bool {
        self.rng.f32() < p
    }

    fn push(&mut self, at: DateTime<Utc>, op: Op) {
        self.steps.push(Step { at, op });
    }

    fn service_of(&self, o: &Occurrence) -> Option<usize> {
        self.services.iter().position(|s| s.id == o.service_id)
    }

    /// A whole minute in `[lo, hi]`, during the desk's day (08:00–21:00
    /// local) when that day allows it; `lo` when the range is empty.
    fn between(&mut self, lo: DateTime<Utc>, hi: DateTime<Utc>) -> DateTime<Utc> {
        let span = (hi - lo).num_minutes();
        if span <= 0 {
            return lo;
        }
        let t = lo + minutes(self.rng.i64(0..=span));
        let day = t.with_timezone(&self.tz).date_naive();
        let minute = self.rng.u32(8 * 60..21 * 60);
        NaiveTime::from_num_seconds_from_midnight_opt(minute * 60, 0)
            .and_then(|time| self.tz.from_local_datetime(&day.and_time(time)).earliest())
            .map(|d| d.with_timezone(&Utc))
            .filter(|d| lo <= *d && *d <= hi)
            .unwrap_or(t)
    }

    /// When a slot starting at `from` was booked: 1 to 10 days before (a few
    /// the same day), and before `now`.
    fn booked_at(&mut self, from: DateTime<Utc>) -> DateTime<Utc> {
        let lead = if self.chance(0.1) {
            minutes(120)
        } else {
            Duration::days(1)
        };
        let latest = (from - lead).min(self.now - minutes(10));
        let at = self.between(from - Duration::days(10), latest);
        at.min(latest)
    }

    /// The chance of booking a free start: busy in the past week, thinning
    /// out over the coming one.
    fn fill_rate(&self, from: DateTime<Utc>) -> f32 {
        if from < self.now {
            0.55
        } else {
            let hours = (from - self.now).num_hours().clamp(0, 1000);
            let days = f32::from(u16::try_from(hours).unwrap_or(1000)) / 24.0;
            (0.55 - 0.05 * days).max(0.25)
        }
    }

    fn occupied(&self, o: &Occurrence) -> bool {
        self.taken
            .iter()
            .any(|(r, from, to)| *r == o.resource_id && o.overlaps(*from, *to))
    }

    /// A customer free around `o` (and with both email and phone when the
    /// service needs them), marked busy then; `None` after a few tries.
    fn customer_for(&mut self, o: &Occurrence, needs_both: bool, regular: bool) -> Option<usize> {
        for _ in 0..16 {
            let i = if regular && self.chance(0.7) {
                self.rng.usize(..REGULARS)
            } else {
                self.rng.usize(..PEOPLE.len())
            };
            let (from, to) = (o.from - minutes(30), o.to + minutes(30));
            if (needs_both && !has_email_and_phone(i))
                || self.busy[i].iter().any(|(f, t)| *f < to && from < *t)
            {
                continue;
            }
            self.busy[i].push((o.from, o.to));
            return Some(i);
        }
        None
    }

    /// Answers to the service's questions: every required one, some others.
    fn answers(&mut self, service: usize) -> Vec<(String, String)> {
        let s = &self.services[service];
        let massage = s.key.contains("massage");
        let mut out = Vec::new();
        for q in &s.questions {
            if !q.required && !self.chance(0.45) {
                continue;
            }
            let name = q.name.to_ascii_lowercase();
            let bank: &[&str] = if name.starts_with("reason") && massage {
                &MASSAGE_REASONS
            } else if name.starts_with("reason") {
                &PHYSIO_REASONS
            } else if name.contains("injur") || name.contains("condition") {
                &CONDITIONS
            } else if name.starts_with("gp") {
                &GPS
            } else if name.contains("experience") {
                &EXPERIENCE
            } else {
                &["Discussed at the desk"]
            };
            out.push((q.name.clone(), pick(&mut self.rng, bank).to_owned()));
        }
        out
    }

    fn add_visit(
        &mut self,
        o: &Occurrence,
        service: usize,
        customer: Option<usize>,
        participants: u32,
    ) -> usize {
        let class = o.capacity > 1;
        let answers = if customer.is_some() {
            self.answers(service)
        } else {
            Vec::new()
        };
        let mut add_ons = Vec::new();
        if customer.is_some() {
            for a in &self.services[service].add_ons {
                if self.rng.f32() < if class { 0.3 } else { 0.2 } {
                    add_ons.push(a.name.clone());
                }
            }
        }
        let message = match (customer.is_some() && self.chance(0.15), class) {
            (false, _) => None,
            (true, true) => Some(pick(&mut self.rng, &CLASS_NOTES)),
            (true, false) => Some(pick(&mut self.rng, &APPOINTMENT_NOTES)),
        };
        self.visits.push(Visit {
            slot: o.slot_ref(),
            service,
            customer,
            participants,
            pending: false,
            message,
            answers,
            add_ons,
        });
        self.visits.len() - 1
    }

    /// The price of visit `v`: the service per seat plus its add-ons.
    fn amount(&self, v: usize) -> i64 {
        let visit = &self.visits[v];
        let s = &self.services[visit.service];
        let extras: i64 = s
            .add_ons
            .iter()
            .filter(|a| visit.add_ons.contains(&a.name))
            .map(|a| a.price)
            .sum();
        s.price * i64::from(visit.participants) + extras
    }

    fn payment(&mut self, v: usize, method: PaymentMethod) -> Op {
        let reference = match method {
            PaymentMethod::Card => Some(format!("CARD-{:06}", self.rng.u32(100_000..1_000_000))),
            PaymentMethod::Voucher => Some(format!("GV-{:04}", self.rng.u32(1000..10_000))),
            PaymentMethod::Other => Some(format!("WEB-{:06}", self.rng.u32(100_000..1_000_000))),
            PaymentMethod::Cash => None,
        };
        Op::Pay(
            v,
            PaymentInput {
                amount: self.amount(v),
                method,
                reference,
            },
        )
    }

    /// Walks each practitioner's day: at each start not yet covered, books
    /// one of the services starting then with the day's fill rate.
    fn appointments(&mut self, slots: &[Occurrence]) {
        let mut days: Vec<(ResourceId, NaiveDate)> = slots
            .iter()
            .filter(|o| o.capacity == 1)
            .map(|o| (o.resource_id, o.date))
            .collect();
        days.sort();
        days.dedup();
        for (resource, date) in days {
            let day: Vec<&Occurrence> = slots
                .iter()
                .filter(|o| o.capacity == 1 && o.resource_id == resource && o.date == date)
                .collect();
            let mut starts: Vec<DateTime<Utc>> = day.iter().map(|o| o.from).collect();
            starts.dedup();
            for start in starts {
                if !self.chance(self.fill_rate(start)) {
                    continue;
                }
                let options: Vec<&Occurrence> = day
                    .iter()
                    .copied()
                    .filter(|o| o.from == start && !self.occupied(o))
                    .collect();
                if let Some(o) = self.rng.choice(options) {
                    self.appointment(o, slots);
                }
            }
        }
    }

    fn appointment(&mut self, o: &Occurrence, slots: &[Occurrence]) {
        let Some(service) = self.service_of(o) else {
            return;
        };
        let needs_both = self.services[service].require_email_and_phone;
        let Some(customer) = self.customer_for(o, needs_both, false) else {
            return;
        };
        self.taken.push((o.resource_id, o.from, o.to));
        let v = self.add_visit(o, service, Some(customer), 1);
        let booked = self.booked_at(o.from);
        let pending = self.chance(0.15);
        self.visits[v].pending = pending;
        self.push(booked, Op::Book(v));
        let mut ready = booked;
        if pending {
            if o.from > self.now && self.chance(0.5) {
                return; // awaiting a call back
            }
            let at = self.between(booked + minutes(30), o.from - minutes(60));
            if self.chance(0.08) {
                self.push(at, Op::Step(v, Transition::Decline));
                return;
            }
            self.push(at, Op::Confirm(v));
            ready = at;
        }
        if o.from > self.now && self.chance(0.07) && self.move_later(v, o, ready, slots) {
            return;
        }
        let method = match self.rng.u32(0..100) {
            0..78 => PaymentMethod::Card,
            78..93 => PaymentMethod::Cash,
            _ if self.services[service].key.contains("massage") => PaymentMethod::Voucher,
            _ => PaymentMethod::Card,
        };
        self.outcome(v, o, ready, false, method);
    }

    /// Reschedules future visit `v` to another free slot of its service.
    fn move_later(
        &mut self,
        v: usize,
        o: &Occurrence,
        ready: DateTime<Utc>,
        slots: &[Occurrence],
    ) -> bool {
        let at = self.between(ready + minutes(60), self.now - minutes(10));
        let targets: Vec<&Occurrence> = slots
            .iter()
            .filter(|t| {
                t.service_id == o.service_id
                    && t.slot_ref() != o.slot_ref()
                    && t.from > self.now + minutes(120)
                    && !self.occupied(t)
            })
            .collect();
        let Some(target) = self.rng.choice(targets) else {
            return false;
        };
        let Some(customer) = self.visits[v].customer else {
            return false;
        };
        if at <= ready
            || at > self.now
            || self.busy[customer]
                .iter()
                .any(|(f, t)| target.overlaps(*f, *t))
        {
            return false;
        }
        self.busy[customer].push((target.from, target.to));
        self.taken
            .push((target.resource_id, target.from, target.to));
        self.push(at, Op::Move(v, target.slot_ref()));
        true
    }

    /// What happened to a confirmed visit: cancelled, a no-show, or attended
    /// (checked in at the start, completed at the end, paid). Writes later
    /// than `now` are dropped when the plan runs.
    fn outcome(
        &mut self,
        v: usize,
        o: &Occurrence,
        ready: DateTime<Utc>,
        prepaid: bool,
        method: PaymentMethod,
    ) {
        let roll = self.rng.f32();
        let cancel_by = (o.from - minutes(30)).min(self.now - minutes(5));
        if roll < 0.09 && ready + minutes(30) < cancel_by {
            let at = self.between(ready + minutes(30), cancel_by);
            let reason = pick(&mut self.rng, &CANCEL_REASONS);
            self.push(at, Op::Cancel(v, reason));
            if prepaid {
                let refund_at = at + minutes(self.rng.i64(10..=120));
                self.push(refund_at, Op::Refund(v));
            }
            return;
        }
        if roll < 0.15 {
            let at = o.from + minutes(self.rng.i64(15..=25));
            self.push(at, Op::Step(v, Transition::NoShow));
            return;
        }
        let arrived = (o.from - minutes(self.rng.i64(0..=10))).max(ready + minutes(1));
        self.push(arrived, Op::Step(v, Transition::CheckIn));
        let class = o.capacity > 1;
        if class && !prepaid {
            let op = self.payment(v, method);
            self.push(arrived + minutes(1), op);
        }
        let done = o.to + minutes(self.rng.i64(0..=5));
        self.push(done, Op::Step(v, Transition::Complete));
        if !class && self.chance(0.92) {
            let op = self.payment(v, method);
            let paid = done + minutes(self.rng.i64(1..=4));
            self.push(paid, op);
        }
    }

    /// Fills each class with a few bookings of one or two seats.
    fn classes(&mut self, slots: &[Occurrence]) {
        for o in slots.iter().filter(|o| o.capacity > 1) {
            let Some(service) = self.service_of(o) else {
                continue;
            };
            let (lo, hi) = if o.from < self.now { (3, 8) } else { (2, 6) };
            let target = self.rng.u32(lo.min(o.capacity)..=hi.min(o.capacity));
            let mut seats = 0;
            while seats < target {
                let n = if target - seats >= 2 && self.chance(0.12) {
                    2
                } else {
                    1
                };
                let Some(customer) = self.customer_for(o, false, true) else {
                    break;
                };
                self.class_booking(o, service, customer, n);
                seats += n;
            }
            self.seats.insert(o.slot_ref(), seats);
        }
    }

    fn class_booking(&mut self, o: &Occurrence, service: usize, customer: usize, n: u32) {
        let v = self.add_visit(o, service, Some(customer), n);
        let booked = self.booked_at(o.from);
        let no_required = !self.services[service].questions.iter().any(|q| q.required);
        let mut ready = booked;
        if no_required && self.chance(0.25) {
            // Booked at the desk: a hold, then confirmed with the customer.
            self.visits[v].answers.clear();
            self.visits[v].add_ons.clear();
            self.push(booked, Op::Hold(v));
            ready = booked + minutes(self.rng.i64(1..=4));
            self.push(ready, Op::ConfirmHold(v));
        } else {
            self.push(booked, Op::Book(v));
            if self.chance(0.06) {
                self.visits[v].pending = true;
                ready = self.between(booked + minutes(60), o.from - minutes(60));
                self.push(ready, Op::Confirm(v));
            }
        }
        let prepaid = self.chance(0.55);
        if prepaid {
            let op = self.payment(v, PaymentMethod::Other);
            self.push(ready + minutes(1), op);
        }
        let method = if self.chance(0.7) {
            PaymentMethod::Card
        } else {
            PaymentMethod::Cash
        };
        self.outcome(v, o, ready, prepaid, method);
    }

    /// Holds nobody confirms: one that lapsed earlier today, and live ones
    /// (an appointment and two class seats) that lapse a few minutes after `now`.
    fn holds(&mut self, slots: &[Occurrence]) {
        let soon = |o: &&Occurrence, now: DateTime<Utc>| {
            o.from > now + minutes(60) && o.from < now + Duration::days(3)
        };
        for (class, lapsed) in [(false, true), (false, false), (true, false)] {
            let free: Vec<&Occurrence> = slots
                .iter()
                .filter(|o| soon(o, self.now) && (o.capacity > 1) == class)
                .filter(|o| {
                    if class {
                        self.seats.get(&o.slot_ref()).copied().unwrap_or(0) + 2 <= o.capacity
                    } else {
                        !self.occupied(o)
                    }
                })
                .collect();
            let Some(o) = self.rng.choice(free) else {
                continue;
            };
            let Some(service) = self.service_of(o) else {
                continue;
            };
            let hold = i64::from(self.services[service].hold_minutes);
            let at = if lapsed {
                self.now - minutes(self.rng.i64(60..=150))
            } else {
                self.now - minutes(hold - self.rng.i64(hold / 2..hold))
            };
            if class {
                *self.seats.entry(o.slot_ref()).or_default() += 2;
            } else {
                self.taken.push((o.resource_id, o.from, o.to));
            }
            let v = self.add_visit(o, service, None, if class { 2 } else { 1 });
            self.push(at, Op::Hold(v));
        }
    }
}

// ── Running the plan ─────────────────────────────────────────────────────

/// Runs the plan's writes up to `now` in time order. A refusal by the rules
/// is counted and skipped, and so are the later writes on a booking that was
/// never made.
fn execute(store: &mut Store, plan: &Planner<'_>, now: DateTime<Utc>) -> Result<DemoSummary> {
    let mut order: Vec<&Step> = plan.steps.iter().filter(|s| s.at <= now).collect();
    order.sort_by_key(|s| s.at);
    let mut ids: Vec<Option<BookingId>> = vec![None; plan.visits.len()];
    let mut summary = DemoSummary::default();
    for step in order {
        match run(store, plan, &mut ids, step) {
            Ok(None) => {}
            Ok(Some(op)) => {
                summary.operations += 1;
                if matches!(op, Op::Pay(..)) {
                    summary.payments += 1;
                }
            }
            Err(e) if e.kind() == Some(ErrorKind::Conflict) => summary.skipped += 1,
            Err(e) => return Err(e),
        }
    }
    Ok(summary)
}

/// Runs one write; `Ok(None)` when its booking was never made.
fn run<'p>(
    store: &mut Store,
    plan: &Planner<'_>,
    ids: &mut [Option<BookingId>],
    step: &'p Step,
) -> Result<Option<&'p Op>> {
    let at = step.at;
    let v = step.op.visit();
    let visit = &plan.visits[v];
    let customer = visit.customer.map(person);
    let key = Some(format!("{}-{v}-{}", plan.key_prefix, visit.slot));
    match (&step.op, ids[v]) {
        (Op::Book(_), _) => {
            let status = if visit.pending {
                InitialStatus::Pending
            } else {
                InitialStatus::Confirmed
            };
            let request = BookRequest {
                slot: Some(visit.slot),
                customer: customer.unwrap_or_default(),
                participants: visit.participants,
                message: visit.message.map(str::to_owned),
                answers: visit.answers.clone(),
                add_ons: visit.add_ons.clone(),
                status,
                idempotency_key: key,
            };
            ids[v] = Some(store.book(&request, at)?.id);
        }
        (Op::Hold(_), _) => {
            let request = HoldRequest {
                slot: visit.slot,
                participants: visit.participants,
                idempotency_key: key,
            };
            ids[v] = Some(store.hold(&request, at)?.id);
        }
        (_, None) => return Ok(None),
        (Op::ConfirmHold(_), Some(id)) => {
            store.confirm(id, customer.as_ref(), at)?;
        }
        (Op::Confirm(_), Some(id)) => {
            store.confirm(id, None, at)?;
        }
        (Op::Cancel(_, reason), Some(id)) => {
            store.cancel(id, reason, at)?;
        }
        (Op::Step(_, transition), Some(id)) => {
            store.transition(id, *transition, at)?;
        }
        (Op::Pay(_, payment), Some(id)) => {
            store.pay(id, payment, at)?;
        }
        (Op::Refund(_), Some(id)) => {
            store.refund(id, Role::Manager, at)?;
        }
        (Op::Move(_, to), Some(id)) => {
            store.move_booking(id, *to, at)?;
        }
    }
    Ok(Some(&step.op))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Booking;
    use crate::domain::catalog_file::Catalog;

    const DEMO: &str = include_str!("../../assets/demo/catalog.toml");

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn now() -> DateTime<Utc> {
        "2026-11-21T10:00:00Z".parse().unwrap()
    }

    fn demo() -> (tempfile::TempDir, Store, DemoSummary) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
        let catalog = Catalog::from_toml(DEMO).unwrap();
        store
            .apply_catalog(&catalog, now() - Duration::days(30))
            .unwrap();
        let summary = add_demo_bookings(&mut store, day(), now()).unwrap();
        (dir, store, summary)
    }

    fn all_bookings(store: &Store) -> Vec<Booking> {
        let mut out = Vec::new();
        for page in 1.. {
            let p = store
                .bookings(&BookingQuery {
                    page,
                    page_size: 500,
                    ..BookingQuery::default()
                })
                .unwrap();
            out.extend(p.bookings);
            if page >= p.pagination.total_pages {
                break;
            }
        }
        out
    }

    #[test]
    fn demo_catalog_parses_and_keeps_every_slot_within_the_day() {
        let c = Catalog::from_toml(DEMO).unwrap();
        assert_eq!(c.location.time_zone, chrono_tz::Europe::London);
        assert_eq!((c.resources.len(), c.services.len()), (3, 5));
        assert!(c.time_slots.len() > 100);
        assert!(c.closures.iter().any(|c| c.reason == "Christmas Day"));
    }

    #[test]
    fn demo_has_past_and_future_bookings_in_many_statuses() {
        let (_dir, store, summary) = demo();
        let bookings = all_bookings(&store);
        assert_eq!(bookings.len(), summary.bookings);
        assert!(summary.bookings > 100, "{summary}");
        assert!(summary.customers >= 35, "{summary}");
        assert!(bookings.iter().any(|b| b.to <= now()));
        assert!(bookings.iter().any(|b| b.from > now()));
        for status in [
            BookingStatus::Completed,
            BookingStatus::Confirmed,
            BookingStatus::Cancelled,
            BookingStatus::NoShow,
            BookingStatus::Pending,
            BookingStatus::Held,
            BookingStatus::Expired,
        ] {
            assert!(
                bookings.iter().any(|b| b.status == status),
                "no {status}: {summary}"
            );
        }
        let live: Vec<&Booking> = bookings
            .iter()
            .filter(|b| b.status == BookingStatus::Held)
            .collect();
        for hold in live {
            let expires = hold.hold_expires_at.unwrap();
            assert!(expires > now() && expires <= now() + minutes(15));
        }
        assert!(bookings.iter().all(|b| b.created_at <= now()));
        assert!(bookings.iter().all(|b| b.updated_at <= now()));
        assert!(summary.payments > 30, "{summary}");
        assert!(
            bookings
                .iter()
                .filter(|b| b.status == BookingStatus::Completed)
                .any(|b| b.payment.amount.is_some())
        );
        eprintln!("{summary}");
    }

    #[test]
    fn every_event_is_in_the_past_and_every_change_has_one() {
        let (_dir, store, summary) = demo();
        let events = store.events(None, 100_000).unwrap();
        assert!(events.iter().all(|e| e.at <= now()));
        assert!(events.windows(2).all(|w| w[0].at <= w[1].at));
        let booking_events = events.iter().filter(|e| e.booking_id.is_some()).count();
        // Every successful write plus one `booking.expired` per lapsed hold.
        assert!(booking_events >= summary.operations);
        for kind in [
            "booking.created",
            "booking.confirmed",
            "booking.checked_in",
            "booking.completed",
            "booking.no_show",
            "booking.cancelled",
            "booking.paid",
            "booking.refunded",
            "booking.moved",
            "booking.expired",
            "customer.created",
        ] {
            assert!(events.iter().any(|e| e.kind == kind), "no {kind} event");
        }
    }

    #[test]
    fn no_slot_is_over_capacity_and_no_resource_is_double_booked() {
        let (_dir, store, _) = demo();
        let slots = store
            .slots(
                &SlotQuery {
                    service: None,
                    resource: None,
                    from: day() - Duration::days(SPAN_DAYS),
                    days: 15,
                    include_unavailable: true,
                },
                now(),
            )
            .unwrap();
        assert!(slots.iter().all(|s| s.taken <= s.occurrence.capacity));
        // Over the whole history: bookings that held capacity when made.
        let held = |b: &&Booking| {
            !matches!(
                b.status,
                BookingStatus::Cancelled | BookingStatus::Declined | BookingStatus::Expired
            )
        };
        let bookings = all_bookings(&store);
        let live: Vec<&Booking> = bookings.iter().filter(held).collect();
        let mut per_slot: HashMap<SlotRef, u32> = HashMap::new();
        for b in &live {
            *per_slot.entry(b.slot_ref()).or_default() += b.participants;
        }
        for (slot, seats) in per_slot {
            let capacity = slots
                .iter()
                .find(|s| s.occurrence.slot_ref() == slot)
                .map_or(0, |s| s.occurrence.capacity);
            assert!(seats <= capacity, "{slot}: {seats} > {capacity}");
        }
        for a in &live {
            for b in &live {
                if a.slot_ref() != b.slot_ref() && a.resource_id == b.resource_id {
                    assert!(a.to <= b.from || b.to <= a.from, "{} and {}", a.id, b.id);
                }
            }
        }
    }

    #[test]
    fn appointments_fill_more_of_the_past_week_than_the_coming_one() {
        let (_dir, store, _) = demo();
        let slots = store
            .slots(
                &SlotQuery {
                    service: None,
                    resource: None,
                    from: day() - Duration::days(SPAN_DAYS),
                    days: 15,
                    include_unavailable: true,
                },
                now() - Duration::days(30),
            )
            .unwrap();
        let bookings: Vec<Booking> = all_bookings(&store)
            .into_iter()
            .filter(|b| b.status != BookingStatus::Expired)
            .collect();
        let fill = |past: bool| {
            let open: Vec<_> = slots
                .iter()
                .filter(|s| s.occurrence.capacity == 1)
                .filter(|s| !matches!(s.unavailable, Some(Unavailable::Closed { .. })))
                .filter(|s| (s.occurrence.from < now()) == past)
                .collect();
            let covered = open
                .iter()
                .filter(|s| {
                    bookings.iter().any(|b| {
                        b.resource_id == s.occurrence.resource_id
                            && s.occurrence.overlaps(b.from, b.to)
                    })
                })
                .count();
            f64::from(u32::try_from(covered).unwrap())
                / f64::from(u32::try_from(open.len()).unwrap())
        };
        let (past, future) = (fill(true), fill(false));
        println!("1:1 slots covered: past {past:.2}, coming {future:.2}");
        assert!((0.6..=0.8).contains(&past), "past {past:.2}");
        assert!((0.35..=0.55).contains(&future), "coming {future:.2}");
    }

    #[test]
    fn customers_have_valid_contacts_from_reserved_ranges() {
        let (_dir, store, _) = demo();
        for c in store.customers().unwrap() {
            if let Some(p) = &c.phone {
                assert!(
                    p.starts_with("+442079460") || p.starts_with("+441614960"),
                    "{p}"
                );
            }
            if let Some(e) = &c.email {
                assert!(DOMAINS.iter().any(|d| e.ends_with(&format!("@{d}"))), "{e}");
            }
        }
        let bookings = all_bookings(&store);
        let services = store.services().unwrap();
        for b in bookings.iter().filter(|b| b.customer.is_some()) {
            let s = services.iter().find(|s| s.id == b.service_id).unwrap();
            for q in s.questions.iter().filter(|q| q.required) {
                assert!(
                    b.answers.iter().any(|a| a.name == q.name),
                    "booking {} lacks {}",
                    b.id,
                    q.name
                );
            }
        }
    }

    #[test]
    fn the_same_day_gives_the_same_data() {
        let (_a, first, one) = demo();
        let (_b, second, two) = demo();
        assert_eq!(one, two);
        assert_eq!(all_bookings(&first), all_bookings(&second));
        assert_eq!(
            first.events(None, 100_000).unwrap(),
            second.events(None, 100_000).unwrap()
        );
    }

    #[test]
    fn other_days_work_too_around_holidays_and_clock_changes() {
        for (today, now) in [
            ("2026-12-27", "2026-12-27T15:30:00Z"),
            ("2027-03-28", "2027-03-28T08:15:00Z"),
            ("2026-10-25", "2026-10-25T00:30:00Z"),
            ("2027-06-09", "2027-06-09T19:45:30Z"),
        ] {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
            let catalog = Catalog::from_toml(DEMO).unwrap();
            let now: DateTime<Utc> = now.parse().unwrap();
            store
                .apply_catalog(&catalog, now - Duration::days(30))
                .unwrap();
            let summary = add_demo_bookings(&mut store, today.parse().unwrap(), now).unwrap();
            assert!(summary.bookings > 60, "{today}: {summary}");
            assert_eq!(summary.skipped, 0, "{today}: {summary}");
            let events = store.events(None, 100_000).unwrap();
            assert!(events.iter().all(|e| e.at <= now), "{today}");
        }
    }

    #[test]
    fn running_it_again_adds_nothing() {
        let (_dir, mut store, first) = demo();
        let again = add_demo_bookings(&mut store, day(), now()).unwrap();
        assert_eq!(all_bookings(&store).len(), first.bookings);
        assert_eq!(again.by_status, first.by_status);
    }
}
