//! The desk's deliverer: a thread of its own that runs a delivery pass of
//! the config's hooks every few seconds over its own connection, so a slow
//! or hanging hook never holds up the desk or holds the write lock (each
//! claim and outcome is its own short transaction). What it finds reaches
//! the status bar while deliveries fail.

use super::worker::{Done, Lane};
use crate::app::Msg;
use crate::clock::Clock;
use crate::hooks::pass::PASS_LIMIT;
use crate::hooks::{Hooks, deliver_pass};
use crate::store::Store;
use std::path::Path;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;

/// The wait between passes once nothing is due.
const IDLE: Duration = Duration::from_secs(2);

/// Starts delivering to `hooks` (when any is configured) as `owner`, until
/// the desk's results channel closes.
pub fn start(db: &Path, hooks: Hooks, clock: Clock, owner: String, results: UnboundedSender<Done>) {
    if !hooks.any() {
        return;
    }
    let db = db.to_owned();
    std::thread::spawn(move || {
        let mut store = match Store::open(&db) {
            Ok(store) => store,
            Err(e) => {
                let failure = crate::domain::Failure::fault(format!("outbox: {e}"));
                let _ = results.send(done(vec![Msg::LoadFailed(failure)]));
                return;
            }
        };
        let (mut last, mut failed) = (None, None);
        loop {
            let now = || clock.now();
            let wait = match deliver_pass(&mut store, &hooks, &owner, PASS_LIMIT, &now) {
                Ok(report) => {
                    failed = None;
                    let busy = report.delivered > 0 && report.failed == 0;
                    if last.as_ref() != Some(&report.status) {
                        last = Some(report.status.clone());
                        if results
                            .send(done(vec![Msg::OutboxChecked(report.status)]))
                            .is_err()
                        {
                            return;
                        }
                    }
                    if busy { Duration::ZERO } else { IDLE }
                }
                // Another desk's lock, a full disk: said once, tried again
                // next time.
                Err(e) => {
                    let words = format!("outbox: {e}");
                    if failed.as_ref() != Some(&words) {
                        let failure = crate::domain::Failure::fault(words.clone());
                        failed = Some(words);
                        if results.send(done(vec![Msg::LoadFailed(failure)])).is_err() {
                            return;
                        }
                    }
                    IDLE
                }
            };
            if results.is_closed() {
                return;
            }
            std::thread::sleep(wait);
        }
    });
}

fn done(msgs: Vec<Msg>) -> Done {
    Done {
        lane: Lane::Background,
        msgs,
        failed: false,
    }
}
