//! Placing one imported appointment by the engine's rules: its resource
//! and service, the catalog's time slot or a one-off one, the capacity,
//! one-thing-at-a-time, closure and duplicate rules, its customer — every
//! check first, then the writes — with what an import reads once (time
//! slots by start, services, closures) kept between rows.

use super::bookings::{NewBooking, check_participants, insert};
use super::catalog::{TIME_SLOT_COLUMNS, service, time_slot_row};
use super::claims::{SlotContext, claims_of};
use super::codec::{day, hm, weekday_number};
use super::customers::new_customer;
use super::error::Result;
use super::import::{ImportOptions, imported_before, on_file, remember, skipped};
use super::transaction::finish;
use crate::domain::availability::{Closure, Unavailable, check_duplicate};
use crate::domain::catalog::Service;
use crate::domain::import::{ImportedAs, ImportedBooking, RowOutcome, one_line, validate_person};
use crate::domain::status::PaymentMethod;
use crate::domain::text::{CANCEL_REASON, PAYMENT_REFERENCE, check_text};
use crate::domain::{
    BookingError, BookingStatus, EventKind, ResourceId, ServiceId, TimeSlot, TimeSlotId,
};
use crate::store::db::{Db, params};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use std::collections::HashMap;

/// What an import looked up once and reuses for every row.
#[derive(Default)]
pub(super) struct Known {
    pub(super) tz: Tz,
    pub(super) region: String,
    resources: HashMap<String, ResourceId>,
    services: HashMap<String, ServiceId>,
    /// Each resource's active time slots by weekday and local start.
    time_slots: HashMap<ResourceId, ResourceSlots>,
    /// Services by id, read once.
    by_id: HashMap<ServiceId, Service>,
    /// Every closure, read once (a bookings import adds none).
    closures: Option<Vec<Closure>>,
}

impl Known {
    /// Nothing read yet, for a location in `tz` with phone region `region`.
    pub(super) fn new(tz: Tz, region: String) -> Self {
        Self {
            tz,
            region,
            ..Self::default()
        }
    }
}

/// The service `id`, read once per import.
fn service_of(conn: &Db, known: &mut Known, id: ServiceId) -> Result<Service> {
    if let Some(s) = known.by_id.get(&id) {
        return Ok(s.clone());
    }
    let s = service(conn, id)?;
    known.by_id.insert(id, s.clone());
    Ok(s)
}

/// The closures that touch local date `date` (all read once per import).
fn closures_on(conn: &Db, known: &mut Known, date: NaiveDate) -> Result<Vec<Closure>> {
    if known.closures.is_none() {
        let tz = known.tz;
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

/// The resource a row goes to: `--resource`, else the row's own (looked up
/// once per name). Errors: neither; `resource not found`.
pub(super) fn resource_of(
    conn: &Db,
    row: &ImportedBooking,
    opts: &ImportOptions,
    known: &mut Known,
) -> Result<ResourceId> {
    if let Some(r) = opts.resource {
        return Ok(r);
    }
    let name = row
        .resource
        .as_deref()
        .ok_or_else(|| BookingError::invalid("the row names no resource: give --resource"))?;
    if let Some(id) = known.resources.get(name) {
        return Ok(*id);
    }
    let id = super::catalog::find_resource_in(conn, name)?.id;
    known.resources.insert(name.to_owned(), id);
    Ok(id)
}

/// Places one booking row (see [`Store::import_bookings`]).
pub(super) fn place(
    conn: &Db,
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
    let tz = known.tz;
    let resource = resource_of(conn, row, opts, known)?;
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
        claims: claims_of(conn, &occurrence)?,
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
    conn: &Db,
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
fn only_service(conn: &Db, services: &[ServiceId]) -> Result<ServiceId> {
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
    conn: &Db,
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
fn write_one_off(conn: &Db, slot: &TimeSlot, known: &mut Known) -> Result<TimeSlotId> {
    let new_id: i64 = conn.prepare_cached(
        "INSERT INTO time_slots (service_id, resource_id, weekday, starts_local, ends_local, capacity,
                                 valid_from, valid_until, imported)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 1) RETURNING id",
    )?
    .query_row(params![
        slot.service_id.0,
        slot.resource_id.0,
        weekday_number(slot.weekday),
        hm(slot.starts_local),
        hm(slot.ends_local),
        slot.capacity,
        day(slot.valid_from),
    ], |r| r.get(0))?;
    let id = TimeSlotId(new_id);
    known
        .time_slots
        .entry(slot.resource_id)
        .or_default()
        .add(TimeSlot { id, ..slot.clone() });
    Ok(id)
}
