//! The one clock the desk and the command line read: real UTC time, or with
//! `$SLOTDESK_NOW` (RFC 3339) a fixed start that then runs on at real speed,
//! for demonstrations and tests. Nothing else in slotdesk reads the time;
//! every other layer takes `now` as data.

use chrono::{DateTime, Utc};
use std::time::Instant;

/// The variable that fixes the clock's start.
pub const NOW_VARIABLE: &str = "SLOTDESK_NOW";

/// Wall-clock UTC, possibly started at a fixed instant.
#[derive(Debug, Clone)]
pub struct Clock {
    start: DateTime<Utc>,
    started: Instant,
}

/// `$SLOTDESK_NOW` is set but is not an RFC 3339 instant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "SLOTDESK_NOW must be an RFC 3339 instant such as 2026-11-23T09:30:00Z, not `{0}` \
     (unset it to use the real time)"
)]
pub struct ClockError(pub String);

impl Clock {
    /// Starts at `$SLOTDESK_NOW` when it is set (and not blank), else at the
    /// real time. Errors: a value that is not an RFC 3339 instant.
    pub fn from_env() -> Result<Self, ClockError> {
        Self::starting(std::env::var(NOW_VARIABLE).ok().as_deref())
    }

    /// Starts at `setting` (RFC 3339) when given and not blank, else at the
    /// real time. Errors: a setting that is not an RFC 3339 instant.
    pub fn starting(setting: Option<&str>) -> Result<Self, ClockError> {
        let start = match setting.map(str::trim).filter(|s| !s.is_empty()) {
            Some(text) => DateTime::parse_from_rfc3339(text)
                .map_err(|_| ClockError(text.to_owned()))?
                .with_timezone(&Utc),
            None => Utc::now(),
        };
        Ok(Self {
            start,
            started: Instant::now(),
        })
    }

    /// The current instant: the start plus the real time since.
    pub fn now(&self) -> DateTime<Utc> {
        self.start + chrono::Duration::from_std(self.started.elapsed()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_start_is_read_in_any_offset_and_runs_on() {
        let clock = Clock::starting(Some(" 2026-11-23T10:30:00+01:00 ")).unwrap();
        let now = clock.now();
        assert!(now >= "2026-11-23T09:30:00Z".parse::<DateTime<Utc>>().unwrap());
        assert!(now < "2026-11-23T09:31:00Z".parse::<DateTime<Utc>>().unwrap());
    }

    #[test]
    fn a_malformed_start_is_an_error_not_the_real_time() {
        for bad in ["2026-11-23", "yesterday", "2026-13-01T00:00:00Z", "09:30"] {
            let err = Clock::starting(Some(bad)).unwrap_err();
            assert_eq!(err, ClockError(bad.to_owned()));
            assert!(err.to_string().contains("RFC 3339"));
        }
    }

    #[test]
    fn no_start_or_a_blank_one_is_the_real_time() {
        for setting in [None, Some(""), Some("  ")] {
            let before = Utc::now();
            let now = Clock::starting(setting).unwrap().now();
            assert!(now >= before && now <= Utc::now());
        }
    }
}
