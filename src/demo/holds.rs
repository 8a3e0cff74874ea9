//! Holds nobody confirms: one lapsed earlier today and a few live ones that
//! lapse minutes after `now`.

use super::planner::{Planner, minutes};
use super::step::Op;
use crate::domain::Occurrence;
use chrono::{DateTime, Duration, Utc};

impl Planner<'_> {
    /// Holds nobody confirms: one that lapsed earlier today, and live ones
    /// (an appointment and two class seats) that lapse a few minutes after `now`.
    pub(super) fn holds(&mut self, slots: &[Occurrence]) {
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
                self.take(o);
            }
            let v = self.add_visit(o, service, None, if class { 2 } else { 1 });
            self.push(at, Op::Hold(v));
        }
    }
}
