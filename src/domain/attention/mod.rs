//! Live bookings a catalog change would strand, and why: the rule that a
//! catalog apply may not silently orphan a capacity-holding booking whose
//! slot has not ended. Pure: the store hands in the catalog before and
//! after the change and the live seats; no I/O, no clock.

use super::availability::Closure;
use super::ids::{BookingId, ResourceId, ServiceId, TimeSlotId};
use super::schedule::{SlotRef, TimeSlot};
use super::status::BookingStatus;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Serialize, Serializer};
use std::collections::HashMap;
use std::fmt;

/// Why a live booking no longer agrees with the catalog. Shown to staff as
/// its words ([`fmt::Display`]), and serialised as them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttentionReason {
    /// Its service (named) is no longer in the catalog.
    ServiceRemoved(String),
    /// Its resource (named) is no longer in the catalog.
    ResourceRemoved(String),
    /// Its weekly time slot is no longer in the catalog.
    TimeSlotRemoved,
    /// The time slot remains but no longer occurs on the booking's date
    /// (validity shortened, or its start falls in a daylight-saving gap).
    NoLongerRuns,
    /// The slot's capacity is below the seats its live bookings hold.
    OverCapacity { capacity: u32, taken: u32 },
    /// A closure (its reason) now covers the booking's date.
    Closed(String),
    /// The location's time zone changed: the slot keeps its wall-clock
    /// time, so its UTC instants move.
    TimeZoneChanged { from: Tz, to: Tz },
    /// The slot now runs at other local times (start, end).
    TimesChanged {
        starts_local: NaiveTime,
        ends_local: NaiveTime,
    },
}

impl fmt::Display for AttentionReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ServiceRemoved(name) => write!(f, "its service {name} was removed"),
            Self::ResourceRemoved(name) => write!(f, "its resource {name} was removed"),
            Self::TimeSlotRemoved => f.write_str("its time slot was removed"),
            Self::NoLongerRuns => f.write_str("its time slot no longer runs on that date"),
            Self::OverCapacity { capacity, taken } => write!(
                f,
                "the slot's capacity is lowered to {capacity} but {taken} seats are sold"
            ),
            Self::Closed(reason) => write!(f, "that day is now closed: {reason}"),
            Self::TimeZoneChanged { from, to } => write!(
                f,
                "the time zone changes from {from} to {to}: same local time, another instant"
            ),
            Self::TimesChanged {
                starts_local,
                ends_local,
            } => write!(
                f,
                "its slot now runs {}–{}",
                starts_local.format("%H:%M"),
                ends_local.format("%H:%M")
            ),
        }
    }
}

impl Serialize for AttentionReason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A live booking as the catalog check sees it: capacity-holding, its slot
/// not ended. Instants UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveSeat {
    pub booking_id: BookingId,
    pub slot: SlotRef,
    pub service_id: ServiceId,
    pub resource_id: ResourceId,
    /// Stored start and end, UTC.
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// Seats it takes.
    pub participants: u32,
}

/// The catalog as it stands on one side of a change: every time slot
/// (retired ones too), the services and resources with their names and
/// whether they are active, the closures, and the time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogView {
    pub time_zone: Tz,
    pub time_slots: HashMap<TimeSlotId, TimeSlot>,
    /// Name and active flag.
    pub services: HashMap<ServiceId, (String, bool)>,
    /// Name and active flag.
    pub resources: HashMap<ResourceId, (String, bool)>,
    pub closures: Vec<Closure>,
}

impl CatalogView {
    /// Everything wrong with `seat` under this catalog, given `taken`, the
    /// seats all live bookings hold on its slot, and `booked_in`, the zone
    /// its stored instants were computed in. Empty when it agrees.
    pub fn problems(&self, seat: &LiveSeat, taken: u32, booked_in: Tz) -> Vec<AttentionReason> {
        if let Some(name) = inactive(&self.services, &seat.service_id) {
            return vec![AttentionReason::ServiceRemoved(name)];
        }
        if let Some(name) = inactive(&self.resources, &seat.resource_id) {
            return vec![AttentionReason::ResourceRemoved(name)];
        }
        let Some(t) = self
            .time_slots
            .get(&seat.slot.time_slot_id)
            .filter(|t| t.active)
        else {
            return vec![AttentionReason::TimeSlotRemoved];
        };
        let Some(o) = t.occurrence_on(seat.slot.date, self.time_zone) else {
            return vec![AttentionReason::NoLongerRuns];
        };
        let mut out = Vec::new();
        if (o.from, o.to) != (seat.from, seat.to) {
            out.push(if self.time_zone == booked_in {
                AttentionReason::TimesChanged {
                    starts_local: t.starts_local,
                    ends_local: t.ends_local,
                }
            } else {
                AttentionReason::TimeZoneChanged {
                    from: booked_in,
                    to: self.time_zone,
                }
            });
        }
        if taken > t.capacity {
            out.push(AttentionReason::OverCapacity {
                capacity: t.capacity,
                taken,
            });
        }
        out.extend(
            self.closures
                .iter()
                .filter(|c| c.closes(seat.resource_id, seat.slot.date, seat.from, seat.to))
                .map(|c| AttentionReason::Closed(c.reason.clone())),
        );
        out
    }
}

/// The name of `id` in `names` when it is there and retired.
fn inactive<K: std::hash::Hash + Eq>(names: &HashMap<K, (String, bool)>, id: &K) -> Option<String> {
    match names.get(id) {
        Some((name, false)) => Some(name.clone()),
        _ => None,
    }
}

/// The problems the change from `before` to `after` gives each seat that it
/// did not have before (so re-applying a file flags nothing new), for the
/// seats that have any, in the order given. `seats` are all live seats.
pub fn stranded(
    before: &CatalogView,
    after: &CatalogView,
    seats: &[LiveSeat],
) -> Vec<(BookingId, Vec<AttentionReason>)> {
    let mut taken: HashMap<SlotRef, u32> = HashMap::new();
    for s in seats {
        let t = taken.entry(s.slot).or_default();
        *t = t.saturating_add(s.participants);
    }
    seats
        .iter()
        .filter_map(|s| {
            let on_slot = taken.get(&s.slot).copied().unwrap_or_default();
            let had = before.problems(s, on_slot, before.time_zone);
            let new: Vec<AttentionReason> = after
                .problems(s, on_slot, before.time_zone)
                .into_iter()
                .filter(|r| !had.contains(r))
                .collect();
            (!new.is_empty()).then_some((s.booking_id, new))
        })
        .collect()
}

/// A live booking a catalog change affects, as listed to staff: its id,
/// local date and start (as booked), service, customer, status and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AffectedBooking {
    pub id: BookingId,
    pub date: NaiveDate,
    /// Local start as booked (`HH:MM` in JSON).
    #[serde(serialize_with = "hh_mm")]
    pub starts_local: NaiveTime,
    pub service: String,
    /// The customer's name; `None` for a hold.
    pub customer: Option<String>,
    pub status: BookingStatus,
    pub why: Vec<AttentionReason>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `serialize_with` passes a reference
fn hh_mm<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&t.format("%H:%M"))
}

impl AffectedBooking {
    /// Its reasons as one line of words, `; ` between them.
    pub fn why_words(&self) -> String {
        words(&self.why)
    }
}

/// Reasons as one line of words, `; ` between them.
pub fn words(why: &[AttentionReason]) -> String {
    why.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl fmt::Display for AffectedBooking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "booking {} on {} at {} ({}, {}, {}): {}",
            self.id,
            self.date,
            self.starts_local.format("%H:%M"),
            self.service,
            self.customer.as_deref().unwrap_or("no customer yet"),
            self.status,
            self.why_words()
        )
    }
}

/// What a forced catalog apply did: its changes (the same fields as
/// [`super::CatalogChanges`] in JSON) and the live bookings it stranded,
/// now marked as needing attention.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CatalogApplied {
    #[serde(flatten)]
    pub changes: super::CatalogChanges,
    pub needs_attention: Vec<AffectedBooking>,
}

/// A booking marked as needing attention by a forced catalog change: shown
/// on the desk until it is moved or cancelled. `why` is the reasons' words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeedsAttention {
    pub booking: super::Booking,
    pub why: String,
    /// When the catalog change marked it, UTC.
    pub marked_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests;
