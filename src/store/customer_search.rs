//! Finding customers as a clerk types: the Customers screen's list and the
//! booking forms' picker. Never reads every customer: the list by name walks
//! the `customers_by_name` index; words are one trigram full-text search
//! (`customers_search`, migrations 6 and 8): three characters or more
//! anywhere in a name or email, two at a name's start; single letters alone
//! match a name's start through the name indexes; a phone in any format is
//! its E.164 form or its digits. Broad searches look at the first
//! [`CANDIDATES`] matches only; the clerk narrows by typing more.

use super::Store;
use super::catalog::location;
use super::codec::{instant, status_list, ts};
use super::error::Result;
use super::queries::customer_columns;
use crate::domain::{BookingStatus, CustomerMatch, PhoneSearch};
use crate::store::db::{self, Db, Engine, Value};
use chrono::{DateTime, Utc};

/// How many matches of a search are sorted by name and cut to the limit.
pub const CANDIDATES: usize = 2_000;

/// The full-text columns a name or email word is looked for in.
const TEXT_COLUMNS: &str = "{first_name last_name email}";

/// Values for numbered parameters, counted from `base + 1` so the SQL can
/// sit inside a larger query with parameters of its own.
struct Params {
    base: usize,
    values: Vec<Value>,
}

impl Params {
    /// Adds `value`; returns its parameter number.
    fn push(&mut self, value: Value) -> usize {
        self.values.push(value);
        self.base + self.values.len()
    }
}

/// `text` as an FTS5 string: in double quotes, a quote doubled.
fn phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// On PostgreSQL, what a word is looked for in: a customer's names, email
/// and phone, accents and case folded — the expression the `customers_search`
/// trigram index holds, written as it is there so the index serves it.
const PG_SEARCH_TEXT: &str =
    "slotdesk_fold(names || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))";

/// `text` as a `LIKE` pattern's literal part (`\`, `%` and `_` escaped).
fn like_literal(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// A query for the ids of the customers `text` (cleaned, not empty) finds;
/// with `cap`, at most that many (the first a broad search meets).
fn candidates(
    engine: Engine,
    text: &str,
    region: &str,
    cap: Option<usize>,
    p: &mut Params,
) -> String {
    let limit = |p: &mut Params| match cap {
        Some(n) => format!(" LIMIT ?{}", p.push(Value::Integer(n as i64))),
        None => String::new(),
    };
    if engine == Engine::Postgres {
        return pg_candidates(text, region, p, limit);
    }
    if let Some(phone) = PhoneSearch::new(text, region) {
        let (whole, parts) = phone.sql_parts();
        let digits: Vec<String> = parts.iter().map(|d| phrase(d)).collect();
        let fts = p.push(Value::Text(format!("phone : ({})", digits.join(" OR "))));
        let by_digits =
            format!("SELECT rowid AS id FROM customers_search WHERE customers_search MATCH ?{fts}");
        let ids = match whole {
            Some(whole) => {
                let exact = p.push(Value::Text(whole));
                format!("{by_digits} UNION SELECT id FROM customers WHERE phone = ?{exact}")
            }
            None => by_digits,
        };
        return format!("SELECT m.id FROM ({ids}) AS m{}", limit(p));
    }
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    // A word of two characters or more is a full-text phrase: three or more
    // anywhere in a name or email, two at the start of a first or last name
    // (` be` in `names`). A single letter after such words waits for the
    // next one (the list then is a little wider, never missing anyone).
    let phrases: Vec<String> = words
        .iter()
        .filter_map(|w| match w.chars().count() {
            1 => None,
            2 => Some(format!("names : {}", phrase(&format!(" {w}")))),
            _ => Some(format!("{TEXT_COLUMNS} : {}", phrase(w))),
        })
        .collect();
    if !phrases.is_empty() {
        let fts = p.push(Value::Text(phrases.join(" AND ")));
        return format!(
            "SELECT rowid AS id FROM customers_search WHERE customers_search MATCH ?{fts}{}",
            limit(p)
        );
    }
    // Only single letters: the start of a first or last name, through the
    // name indexes; the first letter's first `cap` of each (a letter matches
    // thousands), then every other letter. `%` and `_` are characters a name
    // does not hold, so such a word matches no one.
    if words.iter().any(|w| w.contains(['%', '_', '\\'])) {
        return "SELECT NULL AS id WHERE 1 = 0".to_owned();
    }
    let starts: Vec<usize> = words
        .iter()
        .map(|w| p.push(Value::Text(format!("{w}%"))))
        .collect();
    let first = starts[0];
    let inner = limit(p);
    let mut conditions = vec![format!(
        "x.id IN (SELECT id FROM (SELECT id FROM customers WHERE last_name LIKE ?{first}{inner})
                  UNION SELECT id FROM (SELECT id FROM customers WHERE first_name LIKE ?{first}{inner}))"
    )];
    for at in &starts[1..] {
        conditions.push(format!(
            "(x.first_name LIKE ?{at} OR x.last_name LIKE ?{at})"
        ));
    }
    format!(
        "SELECT x.id FROM customers x WHERE {}{}",
        conditions.join(" AND "),
        limit(p)
    )
}

/// [`candidates`] on PostgreSQL: the same words and phones, looked for by
/// the trigram index over [`PG_SEARCH_TEXT`] (a two-character word at the
/// start of a name or email, longer ones anywhere, a phone's digit runs in
/// the phone), every word required.
fn pg_candidates(
    text: &str,
    region: &str,
    p: &mut Params,
    limit: impl Fn(&mut Params) -> String,
) -> String {
    if let Some(phone) = PhoneSearch::new(text, region) {
        let (whole, parts) = phone.sql_parts();
        let mut any: Vec<String> = parts
            .iter()
            .map(|d| {
                let at = p.push(Value::Text(format!("%{}%", like_literal(d))));
                format!("phone LIKE ?{at} ESCAPE '\\'")
            })
            .collect();
        if let Some(whole) = whole {
            let at = p.push(Value::Text(whole));
            any.push(format!("phone = ?{at}"));
        }
        if any.is_empty() {
            any.push("1 = 0".to_owned());
        }
        return format!(
            "SELECT id FROM customers WHERE phone IS NOT NULL AND ({}){}",
            any.join(" OR "),
            limit(p)
        );
    }
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() > 1).collect();
    let conditions: Vec<String> = if long.is_empty() {
        // Only single letters: the start of a first or last name.
        words
            .iter()
            .map(|w| {
                let at = p.push(Value::Text(format!("{}%", like_literal(w))));
                format!("(first_name LIKE ?{at} ESCAPE '\\' OR last_name LIKE ?{at} ESCAPE '\\')")
            })
            .collect()
    } else {
        long.iter()
            .map(|w| {
                let pattern = if w.chars().count() == 2 {
                    format!("% {}%", like_literal(w))
                } else {
                    format!("%{}%", like_literal(w))
                };
                let at = p.push(Value::Text(pattern));
                format!("{PG_SEARCH_TEXT} LIKE slotdesk_fold(?{at}) ESCAPE '\\'")
            })
            .collect()
    };
    format!(
        "SELECT id FROM customers WHERE {}{}",
        conditions.join(" AND "),
        limit(p)
    )
}

/// `text` with control characters (a pasted NUL, an escape) taken out, so
/// they are never part of a query.
fn cleaned(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_owned()
}

/// The condition that `column` holds the id of a customer `text` finds as
/// [`Store::find_customers`] does, every one of them (no cap), with its
/// values numbered after the `base` the caller has: the bookings list's
/// customer filter. `None` when `text` is empty once cleaned.
pub(super) fn customer_condition(
    engine: Engine,
    text: &str,
    region: &str,
    column: &str,
    base: usize,
) -> Option<(String, Vec<Value>)> {
    let text = cleaned(text);
    if text.is_empty() {
        return None;
    }
    let mut p = Params {
        base,
        values: Vec::new(),
    };
    let ids = candidates(engine, &text, region, None, &mut p);
    Some((format!("{column} IN ({ids})"), p.values))
}

impl Store {
    /// Up to `limit` customers matching `text` as a clerk types it, each with
    /// their last visit (the start of their latest booking begun by `now`,
    /// UTC, that is a visit: [`BookingStatus::is_visit`]), by last then
    /// first name (any case) then id. `text` is name or email words (three
    /// characters or more anywhere in a first name, last name or email, two
    /// at the start of a first or last name, accents and case ignored; every
    /// such word must match; a single letter counts only alone), or a phone
    /// in any format (the number itself, or the digits typed). Control
    /// characters are ignored; empty `text` lists everyone by name. A search
    /// matching more than [`CANDIDATES`] customers sorts only the first
    /// [`CANDIDATES`] of them. Errors: the database's.
    pub fn find_customers(
        &self,
        text: &str,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<CustomerMatch>> {
        let text = cleaned(text);
        let mut p = Params {
            base: 0,
            values: Vec::new(),
        };
        let filter = if text.is_empty() {
            String::new()
        } else {
            let region = location(&self.conn)?.phone_region;
            let ids = candidates(self.conn.engine(), &text, &region, Some(CANDIDATES), &mut p);
            format!("WHERE c.id IN ({ids})")
        };
        let now_at = p.push(Value::Integer(ts(now)));
        let limit_at = p.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        // The last visit only for the rows kept, not for every candidate.
        let visits = status_list(BookingStatus::is_visit);
        let sql = format!(
            "SELECT c.*, (SELECT max(b.starts_at) FROM bookings b
                          WHERE b.customer_id = c.id AND b.starts_at <= ?{now_at}
                            AND b.status IN ({visits}))
             FROM (SELECT c.id, c.first_name, c.last_name, c.email, c.phone, c.created_at,
                          c.updated_at
                   FROM customers c {filter}
                   ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id
                   LIMIT ?{limit_at}) AS c
             ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(crate::store::db::from_iter(p.values.iter()), |r| {
            Ok(CustomerMatch {
                customer: customer_columns(r, 0, r.get(0)?)?,
                last_visit: r.get::<Option<i64>>(7)?.map(instant),
            })
        })?;
        Ok(rows.collect::<db::Result<_>>()?)
    }
}

/// Adds the customers after id `after` to the search index, as the
/// `customers_search_insert` trigger would have one by one: for an import,
/// which writes its customers with triggers off (FTS5 flushes its pending
/// terms at every statement of a transaction it is part of, a sixth of an
/// import's time) and indexes them with one statement at the end.
pub(super) fn index_customers_after(conn: &Db, after: i64) -> Result<usize> {
    // PostgreSQL's index is an expression index over the table itself.
    if conn.engine() == Engine::Postgres {
        return Ok(0);
    }
    Ok(conn
        .prepare_cached(
            "INSERT INTO customers_search (rowid, first_name, last_name, email, phone, names)
             SELECT id, first_name, last_name, email, phone, names FROM customers WHERE id > ?1",
        )?
        .execute([after])?)
}
