//! Instants as the desk and the command line show them: wall-clock time in
//! the location's zone, with the zone's abbreviation (`01:00 BST`) only
//! where the time alone would say two things — the repeated hour of the
//! autumn daylight-saving change. Pure.

use chrono::{DateTime, LocalResult, TimeZone, Utc};
use chrono_tz::Tz;

/// Whether the wall-clock time of `t` in `tz` happens twice that day (the
/// hour repeated when the clocks go back: 01:00–02:00 on the last Sunday
/// of October in `Europe/London`).
pub fn is_repeated(t: DateTime<Utc>, tz: Tz) -> bool {
    let local = t.with_timezone(&tz).naive_local();
    matches!(tz.from_local_datetime(&local), LocalResult::Ambiguous(..))
}

/// `t` in `tz` formatted with `format` (a chrono format such as
/// `%a %d %b %Y %H:%M`), followed by the zone's abbreviation (` BST`,
/// ` GMT`, or an offset such as ` +03` where the zone has none) when the
/// wall-clock time is repeated that day ([`is_repeated`]).
pub fn format_local(t: DateTime<Utc>, tz: Tz, format: &str) -> String {
    let local = t.with_timezone(&tz);
    if is_repeated(t, tz) {
        format!("{} {}", local.format(format), local.format("%Z"))
    } else {
        local.format(format).to_string()
    }
}

/// `09:00` in `tz`; `01:00 BST` or `01:00 GMT` in the repeated hour.
pub fn clock(t: DateTime<Utc>, tz: Tz) -> String {
    format_local(t, tz, "%H:%M")
}

/// A span's times in `tz`: `09:00–10:00`; on the repeated hour each end
/// that falls in it carries its abbreviation, so a 60-minute slot at
/// 01:00 BST reads `01:00 BST–01:00 GMT`, never `01:00–01:00`.
pub fn clock_range(from: DateTime<Utc>, to: DateTime<Utc>, tz: Tz) -> String {
    format!("{}–{}", clock(from, tz), clock(to, tz))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::London;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn the_repeated_hour_of_the_autumn_change_shows_its_zone() {
        // Sunday 25 October 2026: 01:00 BST is 00:00 UTC, 01:00 GMT is 01:00 UTC.
        let bst = at("2026-10-25T00:00:00Z");
        let gmt = at("2026-10-25T01:00:00Z");
        assert!(is_repeated(bst, London) && is_repeated(gmt, London));
        assert_eq!(clock_range(bst, gmt, London), "01:00 BST–01:00 GMT");
        assert_eq!(
            clock_range(
                at("2026-10-24T23:30:00Z"),
                at("2026-10-25T00:30:00Z"),
                London
            ),
            "00:30–01:30 BST"
        );
        assert_eq!(
            clock_range(
                at("2026-10-25T01:30:00Z"),
                at("2026-10-25T02:30:00Z"),
                London
            ),
            "01:30 GMT–02:30"
        );
        assert_eq!(
            format_local(gmt, London, "%a %d %b %Y %H:%M"),
            "Sun 25 Oct 2026 01:00 GMT"
        );
    }

    #[test]
    fn other_times_show_the_clock_alone() {
        assert_eq!(
            clock_range(
                at("2026-10-25T09:00:00Z"),
                at("2026-10-25T10:00:00Z"),
                London
            ),
            "09:00–10:00"
        );
        // The spring change skips an hour: nothing is repeated.
        assert_eq!(
            clock_range(
                at("2026-03-29T00:30:00Z"),
                at("2026-03-29T01:30:00Z"),
                London
            ),
            "00:30–02:30"
        );
        assert_eq!(clock(at("2026-06-01T08:00:00Z"), chrono_tz::UTC), "08:00");
    }
}
