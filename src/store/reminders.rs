//! Reminders: the bookings due one at `now` and marking one sent (seed:
//! Wix Bookings' SMS reminder before a session). The window is elapsed
//! hours in UTC, so on a day the clocks change a 24-hour reminder for 10:00
//! is due at 11:00 or 09:00 local the day before.

use super::Store;
use super::codec::{instant, parsed, ts};
use super::error::Result;
use super::transaction::finish;
use crate::domain::{
    Booking, BookingError, BookingId, BookingStatus, EventKind, Reminder, ResourceId, ServiceId,
};
use crate::store::db::{self, Db, Optional};
use chrono::{DateTime, Utc};

/// The bookings due a reminder at `now`, soonest first (the scan reads the
/// `bookings_reminders` index from now to the longest window).
pub(super) const DUE_SQL: &str = "SELECT b.id, b.status, b.starts_at, b.service_id, s.name,
        b.resource_id, r.name, c.first_name, c.last_name, c.phone, c.email, b.notify,
        b.participants, b.ends_at
    FROM bookings b INDEXED BY bookings_reminders
    JOIN services s ON s.id = b.service_id
    JOIN resources r ON r.id = b.resource_id
    JOIN customers c ON c.id = b.customer_id
    WHERE b.status IN ('pending', 'confirmed')
      AND b.starts_at > ?1
      AND b.starts_at <= ?1 + 3600 * (SELECT MAX(reminder_hours) FROM services)
      AND s.reminder_hours > 0
      AND b.starts_at <= ?1 + 3600 * s.reminder_hours
      AND b.reminded_for IS DISTINCT FROM b.starts_at
    ORDER BY b.starts_at, b.id";

fn reminder_row(r: &db::Row<'_>) -> db::Result<Reminder> {
    let first: String = r.get(7)?;
    let last: String = r.get(8)?;
    Ok(Reminder {
        booking_id: BookingId(r.get(0)?),
        status: parsed(r, 1)?,
        from: instant(r.get(2)?),
        to: instant(r.get(13)?),
        service_id: ServiceId(r.get(3)?),
        service_name: r.get(4)?,
        resource_id: ResourceId(r.get(5)?),
        resource_name: r.get(6)?,
        customer_name: format!("{first} {last}").trim_end().to_owned(),
        phone: r.get(9)?,
        email: r.get(10)?,
        notify: r.get(11)?,
        participants: r.get(12)?,
    })
}

fn due(conn: &Db, now: DateTime<Utc>) -> Result<Vec<Reminder>> {
    Ok(conn
        .prepare_cached(DUE_SQL)?
        .query_map([ts(now)], reminder_row)?
        .collect::<db::Result<_>>()?)
}

impl Store {
    /// The bookings due a reminder at `now` (UTC): confirmed or pending,
    /// starting after `now` and at most their service's `reminder_hours`
    /// after it (a service with 0 never reminds), and not yet marked sent
    /// for their current start. Soonest first.
    pub fn reminders_due(&self, now: DateTime<Utc>) -> Result<Vec<Reminder>> {
        due(&self.conn, now)
    }

    /// Marks the reminder of booking `id` sent for its current start, with a
    /// `booking.reminder_sent` event in the same transaction; returns the
    /// booking. It may be marked before its window opens. Moved to another
    /// time afterwards, it is due again.
    /// Errors: `booking not found`; not allowed when it is not confirmed or
    /// pending, has already started, or was already marked sent for this
    /// start.
    pub fn mark_reminder_sent(&mut self, id: BookingId, now: DateTime<Utc>) -> Result<Booking> {
        self.write(now, |conn| {
            let row: Option<(String, i64, Option<i64>)> = conn
                .prepare_cached(
                    "SELECT status, starts_at, reminded_for FROM bookings WHERE id = ?1",
                )?
                .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            let (status, starts, reminded) = row.ok_or(BookingError::BookingNotFound)?;
            let live = matches!(
                status.parse::<BookingStatus>(),
                Ok(BookingStatus::Confirmed | BookingStatus::Pending)
            );
            if !live {
                return Err(BookingError::NotAllowed(format!(
                    "booking #{} is {status}: only a confirmed or pending booking is reminded",
                    id.0
                ))
                .into());
            }
            if starts <= ts(now) {
                return Err(BookingError::NotAllowed(format!(
                    "booking #{} has already started: a reminder is too late",
                    id.0
                ))
                .into());
            }
            if reminded == Some(starts) {
                return Err(BookingError::NotAllowed(format!(
                    "the reminder for booking #{} was already marked sent",
                    id.0
                ))
                .into());
            }
            conn.prepare_cached("UPDATE bookings SET reminded_for = starts_at WHERE id = ?1")?
                .execute([id.0])?;
            finish(conn, id, EventKind::BookingReminderSent, now)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_due_list_reads_the_reminders_index() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        super::super::migrations::migrate(&mut conn).unwrap();
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {DUE_SQL}"))
            .unwrap()
            .query_map(rusqlite::params![0_i64], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let all = plan.join("\n");
        assert!(all.contains("bookings_reminders"), "{all}");
        assert!(all.contains("starts_at>? AND starts_at<?"), "{all}");
        assert!(!all.contains("SCAN b"), "{all}");
    }
}
