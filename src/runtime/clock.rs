//! The desk's clock: the real time, or with `$SLOTDESK_NOW` a fixed start
//! that then runs on at real speed (demonstrations and end-to-end tests).

use chrono::{DateTime, Utc};
use std::time::Instant;

/// Wall-clock UTC, possibly offset to start at a fixed instant.
pub struct Clock {
    start: DateTime<Utc>,
    started: Instant,
}

impl Clock {
    /// Starts at `$SLOTDESK_NOW` (RFC 3339) when set, else now.
    pub fn from_env() -> Self {
        Self {
            start: crate::cli::now(),
            started: Instant::now(),
        }
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        self.start + chrono::Duration::from_std(self.started.elapsed()).unwrap_or_default()
    }
}
