//! Customers: found or created when a booking names one, read and edited
//! (ReserveKit `/bookings/{id}/customer`), each change with its event.

use super::Store;
use super::catalog::location;
use super::codec::ts;
use super::error::Result;
use super::events::record;
use super::queries::customer_columns;
use crate::domain::customer::{CustomerDetails, normalize_email, normalize_phone, validate_name};
use crate::domain::{
    BookingError, CustomerId, CustomerPatch, CustomerSummary, EventData, EventKind,
};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

const CUSTOMER_SELECT: &str =
    "SELECT id, first_name, last_name, email, phone, created_at, updated_at FROM customers";

pub(super) fn load_customer(conn: &Connection, id: CustomerId) -> Result<CustomerSummary> {
    let mut stmt = conn.prepare_cached(&format!("{CUSTOMER_SELECT} WHERE id = ?1"))?;
    stmt.query_row([id.0], |r| customer_columns(r, 0, r.get(0)?))
        .optional()?
        .ok_or_else(|| BookingError::CustomerNotFound.into())
}

/// The existing customer with the same email (any case), else the same phone,
/// else a new one. Fills in a missing email or phone on an existing customer.
/// Records `customer.created` / `customer.updated`.
pub(super) fn find_or_create(
    conn: &Connection,
    d: &CustomerDetails,
    now: DateTime<Utc>,
) -> Result<CustomerId> {
    let by_email = match &d.email {
        Some(e) => conn
            .prepare_cached(
                "SELECT id FROM customers WHERE email = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
            )?
            .query_row([e], |r| r.get::<_, i64>(0))
            .optional()?,
        None => None,
    };
    let by_phone = match (&d.phone, by_email) {
        (Some(p), None) => conn
            .prepare_cached("SELECT id FROM customers WHERE phone = ?1 ORDER BY id LIMIT 1")?
            .query_row([p], |r| r.get::<_, i64>(0))
            .optional()?,
        _ => None,
    };
    if let Some(id) = by_email.or(by_phone) {
        let n = conn.execute(
            "UPDATE customers SET email = coalesce(email, ?2), phone = coalesce(phone, ?3), updated_at = ?4
             WHERE id = ?1 AND ((email IS NULL AND ?2 IS NOT NULL) OR (phone IS NULL AND ?3 IS NOT NULL))",
            params![id, d.email, d.phone, ts(now)],
        )?;
        if n > 0 {
            customer_event(conn, CustomerId(id), EventKind::CustomerUpdated, now)?;
        }
        return Ok(CustomerId(id));
    }
    conn.prepare_cached(
        "INSERT INTO customers (first_name, last_name, email, phone, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![
        d.first_name,
        d.last_name,
        d.email,
        d.phone,
        ts(now)
    ])?;
    let id = CustomerId(conn.last_insert_rowid());
    customer_event(conn, id, EventKind::CustomerCreated, now)?;
    Ok(id)
}

fn customer_event(
    conn: &Connection,
    id: CustomerId,
    kind: EventKind,
    now: DateTime<Utc>,
) -> Result<CustomerSummary> {
    let customer = load_customer(conn, id)?;
    record(conn, now, kind, &EventData::Customer(customer.clone()))?;
    Ok(customer)
}

impl Store {
    /// The customer with `id`. Errors: `customer not found`.
    pub fn customer(&self, id: CustomerId) -> Result<CustomerSummary> {
        load_customer(&self.conn, id)
    }

    /// Every customer, by last then first name (the desk's search list).
    pub fn customers(&self) -> Result<Vec<CustomerSummary>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{CUSTOMER_SELECT} ORDER BY last_name, first_name, id"
        ))?;
        let rows = stmt.query_map([], |r| customer_columns(r, 0, r.get(0)?))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Applies `patch` to customer `id`, validating every given field, and
    /// records `customer.updated` when something changed.
    /// Errors: `customer not found`, invalid name, email or phone.
    pub fn edit_customer(
        &mut self,
        id: CustomerId,
        patch: &CustomerPatch,
        now: DateTime<Utc>,
    ) -> Result<CustomerSummary> {
        self.write(now, |conn| {
            let region = location(conn)?.phone_region;
            let current = load_customer(conn, id)?;
            let first = patch.first_name.as_deref().map(|v| validate_name("first name", v)).transpose()?;
            let last = patch.last_name.as_deref().map(|v| validate_name("last name", v)).transpose()?;
            let email = patch.email.as_deref().map(|v| {
                let v = v.trim();
                if v.is_empty() { Ok(None) } else { normalize_email(v).map(Some) }
            }).transpose()?;
            let phone = patch.phone.as_deref().map(|v| {
                let v = v.trim();
                if v.is_empty() { Ok(None) } else { normalize_phone(v, &region).map(Some) }
            }).transpose()?;
            let next = CustomerSummary {
                first_name: first.unwrap_or(current.first_name.clone()),
                last_name: last.unwrap_or(current.last_name.clone()),
                email: email.unwrap_or(current.email.clone()),
                phone: phone.unwrap_or(current.phone.clone()),
                ..current.clone()
            };
            if (&next.first_name, &next.last_name, &next.email, &next.phone)
                == (&current.first_name, &current.last_name, &current.email, &current.phone)
            {
                return Ok(current);
            }
            conn.execute(
                "UPDATE customers SET first_name = ?2, last_name = ?3, email = ?4, phone = ?5, updated_at = ?6
                 WHERE id = ?1",
                params![id.0, next.first_name, next.last_name, next.email, next.phone, ts(now)],
            )?;
            customer_event(conn, id, EventKind::CustomerUpdated, now)
        })
    }
}
