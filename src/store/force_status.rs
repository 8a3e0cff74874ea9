//! A manager's forced status (Wix's owner-only status): a booking set to a
//! status the lifecycle table would not step to — a mistaken check-in put
//! back to confirmed, a cancelled booking restored — with a reason, and
//! never past the rules: a status that takes seats again must find room and
//! no duplicate.

use super::Store;
use super::claims::SlotContext;
use super::codec::ts;
use super::error::Result;
use super::queries::load_booking;
use super::transaction::finish_noted;
use crate::domain::text;
use crate::domain::{Booking, BookingError, BookingId, BookingStatus, EventKind, Role};
use crate::store::db::params;
use chrono::{DateTime, Utc};

impl Store {
    /// Sets booking `id` to `status` for `reason` (manager only), outside
    /// the lifecycle table; a hold's expiry is dropped, a cancel keeps the
    /// reason as its cancel reason. Records `booking.status_forced` with
    /// the reason and what changed.
    /// Errors: not a manager; an empty reason; `held` or `expired` (time's
    /// statuses, not a manager's); a status other than cancelled or declined
    /// for a booking with no customer; the status it already has; `booking not
    /// found`; `time slot is full` or `duplicate booking` when the status
    /// takes seats it does not hold and the slot has no room for them.
    pub fn force_status(
        &mut self,
        id: BookingId,
        status: BookingStatus,
        reason: &str,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<Booking> {
        if role != Role::Manager {
            return Err(BookingError::ManagerOnly("force a status").into());
        }
        let reason = text::FORCE_REASON.check(reason)?;
        if reason.is_empty() {
            return Err(BookingError::invalid("a forced status needs a reason").into());
        }
        if matches!(status, BookingStatus::Held | BookingStatus::Expired) {
            return Err(BookingError::invalid(format!(
                "a booking cannot be forced to {status}: holds are made and lapse by time"
            ))
            .into());
        }
        self.write(now, |conn| {
            let current = load_booking(conn, id)?;
            let needs_customer =
                !matches!(status, BookingStatus::Cancelled | BookingStatus::Declined);
            if needs_customer && current.customer.is_none() {
                return Err(BookingError::invalid(format!(
                    "booking {id} is a hold with no customer: a {status} booking needs a \
                     customer, so confirm the hold with one"
                ))
                .into());
            }
            if current.status == status {
                return Err(
                    BookingError::invalid(format!("booking {id} is already {status}")).into(),
                );
            }
            if status.holds_capacity() && !current.status.holds_capacity() {
                let customer = current.customer.as_ref().map(|c| c.id);
                SlotContext::load(conn, current.slot_ref())?.admit(
                    now,
                    Some(id),
                    current.participants,
                    customer,
                )?;
            }
            let cancel_reason = (status == BookingStatus::Cancelled).then_some(reason);
            conn.execute(
                "UPDATE bookings SET status = ?2, hold_expires_at = NULL, cancel_reason = ?3,
                     updated_at = ?4
                 WHERE id = ?1",
                params![id.0, status.as_str(), cancel_reason, ts(now)],
            )?;
            finish_noted(conn, id, EventKind::BookingStatusForced, reason, now)
        })
    }
}
