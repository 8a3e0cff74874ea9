//! The generated customers: plausible names, emails and fictional phone
//! numbers, inserted in id order.

use super::plan::Plan;
use crate::domain::{CustomerId, CustomerSummary};
use crate::store::codec::instant;
use crate::store::error::Result;
use crate::words::{DRAMA_PHONE_PREFIXES, EMAIL_DOMAINS, PEOPLE};
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// Inserts the plan's customers and returns them by id, for the payloads
/// of their bookings' events.
pub(super) fn insert_customers(
    conn: &Connection,
    plan: &Plan,
    seed: u64,
) -> Result<HashMap<i64, CustomerSummary>> {
    let mut rng = fastrand::Rng::with_seed(seed ^ 0xC057_0E25);
    let mut stmt = conn.prepare(
        "INSERT INTO customers (id, first_name, last_name, email, phone, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?;
    let mut by_id: Vec<(i64, i64)> = plan.customers.clone();
    by_id.sort_unstable();
    let mut out = HashMap::with_capacity(by_id.len());
    for &(id, created_at) in &by_id {
        // First and last names drawn apart, so 44 pairs make many people.
        let first = PEOPLE[rng.usize(..PEOPLE.len())].0;
        let last = PEOPLE[rng.usize(..PEOPLE.len())].1;
        let roll = rng.u8(..100);
        let email = (roll >= 10).then(|| {
            let domain = EMAIL_DOMAINS[rng.usize(..EMAIL_DOMAINS.len())];
            format!("{}.{}{id}@{domain}", local_part(first), local_part(last))
        });
        let phone = (!(10..18).contains(&roll)).then(|| {
            format!(
                "{}{:03}",
                DRAMA_PHONE_PREFIXES[rng.usize(..DRAMA_PHONE_PREFIXES.len())],
                rng.u16(..1000)
            )
        });
        stmt.execute(params![id, first, last, email, phone, created_at])?;
        out.insert(
            id,
            CustomerSummary {
                id: CustomerId(id),
                name: format!("{first} {last}"),
                first_name: first.to_owned(),
                last_name: last.to_owned(),
                email,
                phone,
                created_at: instant(created_at),
                updated_at: instant(created_at),
            },
        );
    }
    Ok(out)
}

/// A name as an email's local part: ASCII letters and digits, lower case.
fn local_part(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}
