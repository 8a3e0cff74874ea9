//! Customers: who a booking is for (picked, the same person by the identity
//! rule, or new), read and edited (ReserveKit `/bookings/{id}/customer`),
//! each change with its event.

use super::Store;
use super::catalog::location;
use super::codec::ts;
use super::error::Result;
use super::events::record;
use super::queries::customer_columns;
use crate::domain::customer::{
    CustomerDetails, normalize_email, normalize_phone, same_person, validate_customer,
    validate_name,
};
use crate::domain::{
    BookingError, BookingFor, CustomerId, CustomerPatch, CustomerSummary, EventData, EventKind,
};
use crate::store::db::{self, Db, Optional, params};
use chrono::{DateTime, Utc};

pub(super) const CUSTOMER_SELECT: &str =
    "SELECT id, first_name, last_name, email, phone, created_at, updated_at FROM customers";

pub(super) fn load_customer(conn: &Db, id: CustomerId) -> Result<CustomerSummary> {
    let mut stmt = conn.prepare_cached(&format!("{CUSTOMER_SELECT} WHERE id = ?1"))?;
    stmt.query_row([id.0], |r| customer_columns(r, 0, r.get(0)?))
        .optional()?
        .ok_or_else(|| BookingError::CustomerNotFound.into())
}

/// What a request names, validated: a customer picked by id (as stored),
/// or a person's typed details.
pub(super) enum Named {
    Picked(CustomerSummary),
    Typed(CustomerDetails),
}

impl Named {
    /// The contact a confirmation checks: as stored, or as typed.
    pub(super) fn details(&self) -> CustomerDetails {
        match self {
            Self::Picked(c) => CustomerDetails {
                first_name: c.first_name.clone(),
                last_name: c.last_name.clone(),
                email: c.email.clone(),
                phone: c.phone.clone(),
            },
            Self::Typed(d) => d.clone(),
        }
    }
}

/// Reads what `who` names, typed details checked with the location's
/// `region`. Errors: `customer not found`; an invalid name, email or phone.
pub(super) fn named(conn: &Db, who: &BookingFor, region: &str) -> Result<Named> {
    Ok(match who {
        BookingFor::Picked(id) => Named::Picked(load_customer(conn, *id)?),
        BookingFor::Typed(input) => Named::Typed(validate_customer(input, region)?),
    })
}

/// The customer a booking for `named` goes to: the one picked; else the
/// customer on file who is the same person by the identity rule
/// ([`same_person`]), given any email or phone they lacked; else a new
/// customer, even when the email or phone is already someone else's.
/// Records `customer.created` / `customer.updated`.
pub(super) fn customer_for(conn: &Db, named: &Named, now: DateTime<Utc>) -> Result<CustomerId> {
    let d = match named {
        Named::Picked(c) => return Ok(c.id),
        Named::Typed(d) => d,
    };
    let same = with_contact(conn, d.email.as_deref(), d.phone.as_deref())?
        .into_iter()
        .find(|c| same_person(c, d));
    if let Some(c) = same {
        let n = conn.execute(
            "UPDATE customers SET email = coalesce(email, ?2), phone = coalesce(phone, ?3), updated_at = ?4
             WHERE id = ?1 AND ((email IS NULL AND ?2 IS NOT NULL) OR (phone IS NULL AND ?3 IS NOT NULL))",
            params![c.id.0, d.email, d.phone, ts(now)],
        )?;
        if n > 0 {
            customer_event(conn, c.id, EventKind::CustomerUpdated, now)?;
        }
        return Ok(c.id);
    }
    new_customer(conn, d, now)
}

/// A new customer with details `d`, whoever else is on file; records
/// `customer.created`.
pub(super) fn new_customer(
    conn: &Db,
    d: &CustomerDetails,
    now: DateTime<Utc>,
) -> Result<CustomerId> {
    let new_id: i64 = conn
        .prepare_cached(
            "INSERT INTO customers (first_name, last_name, email, phone, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5) RETURNING id",
        )?
        .query_row(
            params![d.first_name, d.last_name, d.email, d.phone, ts(now)],
            |r| r.get(0),
        )?;
    let id = CustomerId(new_id);
    customer_event(conn, id, EventKind::CustomerCreated, now)?;
    Ok(id)
}

/// Finding customers by email (any case): `customers_email`.
pub(super) const BY_EMAIL: &str =
    "SELECT id, first_name, last_name, email, phone, created_at, updated_at
     FROM customers WHERE email = ?1 COLLATE NOCASE";
/// Finding customers by E.164 phone: `customers_phone`.
pub(super) const BY_PHONE: &str =
    "SELECT id, first_name, last_name, email, phone, created_at, updated_at
     FROM customers WHERE phone = ?1";

/// The customers on file with `email` (any case) or `phone`, by id: two
/// index lookups (one `OR` of both lets the planner scan every customer).
pub(super) fn with_contact(
    conn: &Db,
    email: Option<&str>,
    phone: Option<&str>,
) -> Result<Vec<CustomerSummary>> {
    let mut found: Vec<CustomerSummary> = Vec::new();
    for (sql, value) in [(BY_EMAIL, email), (BY_PHONE, phone)] {
        let Some(value) = value else { continue };
        for c in conn
            .prepare_cached(sql)?
            .query_map([value], |r| customer_columns(r, 0, r.get(0)?))?
        {
            let c = c?;
            if !found.iter().any(|f| f.id == c.id) {
                found.push(c);
            }
        }
    }
    found.sort_by_key(|c| c.id.0);
    Ok(found)
}

fn customer_event(
    conn: &Db,
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

    /// Every customer, by last then first name: all of them in memory, for
    /// tests and the demo's summary (the desk uses
    /// [`Store::find_customers`]).
    pub fn customers(&self) -> Result<Vec<CustomerSummary>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{CUSTOMER_SELECT} ORDER BY last_name, first_name, id"
        ))?;
        let rows = stmt.query_map((), |r| customer_columns(r, 0, r.get(0)?))?;
        Ok(rows.collect::<db::Result<_>>()?)
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
