//! The demo history: about forty customers and their bookings over the two
//! weeks around a day, made only through the store's public writes, so every
//! rule holds and every change has its event. Same day and `now`, same data.

mod appointments;
mod classes;
mod execution;
mod holds;
mod outcome;
mod people;
mod planner;
mod step;
mod summary;
mod visit;
mod visit_details;

#[cfg(test)]
mod tests;

pub use summary::DemoSummary;

use crate::domain::schedule::local_day_bounds;
use crate::domain::{
    Actor, BookingError, BookingQuery, CatalogChanges, ErrorKind, Origin, Role, SlotQuery,
};
use crate::domain::{BookingStatus, Occurrence, Unavailable};
use crate::store::{Result, Store};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use planner::Planner;

/// The demo studio's catalog file (`assets/demo/catalog.toml`).
pub const DEMO_CATALOG: &str = include_str!("../../assets/demo/catalog.toml");

/// What loading the demo did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLoad {
    /// The catalog's changes (every row added).
    pub catalog: CatalogChanges,
    /// The bookings added.
    pub bookings: DemoSummary,
    /// Whether [`DEMO_STAFF`] were added (not when the database had staff).
    pub staff_added: bool,
}

/// The demo location's staff: name, role and PIN (the README shows them).
/// The manager comes first, as the first member must be a manager.
pub const DEMO_STAFF: [(&str, Role, &str); 2] = [
    ("Morgan Lead", Role::Manager, "2222"),
    ("Dana Reception", Role::Clerk, "1111"),
];

/// Loads the demo into a database that has no catalog yet: the demo
/// catalog, the demo history around today at the location (see
/// [`add_demo_bookings`]) and, when there are no staff, the demo staff — all
/// in ONE transaction ([`Store::batch`]), so a fault part-way (a full disk)
/// leaves the database as it was. What it writes is signed as imported,
/// with no staff member; the caller signs its own writes afterwards
/// (`Store::act_as`).
/// Errors: a conflict when the database already has a catalog (nothing is
/// changed: the demo never replaces a location's own catalog), a database
/// fault.
pub fn load_demo(store: &mut Store, now: DateTime<Utc>) -> Result<DemoLoad> {
    store.act_as(&Actor {
        origin: Origin::Import,
        staff: None,
    })?;
    let catalog = crate::domain::catalog_file::Catalog::from_toml(DEMO_CATALOG)?;
    store.batch(|store| {
        match store.location() {
            Ok(location) => {
                return Err(BookingError::NotAllowed(already_has_catalog(&location.name)).into());
            }
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        let changes = store.apply_catalog(&catalog, now)?;
        let today = now.with_timezone(&store.location()?.time_zone).date_naive();
        let bookings = add_demo_bookings(store, today, now)?;
        let staff_added = !store.has_staff()?;
        if staff_added {
            for (name, role, pin) in DEMO_STAFF {
                store.add_staff(name, role, pin, Role::Manager, now)?;
            }
        }
        // Made-up history: journalled, never delivered to a hook.
        store.forget_waiting_events()?;
        Ok(DemoLoad {
            catalog: changes,
            bookings,
            staff_added,
        })
    })
}

/// The refusal's words for a database whose location is `name`.
fn already_has_catalog(name: &str) -> String {
    format!(
        "this database already has a catalog (location {name:?}); the demo loads only into a new \
         database: run `slotdesk init --demo --db NEW_FILE.db`, or `slotdesk --demo` for a throwaway desk"
    )
}

/// Days of history before `today`, and of bookings ahead after it.
const SPAN_DAYS: i64 = 7;

/// Adds the demo customers and bookings for the 7 days before to the 7 days
/// after `today` (local dates) to a store on which the demo catalog (or any
/// catalog) has been applied. History is simulated: each write runs with its
/// own realistic timestamp (bookings 1–10 days ahead, check-ins at the slot's
/// start, completions and payments at its end, cancellations, no-shows,
/// moves, refunds, a lapsed hold and one or two live holds that lapse a few
/// minutes after `now`), in time order and never later than `now`. Refusals
/// by the rules are skipped; the same `today` and `now` give the same data.
/// Errors: `no catalog`, a database fault, or demo data the engine finds
/// invalid (a bug).
pub fn add_demo_bookings(
    store: &mut Store,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<DemoSummary> {
    let tz = store.location()?.time_zone;
    let services = store.services()?;
    let span = span_query(today);
    let listed_at = local_day_bounds(span.from, tz).0 - Duration::days(1);
    let slots: Vec<Occurrence> = store
        .slots(&span, listed_at)?
        .into_iter()
        // Listed before any booking, so the plan does not depend on what the
        // store already holds; only closures rule slots out.
        .filter(|s| !matches!(s.unavailable, Some(Unavailable::Closed { .. })))
        .map(|s| s.occurrence)
        .collect();
    let seed = 0x5107_DE5C_u64 ^ u64::from(today.num_days_from_ce().unsigned_abs());
    let mut plan = Planner::new(seed, now, tz, &services, today);
    plan.appointments(&slots);
    plan.classes(&slots);
    plan.holds(&slots);
    let before = count(store, None)?;
    let mut summary = execution::execute(store, &plan, now)?;
    summary.bookings = count(store, None)?.saturating_sub(before) as usize;
    summary.customers = store.customers()?.len();
    for status in BookingStatus::ALL {
        let n = count(store, Some(status))?;
        if n > 0 {
            summary.by_status.push((status, n));
        }
    }
    Ok(summary)
}

/// Every slot of the demo's span around `today`, unavailable ones included.
fn span_query(today: NaiveDate) -> SlotQuery {
    SlotQuery {
        service: None,
        resource: None,
        from: today - Duration::days(SPAN_DAYS),
        days: (2 * SPAN_DAYS + 1) as u32,
        include_unavailable: true,
    }
}

/// Bookings in the store, of one status or all.
fn count(store: &Store, status: Option<BookingStatus>) -> Result<u64> {
    let page = store.bookings(&BookingQuery {
        status,
        page_size: 1,
        ..BookingQuery::default()
    })?;
    Ok(page.pagination.total_count)
}
