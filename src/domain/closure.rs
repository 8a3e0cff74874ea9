//! Closures as the desk makes and lists them: a resource (a therapist off
//! sick) or the whole location closed for a day, a range of days, or part
//! of one day (local from–until), with a reason; from the catalog file or
//! made at the desk. Pure: the checks, and a part-day closure's instants on
//! a daylight-saving day.

use super::availability::Closure;
use super::booking::Booking;
use super::error::BookingError;
use super::ids::{ClosureId, ResourceId};
use super::text::CLOSURE_REASON;
use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a closure came from: the catalog file (replaced by each `catalog
/// apply`) or the desk (kept across applies until reopened).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosureOrigin {
    Catalog,
    Desk,
}

impl ClosureOrigin {
    /// The stored word: `catalog`, `desk`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Catalog => "catalog",
            Self::Desk => "desk",
        }
    }
}

impl std::str::FromStr for ClosureOrigin {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "catalog" => Ok(Self::Catalog),
            "desk" => Ok(Self::Desk),
            other => Err(format!("unknown closure origin `{other}`")),
        }
    }
}

/// A closure as stored and listed (`slotdesk closures`, events
/// `closure.added` / `closure.removed`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureEntry {
    pub id: ClosureId,
    /// The closed resource, or `None` for the whole location.
    pub resource_id: Option<ResourceId>,
    /// The resource's name, for people; `None` for the whole location.
    pub resource_name: Option<String>,
    /// First closed local date.
    pub from: NaiveDate,
    /// Last closed local date (inclusive).
    pub until: NaiveDate,
    /// For part of one day: the local start (wall clock), `HH:MM`.
    #[serde(with = "hh_mm")]
    pub starts_local: Option<NaiveTime>,
    /// For part of one day: the local end (wall clock), after the start, `HH:MM`.
    #[serde(with = "hh_mm")]
    pub ends_local: Option<NaiveTime>,
    /// Shown to staff (`Off sick`).
    pub reason: String,
    pub origin: ClosureOrigin,
}

impl ClosureEntry {
    /// The closure as availability reads it, its part-day hours as
    /// instants in `tz`.
    pub fn rule(&self, tz: Tz) -> Closure {
        Closure {
            resource_id: self.resource_id,
            from: self.from,
            until: self.until,
            reason: self.reason.clone(),
            hours: self
                .starts_local
                .zip(self.ends_local)
                .map(|(start, end)| closed_span(self.from, start, end, tz)),
        }
    }

    /// Its dates and hours in words: `Mon 01 Jun 2026`, `Mon 01 Jun 2026 –
    /// Fri 05 Jun 2026`, `Mon 01 Jun 2026 11:00–18:00`.
    pub fn when(&self) -> String {
        let date = |d: NaiveDate| d.format("%a %d %b %Y").to_string();
        match (self.starts_local, self.ends_local) {
            (Some(s), Some(e)) => {
                format!(
                    "{} {}–{}",
                    date(self.from),
                    s.format("%H:%M"),
                    e.format("%H:%M")
                )
            }
            _ if self.from == self.until => date(self.from),
            _ => format!("{} – {}", date(self.from), date(self.until)),
        }
    }
}

impl fmt::Display for ClosureEntry {
    /// `closure 7: Ana Silva, Mon 01 Jun 2026 11:00–18:00: Off sick (desk)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "closure {}: {}, {}: {} ({})",
            self.id,
            self.resource_name
                .as_deref()
                .unwrap_or("the whole location"),
            self.when(),
            self.reason,
            self.origin.as_str()
        )
    }
}

/// An optional local time as `HH:MM` text (or `null`).
mod hh_mm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    #[allow(clippy::ref_option)] // serde's signature
    pub fn serialize<S: Serializer>(t: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&t.format("%H:%M").to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveTime>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| {
                NaiveTime::parse_from_str(&text, "%H:%M")
                    .or_else(|_| NaiveTime::parse_from_str(&text, "%H:%M:%S"))
                    .map_err(serde::de::Error::custom)
            })
            .transpose()
    }
}

/// A closure the desk asks for (`slotdesk closure add`, the desk's closure
/// form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosureRequest {
    /// The resource, or `None` for the whole location.
    pub resource: Option<ResourceId>,
    /// First local date.
    pub from: NaiveDate,
    /// Last local date; `None`: the same as `from`.
    pub until: Option<NaiveDate>,
    /// Local from–until on one date, for part of a day; `None`: whole days.
    pub hours: Option<(NaiveTime, NaiveTime)>,
    pub reason: String,
}

impl ClosureRequest {
    /// The request checked, with its reason trimmed and its last date
    /// filled in.
    /// Errors (invalid input): a reason empty, too long or with a control
    /// character; a last date before the first; hours over more than one
    /// date; an end not after the start.
    pub fn checked(&self) -> Result<Self, BookingError> {
        let reason = CLOSURE_REASON.check_required(&self.reason)?.to_owned();
        let until = self.until.unwrap_or(self.from);
        if until < self.from {
            return Err(BookingError::invalid(format!(
                "the closure's last date {until} is before its first date {}",
                self.from
            )));
        }
        if let Some((start, end)) = self.hours {
            if until != self.from {
                return Err(BookingError::invalid(
                    "a closure for part of a day is on one date: give hours with a single date, \
                     or close whole days",
                ));
            }
            if end <= start {
                return Err(BookingError::invalid(format!(
                    "the closure's end {} is not after its start {}",
                    end.format("%H:%M"),
                    start.format("%H:%M")
                )));
            }
        }
        Ok(Self {
            resource: self.resource,
            from: self.from,
            until: Some(until),
            hours: self.hours,
            reason,
        })
    }
}

/// What closing did: the closure made, and the live bookings it strands
/// (capacity-holding, not yet ended, on a slot it closes), in time order.
/// They are not cancelled: the desk moves or cancels each; until then each
/// is listed as needing attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClosureAdded {
    pub closure: ClosureEntry,
    pub stranded: Vec<Booking>,
}

/// The UTC instants a closure from local `start` to local `end` on `date`
/// in `tz` runs between. A time in a daylight-saving gap is taken as the
/// first instant after the gap; a time in the repeated hour as its first
/// occurrence for the start and its second for the end, so the closure
/// covers all of what the clerk meant.
pub fn closed_span(
    date: NaiveDate,
    start: NaiveTime,
    end: NaiveTime,
    tz: Tz,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let instant = |time: NaiveTime, latest: bool| {
        let local = date.and_time(time);
        let found = match tz.from_local_datetime(&local) {
            LocalResult::Single(t) => Some(t),
            LocalResult::Ambiguous(first, second) => Some(if latest { second } else { first }),
            // In a gap: the first instant after it, the earliest whose wall
            // clock is past `time` (found back from an hour or so later).
            LocalResult::None => (1..=3)
                .filter_map(|h| local.checked_add_signed(Duration::hours(h)))
                .find_map(|later| tz.from_local_datetime(&later).earliest())
                .map(|mut t| {
                    while let Some(before) = t.checked_sub_signed(Duration::minutes(1))
                        && before.naive_local() > local
                    {
                        t = before;
                    }
                    t
                }),
        };
        found.map_or_else(|| Utc.from_utc_datetime(&local), |t| t.with_timezone(&Utc))
    };
    (instant(start, false), instant(end, true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::London;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn t(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }

    fn request() -> ClosureRequest {
        ClosureRequest {
            resource: Some(ResourceId(1)),
            from: d("2026-06-01"),
            until: None,
            hours: None,
            reason: "  Off sick ".into(),
        }
    }

    #[test]
    fn a_request_is_trimmed_and_its_last_date_filled_in() {
        let r = request().checked().unwrap();
        assert_eq!(r.reason, "Off sick");
        assert_eq!(r.until, Some(d("2026-06-01")));
    }

    #[test]
    fn a_request_without_a_reason_backwards_or_with_hours_over_days_is_refused() {
        let mut r = request();
        r.reason = " ".into();
        assert!(
            r.checked()
                .unwrap_err()
                .to_string()
                .contains("reason is required")
        );
        let mut r = request();
        r.until = Some(d("2026-05-31"));
        assert!(
            r.checked()
                .unwrap_err()
                .to_string()
                .contains("before its first date")
        );
        let mut r = request();
        r.until = Some(d("2026-06-02"));
        r.hours = Some((t("11:00"), t("18:00")));
        assert!(r.checked().unwrap_err().to_string().contains("one date"));
        let mut r = request();
        r.hours = Some((t("11:00"), t("11:00")));
        assert!(
            r.checked()
                .unwrap_err()
                .to_string()
                .contains("not after its start")
        );
    }

    #[test]
    fn part_day_hours_are_local_on_both_daylight_saving_days() {
        // Summer time: local is UTC + 1.
        let (a, b) = closed_span(d("2026-06-01"), t("11:00"), t("18:00"), London);
        assert_eq!(a.to_rfc3339(), "2026-06-01T10:00:00+00:00");
        assert_eq!(b.to_rfc3339(), "2026-06-01T17:00:00+00:00");
        // 29 March 2026: 01:00 GMT jumps to 02:00 BST; 01:30 does not exist.
        let (a, b) = closed_span(d("2026-03-29"), t("01:30"), t("09:30"), London);
        assert_eq!(a.to_rfc3339(), "2026-03-29T01:00:00+00:00");
        assert_eq!(b.to_rfc3339(), "2026-03-29T08:30:00+00:00");
        // 25 October 2026: 01:00–02:00 happens twice; the end takes the second.
        let (a, b) = closed_span(d("2026-10-25"), t("01:15"), t("01:45"), London);
        assert_eq!(a.to_rfc3339(), "2026-10-25T00:15:00+00:00");
        assert_eq!(b.to_rfc3339(), "2026-10-25T01:45:00+00:00");
    }

    #[test]
    fn a_part_day_closure_closes_only_the_slots_that_overlap_it() {
        let entry = ClosureEntry {
            id: ClosureId(1),
            resource_id: Some(ResourceId(1)),
            resource_name: Some("Ana".into()),
            from: d("2026-03-29"),
            until: d("2026-03-29"),
            starts_local: Some(t("09:30")),
            ends_local: Some(t("11:00")),
            reason: "Dentist".into(),
            origin: ClosureOrigin::Desk,
        };
        let rule = entry.rule(London);
        let at = |h: u32, m: u32| Utc.with_ymd_and_hms(2026, 3, 29, h, m, 0).unwrap();
        // 09:00–10:00 BST is 08:00–09:00 UTC: overlaps 09:30.
        assert!(rule.closes(ResourceId(1), d("2026-03-29"), at(8, 0), at(9, 0)));
        // 08:00–09:30 BST ends as the closure starts: open.
        assert!(!rule.closes(ResourceId(1), d("2026-03-29"), at(7, 0), at(8, 30)));
        // 11:00–12:00 BST starts as it ends: open.
        assert!(!rule.closes(ResourceId(1), d("2026-03-29"), at(10, 0), at(11, 0)));
        // Another resource: open.
        assert!(!rule.closes(ResourceId(2), d("2026-03-29"), at(8, 0), at(9, 0)));
        assert_eq!(
            entry.to_string(),
            "closure 1: Ana, Sun 29 Mar 2026 09:30–11:00: Dentist (desk)"
        );
        let json = serde_json::to_value(&entry).unwrap();
        assert_eq!(json["starts_local"], "09:30");
        assert_eq!(json["origin"], "desk");
        assert_eq!(serde_json::from_value::<ClosureEntry>(json).unwrap(), entry);
    }
}
