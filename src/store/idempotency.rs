//! Idempotency keys as stored (`idempotency_keys`): the first request made
//! under a key, by operation and fingerprint, and the booking it made or
//! changed. Read and written inside the write's own transaction.

use super::codec::ts;
use super::error::Result;
use super::queries::load_booking;
use crate::domain::idempotency::{Operation, check_replay};
use crate::domain::{Booking, BookingId};
use crate::store::db::{Db, Optional, params};
use chrono::{DateTime, Utc};

/// A request under `key` seen before: the booking as it is now when the
/// stored request is this one (same operation and fingerprint), `None` when
/// the key is new or absent.
/// Errors: `idempotency key reused with a different request`; `booking not
/// found` when the booking was deleted since.
pub(super) fn replay(
    conn: &Db,
    key: Option<&str>,
    operation: Operation,
    fingerprint: &str,
) -> Result<Option<Booking>> {
    let Some(key) = key else { return Ok(None) };
    let stored: Option<(String, Option<String>, i64)> = conn
        .prepare_cached(
            "SELECT operation, fingerprint, booking_id FROM idempotency_keys WHERE key = ?1",
        )?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((op, fp, booking)) = stored else {
        return Ok(None);
    };
    check_replay(&op, fp.as_deref(), operation, fingerprint)?;
    Ok(Some(load_booking(conn, BookingId(booking))?))
}

/// Stores `key` as naming this request and `booking`, in the write's
/// transaction (so a refused write leaves no key behind).
pub(super) fn remember(
    conn: &Db,
    key: Option<&str>,
    operation: Operation,
    fingerprint: &str,
    booking: BookingId,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(key) = key else { return Ok(()) };
    conn.prepare_cached(
        "INSERT INTO idempotency_keys (key, operation, fingerprint, booking_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        key,
        operation.as_str(),
        fingerprint,
        booking.0,
        ts(now)
    ])?;
    Ok(())
}
