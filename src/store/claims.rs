//! Loading what the rules need about one slot: its time slot and occurrence,
//! and the bookings on its resource near its time (covering index
//! `bookings_resource_time`, never the whole history).

use super::catalog::{closures, location, time_slot};
use super::codec::{date_col, day, instant, parsed, ts};
use super::error::Result;
use super::queries::{one_of, with_statement};
use crate::domain::availability::{
    Claim, Closure, SlotState, check_duplicate, check_room, evaluate,
};
use crate::domain::catalog::Service;
use crate::domain::limits::check_window;
use crate::domain::{
    BookingError, BookingId, CustomerId, Occurrence, ResourceId, SlotRef, TimeSlot, TimeSlotId,
};
use crate::store::db::{self, Db, Value, from_iter, params};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

/// No slot is longer than this (catalog durations are at most 1440 minutes),
/// so claims that overlap a window start at most this long before it.
pub(super) const LONGEST_SLOT: Duration = Duration::hours(24);

/// The capacity-holding bookings on resource `?1` starting in `[?2, ?3)`,
/// as [`claim_row`] reads them.
const CLAIMS_NEAR: &str = "SELECT id, time_slot_id, date, starts_at, ends_at, participants, status,
            hold_expires_at, customer_id
     FROM bookings
     WHERE resource_id = ?1 AND starts_at >= ?2 AND starts_at < ?3
       AND status IN ('held', 'pending', 'confirmed', 'checked_in')";

/// Capacity-relevant bookings on each of `resources` (not empty) that
/// start in `[from - 24h, to)`, by resource, each ordered by start: one
/// query for them all. Includes every status; the rules filter by status
/// and `now`.
pub(super) fn claims_on_each(
    conn: &Db,
    resources: &[ResourceId],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<HashMap<ResourceId, Vec<Claim>>> {
    let ids: Vec<i64> = resources.iter().map(|r| r.0).collect();
    let of = one_of(conn.engine(), "resource_id", &ids);
    let sql = format!(
        "SELECT id, time_slot_id, date, starts_at, ends_at, participants, status,
                hold_expires_at, customer_id, resource_id
         FROM bookings
         WHERE {} AND starts_at >= ? AND starts_at < ?
           AND status IN ('held', 'pending', 'confirmed', 'checked_in')
         ORDER BY resource_id, starts_at",
        of.condition
    );
    let mut values = of.values.clone();
    values.extend([
        Value::Integer(ts(from - LONGEST_SLOT)),
        Value::Integer(ts(to)),
    ]);
    let mut out: HashMap<ResourceId, Vec<Claim>> =
        resources.iter().map(|r| (*r, Vec::new())).collect();
    with_statement(conn, &sql, of.kept, |stmt| {
        let rows = stmt.query_map(from_iter(values.iter()), |r| {
            let resource = ResourceId(r.get(9)?);
            Ok((resource, claim_row(r, resource)?))
        })?;
        for row in rows {
            let (resource, claim) = row?;
            out.entry(resource).or_default().push(claim);
        }
        Ok(())
    })?;
    Ok(out)
}

/// The claims the rules read for one occurrence: those of
/// [`claims_on_each`] its hours that overlap it or are of the same slot (a
/// seat kept by a booking whose hours the catalog changed). The rest —
/// bookings of the 24 hours before that ended by its start — no rule
/// looks at (the capacity, one-thing-at-a-time and duplicate rules read
/// only these), so they are left in the index, unread.
pub(super) fn claims_of(conn: &Db, occurrence: &Occurrence) -> Result<Vec<Claim>> {
    let resource = occurrence.resource_id;
    let mut stmt = conn.prepare_cached(&format!(
        "{CLAIMS_NEAR} AND (ends_at > ?4 OR (time_slot_id = ?5 AND date = ?6))
             ORDER BY starts_at"
    ))?;
    let rows = stmt.query_map(
        params![
            resource.0,
            ts(occurrence.from - LONGEST_SLOT),
            ts(occurrence.to),
            ts(occurrence.from),
            occurrence.time_slot_id.0,
            day(occurrence.date)
        ],
        |r| claim_row(r, resource),
    )?;
    Ok(rows.collect::<db::Result<_>>()?)
}

/// A claim of the columns [`CLAIMS_NEAR`] selects, on `resource`.
fn claim_row(r: &db::Row<'_>, resource: ResourceId) -> db::Result<Claim> {
    Ok(Claim {
        booking_id: BookingId(r.get(0)?),
        slot: SlotRef {
            time_slot_id: TimeSlotId(r.get(1)?),
            date: date_col(r, 2)?,
        },
        resource_id: resource,
        from: instant(r.get(3)?),
        to: instant(r.get(4)?),
        participants: r.get(5)?,
        status: parsed(r, 6)?,
        hold_expires_at: r.get::<Option<i64>>(7)?.map(instant),
        customer_id: r.get::<Option<i64>>(8)?.map(CustomerId),
    })
}

/// A slot resolved for a write: its time slot, occurrence, the claims near
/// it and the closures of its date.
pub(super) struct SlotContext {
    pub time_slot: TimeSlot,
    pub occurrence: Occurrence,
    pub claims: Vec<Claim>,
    pub closures: Vec<Closure>,
}

impl SlotContext {
    /// Loads `slot`. Errors: `time slot not found`, or that it does not occur
    /// on that date.
    pub(super) fn load(conn: &Db, slot: SlotRef) -> Result<Self> {
        let tz = location(conn)?.time_zone;
        let time_slot = time_slot(conn, slot.time_slot_id)?;
        let occurrence = time_slot
            .occurrence_on(slot.date, tz)
            .ok_or(BookingError::NoOccurrence(slot.time_slot_id.0, slot.date))?;
        let claims = claims_of(conn, &occurrence)?;
        let closures = closures(conn, slot.date, slot.date, tz)?;
        Ok(Self {
            time_slot,
            occurrence,
            claims,
            closures,
        })
    }

    /// Whether `seats` more for `customer` fit at `now`, leaving out
    /// `ignoring` (the booking taking them): the capacity and
    /// one-thing-at-a-time rules, then no duplicate.
    /// Errors: `time slot is full` and the other room refusals, `duplicate booking`.
    pub(super) fn admit(
        &self,
        now: DateTime<Utc>,
        ignoring: Option<BookingId>,
        seats: u32,
        customer: Option<CustomerId>,
    ) -> std::result::Result<(), BookingError> {
        check_room(&self.state(now, ignoring), &self.occurrence, seats)?;
        match customer {
            Some(c) => check_duplicate(&self.occurrence, &self.claims, c, now, ignoring),
            None => Ok(()),
        }
    }

    /// The service's booking window (horizon and minimum notice) for this
    /// slot at `now`. Errors: too far ahead, too soon.
    pub(super) fn check_window(
        &self,
        service: &Service,
        now: DateTime<Utc>,
    ) -> std::result::Result<(), BookingError> {
        check_window(
            self.occurrence.from,
            now,
            service.horizon_days,
            service.min_notice_minutes,
        )
    }

    /// The slot's state at `now`, leaving out `ignoring` (a booking being moved).
    pub(super) fn state(&self, now: DateTime<Utc>, ignoring: Option<BookingId>) -> SlotState {
        evaluate(
            &self.occurrence,
            &self.claims,
            &self.closures,
            now,
            ignoring,
        )
    }
}
