//! `slotdesk import`: rows from other systems placed by the engine's rules,
//! the whole file in ONE `BEGIN IMMEDIATE` transaction with a savepoint per
//! row, so a refused row undoes only itself and the file is kept whole or
//! not at all: a dry run, or a file with a refused row (unless the caller
//! keeps the rest), is rolled back at the end. Each imported row's key is
//! remembered (`import_keys`), so the same file imported again changes
//! nothing.

use super::Store;
use super::bookings::{NewBooking, check_participants, insert};
use super::catalog::{TIME_SLOT_COLUMNS, location, service, time_slot_row};
use super::claims::{SlotContext, claims_on};
use super::codec::{day, hm, ts, weekday_number};
use super::customers::{CUSTOMER_SELECT, new_customer, with_contact};
use super::error::{Result, StoreError};
use super::queries::customer_columns;
use super::transaction::finish;
use crate::domain::availability::{Closure, Unavailable, check_duplicate};
use crate::domain::catalog::Service;
use crate::domain::customer::{CustomerDetails, name_key, same_person};
use crate::domain::import::{
    ImportSummary, ImportedAs, ImportedBooking, ImportedCustomer, RowOutcome, RowRefusal,
    RowReport, cut, one_line, validate_person,
};
use crate::domain::status::PaymentMethod;
use crate::domain::text::{CANCEL_REASON, PAYMENT_REFERENCE, check_text};
use crate::domain::{
    BookingError, BookingId, BookingStatus, ClosureId, ClosureRequest, CustomerId, EventKind,
    ResourceId, ServiceId, TimeSlot, TimeSlotId,
};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;

/// The longest row label and refusal a report line carries (a refused
/// 10 MB field is not printed back whole).
const LABEL_CHARS: usize = 80;
const REASON_CHARS: usize = 200;

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

/// What an import looked up once and reuses for every row.
#[derive(Default)]
struct Known {
    tz: Option<Tz>,
    region: String,
    resources: HashMap<String, ResourceId>,
    services: HashMap<String, ServiceId>,
    /// Each resource's active time slots by weekday and local start.
    time_slots: HashMap<ResourceId, ResourceSlots>,
    /// Services by id, read once.
    by_id: HashMap<ServiceId, Service>,
    /// Every closure, read once (a bookings import adds none).
    closures: Option<Vec<Closure>>,
}

/// The service `id`, read once per import.
fn service_of(conn: &Connection, known: &mut Known, id: ServiceId) -> Result<Service> {
    if let Some(s) = known.by_id.get(&id) {
        return Ok(s.clone());
    }
    let s = service(conn, id)?;
    known.by_id.insert(id, s.clone());
    Ok(s)
}

/// The closures that touch local date `date` (all read once per import).
fn closures_on(conn: &Connection, known: &mut Known, date: NaiveDate) -> Result<Vec<Closure>> {
    if known.closures.is_none() {
        let tz = known.tz.unwrap_or(chrono_tz::UTC);
        known.closures = Some(super::catalog::closures(
            conn,
            NaiveDate::MIN,
            NaiveDate::MAX,
            tz,
        )?);
    }
    Ok(known
        .closures
        .iter()
        .flatten()
        .filter(|c| c.from <= date && date <= c.until)
        .cloned()
        .collect())
}

/// A resource's time slots as an import looks them up: by weekday and
/// local start (a row matches only one starting when it starts), and the
/// services they offer.
#[derive(Default)]
struct ResourceSlots {
    by_start: HashMap<(Weekday, NaiveTime), Vec<TimeSlot>>,
    services: Vec<ServiceId>,
}

impl ResourceSlots {
    fn add(&mut self, slot: TimeSlot) {
        if !self.services.contains(&slot.service_id) {
            self.services.push(slot.service_id);
        }
        self.by_start
            .entry((slot.weekday, slot.starts_local))
            .or_default()
            .push(slot);
    }
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
        let mut known = Known {
            tz: Some(here.time_zone),
            region: here.phone_region,
            ..Known::default()
        };
        let first_event: i64 =
            self.conn
                .query_row("SELECT coalesce(max(id), 0) FROM events", [], |r| r.get(0))?;
        let opts_inner = opts.clone();
        let summary = self.import_rows(rows, opts, now, report, |s, row: &ImportedBooking| {
            let label = row_words(row, known.tz.unwrap_or(chrono_tz::UTC));
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
        if summary.applied {
            // Imported history is not news for the hooks (an SMS hook would
            // text every old customer); the journal keeps it.
            self.transact(|conn| {
                Ok(conn
                    .prepare_cached("DELETE FROM outbox WHERE event_id > ?1")?
                    .execute([first_event])?)
            })?;
        }
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
        let kept = self.batch(|s| {
            for row in rows {
                let (line, label, outcome) = match row {
                    Ok(row) => one(s, &row),
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
                Ok(())
            } else {
                Err(BookingError::invalid("import not kept").into())
            }
        });
        match kept {
            Ok(()) => summary.applied = true,
            // The batch was given up on purpose: a dry run, or a refused row.
            Err(_) if opts.dry_run || (summary.refused > 0 && !opts.skip_refused) => {}
            Err(fault) => return Err(fault),
        }
        Ok(summary)
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
        let resource = match opts.resource {
            Some(r) => r,
            None => self.resource_named(row.resource.as_deref(), known)?,
        };
        let tz = known.tz.unwrap_or(chrono_tz::UTC);
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

    fn resource_named(&self, name: Option<&str>, known: &mut Known) -> Result<ResourceId> {
        let name = name
            .ok_or_else(|| BookingError::invalid("the row names no resource: give --resource"))?;
        if let Some(id) = known.resources.get(name) {
            return Ok(*id);
        }
        let id = self.find_resource(name)?.id;
        known.resources.insert(name.to_owned(), id);
        Ok(id)
    }
}

fn skipped(existing: ImportedAs, why: &str) -> RowOutcome {
    RowOutcome::Skipped {
        existing,
        why: why.to_owned(),
    }
}

/// What `key` was imported as before, if it was.
fn imported_before(conn: &Connection, key: Option<&str>) -> Result<Option<ImportedAs>> {
    let Some(key) = key else { return Ok(None) };
    Ok(conn
        .prepare_cached(
            "SELECT booking_id, customer_id, closure_id FROM import_keys WHERE key = ?1",
        )?
        .query_row([key], |r| {
            Ok(
                match (
                    r.get::<_, Option<i64>>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                ) {
                    (Some(b), _, _) => ImportedAs::Booking(BookingId(b)),
                    (_, Some(c), _) => ImportedAs::Customer(CustomerId(c)),
                    (_, _, c) => ImportedAs::Closure(ClosureId(c.unwrap_or_default())),
                },
            )
        })
        .optional()?)
}

fn remember(
    conn: &Connection,
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
fn on_file(conn: &Connection, who: &CustomerDetails) -> Result<Option<CustomerId>> {
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
        .collect::<rusqlite::Result<Vec<_>>>()?
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

/// Places one booking row (see [`Store::import_bookings`]).
fn place(
    conn: &Connection,
    row: &ImportedBooking,
    opts: &ImportOptions,
    known: &mut Known,
    now: DateTime<Utc>,
) -> Result<RowOutcome> {
    if let Some(existing) = imported_before(conn, Some(&row.key))? {
        return Ok(skipped(existing, "imported before (the same event)"));
    }
    if row.all_day {
        return Err(BookingError::invalid(
            "an all-day event is not an appointment: import it with --as-closures",
        )
        .into());
    }
    let tz = known.tz.unwrap_or(chrono_tz::UTC);
    let resource = match opts.resource {
        Some(r) => r,
        None => {
            let name = row.resource.as_deref().ok_or_else(|| {
                BookingError::invalid("the row names no resource: give --resource")
            })?;
            match known.resources.get(name) {
                Some(id) => *id,
                None => {
                    let id = super::catalog::find_resource_in(conn, name)?.id;
                    known.resources.insert(name.to_owned(), id);
                    id
                }
            }
        }
    };
    let asked = match (opts.service, row.service.as_deref()) {
        (Some(s), _) => Some(s),
        (None, Some(name)) => Some(match known.services.get(name) {
            Some(id) => *id,
            None => {
                let id = super::catalog::find_service_in(conn, name)?.id;
                known.services.insert(name.to_owned(), id);
                id
            }
        }),
        (None, None) => None,
    };
    let (from, to) = (row.from.with_timezone(&tz), row.to.with_timezone(&tz));
    let date = from.date_naive();
    if to.date_naive() != date {
        return Err(BookingError::invalid(
            "it runs past midnight: slotdesk's appointments end the day they start",
        )
        .into());
    }
    if row.from.timestamp() % 60 != 0 || row.to.timestamp() % 60 != 0 {
        return Err(BookingError::invalid(
            "it starts or ends between minutes: slotdesk's times are whole minutes",
        )
        .into());
    }
    let slots = resource_slots(conn, resource, known)?;
    let matching: Vec<&TimeSlot> = slots
        .by_start
        .get(&(date.weekday(), from.time()))
        .into_iter()
        .flatten()
        .filter(|t| asked.is_none_or(|s| t.service_id == s))
        .filter(|t| {
            t.occurrence_on(date, tz)
                .is_some_and(|o| o.from == row.from && o.to == row.to)
        })
        .collect();
    let time_slot =
        match matching.as_slice() {
            [one] => (*one).clone(),
            [] => {
                let service_id = match asked {
                    Some(s) => s,
                    None => only_service(conn, &slots.services)?,
                };
                planned_one_off(conn, service_id, resource, row, tz, known)?
            }
            _ => return Err(BookingError::invalid(
                "several services have a time slot at that time on this resource: give --service",
            )
            .into()),
        };
    let occurrence = time_slot
        .occurrence_on(date, tz)
        .ok_or(BookingError::NoOccurrence(time_slot.id.0, date))?;
    let ctx = SlotContext {
        claims: claims_on(conn, resource, occurrence.from, occurrence.to)?,
        closures: closures_on(conn, known, date)?,
        time_slot,
        occurrence,
    };
    let service = service_of(conn, known, ctx.time_slot.service_id)?;
    super::courses::refuse_one_session(&service, "imported")?;
    let status = row.status.unwrap_or(if row.to <= now {
        BookingStatus::Completed
    } else {
        BookingStatus::Confirmed
    });
    if matches!(status, BookingStatus::Held | BookingStatus::Expired) {
        return Err(
            BookingError::invalid("holds are not imported: a hold lapses in minutes").into(),
        );
    }
    check_participants(row.participants, ctx.occurrence.capacity)?;
    if status.holds_capacity() {
        let state = ctx.state(now, None);
        match state.unavailable {
            None | Some(Unavailable::Past | Unavailable::Full) => {
                if state
                    .taken
                    .checked_add(row.participants)
                    .is_none_or(|t| t > ctx.occurrence.capacity)
                {
                    return Err(BookingError::SlotFull.into());
                }
            }
            Some(other) => return Err(other.to_error().into()),
        }
    }
    // Who: on file, or new (written below, once every check has passed).
    let (on_file_as, new_person) = match &row.person {
        Some(p) => {
            let who = validate_person(p, &known.region)?;
            match on_file(conn, &who)? {
                Some(id) => (Some(id), None),
                None => (None, Some(who)),
            }
        }
        None => (None, None),
    };
    if let Some(c) = on_file_as
        && status.holds_capacity()
    {
        check_duplicate(&ctx.occurrence, &ctx.claims, c, now, None)?;
    }
    let message = super::bookings::clean_message(row.message.as_deref().map(one_line).as_deref())?;
    let reason = row
        .cancel_reason
        .as_deref()
        .map(|r| check_text(CANCEL_REASON.name, CANCEL_REASON.max, &one_line(r)).map(str::to_owned))
        .transpose()?;
    let reference = row
        .payment
        .as_ref()
        .and_then(|p| p.reference.as_deref())
        .map(|r| check_text(PAYMENT_REFERENCE.name, PAYMENT_REFERENCE.max, r).map(str::to_owned))
        .transpose()?;
    // Every check has passed: from here on only writes, which fail only
    // as faults of the database (and end the import).
    let mut ctx = ctx;
    if ctx.time_slot.id.0 == 0 {
        let id = write_one_off(conn, &ctx.time_slot, known)?;
        ctx.time_slot.id = id;
        ctx.occurrence.time_slot_id = id;
    }
    let customer = match (on_file_as, new_person) {
        (Some(id), _) => Some(id),
        (None, Some(who)) => Some(new_customer(conn, &who, now)?),
        (None, None) => None,
    };
    let id = insert(
        conn,
        &NewBooking {
            ctx: &ctx,
            participants: row.participants,
            status,
            hold_expires_at: None,
            customer,
            message: message.as_deref(),
            notify: None,
            currency: &service.currency,
            idempotency_key: None,
        },
        now,
    )?;
    if status == BookingStatus::Cancelled {
        conn.prepare_cached("UPDATE bookings SET cancel_reason = ?2 WHERE id = ?1")?
            .execute(params![
                id.0,
                reason
                    .as_deref()
                    .unwrap_or("cancelled before it was imported")
            ])?;
    }
    if let Some(p) = &row.payment {
        conn.prepare_cached(
            "UPDATE bookings SET payment_status = ?2, payment_amount = ?3, payment_method = ?4,
                                 payment_reference = ?5 WHERE id = ?1",
        )?
        .execute(params![
            id.0,
            p.status.as_str(),
            p.amount,
            p.method.map(PaymentMethod::as_str),
            reference
        ])?;
    }
    remember(conn, Some(&row.key), ImportedAs::Booking(id), now)?;
    finish(conn, id, EventKind::BookingCreated, now)?;
    Ok(RowOutcome::Imported {
        made: ImportedAs::Booking(id),
    })
}

/// The resource's time slots, read once per import.
fn resource_slots<'k>(
    conn: &Connection,
    resource: ResourceId,
    known: &'k mut Known,
) -> Result<&'k ResourceSlots> {
    match known.time_slots.entry(resource) {
        std::collections::hash_map::Entry::Occupied(e) => Ok(e.into_mut()),
        std::collections::hash_map::Entry::Vacant(e) => {
            let mut slots = ResourceSlots::default();
            for slot in conn
                .prepare_cached(&format!(
                    "{TIME_SLOT_COLUMNS} WHERE resource_id = ?1 AND active = 1"
                ))?
                .query_map([resource.0], time_slot_row)?
            {
                slots.add(slot?);
            }
            Ok(e.insert(slots))
        }
    }
}

/// The one service the resource's time slots offer. Errors: none or several.
fn only_service(conn: &Connection, services: &[ServiceId]) -> Result<ServiceId> {
    match services {
        [one] => Ok(*one),
        [] => Err(BookingError::invalid(
            "the resource offers no service in the catalog: give --service",
        )
        .into()),
        many => {
            let names: Vec<String> = many
                .iter()
                .filter_map(|id| service(conn, *id).ok())
                .map(|s| s.name)
                .collect();
            Err(BookingError::invalid(format!(
                "no time slot starts and ends then, and the resource offers {}: give --service to make one",
                names.join(", ")
            ))
            .into())
        }
    }
}

/// A one-off time slot of `service_id` on `resource` for the row's date
/// and hours, planned but not yet written (id 0: it holds no bookings).
/// Errors: a time slot of the service already starts then on that date
/// with other hours, or was retired.
fn planned_one_off(
    conn: &Connection,
    service_id: ServiceId,
    resource: ResourceId,
    row: &ImportedBooking,
    tz: Tz,
    known: &mut Known,
) -> Result<TimeSlot> {
    let service = service_of(conn, known, service_id)?;
    let (from, to) = (row.from.with_timezone(&tz), row.to.with_timezone(&tz));
    let date = from.date_naive();
    let taken: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM time_slots WHERE service_id = ?1 AND resource_id = ?2
               AND weekday = ?3 AND starts_local = ?4 AND valid_from = ?5)",
        )?
        .query_row(
            params![
                service_id.0,
                resource.0,
                weekday_number(date.weekday()),
                hm(from.time()),
                day(date)
            ],
            |r| r.get(0),
        )?;
    if taken {
        return Err(BookingError::invalid(
            "a time slot of this service starts then with other hours: give the catalog's hours",
        )
        .into());
    }
    Ok(TimeSlot {
        id: TimeSlotId(0),
        service_id,
        resource_id: resource,
        weekday: date.weekday(),
        starts_local: from.time(),
        ends_local: to.time(),
        capacity: service.capacity,
        valid_from: date,
        valid_until: date,
        active: true,
    })
}

/// Writes a planned one-off time slot, kept by later catalog applies;
/// returns its id.
fn write_one_off(conn: &Connection, slot: &TimeSlot, known: &mut Known) -> Result<TimeSlotId> {
    conn.prepare_cached(
        "INSERT INTO time_slots (service_id, resource_id, weekday, starts_local, ends_local, capacity,
                                 valid_from, valid_until, imported)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 1)",
    )?
    .execute(params![
        slot.service_id.0,
        slot.resource_id.0,
        weekday_number(slot.weekday),
        hm(slot.starts_local),
        hm(slot.ends_local),
        slot.capacity,
        day(slot.valid_from),
    ])?;
    let id = TimeSlotId(conn.last_insert_rowid());
    known
        .time_slots
        .entry(slot.resource_id)
        .or_default()
        .add(TimeSlot { id, ..slot.clone() });
    Ok(id)
}
