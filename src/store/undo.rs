//! Undo: a booking put back as it was before one change, while that change
//! is still its latest and the rules allow the old state (a seat sold again
//! since stays sold). The undo is its own event, `booking.undone`.

use super::Store;
use super::bookings::{write_add_ons, write_answers, write_choices};
use super::claims::SlotContext;
use super::codec::{day, parsed, ts};
use super::error::Result;
use super::queries::load_booking;
use super::transaction::finish;
use crate::domain::availability::{check_duplicate, check_room};
use crate::domain::{
    Booking, BookingError, BookingId, BookingStatus, EventData, EventId, EventKind, PaymentMethod,
};
use crate::store::db::{Db, Optional, params};
use chrono::{DateTime, Utc};

/// The event `id`'s kind and booking. Errors: `event not found`.
fn event_of(conn: &Db, id: EventId) -> Result<(EventKind, Option<BookingId>)> {
    conn.prepare_cached("SELECT kind, booking_id FROM events WHERE id = ?1")?
        .query_row([id.0], |r| {
            Ok((parsed(r, 0)?, r.get::<Option<i64>>(1)?.map(BookingId)))
        })
        .optional()?
        .ok_or_else(|| BookingError::EventNotFound.into())
}

/// The booking's payload in its last event before `id`: how it stood
/// before that change; `None` when `id` created it.
fn before(conn: &Db, booking: BookingId, id: EventId) -> Result<Option<Booking>> {
    let text: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT kind, data FROM events WHERE booking_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT 1",
        )?
        .query_row(params![booking.0, id.0], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((kind, text)) = text else {
        return Ok(None);
    };
    let kind: EventKind = kind.parse().map_err(BookingError::Invalid)?;
    match EventData::from_json(kind, &text) {
        EventData::Booking(change) => Ok(Some(change.booking)),
        _ => Err(BookingError::NotAllowed(format!(
            "booking {booking}'s history is too old to undo this change"
        ))
        .into()),
    }
}

/// Whether putting `now` back to `was` takes seats it does not hold: a
/// status that holds capacity again, another slot, or more participants.
fn takes_seats(now: &Booking, was: &Booking) -> bool {
    was.status.holds_capacity()
        && (!now.status.holds_capacity()
            || now.slot_ref() != was.slot_ref()
            || was.participants > now.participants)
}

/// Puts booking `now` back to `was` in the caller's transaction, after the
/// checks the old state needs at `at`.
fn put_back(conn: &Db, now: &Booking, was: &Booking, at: DateTime<Utc>) -> Result<()> {
    if was.status == BookingStatus::Held && was.hold_expires_at.is_none_or(|t| t <= at) {
        return Err(BookingError::NotAllowed(format!(
            "cannot undo: the hold booking {} came from has lapsed",
            now.id
        ))
        .into());
    }
    if let Some(customer) = &was.customer {
        let on_file = conn
            .prepare_cached("SELECT 1 FROM customers WHERE id = ?1")?
            .query_row([customer.id.0], |_| Ok(()))
            .optional()?
            .is_some();
        if !on_file {
            return Err(BookingError::NotAllowed(format!(
                "cannot undo: booking {} was {}'s (customer {}), who is no longer on file \
                 (merged into another customer since)",
                now.id, customer.name, customer.id
            ))
            .into());
        }
    }
    if takes_seats(now, was) {
        let ctx = SlotContext::load(conn, was.slot_ref())?;
        let state = ctx.state(at, Some(now.id));
        check_room(&state, &ctx.occurrence, was.participants).map_err(|e| {
            BookingError::NotAllowed(format!(
                "cannot undo: {e} now, so booking {} stays {}",
                now.id, now.status
            ))
        })?;
        if let Some(customer) = &was.customer {
            check_duplicate(&ctx.occurrence, &ctx.claims, customer.id, at, Some(now.id))?;
        }
    }
    conn.prepare_cached(
        "UPDATE bookings SET status = ?2, hold_expires_at = ?3, customer_id = ?4, participants = ?5,
             time_slot_id = ?6, date = ?7, resource_id = ?8, starts_at = ?9, ends_at = ?10,
             message = ?11, cancel_reason = ?12, payment_status = ?13, payment_amount = ?14,
             payment_method = ?15, payment_reference = ?16, updated_at = ?17
         WHERE id = ?1",
    )?
    .execute(params![
        now.id.0,
        was.status.as_str(),
        was.hold_expires_at.map(ts),
        was.customer.as_ref().map(|c| c.id.0),
        was.participants,
        was.time_slot_id.0,
        day(was.date),
        was.resource_id.0,
        ts(was.from),
        ts(was.to),
        was.message,
        was.cancel_reason,
        was.payment.status.as_str(),
        was.payment.amount,
        was.payment.method.map(PaymentMethod::as_str),
        was.payment.reference,
        ts(at),
    ])?;
    let answers: Vec<_> = was.answers.clone();
    write_answers(conn, now.id, &answers)?;
    write_add_ons(conn, now.id, &was.add_ons)?;
    write_choices(conn, now.id, &was.choices)?;
    Ok(())
}

impl Store {
    /// Undoes change `id` (`slotdesk undo EVENT_ID`, the desk's `ctrl-z`):
    /// the booking goes back to how it stood before it — a payment voided, a
    /// cancel or a status step reversed, a move moved back, an edit
    /// reverted, a new booking cancelled — while that change is still the
    /// booking's latest and the rules allow the old state. Records
    /// `booking.undone` and returns the booking after.
    /// Errors: `event not found`, `booking not found`; a change that cannot
    /// be undone, or that is no longer the booking's latest; the old state
    /// refused (`time slot is full`, `duplicate booking`, a lapsed hold).
    pub fn undo(&mut self, id: EventId, now: DateTime<Utc>) -> Result<Booking> {
        self.write(now, |conn| {
            let (kind, booking) = event_of(conn, id)?;
            let Some(booking) = booking.filter(|_| kind.undoable()) else {
                return Err(
                    BookingError::NotAllowed(format!("a {kind} event cannot be undone")).into(),
                );
            };
            let latest: i64 = conn
                .prepare_cached("SELECT max(id) FROM events WHERE booking_id = ?1")?
                .query_row([booking.0], |r| r.get(0))?;
            if latest != id.0 {
                return Err(BookingError::NotAllowed(format!(
                    "cannot undo: booking {booking} has changed since (event {latest})"
                ))
                .into());
            }
            let current = load_booking(conn, booking)?;
            if super::courses::is_course(&current) {
                return Err(BookingError::NotAllowed(format!(
                    "cannot undo: #{booking} is one session's booking of a course booking, \
                     which changes whole (cancel the course booking instead)"
                ))
                .into());
            }
            match before(conn, booking, id)? {
                Some(was) => put_back(conn, &current, &was, now)?,
                // Undoing a new booking takes it back: cancelled, seats freed.
                None => {
                    conn.prepare_cached(
                        "UPDATE bookings SET status = 'cancelled', cancel_reason = 'undone',
                             hold_expires_at = NULL, updated_at = ?2 WHERE id = ?1",
                    )?
                    .execute(params![booking.0, ts(now)])?;
                }
            }
            finish(conn, booking, EventKind::BookingUndone, now)
        })
    }
}
