//! Weekly time slots and their occurrences (slots) in the location's time
//! zone: a 09:00 class stays at 09:00 local across daylight-saving changes,
//! and a slot that falls in a DST gap does not occur that day. Pure.

use super::error::BookingError;
use super::ids::{ResourceId, ServiceId, TimeSlotId};
use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// The first date of a time slot with no `valid_from` (stored sortably).
pub const OPEN_START: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The last date of a time slot with no `valid_until` (stored sortably).
pub const OPEN_END: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// A weekly recurring opening of one service on one resource
/// (ReserveKit `time_slot_id`). Local times are wall-clock in the location's zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeSlot {
    pub id: TimeSlotId,
    pub service_id: ServiceId,
    pub resource_id: ResourceId,
    /// The day of the week it recurs on.
    pub weekday: Weekday,
    /// Local start (wall clock).
    pub starts_local: NaiveTime,
    /// Local end (wall clock), after `starts_local` on the same day.
    pub ends_local: NaiveTime,
    /// Participants it takes in all.
    pub capacity: u32,
    /// First date it occurs on (inclusive).
    pub valid_from: NaiveDate,
    /// Last date it occurs on (inclusive).
    pub valid_until: NaiveDate,
    /// False once a catalog apply has retired it; it then never occurs.
    pub active: bool,
}

/// One time slot on one date: a slot (ReserveKit `time_slot_id` + `date`,
/// Boseat `{from, to}`), with its instants in UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    pub time_slot_id: TimeSlotId,
    /// The local date it occurs on.
    pub date: NaiveDate,
    pub service_id: ServiceId,
    pub resource_id: ResourceId,
    /// Start, UTC.
    pub from: DateTime<Utc>,
    /// End, UTC (start plus the local length in minutes).
    pub to: DateTime<Utc>,
    /// Participants it takes in all.
    pub capacity: u32,
}

impl Occurrence {
    /// The slot's reference, `TIME_SLOT_ID@YYYY-MM-DD`.
    pub fn slot_ref(&self) -> SlotRef {
        SlotRef {
            time_slot_id: self.time_slot_id,
            date: self.date,
        }
    }

    /// Whether the two slots share any instant.
    pub fn overlaps(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> bool {
        self.from < to && from < self.to
    }
}

impl TimeSlot {
    /// Length in minutes of each occurrence.
    pub fn minutes(&self) -> i64 {
        (self.ends_local - self.starts_local).num_minutes()
    }

    /// The slot this time slot makes on `date` in `tz`, or `None` when it does
    /// not occur then: another weekday, outside its validity, retired, its
    /// start falls in a daylight-saving gap, or it would end past the last
    /// instant chrono can hold. A start that occurs twice (the
    /// autumn change) takes the first instant.
    pub fn occurrence_on(&self, date: NaiveDate, tz: Tz) -> Option<Occurrence> {
        if !self.active
            || date.weekday() != self.weekday
            || date < self.valid_from
            || date > self.valid_until
        {
            return None;
        }
        let from = match tz.from_local_datetime(&date.and_time(self.starts_local)) {
            LocalResult::Single(t) => t,
            LocalResult::Ambiguous(first, _) => first,
            LocalResult::None => return None,
        }
        .with_timezone(&Utc);
        // At the very end of chrono's range the end may not exist: no slot.
        let to = from.checked_add_signed(chrono::Duration::minutes(self.minutes()))?;
        Some(Occurrence {
            time_slot_id: self.id,
            date,
            service_id: self.service_id,
            resource_id: self.resource_id,
            from,
            to,
            capacity: self.capacity,
        })
    }
}

/// A slot reference as written on the command line: `TIME_SLOT_ID@YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SlotRef {
    pub time_slot_id: TimeSlotId,
    /// The local date.
    pub date: NaiveDate,
}

impl fmt::Display for SlotRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.time_slot_id, self.date.format("%Y-%m-%d"))
    }
}

impl FromStr for SlotRef {
    type Err = BookingError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            BookingError::invalid(format!(
                "slot `{s}` is not of the form TIME_SLOT_ID@YYYY-MM-DD"
            ))
        };
        let (id, date) = s.trim().split_once('@').ok_or_else(bad)?;
        Ok(SlotRef {
            time_slot_id: TimeSlotId(id.parse().map_err(|_| bad())?),
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| bad())?,
        })
    }
}

/// The UTC instants bounding the local day `date` in `tz` (its first and the
/// next day's first instant), for finding a day's bookings by index.
pub fn local_day_bounds(date: NaiveDate, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = |d: NaiveDate| {
        let midnight = d.and_time(NaiveTime::MIN);
        match tz.from_local_datetime(&midnight) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
            // Midnight skipped by a DST change: the day starts an hour later.
            LocalResult::None => midnight
                .checked_add_signed(chrono::Duration::hours(1))
                .and_then(|later| tz.from_local_datetime(&later).earliest())
                .map_or_else(
                    || Utc.from_utc_datetime(&midnight),
                    |t| t.with_timezone(&Utc),
                ),
        }
    };
    let next = date.succ_opt().unwrap_or(date);
    (start(date), start(next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::London;

    fn slot(weekday: Weekday, start: &str, end: &str) -> TimeSlot {
        TimeSlot {
            id: TimeSlotId(1),
            service_id: ServiceId(1),
            resource_id: ResourceId(1),
            weekday,
            starts_local: NaiveTime::parse_from_str(start, "%H:%M").unwrap(),
            ends_local: NaiveTime::parse_from_str(end, "%H:%M").unwrap(),
            capacity: 1,
            valid_from: OPEN_START,
            valid_until: OPEN_END,
            active: true,
        }
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn nine_oclock_local_stays_nine_oclock_on_both_dst_sundays() {
        let nine = slot(Weekday::Sun, "09:00", "10:00");
        // 2026-03-29: clocks go forward (GMT → BST): 09:00 local is 08:00 UTC.
        let spring = nine.occurrence_on(date("2026-03-29"), London).unwrap();
        assert_eq!(spring.from.to_rfc3339(), "2026-03-29T08:00:00+00:00");
        assert_eq!(spring.to.to_rfc3339(), "2026-03-29T09:00:00+00:00");
        // The Sunday before is still GMT.
        let before = nine.occurrence_on(date("2026-03-22"), London).unwrap();
        assert_eq!(before.from.to_rfc3339(), "2026-03-22T09:00:00+00:00");
        // 2026-10-25: clocks go back (BST → GMT): 09:00 local is 09:00 UTC.
        let autumn = nine.occurrence_on(date("2026-10-25"), London).unwrap();
        assert_eq!(autumn.from.to_rfc3339(), "2026-10-25T09:00:00+00:00");
        let before = nine.occurrence_on(date("2026-10-18"), London).unwrap();
        assert_eq!(before.from.to_rfc3339(), "2026-10-18T08:00:00+00:00");
    }

    #[test]
    fn slot_in_the_spring_gap_does_not_occur_and_the_repeated_hour_takes_the_first() {
        let gap = slot(Weekday::Sun, "01:30", "02:30");
        assert_eq!(gap.occurrence_on(date("2026-03-29"), London), None);
        let twice = gap.occurrence_on(date("2026-10-25"), London).unwrap();
        assert_eq!(twice.from.to_rfc3339(), "2026-10-25T00:30:00+00:00");
        assert_eq!((twice.to - twice.from).num_minutes(), 60);
    }

    #[test]
    fn occurs_only_on_its_weekday_within_validity_while_active() {
        let mut s = slot(Weekday::Mon, "09:00", "09:45");
        assert!(s.occurrence_on(date("2026-11-23"), London).is_some());
        assert!(s.occurrence_on(date("2026-11-24"), London).is_none());
        s.valid_until = date("2026-11-22");
        assert!(s.occurrence_on(date("2026-11-23"), London).is_none());
        s.valid_until = OPEN_END;
        s.active = false;
        assert!(s.occurrence_on(date("2026-11-23"), London).is_none());
    }

    #[test]
    fn slot_refs_parse_and_print() {
        let r: SlotRef = "12@2026-11-23".parse().unwrap();
        assert_eq!(r.time_slot_id, TimeSlotId(12));
        assert_eq!(r.to_string(), "12@2026-11-23");
        for bad in ["12", "x@2026-11-23", "12@2026-13-01", "@"] {
            assert!(bad.parse::<SlotRef>().is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn slot_references_never_panic(text in ".*") {
            let _ = text.parse::<SlotRef>();
        }

        #[test]
        fn slot_reference_like_text_never_panics(
            text in "[0-9]{0,20}@[-+]?[0-9]{0,12}-[0-9]{0,3}-[0-9]{0,3}",
        ) {
            let _ = text.parse::<SlotRef>();
        }

        #[test]
        fn any_date_chrono_holds_makes_occurrences_and_day_bounds_without_a_panic(
            days in NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce(),
            zone in proptest::sample::select(vec![
                chrono_tz::Europe::London,
                chrono_tz::Pacific::Kiritimati,
                chrono_tz::Pacific::Pago_Pago,
                chrono_tz::America::New_York,
            ]),
        ) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            let mut late = slot(date.weekday(), "23:00", "23:59");
            late.valid_from = NaiveDate::MIN;
            late.valid_until = NaiveDate::MAX;
            let _ = late.occurrence_on(date, zone);
            let _ = local_day_bounds(date, zone);
        }
    }

    #[test]
    fn the_first_and_last_dates_chrono_holds_do_not_panic() {
        for date in [NaiveDate::MIN, NaiveDate::MAX, OPEN_START, OPEN_END] {
            let mut s = slot(date.weekday(), "00:00", "23:59");
            s.valid_from = NaiveDate::MIN;
            s.valid_until = NaiveDate::MAX;
            for zone in [
                London,
                chrono_tz::Pacific::Kiritimati,
                chrono_tz::Pacific::Pago_Pago,
            ] {
                let _ = s.occurrence_on(date, zone);
                let _ = local_day_bounds(date, zone);
            }
        }
        let text = format!("1@{}", OPEN_END.format("%Y-%m-%d"));
        assert_eq!(text.parse::<SlotRef>().map(|r| r.date), Ok(OPEN_END));
    }

    #[test]
    fn local_day_bounds_follow_the_dst_length_of_the_day() {
        let (a, b) = local_day_bounds(date("2026-03-29"), London);
        assert_eq!((b - a).num_hours(), 23);
        let (a, b) = local_day_bounds(date("2026-10-25"), London);
        assert_eq!((b - a).num_hours(), 25);
    }
}
