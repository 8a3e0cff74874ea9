//! Takings read from the journal: a local day's `booking.paid`,
//! `booking.refunded` and voided payments (`booking.undone` of a payment),
//! and the manager's sign-off, `takings.signed_off`, written with its totals.

use super::Store;
use super::catalog::location;
use super::codec::{day, instant, ts};
use super::error::Result;
use super::events::record;
use crate::domain::schedule::local_day_bounds;
use crate::domain::takings::TakingsSigned;
use crate::domain::{
    BookingError, BookingId, Change, CurrencyTotal, EventData, EventId, EventKind, MoneyMove,
    Payment, PaymentStatus, Role, SignOff, Takings, TakingsEntry,
};
use crate::store::db::{Db, Optional, params};
use chrono::{DateTime, NaiveDate, Utc};

/// The kinds the `events_money` index holds; the same words in every query
/// here, so SQLite uses the index.
const MONEY_KINDS: &str =
    "kind IN ('booking.paid', 'booking.refunded', 'booking.undone', 'takings.signed_off')";

impl Store {
    /// The takings of the local day `date` (the location's zone decides the
    /// day's first and last instant): payments add, refunds and voided
    /// payments subtract, by method and per currency, with the day's latest
    /// sign-off. Errors: `NoCatalog` before a catalog is applied.
    pub fn takings(&self, date: NaiveDate) -> Result<Takings> {
        takings(&self.conn, date)
    }

    /// Signs off the takings of `date` (a manager's cash-up), recording
    /// `takings.signed_off` with the totals as they stand; returns the
    /// takings with the new sign-off.
    /// Errors: `only a manager may sign off the takings`; a day that has not
    /// begun at the location; a day already signed off for these same
    /// totals (a sign-off after money moved again is allowed).
    pub fn sign_off_takings(
        &mut self,
        date: NaiveDate,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<Takings> {
        self.sign_off_takings_seen(date, None, role, now)
    }

    /// [`Store::sign_off_takings`] for totals the manager was shown
    /// (`seen`, per currency): refused, with nothing recorded, when money
    /// moved since (another desk took a payment while the PIN was typed).
    /// Errors: those of [`Store::sign_off_takings`]; `money moved since`.
    pub fn sign_off_takings_seen(
        &mut self,
        date: NaiveDate,
        seen: Option<&[CurrencyTotal]>,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<Takings> {
        if role != Role::Manager {
            return Err(BookingError::ManagerOnly("sign off the takings").into());
        }
        self.write(now, |conn| {
            let tz = location(conn)?.time_zone;
            if local_day_bounds(date, tz).0 > now {
                return Err(BookingError::NotAllowed(format!(
                    "cannot sign off the takings of {date}: the day has not begun"
                ))
                .into());
            }
            let mut takings = takings(conn, date)?;
            if seen.is_some_and(|seen| seen != takings.totals.as_slice()) {
                return Err(BookingError::NotAllowed(format!(
                    "money moved since the cash-up of {date} was opened: look at the takings again and sign off what is there"
                ))
                .into());
            }
            if let Some(s) = takings
                .signed_off
                .as_ref()
                .filter(|_| takings.signed_off_as_it_stands())
            {
                let by = s
                    .staff
                    .as_deref()
                    .map_or_else(String::new, |n| format!(" by {n}"));
                return Err(BookingError::NotAllowed(format!(
                    "the takings of {date} are already signed off{by} (event {}) for these totals",
                    s.event_id
                ))
                .into());
            }
            let signed = takings.to_signed();
            let event_id = record(
                conn,
                now,
                EventKind::TakingsSignedOff,
                &EventData::Takings(signed),
            )?;
            takings.signed_off = sign_off(conn, date)?.filter(|s| s.event_id == event_id);
            Ok(takings)
        })
    }
}

/// The day's takings on `conn`.
pub(super) fn takings(conn: &Db, date: NaiveDate) -> Result<Takings> {
    let tz = location(conn)?.time_zone;
    let (start, end) = local_day_bounds(date, tz);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, at, kind, booking_id, data, changes, staff FROM events
         WHERE {MONEY_KINDS} AND kind <> 'takings.signed_off' AND at >= ?1 AND at < ?2"
    ))?;
    let rows = stmt.query_map(params![ts(start), ts(end)], |r| {
        Ok(Row {
            id: EventId(r.get(0)?),
            at: instant(r.get(1)?),
            kind: r.get(2)?,
            booking: r.get::<Option<i64>>(3)?.map(BookingId),
            data: r.get(4)?,
            changes: r.get(5)?,
            staff: r.get(6)?,
        })
    })?;
    let mut entries = Vec::new();
    for row in rows {
        entries.extend(row?.entry());
    }
    Ok(Takings::from_entries(date, entries, sign_off(conn, date)?))
}

/// The latest sign-off of `date`, if any.
fn sign_off(conn: &Db, date: NaiveDate) -> Result<Option<SignOff>> {
    let found: Option<(i64, i64, Option<String>, String)> = conn
        .prepare_cached(&format!(
            "SELECT id, at, staff, data FROM events
             WHERE {MONEY_KINDS} AND kind = 'takings.signed_off'
               AND json_extract(data, '$.date') = ?1
             ORDER BY id DESC LIMIT 1"
        ))?
        .query_row([day(date)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    Ok(found.and_then(|(id, at, staff, data)| {
        let signed: TakingsSigned = serde_json::from_str(&data).ok()?;
        Some(SignOff {
            event_id: EventId(id),
            at: instant(at),
            staff,
            totals: signed.totals,
        })
    }))
}

/// One money event as stored.
struct Row {
    id: EventId,
    at: DateTime<Utc>,
    kind: String,
    booking: Option<BookingId>,
    data: String,
    changes: Option<String>,
    staff: Option<String>,
}

impl Row {
    /// What it did to the till: a payment or a refund by its payload's
    /// payment, a void when an undo took a payment back to unpaid; `None`
    /// for an undo of anything else or a payload too old to read.
    fn entry(self) -> Option<TakingsEntry> {
        let kind: EventKind = self.kind.parse().ok()?;
        let (kind, payment) = match kind {
            EventKind::BookingPaid | EventKind::BookingRefunded => {
                let data = EventData::from_json(kind, &self.data);
                let payment = data.booking()?.payment.clone();
                let moved = if kind == EventKind::BookingPaid {
                    MoneyMove::Payment
                } else {
                    MoneyMove::Refund
                };
                (moved, payment)
            }
            EventKind::BookingUndone => {
                let changes: Vec<Change> = serde_json::from_str(self.changes.as_deref()?).ok()?;
                let change = changes.into_iter().find(|c| c.field == "payment")?;
                let before: Payment = serde_json::from_value(change.before).ok()?;
                let after: Payment = serde_json::from_value(change.after).ok()?;
                if before.status != PaymentStatus::Paid || after.status != PaymentStatus::Unpaid {
                    return None;
                }
                (MoneyMove::Voided, before)
            }
            _ => return None,
        };
        Some(TakingsEntry {
            event_id: self.id,
            at: self.at,
            booking_id: self.booking?,
            kind,
            method: payment.method?,
            currency: payment.currency,
            amount: payment.amount?,
            staff: self.staff,
        })
    }
}
