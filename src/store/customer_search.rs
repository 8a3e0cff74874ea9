//! Finding customers as a clerk types: the Customers screen's list and the
//! booking forms' picker. Never reads every customer: the list by name walks
//! the `customers_by_name` index, a word of three characters or more is a
//! trigram full-text search (`customers_search`, migration 6), a shorter one
//! matches a name's start through the name indexes, and a phone in any
//! format is its E.164 form or its digits. Broad searches look at the first
//! [`CANDIDATES`] matches only; the clerk narrows by typing more.

use super::Store;
use super::catalog::location;
use super::codec::{instant, ts};
use super::error::Result;
use super::queries::customer_columns;
use crate::domain::{BookingStatus, CustomerMatch, PhoneSearch};
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use rusqlite::types::Value;

/// How many matches of a search are sorted by name and cut to the limit.
pub const CANDIDATES: usize = 2_000;

/// The full-text columns a name or email word is looked for in.
const TEXT_COLUMNS: &str = "{first_name last_name email}";

/// A search as SQL: a query for candidate ids (numbered parameters from
/// `?1`), more conditions on `c` for the outer query, and their values.
struct Plan {
    ids: Option<String>,
    conditions: Vec<String>,
    values: Vec<Value>,
}

impl Plan {
    fn push(&mut self, value: Value) -> usize {
        self.values.push(value);
        self.values.len()
    }
}

/// `text` as an FTS5 string: in double quotes, a quote doubled.
fn phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// How `text` is looked for (already trimmed and not empty).
fn plan(text: &str, region: &str) -> Plan {
    let mut plan = Plan {
        ids: None,
        conditions: Vec::new(),
        values: Vec::new(),
    };
    if let Some(phone) = PhoneSearch::new(text, region) {
        let (whole, parts) = phone.sql_parts();
        let digits: Vec<String> = parts.iter().map(|p| phrase(p)).collect();
        let exact = plan.push(Value::Text(whole.unwrap_or_default()));
        let fts = plan.push(Value::Text(format!("phone : ({})", digits.join(" OR "))));
        plan.ids = Some(format!(
            "SELECT id FROM customers WHERE phone = ?{exact}
             UNION SELECT rowid AS id FROM customers_search WHERE customers_search MATCH ?{fts}"
        ));
        return plan;
    }
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    let (long, short): (Vec<&str>, Vec<&str>) =
        words.into_iter().partition(|w| w.chars().count() >= 3);
    // One or two characters: the start of a first or last name. `%` and `_`
    // are characters a name does not hold, so such a word matches no one.
    let mut starts = Vec::new();
    for word in short {
        if word.contains(['%', '_', '\\']) {
            plan.conditions.push("0".to_owned());
            continue;
        }
        starts.push(plan.push(Value::Text(format!("{word}%"))));
    }
    if !long.is_empty() {
        let query: Vec<String> = long
            .iter()
            .map(|w| format!("{TEXT_COLUMNS} : {}", phrase(w)))
            .collect();
        let fts = plan.push(Value::Text(query.join(" AND ")));
        plan.ids = Some(format!(
            "SELECT rowid AS id FROM customers_search WHERE customers_search MATCH ?{fts}"
        ));
    } else if let Some(&first) = starts.first() {
        plan.ids = Some(format!(
            "SELECT id FROM customers WHERE last_name LIKE ?{first}
             UNION SELECT id FROM customers WHERE first_name LIKE ?{first}"
        ));
    }
    for at in starts {
        plan.conditions.push(format!(
            "(c.first_name LIKE ?{at} OR c.last_name LIKE ?{at})"
        ));
    }
    plan
}

/// The search for `text` as conditions on `customers c` (none when empty).
fn search(conn: &Connection, text: &str) -> Result<Plan> {
    let text = text.trim();
    let mut plan = if text.is_empty() {
        Plan {
            ids: None,
            conditions: Vec::new(),
            values: Vec::new(),
        }
    } else {
        plan(text, &location(conn)?.phone_region)
    };
    if let Some(ids) = plan.ids.take() {
        let cap = plan.push(Value::Integer(CANDIDATES as i64));
        plan.conditions.insert(
            0,
            format!("c.id IN (SELECT m.id FROM ({ids}) AS m LIMIT ?{cap})"),
        );
    }
    Ok(plan)
}

/// The ids of the customers `text` finds as [`Store::find_customers`] does
/// (at most [`CANDIDATES`], in no order): the bookings list's customer
/// filter. Empty `text` is for the caller to skip.
pub(super) fn customer_ids(conn: &Connection, text: &str) -> Result<Vec<i64>> {
    let plan = search(conn, text)?;
    let filter = if plan.conditions.is_empty() {
        "1 = 1".to_owned()
    } else {
        plan.conditions.join(" AND ")
    };
    let ids = conn
        .prepare_cached(&format!(
            "SELECT c.id FROM customers c WHERE {filter} LIMIT {CANDIDATES}"
        ))?
        .query_map(rusqlite::params_from_iter(plan.values.iter()), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

impl Store {
    /// Up to `limit` customers matching `text` as a clerk types it, each with
    /// their last visit (the start of their latest booking begun by `now`,
    /// UTC, that is a visit: [`BookingStatus::is_visit`]), by last then
    /// first name (any case) then id. `text` is a name or email fragment (a
    /// word of three characters or more anywhere in a first name, last name
    /// or email, accents and case ignored; a shorter word at a name's start;
    /// every word must match), or a phone in any format (the number itself,
    /// or the digits typed). Empty `text` lists everyone by name. A search
    /// matching more than [`CANDIDATES`] customers sorts only the first
    /// [`CANDIDATES`] of them (by id). Errors: the database's.
    pub fn find_customers(
        &self,
        text: &str,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<CustomerMatch>> {
        let mut plan = search(&self.conn, text)?;
        let now_at = plan.push(Value::Integer(ts(now)));
        let limit_at = plan.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        let filter = if plan.conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", plan.conditions.join(" AND "))
        };
        // The last visit only for the rows kept, not for every candidate.
        let visits: Vec<String> = BookingStatus::ALL
            .into_iter()
            .filter(|s| s.is_visit())
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        let sql = format!(
            "SELECT c.*, (SELECT max(b.starts_at) FROM bookings b
                          WHERE b.customer_id = c.id AND b.starts_at <= ?{now_at}
                            AND b.status IN ({}))
             FROM (SELECT c.id, c.first_name, c.last_name, c.email, c.phone, c.created_at,
                          c.updated_at
                   FROM customers c {filter}
                   ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id
                   LIMIT ?{limit_at}) AS c
             ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id",
            visits.join(", ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(plan.values.iter()), |r| {
            Ok(CustomerMatch {
                customer: customer_columns(r, 0, r.get(0)?)?,
                last_visit: r.get::<_, Option<i64>>(7)?.map(instant),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
