//! The append-only event log: one row per change, written in the change's own
//! transaction (ReserveKit/Boseat webhooks: `booking.created`, …).

use super::Store;
use super::codec::{instant, ts};
use super::error::Result;
use crate::domain::{BookingId, CustomerId, EventId};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;

/// One recorded change. `data` is the booking (or customer) as it stood
/// after the change; for `booking.deleted`, as it stood before.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Increasing id.
    pub id: EventId,
    /// When, UTC.
    pub at: DateTime<Utc>,
    /// `booking.created`, `booking.confirmed`, `customer.updated`, …
    pub kind: String,
    /// The booking concerned, if any.
    pub booking_id: Option<BookingId>,
    /// The customer concerned, if any.
    pub customer_id: Option<CustomerId>,
    /// The object after the change.
    pub data: serde_json::Value,
}

/// Appends an event inside the caller's transaction.
pub(super) fn record(
    conn: &Connection,
    now: DateTime<Utc>,
    kind: &str,
    booking_id: Option<BookingId>,
    customer_id: Option<CustomerId>,
    data: &serde_json::Value,
) -> Result<EventId> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO events (at, kind, booking_id, customer_id, data) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    stmt.execute(params![
        ts(now),
        kind,
        booking_id.map(|b| b.0),
        customer_id.map(|c| c.0),
        data.to_string()
    ])?;
    Ok(EventId(conn.last_insert_rowid()))
}

fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Event> {
    let data: String = r.get(5)?;
    Ok(Event {
        id: EventId(r.get(0)?),
        at: instant(r.get(1)?),
        kind: r.get(2)?,
        booking_id: r.get::<_, Option<i64>>(3)?.map(BookingId),
        customer_id: r.get::<_, Option<i64>>(4)?.map(CustomerId),
        data: serde_json::from_str(&data).unwrap_or(serde_json::Value::Null),
    })
}

const EVENT_COLUMNS: &str = "SELECT id, at, kind, booking_id, customer_id, data FROM events";

impl Store {
    /// Events after `since` (all when `None`), oldest first, at most `limit`.
    pub fn events(&self, since: Option<EventId>, limit: usize) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{EVENT_COLUMNS} WHERE id > ?1 ORDER BY id LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![since.map_or(0, |e| e.0), limit as i64], event_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest `limit` events, newest first (the Activity screen).
    pub fn latest_events(&self, limit: usize) -> Result<Vec<Event>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{EVENT_COLUMNS} ORDER BY id DESC LIMIT ?1"))?;
        let rows = stmt.query_map([limit as i64], event_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every event of one booking, oldest first (its history).
    pub fn booking_events(&self, booking: BookingId) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{EVENT_COLUMNS} WHERE booking_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([booking.0], event_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
