//! Availability: the slots of a service (optionally on one resource) over N
//! days from a local date (Boseat `from` + `to=31`), computed from time slots,
//! closures and the bookings of only the resources and days in view.

use super::Store;
use super::catalog::{TIME_SLOT_COLUMNS, closures, location, time_slot_row};
use super::claims::{LONGEST_SLOT, claims_on_each};
use super::codec::day;
use super::error::Result;
use crate::domain::availability::{Claim, Slot, evaluate};
use crate::domain::schedule::local_day_bounds;
use crate::domain::{BookingError, ResourceId, ServiceId, SlotQuery, TimeSlot};
use crate::store::db::{self, params};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::HashMap;

impl Store {
    /// The slots matching `query` at `now`, ordered by start then resource.
    /// Errors: invalid `days`, `no catalog`.
    pub fn slots(&self, query: &SlotQuery, now: DateTime<Utc>) -> Result<Vec<Slot>> {
        if !(1..=366).contains(&query.days) {
            return Err(BookingError::invalid("days must be 1 to 366").into());
        }
        let tz = location(&self.conn)?.time_zone;
        let last = query.from + Duration::days(i64::from(query.days) - 1);
        let time_slots = self.time_slots_for(query, last)?;
        let names = self.names()?;
        let closures = closures(&self.conn, query.from, last, tz)?;
        let window_start = local_day_bounds(query.from, tz).0;
        let window_end = local_day_bounds(last, tz).1 + LONGEST_SLOT;
        let mut resources: Vec<ResourceId> = time_slots.iter().map(|t| t.resource_id).collect();
        resources.sort_unstable();
        resources.dedup();
        let claims: HashMap<ResourceId, Vec<Claim>> = if resources.is_empty() {
            HashMap::new()
        } else {
            claims_on_each(&self.conn, &resources, window_start, window_end)?
        };
        let mut out = Vec::new();
        for date in query.from.iter_days().take(query.days as usize) {
            for t in &time_slots {
                let Some(occurrence) = t.occurrence_on(date, tz) else {
                    continue;
                };
                let near = near(
                    claims.get(&t.resource_id).map_or(&[][..], Vec::as_slice),
                    &occurrence,
                );
                let state = evaluate(&occurrence, near, &closures, now, None);
                if state.unavailable.is_some() && !query.include_unavailable {
                    continue;
                }
                out.push(Slot {
                    service_name: names
                        .0
                        .get(&occurrence.service_id)
                        .cloned()
                        .unwrap_or_default(),
                    resource_name: names
                        .1
                        .get(&occurrence.resource_id)
                        .cloned()
                        .unwrap_or_default(),
                    occurrence,
                    taken: state.taken,
                    unavailable: state.unavailable,
                });
            }
        }
        out.sort_by_key(|s| {
            (
                s.occurrence.from,
                s.occurrence.resource_id,
                s.occurrence.time_slot_id,
            )
        });
        Ok(out)
    }

    fn time_slots_for(&self, query: &SlotQuery, last: NaiveDate) -> Result<Vec<TimeSlot>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{TIME_SLOT_COLUMNS} WHERE active = 1
               AND (?1 IS NULL OR service_id = ?1) AND (?2 IS NULL OR resource_id = ?2)
               AND valid_from <= ?4 AND valid_until >= ?3"
        ))?;
        let rows = stmt.query_map(
            params![
                query.service.map(|s| s.0),
                query.resource.map(|r| r.0),
                day(query.from),
                day(last)
            ],
            time_slot_row,
        )?;
        Ok(rows.collect::<db::Result<_>>()?)
    }

    fn names(&self) -> Result<(HashMap<ServiceId, String>, HashMap<ResourceId, String>)> {
        let mut services = self.conn.prepare_cached("SELECT id, name FROM services")?;
        let s = services
            .query_map((), |r| Ok((ServiceId(r.get(0)?), r.get(1)?)))?
            .collect::<db::Result<_>>()?;
        let mut resources = self.conn.prepare_cached("SELECT id, name FROM resources")?;
        let r = resources
            .query_map((), |r| Ok((ResourceId(r.get(0)?), r.get(1)?)))?
            .collect::<db::Result<_>>()?;
        Ok((s, r))
    }
}

/// The claims (sorted by start) that can touch `occurrence`: those starting
/// in `[from - 24h, to)`.
fn near<'a>(claims: &'a [Claim], occurrence: &crate::domain::Occurrence) -> &'a [Claim] {
    let lo = claims.partition_point(|c| c.from < occurrence.from - LONGEST_SLOT);
    let hi = claims.partition_point(|c| c.from < occurrence.to);
    &claims[lo..hi.max(lo)]
}
