//! The waitlist (Wix `WAITING_LIST`): joining a full slot's queue, leaving
//! it, and reading queues. Offers are made by [`offers::settle`], which
//! every write runs before it commits. Each change records its
//! `waitlist.*` event in its own transaction.

pub(super) mod offers;

use super::Store;
use super::bookings::check_participants;
use super::catalog::{location, service, time_slot};
use super::claims::SlotContext;
use super::codec::{date_col, day, instant, parsed, ts};
use super::customers::{customer_for, named};
use super::error::Result;
use super::events::record;
use super::queries::customer_columns;
use super::transaction::finish_noted;
use crate::domain::availability::check_duplicate;
use crate::domain::schedule::local_day_bounds;
use crate::domain::waitlist::WaitlistRequest;
use crate::domain::waitlist::check_join;
use crate::domain::{
    BookingError, BookingId, CustomerId, EventData, EventKind, ResourceId, ServiceId, SlotRef,
    TimeSlot, TimeSlotId, WaitlistEntry, WaitlistEntryId, WaitlistStatus,
};
use crate::store::db::{self, Db, Optional, Value, from_iter, params};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::collections::HashMap;

const ENTRY_SELECT: &str = "SELECT w.id, w.time_slot_id, w.date, t.service_id, s.name,
    t.resource_id, r.name, w.participants, w.status, w.offer_booking_id,
    CASE WHEN w.status = 'offered' AND b.status = 'held' THEN b.hold_expires_at END,
    w.joined_at, w.updated_at,
    CASE WHEN w.status = 'waiting' THEN (SELECT COUNT(*) FROM waitlist x
        WHERE x.time_slot_id = w.time_slot_id AND x.date = w.date
          AND x.status = 'waiting' AND x.id <= w.id) END,
    c.id, c.first_name, c.last_name, c.email, c.phone, c.created_at, c.updated_at
  FROM waitlist w
  JOIN time_slots t ON t.id = w.time_slot_id
  JOIN services s ON s.id = t.service_id
  JOIN resources r ON r.id = t.resource_id
  JOIN customers c ON c.id = w.customer_id
  LEFT JOIN bookings b ON b.id = w.offer_booking_id";

/// The open statuses as SQL, for `status IN (…)`.
const OPEN: &str = "'waiting', 'offered'";

fn entry_row(r: &db::Row<'_>) -> db::Result<WaitlistEntry> {
    let at_start = instant(0);
    Ok(WaitlistEntry {
        id: WaitlistEntryId(r.get(0)?),
        time_slot_id: TimeSlotId(r.get(1)?),
        date: date_col(r, 2)?,
        service_id: ServiceId(r.get(3)?),
        service_name: r.get(4)?,
        resource_id: ResourceId(r.get(5)?),
        resource_name: r.get(6)?,
        // Filled from the time slot by `entries`.
        from: at_start,
        to: at_start,
        participants: r.get(7)?,
        status: parsed(r, 8)?,
        offer_booking_id: r.get::<Option<i64>>(9)?.map(BookingId),
        offer_expires_at: r.get::<Option<i64>>(10)?.map(instant),
        joined_at: instant(r.get(11)?),
        updated_at: instant(r.get(12)?),
        position: r.get(13)?,
        customer: customer_columns(r, 14, r.get(14)?)?,
    })
}

/// The entries `condition` (over `w`, with `values`) keeps, in `order`,
/// each with its slot's instants (a retired time slot's as it last ran).
pub(super) fn entries(
    conn: &Db,
    condition: &str,
    values: &[Value],
    order: &str,
) -> Result<Vec<WaitlistEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ENTRY_SELECT} WHERE {condition} ORDER BY {order}"
    ))?;
    let mut found: Vec<WaitlistEntry> = stmt
        .query_map(from_iter(values.iter()), entry_row)?
        .collect::<db::Result<_>>()?;
    if found.is_empty() {
        return Ok(found);
    }
    let tz = location(conn)?.time_zone;
    let mut slots: HashMap<TimeSlotId, TimeSlot> = HashMap::new();
    for e in &mut found {
        if let std::collections::hash_map::Entry::Vacant(v) = slots.entry(e.time_slot_id) {
            v.insert(time_slot(conn, e.time_slot_id)?);
        }
        (e.from, e.to) = slot_times(slots.get(&e.time_slot_id), e.date, tz);
    }
    Ok(found)
}

/// When a slot runs, for showing it: its occurrence, even if the time slot
/// was retired since; else the local day.
fn slot_times(
    t: Option<&TimeSlot>,
    date: chrono::NaiveDate,
    tz: Tz,
) -> (DateTime<Utc>, DateTime<Utc>) {
    t.and_then(|t| {
        TimeSlot {
            active: true,
            ..t.clone()
        }
        .occurrence_on(date, tz)
    })
    .map_or_else(|| local_day_bounds(date, tz), |o| (o.from, o.to))
}

/// One entry. Errors: `waitlist entry not found`.
pub(super) fn entry(conn: &Db, id: WaitlistEntryId) -> Result<WaitlistEntry> {
    entries(conn, "w.id = ?1", &[Value::Integer(id.0)], "w.id")?
        .pop()
        .ok_or_else(|| BookingError::WaitlistEntryNotFound.into())
}

/// Sets entry `id`'s status (and offer), then records `kind` with the entry
/// after the change.
pub(super) fn set_status(
    conn: &Db,
    id: WaitlistEntryId,
    status: WaitlistStatus,
    offer: Option<BookingId>,
    kind: EventKind,
    now: DateTime<Utc>,
) -> Result<WaitlistEntry> {
    conn.prepare_cached(
        "UPDATE waitlist SET status = ?2, offer_booking_id = coalesce(?3, offer_booking_id),
             updated_at = ?4 WHERE id = ?1",
    )?
    .execute(params![id.0, status.as_str(), offer.map(|b| b.0), ts(now)])?;
    recorded(conn, id, kind, now)
}

/// Records `kind` with entry `id` as it stands.
fn recorded(
    conn: &Db,
    id: WaitlistEntryId,
    kind: EventKind,
    now: DateTime<Utc>,
) -> Result<WaitlistEntry> {
    let after = entry(conn, id)?;
    record(
        conn,
        now,
        kind,
        &EventData::Waitlist(Box::new(after.clone())),
    )?;
    Ok(after)
}

/// Gives `other`'s entries to `keep` (a customer merge), first closing as
/// `left` any of `other`'s open entries on a slot where `keep` already waits.
pub(super) fn reassign(
    conn: &Db,
    keep: CustomerId,
    other: CustomerId,
    now: DateTime<Utc>,
) -> Result<()> {
    let twice: Vec<i64> = conn
        .prepare(&format!(
            "SELECT o.id FROM waitlist o JOIN waitlist k
               ON k.time_slot_id = o.time_slot_id AND k.date = o.date
             WHERE o.customer_id = ?2 AND k.customer_id = ?1
               AND o.status IN ({OPEN}) AND k.status IN ({OPEN})"
        ))?
        .query_map(params![keep.0, other.0], |r| r.get(0))?
        .collect::<db::Result<_>>()?;
    for id in twice {
        set_status(
            conn,
            WaitlistEntryId(id),
            WaitlistStatus::Left,
            None,
            EventKind::WaitlistLeft,
            now,
        )?;
    }
    conn.execute(
        "UPDATE waitlist SET customer_id = ?1 WHERE customer_id = ?2",
        params![keep.0, other.0],
    )?;
    Ok(())
}

impl Store {
    /// Puts a customer in a slot's waitlist (Wix `WAITING_LIST`), last in
    /// line. Records `waitlist.joined` (and `customer.created` for someone
    /// new). When a seat frees, the first in line whose seats fit is offered
    /// it: a hold in their name for the service's hold minutes.
    /// Errors: the slot has the seats free (`time slot has room for N: book
    /// it instead of waiting`), past, closed, outside the booking window,
    /// not found; `duplicate booking` when the customer already has a seat
    /// there or is already waiting; an invalid customer (a name and a phone
    /// or email are needed) or participants.
    pub fn join_waitlist(
        &mut self,
        request: &WaitlistRequest,
        now: DateTime<Utc>,
    ) -> Result<WaitlistEntry> {
        self.write(now, |conn| {
            let ctx = SlotContext::load(conn, request.slot)?;
            let service = service(conn, ctx.time_slot.service_id)?;
            super::courses::refuse_one_session(&service, "waited for")?;
            ctx.check_window(&service, now)?;
            check_participants(request.participants, ctx.occurrence.capacity)?;
            check_join(&ctx.state(now, None), &ctx.occurrence, request.participants)?;
            let who = named(conn, &request.customer, &location(conn)?.phone_region)?;
            who.details()
                .check_contact(service.require_email_and_phone)?;
            let customer = customer_for(conn, &who, now)?;
            check_duplicate(&ctx.occurrence, &ctx.claims, customer, now, None)?;
            let waiting: bool = conn
                .prepare_cached(&format!(
                    "SELECT EXISTS (SELECT 1 FROM waitlist WHERE time_slot_id = ?1 AND date = ?2
                         AND customer_id = ?3 AND status IN ({OPEN}))"
                ))?
                .query_row(
                    params![
                        request.slot.time_slot_id.0,
                        day(request.slot.date),
                        customer.0
                    ],
                    |r| r.get(0),
                )?;
            if waiting {
                return Err(BookingError::AlreadyWaiting.into());
            }
            let new_id: i64 = conn
                .prepare_cached(
                    "INSERT INTO waitlist (time_slot_id, date, customer_id, participants, status,
                     joined_at, updated_at, bookings_before)
                 VALUES (?1, ?2, ?3, ?4, 'waiting', ?5, ?5,
                     (SELECT coalesce(max(id), 0) FROM bookings)) RETURNING id",
                )?
                .query_row(
                    params![
                        request.slot.time_slot_id.0,
                        day(request.slot.date),
                        customer.0,
                        request.participants,
                        ts(now)
                    ],
                    |r| r.get(0),
                )?;
            let id = WaitlistEntryId(new_id);
            recorded(conn, id, EventKind::WaitlistJoined, now)
        })
    }

    /// Takes an entry off its slot's waitlist at the customer's request.
    /// Leaving an open offer releases its hold (`booking.cancelled`), and
    /// the seat is offered to the next in line in the same transaction.
    /// Records `waitlist.left`; returns the entry after.
    /// Errors: `waitlist entry not found`; an entry no longer open.
    pub fn leave_waitlist(
        &mut self,
        id: WaitlistEntryId,
        now: DateTime<Utc>,
    ) -> Result<WaitlistEntry> {
        self.write(now, |conn| {
            let e = entry(conn, id)?;
            if !e.status.is_open() {
                return Err(BookingError::NotAllowed(format!(
                    "waitlist entry {id} is {}; only a waiting entry or an open offer can leave",
                    e.status
                ))
                .into());
            }
            if let Some(hold) = e.offer_booking_id.filter(|_| e.status == WaitlistStatus::Offered) {
                let released = conn
                    .prepare_cached(
                        "UPDATE bookings SET status = 'cancelled', cancel_reason = 'left the waitlist',
                             hold_expires_at = NULL, updated_at = ?2
                         WHERE id = ?1 AND status = 'held'",
                    )?
                    .execute(params![hold.0, ts(now)])?;
                if released > 0 {
                    finish_noted(conn, hold, EventKind::BookingCancelled, "left the waitlist", now)?;
                }
            }
            set_status(conn, id, WaitlistStatus::Left, None, EventKind::WaitlistLeft, now)
        })
    }

    /// A slot's open waitlist in order: open offers first, then those
    /// waiting, by when they joined.
    pub fn waitlist(&self, slot: SlotRef) -> Result<Vec<WaitlistEntry>> {
        entries(
            &self.conn,
            &format!("w.time_slot_id = ?1 AND w.date = ?2 AND w.status IN ({OPEN})"),
            &[
                Value::Integer(slot.time_slot_id.0),
                Value::Text(day(slot.date)),
            ],
            "w.status = 'waiting', w.id",
        )
    }

    /// Every open entry (waiting, or holding an offer) on a slot that has
    /// not ended by `now`, by slot start, then in each slot's order.
    pub fn open_waitlist(&self, now: DateTime<Utc>) -> Result<Vec<WaitlistEntry>> {
        let mut found = entries(
            &self.conn,
            &format!("w.status IN ({OPEN}) AND w.date >= ?1"),
            &[Value::Text(day(offers::earliest_open_day(now)))],
            "w.date, w.time_slot_id, w.status = 'waiting', w.id",
        )?;
        found.retain(|e| e.to > now);
        found.sort_by_key(|e| {
            (
                e.from,
                e.time_slot_id,
                e.status == WaitlistStatus::Waiting,
                e.id,
            )
        });
        Ok(found)
    }

    /// One waitlist entry, open or not. Errors: `waitlist entry not found`.
    pub fn waitlist_entry(&self, id: WaitlistEntryId) -> Result<WaitlistEntry> {
        entry(&self.conn, id)
    }

    /// The entry whose open offer is hold `booking`, if it is one.
    pub fn offer_of(&self, booking: BookingId) -> Result<Option<WaitlistEntry>> {
        let id: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM waitlist WHERE offer_booking_id = ?1 AND status = 'offered'",
            )?
            .query_row([booking.0], |r| r.get(0))
            .optional()?;
        id.map(|id| entry(&self.conn, WaitlistEntryId(id)))
            .transpose()
    }
}
