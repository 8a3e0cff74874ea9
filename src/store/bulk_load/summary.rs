//! What a generation wrote: row counts, the date range, the busiest day and
//! bookings per status.

use crate::domain::BookingStatus;
use chrono::NaiveDate;
use serde::Serialize;

/// What [`generate`](super::generate) wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScaleSummary {
    /// Booking rows.
    pub bookings: u64,
    /// Customer rows.
    pub customers: u64,
    /// `booking.created` event rows (one per booking).
    pub events: u64,
    /// Intake answer rows.
    pub answers: u64,
    /// Booking add-on rows.
    pub add_ons: u64,
    /// Weekly time slots in the catalog.
    pub time_slots: usize,
    /// Closures in the catalog (holidays, annual leave).
    pub closures: usize,
    /// First date with bookings.
    pub first_on: NaiveDate,
    /// Last date with bookings.
    pub last_on: NaiveDate,
    /// The date with the most bookings, and how many.
    pub busiest: Option<(NaiveDate, u64)>,
    /// Bookings per status, in lifecycle order.
    pub by_status: Vec<(BookingStatus, u64)>,
}
