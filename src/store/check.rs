//! `check`: SQLite's integrity report and the booking rules read back from
//! the stored rows. Reads only; the full check reads every page.

use super::Store;
use super::codec::{date_col, status_list, ts};
use super::error::Result;
use crate::domain::check::{CheckDepth, CheckReport, DoubleBooked, LISTED_PER_KIND, OverCapacity};
use crate::domain::{BookingId, BookingStatus, ResourceId, SlotRef, TimeSlotId};
use crate::store::db::{self, Db, Engine};
use chrono::{DateTime, Utc};

impl Store {
    /// Checks the file (`quick_check` or `integrity_check` by `depth`) and
    /// the rules over every stored booking at `now`: no slot over capacity,
    /// no resource with overlapping bookings of two slots, every booking with
    /// at least one event. Changes nothing.
    /// Errors: the file's faults (a file too damaged to read at all).
    pub fn check(&self, depth: CheckDepth, now: DateTime<Utc>) -> Result<CheckReport> {
        let conn = &self.conn;
        let pragma = match depth {
            CheckDepth::Quick => "quick_check",
            CheckDepth::Full => "integrity_check",
        };
        // The file's own check is SQLite's; a PostgreSQL server keeps its
        // pages whole itself (checksums, WAL), so only the rules are checked.
        let integrity: Vec<String> = match conn.engine() {
            Engine::Sqlite => conn
                .prepare(&format!("PRAGMA {pragma}"))?
                .query_map((), |r| r.get::<String>(0))?
                .collect::<db::Result<Vec<_>>>()?
                .into_iter()
                .filter(|line| line != "ok")
                .collect(),
            Engine::Postgres => Vec::new(),
        };
        let mut report = CheckReport {
            integrity,
            bookings: conn
                .query_row("SELECT COUNT(*) FROM bookings", (), |r| r.get::<i64>(0))?
                .unsigned_abs(),
            ..CheckReport::default()
        };
        over_capacity(conn, now, &mut report)?;
        double_booked(conn, now, &mut report)?;
        without_events(conn, &mut report)?;
        Ok(report)
    }
}

/// `b.`'s condition for holding capacity at `?1` (the rule's statuses; a
/// hold only until it lapses).
fn holding(alias: &str) -> String {
    let lasting = status_list(|s| s.holds_capacity() && s != BookingStatus::Held);
    format!(
        "({alias}.status IN ({lasting}) OR ({alias}.status = 'held' AND {alias}.hold_expires_at > ?1))"
    )
}

fn over_capacity(conn: &Db, now: DateTime<Utc>, report: &mut CheckReport) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "SELECT b.time_slot_id, b.date, CAST(SUM(b.participants) AS BIGINT), t.capacity
         FROM bookings b JOIN time_slots t ON t.id = b.time_slot_id
         WHERE {}
         GROUP BY b.time_slot_id, b.date, t.capacity
         HAVING SUM(b.participants) > t.capacity
         ORDER BY b.date, b.time_slot_id",
        holding("b")
    ))?;
    let rows = stmt.query_map([ts(now)], |r| {
        Ok(OverCapacity {
            slot: SlotRef {
                time_slot_id: TimeSlotId(r.get(0)?),
                date: date_col(r, 1)?,
            },
            taken: r.get::<i64>(2)?.unsigned_abs(),
            capacity: r.get(3)?,
        })
    })?;
    tally(
        rows,
        &mut report.over_capacity_count,
        &mut report.over_capacity,
    )
}

fn double_booked(conn: &Db, now: DateTime<Utc>, report: &mut CheckReport) -> Result<()> {
    // A later booking overlaps an earlier one when it starts before the
    // earlier one ends; no slot is longer than a day, so the index range on
    // (resource, start) is short.
    let mut stmt = conn.prepare(&format!(
        "SELECT a.resource_id, a.id, b.id
         FROM bookings a JOIN bookings b
           ON b.resource_id = a.resource_id
          AND b.starts_at >= a.starts_at AND b.starts_at < a.ends_at
          AND b.id <> a.id
          AND (b.time_slot_id <> a.time_slot_id OR b.date <> a.date)
          AND (b.starts_at > a.starts_at OR b.id > a.id)
         WHERE {} AND {}
         ORDER BY a.starts_at, a.id, b.id",
        holding("a"),
        holding("b")
    ))?;
    let rows = stmt.query_map([ts(now)], |r| {
        Ok(DoubleBooked {
            resource_id: ResourceId(r.get(0)?),
            first: BookingId(r.get(1)?),
            second: BookingId(r.get(2)?),
        })
    })?;
    tally(
        rows,
        &mut report.double_booked_count,
        &mut report.double_booked,
    )
}

fn without_events(conn: &Db, report: &mut CheckReport) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT b.id FROM bookings b
         WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.booking_id = b.id)
         ORDER BY b.id",
    )?;
    let rows = stmt.query_map((), |r| Ok(BookingId(r.get(0)?)))?;
    tally(
        rows,
        &mut report.without_events_count,
        &mut report.without_events,
    )
}

/// Counts every row into `count` and keeps the first [`LISTED_PER_KIND`]
/// in `listed`.
fn tally<T>(
    rows: impl Iterator<Item = db::Result<T>>,
    count: &mut u64,
    listed: &mut Vec<T>,
) -> Result<()> {
    for row in rows {
        *count += 1;
        if listed.len() < LISTED_PER_KIND {
            listed.push(row?);
        }
    }
    Ok(())
}
