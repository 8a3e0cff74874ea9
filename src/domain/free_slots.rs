//! Next free slot: the first slots of a service with room, across days and
//! resources, narrowed to a resource, a part of the day and a weekday, as
//! the desk's "find a free slot" and a full slot's nearest alternatives
//! ask for them. Pure: the slots and the clock arrive as data.

use super::availability::Slot;
use super::ids::{ResourceId, ServiceId};
use super::limits::check_window;
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc, Weekday};
use chrono_tz::Tz;

/// How many days ahead a search looks (about two months).
pub const SEARCH_DAYS: u32 = 62;

/// A part of the day, by a slot's local start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartOfDay {
    /// Before 12:00.
    Morning,
    /// 12:00 to 16:59.
    Afternoon,
    /// 17:00 on.
    Evening,
}

impl PartOfDay {
    /// Every part, in the day's order.
    pub const ALL: [Self; 3] = [Self::Morning, Self::Afternoon, Self::Evening];

    /// `morning`, `afternoon`, `evening`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Morning => "morning",
            Self::Afternoon => "afternoon",
            Self::Evening => "evening",
        }
    }

    /// Whether a local start at `hour` (0–23) falls in it.
    pub fn holds(self, hour: u32) -> bool {
        match self {
            Self::Morning => hour < 12,
            Self::Afternoon => (12..17).contains(&hour),
            Self::Evening => hour >= 17,
        }
    }
}

/// What a free-slot search asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeSlotSearch {
    pub service: ServiceId,
    /// Only this resource's slots.
    pub resource: Option<ResourceId>,
    pub part_of_day: Option<PartOfDay>,
    pub weekday: Option<Weekday>,
    /// The first local date looked at.
    pub from: NaiveDate,
    /// Only slots starting after this instant (UTC): a full slot's
    /// alternatives start after it.
    pub after: Option<DateTime<Utc>>,
    /// Seats needed, at least 1.
    pub seats: u32,
    /// The service's booking window: days ahead it may be booked, and the
    /// notice in minutes it needs (slots outside it are left out, since the
    /// engine would refuse them).
    pub window: (u32, u32),
    /// How many slots to give back.
    pub limit: usize,
}

/// The first `search.limit` of `slots` (bookable ones, in start order)
/// that match `search` in `tz`: its service, resource, part of the day
/// and weekday, with `seats` free, inside the service's booking window and
/// starting after `after` (and after `now`).
pub fn pick_free(slots: &[Slot], search: &FreeSlotSearch, tz: Tz, now: DateTime<Utc>) -> Vec<Slot> {
    let mut found: Vec<Slot> = slots
        .iter()
        .filter(|s| {
            let o = &s.occurrence;
            let local = o.from.with_timezone(&tz);
            s.unavailable.is_none()
                && o.service_id == search.service
                && search.resource.is_none_or(|r| o.resource_id == r)
                && search.part_of_day.is_none_or(|p| p.holds(local.hour()))
                && search.weekday.is_none_or(|w| local.weekday() == w)
                && search.after.is_none_or(|t| o.from > t)
                && o.from > now
                && s.free() >= search.seats.max(1)
                && check_window(o.from, now, search.window.0, search.window.1).is_ok()
        })
        .cloned()
        .collect();
    found.sort_by_key(|s| (s.occurrence.from, s.occurrence.resource_id));
    found.truncate(search.limit);
    found
}

#[cfg(test)]
mod tests;
