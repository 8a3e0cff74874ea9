//! Applying a catalog file idempotently: upsert by stable key, retire what
//! the file no longer names (kept for history), all in one transaction,
//! refused when it would strand live bookings unless a manager forces it
//! (see `catalog_guard`).

use super::Store;
use super::catalog_guard as guard;
use super::codec::{day, hm, weekday_number};
use super::error::Result;
use super::events::record;
use crate::domain::catalog_file::{Catalog, QuestionDef};
use crate::domain::{BookingError, CatalogApplied, CatalogChanges, EventData, EventKind, Role};
use crate::store::db::{self, Db, Optional, params};
use chrono::{DateTime, Utc};
use std::collections::HashSet;

/// Counts one row: added when it did not exist, updated when it changed.
fn count(changes: &mut CatalogChanges, existed: bool, changed: usize) {
    match (existed, changed > 0) {
        (false, _) => changes.added += 1,
        (true, true) => changes.updated += 1,
        (true, false) => {}
    }
}

impl Store {
    /// Applies `catalog` in one transaction: location, resources, services
    /// (questions, add-ons), time slots and closures. Applying the same file
    /// twice changes nothing. Records a `catalog.applied` event when it changes
    /// anything.
    /// Errors: [`BookingError::CatalogStrandsBookings`] (a conflict, nothing
    /// changed) listing each live booking (capacity-holding, its slot not
    /// ended at `now`) the change would strand: its time slot, service or
    /// resource removed, its slot's capacity below the seats sold, a new
    /// closure over its day, its slot at other times or in another time
    /// zone ([`Store::force_catalog`] applies it anyway); a database fault.
    pub fn apply_catalog(
        &mut self,
        catalog: &Catalog,
        now: DateTime<Utc>,
    ) -> Result<CatalogChanges> {
        Ok(self
            .write(now, |conn| apply(conn, catalog, false, now))?
            .changes)
    }

    /// A manager's [`Store::apply_catalog`] that goes ahead when live
    /// bookings are stranded: in the same transaction each is marked as
    /// needing attention ([`Store::needs_attention`]) with a
    /// `booking.needs_attention` event (after the `catalog.applied` one)
    /// whose note says why. A booking whose slot still occurs but at other
    /// instants (another time zone, other local times) keeps its local
    /// wall-clock time: its stored UTC start and end move to the slot's, so
    /// the booking and its slot agree and the capacity and resource rules
    /// stay true. Returns the changes and the bookings marked.
    /// Errors: only a manager may (`by`); a database fault.
    pub fn force_catalog(
        &mut self,
        catalog: &Catalog,
        by: Role,
        now: DateTime<Utc>,
    ) -> Result<CatalogApplied> {
        guard::manager_only(by)?;
        self.write(now, |conn| apply(conn, catalog, true, now))
    }
}

/// The apply in the caller's transaction; refuses stranding live bookings
/// unless `force`.
fn apply(conn: &Db, catalog: &Catalog, force: bool, now: DateTime<Utc>) -> Result<CatalogApplied> {
    let before = guard::view(conn)?;
    let seats = match &before {
        Some(_) => guard::live_seats(conn, now)?,
        None => Vec::new(),
    };
    let mut changes = CatalogChanges::default();
    apply_location(conn, catalog, &mut changes)?;
    apply_resources(conn, catalog, &mut changes)?;
    apply_services(conn, catalog, &mut changes)?;
    apply_time_slots(conn, catalog, &mut changes)?;
    apply_closures(conn, catalog, &mut changes)?;
    let (after, affected) = match &before {
        Some(before) if !seats.is_empty() => guard::affected(conn, before, &seats)?,
        _ => (None, Vec::new()),
    };
    if !affected.is_empty() && !force {
        return Err(BookingError::CatalogStrandsBookings(affected).into());
    }
    if !changes.is_empty() {
        record(
            conn,
            now,
            EventKind::CatalogApplied,
            &EventData::Catalog(changes),
        )?;
    }
    if let Some(after) = &after {
        for a in &affected {
            if let Some(seat) = seats.iter().find(|s| s.booking_id == a.id) {
                guard::mark(conn, after, seat, a, now)?;
            }
        }
    }
    Ok(CatalogApplied {
        changes,
        needs_attention: affected,
    })
}

fn apply_location(conn: &Db, c: &Catalog, changes: &mut CatalogChanges) -> Result<()> {
    let existed = conn
        .query_row("SELECT 1 FROM location WHERE id = 1", (), |_| Ok(()))
        .optional()?
        .is_some();
    let l = &c.location;
    let n = conn.execute(
        "INSERT INTO location (id, name, time_zone, phone_region, currency) VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone,
             phone_region = excluded.phone_region, currency = excluded.currency
         WHERE (location.name, location.time_zone, location.phone_region, location.currency)
            IS DISTINCT FROM (excluded.name, excluded.time_zone, excluded.phone_region, excluded.currency)",
        params![l.name, l.time_zone.name(), l.phone_region, l.currency],
    )?;
    count(changes, existed, n);
    Ok(())
}

fn key_id(conn: &Db, sql: &str, key: &str) -> Result<Option<i64>> {
    Ok(conn.query_row(sql, [key], |r| r.get(0)).optional()?)
}

fn apply_resources(conn: &Db, c: &Catalog, changes: &mut CatalogChanges) -> Result<()> {
    for r in &c.resources {
        let existed = key_id(conn, "SELECT id FROM resources WHERE key = ?1", &r.key)?.is_some();
        let n = conn.execute(
            "INSERT INTO resources (key, name, kind) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET name = excluded.name, kind = excluded.kind, active = 1
             WHERE (resources.name, resources.kind, resources.active) IS DISTINCT FROM (excluded.name, excluded.kind, 1)",
            params![r.key, r.name, r.kind],
        )?;
        count(changes, existed, n);
    }
    let keys: HashSet<&str> = c.resources.iter().map(|r| r.key.as_str()).collect();
    retire(conn, "resources", "key", &keys, changes)
}

/// Marks active rows of `table` whose `column` is not in `keep` inactive.
fn retire(
    conn: &Db,
    table: &str,
    column: &str,
    keep: &HashSet<&str>,
    changes: &mut CatalogChanges,
) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, {column} FROM {table} WHERE active = 1"
    ))?;
    let stale: Vec<i64> = stmt
        .query_map((), |r| Ok((r.get::<i64>(0)?, r.get::<String>(1)?)))?
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

fn apply_services(conn: &Db, c: &Catalog, changes: &mut CatalogChanges) -> Result<()> {
    for s in &c.services {
        let existed = key_id(conn, "SELECT id FROM services WHERE key = ?1", &s.key)?.is_some();
        let n = conn.execute(
            "INSERT INTO services (key, name, duration_minutes, capacity, hold_minutes, price, currency,
                                   require_email_and_phone, horizon_days, min_notice_minutes,
                                   short_name, reminder_hours, kind, choices, requires_approval)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
             ON CONFLICT (key) DO UPDATE SET name = excluded.name,
                 duration_minutes = excluded.duration_minutes, capacity = excluded.capacity,
                 hold_minutes = excluded.hold_minutes, price = excluded.price,
                 currency = excluded.currency,
                 require_email_and_phone = excluded.require_email_and_phone,
                 horizon_days = excluded.horizon_days,
                 min_notice_minutes = excluded.min_notice_minutes,
                 short_name = excluded.short_name,
                 reminder_hours = excluded.reminder_hours, kind = excluded.kind,
                 choices = excluded.choices, requires_approval = excluded.requires_approval,
                 active = 1
             WHERE (services.name, services.duration_minutes, services.capacity, services.hold_minutes, services.price, services.currency, services.require_email_and_phone, services.horizon_days, services.min_notice_minutes, services.short_name, services.reminder_hours, services.kind, services.choices, services.requires_approval, services.active)
                IS DISTINCT FROM (excluded.name, excluded.duration_minutes, excluded.capacity,
                    excluded.hold_minutes, excluded.price, excluded.currency,
                    excluded.require_email_and_phone, excluded.horizon_days,
                    excluded.min_notice_minutes, excluded.short_name,
                    excluded.reminder_hours, excluded.kind, excluded.choices,
                    excluded.requires_approval, 1)",
            params![s.key, s.name, s.duration_minutes, s.capacity, s.hold_minutes, s.price, s.currency, s.require_email_and_phone, s.horizon_days, s.min_notice_minutes, s.short_name, s.reminder_hours, s.kind.as_str(), super::codec::json_text(&s.choices), s.requires_approval],
        )?;
        let id =
            key_id(conn, "SELECT id FROM services WHERE key = ?1", &s.key)?.unwrap_or_default();
        let extras =
            apply_questions(conn, id, &s.questions)? + apply_add_ons(conn, id, &s.add_ons)?;
        count(changes, existed, n + extras);
    }
    let keys: HashSet<&str> = c.services.iter().map(|s| s.key.as_str()).collect();
    retire(conn, "services", "key", &keys, changes)
}

fn apply_questions(conn: &Db, service_id: i64, questions: &[QuestionDef]) -> Result<usize> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, required FROM service_questions WHERE service_id = ?1 ORDER BY position",
    )?;
    let stored: Vec<(String, bool)> = stmt
        .query_map([service_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<db::Result<_>>()?;
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

fn apply_add_ons(conn: &Db, service_id: i64, add_ons: &[(String, i64)]) -> Result<usize> {
    let mut changed = 0;
    for (name, price) in add_ons {
        changed += conn.execute(
            "INSERT INTO add_ons (service_id, name, price) VALUES (?1, ?2, ?3)
             ON CONFLICT (service_id, name) DO UPDATE SET price = excluded.price, active = 1
             WHERE (add_ons.price, add_ons.active) IS DISTINCT FROM (excluded.price, 1)",
            params![service_id, name, price],
        )?;
    }
    let names: Vec<&str> = add_ons.iter().map(|(n, _)| n.as_str()).collect();
    let mut stmt =
        conn.prepare_cached("SELECT id, name FROM add_ons WHERE service_id = ?1 AND active = 1")?;
    let stale: Vec<i64> = stmt
        .query_map([service_id], |r| {
            Ok((r.get::<i64>(0)?, r.get::<String>(1)?))
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

fn apply_time_slots(conn: &Db, c: &Catalog, changes: &mut CatalogChanges) -> Result<()> {
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
             WHERE (time_slots.ends_local, time_slots.capacity, time_slots.valid_until, time_slots.active)
                IS DISTINCT FROM (excluded.ends_local, excluded.capacity, excluded.valid_until, 1)",
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
        count(changes, existing.is_some(), n);
        let id: i64 = conn.query_row(
            "SELECT id FROM time_slots WHERE service_id = ?1 AND resource_id = ?2 AND weekday = ?3
               AND starts_local = ?4 AND valid_from = ?5",
            natural,
            |r| r.get(0),
        )?;
        keep.insert(id);
    }
    let mut stmt = conn.prepare("SELECT id FROM time_slots WHERE active = 1 AND imported = 0")?;
    let stale: Vec<i64> = stmt
        .query_map((), |r| r.get(0))?
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

/// The file's closures replace the catalog's; closures made at the desk
/// are kept.
fn apply_closures(conn: &Db, c: &Catalog, changes: &mut CatalogChanges) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT c.id, r.key, c.from_date, c.until_date, c.reason
         FROM closures c LEFT JOIN resources r ON r.id = c.resource_id
         WHERE c.origin = 'catalog'",
    )?;
    let stored: Vec<(i64, ClosureRow)> = stmt
        .query_map((), |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        })?
        .collect::<db::Result<_>>()?;
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
