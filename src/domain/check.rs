//! What `slotdesk check` found: SQLite's own integrity report and the
//! booking rules read back from what is stored (no slot over capacity, no
//! resource doing two things at once, every booking with its events). Pure.

use super::ids::{BookingId, ResourceId};
use super::schedule::SlotRef;
use serde::Serialize;

/// How far a check looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckDepth {
    /// SQLite's `quick_check` (no index contents) and the rules: what the
    /// desk runs when it opens.
    Quick,
    /// SQLite's full `integrity_check` and the rules.
    Full,
}

/// At most this many rows of each kind of problem are listed; the counts
/// are always whole.
pub const LISTED_PER_KIND: usize = 50;

/// A slot whose capacity-holding bookings take more seats than it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OverCapacity {
    /// Written `TIME_SLOT_ID@YYYY-MM-DD` in JSON.
    #[serde(serialize_with = "as_text")]
    pub slot: SlotRef,
    /// Seats taken by capacity-holding bookings (held and not lapsed,
    /// pending, confirmed, checked in).
    pub taken: u64,
    pub capacity: u32,
}

/// Two capacity-holding bookings of different slots on one resource whose
/// times overlap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DoubleBooked {
    pub resource_id: ResourceId,
    pub first: BookingId,
    pub second: BookingId,
}

/// The findings of one check. Empty lists (and an empty `integrity`) mean
/// the database is whole and keeps every rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// SQLite's messages (`*** in database main *** Page 7: …`); empty when
    /// it said `ok`.
    pub integrity: Vec<String>,
    /// Up to [`LISTED_PER_KIND`] slots over capacity.
    pub over_capacity: Vec<OverCapacity>,
    pub over_capacity_count: u64,
    /// Up to [`LISTED_PER_KIND`] overlapping pairs.
    pub double_booked: Vec<DoubleBooked>,
    pub double_booked_count: u64,
    /// Up to [`LISTED_PER_KIND`] bookings that have no event at all.
    pub without_events: Vec<BookingId>,
    pub without_events_count: u64,
    /// Bookings read (for the report's summary line).
    pub bookings: u64,
}

impl CheckReport {
    /// Whether nothing was found.
    pub fn is_ok(&self) -> bool {
        self.integrity.is_empty()
            && self.over_capacity_count == 0
            && self.double_booked_count == 0
            && self.without_events_count == 0
    }

    /// One line per kind of problem found, in plain words (empty when ok).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.integrity.is_empty() {
            out.push(format!(
                "the file is damaged: SQLite reports {} problem(s)",
                self.integrity.len()
            ));
        }
        if self.over_capacity_count > 0 {
            out.push(format!(
                "{} slot(s) over capacity",
                self.over_capacity_count
            ));
        }
        if self.double_booked_count > 0 {
            out.push(format!(
                "{} pair(s) of bookings overlap on one resource",
                self.double_booked_count
            ));
        }
        if self.without_events_count > 0 {
            out.push(format!(
                "{} booking(s) without any event",
                self.without_events_count
            ));
        }
        out
    }
}

fn as_text<S: serde::Serializer>(slot: &SlotRef, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(slot)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_report_is_ok_and_each_finding_is_a_problem_in_words() {
        assert!(CheckReport::default().is_ok());
        let report = CheckReport {
            without_events_count: 2,
            without_events: vec![BookingId(4), BookingId(9)],
            ..CheckReport::default()
        };
        assert!(!report.is_ok());
        assert_eq!(report.problems(), vec!["2 booking(s) without any event"]);
    }
}
