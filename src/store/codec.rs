//! Conversions between stored columns and domain values: UTC instants as
//! Unix seconds, dates as `YYYY-MM-DD`, local times as `HH:MM`, enums as names.

use crate::domain::BookingStatus;
use crate::store::db::{self, Row};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};
use std::str::FromStr;

/// The stored names of the statuses a domain rule `keeps`, as an SQL list
/// (`'confirmed', 'checked_in'`), for `status IN (…)`.
pub fn status_list(keeps: impl Fn(BookingStatus) -> bool) -> String {
    let names: Vec<String> = BookingStatus::ALL
        .into_iter()
        .filter(|s| keeps(*s))
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    names.join(", ")
}

/// UTC instant → stored Unix seconds.
pub fn ts(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

/// Stored Unix seconds → UTC instant (clamped to the epoch when out of range).
pub fn instant(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

/// Local date → stored text.
pub fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Local time → stored `HH:MM`.
pub fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// Weekday → stored 0 (Monday) … 6 (Sunday).
pub fn weekday_number(w: Weekday) -> i64 {
    i64::from(w.num_days_from_monday())
}

/// Stored 0 … 6 → weekday.
pub fn weekday(n: i64) -> Weekday {
    Weekday::try_from(n.clamp(0, 6) as u8).unwrap_or(Weekday::Mon)
}

/// Reads column `idx` as text and parses it, reporting a conversion failure
/// (a corrupt row) as a database error rather than panicking.
pub fn parsed<T>(row: &Row<'_>, idx: usize) -> db::Result<T>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    let text: String = row.get(idx)?;
    text.parse()
        .map_err(|e: T::Err| db::Error::decode(idx, &e.to_string()))
}

/// Reads an optional text column and parses it.
pub fn parsed_opt<T>(row: &Row<'_>, idx: usize) -> db::Result<Option<T>>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    let text: Option<String> = row.get(idx)?;
    text.map(|t| {
        t.parse()
            .map_err(|e: T::Err| db::Error::decode(idx, &e.to_string()))
    })
    .transpose()
}

/// Reads a `YYYY-MM-DD` column.
pub fn date_col(row: &Row<'_>, idx: usize) -> db::Result<NaiveDate> {
    // Read in place, by chrono's ISO reader (`%Y-%m-%d`): a format string
    // parsed again for every row was a tenth of reading a claim.
    let text = row.str(idx)?;
    text.parse::<NaiveDate>()
        .map_err(|e| db::Error::decode(idx, &e.to_string()))
}

/// Reads an `HH:MM` column.
pub fn time_col(row: &Row<'_>, idx: usize) -> db::Result<NaiveTime> {
    let text = row.str(idx)?;
    NaiveTime::parse_from_str(text, "%H:%M").map_err(|e| db::Error::decode(idx, &e.to_string()))
}

/// Reads a JSON text column (a list of choices, …) into `T`, reporting bad
/// JSON (a corrupt row) as a database error rather than panicking.
pub fn json_col<T: serde::de::DeserializeOwned>(row: &Row<'_>, idx: usize) -> db::Result<T> {
    let text: String = row.get(idx)?;
    serde_json::from_str(&text).map_err(|e| db::Error::decode(idx, &e.to_string()))
}

/// `value` as stored JSON text (`[]` for an empty list).
pub fn json_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".to_owned())
}
