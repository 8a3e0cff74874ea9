//! Payment state (Boseat `PAID` / `REFUNDED`) and the manager-only
//! operations: refund and delete (ReserveKit `DELETE`), each with its event.

use super::Store;
use super::codec::{parsed, ts};
use super::error::Result;
use super::events::record;
use super::idempotency::{remember, replay};
use super::queries::load_booking;
use super::transaction::finish;
use crate::domain::idempotency::{Operation, clean_key, pay_fingerprint};
use crate::domain::text;
use crate::domain::{
    Booking, BookingError, BookingId, BookingStatus, EventData, EventKind, PaymentInput,
    PaymentStatus, Role,
};
use crate::store::db::{Db, Optional, params};
use chrono::{DateTime, Utc};

impl Store {
    /// Records a payment on an unpaid, live or finished booking (not a hold,
    /// nor a cancelled, declined or expired one). Records `booking.paid`. The
    /// same payment again under its idempotency key records nothing more and
    /// returns the booking.
    /// Errors: not found, already paid, wrong status, amount not positive,
    /// `idempotency key reused with a different request`.
    pub fn pay(
        &mut self,
        id: BookingId,
        payment: &PaymentInput,
        now: DateTime<Utc>,
    ) -> Result<Booking> {
        if payment.amount <= 0 {
            return Err(BookingError::invalid("amount must be more than zero").into());
        }
        let reference = text::PAYMENT_REFERENCE.check_optional(payment.reference.as_deref())?;
        self.write(now, |conn| {
            let key = clean_key(payment.idempotency_key.as_deref())?;
            let fingerprint = pay_fingerprint(id, payment);
            if let Some(first) = replay(conn, key, Operation::Pay, &fingerprint)? {
                return Ok(first);
            }
            let (status, paid) = state(conn, id)?;
            if matches!(
                status,
                BookingStatus::Held | BookingStatus::Cancelled | BookingStatus::Declined | BookingStatus::Expired
            ) {
                return Err(BookingError::NotAllowed(format!("cannot take payment for a booking that is {status}")).into());
            }
            if paid != PaymentStatus::Unpaid {
                return Err(BookingError::NotAllowed(format!("booking {id} is already {}", paid.as_str())).into());
            }
            conn.execute(
                "UPDATE bookings SET payment_status = 'paid', payment_amount = ?2, payment_method = ?3,
                     payment_reference = ?4, updated_at = ?5 WHERE id = ?1",
                params![id.0, payment.amount, payment.method.as_str(), reference, ts(now)],
            )?;
            remember(conn, key, Operation::Pay, &fingerprint, id, now)?;
            finish(conn, id, EventKind::BookingPaid, now)
        })
    }

    /// Refunds a paid booking (manager only). Records `booking.refunded`.
    /// Errors: not a manager, not found, nothing paid.
    pub fn refund(&mut self, id: BookingId, role: Role, now: DateTime<Utc>) -> Result<Booking> {
        if role != Role::Manager {
            return Err(BookingError::ManagerOnly("refund a payment").into());
        }
        self.write(now, |conn| {
            let (_, paid) = state(conn, id)?;
            if paid != PaymentStatus::Paid {
                return Err(BookingError::NotAllowed(format!(
                    "only a paid booking can be refunded; booking {id} is {}",
                    paid.as_str()
                ))
                .into());
            }
            conn.execute(
                "UPDATE bookings SET payment_status = 'refunded', updated_at = ?2 WHERE id = ?1",
                params![id.0, ts(now)],
            )?;
            finish(conn, id, EventKind::BookingRefunded, now)
        })
    }

    /// Deletes a booking (manager only, ReserveKit `DELETE`), leaving a
    /// `booking.deleted` event that holds its last state, which is returned.
    /// Errors: not a manager, `booking not found`.
    pub fn delete(&mut self, id: BookingId, role: Role, now: DateTime<Utc>) -> Result<Booking> {
        if role != Role::Manager {
            return Err(BookingError::ManagerOnly("delete a booking").into());
        }
        self.write(now, |conn| {
            let last = load_booking(conn, id)?;
            conn.execute("DELETE FROM bookings WHERE id = ?1", [id.0])?;
            record(
                conn,
                now,
                EventKind::BookingDeleted,
                &EventData::booking_change(last.clone(), None),
            )?;
            Ok(last)
        })
    }
}

fn state(conn: &Db, id: BookingId) -> Result<(BookingStatus, PaymentStatus)> {
    conn.prepare_cached("SELECT status, payment_status FROM bookings WHERE id = ?1")?
        .query_row([id.0], |r| Ok((parsed(r, 0)?, parsed(r, 1)?)))
        .optional()?
        .ok_or_else(|| BookingError::BookingNotFound.into())
}
