//! Merging two records of one person (manager): the duplicate's bookings
//! move to the customer kept, its missing contact details fill the kept
//! one's gaps, and the duplicate is removed — in one transaction, with
//! `customer.merged` for both and `booking.reassigned` for each booking.

use super::Store;
use super::codec::{status_list, ts};
use super::customers::load_customer;
use super::error::Result;
use super::events::record;
use super::transaction::finish;
use crate::domain::{
    BookingError, BookingId, BookingStatus, CustomerId, CustomerSummary, EventData, EventKind, Role,
};
use crate::store::db::{self, Db, Optional, params};
use chrono::{DateTime, Utc};

/// A booking of each customer holding a seat in the same time slot, if
/// any: merged, one person would be booked twice.
fn shared_slot(
    conn: &Db,
    keep: CustomerId,
    other: CustomerId,
) -> Result<Option<(BookingId, BookingId)>> {
    let live = status_list(BookingStatus::holds_capacity);
    let pair = conn
        .prepare(&format!(
            "SELECT a.id, b.id FROM bookings a JOIN bookings b
               ON b.time_slot_id = a.time_slot_id AND b.date = a.date
             WHERE a.customer_id = ?1 AND b.customer_id = ?2
               AND a.status IN ({live}) AND b.status IN ({live})
             LIMIT 1"
        ))?
        .query_row(params![keep.0, other.0], |r| {
            Ok((BookingId(r.get(0)?), BookingId(r.get(1)?)))
        })
        .optional()?;
    Ok(pair)
}

impl Store {
    /// Merges customer `other` into `keep` (`customer merge KEEP OTHER`,
    /// manager only): every booking of `other` becomes `keep`'s, an email or
    /// phone `keep` lacks is taken from `other`, and `other` is removed.
    /// Records `customer.merged` for `other` (as it was) and for `keep`
    /// (after, with what changed), and `booking.reassigned` for each booking
    /// moved. Returns `keep` after.
    /// Errors: not a manager; `customer not found`; the same customer twice;
    /// `duplicate booking` when both hold a seat in one time slot.
    pub fn merge_customers(
        &mut self,
        keep: CustomerId,
        other: CustomerId,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<CustomerSummary> {
        if role != Role::Manager {
            return Err(BookingError::ManagerOnly("merge customers").into());
        }
        if keep == other {
            return Err(BookingError::invalid(format!(
                "customer {keep} cannot be merged into itself"
            ))
            .into());
        }
        self.write(now, |conn| {
            let kept = load_customer(conn, keep)?;
            let gone = load_customer(conn, other)?;
            if let Some((a, b)) = shared_slot(conn, keep, other)? {
                return Err(BookingError::NotAllowed(format!(
                    "duplicate booking: {} (#{a}) and {} (#{b}) are booked in the same time \
                     slot; cancel one before merging",
                    kept.name, gone.name
                ))
                .into());
            }
            let moved: Vec<BookingId> = conn
                .prepare("SELECT id FROM bookings WHERE customer_id = ?1 ORDER BY id")?
                .query_map([other.0], |r| Ok(BookingId(r.get(0)?)))?
                .collect::<db::Result<_>>()?;
            conn.execute(
                "UPDATE bookings SET customer_id = ?1, updated_at = ?3 WHERE customer_id = ?2",
                params![keep.0, other.0, ts(now)],
            )?;
            for id in &moved {
                finish(conn, *id, EventKind::BookingReassigned, now)?;
            }
            super::waitlist::reassign(conn, keep, other, now)?;
            record(
                conn,
                now,
                EventKind::CustomerMerged,
                &EventData::Customer(gone.clone()),
            )?;
            conn.execute("DELETE FROM customers WHERE id = ?1", [other.0])?;
            let (email, phone) = (
                kept.email.clone().or(gone.email),
                kept.phone.clone().or(gone.phone),
            );
            if (&email, &phone) != (&kept.email, &kept.phone) {
                conn.execute(
                    "UPDATE customers SET email = ?2, phone = ?3, updated_at = ?4 WHERE id = ?1",
                    params![keep.0, email, phone, ts(now)],
                )?;
            }
            let after = load_customer(conn, keep)?;
            record(
                conn,
                now,
                EventKind::CustomerMerged,
                &EventData::Customer(after.clone()),
            )?;
            Ok(after)
        })
    }
}
