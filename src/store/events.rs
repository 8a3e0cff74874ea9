//! The append-only journal: one row per change, written in the change's own
//! transaction, its payload written by [`EventData::to_json`].

use super::Store;
use super::codec::{instant, parsed, ts};
use super::error::{Result, StoreError};
use crate::domain::{BookingId, CustomerId, Event, EventData, EventId, EventKind};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

/// Appends an event inside the caller's transaction; its booking and
/// customer come from the payload.
pub(super) fn record(
    conn: &Connection,
    now: DateTime<Utc>,
    kind: EventKind,
    data: &EventData,
) -> Result<EventId> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO events (at, kind, booking_id, customer_id, data) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let text = data
        .to_json()
        .map_err(|e| StoreError::Schema(format!("cannot write the {kind} event: {e}")))?;
    stmt.execute(params![
        ts(now),
        kind.as_str(),
        data.booking_id().map(|b| b.0),
        data.customer_id().map(|c| c.0),
        text
    ])?;
    Ok(EventId(conn.last_insert_rowid()))
}

fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Event> {
    let kind: EventKind = parsed(r, 2)?;
    let text: String = r.get(5)?;
    let data = EventData::from_json(kind, &text);
    Ok(Event {
        id: EventId(r.get(0)?),
        at: instant(r.get(1)?),
        kind,
        booking_id: r.get::<_, Option<i64>>(3)?.map(BookingId),
        customer_id: r.get::<_, Option<i64>>(4)?.map(CustomerId),
        data,
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
