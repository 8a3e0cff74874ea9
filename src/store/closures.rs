//! Closures at the desk: close a resource or the whole location for a day,
//! days or part of a day (`closure.added`), listing the live bookings it
//! strands, each marked as needing attention, never cancelled; reopen a
//! desk closure (`closure.removed`). Catalog closures are the catalog
//! file's: an apply replaces them and keeps the desk's.

use super::Store;
use super::catalog::location;
use super::catalog_guard::{clear, flag};
use super::codec::{date_col, day, parsed, status_list, ts};
use super::error::Result;
use super::events::record;
use super::queries::load_booking;
use crate::domain::attention::words;
use crate::domain::{
    AttentionReason, Booking, BookingError, BookingId, BookingStatus, ClosureAdded, ClosureEntry,
    ClosureId, ClosureOrigin, ClosureRequest, EventData, EventKind, ResourceId,
};
use crate::store::db::{self, Db, Optional, params};
use chrono::{DateTime, NaiveDate, NaiveTime, Timelike, Utc};

const CLOSURE_COLUMNS: &str = "SELECT c.id, c.resource_id, r.name, c.from_date, c.until_date,
     c.starts_minute, c.ends_minute, c.reason, c.origin
     FROM closures c LEFT JOIN resources r ON r.id = c.resource_id";

fn time_of(minute: Option<i64>) -> Option<NaiveTime> {
    let minute = u32::try_from(minute?).ok()?;
    NaiveTime::from_hms_opt(minute / 60, minute % 60, 0)
}

fn minute_of(t: NaiveTime) -> i64 {
    i64::from(t.hour() * 60 + t.minute())
}

fn entry_row(r: &db::Row<'_>) -> db::Result<ClosureEntry> {
    Ok(ClosureEntry {
        id: ClosureId(r.get(0)?),
        resource_id: r.get::<Option<i64>>(1)?.map(ResourceId),
        resource_name: r.get(2)?,
        from: date_col(r, 3)?,
        until: date_col(r, 4)?,
        starts_local: time_of(r.get(5)?),
        ends_local: time_of(r.get(6)?),
        reason: r.get(7)?,
        origin: parsed(r, 8)?,
    })
}

/// Every closure, by first date then id.
pub(super) fn all_closures(conn: &Db) -> Result<Vec<ClosureEntry>> {
    let mut stmt = conn.prepare_cached(&format!("{CLOSURE_COLUMNS} ORDER BY c.from_date, c.id"))?;
    let rows = stmt.query_map((), entry_row)?;
    Ok(rows.collect::<db::Result<_>>()?)
}

/// The closures that touch the local dates `[from, until]`.
pub(super) fn closures_between(
    conn: &Db,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<ClosureEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{CLOSURE_COLUMNS} WHERE c.from_date <= ?2 AND c.until_date >= ?1 ORDER BY c.from_date, c.id"
    ))?;
    let rows = stmt.query_map(params![day(from), day(until)], entry_row)?;
    Ok(rows.collect::<db::Result<_>>()?)
}

fn closure(conn: &Db, id: ClosureId) -> Result<ClosureEntry> {
    conn.prepare_cached(&format!("{CLOSURE_COLUMNS} WHERE c.id = ?1"))?
        .query_row([id.0], entry_row)
        .optional()?
        .ok_or_else(|| BookingError::ClosureNotFound.into())
}

/// The live bookings (capacity-holding, not ended at `now`) on a slot
/// `closure` closes, in time order.
fn live_under(conn: &Db, closure: &ClosureEntry, now: DateTime<Utc>) -> Result<Vec<BookingId>> {
    let tz = location(conn)?.time_zone;
    let rule = closure.rule(tz);
    let live = status_list(BookingStatus::holds_capacity);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, resource_id, date, starts_at, ends_at FROM bookings
         WHERE date BETWEEN ?1 AND ?2 AND ends_at > ?3 AND status IN ({live})
           AND (status <> 'held' OR hold_expires_at > ?3)
         ORDER BY starts_at, id"
    ))?;
    let rows = stmt.query_map(
        params![day(closure.from), day(closure.until), ts(now)],
        |r| {
            Ok((
                BookingId(r.get(0)?),
                ResourceId(r.get(1)?),
                date_col(r, 2)?,
                super::codec::instant(r.get(3)?),
                super::codec::instant(r.get(4)?),
            ))
        },
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (id, resource, date, from, to) = row?;
        if rule.closes(resource, date, from, to) {
            out.push(id);
        }
    }
    Ok(out)
}

/// The words a booking a closure strands is marked with.
fn why(closure: &ClosureEntry) -> String {
    words(&[AttentionReason::Closed(closure.reason.clone())])
}

/// Booking `id`'s attention mark, if it has one.
fn mark_of(conn: &Db, id: BookingId) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT why FROM booking_attention WHERE booking_id = ?1")?
        .query_row([id.0], |r| r.get(0))
        .optional()?)
}

/// The reasons of a mark (`; ` between them).
fn reasons(mark: &str) -> Vec<&str> {
    mark.split("; ").collect()
}

impl Store {
    /// Every closure, from the catalog and the desk, by first date.
    pub fn closures(&self) -> Result<Vec<ClosureEntry>> {
        all_closures(&self.conn)
    }

    /// The closures touching the local dates `from` to `until`
    /// (inclusive), by first date.
    pub fn closures_on(&self, from: NaiveDate, until: NaiveDate) -> Result<Vec<ClosureEntry>> {
        closures_between(&self.conn, from, until)
    }

    /// Closes a resource (or the whole location) at the desk for the days
    /// or the part of a day `request` gives, recording `closure.added`.
    /// The live bookings it strands are not cancelled: each is marked as
    /// needing attention (`booking.needs_attention`, the closure's reason
    /// as its note) and returned, in time order, for the desk to move or
    /// cancel.
    /// Errors (invalid input): [`ClosureRequest::checked`]'s, a resource
    /// not found or retired, a closure that ends before today at the
    /// location.
    pub fn add_closure(
        &mut self,
        request: &ClosureRequest,
        now: DateTime<Utc>,
    ) -> Result<ClosureAdded> {
        let request = request.checked()?;
        self.write(now, |conn| {
            let tz = location(conn)?.time_zone;
            let today = now.with_timezone(&tz).date_naive();
            let until = request.until.unwrap_or(request.from);
            if until < today {
                return Err(BookingError::invalid(format!(
                    "the closure ends on {until}, before today ({today}): nothing to close"
                ))
                .into());
            }
            if let Some(resource) = request.resource {
                let active: Option<bool> = conn
                    .prepare_cached("SELECT active FROM resources WHERE id = ?1")?
                    .query_row([resource.0], |r| r.get(0))
                    .optional()?;
                if active != Some(true) {
                    return Err(BookingError::ResourceNotFound(resource.to_string()).into());
                }
            }
            let new_id: i64 = conn
                .prepare_cached(
                    "INSERT INTO closures (resource_id, from_date, until_date, reason, origin,
                     starts_minute, ends_minute, created_at)
                 VALUES (?1, ?2, ?3, ?4, 'desk', ?5, ?6, ?7) RETURNING id",
                )?
                .query_row(
                    params![
                        request.resource.map(|r| r.0),
                        day(request.from),
                        day(until),
                        request.reason,
                        request.hours.map(|(s, _)| minute_of(s)),
                        request.hours.map(|(_, e)| minute_of(e)),
                        ts(now),
                    ],
                    |r| r.get(0),
                )?;
            let made = closure(conn, ClosureId(new_id))?;
            record(
                conn,
                now,
                EventKind::ClosureAdded,
                &EventData::Closure(made.clone()),
            )?;
            let why = why(&made);
            let mut stranded: Vec<Booking> = Vec::new();
            for id in live_under(conn, &made, now)? {
                // A booking already marked keeps its other reasons.
                let marked = match mark_of(conn, id)? {
                    Some(old) if reasons(&old).contains(&why.as_str()) => old,
                    Some(old) => format!("{old}; {why}"),
                    None => why.clone(),
                };
                flag(conn, id, &marked, now)?;
                stranded.push(load_booking(conn, id)?);
            }
            Ok(ClosureAdded {
                closure: made,
                stranded,
            })
        })
    }

    /// Reopens: removes desk closure `id`, recording `closure.removed` with
    /// the closure as it was; a booking it had marked as needing attention,
    /// and that no other closure for the same reason covers, loses that
    /// reason from its mark (and the mark, when it was the only one).
    /// Returns the closure removed.
    /// Errors: `closure not found`; a catalog closure (remove it from the
    /// file and apply it).
    pub fn remove_closure(&mut self, id: ClosureId, now: DateTime<Utc>) -> Result<ClosureEntry> {
        self.write(now, |conn| {
            let gone = closure(conn, id)?;
            if gone.origin == ClosureOrigin::Catalog {
                return Err(BookingError::NotAllowed(format!(
                    "closure {id} comes from the catalog file: remove it there and apply the file"
                ))
                .into());
            }
            let covered = live_under(conn, &gone, now)?;
            conn.prepare_cached("DELETE FROM closures WHERE id = ?1")?
                .execute([id.0])?;
            record(
                conn,
                now,
                EventKind::ClosureRemoved,
                &EventData::Closure(gone.clone()),
            )?;
            let tz = location(conn)?.time_zone;
            let still = closures_between(conn, gone.from, gone.until)?;
            let why = why(&gone);
            for booking in covered {
                let b = load_booking(conn, booking)?;
                let closed = still.iter().any(|c| {
                    c.reason == gone.reason
                        && c.rule(tz).closes(b.resource_id, b.date, b.from, b.to)
                });
                let Some(marked) = mark_of(conn, booking)? else {
                    continue;
                };
                if closed {
                    continue;
                }
                // This closure's reason comes off the mark; other reasons stay.
                let left: Vec<&str> = reasons(&marked)
                    .into_iter()
                    .filter(|r| *r != why.as_str())
                    .collect();
                if left.is_empty() {
                    clear(conn, booking)?;
                } else if left.len() < reasons(&marked).len() {
                    conn.prepare_cached(
                        "UPDATE booking_attention SET why = ?2 WHERE booking_id = ?1",
                    )?
                    .execute(params![booking.0, left.join("; ")])?;
                }
            }
            Ok(gone)
        })
    }
}
