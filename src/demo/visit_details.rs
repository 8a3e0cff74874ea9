//! Planning a visit's details: answers to the service's questions, add-ons,
//! a note, and the payment of what it costs.

use super::planner::{Planner, pick};
use super::step::Op;
use super::visit::Visit;
use crate::domain::{Occurrence, PaymentInput, PaymentMethod};
use crate::words::{
    APPOINTMENT_NOTES, CLASS_NOTES, CONDITIONS, EXPERIENCE, GPS, MASSAGE_REASONS, PHYSIO_REASONS,
};

impl Planner<'_> {
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

    /// Plans a visit to `o` (answers, add-ons and a note for a customer's)
    /// and returns its index.
    pub(super) fn add_visit(
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

    /// The write paying visit `v` in full by `method`, with a made-up
    /// reference except for cash.
    pub(super) fn payment(&mut self, v: usize, method: PaymentMethod) -> Op {
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
                idempotency_key: None,
            },
        )
    }
}
