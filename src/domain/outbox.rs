//! The outbox (ReserveKit and Boseat webhooks): every event queued for the
//! configured hooks, the JSON each one receives, and when a failed delivery
//! is tried again (exponential backoff, capped). Pure: no I/O, the clock
//! enters as data.

use super::ids::EventId;
use super::journal::{Change, Event, EventData, EventKind, Origin, Subject};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// Where an event is delivered: the config's `[hooks] command` (the JSON on
/// stdin) or `[hooks] url` (an HTTP POST). Each has its own delivery state
/// per event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Command,
    Url,
}

impl Target {
    /// Both, in delivery order.
    pub const ALL: [Self; 2] = [Self::Command, Self::Url];

    /// The stored and printed word: `command`, `url`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Command => "command",
            Self::Url => "url",
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Target {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| format!("unknown hook target `{s}`"))
    }
}

/// The wait before the first retry.
pub const FIRST_RETRY: Duration = Duration::seconds(30);

/// The longest wait between two attempts.
pub const LONGEST_RETRY: Duration = Duration::hours(1);

/// How long to wait after the `attempts`-th failed attempt (1 for the
/// first): 30 s, 1 min, 2 min, 4 min, … doubling up to 1 hour, never more,
/// for any count (no overflow).
pub fn backoff(attempts: u32) -> Duration {
    let doublings = attempts.saturating_sub(1).min(16);
    let wait = FIRST_RETRY * (1_i32 << doublings);
    wait.min(LONGEST_RETRY)
}

/// When to try again after `attempts` failed attempts, the last at `now`.
pub fn next_attempt_at(now: DateTime<Utc>, attempts: u32) -> DateTime<Utc> {
    now + backoff(attempts)
}

/// What one event looks like to a hook: the JSON on a command's stdin and
/// the body of the URL's POST. Stable: `id` (the idempotency key, also sent
/// as `Idempotency-Key`), `kind` (`booking.created`, …), `at` (RFC 3339,
/// UTC), `subject` (`booking`, `customer`, `catalog`, `staff`, `waitlist`,
/// `takings`, `closure`), the booking and customer ids, who and where from,
/// what changed, and `payload`, the object after the change as `events
/// --json` prints it under `data`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HookEvent<'e> {
    pub id: EventId,
    pub kind: EventKind,
    pub at: DateTime<Utc>,
    pub subject: &'static str,
    pub booking_id: Option<super::ids::BookingId>,
    pub customer_id: Option<super::ids::CustomerId>,
    pub origin: Option<Origin>,
    pub staff: Option<&'e str>,
    pub changes: &'e [Change],
    pub payload: &'e EventData,
}

impl<'e> HookEvent<'e> {
    /// The hook's view of `event`.
    pub fn of(event: &'e Event) -> Self {
        Self {
            id: event.id,
            kind: event.kind,
            at: event.at,
            subject: subject_name(event.kind.subject()),
            booking_id: event.booking_id,
            customer_id: event.customer_id,
            origin: event.origin,
            staff: event.staff.as_deref(),
            changes: &event.changes,
            payload: &event.data,
        }
    }

    /// The compact JSON sent. Errors: none for these types in practice.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }
}

fn subject_name(subject: Subject) -> &'static str {
    match subject {
        Subject::Booking => "booking",
        Subject::Customer => "customer",
        Subject::Catalog => "catalog",
        Subject::Staff => "staff",
        Subject::Waitlist => "waitlist",
        Subject::Takings => "takings",
        Subject::Closure => "closure",
    }
}

/// One event waiting for one target (`slotdesk outbox`): attempts so far,
/// when the next may be made (`None`: now) and why the last failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delivery {
    pub event_id: EventId,
    pub kind: EventKind,
    pub target: Target,
    pub attempts: u32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    /// A deliverer is on it until then (a desk or `outbox deliver`).
    pub leased_until: Option<DateTime<Utc>>,
}

impl Delivery {
    /// Whether it is failing: tried and not yet delivered.
    pub fn failing(&self) -> bool {
        self.last_error.is_some()
    }
}

/// An event one deliverer has claimed for one target, until its lease ends;
/// nobody else delivers it to that target meanwhile.
#[derive(Debug, Clone, PartialEq)]
pub struct Claimed {
    pub event: Event,
    pub target: Target,
    /// Attempts made before this one.
    pub attempts: u32,
}

/// The outbox at a glance, for the desk's status bar: events waiting for a
/// target, deliveries failing and the newest failure's words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutboxStatus {
    /// Events not yet delivered to every configured target.
    pub waiting: u64,
    /// Deliveries that failed and wait for their next attempt.
    pub failing: u64,
    /// The last failure, e.g. `url: cannot reach http://…: connection refused`.
    pub last_error: Option<String>,
}

impl OutboxStatus {
    /// The status bar's words while deliveries fail (`outbox: 3 waiting —
    /// hook failed: …`); `None` while they succeed.
    pub fn alarm(&self) -> Option<String> {
        if self.failing == 0 {
            return None;
        }
        let why = self.last_error.as_deref().unwrap_or("delivery failed");
        Some(format!(
            "outbox: {} waiting — hook failed: {why}",
            self.waiting
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_thirty_seconds_up_to_an_hour() {
        let waits: Vec<i64> = (0..=10).map(|n| backoff(n).num_seconds()).collect();
        assert_eq!(
            waits,
            [30, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]
        );
        assert_eq!(backoff(u32::MAX), LONGEST_RETRY);
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        assert_eq!(next_attempt_at(now, 3), now + Duration::minutes(2));
    }

    #[test]
    fn targets_round_trip_through_their_words() {
        for t in Target::ALL {
            assert_eq!(t.as_str().parse::<Target>(), Ok(t));
        }
        assert!("email".parse::<Target>().is_err());
    }

    #[test]
    fn the_alarm_names_the_waiting_and_the_failure_only_while_failing() {
        let mut status = OutboxStatus {
            waiting: 3,
            failing: 0,
            last_error: None,
        };
        assert_eq!(status.alarm(), None);
        status.failing = 1;
        status.last_error = Some("url: connection refused".into());
        assert_eq!(
            status.alarm().as_deref(),
            Some("outbox: 3 waiting — hook failed: url: connection refused")
        );
    }
}
