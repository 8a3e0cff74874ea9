//! Customers: who a booking is for (picked, the same person by the identity
//! rule, or new), read and edited (ReserveKit `/bookings/{id}/customer`),
//! each change with its event.

use super::Store;
use super::catalog::location;
use super::codec::{instant, ts};
use super::error::Result;
use super::events::record;
use super::queries::customer_columns;
use crate::domain::customer::{
    CustomerDetails, normalize_email, normalize_phone, same_person, validate_customer,
    validate_name,
};
use crate::domain::{
    BookingError, BookingFor, CustomerId, CustomerMatch, CustomerPatch, CustomerSummary, EventData,
    EventKind, PhoneSearch,
};
use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

const CUSTOMER_SELECT: &str =
    "SELECT id, first_name, last_name, email, phone, created_at, updated_at FROM customers";
/// [`CUSTOMER_SELECT`]'s columns from `customers c`, to add more after.
const CUSTOMER_SELECT_C: &str =
    "SELECT c.id, c.first_name, c.last_name, c.email, c.phone, c.created_at, c.updated_at";

pub(super) fn load_customer(conn: &Connection, id: CustomerId) -> Result<CustomerSummary> {
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
pub(super) fn named(conn: &Connection, who: &BookingFor, region: &str) -> Result<Named> {
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
pub(super) fn customer_for(
    conn: &Connection,
    named: &Named,
    now: DateTime<Utc>,
) -> Result<CustomerId> {
    let d = match named {
        Named::Picked(c) => return Ok(c.id),
        Named::Typed(d) => d,
    };
    let same = conn
        .prepare_cached(&format!(
            "{CUSTOMER_SELECT} WHERE (?1 IS NOT NULL AND email = ?1 COLLATE NOCASE)
                OR (?2 IS NOT NULL AND phone = ?2) ORDER BY id"
        ))?
        .query_map(params![d.email, d.phone], |r| {
            customer_columns(r, 0, r.get(0)?)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
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

/// What a picker search looks for in the customers table: the phone, an
/// email's start, or each word at the start of the first or last name.
fn picker_filter(text: &str, region: &str) -> (String, Vec<Value>) {
    let like = |t: &str| {
        let escaped = t
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        Value::Text(format!("{escaped}%"))
    };
    if let Some(phone) = PhoneSearch::new(text, region) {
        let (whole, parts) = phone.sql_parts();
        let mut clauses = vec!["phone = ?1".to_owned()];
        let mut values = vec![Value::from(whole.unwrap_or_default())];
        for part in parts {
            values.push(Value::Text(format!("%{part}%")));
            clauses.push(format!("replace(phone, '+', '') LIKE ?{}", values.len()));
        }
        return (clauses.join(" OR "), values);
    }
    if text.contains('@') {
        return ("email LIKE ?1 ESCAPE '\\'".to_owned(), vec![like(text)]);
    }
    let words: Vec<&str> = text.split_whitespace().take(4).collect();
    let clauses: Vec<String> = (1..=words.len())
        .map(|i| format!("(first_name LIKE ?{i} ESCAPE '\\' OR last_name LIKE ?{i} ESCAPE '\\')"))
        .collect();
    (clauses.join(" AND "), words.into_iter().map(like).collect())
}

impl Store {
    /// Up to `limit` customers matching `text` as a clerk types it in a
    /// booking form — a name (each word at the start of the first or last
    /// name, any case), an email's start, or a phone in any format — each
    /// with their last visit before `now`, by last then first name. Fewer
    /// than two characters match no one.
    pub fn find_customers(
        &self,
        text: &str,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<CustomerMatch>> {
        let text = text.trim();
        if text.chars().count() < 2 {
            return Ok(Vec::new());
        }
        let region = location(&self.conn)?.phone_region;
        let (filter, mut values) = picker_filter(text, &region);
        values.push(Value::Integer(ts(now)));
        values.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        let (now_at, limit_at) = (values.len() - 1, values.len());
        let sql = format!(
            "{CUSTOMER_SELECT_C}, (SELECT max(b.starts_at) FROM bookings b
                 WHERE b.customer_id = c.id AND b.starts_at <= ?{now_at})
             FROM customers c WHERE {filter}
             ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id LIMIT ?{limit_at}"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), |r| {
            Ok(CustomerMatch {
                customer: customer_columns(r, 0, r.get(0)?)?,
                last_visit: r.get::<_, Option<i64>>(7)?.map(instant),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

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
