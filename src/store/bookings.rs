//! Creating bookings: hold and book, and the pieces every booking write
//! shares (loading the current row, the lifecycle step, the event, the
//! hold-expiry sweep). Each write runs in one `BEGIN IMMEDIATE` transaction
//! (see [`Store::write`]) that re-checks rules 1–5 and records its event.

use super::Store;
use super::catalog::{location, service};
use super::claims::SlotContext;
use super::codec::{day, instant, parsed, ts};
use super::customers::find_or_create;
use super::error::Result;
use super::events::record;
use super::queries::load_booking;
use crate::domain::availability::{check_duplicate, check_room};
use crate::domain::customer::{CustomerInput, validate_customer};
use crate::domain::intake::{check_add_ons, check_answers};
use crate::domain::{
    AddOnLine, Answer, Booking, BookingError, BookingId, BookingStatus, CustomerId, ServiceId,
    SlotRef, Transition,
};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};

/// A hold (Boseat temporary booking, Sesami `reserve`): seats on a slot for
/// the service's hold minutes, with no customer yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldRequest {
    /// The slot.
    pub slot: SlotRef,
    /// Seats, at least 1.
    pub participants: u32,
    /// A repeated key returns the first booking made with it (Boseat).
    pub idempotency_key: Option<String>,
}

/// The status a new booking starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InitialStatus {
    /// Awaiting confirmation (ReserveKit default).
    Pending,
    /// Confirmed at once (the desk's default).
    #[default]
    Confirmed,
}

/// A booking made in one step (ReserveKit `POST /v1/bookings`, Sesami `book`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BookRequest {
    /// The slot.
    pub slot: Option<SlotRef>,
    /// Who; validated with the location's phone region.
    pub customer: CustomerInput,
    /// Seats, at least 1.
    pub participants: u32,
    /// A note.
    pub message: Option<String>,
    /// `(question, answer)` pairs for the service's intake questions.
    pub answers: Vec<(String, String)>,
    /// Add-on names.
    pub add_ons: Vec<String>,
    /// Pending or confirmed.
    pub status: InitialStatus,
    /// A repeated key returns the first booking made with it.
    pub idempotency_key: Option<String>,
}

/// The fields of a stored booking that the writes decide on.
pub(super) struct Current {
    pub id: BookingId,
    pub status: BookingStatus,
    pub service_id: ServiceId,
    pub customer_id: Option<CustomerId>,
    pub participants: u32,
    pub slot: SlotRef,
    pub hold_expires_at: Option<DateTime<Utc>>,
}

pub(super) fn current(conn: &Connection, id: BookingId) -> Result<Current> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, status, service_id, customer_id, participants, time_slot_id, date, hold_expires_at
         FROM bookings WHERE id = ?1",
    )?;
    stmt.query_row([id.0], |r| {
        Ok(Current {
            id: BookingId(r.get(0)?),
            status: parsed(r, 1)?,
            service_id: ServiceId(r.get(2)?),
            customer_id: r.get::<_, Option<i64>>(3)?.map(CustomerId),
            participants: r.get(4)?,
            slot: SlotRef {
                time_slot_id: crate::domain::TimeSlotId(r.get(5)?),
                date: super::codec::date_col(r, 6)?,
            },
            hold_expires_at: r.get::<_, Option<i64>>(7)?.map(instant),
        })
    })
    .optional()?
    .ok_or_else(|| BookingError::BookingNotFound.into())
}

/// The lifecycle step, with a lapsed hold reported as `hold has expired`.
pub(super) fn step(status: BookingStatus, transition: Transition) -> Result<BookingStatus> {
    status.apply(transition).map_err(|e| {
        if status == BookingStatus::Expired {
            BookingError::HoldExpired.into()
        } else {
            BookingError::from(e).into()
        }
    })
}

/// Loads the booking after a change and records `kind` with it as data.
pub(super) fn finish(
    conn: &Connection,
    id: BookingId,
    kind: &str,
    now: DateTime<Utc>,
) -> Result<Booking> {
    let booking = load_booking(conn, id)?;
    let data = serde_json::to_value(&booking).unwrap_or_default();
    record(
        conn,
        now,
        kind,
        Some(id),
        booking.customer.as_ref().map(|c| c.id),
        &data,
    )?;
    Ok(booking)
}

fn by_idempotency_key(conn: &Connection, key: Option<&str>) -> Result<Option<Booking>> {
    let Some(key) = key else { return Ok(None) };
    let id: Option<i64> = conn
        .prepare_cached("SELECT id FROM bookings WHERE idempotency_key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?;
    id.map(|id| load_booking(conn, BookingId(id))).transpose()
}

fn check_participants(participants: u32, capacity: u32) -> Result<()> {
    if participants == 0 || participants > capacity {
        return Err(BookingError::invalid(format!(
            "participants must be 1 to {capacity} (the slot's capacity)"
        ))
        .into());
    }
    Ok(())
}

fn clean_key(key: Option<&String>) -> Result<Option<&str>> {
    match key.map(|k| k.trim()) {
        Some("") => Err(BookingError::invalid("idempotency key is empty").into()),
        other => Ok(other),
    }
}

struct NewBooking<'a> {
    ctx: &'a SlotContext,
    participants: u32,
    status: BookingStatus,
    hold_expires_at: Option<DateTime<Utc>>,
    customer: Option<CustomerId>,
    message: Option<&'a str>,
    currency: &'a str,
    idempotency_key: Option<&'a str>,
}

fn insert(conn: &Connection, b: &NewBooking<'_>, now: DateTime<Utc>) -> Result<BookingId> {
    let o = &b.ctx.occurrence;
    conn.prepare_cached(
        "INSERT INTO bookings (service_id, time_slot_id, resource_id, date, starts_at, ends_at,
             participants, status, hold_expires_at, customer_id, message, payment_currency,
             idempotency_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
    )?
    .execute(params![
        o.service_id.0,
        o.time_slot_id.0,
        o.resource_id.0,
        day(o.date),
        ts(o.from),
        ts(o.to),
        b.participants,
        b.status.as_str(),
        b.hold_expires_at.map(ts),
        b.customer.map(|c| c.0),
        b.message,
        b.currency,
        b.idempotency_key,
        ts(now),
    ])?;
    Ok(BookingId(conn.last_insert_rowid()))
}

/// Marks every hold that lapsed by `now` `expired`, with a `booking.expired`
/// event each. Runs at the start of every write transaction.
pub(super) fn sweep(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<BookingId>> {
    let ids: Vec<BookingId> = conn
        .prepare_cached("SELECT id FROM bookings WHERE status = 'held' AND hold_expires_at <= ?1")?
        .query_map([ts(now)], |r| Ok(BookingId(r.get(0)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &ids {
        conn.prepare_cached(
            "UPDATE bookings SET status = 'expired', updated_at = ?2 WHERE id = ?1",
        )?
        .execute(params![id.0, ts(now)])?;
        finish(conn, *id, Transition::Expire.event_kind(), now)?;
    }
    Ok(ids)
}

impl Store {
    /// How many holds are live at `now` (status bar).
    pub fn live_hold_count(&self, now: DateTime<Utc>) -> Result<u64> {
        let n: i64 = self
            .conn
            .prepare_cached(
                "SELECT COUNT(*) FROM bookings WHERE status = 'held' AND hold_expires_at > ?1",
            )?
            .query_row([ts(now)], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or_default())
    }

    /// Reserves seats on a slot for the service's hold minutes (status
    /// `held`, Boseat `RESERVED_15_MIN`). Records `booking.created`.
    /// Errors: `time slot is full`, blocked, closed, past, not found, invalid
    /// participants.
    pub fn hold(&mut self, req: &HoldRequest, now: DateTime<Utc>) -> Result<Booking> {
        self.write(now, |conn| {
            let key = clean_key(req.idempotency_key.as_ref())?;
            if let Some(first) = by_idempotency_key(conn, key)? {
                return Ok(first);
            }
            let ctx = SlotContext::load(conn, req.slot)?;
            let service = service(conn, ctx.time_slot.service_id)?;
            check_participants(req.participants, ctx.occurrence.capacity)?;
            check_room(&ctx.state(now, None), &ctx.occurrence, req.participants)?;
            let id = insert(
                conn,
                &NewBooking {
                    ctx: &ctx,
                    participants: req.participants,
                    status: BookingStatus::Held,
                    hold_expires_at: Some(now + Duration::minutes(i64::from(service.hold_minutes))),
                    customer: None,
                    message: None,
                    currency: &service.currency,
                    idempotency_key: key,
                },
                now,
            )?;
            finish(conn, id, "booking.created", now)
        })
    }

    /// Books a slot for a customer in one step, `pending` or `confirmed`,
    /// with answers and add-ons. Records `booking.created`.
    /// Errors: `time slot is full`, `duplicate booking`, blocked, closed,
    /// past, not found, invalid customer/answers/add-ons/participants.
    pub fn book(&mut self, req: &BookRequest, now: DateTime<Utc>) -> Result<Booking> {
        self.write(now, |conn| {
            let key = clean_key(req.idempotency_key.as_ref())?;
            if let Some(first) = by_idempotency_key(conn, key)? {
                return Ok(first);
            }
            let slot = req
                .slot
                .ok_or_else(|| BookingError::invalid("a slot is required"))?;
            let region = location(conn)?.phone_region;
            let ctx = SlotContext::load(conn, slot)?;
            let service = service(conn, ctx.time_slot.service_id)?;
            let details = validate_customer(&req.customer, &region)?;
            let status = match req.status {
                InitialStatus::Pending => BookingStatus::Pending,
                InitialStatus::Confirmed => {
                    details.check_contact(service.require_email_and_phone)?;
                    BookingStatus::Confirmed
                }
            };
            let answers = check_answers(&service, &req.answers)?;
            let add_ons = check_add_ons(&service, &req.add_ons)?;
            let message = clean_message(req.message.as_deref())?;
            check_participants(req.participants, ctx.occurrence.capacity)?;
            check_room(&ctx.state(now, None), &ctx.occurrence, req.participants)?;
            let customer = find_or_create(conn, &details, now)?;
            check_duplicate(&ctx.occurrence, &ctx.claims, customer, now, None)?;
            let id = insert(
                conn,
                &NewBooking {
                    ctx: &ctx,
                    participants: req.participants,
                    status,
                    hold_expires_at: None,
                    customer: Some(customer),
                    message: message.as_deref(),
                    currency: &service.currency,
                    idempotency_key: key,
                },
                now,
            )?;
            write_answers(conn, id, &answers)?;
            write_add_ons(conn, id, &add_ons)?;
            finish(conn, id, "booking.created", now)
        })
    }
}

/// Replaces the booking's intake answers with `answers`.
pub(super) fn write_answers(conn: &Connection, id: BookingId, answers: &[Answer]) -> Result<()> {
    conn.prepare_cached("DELETE FROM booking_answers WHERE booking_id = ?1")?
        .execute([id.0])?;
    for (position, a) in answers.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO booking_answers (booking_id, position, name, value) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id.0, position as i64, a.name, a.value])?;
    }
    Ok(())
}

/// Replaces the booking's add-ons with `add_ons`.
pub(super) fn write_add_ons(conn: &Connection, id: BookingId, add_ons: &[AddOnLine]) -> Result<()> {
    conn.prepare_cached("DELETE FROM booking_add_ons WHERE booking_id = ?1")?
        .execute([id.0])?;
    for a in add_ons {
        conn.prepare_cached(
            "INSERT INTO booking_add_ons (booking_id, add_on_id, name, price) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id.0, a.id.0, a.name, a.price])?;
    }
    Ok(())
}

pub(super) fn clean_message(message: Option<&str>) -> Result<Option<String>> {
    let Some(m) = message.map(str::trim).filter(|m| !m.is_empty()) else {
        return Ok(None);
    };
    if m.chars().count() > 2000 {
        return Err(BookingError::invalid("message is longer than 2000 characters").into());
    }
    Ok(Some(m.to_owned()))
}
