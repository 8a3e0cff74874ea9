//! Dates and times as other systems write them, read in the location's
//! zone: ISO 8601 with or without an offset, day-first (`07/12/2026`,
//! `7.12.2026`) or month-first (`12/07/2026`) as the import says, month
//! names (`7 Dec 2026`, `Dec 7, 2026`), 24-hour or 12-hour clocks. Pure.

use chrono::{
    DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
};
use chrono_tz::Tz;

pub use crate::domain::typed_date::DateOrder;

/// How an import reads dates: the location's zone, the numeric order, and
/// an exact chrono format (`%d/%m/%Y %H:%M`) that overrides the guessing.
#[derive(Debug, Clone)]
pub struct DateReading {
    pub tz: Tz,
    pub order: DateOrder,
    /// A strftime pattern for the whole date and time (or the date alone).
    pub format: Option<String>,
}

const TIMES: [&str; 6] = ["%H:%M", "%H:%M:%S", "%H.%M", "%I:%M %p", "%I:%M%p", "%I %p"];

fn dates(order: DateOrder) -> [&'static str; 9] {
    let numeric = match order {
        DateOrder::DayMonth => ["%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"],
        DateOrder::MonthDay => ["%m/%d/%Y", "%m.%d.%Y", "%m-%d-%Y"],
    };
    [
        "%Y-%m-%d",
        "%Y/%m/%d",
        numeric[0],
        numeric[1],
        numeric[2],
        "%d %b %Y",
        "%d %B %Y",
        "%b %d, %Y",
        "%B %d, %Y",
    ]
}

impl DateReading {
    /// A local date. Errors: the text is not one of the date forms.
    pub fn date(&self, text: &str) -> Result<NaiveDate, String> {
        let t = text.trim();
        if let Some(f) = &self.format
            && let Ok(d) = NaiveDate::parse_from_str(t, f)
        {
            return Ok(d);
        }
        dates(self.order)
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
            .ok_or_else(|| format!("“{}” is not a date", shorten(t)))
    }

    /// A local time of day. Errors: not a time.
    pub fn time(&self, text: &str) -> Result<NaiveTime, String> {
        let t = text.trim();
        TIMES
            .iter()
            .find_map(|f| NaiveTime::parse_from_str(&t.to_uppercase(), f).ok())
            .ok_or_else(|| format!("“{}” is not a time", shorten(t)))
    }

    /// An instant: RFC 3339 / ISO 8601 with `Z` or an offset as written;
    /// else a local date and time (`2026-12-07 10:00`, `07/12/2026 10:00`,
    /// `7 Dec 2026 10:00 am`, `2026-12-07T10:00`) in the location's zone.
    /// Errors: not a date and time; a local time the clocks skip (the
    /// spring change). A time the autumn change repeats is its first.
    pub fn instant(&self, text: &str) -> Result<DateTime<Utc>, String> {
        let t = text.trim();
        if let Ok(at) = DateTime::parse_from_rfc3339(t) {
            return Ok(at.with_timezone(&Utc));
        }
        for f in [
            "%Y-%m-%dT%H:%M%:z",
            "%Y-%m-%d %H:%M%:z",
            "%Y-%m-%d %H:%M:%S%:z",
            "%Y%m%dT%H%M%SZ",
        ] {
            let with_zone = if f.ends_with('Z') {
                format!("{t}+00:00")
            } else {
                t.to_owned()
            };
            let f = if f.ends_with('Z') {
                format!("{f}%:z")
            } else {
                f.to_owned()
            };
            if let Ok(at) = DateTime::<FixedOffset>::parse_from_str(&with_zone, &f) {
                return Ok(at.with_timezone(&Utc));
            }
        }
        self.local(self.naive(t)?)
    }

    /// `date` at `time`, both local. Errors: as [`Self::instant`].
    pub fn at(&self, date: &str, time: &str) -> Result<DateTime<Utc>, String> {
        self.local(NaiveDateTime::new(self.date(date)?, self.time(time)?))
    }

    fn naive(&self, t: &str) -> Result<NaiveDateTime, String> {
        if let Some(f) = &self.format
            && let Ok(d) = NaiveDateTime::parse_from_str(t, f)
        {
            return Ok(d);
        }
        for sep in ['T', ' '] {
            // The date is everything before the first separator that leaves
            // a time after it: `7 Dec 2026 10:00` splits at its last space
            // that still parses.
            let cuts = t.match_indices(sep).map(|(i, _)| i).collect::<Vec<_>>();
            for &i in cuts.iter().rev() {
                let (d, rest) = (&t[..i], t[i + 1..].trim());
                if let (Ok(d), Ok(time)) = (self.date(d), self.time(rest)) {
                    return Ok(NaiveDateTime::new(d, time));
                }
            }
        }
        Err(format!("“{}” is not a date and time", shorten(t)))
    }

    /// A local date and time in the location's zone as UTC. Errors: a time
    /// the clocks skip.
    pub fn local(&self, at: NaiveDateTime) -> Result<DateTime<Utc>, String> {
        match self.tz.from_local_datetime(&at) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Ok(t.with_timezone(&Utc)),
            LocalResult::None => Err(format!(
                "{} does not happen in {} (the clocks go forward then)",
                at.format("%Y-%m-%d %H:%M"),
                self.tz.name()
            )),
        }
    }
}

/// A length in minutes as files write it: `50`, `1:30`, `90 min`, `1h30`,
/// `PT50M`. Errors: not a length of 1 to 1440 minutes.
pub fn minutes(text: &str) -> Result<i64, String> {
    let lower = text.trim().to_ascii_lowercase();
    let t = lower.strip_prefix("pt").unwrap_or(&lower);
    let num = |s: &str| -> Option<i64> {
        let s = s.trim();
        if s.is_empty() {
            Some(0)
        } else {
            s.parse().ok()
        }
    };
    let unit = |s: &'_ str| -> String {
        s.trim()
            .trim_end_matches("minutes")
            .trim_end_matches("mins")
            .trim_end_matches("min")
            .trim_end_matches('m')
            .trim()
            .to_owned()
    };
    let parsed = match t.split_once([':', 'h']) {
        Some((h, m)) => num(h)
            .zip(num(&unit(m)))
            .and_then(|(h, m)| h.checked_mul(60)?.checked_add(m)),
        None => Some(unit(t))
            .filter(|m| !m.is_empty())
            .and_then(|m| m.parse().ok()),
    };
    parsed.filter(|m| (1..=1440).contains(m)).ok_or_else(|| {
        format!(
            "“{}” is not a length of 1 to 1440 minutes",
            shorten(text.trim())
        )
    })
}

/// `text` cut to 40 characters for a message.
fn shorten(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        s.push('…');
    }
    s.chars()
        .map(|c| if c.is_control() { '�' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn london(order: DateOrder) -> DateReading {
        DateReading {
            tz: chrono_tz::Europe::London,
            order,
            format: None,
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn common_forms_read_in_the_location_zone() {
        let r = london(DateOrder::DayMonth);
        // 7 December: GMT, so local equals UTC.
        for t in [
            "2026-12-07 10:00",
            "2026-12-07T10:00",
            "2026-12-07T10:00:00",
            "07/12/2026 10:00",
            "7.12.2026 10:00",
            "7 Dec 2026 10:00",
            "7 December 2026 10:00 am",
            "Dec 7, 2026 10:00",
            "2026/12/07 10:00",
            "07/12/2026 10:00 AM",
        ] {
            assert_eq!(r.instant(t), Ok(utc("2026-12-07T10:00:00Z")), "{t}");
        }
        // Summer: BST is UTC+1.
        assert_eq!(
            r.instant("2026-07-01 10:00"),
            Ok(utc("2026-07-01T09:00:00Z"))
        );
        // An offset or Z is taken as written.
        assert_eq!(
            r.instant("2026-07-01T10:00:00Z"),
            Ok(utc("2026-07-01T10:00:00Z"))
        );
        assert_eq!(
            r.instant("2026-07-01T10:00+02:00"),
            Ok(utc("2026-07-01T08:00:00Z"))
        );
        assert_eq!(
            r.instant("20260701T100000Z"),
            Ok(utc("2026-07-01T10:00:00Z"))
        );
    }

    #[test]
    fn the_order_decides_slashed_dates() {
        assert_eq!(
            london(DateOrder::DayMonth).instant("03/04/2026 10:00"),
            Ok(utc("2026-04-03T09:00:00Z"))
        );
        assert_eq!(
            london(DateOrder::MonthDay).instant("03/04/2026 10:00"),
            Ok(utc("2026-03-04T10:00:00Z"))
        );
    }

    #[test]
    fn an_exact_format_wins() {
        let r = DateReading {
            format: Some("%m-%d-%Y %H%M".into()),
            ..london(DateOrder::DayMonth)
        };
        assert_eq!(
            r.instant("12-07-2026 1000"),
            Ok(utc("2026-12-07T10:00:00Z"))
        );
    }

    #[test]
    fn daylight_saving_edges() {
        let r = london(DateOrder::DayMonth);
        // 29 March 2026: 01:00–02:00 does not exist in London.
        let gap = r.instant("2026-03-29 01:30").unwrap_err();
        assert!(gap.contains("clocks go forward"), "{gap}");
        // 25 October 2026: 01:30 happens twice; the first is BST.
        assert_eq!(
            r.instant("2026-10-25 01:30"),
            Ok(utc("2026-10-25T00:30:00Z"))
        );
    }

    #[test]
    fn bad_dates_say_what_was_written() {
        let r = london(DateOrder::DayMonth);
        for t in [
            "",
            "tomorrow",
            "31/02/2026 10:00",
            "2026-12-07 25:00",
            "\u{1b}[2J",
        ] {
            assert!(r.instant(t).is_err(), "{t}");
        }
        let long = "9".repeat(5000);
        assert!(r.instant(&long).unwrap_err().chars().count() < 80);
        assert_eq!(
            r.at("07/12/2026", "2:30 pm"),
            Ok(utc("2026-12-07T14:30:00Z"))
        );
    }

    #[test]
    fn lengths() {
        assert_eq!(minutes("50"), Ok(50));
        assert_eq!(minutes("1:30"), Ok(90));
        assert_eq!(minutes("90 min"), Ok(90));
        assert_eq!(minutes("1h30"), Ok(90));
        assert_eq!(minutes("PT50M"), Ok(50));
        assert_eq!(minutes("PT1H"), Ok(60));
        for bad in [
            "0",
            "-5",
            "1441",
            "abc",
            "",
            "99999999999999999999",
            "999999999999999999:00",
            "h",
        ] {
            assert!(minutes(bad).is_err(), "{bad}");
        }
    }
}
