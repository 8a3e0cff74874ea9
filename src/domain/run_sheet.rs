//! The run sheet (Today): a day's bookings in time order, each with its
//! arrival state at a given instant, who is next on each resource, and the
//! day's counts. Shared by the desk's Today screen and `slotdesk today`.
//! Pure: the clock arrives as data.

use super::booking::Booking;
use super::closure::ClosureEntry;
use super::ids::{BookingId, ResourceId};
use super::status::BookingStatus;
use super::text::without_note;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::HashSet;

/// Where a booking stands on the day, for the front desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Arrival {
    /// Booked (pending or confirmed), the slot not started yet.
    Due,
    /// Past its start and not checked in.
    Late,
    /// Checked in before the slot started.
    Arrived,
    /// Checked in and the slot has started, not yet ended.
    InSession,
    /// Checked in and the slot has ended: to be completed (`done`).
    Ended,
    /// Completed.
    Done,
    /// Marked a no-show.
    NoShow,
    /// A hold still live: a seat kept while someone decides.
    Held,
    /// A request awaiting the desk's approval (no seat yet).
    Requested,
    /// Cancelled or declined with someone named on it.
    Cancelled,
    /// A hold that lapsed or was released before anyone was named on it:
    /// hidden unless asked for.
    Lapsed,
}

impl Arrival {
    /// The state of `b` at `now` (a hold past its expiry is lapsed even
    /// before the sweep marks it).
    pub fn of(b: &Booking, now: DateTime<Utc>) -> Self {
        let started = now >= b.from;
        match b.status {
            BookingStatus::Pending | BookingStatus::Confirmed if started => Self::Late,
            BookingStatus::Pending | BookingStatus::Confirmed => Self::Due,
            BookingStatus::CheckedIn if now >= b.to => Self::Ended,
            BookingStatus::CheckedIn if started => Self::InSession,
            BookingStatus::CheckedIn => Self::Arrived,
            BookingStatus::Completed => Self::Done,
            BookingStatus::NoShow => Self::NoShow,
            BookingStatus::Requested => Self::Requested,
            BookingStatus::Held if b.hold_expires_at.is_some_and(|t| t > now) => Self::Held,
            BookingStatus::Held | BookingStatus::Expired => Self::Lapsed,
            BookingStatus::Cancelled if b.customer.is_none() => Self::Lapsed,
            BookingStatus::Cancelled | BookingStatus::Declined => Self::Cancelled,
        }
    }

    /// In people's words: `due`, `late`, `arrived`, `in session`, `ended`
    /// (checked in, the slot over, not completed), `done`, `no-show`,
    /// `held`, `cancelled`, `lapsed`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Due => "due",
            Self::Late => "late",
            Self::Arrived => "arrived",
            Self::InSession => "in session",
            Self::Ended => "ended",
            Self::Done => "done",
            Self::NoShow => "no-show",
            Self::Held => "held",
            Self::Requested => "requested",
            Self::Cancelled => "cancelled",
            Self::Lapsed => "lapsed",
        }
    }

    /// Whether someone booked is expected at the desk today (every state
    /// but a hold, a request, a cancellation and a lapse).
    pub fn expected(self) -> bool {
        !matches!(
            self,
            Self::Held | Self::Requested | Self::Cancelled | Self::Lapsed
        )
    }

    /// Whether they have come (arrived, in session, ended or done).
    pub fn came(self) -> bool {
        matches!(
            self,
            Self::Arrived | Self::InSession | Self::Ended | Self::Done
        )
    }
}

/// One line of the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetRow {
    pub booking: Booking,
    pub arrival: Arrival,
    /// The next to be seen on its resource: in the earliest slot that has
    /// not ended with someone due, late or arrived (not yet in session).
    pub next: bool,
}

impl SheetRow {
    /// Who it is for, `(walk-in)` after a walk-in's name; `nobody` for a
    /// hold with no one named yet.
    pub fn who(&self, nobody: &str) -> String {
        let b = &self.booking;
        let name = b.customer.as_ref().map_or(nobody, |c| c.name.as_str());
        if b.walk_in {
            format!("{name} (walk-in)")
        } else {
            name.to_owned()
        }
    }

    /// The customer's phone in `shown` (a formatter taking E.164), or
    /// empty.
    pub fn phone(&self, shown: impl Fn(&str) -> String) -> String {
        self.booking
            .customer
            .as_ref()
            .and_then(|c| c.phone.as_deref())
            .map_or_else(String::new, shown)
    }
}

/// The day's counts, in bookings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct SheetCounts {
    /// Everyone booked for the day ([`Arrival::expected`]).
    pub expected: u32,
    /// Arrived, in session or done.
    pub arrived: u32,
    pub late: u32,
    pub no_show: u32,
    /// Walk-ins not cancelled.
    pub walk_ins: u32,
}

impl SheetCounts {
    /// `12 expected · 5 arrived · 1 late · 0 no-show · 1 walk-in`.
    pub fn words(&self) -> String {
        let walk = if self.walk_ins == 1 {
            "walk-in"
        } else {
            "walk-ins"
        };
        format!(
            "{} expected · {} arrived · {} late · {} no-show · {} {walk}",
            self.expected, self.arrived, self.late, self.no_show, self.walk_ins
        )
    }
}

/// What the sheet shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SheetFilter {
    /// Only this resource's bookings (the counts follow).
    pub resource: Option<ResourceId>,
    /// Also lapsed and released holds.
    pub show_lapsed: bool,
}

/// A day's run sheet at an instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunSheet {
    /// The location's date it is for.
    pub date: NaiveDate,
    /// When its states were worked out (UTC).
    pub at: DateTime<Utc>,
    /// In time order (start, then resource, then customer name).
    pub rows: Vec<SheetRow>,
    pub counts: SheetCounts,
    /// Lapsed holds left out by the filter.
    pub hidden: u32,
    /// The closures on the date (the filtered resource's and the whole
    /// location's): who is not working, and why.
    pub closures: Vec<ClosureEntry>,
}

impl RunSheet {
    /// The sheet of `date` from its `bookings` (any order, any status) at
    /// `now`, as `filter` asks.
    pub fn new(
        date: NaiveDate,
        bookings: &[Booking],
        filter: SheetFilter,
        now: DateTime<Utc>,
    ) -> Self {
        let mut rows: Vec<SheetRow> = bookings
            .iter()
            .filter(|b| b.date == date && filter.resource.is_none_or(|r| b.resource_id == r))
            .map(|b| SheetRow {
                arrival: Arrival::of(b, now),
                booking: b.clone(),
                next: false,
            })
            .collect();
        let before = rows.len();
        if !filter.show_lapsed {
            rows.retain(|r| r.arrival != Arrival::Lapsed);
        }
        let hidden = u32::try_from(before - rows.len()).unwrap_or(u32::MAX);
        rows.sort_by(|a, b| {
            let key = |r: &SheetRow| {
                (
                    r.booking.from,
                    r.booking.resource_name.clone(),
                    r.booking.customer.as_ref().map(|c| c.name.clone()),
                    r.booking.id,
                )
            };
            key(a).cmp(&key(b))
        });
        mark_next(&mut rows, now);
        let mut counts = SheetCounts::default();
        for r in &rows {
            counts.expected += u32::from(r.arrival.expected());
            counts.arrived += u32::from(r.arrival.came());
            counts.late += u32::from(r.arrival == Arrival::Late);
            counts.no_show += u32::from(r.arrival == Arrival::NoShow);
            counts.walk_ins += u32::from(r.booking.walk_in && r.arrival.expected());
        }
        Self {
            date,
            at: now,
            rows,
            counts,
            hidden,
            closures: Vec::new(),
        }
    }

    /// The sheet with `closures` that touch its date (and its resource,
    /// when filtered to one).
    #[must_use]
    pub fn with_closures(mut self, closures: &[ClosureEntry], filter: SheetFilter) -> Self {
        self.closures = closures
            .iter()
            .filter(|c| c.from <= self.date && self.date <= c.until)
            .filter(|c| {
                filter.resource.is_none()
                    || c.resource_id.is_none()
                    || c.resource_id == filter.resource
            })
            .cloned()
            .collect();
        self
    }

    /// The row of booking `id`.
    pub fn position(&self, id: BookingId) -> Option<usize> {
        self.rows.iter().position(|r| r.booking.id == id)
    }
}

/// Marks, per resource, the rows of the first slot that has not ended and
/// still has someone due, late or arrived (not yet in session).
fn mark_next(rows: &mut [SheetRow], now: DateTime<Utc>) {
    let mut seen: HashSet<ResourceId> = HashSet::new();
    let mut chosen = Vec::new();
    for r in rows.iter() {
        let waiting = matches!(r.arrival, Arrival::Due | Arrival::Late | Arrival::Arrived);
        if waiting && r.booking.to > now && seen.insert(r.booking.resource_id) {
            chosen.push((r.booking.resource_id, r.booking.slot_ref()));
        }
    }
    for r in rows.iter_mut() {
        r.next = matches!(r.arrival, Arrival::Due | Arrival::Late | Arrival::Arrived)
            && chosen.contains(&(r.booking.resource_id, r.booking.slot_ref()));
    }
}

/// `Tom Whitfield 11:00–23:59 “Off sick”` (the whole location when no
/// resource), the hours only for part of a day.
pub fn closure_words(c: &ClosureEntry) -> String {
    let who = c
        .resource_name
        .as_deref()
        .map_or("the whole location", without_note);
    let hours = match (c.starts_local, c.ends_local) {
        (Some(a), Some(b)) => format!(" {}–{}", a.format("%H:%M"), b.format("%H:%M")),
        _ => " all day".to_owned(),
    };
    format!("{who}{hours} “{}”", c.reason)
}

#[cfg(test)]
mod tests;
