//! Creating bookings: hold and book, with the answers, add-ons and message
//! they carry. Each runs in one `BEGIN IMMEDIATE` transaction (see
//! `transaction`) that re-checks the rules and records `booking.created`.

use super::Store;
use super::catalog::{location, service};
use super::claims::SlotContext;
use super::codec::{day, json_text, ts};
use super::customers::{Named, customer_for, named};
use super::error::Result;
use super::idempotency::{remember, replay};
use super::transaction::{finish, finish_typed};
use crate::domain::availability::{check_duplicate, check_room};
use crate::domain::catalog::Service;
use crate::domain::choices::{ChoiceLine, participants_of, resolve};
use crate::domain::idempotency::{Operation, book_fingerprint, clean_key, hold_fingerprint};
use crate::domain::intake::{check_add_ons, check_answers};
use crate::domain::text;
use crate::domain::{
    AddOnLine, Answer, BookRequest, Booking, BookingError, BookingId, BookingStatus, CustomerId,
    EventKind, HoldRequest, InitialStatus, Role, SeriesId, SlotRef,
};
use crate::store::db::{Db, params};
use chrono::{DateTime, Duration, Utc};

/// The seats rule ([`crate::domain::limits::check_participants`]) as a
/// store error.
pub(super) fn check_participants(participants: u32, capacity: u32) -> Result<()> {
    Ok(crate::domain::limits::check_participants(
        participants,
        capacity,
    )?)
}

/// A new booking's row, as `insert` writes it.
pub(super) struct NewBooking<'a> {
    pub ctx: &'a SlotContext,
    pub participants: u32,
    pub status: BookingStatus,
    pub hold_expires_at: Option<DateTime<Utc>>,
    pub customer: Option<CustomerId>,
    pub message: Option<&'a str>,
    pub notify: Option<&'a str>,
    pub currency: &'a str,
    pub idempotency_key: Option<&'a str>,
}

/// Inserts `b` on its slot; returns its id. The caller checks the rules and records the event.
pub(super) fn insert(conn: &Db, b: &NewBooking<'_>, now: DateTime<Utc>) -> Result<BookingId> {
    let o = &b.ctx.occurrence;
    let new_id: i64 = conn.prepare_cached(
        "INSERT INTO bookings (service_id, time_slot_id, resource_id, date, starts_at, ends_at,
             participants, status, hold_expires_at, customer_id, message, payment_currency,
             idempotency_key, created_at, updated_at, notify)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?15) RETURNING id",
    )?
    .query_row(params![
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
        b.notify,
    ], |r| r.get(0))?;
    Ok(BookingId(new_id))
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
    /// Errors: `time slot is full`, blocked, closed, past, outside the
    /// service's booking window, not found, invalid participants, an
    /// idempotency key reused with a different request; not allowed for a
    /// course's session or a service that takes requests for approval.
    pub fn hold(&mut self, req: &HoldRequest, now: DateTime<Utc>) -> Result<Booking> {
        self.write(now, |conn| {
            let key = clean_key(req.idempotency_key.as_deref())?;
            let fingerprint = hold_fingerprint(req);
            if let Some(first) = replay(conn, key, Operation::Hold, &fingerprint)? {
                return Ok(first);
            }
            let ctx = SlotContext::load(conn, req.slot)?;
            let service = service(conn, ctx.time_slot.service_id)?;
            super::courses::refuse_one_session(&service, "held")?;
            refuse_hold_on_requests(&service)?;
            ctx.check_window(&service, now)?;
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
                    notify: None,
                    currency: &service.currency,
                    idempotency_key: key,
                },
                now,
            )?;
            remember(conn, key, Operation::Hold, &fingerprint, id, now)?;
            finish(conn, id, EventKind::BookingCreated, now)
        })
    }

    /// Books a slot for a customer in one step, `pending` or `confirmed`,
    /// with answers and add-ons. Records `booking.created`.
    /// Errors: `time slot is full`, `duplicate booking`, blocked, closed,
    /// past, outside the service's booking window, not found, invalid
    /// customer/answers/add-ons/participants, an idempotency key reused with
    /// a different request.
    pub fn book(&mut self, req: &BookRequest, now: DateTime<Utc>) -> Result<Booking> {
        self.write(now, |conn| {
            let key = clean_key(req.idempotency_key.as_deref())?;
            let fingerprint = book_fingerprint(req);
            super::series::check_not_a_series_key(conn, key)?;
            if let Some(first) = replay(conn, key, Operation::Book, &fingerprint)? {
                return Ok(first);
            }
            let slot = req
                .slot
                .ok_or_else(|| BookingError::invalid("a slot is required"))?;
            if let Some(session) = super::courses::book_if_course(conn, req, slot, now)? {
                return Ok(session);
            }
            let region = location(conn)?.phone_region;
            let who = named(conn, &req.customer, &region)?;
            book_slot(conn, req, slot, &who, key, &fingerprint, None, now)
        })
    }
}

/// Where a booking sits in the series being booked: the series and its
/// 1-based position.
pub(super) type SeriesLink = (SeriesId, u32);

/// Books `slot` for `who` as `req` asks (its `slot` is not read), in the
/// caller's transaction: the service's window, contact, answers, add-ons,
/// note, seats, room and duplicate rules, then the row, its answers and
/// add-ons, the key and `booking.created`. A booking in a series is linked
/// to it before the event is written, so the event carries the link.
/// Errors: as [`Store::book`].
#[allow(clippy::too_many_arguments)]
pub(super) fn book_slot(
    conn: &Db,
    req: &BookRequest,
    slot: SlotRef,
    who: &Named,
    key: Option<&str>,
    fingerprint: &str,
    series: Option<SeriesLink>,
    now: DateTime<Utc>,
) -> Result<Booking> {
    let ctx = SlotContext::load(conn, slot)?;
    let service = service(conn, ctx.time_slot.service_id)?;
    ctx.check_window(&service, now)?;
    let status = initial_status(&service, req.status, req.role)?;
    if status != BookingStatus::Pending {
        who.details()
            .check_contact(service.require_email_and_phone)?;
    }
    let answers = check_answers(&service, &req.answers)?;
    let add_ons = check_add_ons(&service, &req.add_ons)?;
    let message = clean_message(req.message.as_deref())?;
    let notify = clean_message(req.notify.as_deref())?;
    let choices = resolve(
        &service.choices,
        &service.name,
        &req.choices,
        ctx.occurrence.capacity,
    )?;
    if !req.choices.is_empty() {
        participants_of(&choices, Some(req.participants), ctx.occurrence.capacity)?;
    }
    check_participants(req.participants, ctx.occurrence.capacity)?;
    check_room(&ctx.state(now, None), &ctx.occurrence, req.participants)?;
    let customer = customer_for(conn, who, now)?;
    check_duplicate(&ctx.occurrence, &ctx.claims, customer, now, None)?;
    refuse_second_request(conn, slot, customer)?;
    let id = insert(
        conn,
        &NewBooking {
            ctx: &ctx,
            participants: req.participants,
            status,
            hold_expires_at: None,
            customer: Some(customer),
            message: message.as_deref(),
            notify: notify.as_deref(),
            currency: &service.currency,
            idempotency_key: key,
        },
        now,
    )?;
    if let Some((series, position)) = series {
        conn.prepare_cached(
            "UPDATE bookings SET series_id = ?2, series_position = ?3 WHERE id = ?1",
        )?
        .execute(params![id.0, series.0, position])?;
    }
    write_answers(conn, id, &answers)?;
    write_add_ons(conn, id, &add_ons)?;
    write_choices(conn, id, &choices)?;
    if let Some(option) = req.payment_option {
        conn.prepare_cached("UPDATE bookings SET payment_option = ?2 WHERE id = ?1")?
            .execute(params![id.0, option.as_str()])?;
    }
    remember(conn, key, Operation::Book, fingerprint, id, now)?;
    finish_typed(
        conn,
        id,
        EventKind::BookingCreated,
        req.customer.typed(),
        now,
    )
}

/// The status a new booking of `service` starts in: the one asked for, the
/// service's default resolved (`requested` when it requires approval, else
/// `confirmed`). Errors: a request for a service that takes none (invalid);
/// skipping a requires-approval service's request (`pending` or
/// `confirmed` at once) by anyone but a manager (Wix: owner-only).
pub(super) fn initial_status(
    service: &Service,
    asked: InitialStatus,
    role: Role,
) -> Result<BookingStatus> {
    let status = match asked {
        InitialStatus::Pending => BookingStatus::Pending,
        InitialStatus::Requested => BookingStatus::Requested,
        InitialStatus::ServiceDefault if service.requires_approval => BookingStatus::Requested,
        InitialStatus::Confirmed | InitialStatus::ServiceDefault => BookingStatus::Confirmed,
    };
    if status == BookingStatus::Requested && !service.requires_approval {
        return Err(BookingError::invalid(format!(
            "{} does not take requests: book it confirmed or pending",
            service.name
        ))
        .into());
    }
    if service.requires_approval && status != BookingStatus::Requested && role != Role::Manager {
        return Err(BookingError::NotAllowed(format!(
            "{} takes requests for approval: booking it {status} at once needs a manager",
            service.name
        ))
        .into());
    }
    Ok(status)
}

/// No duplicates counts requests too: a customer with a request awaiting
/// approval on `slot` may not book or ask for it again (the claims the
/// capacity rule reads hold no requests, so this asks the bookings).
/// Errors: `duplicate booking`.
fn refuse_second_request(conn: &Db, slot: SlotRef, customer: CustomerId) -> Result<()> {
    let asked: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM bookings WHERE time_slot_id = ?1 AND date = ?2
                 AND customer_id = ?3 AND status = 'requested')",
        )?
        .query_row(
            params![slot.time_slot_id.0, day(slot.date), customer.0],
            |r| r.get(0),
        )?;
    if asked {
        return Err(BookingError::Duplicate.into());
    }
    Ok(())
}

/// A service that takes requests takes no holds: a hold keeps a seat and
/// is confirmed by the clerk, which would skip the approval (Wix `CREATED`
/// bookings take no seat until approved). Errors: not allowed, naming the
/// way to ask instead.
fn refuse_hold_on_requests(service: &Service) -> Result<()> {
    if service.requires_approval {
        return Err(BookingError::NotAllowed(format!(
            "{} takes requests for approval, not holds: book it as a request \
             (it takes a seat once approved)",
            service.name
        ))
        .into());
    }
    Ok(())
}

/// Replaces the booking's intake answers with `answers`.
pub(super) fn write_answers(conn: &Db, id: BookingId, answers: &[Answer]) -> Result<()> {
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
pub(super) fn write_add_ons(conn: &Db, id: BookingId, add_ons: &[AddOnLine]) -> Result<()> {
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

/// Replaces the booking's participant choices with `choices`.
pub(super) fn write_choices(conn: &Db, id: BookingId, choices: &[ChoiceLine]) -> Result<()> {
    conn.prepare_cached("UPDATE bookings SET choices = ?2 WHERE id = ?1")?
        .execute(params![id.0, json_text(&choices)])?;
    Ok(())
}

/// The note as stored: trimmed, `None` when blank ([`text::MESSAGE`]).
pub(super) fn clean_message(message: Option<&str>) -> Result<Option<String>> {
    Ok(text::MESSAGE.check_optional(message)?.map(str::to_owned))
}
