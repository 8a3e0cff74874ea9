//! Changing existing bookings: confirm, cancel, the other lifecycle steps,
//! extending a hold, moving, and sweeping lapsed holds. Each runs in one
//! `BEGIN IMMEDIATE` transaction that re-checks the rules and records its event.

use super::Store;
use super::bookings::{
    check_participants, clean_message, write_add_ons, write_answers, write_choices,
};
use super::catalog::{location, service};
use super::claims::SlotContext;
use super::codec::{day, instant, json_col, ts};
use super::customers::{customer_for, load_customer, named};
use super::error::Result;
use super::idempotency::{remember, replay};
use super::transaction::{Current, current, finish, finish_typed, step, sweep};
use crate::domain::availability::{check_duplicate, check_room};
use crate::domain::catalog::Service;
use crate::domain::choices::{ChoiceLine, participants_of, resolve};
use crate::domain::customer::{CustomerDetails, CustomerInput};
use crate::domain::idempotency::{Operation, cancel_fingerprint, clean_key, confirm_fingerprint};
use crate::domain::intake::{check_add_ons, check_answers};
use crate::domain::limits::extended_hold_expiry;
use crate::domain::schedule::local_day_bounds;
use crate::domain::text;
use crate::domain::{
    Booking, BookingEdit, BookingError, BookingFor, BookingId, BookingStatus, CancelRequest,
    ConfirmRequest, CustomerId, EventKind, SlotRef, Transition,
};
use crate::store::db::{Db, params};
use chrono::{DateTime, Utc};

/// The customer a confirmation ends with: `given` (validated, found or
/// created) or the booking's own, with enough contact for `service`.
fn confirming_customer(
    conn: &Db,
    b: &Current,
    given: Option<&BookingFor>,
    service: &Service,
    now: DateTime<Utc>,
) -> Result<CustomerId> {
    if let Some(who) = given {
        let who = named(conn, who, &location(conn)?.phone_region)?;
        who.details()
            .check_contact(service.require_email_and_phone)?;
        return customer_for(conn, &who, now);
    }
    let existing = b.customer_id.ok_or_else(|| {
        BookingError::invalid(
            "confirming a hold needs a customer: give a first and last name and a phone or an email",
        )
    })?;
    let c = load_customer(conn, existing)?;
    CustomerDetails {
        first_name: c.first_name,
        last_name: c.last_name,
        email: c.email,
        phone: c.phone,
    }
    .check_contact(service.require_email_and_phone)?;
    Ok(existing)
}

impl Store {
    /// Confirms a hold or a pending booking (Boseat `PATCH status=CONFIRMED`)
    /// with no extra details; see [`Store::confirm_with`].
    pub fn confirm(
        &mut self,
        id: BookingId,
        customer: Option<&CustomerInput>,
        now: DateTime<Utc>,
    ) -> Result<Booking> {
        let request = ConfirmRequest {
            customer: customer.cloned().map(BookingFor::Typed),
            ..ConfirmRequest::default()
        };
        self.confirm_with(id, &request, now)
    }

    /// Confirms a hold or a pending booking (Boseat `PATCH` with customer,
    /// `additionalProducts` and `status=CONFIRMED`), adding or replacing its
    /// customer, answers, add-ons and message when given. The customer needs
    /// a name and a phone or email (both if the service says so), and every
    /// required intake question must be answered by then. Records
    /// `booking.confirmed`. The same request again under its idempotency key
    /// returns the booking as it is and records nothing more.
    /// Errors: `booking not found`, `hold has expired`, a refused transition,
    /// `duplicate booking`, invalid customer, answers or add-ons,
    /// `idempotency key reused with a different request`.
    pub fn confirm_with(
        &mut self,
        id: BookingId,
        request: &ConfirmRequest,
        now: DateTime<Utc>,
    ) -> Result<Booking> {
        self.write(now, |conn| {
            let key = clean_key(request.idempotency_key.as_deref())?;
            let fingerprint = confirm_fingerprint(id, request);
            if let Some(first) = replay(conn, key, Operation::Confirm, &fingerprint)? {
                return Ok(first);
            }
            let b = current(conn, id)?;
            let next = step(b.status, Transition::Confirm)?;
            let service = service(conn, b.service_id)?;
            let customer_id = confirming_customer(conn, &b, request.customer.as_ref(), &service, now)?;
            let answered: bool = conn
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM booking_answers WHERE booking_id = ?1)")?
                .query_row([id.0], |r| r.get(0))?;
            if !request.answers.is_empty() || !answered {
                write_answers(conn, id, &check_answers(&service, &request.answers)?)?;
            }
            if !request.add_ons.is_empty() {
                write_add_ons(conn, id, &check_add_ons(&service, &request.add_ons)?)?;
            }
            if !request.choices.is_empty() {
                let ctx = SlotContext::load(conn, b.slot)?;
                let capacity = ctx.occurrence.capacity;
                let lines = resolve(&service.choices, &service.name, &request.choices, capacity)?;
                participants_of(&lines, Some(b.participants), capacity)?;
                write_choices(conn, id, &lines)?;
            }
            if let Some(message) = clean_message(request.message.as_deref())? {
                conn.prepare_cached("UPDATE bookings SET message = ?2 WHERE id = ?1")?
                    .execute(params![id.0, message])?;
            }
            if let Some(notify) = clean_message(request.notify.as_deref())? {
                conn.prepare_cached("UPDATE bookings SET notify = ?2 WHERE id = ?1")?
                    .execute(params![id.0, notify])?;
            }
            let ctx = SlotContext::load(conn, b.slot)?;
            if b.status == BookingStatus::Requested {
                // Approving a request takes its seats now: the rules as for
                // a new booking (window, room, closed, past, duplicates).
                ctx.check_window(&service, now)?;
                ctx.admit(now, Some(b.id), b.participants, Some(customer_id))?;
            }
            check_duplicate(&ctx.occurrence, &ctx.claims, customer_id, now, Some(b.id))?;
            conn.prepare_cached(
                "UPDATE bookings SET status = ?2, hold_expires_at = NULL, customer_id = ?3, updated_at = ?4
                 WHERE id = ?1",
            )?
            .execute(params![id.0, next.as_str(), customer_id.0, ts(now)])?;
            remember(conn, key, Operation::Confirm, &fingerprint, id, now)?;
            let typed = request.customer.as_ref().and_then(BookingFor::typed);
            finish_typed(conn, id, Transition::Confirm.event_kind(), typed, now)
        })
    }

    /// Replaces a booking's message, answers and add-ons, and its seats when
    /// given (held, pending, confirmed or checked in); more seats must fit
    /// the slot (`time slot is full`). Records `booking.updated`.
    /// Errors: not found, a final status, invalid answers, add-ons or
    /// participants (other seats for a booking counted by tier: its counts
    /// per tier would no longer add up), `time slot is full`.
    pub fn edit_booking(
        &mut self,
        id: BookingId,
        edit: &BookingEdit,
        now: DateTime<Utc>,
    ) -> Result<Booking> {
        self.write(now, |conn| {
            let b = current(conn, id)?;
            if !b.status.holds_capacity() {
                return Err(BookingError::NotAllowed(format!(
                    "cannot edit a booking that is {}",
                    b.status
                ))
                .into());
            }
            let service = service(conn, b.service_id)?;
            write_answers(conn, id, &check_answers(&service, &edit.answers)?)?;
            write_add_ons(conn, id, &check_add_ons(&service, &edit.add_ons)?)?;
            let message = clean_message(edit.message.as_deref())?;
            if let Some(seats) = edit.participants.filter(|n| *n != b.participants) {
                super::courses::refuse_one_session(&service, "given other seats")?;
                refuse_seats_by_tier(conn, b.id)?;
                let ctx = SlotContext::load(conn, b.slot)?;
                check_participants(seats, ctx.occurrence.capacity)?;
                // Fewer seats always fit; more must fit the slot as it is now.
                if seats > b.participants {
                    check_room(&ctx.state(now, Some(b.id)), &ctx.occurrence, seats)?;
                }
                conn.prepare_cached("UPDATE bookings SET participants = ?2 WHERE id = ?1")?
                    .execute(params![id.0, seats])?;
            }
            conn.prepare_cached("UPDATE bookings SET message = ?2, updated_at = ?3 WHERE id = ?1")?
                .execute(params![id.0, message, ts(now)])?;
            finish(conn, id, EventKind::BookingUpdated, now)
        })
    }

    /// Cancels a held, pending or confirmed booking with a reason (ReserveKit:
    /// `cancel_reason` required); releasing a hold is cancelling it.
    /// Records `booking.cancelled`. See [`Store::cancel_with`] for a keyed one.
    /// Errors: empty reason, not found, refused transition.
    pub fn cancel(&mut self, id: BookingId, reason: &str, now: DateTime<Utc>) -> Result<Booking> {
        let request = CancelRequest {
            reason: reason.to_owned(),
            idempotency_key: None,
            only_hold: false,
        };
        self.cancel_with(id, &request, now)
    }

    /// [`Store::cancel`] with an idempotency key: the same request again
    /// returns the booking and records nothing more. A release
    /// (`only_hold`) cancels only a booking that is still a hold.
    /// Errors: empty reason, not found, refused transition, a release of
    /// what is no longer a hold,
    /// `idempotency key reused with a different request`.
    pub fn cancel_with(
        &mut self,
        id: BookingId,
        request: &CancelRequest,
        now: DateTime<Utc>,
    ) -> Result<Booking> {
        let reason = text::CANCEL_REASON.check(&request.reason)?;
        if reason.is_empty() {
            return Err(BookingError::invalid("cancelling needs a reason").into());
        }
        self.write(now, |conn| {
            let key = clean_key(request.idempotency_key.as_deref())?;
            let fingerprint = cancel_fingerprint(id, request);
            if let Some(first) = replay(conn, key, Operation::Cancel, &fingerprint)? {
                return Ok(first);
            }
            let b = current(conn, id)?;
            if request.only_hold && b.status != BookingStatus::Held {
                return Err(BookingError::NoLongerHeld(id, b.status).into());
            }
            let next = step(b.status, Transition::Cancel)?;
            conn.prepare_cached(
                "UPDATE bookings SET status = ?2, cancel_reason = ?3, hold_expires_at = NULL, updated_at = ?4
                 WHERE id = ?1",
            )?
            .execute(params![id.0, next.as_str(), reason, ts(now)])?;
            remember(conn, key, Operation::Cancel, &fingerprint, id, now)?;
            super::catalog_guard::clear(conn, id)?;
            finish(conn, id, Transition::Cancel.event_kind(), now)
        })
    }

    /// Declines a request or a pending booking (Wix `DECLINED`) with the
    /// reason, kept as `decline_reason` (at most 500 characters, no control
    /// characters; blank: none). Records `booking.declined`.
    /// Errors: not found, a refused transition (a request already approved
    /// or declined), a reason too long or with control characters.
    pub fn decline(
        &mut self,
        id: BookingId,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Booking> {
        let reason = match reason {
            Some(r) => Some(text::DECLINE_REASON.check(r)?.to_owned()).filter(|r| !r.is_empty()),
            None => None,
        };
        self.write(now, |conn| {
            let b = current(conn, id)?;
            let next = step(b.status, Transition::Decline)?;
            conn.prepare_cached(
                "UPDATE bookings SET status = ?2, decline_reason = ?3, hold_expires_at = NULL,
                     updated_at = ?4 WHERE id = ?1",
            )?
            .execute(params![id.0, next.as_str(), reason, ts(now)])?;
            finish(conn, id, Transition::Decline.event_kind(), now)
        })
    }

    /// A lifecycle step without extra data: decline, check in, no-show,
    /// complete, or make a hold pending. (Confirm and cancel have their own
    /// calls.) A no-show cannot be marked before the slot starts.
    /// Errors: not found, refused transition.
    pub fn transition(
        &mut self,
        id: BookingId,
        transition: Transition,
        now: DateTime<Utc>,
    ) -> Result<Booking> {
        if matches!(
            transition,
            Transition::Confirm | Transition::Cancel | Transition::Expire
        ) {
            return Err(
                BookingError::invalid(format!("use the {} command", transition.verb())).into(),
            );
        }
        self.write(now, |conn| {
            let b = current(conn, id)?;
            let next = step(b.status, transition)?;
            if transition == Transition::MarkPending && b.customer_id.is_none() {
                return Err(BookingError::invalid("a pending booking needs a customer; confirm the hold with one").into());
            }
            if transition == Transition::CheckIn {
                let tz = location(conn)?.time_zone;
                if now < local_day_bounds(b.slot.date, tz).0 {
                    return Err(BookingError::NotAllowed(format!(
                        "cannot check in before the day of the slot ({})",
                        b.slot.date
                    ))
                    .into());
                }
            }
            if transition == Transition::NoShow {
                let starts: i64 = conn.query_row("SELECT starts_at FROM bookings WHERE id = ?1", [id.0], |r| r.get(0))?;
                if now < instant(starts) {
                    return Err(BookingError::NotAllowed("cannot mark as no-show before the slot starts".into()).into());
                }
            }
            conn.prepare_cached(
                "UPDATE bookings SET status = ?2, hold_expires_at = NULL, updated_at = ?3 WHERE id = ?1",
            )?
            .execute(params![id.0, next.as_str(), ts(now)])?;
            finish(conn, id, transition.event_kind(), now)
        })
    }

    /// Extends a live hold by the service's hold minutes from its current
    /// expiry, but never past twice the hold minutes from when it was made
    /// nor past the slot's start (an extension stops at the cap).
    /// Records `booking.hold_extended`.
    /// Errors: not found, `hold has expired`, not a hold, the hold already at
    /// its cap (a conflict).
    pub fn extend_hold(&mut self, id: BookingId, now: DateTime<Utc>) -> Result<Booking> {
        self.write(now, |conn| {
            let b = current(conn, id)?;
            match b.status {
                BookingStatus::Held => {}
                BookingStatus::Expired => return Err(BookingError::HoldExpired.into()),
                s => {
                    return Err(BookingError::NotAllowed(format!(
                        "only a hold can be extended; this booking is {s}"
                    ))
                    .into());
                }
            }
            let minutes = service(conn, b.service_id)?.hold_minutes;
            let (made_at, starts_at): (i64, i64) = conn
                .prepare_cached("SELECT created_at, starts_at FROM bookings WHERE id = ?1")?
                .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let expires_at = b.hold_expires_at.unwrap_or(now);
            let until = extended_hold_expiry(
                instant(made_at),
                expires_at,
                now,
                minutes,
                instant(starts_at),
            )?;
            conn.prepare_cached(
                "UPDATE bookings SET hold_expires_at = ?2, updated_at = ?3 WHERE id = ?1",
            )?
            .execute(params![id.0, ts(until), ts(now)])?;
            finish(conn, id, EventKind::BookingHoldExtended, now)
        })
    }

    /// Moves (reschedules) a held, pending or confirmed booking to another
    /// slot of the same service in one step, re-checking every booking rule on the
    /// target (the booking never blocks itself). Records `booking.moved`.
    /// Errors: `time slot is full`, `duplicate booking`, blocked, closed,
    /// past, outside the service's booking window, not found, another
    /// service, same slot, status not movable.
    pub fn move_booking(
        &mut self,
        id: BookingId,
        to: SlotRef,
        now: DateTime<Utc>,
    ) -> Result<Booking> {
        self.write(now, |conn| {
            let b = current(conn, id)?;
            if b.status == BookingStatus::Expired {
                return Err(BookingError::HoldExpired.into());
            }
            if !b.status.can_move() {
                return Err(BookingError::NotAllowed(format!(
                    "cannot move a booking that is {}; only held, pending and confirmed bookings move",
                    b.status
                ))
                .into());
            }
            if b.slot == to {
                return Err(BookingError::NotAllowed(format!("booking {id} is already on {to}")).into());
            }
            let ctx = SlotContext::load(conn, to)?;
            if ctx.time_slot.service_id != b.service_id {
                return Err(BookingError::NotAllowed(
                    "a booking can only move to a slot of the same service".into(),
                )
                .into());
            }
            let of = service(conn, b.service_id)?;
            super::courses::refuse_one_session(&of, "moved")?;
            ctx.check_window(&of, now)?;
            ctx.admit(now, Some(b.id), b.participants, b.customer_id)?;
            let o = &ctx.occurrence;
            conn.prepare_cached(
                "UPDATE bookings SET time_slot_id = ?2, date = ?3, resource_id = ?4, starts_at = ?5,
                     ends_at = ?6, updated_at = ?7 WHERE id = ?1",
            )?
            .execute(params![id.0, o.time_slot_id.0, day(o.date), o.resource_id.0, ts(o.from), ts(o.to), ts(now)])?;
            super::catalog_guard::clear(conn, id)?;
            finish(conn, id, EventKind::BookingMoved, now)
        })
    }

    /// Marks lapsed holds `expired` now (the holds-lapse rule's sweep),
    /// returning their ids; a seat freed so, or a waitlist offer lapsed so,
    /// goes to the next in line in the same transaction.
    /// Every write also sweeps first; the desk calls this on its tick.
    pub fn sweep_expired_holds(&mut self, now: DateTime<Utc>) -> Result<Vec<BookingId>> {
        self.sweep_waiting(now, super::BUSY_TIMEOUT)
    }

    /// [`Store::sweep_expired_holds`] that never waits for another desk's
    /// lock: `None` when the lock is taken (a lapsed hold stops counting
    /// anyway, and the next write sweeps it). The desk's tick sweeps this way.
    pub fn try_sweep(&mut self, now: DateTime<Utc>) -> Result<Option<Vec<BookingId>>> {
        match self.sweep_waiting(now, std::time::Duration::ZERO) {
            Ok(ids) => Ok(Some(ids)),
            Err(e) if matches!(e.file_fault(), Some(super::FileFault::Locked)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn sweep_waiting(
        &mut self,
        now: DateTime<Utc>,
        wait: std::time::Duration,
    ) -> Result<Vec<BookingId>> {
        // A store that let go of its file has nothing to sweep: it says why.
        self.check_file()?;
        let pending: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM bookings WHERE status = 'held' AND hold_expires_at <= ?1)",
            [ts(now)],
            |r| r.get(0),
        )?;
        if !pending {
            return Ok(Vec::new());
        }
        self.conn.set_write_wait(wait)?;
        let swept = self.transact(|tx| {
            let ids = sweep(tx, now)?;
            super::waitlist::offers::settle(tx, now)?;
            Ok(ids)
        });
        self.conn.set_write_wait(super::BUSY_TIMEOUT)?;
        swept
    }
}

/// A booking counted by tier (Wix `participantsChoices`) keeps its seats
/// equal to the sum of its counts, so its seats are not changed alone.
/// Errors: invalid, naming the counts it was booked with.
fn refuse_seats_by_tier(conn: &Db, id: BookingId) -> Result<()> {
    let choices: Vec<ChoiceLine> = conn
        .prepare_cached("SELECT choices FROM bookings WHERE id = ?1")?
        .query_row([id.0], |r| json_col(r, 0))?;
    if choices.is_empty() {
        return Ok(());
    }
    let counts: Vec<String> = choices
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| format!("{} {}", c.name, c.count))
        .collect();
    Err(BookingError::invalid(format!(
        "#{} counts its participants by tier ({}): its seats change with the counts, \
         so cancel it and book the new counts",
        id.0,
        counts.join(", ")
    ))
    .into())
}
