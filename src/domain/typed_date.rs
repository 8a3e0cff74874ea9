//! Dates as people type them, one parser for the desk and the command
//! line: `2026-12-25`; `25/12` and `25/12/2026` in the location's date
//! order (month first where the location's region writes it so), with
//! `.` or `-` as well (`25.12.2026`); `today`, `tomorrow` (`tmrw`),
//! `yesterday`; a weekday (`mon`: the coming one, today on
//! that day); `+7` and `-3` days from today; and what `interim` reads
//! besides (`25 Dec`, `next friday`). Pure: today arrives as data.

use super::error::BookingError;
use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use interim::{Dialect, parse_date_string};

/// Which comes first in a date written with slashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    /// `25/12/2026` (most of the world).
    #[default]
    DayMonth,
    /// `12/25/2026` (the United States and a few others).
    MonthDay,
}

/// Regions (ISO 3166) that write the month first.
const MONTH_FIRST: [&str; 11] = [
    "US", "PH", "FM", "MH", "PW", "GU", "AS", "MP", "VI", "PR", "UM",
];

impl DateOrder {
    /// The order the location's phone region writes dates in.
    pub fn of_region(region: &str) -> Self {
        if MONTH_FIRST.contains(&region.trim().to_ascii_uppercase().as_str()) {
            Self::MonthDay
        } else {
            Self::DayMonth
        }
    }

    /// Christmas Day in this order, short and whole: `25/12`, `25/12/2026`.
    pub fn example(self) -> (&'static str, &'static str) {
        match self {
            Self::DayMonth => ("25/12", "25/12/2026"),
            Self::MonthDay => ("12/25", "12/25/2026"),
        }
    }

    /// `DD/MM/YYYY` or `MM/DD/YYYY`, for hints.
    pub fn pattern(self) -> &'static str {
        match self {
            Self::DayMonth => "DD/MM/YYYY",
            Self::MonthDay => "MM/DD/YYYY",
        }
    }
}

/// The most days `+N` / `-N` may move, either way (a date typed whole is
/// bounded by [`MAX_DISTANCE_DAYS`]).
const MAX_OFFSET_DAYS: i64 = 3660;

/// The farthest a typed date may be from today, either way (a century):
/// further is a slip, and near chrono's limits a later day's arithmetic
/// would overflow.
const MAX_DISTANCE_DAYS: i64 = 36_525;

/// The date `text` names, counted from `today` (the location's), slashes
/// read in `order`, at most a century from today. Errors:
/// [`BookingError::Invalid`] saying what is understood.
pub fn parse_date(
    text: &str,
    today: NaiveDate,
    order: DateOrder,
) -> Result<NaiveDate, BookingError> {
    let date = parse_any(text, today, order)?;
    if (date - today).num_days().abs() > MAX_DISTANCE_DAYS {
        return Err(BookingError::invalid(format!(
            "date {date} is more than a hundred years from today"
        )));
    }
    Ok(date)
}

fn parse_any(text: &str, today: NaiveDate, order: DateOrder) -> Result<NaiveDate, BookingError> {
    let t = text.trim();
    let refused = || {
        BookingError::invalid(format!(
            "date `{}` is not understood: try 2026-12-25, {}, {}, today, tomorrow, mon or +7",
            super::text::printable(&t.chars().take(40).collect::<String>()),
            order.example().0,
            order.example().1,
        ))
    };
    if t.is_empty() || t.chars().count() > 40 {
        return Err(refused());
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d);
    }
    if let Some(n) = t.strip_prefix('+').or_else(|| t.strip_prefix('-')) {
        let n = n.trim();
        if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) {
            return Err(refused());
        }
        let days: i64 = n.parse().map_err(|_| refused())?;
        if days > MAX_OFFSET_DAYS {
            return Err(refused());
        }
        let days = if t.starts_with('-') { -days } else { days };
        return today
            .checked_add_signed(Duration::days(days))
            .ok_or_else(refused);
    }
    // Day and month (and year) in numbers, with `/`, `.` or `-` between
    // them: read here in the location's order, never guessed at.
    if t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-'))
    {
        return numeric(t, today, order).ok_or_else(refused);
    }
    match t.to_lowercase().as_str() {
        "tmrw" | "tmr" | "tom" => return Ok(today + Duration::days(1)),
        _ => {}
    }
    // A weekday names the coming one, today on that day.
    if let Some(wd) = weekday(t) {
        let from_monday = |d: chrono::Weekday| i64::from(d.num_days_from_monday());
        let ahead = (7 + from_monday(wd) - from_monday(chrono::Datelike::weekday(&today))) % 7;
        return Ok(today + Duration::days(ahead));
    }
    // Too little for a word (`m` is a unit of time to `interim`).
    if t.chars().count() < 3 {
        return Err(refused());
    }
    let dialect = match order {
        DateOrder::DayMonth => Dialect::Uk,
        DateOrder::MonthDay => Dialect::Us,
    };
    let noon = Utc
        .from_utc_datetime(&today.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()));
    parse_date_string(&t.to_lowercase(), noon, dialect)
        .map(|d| d.date_naive())
        .map_err(|_| refused())
}

/// `25/12`, `25.12.2026`, `25-12-26` (month first in `order` when it says
/// so): two or three numbers; a two-digit year is in the 2000s; no year is
/// `today`'s. `None` when it is not a real date.
fn numeric(text: &str, today: NaiveDate, order: DateOrder) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
        return None;
    }
    let n: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (day, month) = match order {
        DateOrder::DayMonth => (n[0], n[1]),
        DateOrder::MonthDay => (n[1], n[0]),
    };
    let year = match n.get(2) {
        None => chrono::Datelike::year(&today),
        Some(y) if parts[2].len() <= 2 => 2000 + i32::try_from(*y).ok()?,
        Some(y) if parts[2].len() == 4 => i32::try_from(*y).ok()?,
        Some(_) => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// `mon`, `Monday`, `tues`: a weekday by its name or its first three
/// letters or more.
fn weekday(text: &str) -> Option<chrono::Weekday> {
    use chrono::Weekday::{Fri, Mon, Sat, Sun, Thu, Tue, Wed};
    let t = text.to_lowercase();
    if t.len() < 3 || !t.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    [
        ("monday", Mon),
        ("tuesday", Tue),
        ("wednesday", Wed),
        ("thursday", Thu),
        ("friday", Fri),
        ("saturday", Sat),
        ("sunday", Sun),
    ]
    .into_iter()
    .find(|(name, _)| name.starts_with(&t))
    .map(|(_, wd)| wd)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Wednesday 2 December 2026.
    fn today() -> NaiveDate {
        d(2026, 12, 2)
    }

    #[test]
    fn what_people_type_names_the_date_they_mean() {
        let uk = DateOrder::DayMonth;
        let cases = [
            ("2026-12-25", d(2026, 12, 25)),
            ("25/12", d(2026, 12, 25)),
            ("25/12/2026", d(2026, 12, 25)),
            (" 1/2/2027 ", d(2027, 2, 1)),
            ("today", today()),
            ("Tomorrow", d(2026, 12, 3)),
            ("yesterday", d(2026, 12, 1)),
            ("mon", d(2026, 12, 7)),
            ("wed", today()),
            ("Thursday", d(2026, 12, 3)),
            ("+7", d(2026, 12, 9)),
            ("-2", d(2026, 11, 30)),
            ("+0", today()),
            ("25 dec", d(2026, 12, 25)),
            ("25.12", d(2026, 12, 25)),
            ("25.12.2026", d(2026, 12, 25)),
            ("25-12", d(2026, 12, 25)),
            ("1.2.27", d(2027, 2, 1)),
            ("30.11", d(2026, 11, 30)),
            ("tmrw", d(2026, 12, 3)),
        ];
        for (typed, want) in cases {
            assert_eq!(parse_date(typed, today(), uk), Ok(want), "{typed:?}");
        }
        let us = DateOrder::MonthDay;
        assert_eq!(parse_date("12/25", today(), us), Ok(d(2026, 12, 25)));
        assert_eq!(parse_date("1/2/2027", today(), us), Ok(d(2027, 1, 2)));
        assert_eq!(parse_date("12.25", today(), us), Ok(d(2026, 12, 25)));
        assert_eq!(DateOrder::of_region("us"), us);
        assert_eq!(DateOrder::of_region("GB"), uk);
    }

    #[test]
    fn a_date_centuries_away_is_refused_before_anything_counts_from_it() {
        for typed in ["+262142-12-01", "9999 years", "1066-10-14", "2999-01-01"] {
            let e = parse_date(typed, today(), DateOrder::DayMonth)
                .unwrap_err()
                .to_string();
            assert!(
                e.contains("years from today") || e.contains("not understood"),
                "{typed}: {e}"
            );
        }
        assert!(parse_date("2100-01-01", today(), DateOrder::DayMonth).is_ok());
    }

    #[test]
    fn nonsense_and_hostile_text_is_refused_in_words() {
        for typed in [
            "",
            "   ",
            "32/12",
            "25/13/2026",
            "2026-02-30",
            "+",
            "+x",
            "+99999999999999999999",
            "+100000",
            "31.02",
            "25.13",
            "1.2.3.4",
            "2.5.",
            "+-3",
            "--3",
            "+-999999999999",
            "930",
            "2026",
            "m",
            "soon",
            "\u{1b}[2J",
            &"9".repeat(5000),
        ] {
            let e = parse_date(typed, today(), DateOrder::DayMonth)
                .map(|d| format!("{typed:?} read as {d}"))
                .unwrap_err();
            assert!(
                e.to_string().contains("is not understood"),
                "{typed:?}: {e}"
            );
            assert!(!e.to_string().contains('\u{1b}'), "{e}");
        }
    }
}
