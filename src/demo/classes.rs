//! The classes: each filled with a few bookings of one or two seats, some
//! held at the desk first, some prepaid online.

use super::planner::{Planner, minutes};
use super::step::Op;
use crate::domain::{Occurrence, PaymentMethod};

impl Planner<'_> {
    /// Fills each class with a few bookings of one or two seats.
    pub(super) fn classes(&mut self, slots: &[Occurrence]) {
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

    /// Books `n` seats of class `o` for `customer`, then plans its payment
    /// and outcome.
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
}
