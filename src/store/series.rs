//! Series: several slots booked for one customer in ONE `BEGIN IMMEDIATE`
//! transaction and linked by a new series (weekly or course), each slot
//! through the single booking's checks (`bookings::book_slot`) in a
//! savepoint of its own, so a refused slot leaves no trace; and cancelling
//! a booking with the later ones of its series.

use super::Store;
use super::bookings::book_slot;
use super::catalog::location;
use super::codec::ts;
use super::customers::{Named, load_customer, named};
use super::error::{Result, StoreError};
use super::queries::load_booking;
use crate::domain::idempotency::clean_key;
use crate::domain::series::{SeriesWrite, check_slots, series_fingerprint};
use crate::domain::{
    Booking, BookingError, BookingId, CancelRequest, ErrorKind, SeriesBooked, SeriesId, SeriesKind,
    SeriesMode, SeriesRefusal, SeriesRequest,
};
use crate::store::db::{self, Db, Optional, params};
use chrono::{DateTime, Utc};

impl Store {
    /// Books every slot of `req` for its one customer in ONE transaction,
    /// linked by a new series of `req.kind` (the series engine; a course
    /// books its sessions with it too). Each slot goes through the single
    /// booking's rules (service window, room, one thing at a time,
    /// duplicate, closed, past, occurring that date). With
    /// [`SeriesMode::AllOrNone`] one refused slot refuses the series and
    /// nothing is written; with [`SeriesMode::Partial`] the free slots are
    /// booked and the rest come back in `refused`, each with its reason.
    /// Records `booking.created` for each booking made (its payload carries
    /// `series_id`). The request's idempotency key names the series: the
    /// same key and request again return the same series as it is now.
    /// Errors: [`BookingError::SeriesRefused`] (conflict) listing every
    /// refused slot when all-or-none meets one, or when no slot at all can
    /// be booked; a malformed request (no slots, a slot twice, more than
    /// 366, invalid customer, seats, answers, add-ons or a missing contact)
    /// is refused as invalid before any slot; an idempotency key reused
    /// with a different request.
    pub fn book_series(&mut self, req: &SeriesRequest, now: DateTime<Utc>) -> Result<SeriesBooked> {
        check_slots(&req.slots)?;
        self.write(now, |conn| book_series_in(conn, req, now))
    }

    /// Cancels booking `id` and, when it is in a series, the later bookings
    /// of that series still live (held, pending or confirmed), in ONE
    /// transaction with one reason (a `booking.cancelled` each; a freed
    /// seat is offered to the waitlist). Later ones already cancelled,
    /// expired or done are left as they are. Returns the bookings
    /// cancelled, in series order. A booking in no series is cancelled
    /// alone. The idempotency key is the first cancel's: sent again it
    /// changes nothing more.
    /// Errors: as [`Store::cancel_with`] for any of them (then none is
    /// cancelled): `booking not found`, a blank reason, a refused step.
    pub fn cancel_following(
        &mut self,
        id: BookingId,
        request: &CancelRequest,
        now: DateTime<Utc>,
    ) -> Result<Vec<Booking>> {
        // A course booking is cancelled whole, earlier sessions too.
        self.cancel_with_more(id, request, now, |store, first| {
            if super::courses::is_course(first) {
                super::courses::others_live(store, first)
            } else {
                store.later_in_series(first)
            }
        })
    }

    /// Cancels booking `id` as `request` asks, then the bookings `more`
    /// names given it as cancelled (with the same reason, no key), in ONE
    /// transaction; returns them all, `id`'s first.
    /// Errors: as [`Store::cancel_with`] for any of them (then none is
    /// cancelled).
    pub(super) fn cancel_with_more(
        &mut self,
        id: BookingId,
        request: &CancelRequest,
        now: DateTime<Utc>,
        more: impl FnOnce(&Store, &Booking) -> Result<Vec<BookingId>>,
    ) -> Result<Vec<Booking>> {
        self.batch(|store| {
            let first = store.cancel_with(id, request, now)?;
            let later = more(store, &first)?;
            let each = CancelRequest {
                idempotency_key: None,
                ..request.clone()
            };
            let mut out = vec![first];
            for b in later {
                out.push(store.cancel_with(b, &each, now)?);
            }
            Ok(out)
        })
    }

    /// The series bookings after `b` (by position) that still hold or may
    /// hold a seat, in order; none when `b` is in no series.
    pub(super) fn later_in_series(&self, b: &Booking) -> Result<Vec<BookingId>> {
        let (Some(series), Some(place)) = (b.series_id, b.series_place) else {
            return Ok(Vec::new());
        };
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id FROM bookings
                 WHERE series_id = ?1 AND series_position > ?2
                   AND status IN ('held', 'pending', 'confirmed')
                 ORDER BY series_position",
            )?
            .query_map(params![series.0, place.position], |r| {
                Ok(BookingId(r.get(0)?))
            })?
            .collect::<db::Result<_>>()?)
    }

    /// The bookings of series `id` in series order, as they are now.
    /// Errors: none for an unknown series (an empty list).
    pub fn series_bookings(&self, id: SeriesId) -> Result<Vec<Booking>> {
        series_bookings(&self.conn, id)
    }
}

/// Whether `e` refuses one slot of a series (it is full, blocked, closed,
/// past, does not occur that date, …) rather than the whole request (an
/// invalid one, which every slot would refuse alike).
fn refusal_of_slot(e: &BookingError) -> bool {
    !matches!(e.kind(), ErrorKind::Invalid | ErrorKind::Fault)
        && !matches!(e, BookingError::KeyReused | BookingError::CustomerNotFound)
}

fn insert_series(
    conn: &Db,
    req: &SeriesRequest,
    key: Option<&str>,
    fingerprint: &str,
    now: DateTime<Utc>,
) -> Result<SeriesId> {
    let new_id: i64 = conn
        .prepare_cached(
            "INSERT INTO series (kind, every_weeks, size, idempotency_key, fingerprint, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        )?
        .query_row(
            params![
                req.kind.as_str(),
                req.kind.every_weeks(),
                i64::try_from(req.slots.len()).unwrap_or(i64::MAX),
                key,
                key.map(|_| fingerprint),
                ts(now),
            ],
            |r| r.get(0),
        )?;
    Ok(SeriesId(new_id))
}

fn refused_json(refused: &[SeriesRefusal]) -> Result<String> {
    serde_json::to_string(refused)
        .map_err(|e| StoreError::Schema(format!("cannot write the series' refusals: {e}")))
}

/// Refuses `key` for a single write when a series was booked under it.
/// Errors: `idempotency key reused with a different request`.
pub(super) fn check_not_a_series_key(conn: &Db, key: Option<&str>) -> Result<()> {
    let Some(key) = key else { return Ok(()) };
    let series: Option<i64> = conn
        .prepare_cached("SELECT id FROM series WHERE idempotency_key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?;
    match series {
        Some(_) => Err(BookingError::KeyReused.into()),
        None => Ok(()),
    }
}

/// A stored series row: id, fingerprint, kind, every weeks, refused (JSON).
type StoredSeries = (i64, Option<String>, String, Option<u32>, String);

/// The series made under `key` before, as it is now, when the request is
/// the same; `None` for a new or absent key.
/// Errors: `idempotency key reused with a different request` (also when
/// the key named a single write).
fn replay(conn: &Db, key: Option<&str>, fingerprint: &str) -> Result<Option<SeriesBooked>> {
    let Some(key) = key else { return Ok(None) };
    let single: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM idempotency_keys WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?;
    if single.is_some() {
        return Err(BookingError::KeyReused.into());
    }
    let stored: Option<StoredSeries> = conn
        .prepare_cached(
            "SELECT id, fingerprint, kind, every_weeks, refused FROM series WHERE idempotency_key = ?1",
        )?
        .query_row([key], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let Some((id, stored_fingerprint, kind, every, refused)) = stored else {
        return Ok(None);
    };
    if stored_fingerprint.as_deref() != Some(fingerprint) {
        return Err(BookingError::KeyReused.into());
    }
    let kind = SeriesKind::from_stored(&kind, every)
        .ok_or_else(|| StoreError::Schema(format!("series {id} has an unknown kind `{kind}`")))?;
    let refused = serde_json::from_str(&refused)
        .map_err(|e| StoreError::Schema(format!("series {id} has unreadable refusals: {e}")))?;
    Ok(Some(SeriesBooked {
        series_id: SeriesId(id),
        kind,
        booked: series_bookings(conn, SeriesId(id))?,
        refused,
    }))
}

fn series_bookings(conn: &Db, id: SeriesId) -> Result<Vec<Booking>> {
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM bookings WHERE series_id = ?1 ORDER BY series_position")?
        .query_map([id.0], |r| r.get(0))?
        .collect::<db::Result<_>>()?;
    ids.into_iter()
        .map(|b| load_booking(conn, BookingId(b)))
        .collect()
}

/// [`Store::book_series`] in the caller's transaction (a course books its
/// sessions so, after its own checks in the same transaction).
/// Errors: as [`Store::book_series`].
pub(super) fn book_series_in(
    conn: &Db,
    req: &SeriesRequest,
    now: DateTime<Utc>,
) -> Result<SeriesBooked> {
    check_slots(&req.slots)?;
    let key = clean_key(req.booking.idempotency_key.as_deref())?;
    let fingerprint = series_fingerprint(req);
    if let Some(found) = replay(conn, key, &fingerprint)? {
        return Ok(found);
    }
    let region = location(conn)?.phone_region;
    let mut who = named(conn, &req.booking.customer, &region)?;
    let series = insert_series(conn, req, key, &fingerprint, now)?;
    let mut booked = Vec::new();
    let mut refused = Vec::new();
    for (position, slot) in (1u32..).zip(&req.slots) {
        conn.execute_batch("SAVEPOINT series_slot")?;
        let made = book_slot(
            conn,
            &req.booking,
            *slot,
            &who,
            None,
            "",
            Some((series, position)),
            now,
        );
        match made {
            Ok(b) => {
                conn.execute_batch("RELEASE series_slot")?;
                // Later slots go to the same customer, even one made
                // from a name alone (no identity rule to match).
                if let (Named::Typed(_), Some(c)) = (&who, &b.customer) {
                    who = Named::Picked(load_customer(conn, c.id)?);
                }
                booked.push(b);
            }
            Err(e) => {
                conn.execute_batch("ROLLBACK TO series_slot; RELEASE series_slot")?;
                match e {
                    StoreError::Booking(e) if refusal_of_slot(&e) => {
                        refused.push(SeriesRefusal {
                            position,
                            slot: *slot,
                            reason: e.to_string(),
                        });
                    }
                    e => return Err(e),
                }
            }
        }
    }
    if !refused.is_empty() && (req.mode == SeriesMode::AllOrNone || booked.is_empty()) {
        return Err(BookingError::SeriesRefused {
            refused,
            asked: req.slots.len(),
            unit: req.kind.unit(),
            write: SeriesWrite::Book,
        }
        .into());
    }
    if !refused.is_empty() {
        conn.prepare_cached("UPDATE series SET refused = ?2 WHERE id = ?1")?
            .execute(params![series.0, refused_json(&refused)?])?;
    }
    Ok(SeriesBooked {
        series_id: series,
        kind: req.kind,
        booked,
        refused,
    })
}
