//! The generated customers: plausible names, emails and fictional phone
//! numbers, inserted in id order.

use super::plan::Plan;
use crate::domain::{CustomerId, CustomerSummary};
use crate::store::codec::instant;
use crate::store::error::Result;
use rusqlite::{Connection, params};
use std::collections::HashMap;

const FIRST_NAMES: [&str; 32] = [
    "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Grace", "Sophia", "Priya",
    "Aisha", "Zara", "Hannah", "Emily", "Chloe", "Oliver", "George", "Noah", "Arthur", "Leo",
    "Harry", "Oscar", "Jack", "Muhammad", "Theo", "Samuel", "Daniel", "Rohan", "Kwame", "Tomasz",
    "Luca",
];
const LAST_NAMES: [&str; 32] = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
    "Wood", "Jackson", "Clarke", "Khan", "Ahmed", "Kowalski", "Okoye", "Singh", "Murphy", "Kelly",
    "Campbell", "Stewart", "Hughes", "Edwards",
];
/// E.164 prefixes of Ofcom's drama ranges (a thousand fictional numbers
/// each: `+442079460000`–`+442079460999`, …), so no real number is used.
const PHONE_PREFIXES: [&str; 12] = [
    "+442079460",
    "+441614960",
    "+441214960",
    "+441134960",
    "+441144960",
    "+441174960",
    "+441154960",
    "+441184960",
    "+441414960",
    "+442920180",
    "+442896496",
    "+447700900",
];

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
        let first = FIRST_NAMES[rng.usize(..FIRST_NAMES.len())];
        let last = LAST_NAMES[rng.usize(..LAST_NAMES.len())];
        let roll = rng.u8(..100);
        let email = (roll >= 10).then(|| {
            let domain = ["com", "org", "net"][rng.usize(..3)];
            format!(
                "{}.{}{id}@example.{domain}",
                first.to_ascii_lowercase(),
                last.to_ascii_lowercase()
            )
        });
        let phone = (!(10..18).contains(&roll)).then(|| {
            format!(
                "{}{:03}",
                PHONE_PREFIXES[rng.usize(..PHONE_PREFIXES.len())],
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
