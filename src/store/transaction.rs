//! The write path every store file shares: one `BEGIN IMMEDIATE`
//! transaction (or, inside a [`Store::batch`], a savepoint of the batch's)
//! that first sweeps lapsed holds, the current row of a booking, the
//! lifecycle step, and the event that closes every booking write.

use super::Store;
use super::codec::{date_col, instant, parsed, ts};
use super::error::Result;
use super::events::record;
use super::queries::load_booking;
use crate::domain::customer::CustomerInput;
use crate::domain::{
    Booking, BookingError, BookingId, BookingStatus, CustomerId, EventData, EventKind, ServiceId,
    SlotRef, TimeSlotId, Transition,
};
use crate::store::db::{self, Db, Optional, params};
use chrono::{DateTime, Utc};
use std::ops::Deref;

impl Store {
    /// Runs `f` as one `BEGIN IMMEDIATE` transaction after sweeping lapsed
    /// holds, then settles the waitlist (a seat `f` or the sweep freed is
    /// offered to the first in line, in this transaction); commits only if
    /// `f` succeeds, so a refusal changes nothing.
    /// Inside a [`Store::batch`] it runs in a savepoint of the batch instead:
    /// a refusal undoes only this write, and nothing is durable before the
    /// batch commits.
    pub(super) fn write<T>(
        &mut self,
        now: DateTime<Utc>,
        f: impl FnOnce(&Db) -> Result<T>,
    ) -> Result<T> {
        self.transact(|tx| {
            sweep(tx, now)?;
            let out = f(tx)?;
            super::waitlist::offers::settle(tx, now)?;
            Ok(out)
        })
    }

    /// Runs `f`, a sequence of this store's own calls, as ONE `BEGIN
    /// IMMEDIATE` transaction: every write inside runs in a savepoint of it
    /// (a refused write undoes only itself, so `f` may skip it and go on),
    /// and the whole is committed only when `f` returns `Ok`. When `f` or
    /// the commit fails, nothing `f` wrote is kept (a fault part-way, such as
    /// a full disk, leaves the database as it was). A batch inside a batch
    /// is a savepoint of the outer one.
    /// Errors: whatever `f` returns, or a database fault beginning or
    /// committing (in the file's or the server's words: unreachable,
    /// locked, full, …).
    pub fn batch<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.batch_on(f).map_err(|e| e.on_file(&self.shown_path()))
    }

    /// [`Store::batch`], its faults in the engine's words.
    fn batch_on<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.check_file()?;
        let outer = self.conn.is_autocommit();
        if outer {
            self.conn.begin_write()?;
        } else {
            self.conn.execute_batch("SAVEPOINT batch")?;
        }
        let out = f(self).and_then(|out| {
            self.check_file()?;
            if outer {
                self.conn.commit()?;
            } else {
                self.conn.execute_batch("RELEASE batch")?;
            }
            Ok(out)
        });
        if out.is_err() {
            self.undo_batch(outer);
        }
        out
    }

    /// Rolls back what a failed [`Store::batch`] began. SQLite may already
    /// have rolled back on its own (a full disk, an I/O error), so a failure
    /// here changes nothing the caller can act on and the batch's own error
    /// is the one reported.
    fn undo_batch(&mut self, outer: bool) {
        if !self.conn.is_autocommit() {
            let _ = if outer {
                self.conn.rollback()
            } else {
                self.conn.execute_batch("ROLLBACK TO batch; RELEASE batch")
            };
        }
        // A count remembered inside the batch counted rows that are gone.
        *self.count_cache.borrow_mut() = None;
    }
}

/// Where one write runs: its own write transaction ([`Db::begin_write`]),
/// or a savepoint when a [`Store::batch`] is open. Dropped without
/// [`Scope::commit`], it rolls back.
pub(super) struct Scope<'c> {
    db: &'c mut Db,
    /// A savepoint of an open batch, not a transaction of its own.
    nested: bool,
    done: bool,
}

/// The savepoint a write inside a batch runs in.
const WRITE_SAVEPOINT: &str = "write";

impl<'c> Scope<'c> {
    /// Begins the write's transaction, or its savepoint inside a batch.
    pub(super) fn begin(db: &'c mut Db) -> Result<Self> {
        let nested = !db.is_autocommit();
        if nested {
            db.execute_batch(&format!("SAVEPOINT {WRITE_SAVEPOINT}"))?;
        } else {
            db.begin_write()?;
        }
        Ok(Self {
            db,
            nested,
            done: false,
        })
    }

    /// Commits the transaction, or releases the savepoint into the batch.
    /// A commit that fails leaves nothing open: what is left is rolled
    /// back as the scope drops.
    pub(super) fn commit(mut self) -> Result<()> {
        if self.nested {
            self.db
                .execute_batch(&format!("RELEASE {WRITE_SAVEPOINT}"))?;
        } else {
            self.db.commit()?;
        }
        self.done = true;
        Ok(())
    }
}

impl Drop for Scope<'_> {
    fn drop(&mut self) {
        if self.done || self.db.is_autocommit() {
            return;
        }
        let _ = if self.nested {
            self.db.execute_batch(&format!(
                "ROLLBACK TO {WRITE_SAVEPOINT}; RELEASE {WRITE_SAVEPOINT}"
            ))
        } else {
            self.db.rollback()
        };
    }
}

impl Deref for Scope<'_> {
    type Target = Db;

    fn deref(&self) -> &Db {
        self.db
    }
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

/// The booking `id` as the writes see it. Errors: `booking not found`.
pub(super) fn current(conn: &Db, id: BookingId) -> Result<Current> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, status, service_id, customer_id, participants, time_slot_id, date, hold_expires_at
         FROM bookings WHERE id = ?1",
    )?;
    stmt.query_row([id.0], |r| {
        Ok(Current {
            id: BookingId(r.get(0)?),
            status: parsed(r, 1)?,
            service_id: ServiceId(r.get(2)?),
            customer_id: r.get::<Option<i64>>(3)?.map(CustomerId),
            participants: r.get(4)?,
            slot: SlotRef {
                time_slot_id: TimeSlotId(r.get(5)?),
                date: date_col(r, 6)?,
            },
            hold_expires_at: r.get::<Option<i64>>(7)?.map(instant),
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

/// Loads the booking after a change and records `kind` with it as payload.
pub(super) fn finish(
    conn: &Db,
    id: BookingId,
    kind: EventKind,
    now: DateTime<Utc>,
) -> Result<Booking> {
    finish_typed(conn, id, kind, None, now)
}

/// [`finish`] for a change that named its customer by typing: the payload
/// keeps `customer_as_typed` beside the booking.
pub(super) fn finish_typed(
    conn: &Db,
    id: BookingId,
    kind: EventKind,
    customer_as_typed: Option<&CustomerInput>,
    now: DateTime<Utc>,
) -> Result<Booking> {
    let booking = load_booking(conn, id)?;
    let data = EventData::booking_change(booking.clone(), customer_as_typed.cloned());
    record(conn, now, kind, &data)?;
    Ok(booking)
}

/// [`finish`] for a change made for a stated reason: the payload keeps
/// `note` beside the booking.
pub(super) fn finish_noted(
    conn: &Db,
    id: BookingId,
    kind: EventKind,
    note: &str,
    now: DateTime<Utc>,
) -> Result<Booking> {
    let booking = load_booking(conn, id)?;
    let mut data = EventData::booking_change(booking.clone(), None);
    if let EventData::Booking(change) = &mut data {
        change.note = Some(note.to_owned());
    }
    record(conn, now, kind, &data)?;
    Ok(booking)
}

/// Marks every hold that lapsed by `now` `expired`, with a `booking.expired`
/// event each (the holds-lapse rule's sweep). Runs at the start of every write transaction.
pub(super) fn sweep(conn: &Db, now: DateTime<Utc>) -> Result<Vec<BookingId>> {
    let ids: Vec<BookingId> = conn
        .prepare_cached("SELECT id FROM bookings WHERE status = 'held' AND hold_expires_at <= ?1")?
        .query_map([ts(now)], |r| Ok(BookingId(r.get(0)?)))?
        .collect::<db::Result<_>>()?;
    for id in &ids {
        conn.prepare_cached(
            "UPDATE bookings SET status = 'expired', updated_at = ?2 WHERE id = ?1",
        )?
        .execute(params![id.0, ts(now)])?;
        finish(conn, *id, Transition::Expire.event_kind(), now)?;
    }
    Ok(ids)
}
