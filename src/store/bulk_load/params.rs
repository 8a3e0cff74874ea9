//! The shape of a generated database: counts, dates and seed, with the
//! defaults the benches use.

use chrono::{DateTime, Months, NaiveDate, NaiveTime, Utc};

/// The shape of a generated database. Dates are the location's local dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleParams {
    /// Bookings written in all, every status (1,000,000).
    pub bookings: u32,
    /// Customers (50,000; at least 20); a tenth of them are regulars who book
    /// half the time. Emails and phones (Ofcom's fictional ranges) are
    /// plausible and E.164, not validated; phones repeat.
    pub customers: u32,
    /// Resources (20), in a cycle of ten roles: three physiotherapists, two
    /// masseurs, a nutritionist, one mixed practitioner and three class rooms.
    pub resources: u32,
    /// The data's "today": the last day of history (a fixed date by default,
    /// so runs are comparable).
    pub end_on: NaiveDate,
    /// Days of history up to and including `end_on` (ten years by default).
    pub history_days: u32,
    /// Days after `end_on` that also get bookings, fewer the further out (56).
    pub future_days: u32,
    /// Seed of every random choice.
    pub seed: u64,
}

impl Default for ScaleParams {
    fn default() -> Self {
        let end_on = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default();
        let ten_years_before = end_on
            .checked_sub_months(Months::new(120))
            .unwrap_or(end_on);
        Self {
            bookings: 1_000_000,
            customers: 50_000,
            resources: 20,
            end_on,
            history_days: (end_on - ten_years_before).num_days() as u32,
            future_days: 56,
            seed: 0x5107_DE5C,
        }
    }
}

impl ScaleParams {
    /// 10:00 UTC on `end_on`: the instant the data is meant to be read at.
    pub fn now(&self) -> DateTime<Utc> {
        self.end_on
            .and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default())
            .and_utc()
    }

    /// The first date with bookings.
    pub fn first_on(&self) -> NaiveDate {
        self.end_on - chrono::Duration::days(i64::from(self.history_days.max(1)) - 1)
    }

    /// The last date with bookings.
    pub fn last_on(&self) -> NaiveDate {
        self.end_on + chrono::Duration::days(i64::from(self.future_days))
    }
}
