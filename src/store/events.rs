//! The append-only journal: one row per change, written in the change's own
//! transaction, its payload written by [`EventData::to_json`].

use super::Store;
use super::codec::{instant, parsed, parsed_opt, ts};
use super::error::{Result, StoreError};
use crate::domain::journal::{Subject, changes};
use crate::domain::text;
use crate::domain::{
    Actor, BookingId, CustomerId, Event, EventData, EventFilter, EventId, EventKind,
};
use crate::store::db::{self, Db, Engine, Optional, Value, params};
use chrono::{DateTime, Utc};

/// Makes the connection's actor table: who the events this connection
/// writes are by (one row; `Store::act_as` sets it). A temporary table
/// belongs to this connection alone, so two desks on one file never mix up
/// who did what.
pub(super) fn prepare_actor(conn: &Db) -> Result<()> {
    conn.session(
        "actor_table",
        "CREATE TEMP TABLE IF NOT EXISTS actor (
             one    BIGINT PRIMARY KEY CHECK (one = 1),
             origin TEXT,
             staff  TEXT
         );
         INSERT INTO actor (one) VALUES (1) ON CONFLICT DO NOTHING;"
            .to_owned(),
    )?;
    Ok(())
}

/// `text` as an SQL string literal (`'` doubled).
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The payload `data`'s subject had before this change: the payload of its
/// last event (every change of a booking or customer writes one).
/// A customer's last event of their own. `+booking_id`: found through
/// `events_customer`; through `events_booking` it walked every event with
/// no booking.
pub(super) const CUSTOMER_LAST: &str =
    "SELECT data FROM events WHERE customer_id = ?1 AND +booking_id IS NULL
     ORDER BY id DESC LIMIT 1";

fn before(conn: &Db, kind: EventKind, data: &EventData) -> Result<Option<String>> {
    let last = match (kind.subject(), data.booking_id(), data) {
        (Subject::Booking, Some(id), _) => conn
            .prepare_cached(
                "SELECT data FROM events WHERE booking_id = ?1 ORDER BY id DESC LIMIT 1",
            )?
            .query_row([id.0], |r| r.get(0))
            .optional()?,
        (Subject::Customer, _, EventData::Customer(c)) => conn
            .prepare_cached(CUSTOMER_LAST)?
            .query_row([c.id.0], |r| r.get(0))
            .optional()?,
        _ => None,
    };
    Ok(last)
}

/// Appends an event inside the caller's transaction: its booking and
/// customer from the payload, its origin and staff from the connection's
/// actor, and what changed since the subject's last event.
pub(super) fn record(
    conn: &Db,
    now: DateTime<Utc>,
    kind: EventKind,
    data: &EventData,
) -> Result<EventId> {
    let text = data
        .to_json()
        .map_err(|e| StoreError::Schema(format!("cannot write the {kind} event: {e}")))?;
    // A subject's first event has nothing before it (ids are never reused):
    // no need to look.
    let first = matches!(kind, EventKind::BookingCreated | EventKind::CustomerCreated);
    let changed = match if first {
        None
    } else {
        before(conn, kind, data)?
    } {
        Some(old) => {
            let old: serde_json::Value = serde_json::from_str(&old).unwrap_or_default();
            let new: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
            changes(&old, &new)
        }
        None => Vec::new(),
    };
    let changed = (!changed.is_empty())
        .then(|| serde_json::to_string(&changed))
        .transpose()
        .map_err(|e| StoreError::Schema(format!("cannot write the {kind} event: {e}")))?;
    let new_id: i64 = conn
        .prepare_cached(
            "INSERT INTO events (at, kind, booking_id, customer_id, data, origin, staff, changes)
         VALUES (?1, ?2, ?3, ?4, ?5, (SELECT origin FROM actor),
                 (SELECT staff FROM actor), ?6) RETURNING id",
        )?
        .query_row(
            params![
                ts(now),
                kind.as_str(),
                data.booking_id().map(|b| b.0),
                data.customer_id().map(|c| c.0),
                text,
                changed
            ],
            |r| r.get(0),
        )?;
    Ok(EventId(new_id))
}

pub(super) fn event_row(r: &db::Row<'_>) -> db::Result<Event> {
    let kind: EventKind = parsed(r, 2)?;
    let text: String = r.get(5)?;
    let data = EventData::from_json(kind, &text);
    let changes = r
        .get::<Option<String>>(8)?
        .and_then(|c| serde_json::from_str(&c).ok())
        .unwrap_or_default();
    Ok(Event {
        id: EventId(r.get(0)?),
        at: instant(r.get(1)?),
        kind,
        booking_id: r.get::<Option<i64>>(3)?.map(BookingId),
        customer_id: r.get::<Option<i64>>(4)?.map(CustomerId),
        data,
        origin: parsed_opt(r, 6)?,
        staff: r.get(7)?,
        changes,
    })
}

pub(super) const EVENT_COLUMNS: &str =
    "SELECT id, at, kind, booking_id, customer_id, data, origin, staff, changes FROM events";

impl Store {
    /// Signs what this store writes from now on: every event records
    /// `actor`'s origin and staff member.
    pub fn act_as(&mut self, actor: &Actor) -> Result<()> {
        match self.conn.engine() {
            Engine::Sqlite => {
                self.conn.execute(
                    "UPDATE actor SET origin = ?1, staff = ?2",
                    params![actor.origin.as_str(), actor.staff],
                )?;
            }
            // A session setting, so a new connection is the same actor's.
            Engine::Postgres => self.conn.session(
                "actor",
                format!(
                    "UPDATE actor SET origin = {}, staff = {}",
                    literal(actor.origin.as_str()),
                    actor.staff.as_deref().map_or("NULL".to_owned(), literal)
                ),
            )?,
        }
        Ok(())
    }

    /// Events after `since` (all when `None`) that `filter` keeps, oldest
    /// first, at most `limit` (the CLI's `events`).
    pub fn events(
        &self,
        since: Option<EventId>,
        filter: &EventFilter,
        limit: usize,
    ) -> Result<Vec<Event>> {
        self.filtered_events(since, filter, false, limit)
    }

    /// The newest `limit` events that `filter` keeps, newest first (the
    /// Activity screen).
    pub fn latest_events(&self, filter: &EventFilter, limit: usize) -> Result<Vec<Event>> {
        self.filtered_events(None, filter, true, limit)
    }

    fn filtered_events(
        &self,
        since: Option<EventId>,
        filter: &EventFilter,
        newest_first: bool,
        limit: usize,
    ) -> Result<Vec<Event>> {
        // Only the conditions asked for, so each can use its index.
        let mut conditions = vec!["id > ?1".to_owned()];
        let mut values = vec![Value::Integer(since.map_or(0, |e| e.0))];
        let mut push = |column: &str, value: Value| {
            values.push(value);
            conditions.push(format!("{column} = ?{}", values.len()));
        };
        if let Some(booking) = filter.booking {
            push("booking_id", Value::Integer(booking.0));
        }
        if let Some(customer) = filter.customer {
            push("customer_id", Value::Integer(customer.0));
        }
        if let Some(staff) = &filter.staff {
            // The member's own changes and those they approved or had
            // approved at a clerk's desk ("Morgan Lead for Dana Reception").
            let name = staff.trim();
            if name.chars().count() > text::STAFF_NAME.max {
                // No member has a longer name (and SQLite refuses a LIKE
                // pattern over 50,000 bytes): no event matches.
                conditions.push("1 = 0".to_owned());
            } else {
                let like = name
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_");
                values.push(Value::Text(name.to_owned()));
                let exact = values.len();
                values.push(Value::Text(format!("{like} for %")));
                values.push(Value::Text(format!("% for {like}")));
                conditions.push(format!(
                    "(staff = ?{exact} COLLATE NOCASE OR staff LIKE ?{} ESCAPE '\\' \
                     OR staff LIKE ?{} ESCAPE '\\')",
                    exact + 1,
                    exact + 2
                ));
            }
        }
        values.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        let mut stmt = self.conn.prepare_cached(&format!(
            "{EVENT_COLUMNS} WHERE {} ORDER BY id {} LIMIT ?{}",
            conditions.join(" AND "),
            if newest_first { "DESC" } else { "ASC" },
            values.len()
        ))?;
        let rows = stmt.query_map(crate::store::db::from_iter(values.iter()), event_row)?;
        Ok(rows.collect::<db::Result<_>>()?)
    }

    /// The id of the booking's latest event, if it has any.
    pub fn latest_booking_event(&self, booking: BookingId) -> Result<Option<EventId>> {
        let id: Option<i64> = self
            .conn
            .prepare_cached("SELECT max(id) FROM events WHERE booking_id = ?1")?
            .query_row([booking.0], |r| r.get(0))?;
        Ok(id.map(EventId))
    }

    /// Every event of one booking, oldest first (its history).
    pub fn booking_events(&self, booking: BookingId) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{EVENT_COLUMNS} WHERE booking_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([booking.0], event_row)?;
        Ok(rows.collect::<db::Result<_>>()?)
    }
}
