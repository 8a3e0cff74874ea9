//! The bulk loader: fills an empty database with a generated catalog and up
//! to millions of bookings that keep the capacity, resource and duplicate
//! rules, written with direct SQL in one transaction, for benchmarks and
//! speed tests (`slotdesk generate`). Deterministic for a seed. Its words
//! come from `crate::words`, its seat rule from `BookingStatus::took_seat`,
//! its event payloads from `EventData`. Not for real desks.

mod catalog;
mod customers;
mod params;
mod plan;
mod pragmas;
mod row;
mod summary;
#[cfg(test)]
mod tests;
mod world;
mod write;

pub use params::ScaleParams;
pub use summary::ScaleSummary;

use super::Store;
use super::error::Result;
use crate::domain::BookingError;
use crate::domain::catalog_file::Catalog;
use catalog::catalog_toml;
use chrono::{DateTime, NaiveTime, Utc};
use plan::plan_rows;
use pragmas::Pragmas;
use rusqlite::OptionalExtension;
use world::World;
use write::write_rows;

/// Bumped whenever the generator writes different data for the same
/// parameters, so cached databases (the benches') are rebuilt.
pub const GENERATOR_VERSION: u32 = 3;

/// More customers than any slot has rows, so each row's customer can differ.
const MIN_CUSTOMERS: u32 = 20;

/// Fills an empty `store` with a generated catalog (Europe/London, GBP;
/// closures for public holidays and annual leave) and `params.bookings`
/// bookings with customers, payments, answers, add-ons and a
/// `booking.created` event each. Slots that end by `now` hold history
/// (completed, no-show, cancelled, declined, expired holds), later ones
/// confirmed, pending and cancelled bookings; nothing is created after `now`,
/// and no hold is live. Every booking keeps the capacity, one-thing-at-a-time and duplicate
/// rules: seats never exceed
/// capacity, a resource's time slots never overlap, a customer appears once
/// per slot, and closed days have none. Times come from
/// [`TimeSlot::occurrence_on`](crate::domain::TimeSlot::occurrence_on), so
/// DST days are right. `now` is normally [`ScaleParams::now`]. Runs with
/// fast pragmas (synchronous off, journal in memory, restored afterwards),
/// rebuilds the indexes once, and ends with `ANALYZE`. About 15 s for the default million on two cores.
/// Errors: the store has bookings; more bookings than 90% of the slots' room.
pub fn load(store: &mut Store, params: &ScaleParams, now: DateTime<Utc>) -> Result<ScaleSummary> {
    if params.resources == 0 || params.customers < MIN_CUSTOMERS || params.history_days == 0 {
        return Err(BookingError::invalid(format!(
            "a generated database needs a resource, a day and {MIN_CUSTOMERS} customers"
        ))
        .into());
    }
    let existing: Option<i64> = store
        .conn
        .sqlite("generating a database")?
        .query_row("SELECT id FROM bookings LIMIT 1", [], |r| r.get(0))
        .optional()?;
    if existing.is_some() {
        return Err(BookingError::invalid("generate needs a database without bookings").into());
    }
    let opened_at =
        params.first_on().and_time(NaiveTime::MIN).and_utc() - chrono::Duration::days(30);
    let catalog = Catalog::from_toml(&catalog_toml(params))?;
    store.apply_catalog(&catalog, opened_at)?;
    let world = World::load(store, params, now, opened_at)?;
    let plan = plan_rows(&world, params)?;
    let conn = store.conn.sqlite_mut("generating a database")?;
    let saved = Pragmas::speed_up(conn)?;
    let written = write_rows(conn, &world, &plan, params.seed);
    saved.restore(conn)?;
    let mut summary = written?;
    conn.execute_batch("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);")?;
    summary.time_slots = world.slots.len();
    summary.closures = catalog.closures.len();
    Ok(summary)
}
