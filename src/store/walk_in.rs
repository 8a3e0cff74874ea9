//! Walk-ins: someone standing at the desk booked into the slot running now
//! (until it ends) or the next one of the day with room, checked in as the
//! booking is made, on a first name alone. One `BEGIN IMMEDIATE`
//! transaction re-checks every rule on the slot it takes.

use super::Store;
use super::bookings::{NewBooking, check_participants, insert};
use super::catalog::{location, service};
use super::claims::SlotContext;
use super::customers::{Named, customer_for};
use super::error::{Result, StoreError};
use super::idempotency::{remember, replay};
use super::transaction::finish;
use crate::domain::availability::{check_duplicate, check_room};
use crate::domain::customer::validate_walk_in;
use crate::domain::idempotency::{Operation, clean_key, walk_in_fingerprint};
use crate::domain::schedule::SlotRef;
use crate::domain::{Booking, BookingError, BookingStatus, EventKind, SlotQuery, WalkInRequest};
use crate::store::db::params;
use chrono::{DateTime, Utc};

impl Store {
    /// Books a walk-in (see [`WalkInRequest`]): the slot the desk chose, or
    /// the first slot of the service today, running now or later, with room
    /// for them; `checked_in` at once and marked a walk-in. A new customer
    /// is made for them unless the same person is on file (the same first
    /// and last name and phone).
    /// Records `booking.created`.
    /// Errors: the slot is another day's; the slot has ended (`time slot is in the past`), is of
    /// another service, is full, blocked or closed; no slot of the service
    /// left today; an invalid name or phone;
    /// `duplicate booking`; an idempotency key reused with a different
    /// request.
    pub fn walk_in(&mut self, req: &WalkInRequest, now: DateTime<Utc>) -> Result<Booking> {
        let candidates = match req.slot {
            Some(slot) => vec![slot],
            None => self.walk_in_candidates(req, now)?,
        };
        self.write(now, |conn| {
            let key = clean_key(req.idempotency_key.as_deref())?;
            let fingerprint = walk_in_fingerprint(req);
            if let Some(first) = replay(conn, key, Operation::Book, &fingerprint)? {
                return Ok(first);
            }
            let here = location(conn)?;
            let region = here.phone_region;
            let today = now.with_timezone(&here.time_zone).date_naive();
            let who = validate_walk_in(
                &req.first_name,
                &req.last_name,
                req.phone.as_deref(),
                &region,
            )?;
            let mut refused = None;
            let mut taken = None;
            for slot in &candidates {
                if slot.date != today {
                    return Err(BookingError::invalid(format!(
                        "a walk-in is for today ({today}): slot {slot} is another day's; book it ahead instead"
                    ))
                    .into());
                }
                let ctx = SlotContext::load(conn, *slot)?;
                if ctx.time_slot.service_id != req.service {
                    return Err(BookingError::invalid(format!(
                        "slot {slot} is not of the service asked for"
                    ))
                    .into());
                }
                super::courses::refuse_one_session(
                    &super::catalog::service(conn, req.service)?,
                    "walked into",
                )?;
                // A party too big for this slot may fit a later one.
                match check_participants(req.participants, ctx.occurrence.capacity) {
                    Err(StoreError::Booking(e)) => {
                        refused = Some(e);
                        continue;
                    }
                    Err(e) => return Err(e),
                    Ok(()) => {}
                }
                match check_room(&ctx.state(now, None), &ctx.occurrence, req.participants) {
                    Ok(()) => {
                        taken = Some(ctx);
                        break;
                    }
                    Err(e) => refused = Some(e),
                }
            }
            let Some(ctx) = taken else {
                return Err(refused
                    .unwrap_or_else(|| {
                        BookingError::invalid("no slot of this service is left today for a walk-in")
                    })
                    .into());
            };
            let service = service(conn, ctx.time_slot.service_id)?;
            let customer = customer_for(conn, &Named::Typed(who), now)?;
            check_duplicate(&ctx.occurrence, &ctx.claims, customer, now, None)?;
            let id = insert(
                conn,
                &NewBooking {
                    ctx: &ctx,
                    participants: req.participants,
                    status: BookingStatus::CheckedIn,
                    hold_expires_at: None,
                    customer: Some(customer),
                    message: None,
                    notify: None,
                    currency: &service.currency,
                    idempotency_key: key,
                },
                now,
            )?;
            conn.prepare_cached("UPDATE bookings SET walk_in = 1 WHERE id = ?1")?
                .execute(params![id.0])?;
            remember(conn, key, Operation::Book, &fingerprint, id, now)?;
            finish(conn, id, EventKind::BookingCreated, now)
        })
    }

    /// The service's slots of the location's today that have not ended at
    /// `now`, in start order (rooms are checked again in the transaction).
    fn walk_in_candidates(&self, req: &WalkInRequest, now: DateTime<Utc>) -> Result<Vec<SlotRef>> {
        let tz = location(&self.conn)?.time_zone;
        let today = now.with_timezone(&tz).date_naive();
        let slots = self.slots(
            &SlotQuery {
                service: Some(req.service),
                resource: None,
                from: today,
                days: 1,
                include_unavailable: false,
            },
            now,
        )?;
        Ok(slots
            .iter()
            .filter(|s| s.occurrence.to > now)
            .map(|s| s.occurrence.slot_ref())
            .collect())
    }
}
