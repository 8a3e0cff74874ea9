//! The live bookings a catalog apply would strand, inside the apply's
//! transaction: the catalog read before and after the change, compared by
//! the domain's rule ([`stranded`]); and for a manager's forced apply, the
//! mark each stranded booking keeps (table `booking_attention`) until a
//! move or a cancel clears it.

use super::Store;
use super::catalog::{TIME_SLOT_COLUMNS, location, time_slot_row};
use super::closures::all_closures;
use super::codec::{date_col, instant, status_list, ts};
use super::error::Result;
use super::queries::load_booking;
use super::transaction::finish_noted;
use crate::domain::attention::{CatalogView, LiveSeat, NeedsAttention, stranded, words};
use crate::domain::{
    AffectedBooking, AttentionReason, BookingError, BookingId, BookingStatus, ErrorKind, EventKind,
    ResourceId, ServiceId, SlotRef, TimeSlotId,
};
use crate::store::db::{self, Db, params};
use chrono::{DateTime, Utc};

/// The catalog as stored now, or `None` before the first apply (no
/// location, so no bookings either).
pub(super) fn view(conn: &Db) -> Result<Option<CatalogView>> {
    let time_zone = match location(conn) {
        Ok(l) => l.time_zone,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let time_slots = conn
        .prepare(TIME_SLOT_COLUMNS)?
        .query_map((), time_slot_row)?
        .map(|t| t.map(|t| (t.id, t)))
        .collect::<db::Result<_>>()?;
    let services = conn
        .prepare("SELECT id, name, active FROM services")?
        .query_map((), |r| Ok((ServiceId(r.get(0)?), (r.get(1)?, r.get(2)?))))?
        .collect::<db::Result<_>>()?;
    let resources = conn
        .prepare("SELECT id, name, active FROM resources")?
        .query_map((), |r| Ok((ResourceId(r.get(0)?), (r.get(1)?, r.get(2)?))))?
        .collect::<db::Result<_>>()?;
    let closures = all_closures(conn)?
        .iter()
        .map(|c| c.rule(time_zone))
        .collect();
    Ok(Some(CatalogView {
        time_zone,
        time_slots,
        services,
        resources,
        closures,
    }))
}

/// Every capacity-holding booking whose slot has not ended at `now`
/// (lapsed holds were swept at the start of the transaction), in id order.
pub(super) fn live_seats(conn: &Db, now: DateTime<Utc>) -> Result<Vec<LiveSeat>> {
    let live = status_list(BookingStatus::holds_capacity);
    // A slot lasts at most a day, so the start bound lets the index serve.
    let sql = format!(
        "SELECT id, time_slot_id, date, service_id, resource_id, starts_at, ends_at, participants
         FROM bookings
         WHERE starts_at > ?1 - 86400 AND ends_at > ?1 AND status IN ({live})
           AND (status <> 'held' OR hold_expires_at > ?1)
         ORDER BY id"
    );
    let seats = conn
        .prepare(&sql)?
        .query_map([ts(now)], |r| {
            Ok(LiveSeat {
                booking_id: BookingId(r.get(0)?),
                slot: SlotRef {
                    time_slot_id: TimeSlotId(r.get(1)?),
                    date: date_col(r, 2)?,
                },
                service_id: ServiceId(r.get(3)?),
                resource_id: ResourceId(r.get(4)?),
                from: instant(r.get(5)?),
                to: instant(r.get(6)?),
                participants: r.get(7)?,
            })
        })?
        .collect::<db::Result<_>>()?;
    Ok(seats)
}

/// The live bookings the change from `before` (with its `seats`) to the
/// catalog now in `conn` strands, described as booked (local date and
/// start in the old time zone).
pub(super) fn affected(
    conn: &Db,
    before: &CatalogView,
    seats: &[LiveSeat],
) -> Result<(Option<CatalogView>, Vec<AffectedBooking>)> {
    let Some(after) = view(conn)? else {
        return Ok((None, Vec::new()));
    };
    let mut out = Vec::new();
    for (id, why) in stranded(before, &after, seats) {
        let b = load_booking(conn, id)?;
        out.push(AffectedBooking {
            id,
            date: b.date,
            starts_local: b.from.with_timezone(&before.time_zone).time(),
            service: b.service_name,
            customer: b.customer.map(|c| c.name),
            status: b.status,
            why,
        });
    }
    Ok((Some(after), out))
}

/// Marks `a` as needing attention (replacing an older mark), records
/// `booking.needs_attention` with its reasons as the note, and, when its
/// slot still occurs under `after` at other instants (another time zone or
/// other times), moves the booking's instants to the slot's: a slot is
/// defined by its local wall-clock time, so the booking keeps its local
/// time and agrees with its slot again (capacity and resource checks read
/// the stored instants).
pub(super) fn mark(
    conn: &Db,
    after: &CatalogView,
    seat: &LiveSeat,
    a: &AffectedBooking,
    now: DateTime<Utc>,
) -> Result<()> {
    let occurrence = after
        .time_slots
        .get(&seat.slot.time_slot_id)
        .and_then(|t| t.occurrence_on(seat.slot.date, after.time_zone));
    let retimed = a.why.iter().any(|r| {
        matches!(
            r,
            AttentionReason::TimeZoneChanged { .. } | AttentionReason::TimesChanged { .. }
        )
    });
    if let Some(o) = occurrence.filter(|_| retimed) {
        conn.prepare_cached(
            "UPDATE bookings SET starts_at = ?2, ends_at = ?3, updated_at = ?4 WHERE id = ?1",
        )?
        .execute(params![a.id.0, ts(o.from), ts(o.to), ts(now)])?;
    }
    flag(conn, a.id, &words(&a.why), now)
}

/// Marks booking `id` as needing attention for `why` (replacing an older
/// mark) and records `booking.needs_attention` with `why` as its note, in
/// the caller's transaction.
pub(super) fn flag(conn: &Db, id: BookingId, why: &str, now: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO booking_attention (booking_id, why, marked_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (booking_id) DO UPDATE SET why = excluded.why, marked_at = excluded.marked_at",
    )?
    .execute(params![id.0, why, ts(now)])?;
    finish_noted(conn, id, EventKind::BookingNeedsAttention, why, now)?;
    Ok(())
}

/// Clears booking `id`'s attention mark, in the caller's transaction (a
/// move or a cancel).
pub(super) fn clear(conn: &Db, id: BookingId) -> Result<()> {
    conn.prepare_cached("DELETE FROM booking_attention WHERE booking_id = ?1")?
        .execute([id.0])?;
    Ok(())
}

/// Refuses a forced apply by anyone but a manager.
pub(super) fn manager_only(by: crate::domain::Role) -> Result<()> {
    if by == crate::domain::Role::Manager {
        Ok(())
    } else {
        Err(BookingError::ManagerOnly("force a catalog change that affects live bookings").into())
    }
}

impl Store {
    /// The bookings a forced catalog change marked as needing attention that
    /// still hold capacity (a lapsed hold or a declined request drops out),
    /// in slot order, each with the reasons' words and when it was marked.
    /// A move or a cancel clears a mark.
    pub fn needs_attention(&self) -> Result<Vec<NeedsAttention>> {
        let live = status_list(BookingStatus::holds_capacity);
        let marks: Vec<(BookingId, String, i64)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT a.booking_id, a.why, a.marked_at FROM booking_attention a
                 JOIN bookings b ON b.id = a.booking_id
                 WHERE b.status IN ({live})
                 ORDER BY b.date, b.starts_at, b.id"
            ))?
            .query_map((), |r| Ok((BookingId(r.get(0)?), r.get(1)?, r.get(2)?)))?
            .collect::<db::Result<_>>()?;
        marks
            .into_iter()
            .map(|(id, why, at)| {
                Ok(NeedsAttention {
                    booking: load_booking(&self.conn, id)?,
                    why,
                    marked_at: instant(at),
                })
            })
            .collect()
    }
}
