//! How a confirmed visit ends: cancelled (and refunded if prepaid), a
//! no-show, or attended, completed and paid.

use super::planner::{Planner, minutes, pick};
use super::step::Op;
use crate::domain::{Occurrence, PaymentMethod, Transition};
use crate::words::CANCEL_REASONS;
use chrono::{DateTime, Utc};

impl Planner<'_> {
    /// What happened to a confirmed visit: cancelled, a no-show, or attended
    /// (checked in at the start, completed at the end, paid). Writes later
    /// than `now` are dropped when the plan runs.
    pub(super) fn outcome(
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
}
