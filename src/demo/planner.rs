//! The planner's state and its small tools: time picks, fill rates, who and
//! what is free. It only plans; the store is not touched.

use super::people::{REGULARS, has_email_and_phone};
use super::step::{Op, Step};
use super::visit::Visit;
use crate::domain::catalog::Service;
use crate::domain::{Occurrence, ResourceId, SlotRef};
use crate::words::PEOPLE;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::HashMap;

/// Builds the visits and the timestamped writes; the store is not touched.
pub(super) struct Planner<'a> {
    pub(super) rng: fastrand::Rng,
    pub(super) now: DateTime<Utc>,
    tz: Tz,
    pub(super) services: &'a [Service],
    pub(super) key_prefix: String,
    pub(super) visits: Vec<Visit>,
    pub(super) steps: Vec<Step>,
    /// Per customer, the planned visits' times, so nobody is in two places.
    pub(super) busy: Vec<Vec<(DateTime<Utc>, DateTime<Utc>)>>,
    /// Resource time taken by planned 1:1 visits and holds.
    taken: Vec<(ResourceId, DateTime<Utc>, DateTime<Utc>)>,
    /// Seats planned per class slot.
    pub(super) seats: HashMap<SlotRef, u32>,
}

/// `n` minutes.
pub(super) fn minutes(n: i64) -> Duration {
    Duration::minutes(n)
}

/// One of `items`, at random.
pub(super) fn pick<T: Copy>(rng: &mut fastrand::Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())]
}

impl<'a> Planner<'a> {
    /// An empty plan for `today`, its choices drawn from `seed`.
    pub(super) fn new(
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

    /// True with probability `p`.
    pub(super) fn chance(&mut self, p: f32) -> bool {
        self.rng.f32() < p
    }

    /// Plans write `op` at `at`.
    pub(super) fn push(&mut self, at: DateTime<Utc>, op: Op) {
        self.steps.push(Step { at, op });
    }

    /// The index of `o`'s service.
    pub(super) fn service_of(&self, o: &Occurrence) -> Option<usize> {
        self.services.iter().position(|s| s.id == o.service_id)
    }

    /// A whole minute in `[lo, hi]`, during the desk's day (08:00–21:00
    /// local) when that day allows it; `lo` when the range is empty.
    pub(super) fn between(&mut self, lo: DateTime<Utc>, hi: DateTime<Utc>) -> DateTime<Utc> {
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
    pub(super) fn booked_at(&mut self, from: DateTime<Utc>) -> DateTime<Utc> {
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
    pub(super) fn fill_rate(&self, from: DateTime<Utc>) -> f32 {
        if from < self.now {
            0.55
        } else {
            let hours = (from - self.now).num_hours().clamp(0, 1000);
            let days = f32::from(u16::try_from(hours).unwrap_or(1000)) / 24.0;
            (0.55 - 0.05 * days).max(0.25)
        }
    }

    /// Whether `o`'s resource is taken by a planned visit or hold then.
    pub(super) fn occupied(&self, o: &Occurrence) -> bool {
        self.taken
            .iter()
            .any(|(r, from, to)| *r == o.resource_id && o.overlaps(*from, *to))
    }

    /// Marks `o`'s resource taken for its time.
    pub(super) fn take(&mut self, o: &Occurrence) {
        self.taken.push((o.resource_id, o.from, o.to));
    }

    /// A customer free around `o` (and with both email and phone when the
    /// service needs them), marked busy then; `None` after a few tries.
    pub(super) fn customer_for(
        &mut self,
        o: &Occurrence,
        needs_both: bool,
        regular: bool,
    ) -> Option<usize> {
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
}
