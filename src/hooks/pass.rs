//! One delivery pass: for each configured target, claim the next due event
//! (a lease, in its own transaction), give it to the hook with no
//! transaction open, record the outcome; until nothing is due, a failure
//! (the hook is down: the rest wait for the next pass) or the pass's limit.

use super::config::Hooks;
use super::send::{Outgoing, send};
use crate::domain::outbox::{HookEvent, OutboxStatus};
use crate::store::{Result, Store};
use chrono::{DateTime, Duration, Utc};

/// What a pass did, and the outbox after it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassReport {
    /// Deliveries made (an event given to two targets counts twice).
    pub delivered: u64,
    /// Attempts that failed (each retried after its backoff).
    pub failed: u64,
    pub status: OutboxStatus,
}

/// The most deliveries one desk pass makes per target, so a desk with a
/// backlog still reports its progress now and then.
pub const PASS_LIMIT: u64 = 500;

/// How long a claim keeps other deliverers off an event beyond the hook's
/// timeout (a deliverer killed mid-attempt delays it by this much).
pub const LEASE_MARGIN: Duration = Duration::seconds(30);

/// Runs one pass of `hooks` over `store` as `owner`, at most `limit`
/// deliveries per target, reading the time from `now` before each claim
/// and each outcome. Errors: the store's (the pass stops; what it recorded
/// stays).
pub fn deliver_pass(
    store: &mut Store,
    hooks: &Hooks,
    owner: &str,
    limit: u64,
    now: &dyn Fn() -> DateTime<Utc>,
) -> Result<PassReport> {
    let targets = hooks.targets();
    let lease = Duration::from_std(hooks.timeout).unwrap_or(Duration::minutes(10)) + LEASE_MARGIN;
    let mut report = PassReport::default();
    for &target in &targets {
        let mut made = 0;
        while made < limit {
            let Some(claimed) = store.claim_delivery(target, owner, lease, now())? else {
                break;
            };
            made += 1;
            let event = &claimed.event;
            let body = match HookEvent::of(event).to_json() {
                Ok(body) => body,
                Err(e) => {
                    store.delivery_failed(event.id, target, &e.to_string(), now())?;
                    report.failed += 1;
                    break;
                }
            };
            let outgoing = Outgoing {
                id: event.id.0,
                kind: event.kind.as_str(),
                body: &body,
            };
            match send(hooks, target, outgoing) {
                Ok(()) => {
                    store.delivered(event.id, target, &targets, now())?;
                    report.delivered += 1;
                }
                Err(why) => {
                    store.delivery_failed(event.id, target, &why, now())?;
                    report.failed += 1;
                    break;
                }
            }
        }
    }
    report.status = store.outbox_status(&targets)?;
    Ok(report)
}
