//! Running the plan against the store: its writes in time order up to `now`,
//! rule refusals counted and skipped.

use super::DemoSummary;
use super::people::person;
use super::planner::Planner;
use super::step::{Op, Step};
use crate::domain::{BookRequest, HoldRequest, InitialStatus};
use crate::domain::{BookingId, ErrorKind, Role};
use crate::store::{Result, Store};
use chrono::{DateTime, Utc};

/// Runs the plan's writes up to `now` in time order. A refusal by the rules
/// is counted and skipped, and so are the later writes on a booking that was
/// never made.
pub(super) fn execute(
    store: &mut Store,
    plan: &Planner<'_>,
    now: DateTime<Utc>,
) -> Result<DemoSummary> {
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
            Err(e) if e.kind() == ErrorKind::Conflict => summary.skipped += 1,
            Err(e) => return Err(e),
        }
    }
    Ok(summary)
}

/// Runs one write; `Ok(None)` when its booking was never made.
pub(super) fn run<'p>(
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
                customer: customer.unwrap_or_default().into(),
                participants: visit.participants,
                message: visit.message.map(str::to_owned),
                notify: None,
                answers: visit.answers.clone(),
                add_ons: visit.add_ons.clone(),
                choices: Vec::new(),
                payment_option: None,
                status,
                role: crate::domain::Role::Manager,
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
