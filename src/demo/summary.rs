//! What [`add_demo_bookings`](super::add_demo_bookings) reports: counts of
//! what it made, and one line of text for the command line.

use crate::domain::BookingStatus;
use std::fmt;

/// What [`add_demo_bookings`](super::add_demo_bookings) made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    /// Bookings (and holds) added to the store.
    pub bookings: usize,
    /// Customers in the store afterwards.
    pub customers: usize,
    /// Every booking in the store by status, in lifecycle order; statuses
    /// with none are left out.
    pub by_status: Vec<(BookingStatus, u64)>,
    /// Payments recorded.
    pub payments: usize,
    /// Store writes that succeeded (each recorded its event).
    pub operations: usize,
    /// Writes the rules refused (full, duplicate, blocked, …) and that were skipped.
    pub skipped: usize,
}

impl fmt::Display for DemoSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let statuses: Vec<String> = self
            .by_status
            .iter()
            .map(|(s, n)| format!("{n} {s}"))
            .collect();
        write!(
            f,
            "{} bookings for {} customers ({}), {} payments",
            self.bookings,
            self.customers,
            statuses.join(", "),
            self.payments
        )?;
        if self.skipped > 0 {
            write!(
                f,
                "; {} requests refused by the rules were skipped",
                self.skipped
            )?;
        }
        Ok(())
    }
}
