//! The 1:1 appointments: each practitioner's day filled at the day's rate,
//! with pending requests, declines and the odd move to a later slot.

use super::planner::{Planner, minutes};
use super::step::Op;
use crate::domain::{Occurrence, PaymentMethod, ResourceId, Transition};
use chrono::{DateTime, NaiveDate, Utc};

impl Planner<'_> {
    /// Walks each practitioner's day: at each start not yet covered, books
    /// one of the services starting then with the day's fill rate.
    pub(super) fn appointments(&mut self, slots: &[Occurrence]) {
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

    /// Books `o` for a free customer, then plans its confirmation, move and
    /// outcome.
    fn appointment(&mut self, o: &Occurrence, slots: &[Occurrence]) {
        let Some(service) = self.service_of(o) else {
            return;
        };
        let needs_both = self.services[service].require_email_and_phone;
        let Some(customer) = self.customer_for(o, needs_both, false) else {
            return;
        };
        self.take(o);
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
        self.take(target);
        self.push(at, Op::Move(v, target.slot_ref()));
        true
    }
}
