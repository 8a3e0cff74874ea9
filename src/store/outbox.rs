//! The outbox's delivery state: every event is queued by a trigger in the
//! transaction that writes it (migration 018); deliverers claim one waiting
//! event per target with a lease in a `BEGIN IMMEDIATE` transaction, run the
//! hook outside it, then record the outcome. A failing target rests for
//! its backoff. A row leaves the outbox once every configured target has
//! it; nothing waiting is ever dropped.

use super::Store;
use super::codec::{instant, parsed, ts};
use super::error::Result;
use super::events::{EVENT_COLUMNS, event_row};
use crate::domain::outbox::{Claimed, Delivery, OutboxStatus, Target, next_attempt_at};
use crate::domain::{BookingError, EventId};
use crate::store::db::{self, Db, Optional, params};
use chrono::{DateTime, Duration, Utc};

/// The longest last error kept (characters): a hook's stderr may be huge.
pub const ERROR_KEPT: usize = 500;

/// The first waiting event that `target` may be given at `now`: never
/// delivered to it, not leased by anyone, its next attempt due.
const DUE_SQL: &str = "SELECT o.event_id, coalesce(d.attempts, 0) FROM outbox o
    LEFT JOIN outbox_deliveries d ON d.event_id = o.event_id AND d.target = ?1
    WHERE d.event_id IS NULL
       OR (d.delivered_at IS NULL
           AND coalesce(d.next_at, 0) <= ?2
           AND coalesce(d.lease_until, 0) <= ?2)
    ORDER BY o.event_id
    LIMIT 1";

/// The waiting events of one target with their state, oldest first.
const WAITING_SQL: &str = "SELECT o.event_id, e.kind, coalesce(d.attempts, 0), d.next_at,
        d.last_error, d.lease_until
    FROM outbox o
    JOIN events e ON e.id = o.event_id
    LEFT JOIN outbox_deliveries d ON d.event_id = o.event_id AND d.target = ?1
    WHERE d.delivered_at IS NULL
    ORDER BY o.event_id
    LIMIT ?2";

fn kept_error(error: &str) -> String {
    let one_line: String = error
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let trimmed = one_line.trim();
    if trimmed.chars().count() <= ERROR_KEPT {
        return trimmed.to_owned();
    }
    let mut cut: String = trimmed.chars().take(ERROR_KEPT - 1).collect();
    cut.push('…');
    cut
}

fn claim(
    conn: &Db,
    target: Target,
    owner: &str,
    lease: Duration,
    now: DateTime<Utc>,
) -> Result<Option<Claimed>> {
    let resting: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM outbox_targets WHERE target = ?1 AND next_at > ?2)",
        )?
        .query_row(params![target.as_str(), ts(now)], |r| r.get(0))?;
    if resting {
        return Ok(None);
    }
    let due: Option<(i64, u32)> = conn
        .prepare_cached(DUE_SQL)?
        .query_row(params![target.as_str(), ts(now)], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((event_id, attempts)) = due else {
        return Ok(None);
    };
    conn.prepare_cached(
        "INSERT INTO outbox_deliveries (event_id, target, lease_owner, lease_until)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (event_id, target)
         DO UPDATE SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until",
    )?
    .execute(params![event_id, target.as_str(), owner, ts(now + lease)])?;
    let event = conn
        .prepare_cached(&format!("{EVENT_COLUMNS} WHERE id = ?1"))?
        .query_row([event_id], event_row)?;
    Ok(Some(Claimed {
        event,
        target,
        attempts,
    }))
}

impl Store {
    /// Claims the first event due for `target` at `now` (UTC) for `owner`
    /// (a desk's or a command's name) until `now + lease`, in one
    /// `BEGIN IMMEDIATE` transaction: another deliverer passes it over until
    /// the lease ends or the outcome is recorded. `None` when nothing is due
    /// or the target rests after failing ([`Store::delivery_failed`]).
    pub fn claim_delivery(
        &mut self,
        target: Target,
        owner: &str,
        lease: Duration,
        now: DateTime<Utc>,
    ) -> Result<Option<Claimed>> {
        self.transact(|conn| claim(conn, target, owner, lease, now))
    }

    /// Records that `target` has event `id` (at `now`); once every target
    /// of `targets` has it, the event leaves the outbox.
    pub fn delivered(
        &mut self,
        id: EventId,
        target: Target,
        targets: &[Target],
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.transact(|conn| {
            conn.prepare_cached(
                "UPDATE outbox_deliveries
                 SET delivered_at = ?3, lease_owner = NULL, lease_until = NULL,
                     last_error = NULL, attempts = attempts + 1
                 WHERE event_id = ?1 AND target = ?2",
            )?
            .execute(params![id.0, target.as_str(), ts(now)])?;
            conn.prepare_cached("DELETE FROM outbox_targets WHERE target = ?1")?
                .execute([target.as_str()])?;
            let mut missing = 0;
            for t in targets {
                let has: bool = conn
                    .prepare_cached(
                        "SELECT EXISTS (SELECT 1 FROM outbox_deliveries
                         WHERE event_id = ?1 AND target = ?2 AND delivered_at IS NOT NULL)",
                    )?
                    .query_row(params![id.0, t.as_str()], |r| r.get(0))?;
                missing += usize::from(!has);
            }
            if missing == 0 {
                conn.prepare_cached("DELETE FROM outbox_deliveries WHERE event_id = ?1")?
                    .execute([id.0])?;
                conn.prepare_cached("DELETE FROM outbox WHERE event_id = ?1")?
                    .execute([id.0])?;
            }
            Ok(())
        })
    }

    /// Records a failed attempt to give `target` event `id` at `now`: one
    /// more attempt, the next not before the backoff's wait
    /// ([`next_attempt_at`]), the error kept (one line, at most
    /// [`ERROR_KEPT`] characters) and the lease let go. The target itself
    /// rests for the backoff of its failures in a row (no claim for it
    /// meanwhile), so an offline receiver gets one attempt per wait.
    /// Returns the delivery's state after (`None`: it was not waiting).
    pub fn delivery_failed(
        &mut self,
        id: EventId,
        target: Target,
        error: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Delivery>> {
        let error = kept_error(error);
        self.transact(|conn| {
            let attempts: Option<u32> = conn
                .prepare_cached(
                    "SELECT attempts FROM outbox_deliveries
                     WHERE event_id = ?1 AND target = ?2 AND delivered_at IS NULL",
                )?
                .query_row(params![id.0, target.as_str()], |r| r.get(0))
                .optional()?;
            let Some(before) = attempts else {
                return Ok(None);
            };
            let attempts = before.saturating_add(1);
            let failures: u32 = conn
                .prepare_cached(
                    "INSERT INTO outbox_targets (target, failures) VALUES (?1, 1)
                     ON CONFLICT (target) DO UPDATE SET failures = outbox_targets.failures + 1
                     RETURNING failures",
                )?
                .query_row([target.as_str()], |r| r.get(0))?;
            conn.prepare_cached("UPDATE outbox_targets SET next_at = ?2 WHERE target = ?1")?
                .execute(params![target.as_str(), ts(next_attempt_at(now, failures))])?;
            conn.prepare_cached(
                "UPDATE outbox_deliveries
                 SET attempts = ?3, next_at = ?4, last_error = ?5,
                     lease_owner = NULL, lease_until = NULL
                 WHERE event_id = ?1 AND target = ?2",
            )?
            .execute(params![
                id.0,
                target.as_str(),
                attempts,
                ts(next_attempt_at(now, attempts)),
                error
            ])?;
            Ok(waiting(conn, target, 1, Some(id))?.into_iter().next())
        })
    }

    /// Takes every event waiting in the outbox off it, undelivered: for
    /// made-up history (the demo's), which no hook may see — an SMS hook
    /// would text every demo customer. The events stay in the journal; the
    /// next change is queued as ever. Returns how many were taken off.
    pub fn forget_waiting_events(&mut self) -> Result<usize> {
        self.transact(|conn| Ok(conn.prepare_cached("DELETE FROM outbox")?.execute(())?))
    }

    /// Makes every waiting delivery (or only event `id`'s) due now, leases
    /// and all, and lets every target be tried at once: `outbox retry`.
    /// Returns how many deliveries were waiting in backoff or leased.
    /// Errors: `event not found` when `id` names no event; an event that
    /// is not waiting (delivered) makes 0.
    pub fn retry_deliveries(&mut self, id: Option<EventId>) -> Result<usize> {
        self.transact(|conn| {
            if let Some(id) = id {
                let known: bool = conn
                    .prepare_cached("SELECT EXISTS (SELECT 1 FROM events WHERE id = ?1)")?
                    .query_row([id.0], |r| r.get(0))?;
                if !known {
                    return Err(BookingError::EventNotFound.into());
                }
            }
            conn.prepare_cached("UPDATE outbox_targets SET next_at = NULL")?
                .execute(())?;
            Ok(conn
                .prepare_cached(
                    "UPDATE outbox_deliveries
                     SET next_at = NULL, lease_owner = NULL, lease_until = NULL
                     WHERE delivered_at IS NULL
                       AND (next_at IS NOT NULL OR lease_until IS NOT NULL)
                       AND (?1 IS NULL OR event_id = ?1)",
                )?
                .execute([id.map(|e| e.0)])?)
        })
    }

    /// The events waiting for each of `targets` with their delivery state,
    /// oldest first, at most `limit` per target (`slotdesk outbox`).
    pub fn deliveries(&self, targets: &[Target], limit: usize) -> Result<Vec<Delivery>> {
        let mut all = Vec::new();
        for t in targets {
            all.extend(waiting(&self.conn, *t, limit, None)?);
        }
        all.sort_by_key(|d| (d.event_id, d.target));
        Ok(all)
    }

    /// How many events wait in the outbox, how many deliveries to
    /// `targets` are failing, and the last failure (`target: error`).
    pub fn outbox_status(&self, targets: &[Target]) -> Result<OutboxStatus> {
        let waiting: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM outbox")?
            .query_row((), |r| r.get(0))?;
        let mut status = OutboxStatus {
            waiting: waiting.unsigned_abs(),
            ..OutboxStatus::default()
        };
        let mut newest: Option<i64> = None;
        for t in targets {
            let failing: i64 = self
                .conn
                .prepare_cached(
                    "SELECT count(*) FROM outbox_deliveries INDEXED BY outbox_failing
                     WHERE target = ?1 AND delivered_at IS NULL AND last_error IS NOT NULL",
                )?
                .query_row([t.as_str()], |r| r.get(0))?;
            status.failing += failing.unsigned_abs();
            // A failure made due now by `outbox retry` has no next_at: it
            // sorts as the oldest (0).
            let last: Option<(i64, String)> = self
                .conn
                .prepare_cached(
                    "SELECT coalesce(next_at, 0), last_error
                     FROM outbox_deliveries INDEXED BY outbox_failing
                     WHERE target = ?1 AND delivered_at IS NULL AND last_error IS NOT NULL
                     ORDER BY coalesce(next_at, 0) DESC LIMIT 1",
                )?
                .query_row([t.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if let Some((at, error)) = last
                && newest.is_none_or(|n| at > n)
            {
                newest = Some(at);
                status.last_error = Some(format!("{t}: {error}"));
            }
        }
        Ok(status)
    }
}

fn waiting(
    conn: &Db,
    target: Target,
    limit: usize,
    only: Option<EventId>,
) -> Result<Vec<Delivery>> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let row = |r: &db::Row<'_>| {
        Ok(Delivery {
            event_id: EventId(r.get(0)?),
            kind: parsed(r, 1)?,
            target,
            attempts: r.get(2)?,
            next_attempt_at: r.get::<Option<i64>>(3)?.map(instant),
            last_error: r.get(4)?,
            leased_until: r.get::<Option<i64>>(5)?.map(instant),
        })
    };
    let rows = match only {
        Some(id) => conn
            .prepare_cached(&WAITING_SQL.replace(
                "WHERE d.delivered_at IS NULL",
                "WHERE d.delivered_at IS NULL AND o.event_id = ?3",
            ))?
            .query_map(params![target.as_str(), limit, id.0], row)?
            .collect::<db::Result<Vec<_>>>()?,
        None => conn
            .prepare_cached(WAITING_SQL)?
            .query_map(params![target.as_str(), limit], row)?
            .collect::<db::Result<Vec<_>>>()?,
    };
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(conn: &rusqlite::Connection, sql: &str) -> String {
        let values = [
            rusqlite::types::Value::Text("url".into()),
            rusqlite::types::Value::Integer(0),
            rusqlite::types::Value::Integer(1),
        ];
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let n = stmt.parameter_count();
        let rows: Vec<String> = stmt
            .query_map(rusqlite::params_from_iter(&values[..n]), |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        rows.join("\n")
    }

    #[test]
    fn the_queue_is_read_in_event_order_by_key_with_no_sort_and_no_scan_of_the_journal() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        super::super::migrations::migrate(&mut conn).unwrap();
        for sql in [DUE_SQL, WAITING_SQL] {
            let all = plan(&conn, sql);
            // The outbox in rowid (event id) order: no temporary sort.
            assert!(all.contains("SCAN o"), "{all}");
            assert!(!all.contains("TEMP B-TREE"), "{all}");
            assert!(!all.contains("SCAN d") && !all.contains("SCAN e"), "{all}");
        }
    }
}
