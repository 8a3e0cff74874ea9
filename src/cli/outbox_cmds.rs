//! `outbox [--json]`: the events waiting for the config's hooks, per target
//! (attempts, next attempt, last error); `outbox retry [EVENT_ID]` makes
//! them due now; `outbox deliver` runs one delivery pass, as a desk does in
//! the background (for cron, or when no desk is open).

use super::args::{OutboxAction, OutboxArgs};
use super::context::Context;
use super::output::{self, shown};
use super::{CliError, CliResult};
use crate::clock::Clock;
use crate::domain::EventId;
use crate::hooks::{Hooks, deliver_pass};
use crate::runtime::config;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// The JSON of `outbox deliver --json`.
#[derive(Serialize)]
struct DeliverReport {
    delivered: u64,
    failed: u64,
    waiting: u64,
    failing: u64,
    last_error: Option<String>,
}

fn hooks() -> CliResult<(Hooks, PathBuf)> {
    config::hooks().map_err(CliError::Config)
}

/// Runs `outbox`, `outbox retry` or `outbox deliver`.
pub fn outbox(ctx: &mut Context, a: &OutboxArgs) -> CliResult {
    match &a.action {
        None => list(ctx, a),
        Some(OutboxAction::Retry { event_id }) => {
            let made = ctx.store.retry_deliveries(event_id.map(EventId))?;
            let mut out = std::io::stdout().lock();
            match event_id {
                Some(id) if made == 0 => writeln!(
                    out,
                    "event {id} has no delivery waiting for a retry (delivered, or due already)"
                )?,
                Some(id) => writeln!(out, "event {id}: {} due now", deliveries(made))?,
                // The count is of those held back: the rest were due already.
                None => writeln!(
                    out,
                    "every waiting delivery is due now ({} {} waiting out a backoff or a lease)",
                    deliveries(made),
                    if made == 1 { "was" } else { "were" }
                )?,
            }
            Ok(())
        }
        Some(OutboxAction::Deliver { json }) => deliver(ctx, *json),
    }
}

/// `1 delivery`, `3 deliveries`.
fn deliveries(n: usize) -> String {
    if n == 1 {
        "1 delivery".to_owned()
    } else {
        format!("{n} deliveries")
    }
}

fn deliver(ctx: &mut Context, json: bool) -> CliResult {
    let (hooks, path) = hooks()?;
    if !hooks.any() {
        return Err(CliError::Config(format!(
            "no [hooks] command or url in the config file {}: nothing to deliver to",
            path.display()
        )));
    }
    let clock = Clock::from_env()?;
    let owner = format!("cli-{}", std::process::id());
    let report = deliver_pass(&mut ctx.store, &hooks, &owner, u64::MAX, &|| clock.now())?;
    if json {
        return output::json(&DeliverReport {
            delivered: report.delivered,
            failed: report.failed,
            waiting: report.status.waiting,
            failing: report.status.failing,
            last_error: report.status.last_error,
        });
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} delivered, {} failed; {} event(s) waiting",
        report.delivered, report.failed, report.status.waiting
    )?;
    if let Some(e) = &report.status.last_error {
        writeln!(out, "last error: {}", shown(e))?;
    }
    Ok(())
}

fn list(ctx: &Context, a: &OutboxArgs) -> CliResult {
    let (hooks, path) = hooks()?;
    let targets = hooks.targets();
    let deliveries = ctx.store.deliveries(&targets, a.limit as usize)?;
    if a.json {
        return output::json(&deliveries);
    }
    let status = ctx.store.outbox_status(&targets)?;
    let tz = ctx.location().map_or(chrono_tz::UTC, |l| l.time_zone);
    let mut out = std::io::stdout().lock();
    if targets.is_empty() {
        writeln!(
            out,
            "{} event(s) waiting in the outbox; no [hooks] command or url in the config file {}",
            status.waiting,
            path.display()
        )?;
        return Ok(());
    }
    if deliveries.is_empty() {
        writeln!(out, "outbox empty: every event delivered")?;
        return Ok(());
    }
    writeln!(
        out,
        "{} event(s) waiting, {} delivery(ies) failing",
        status.waiting, status.failing
    )?;
    writeln!(
        out,
        "{:>8}  {:<24} {:<8} {:>8}  {:<22} last error",
        "event", "kind", "target", "attempts", "next attempt"
    )?;
    for d in &deliveries {
        let next = match (d.leased_until, d.next_attempt_at) {
            (Some(until), _) if until > ctx.now => "being delivered".to_owned(),
            // To the second: the first waits are half a minute.
            (_, Some(at)) if at > ctx.now => {
                crate::domain::wall_clock::format_local(at, tz, "%a %d %b %H:%M:%S")
            }
            _ => "now".to_owned(),
        };
        writeln!(
            out,
            "{:>8}  {:<24} {:<8} {:>8}  {:<22} {}",
            d.event_id.0,
            d.kind.as_str(),
            d.target.as_str(),
            d.attempts,
            next,
            shown(&output::truncate(
                d.last_error.as_deref().unwrap_or("—"),
                200
            ))
        )?;
    }
    Ok(())
}
