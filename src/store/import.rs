//! `slotdesk import`: rows from other systems placed by the engine's rules
//! (see `import_placement`), the whole file in ONE `BEGIN IMMEDIATE`
//! transaction. A row is checked whole before it writes anything, so a
//! refused row leaves no trace; the file is kept whole or not at all: a dry
//! run, or a file with a refused row (unless the caller keeps the rest), is
//! rolled back at the end. Each imported row's key is remembered
//! (`import_keys`), so the same file imported again changes nothing.

use super::Store;
use super::catalog::location;
use super::codec::ts;
use super::customer_search::index_customers_after;
use super::customers::{CUSTOMER_SELECT, new_customer, with_contact};
use super::error::{Result, StoreError};
use super::import_placement::{Known, place, resource_of};
use super::queries::customer_columns;
use crate::domain::customer::{CustomerDetails, name_key, same_person};
use crate::domain::import::{
    ImportSummary, ImportedAs, ImportedBooking, ImportedCustomer, RowOutcome, RowRefusal,
    RowReport, cut, validate_person,
};
use crate::domain::{
    BookingError, BookingId, ClosureId, ClosureRequest, CustomerId, ResourceId, ServiceId,
};
use crate::store::db::{self, Db, Optional, params};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::config::DbConfig;

/// The longest row label and refusal a report line carries (a refused
/// 10 MB field is not printed back whole).
const LABEL_CHARS: usize = 80;
const REASON_CHARS: usize = 200;

/// An import's page cache, in KiB (SQLite's negative `cache_size`): 64 MiB
/// of a transaction's changed pages kept in memory rather than spilled to
/// the WAL while it runs.
const IMPORT_CACHE_KIB: i64 = -65_536;

/// How an import places its rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Every row goes to this resource (`--resource`), whatever it names.
    pub resource: Option<ResourceId>,
    /// Every row is of this service (`--service`); else the row's, else
    /// the one service the resource offers.
    pub service: Option<ServiceId>,
    /// Rows become closures of the resource, not bookings (`--as-closures`).
    pub as_closures: bool,
    /// Check every row, report, and keep nothing (`--dry-run`).
    pub dry_run: bool,
    /// Keep the rows that fit even when others are refused
    /// (`--skip-refused`); without it one refused row keeps the whole file out.
    pub skip_refused: bool,
}

impl Store {
    /// Imports customers (see [`ImportedCustomer`]): each through the
    /// identity rule — a person already on file (the same first and last
    /// name and email or phone; or, with neither, the same name and no
    /// contact on file either) is skipped, as is a row whose id was
    /// imported before. Calls `report` for every row in file order.
    /// Records `customer.created` for each new one, origin as the store's actor.
    /// Errors: only faults of the database; refusals are rows of the report.
    pub fn import_customers(
        &mut self,
        rows: impl IntoIterator<Item = std::result::Result<ImportedCustomer, RowRefusal>>,
        opts: &ImportOptions,
        now: DateTime<Utc>,
        report: &mut dyn FnMut(&RowReport),
    ) -> Result<ImportSummary> {
        let region = location(&self.conn)?.phone_region;
        self.import_rows(rows, opts, now, report, |s, row: &ImportedCustomer| {
            let label = format!("{} {}", row.input.first_name, row.input.last_name)
                .trim()
                .to_owned();
            let conn = &s.conn;
            let outcome = (|| {
                if let Some(existing) = imported_before(conn, row.key.as_deref())? {
                    return Ok(skipped(existing, "imported before (the same id)"));
                }
                let who = validate_person(&row.input, &region)?;
                if let Some(id) = on_file(conn, &who)? {
                    return Ok(skipped(
                        ImportedAs::Customer(id),
                        "on file already (the same person)",
                    ));
                }
                let id = new_customer(conn, &who, now)?;
                remember(conn, row.key.as_deref(), ImportedAs::Customer(id), now)?;
                Ok(RowOutcome::Imported {
                    made: ImportedAs::Customer(id),
                })
            })();
            (row.line, label, outcome)
        })
    }

    /// Imports appointments (see [`ImportedBooking`]) as bookings on their
    /// resource, or (with `as_closures`) as closures of it. A booking takes
    /// the catalog's time slot that starts and ends as the row does, else a
    /// one-off time slot of the service made for it; the rules are the
    /// desk's — `time slot is full`, blocked by an overlapping booking,
    /// closed, `duplicate booking` — except that the past may be imported
    /// (history, `completed` by default). A person goes through the identity
    /// rule as in [`Store::import_customers`]. Events imported are kept in
    /// the journal but not sent to the outbox's hooks (history is not news).
    /// Errors: only faults of the database; refusals are rows of the report.
    pub fn import_bookings(
        &mut self,
        rows: impl IntoIterator<Item = std::result::Result<ImportedBooking, RowRefusal>>,
        opts: &ImportOptions,
        now: DateTime<Utc>,
        report: &mut dyn FnMut(&RowReport),
    ) -> Result<ImportSummary> {
        let here = location(&self.conn)?;
        let mut known = Known::new(here.time_zone, here.phone_region);
        let opts_inner = opts.clone();
        let summary = self.import_rows(rows, opts, now, report, |s, row: &ImportedBooking| {
            let label = row_words(row, known.tz);
            // A refused row writes nothing (every check comes before the
            // first write), so rows need no savepoint of their own; a
            // closure is the desk's closure write, a savepoint of the batch.
            let outcome = if opts_inner.as_closures {
                s.import_closure(row, &opts_inner, &mut known, now)
            } else {
                place(&s.conn, row, &opts_inner, &mut known, now)
            };
            (row.line, label, outcome)
        })?;
        Ok(summary)
    }

    /// The shared run: one batch, a row at a time, refusals reported; the
    /// batch kept only when `opts` allows.
    fn import_rows<R>(
        &mut self,
        rows: impl IntoIterator<Item = std::result::Result<R, RowRefusal>>,
        opts: &ImportOptions,
        now: DateTime<Utc>,
        report: &mut dyn FnMut(&RowReport),
        mut one: impl FnMut(&mut Store, &R) -> (u64, String, Result<RowOutcome>),
    ) -> Result<ImportSummary> {
        let _ = now;
        let mut summary = ImportSummary::default();
        let last_customer: i64 =
            self.conn
                .query_row("SELECT coalesce(max(id), 0) FROM customers", (), |r| {
                    r.get(0)
                })?;
        let kept = self.without_triggers(|s| {
            s.batch(|s| s.import_each(rows, opts, report, &mut one, &mut summary, last_customer))
        })?;
        match kept {
            Ok(()) => summary.applied = true,
            // The batch was given up on purpose: a dry run, or a refused row.
            Err(_) if opts.dry_run || (summary.refused > 0 && !opts.skip_refused) => {}
            Err(fault) => return Err(fault),
        }
        Ok(summary)
    }

    /// Runs `f` with this connection's triggers off and a larger page
    /// cache (a hundred thousand rows in one transaction), both put back
    /// after, whatever `f` returns. Off, the journal's events are not
    /// queued for the hooks (imported history is not news) and new
    /// customers are not indexed for search one by one (the import does
    /// it at the end); the import never changes or removes an event.
    /// Other connections keep theirs. The outer result is a fault putting
    /// them back; the inner one is `f`'s.
    fn without_triggers<T>(&mut self, f: impl FnOnce(&mut Store) -> T) -> Result<T> {
        let cache: Option<i64> = match &self.conn {
            Db::Sqlite(c) => {
                let cache = c.pragma_query_value(None, "cache_size", |r| r.get(0))?;
                c.pragma_update(None, "cache_size", IMPORT_CACHE_KIB)?;
                c.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
                Some(cache)
            }
            // PostgreSQL's triggers that queue and index read this
            // session's `slotdesk.quiet` and stand aside while it is on.
            Db::Postgres(p) => {
                p.batch("SET slotdesk.quiet = 'on'")?;
                None
            }
        };
        let out = f(self);
        match &self.conn {
            Db::Sqlite(c) => {
                let on = c.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, true);
                if let Some(cache) = cache {
                    c.pragma_update(None, "cache_size", cache)?;
                }
                on?;
            }
            Db::Postgres(p) => p.batch("RESET slotdesk.quiet")?,
        }
        Ok(out)
    }

    /// The rows of one import, inside its batch: each placed and reported;
    /// then, if the batch is to be kept, the new customers indexed for
    /// search. An `Err` gives the batch up (a fault, or not to be kept).
    fn import_each<R>(
        &mut self,
        rows: impl IntoIterator<Item = std::result::Result<R, RowRefusal>>,
        opts: &ImportOptions,
        report: &mut dyn FnMut(&RowReport),
        one: &mut impl FnMut(&mut Store, &R) -> (u64, String, Result<RowOutcome>),
        summary: &mut ImportSummary,
        last_customer: i64,
    ) -> Result<()> {
        for row in rows {
            let (line, label, outcome) = match row {
                Ok(row) => one(self, &row),
                Err(refusal) => (
                    refusal.line,
                    String::new(),
                    Ok(RowOutcome::Refused {
                        reason: cut(&refusal.reason, REASON_CHARS),
                    }),
                ),
            };
            let outcome = match outcome {
                Ok(o) => o,
                Err(StoreError::Booking(e)) => RowOutcome::Refused {
                    reason: cut(&e.to_string(), REASON_CHARS),
                },
                Err(fault) => return Err(fault),
            };
            summary.count(&outcome);
            report(&RowReport {
                line,
                row: cut(&label, LABEL_CHARS),
                outcome,
            });
        }
        let keep = !opts.dry_run && (summary.refused == 0 || opts.skip_refused);
        if keep {
            index_customers_after(&self.conn, last_customer)?;
            Ok(())
        } else {
            Err(BookingError::invalid("import not kept").into())
        }
    }

    /// One row as a closure of its resource: part of a day, or whole days
    /// for an all-day event; the reason is the event's summary.
    fn import_closure(
        &mut self,
        row: &ImportedBooking,
        opts: &ImportOptions,
        known: &mut Known,
        now: DateTime<Utc>,
    ) -> Result<RowOutcome> {
        if let Some(existing) = imported_before(&self.conn, Some(&row.key))? {
            return Ok(skipped(existing, "imported before (the same event)"));
        }
        let resource = resource_of(&self.conn, row, opts, known)?;
        let tz = known.tz;
        let (from, to) = (row.from.with_timezone(&tz), row.to.with_timezone(&tz));
        let reason = if row.title.trim().is_empty() {
            "imported".to_owned()
        } else {
            row.title.trim().to_owned()
        };
        let request = if row.all_day {
            ClosureRequest {
                resource: Some(resource),
                from: from.date_naive(),
                until: Some(
                    (to - chrono::Duration::days(1))
                        .date_naive()
                        .max(from.date_naive()),
                ),
                hours: None,
                reason,
            }
        } else {
            if to.date_naive() != from.date_naive() {
                return Err(BookingError::invalid(
                    "it runs past midnight: a closure of part of a day ends that day",
                )
                .into());
            }
            ClosureRequest {
                resource: Some(resource),
                from: from.date_naive(),
                until: None,
                hours: Some((from.time(), to.time())),
                reason,
            }
        };
        let added = self.add_closure(&request, now)?;
        let id = added.closure.id;
        self.transact(|conn| remember(conn, Some(&row.key), ImportedAs::Closure(id), now))?;
        Ok(RowOutcome::Imported {
            made: ImportedAs::Closure(id),
        })
    }
}

pub(super) fn skipped(existing: ImportedAs, why: &str) -> RowOutcome {
    RowOutcome::Skipped {
        existing,
        why: why.to_owned(),
    }
}

/// What `key` was imported as before, if it was.
pub(super) fn imported_before(conn: &Db, key: Option<&str>) -> Result<Option<ImportedAs>> {
    let Some(key) = key else { return Ok(None) };
    Ok(conn
        .prepare_cached(
            "SELECT booking_id, customer_id, closure_id FROM import_keys WHERE key = ?1",
        )?
        .query_row([key], |r| {
            Ok(
                match (
                    r.get::<Option<i64>>(0)?,
                    r.get::<Option<i64>>(1)?,
                    r.get::<Option<i64>>(2)?,
                ) {
                    (Some(b), _, _) => ImportedAs::Booking(BookingId(b)),
                    (_, Some(c), _) => ImportedAs::Customer(CustomerId(c)),
                    (_, _, c) => ImportedAs::Closure(ClosureId(c.unwrap_or_default())),
                },
            )
        })
        .optional()?)
}

pub(super) fn remember(
    conn: &Db,
    key: Option<&str>,
    made: ImportedAs,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(key) = key else { return Ok(()) };
    let (b, c, cl) = match made {
        ImportedAs::Booking(id) => (Some(id.0), None, None),
        ImportedAs::Customer(id) => (None, Some(id.0), None),
        ImportedAs::Closure(id) => (None, None, Some(id.0)),
    };
    conn.prepare_cached(
        "INSERT INTO import_keys (key, booking_id, customer_id, closure_id, at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![key, b, c, cl, ts(now)])?;
    Ok(())
}

/// The customer on file who is `who`: the identity rule (the same name and
/// email or phone); for details with neither, the one customer with the
/// same name and no contact either (nothing tells them apart, and an
/// import must not make a new one per row).
pub(super) fn on_file(conn: &Db, who: &CustomerDetails) -> Result<Option<CustomerId>> {
    if who.email.is_some() || who.phone.is_some() {
        let found = with_contact(conn, who.email.as_deref(), who.phone.as_deref())?;
        return Ok(found
            .into_iter()
            .find(|c| same_person(c, who))
            .map(|c| c.id));
    }
    let found = conn
        .prepare_cached(&format!(
            "{CUSTOMER_SELECT} WHERE email IS NULL AND phone IS NULL
               AND last_name = ?1 COLLATE NOCASE AND first_name = ?2 COLLATE NOCASE ORDER BY id"
        ))?
        .query_map(params![who.last_name, who.first_name], |r| {
            customer_columns(r, 0, r.get(0)?)
        })?
        .collect::<db::Result<Vec<_>>>()?
        .into_iter()
        .find(|c| {
            name_key(&c.first_name) == name_key(&who.first_name)
                && name_key(&c.last_name) == name_key(&who.last_name)
        });
    Ok(found.map(|c| c.id))
}

/// `Mon 7 Dec 2026 10:00–10:50 Zoë Brontë`.
fn row_words(row: &ImportedBooking, tz: Tz) -> String {
    let (from, to) = (row.from.with_timezone(&tz), row.to.with_timezone(&tz));
    let when = if row.all_day {
        format!("{} all day", from.format("%a %-d %b %Y"))
    } else {
        format!(
            "{}–{}",
            from.format("%a %-d %b %Y %H:%M"),
            to.format("%H:%M")
        )
    };
    let title: String = row
        .title
        .chars()
        .filter(|c| !c.is_control())
        .take(60)
        .collect();
    format!("{when} {title}").trim().to_owned()
}
