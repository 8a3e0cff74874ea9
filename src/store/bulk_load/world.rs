//! The applied catalog and every open slot it makes in the date range, with
//! how wanted each slot is. Read from the store once; pure afterwards.

use super::ScaleParams;
use crate::domain::catalog::Service;
use crate::domain::{ResourceId, TimeSlot};
use crate::store::Store;
use crate::store::catalog::{closures, services};
use crate::store::codec::{day, ts};
use crate::store::error::Result;
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc, Weekday};
use std::collections::{HashMap, HashSet};

/// What the rows are drawn from: the applied catalog and every slot in range.
pub(super) struct World {
    pub(super) slots: Vec<TimeSlot>,
    /// Per time slot: its service's index in `services`.
    pub(super) service_of: Vec<usize>,
    pub(super) services: Vec<Service>,
    /// Every resource's name, for the events' payloads.
    pub(super) resource_names: HashMap<ResourceId, String>,
    pub(super) days: Vec<NaiveDate>,
    pub(super) day_text: Vec<String>,
    pub(super) occurrences: Vec<Occ>,
    pub(super) now: i64,
    pub(super) opened_at: i64,
}

/// One slot in range that is open: time slot index, day index, UTC seconds.
pub(super) struct Occ {
    pub(super) slot: u32,
    pub(super) day: u32,
    pub(super) from: i64,
    pub(super) to: i64,
}

impl World {
    pub(super) fn load(
        store: &Store,
        params: &ScaleParams,
        now: DateTime<Utc>,
        opened_at: DateTime<Utc>,
    ) -> Result<Self> {
        let tz = store.location()?.time_zone;
        let slots = store.time_slots()?;
        let services = services(&store.conn, true)?;
        let service_of = slots
            .iter()
            .map(|t| {
                services
                    .iter()
                    .position(|s| s.id == t.service_id)
                    .unwrap_or(0)
            })
            .collect();
        let (first, last) = (params.first_on(), params.last_on());
        let days: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= last).collect();
        // The generated catalog closes whole days only (part-day closures
        // are made at the desk, never in a generated history).
        let closed: HashSet<(Option<ResourceId>, NaiveDate)> =
            closures(&store.conn, first, last, tz)?
                .iter()
                .filter(|c| c.hours.is_none())
                .flat_map(|c| {
                    c.from
                        .iter_days()
                        .take_while(move |d| *d <= c.until)
                        .map(move |d| (c.resource_id, d))
                })
                .collect();
        let mut occurrences = Vec::new();
        for (d, &date) in days.iter().enumerate() {
            if closed.contains(&(None, date)) {
                continue;
            }
            for (i, t) in slots.iter().enumerate() {
                if closed.contains(&(Some(t.resource_id), date)) {
                    continue;
                }
                if let Some(o) = t.occurrence_on(date, tz) {
                    occurrences.push(Occ {
                        slot: i as u32,
                        day: d as u32,
                        from: ts(o.from),
                        to: ts(o.to),
                    });
                }
            }
        }
        let resource_names = store
            .resources()?
            .into_iter()
            .map(|r| (r.id, r.name))
            .collect();
        Ok(Self {
            slots,
            service_of,
            services,
            resource_names,
            day_text: days.iter().map(|d| day(*d)).collect(),
            days,
            occurrences,
            now: ts(now),
            opened_at: ts(opened_at),
        })
    }

    pub(super) fn resource_name(&self, id: ResourceId) -> &str {
        self.resource_names.get(&id).map_or("", String::as_str)
    }

    pub(super) fn capacity(&self, o: &Occ) -> u32 {
        self.slots[o.slot as usize].capacity
    }

    /// At most this many rows on one slot: its seats, plus cancelled ones.
    pub(super) fn max_rows(&self, o: &Occ) -> u32 {
        let capacity = self.capacity(o);
        capacity + if capacity == 1 { 1 } else { 2 }
    }

    /// How wanted a slot is, before scaling to the booking count: classes
    /// fill by seats; Saturdays, evenings and January are busy, August and
    /// lunchtimes quiet; the business grows over the years; the future thins out.
    pub(super) fn weight(&self, o: &Occ, params: &ScaleParams, rng: &mut fastrand::Rng) -> f64 {
        let t = &self.slots[o.slot as usize];
        let date = self.days[o.day as usize];
        let base = if t.capacity == 1 {
            1.0
        } else {
            0.7 * f64::from(t.capacity)
        };
        let weekday = match date.weekday() {
            Weekday::Mon => 0.9,
            Weekday::Fri => 0.95,
            Weekday::Sat => 1.2,
            _ => 1.0,
        };
        let hour = match t.starts_local.hour() {
            7 | 17 | 18 => 1.15,
            12 | 13 => 0.8,
            9 => 0.85,
            _ => 1.0,
        };
        let month = match date.month() {
            1 => 1.15,
            2 => 1.05,
            7 | 12 => 0.9,
            8 => 0.8,
            _ => 1.0,
        };
        let history = f64::from(params.history_days.max(1));
        let growth = 0.6 + 0.6 * (f64::from(o.day) / history).min(1.0);
        let ahead = f64::from(o.day) + 1.0 - history;
        let future = if ahead > 0.0 {
            1.0 - 0.85 * ahead / (f64::from(params.future_days) + 1.0)
        } else {
            1.0
        };
        base * weekday * hour * month * growth * future * (0.6 + 0.8 * rng.f64())
    }
}
