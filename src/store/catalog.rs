//! Reading the applied catalog: location, services (with questions and
//! add-ons), resources, time slots and closures.

use super::Store;
use super::codec::{date_col, time_col, weekday};
use super::error::Result;
use crate::domain::availability::Closure;
use crate::domain::catalog::{AddOn, Location, Question, Resource, Service};
use crate::domain::course::{Course, ServiceKind};
use crate::domain::{AddOnId, BookingError, ResourceId, ServiceId, TimeSlot, TimeSlotId};
use crate::store::db::{self, Db, Optional};
use chrono::Datelike;
use chrono::NaiveDate;

impl Store {
    /// The location, or [`BookingError::NoCatalog`] before a catalog is applied.
    pub fn location(&self) -> Result<Location> {
        location(&self.conn)
    }

    /// Every active service with its questions and add-ons, by name.
    pub fn services(&self) -> Result<Vec<Service>> {
        services(&self.conn, true)
    }

    /// Every active resource, by name.
    pub fn resources(&self) -> Result<Vec<Resource>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, key, name, kind, active FROM resources WHERE active = 1 ORDER BY name",
        )?;
        let rows = stmt.query_map((), resource_row)?;
        Ok(rows.collect::<db::Result<_>>()?)
    }

    /// The service whose id, key or name (any case) is `text`.
    /// Errors: `service not found`.
    pub fn find_service(&self, text: &str) -> Result<Service> {
        find_service_in(&self.conn, text)
    }

    /// The resource whose id, key or name (any case) is `text`.
    /// Errors: `resource not found`.
    pub fn find_resource(&self, text: &str) -> Result<Resource> {
        find_resource_in(&self.conn, text)
    }

    /// The weekly time slots of the location (all services), active ones only.
    pub fn time_slots(&self) -> Result<Vec<TimeSlot>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{TIME_SLOT_COLUMNS} WHERE active = 1 ORDER BY resource_id, weekday, starts_local"
        ))?;
        let rows = stmt.query_map((), time_slot_row)?;
        Ok(rows.collect::<db::Result<_>>()?)
    }
}

/// Prefers an active match; ids match exactly, keys and names ignoring case.
/// [`Store::find_service`] on `conn` (inside a write).
pub(super) fn find_service_in(conn: &Db, text: &str) -> Result<Service> {
    let all = services(conn, false)?;
    find_by(all, text, |s| (s.id.0, &s.key, &s.name, s.active))
        .ok_or_else(|| BookingError::ServiceNotFound(text.to_owned()).into())
}

/// [`Store::find_resource`] on `conn` (inside a write).
pub(super) fn find_resource_in(conn: &Db, text: &str) -> Result<Resource> {
    let mut stmt = conn.prepare_cached("SELECT id, key, name, kind, active FROM resources")?;
    let all = stmt
        .query_map((), resource_row)?
        .collect::<db::Result<Vec<_>>>()?;
    find_by(all, text, |r| (r.id.0, &r.key, &r.name, r.active))
        .ok_or_else(|| BookingError::ResourceNotFound(text.to_owned()).into())
}

fn find_by<T>(
    all: Vec<T>,
    text: &str,
    fields: impl Fn(&T) -> (i64, &String, &String, bool),
) -> Option<T> {
    let text = text.trim();
    let id: Option<i64> = text.parse().ok();
    let mut found: Vec<T> = all
        .into_iter()
        .filter(|x| {
            let (xid, key, name, _) = fields(x);
            Some(xid) == id || key.eq_ignore_ascii_case(text) || name.eq_ignore_ascii_case(text)
        })
        .collect();
    found.sort_by_key(|x| !fields(x).3);
    found.into_iter().next()
}

/// The location. Errors: no catalog loaded yet.
pub(super) fn location(conn: &Db) -> Result<Location> {
    conn.memo(("location", 0), || read_location(conn))
}

fn read_location(conn: &Db) -> Result<Location> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, time_zone, phone_region, currency FROM location WHERE id = 1",
    )?;
    let row = stmt
        .query_row((), |r| {
            Ok((
                r.get::<String>(0)?,
                r.get::<String>(1)?,
                r.get(2)?,
                r.get(3)?,
            ))
        })
        .optional()?
        .ok_or(BookingError::NoCatalog)?;
    let time_zone = row
        .1
        .parse()
        .map_err(|_| BookingError::invalid(format!("stored time zone `{}` is unknown", row.1)))?;
    Ok(Location {
        name: row.0,
        time_zone,
        phone_region: row.2,
        currency: row.3,
    })
}

fn resource_row(r: &db::Row<'_>) -> db::Result<Resource> {
    Ok(Resource {
        id: ResourceId(r.get(0)?),
        key: r.get(1)?,
        name: r.get(2)?,
        kind: r.get(3)?,
        active: r.get(4)?,
    })
}

/// Every service (or the active ones), by name, with questions, add-ons
/// and a course's sessions.
pub(super) fn services(conn: &Db, active_only: bool) -> Result<Vec<Service>> {
    let mut all = conn.memo(("services", 0), || read_services(conn))?;
    if active_only {
        all.retain(|s| s.active);
    }
    Ok(all)
}

fn read_services(conn: &Db) -> Result<Vec<Service>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, key, name, duration_minutes, capacity, hold_minutes, price, currency,
                require_email_and_phone, active, horizon_days, min_notice_minutes, short_name,
                reminder_hours, kind, choices, requires_approval
         FROM services ORDER BY name",
    )?;
    let mut kinds = Vec::new();
    let mut all = stmt
        .query_map((), |r| {
            kinds.push(r.get::<String>(14)?);
            Ok(Service {
                id: ServiceId(r.get(0)?),
                key: r.get(1)?,
                name: r.get(2)?,
                short_name: r.get(12)?,
                duration_minutes: r.get(3)?,
                capacity: r.get(4)?,
                hold_minutes: r.get(5)?,
                horizon_days: r.get(10)?,
                min_notice_minutes: r.get(11)?,
                reminder_hours: r.get(13)?,
                price: r.get(6)?,
                currency: r.get(7)?,
                require_email_and_phone: r.get(8)?,
                questions: Vec::new(),
                add_ons: Vec::new(),
                course: None,
                choices: super::codec::json_col(r, 15)?,
                requires_approval: r.get(16)?,
                active: r.get(9)?,
            })
        })?
        .collect::<db::Result<Vec<_>>>()?;
    courses(conn, &mut all, &kinds)?;
    let mut questions = conn.prepare_cached(
        "SELECT service_id, name, required FROM service_questions ORDER BY service_id, position",
    )?;
    for row in questions.query_map((), |r| Ok((r.get::<i64>(0)?, r.get(1)?, r.get(2)?)))? {
        let (sid, name, required) = row?;
        if let Some(s) = all.iter_mut().find(|s| s.id.0 == sid) {
            s.questions.push(Question { name, required });
        }
    }
    let mut add_ons = conn.prepare_cached(
        "SELECT service_id, id, name, price FROM add_ons WHERE active = 1 ORDER BY service_id, name",
    )?;
    for row in add_ons.query_map((), |r| {
        Ok((r.get::<i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })? {
        let (sid, id, name, price) = row?;
        if let Some(s) = all.iter_mut().find(|s| s.id.0 == sid) {
            s.add_ons.push(AddOn {
                id: AddOnId(id),
                name,
                price,
            });
        }
    }
    Ok(all)
}

/// Fills in the sessions of the courses among `all` (`kinds[i]` is
/// `all[i]`'s stored kind): their active one-off time slots.
fn courses(conn: &Db, all: &mut [Service], kinds: &[String]) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!(
        "{TIME_SLOT_COLUMNS} WHERE service_id = ?1 AND active = 1"
    ))?;
    for (s, kind) in all.iter_mut().zip(kinds) {
        if ServiceKind::parse(kind) != Some(ServiceKind::Course) {
            continue;
        }
        let slots = stmt
            .query_map([s.id.0], time_slot_row)?
            .collect::<db::Result<Vec<_>>>()?;
        s.course = Some(Course::from_time_slots(&slots).unwrap_or(Course {
            resource_id: ResourceId(0),
            sessions: Vec::new(),
        }));
    }
    Ok(())
}

/// The service with `id`, with questions and add-ons.
pub(super) fn service(conn: &Db, id: ServiceId) -> Result<Service> {
    services(conn, false)?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| BookingError::ServiceNotFound(id.to_string()).into())
}

pub(super) const TIME_SLOT_COLUMNS: &str =
    "SELECT id, service_id, resource_id, weekday, starts_local,
    ends_local, capacity, valid_from, valid_until, active FROM time_slots";

pub(super) fn time_slot_row(r: &db::Row<'_>) -> db::Result<TimeSlot> {
    Ok(TimeSlot {
        id: TimeSlotId(r.get(0)?),
        service_id: ServiceId(r.get(1)?),
        resource_id: ResourceId(r.get(2)?),
        weekday: weekday(r.get(3)?),
        starts_local: time_col(r, 4)?,
        ends_local: time_col(r, 5)?,
        capacity: r.get(6)?,
        valid_from: date_col(r, 7)?,
        valid_until: date_col(r, 8)?,
        active: r.get(9)?,
    })
}

/// The time slot with `id`. Errors: `time slot not found`.
pub(super) fn time_slot(conn: &Db, id: TimeSlotId) -> Result<TimeSlot> {
    conn.memo(("time slot", id.0), || {
        let mut stmt = conn.prepare_cached(&format!("{TIME_SLOT_COLUMNS} WHERE id = ?1"))?;
        stmt.query_row([id.0], time_slot_row)
            .optional()?
            .ok_or_else(|| BookingError::TimeSlotNotFound.into())
    })
}

/// Closures that touch `[from, until]`, of any resource or the location,
/// from the catalog or the desk, their part-day hours as instants in `tz`.
pub(super) fn closures(
    conn: &Db,
    from: NaiveDate,
    until: NaiveDate,
    tz: chrono_tz::Tz,
) -> Result<Vec<Closure>> {
    let read = || -> Result<Vec<Closure>> {
        Ok(super::closures::closures_between(conn, from, until)?
            .iter()
            .map(|c| c.rule(tz))
            .collect())
    };
    // One day's (every write's slot) is kept with the catalog; closures
    // change the catalog's stamp too.
    if from == until {
        conn.memo(("closures", i64::from(from.num_days_from_ce())), read)
    } else {
        read()
    }
}
