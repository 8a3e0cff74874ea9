//! Applying a catalog file idempotently (upsert by stable key, retire what the
//! file no longer names) and reading the catalog back.

use super::Store;
use super::codec::{date_col, day, hm, time_col, weekday, weekday_number};
use super::error::Result;
use super::events::record;
use crate::domain::availability::Closure;
use crate::domain::catalog::{AddOn, Location, Question, Resource, Service};
use crate::domain::catalog_file::Catalog;
use crate::domain::{AddOnId, BookingError, ResourceId, ServiceId, TimeSlot, TimeSlotId};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use std::collections::HashSet;

/// What applying a catalog changed; all zero when the file was applied before.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CatalogChanges {
    /// Rows created.
    pub added: usize,
    /// Rows whose fields changed.
    pub updated: usize,
    /// Rows the file no longer names: marked inactive (kept for history) or,
    /// for closures, removed.
    pub retired: usize,
}

impl CatalogChanges {
    /// Whether anything changed.
    pub fn is_empty(&self) -> bool {
        self.added + self.updated + self.retired == 0
    }

    fn count(&mut self, existed: bool, changed: usize) {
        match (existed, changed > 0) {
            (false, _) => self.added += 1,
            (true, true) => self.updated += 1,
            (true, false) => {}
        }
    }
}

impl Store {
    /// Applies `catalog` in one transaction: location, resources, services
    /// (questions, add-ons), time slots and closures. Applying the same file
    /// twice changes nothing. Records a `catalog.applied` event when it changes
    /// anything.
    pub fn apply_catalog(
        &mut self,
        catalog: &Catalog,
        now: DateTime<Utc>,
    ) -> Result<CatalogChanges> {
        self.write(now, |conn| {
            let mut changes = CatalogChanges::default();
            apply_location(conn, catalog, &mut changes)?;
            apply_resources(conn, catalog, &mut changes)?;
            apply_services(conn, catalog, &mut changes)?;
            apply_time_slots(conn, catalog, &mut changes)?;
            apply_closures(conn, catalog, &mut changes)?;
            if !changes.is_empty() {
                record(
                    conn,
                    now,
                    "catalog.applied",
                    None,
                    None,
                    &serde_json::to_value(changes).unwrap_or_default(),
                )?;
            }
            Ok(changes)
        })
    }

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
        let rows = stmt.query_map([], resource_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The service whose id, key or name (any case) is `text`.
    /// Errors: `service not found`.
    pub fn find_service(&self, text: &str) -> Result<Service> {
        let all = services(&self.conn, false)?;
        find_by(all, text, |s| (s.id.0, &s.key, &s.name, s.active))
            .ok_or_else(|| BookingError::ServiceNotFound(text.to_owned()).into())
    }

    /// The resource whose id, key or name (any case) is `text`.
    /// Errors: `resource not found`.
    pub fn find_resource(&self, text: &str) -> Result<Resource> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, key, name, kind, active FROM resources")?;
        let all = stmt
            .query_map([], resource_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        find_by(all, text, |r| (r.id.0, &r.key, &r.name, r.active))
            .ok_or_else(|| BookingError::ResourceNotFound(text.to_owned()).into())
    }

    /// The weekly time slots of the location (all services), active ones only.
    pub fn time_slots(&self) -> Result<Vec<TimeSlot>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{TIME_SLOT_COLUMNS} WHERE active = 1 ORDER BY resource_id, weekday, starts_local"
        ))?;
        let rows = stmt.query_map([], time_slot_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Prefers an active match; ids match exactly, keys and names ignoring case.
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

pub(super) fn location(conn: &Connection) -> Result<Location> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, time_zone, phone_region, currency FROM location WHERE id = 1",
    )?;
    let row = stmt
        .query_row([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
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

fn resource_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Resource> {
    Ok(Resource {
        id: ResourceId(r.get(0)?),
        key: r.get(1)?,
        name: r.get(2)?,
        kind: r.get(3)?,
        active: r.get(4)?,
    })
}

pub(super) fn services(conn: &Connection, active_only: bool) -> Result<Vec<Service>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, key, name, duration_minutes, capacity, hold_minutes, price, currency,
                require_email_and_phone, active
         FROM services ORDER BY name",
    )?;
    let mut all = stmt
        .query_map([], |r| {
            Ok(Service {
                id: ServiceId(r.get(0)?),
                key: r.get(1)?,
                name: r.get(2)?,
                duration_minutes: r.get(3)?,
                capacity: r.get(4)?,
                hold_minutes: r.get(5)?,
                price: r.get(6)?,
                currency: r.get(7)?,
                require_email_and_phone: r.get(8)?,
                questions: Vec::new(),
                add_ons: Vec::new(),
                active: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if active_only {
        all.retain(|s| s.active);
    }
    let mut questions = conn.prepare_cached(
        "SELECT service_id, name, required FROM service_questions ORDER BY service_id, position",
    )?;
    for row in questions.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))? {
        let (sid, name, required) = row?;
        if let Some(s) = all.iter_mut().find(|s| s.id.0 == sid) {
            s.questions.push(Question { name, required });
        }
    }
    let mut add_ons = conn.prepare_cached(
        "SELECT service_id, id, name, price FROM add_ons WHERE active = 1 ORDER BY service_id, name",
    )?;
    for row in add_ons.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
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

/// The service with `id`, with questions and add-ons.
pub(super) fn service(conn: &Connection, id: ServiceId) -> Result<Service> {
    services(conn, false)?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| BookingError::ServiceNotFound(id.to_string()).into())
}

pub(super) const TIME_SLOT_COLUMNS: &str =
    "SELECT id, service_id, resource_id, weekday, starts_local,
    ends_local, capacity, valid_from, valid_until, active FROM time_slots";

pub(super) fn time_slot_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TimeSlot> {
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
pub(super) fn time_slot(conn: &Connection, id: TimeSlotId) -> Result<TimeSlot> {
    let mut stmt = conn.prepare_cached(&format!("{TIME_SLOT_COLUMNS} WHERE id = ?1"))?;
    stmt.query_row([id.0], time_slot_row)
        .optional()?
        .ok_or_else(|| BookingError::TimeSlotNotFound.into())
}

/// Closures that touch `[from, until]`, of any resource or the location.
pub(super) fn closures(
    conn: &Connection,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<Closure>> {
    let mut stmt = conn.prepare_cached(
        "SELECT resource_id, from_date, until_date, reason FROM closures
         WHERE from_date <= ?2 AND until_date >= ?1",
    )?;
    let rows = stmt.query_map(params![day(from), day(until)], |r| {
        Ok(Closure {
            resource_id: r.get::<_, Option<i64>>(0)?.map(ResourceId),
            from: date_col(r, 1)?,
            until: date_col(r, 2)?,
            reason: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn apply_location(conn: &Connection, c: &Catalog, changes: &mut CatalogChanges) -> Result<()> {
    let existed = conn
        .query_row("SELECT 1 FROM location WHERE id = 1", [], |_| Ok(()))
        .optional()?
        .is_some();
    let l = &c.location;
    let n = conn.execute(
        "INSERT INTO location (id, name, time_zone, phone_region, currency) VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone,
             phone_region = excluded.phone_region, currency = excluded.currency
         WHERE (name, time_zone, phone_region, currency)
            IS NOT (excluded.name, excluded.time_zone, excluded.phone_region, excluded.currency)",
        params![l.name, l.time_zone.name(), l.phone_region, l.currency],
    )?;
    changes.count(existed, n);
    Ok(())
}

fn key_id(conn: &Connection, sql: &str, key: &str) -> Result<Option<i64>> {
    Ok(conn.query_row(sql, [key], |r| r.get(0)).optional()?)
}

fn apply_resources(conn: &Connection, c: &Catalog, changes: &mut CatalogChanges) -> Result<()> {
    for r in &c.resources {
        let existed = key_id(conn, "SELECT id FROM resources WHERE key = ?1", &r.key)?.is_some();
        let n = conn.execute(
            "INSERT INTO resources (key, name, kind) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET name = excluded.name, kind = excluded.kind, active = 1
             WHERE (name, kind, active) IS NOT (excluded.name, excluded.kind, 1)",
            params![r.key, r.name, r.kind],
        )?;
        changes.count(existed, n);
    }
    let keys: HashSet<&str> = c.resources.iter().map(|r| r.key.as_str()).collect();
    retire(conn, "resources", "key", &keys, changes)
}

/// Marks active rows of `table` whose `column` is not in `keep` inactive.
fn retire(
    conn: &Connection,
    table: &str,
    column: &str,
    keep: &HashSet<&str>,
    changes: &mut CatalogChanges,
) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, {column} FROM {table} WHERE active = 1"
    ))?;
    let stale: Vec<i64> = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .filter_map(std::result::Result::ok)
        .filter(|(_, k)| !keep.contains(k.as_str()))
        .map(|(id, _)| id)
        .collect();
    for id in stale {
        conn.execute(
            &format!("UPDATE {table} SET active = 0 WHERE id = ?1"),
            [id],
        )?;
        changes.retired += 1;
    }
    Ok(())
}

fn apply_services(conn: &Connection, c: &Catalog, changes: &mut CatalogChanges) -> Result<()> {
    for s in &c.services {
        let existed = key_id(conn, "SELECT id FROM services WHERE key = ?1", &s.key)?.is_some();
        let n = conn.execute(
            "INSERT INTO services (key, name, duration_minutes, capacity, hold_minutes, price, currency,
                                   require_email_and_phone)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (key) DO UPDATE SET name = excluded.name,
                 duration_minutes = excluded.duration_minutes, capacity = excluded.capacity,
                 hold_minutes = excluded.hold_minutes, price = excluded.price,
                 currency = excluded.currency,
                 require_email_and_phone = excluded.require_email_and_phone, active = 1
             WHERE (name, duration_minutes, capacity, hold_minutes, price, currency,
                    require_email_and_phone, active)
                IS NOT (excluded.name, excluded.duration_minutes, excluded.capacity,
                    excluded.hold_minutes, excluded.price, excluded.currency,
                    excluded.require_email_and_phone, 1)",
            params![s.key, s.name, s.duration_minutes, s.capacity, s.hold_minutes, s.price, s.currency, s.require_email_and_phone],
        )?;
        let id =
            key_id(conn, "SELECT id FROM services WHERE key = ?1", &s.key)?.unwrap_or_default();
        let extras =
            apply_questions(conn, id, &s.questions)? + apply_add_ons(conn, id, &s.add_ons)?;
        changes.count(existed, n + extras);
    }
    let keys: HashSet<&str> = c.services.iter().map(|s| s.key.as_str()).collect();
    retire(conn, "services", "key", &keys, changes)
}

fn apply_questions(
    conn: &Connection,
    service_id: i64,
    questions: &[crate::domain::catalog_file::QuestionDef],
) -> Result<usize> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, required FROM service_questions WHERE service_id = ?1 ORDER BY position",
    )?;
    let stored: Vec<(String, bool)> = stmt
        .query_map([service_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let wanted: Vec<(String, bool)> = questions
        .iter()
        .map(|q| (q.name.clone(), q.required))
        .collect();
    if stored == wanted {
        return Ok(0);
    }
    conn.execute(
        "DELETE FROM service_questions WHERE service_id = ?1",
        [service_id],
    )?;
    for (position, (name, required)) in wanted.iter().enumerate() {
        conn.execute(
            "INSERT INTO service_questions (service_id, position, name, required) VALUES (?1, ?2, ?3, ?4)",
            params![service_id, position as i64, name, required],
        )?;
    }
    Ok(1)
}

fn apply_add_ons(conn: &Connection, service_id: i64, add_ons: &[(String, i64)]) -> Result<usize> {
    let mut changed = 0;
    for (name, price) in add_ons {
        changed += conn.execute(
            "INSERT INTO add_ons (service_id, name, price) VALUES (?1, ?2, ?3)
             ON CONFLICT (service_id, name) DO UPDATE SET price = excluded.price, active = 1
             WHERE (price, active) IS NOT (excluded.price, 1)",
            params![service_id, name, price],
        )?;
    }
    let names: Vec<&str> = add_ons.iter().map(|(n, _)| n.as_str()).collect();
    let mut stmt =
        conn.prepare_cached("SELECT id, name FROM add_ons WHERE service_id = ?1 AND active = 1")?;
    let stale: Vec<i64> = stmt
        .query_map([service_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .filter_map(std::result::Result::ok)
        .filter(|(_, n)| !names.contains(&n.as_str()))
        .map(|(id, _)| id)
        .collect();
    for id in stale {
        changed += conn.execute("UPDATE add_ons SET active = 0 WHERE id = ?1", [id])?;
    }
    Ok(changed)
}

fn apply_time_slots(conn: &Connection, c: &Catalog, changes: &mut CatalogChanges) -> Result<()> {
    let mut keep = HashSet::new();
    for t in &c.time_slots {
        let service =
            key_id(conn, "SELECT id FROM services WHERE key = ?1", &t.service)?.unwrap_or_default();
        let resource = key_id(conn, "SELECT id FROM resources WHERE key = ?1", &t.resource)?
            .unwrap_or_default();
        let natural = params![
            service,
            resource,
            weekday_number(t.weekday),
            hm(t.starts_local),
            day(t.valid_from)
        ];
        let existing: Option<i64> = conn
            .query_row(
                "SELECT id FROM time_slots WHERE service_id = ?1 AND resource_id = ?2 AND weekday = ?3
                   AND starts_local = ?4 AND valid_from = ?5",
                natural,
                |r| r.get(0),
            )
            .optional()?;
        let n = conn.execute(
            "INSERT INTO time_slots (service_id, resource_id, weekday, starts_local, valid_from,
                                     ends_local, capacity, valid_until)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (service_id, resource_id, weekday, starts_local, valid_from) DO UPDATE SET
                 ends_local = excluded.ends_local, capacity = excluded.capacity,
                 valid_until = excluded.valid_until, active = 1
             WHERE (ends_local, capacity, valid_until, active)
                IS NOT (excluded.ends_local, excluded.capacity, excluded.valid_until, 1)",
            params![
                service,
                resource,
                weekday_number(t.weekday),
                hm(t.starts_local),
                day(t.valid_from),
                hm(t.ends_local),
                t.capacity,
                day(t.valid_until)
            ],
        )?;
        changes.count(existing.is_some(), n);
        let id: i64 = conn.query_row(
            "SELECT id FROM time_slots WHERE service_id = ?1 AND resource_id = ?2 AND weekday = ?3
               AND starts_local = ?4 AND valid_from = ?5",
            natural,
            |r| r.get(0),
        )?;
        keep.insert(id);
    }
    let mut stmt = conn.prepare("SELECT id FROM time_slots WHERE active = 1")?;
    let stale: Vec<i64> = stmt
        .query_map([], |r| r.get(0))?
        .filter_map(std::result::Result::ok)
        .filter(|id| !keep.contains(id))
        .collect();
    for id in stale {
        conn.execute("UPDATE time_slots SET active = 0 WHERE id = ?1", [id])?;
        changes.retired += 1;
    }
    Ok(())
}

/// A closure as compared between file and database: resource key, from, until, reason.
type ClosureRow = (Option<String>, String, String, String);

fn apply_closures(conn: &Connection, c: &Catalog, changes: &mut CatalogChanges) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT c.id, r.key, c.from_date, c.until_date, c.reason
         FROM closures c LEFT JOIN resources r ON r.id = c.resource_id",
    )?;
    let stored: Vec<(i64, ClosureRow)> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let wanted: Vec<ClosureRow> = c
        .closures
        .iter()
        .map(|x| {
            (
                x.resource.clone(),
                day(x.from),
                day(x.until),
                x.reason.clone(),
            )
        })
        .collect();
    for (id, row) in &stored {
        if !wanted.contains(row) {
            conn.execute("DELETE FROM closures WHERE id = ?1", [id])?;
            changes.retired += 1;
        }
    }
    for row in wanted {
        if stored.iter().any(|(_, s)| *s == row) {
            continue;
        }
        let resource = match &row.0 {
            Some(key) => key_id(conn, "SELECT id FROM resources WHERE key = ?1", key)?,
            None => None,
        };
        conn.execute(
            "INSERT INTO closures (resource_id, from_date, until_date, reason) VALUES (?1, ?2, ?3, ?4)",
            params![resource, row.1, row.2, row.3],
        )?;
        changes.added += 1;
    }
    Ok(())
}
