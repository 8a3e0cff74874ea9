//! What callers ask the engine to read: the slots of a service over some
//! days, and pages of bookings with filters and an order (ReserveKit
//! `GET /v1/bookings` with `pagination`). Pure.

use super::booking::{Booking, CustomerSummary};
use super::ids::{BookingId, CustomerId, ResourceId, ServiceId};
use super::status::{BookingStatus, PaymentOption};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// Which slots to list (Boseat `from` + `to`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotQuery {
    /// `None` lists every service (the day board).
    pub service: Option<ServiceId>,
    pub resource: Option<ResourceId>,
    /// First local date.
    pub from: NaiveDate,
    /// Number of days, 1 to 366; anything else is refused as invalid.
    pub days: u32,
    /// Also list unavailable slots, each with why.
    pub include_unavailable: bool,
}

/// Which journal events a read keeps: those of one booking, one customer
/// and/or one staff member (by whole name, any case, counting what they
/// approved at a clerk's desk or had approved there). Every field `None`
/// keeps every event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventFilter {
    pub booking: Option<BookingId>,
    pub customer: Option<CustomerId>,
    pub staff: Option<String>,
}

impl EventFilter {
    /// Whether it keeps every event.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// A customer on file that a typed search matches, for the booking forms'
/// picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomerMatch {
    pub customer: CustomerSummary,
    /// The start of their latest booking that has begun, UTC.
    pub last_visit: Option<DateTime<Utc>>,
}

/// The order of a booking list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BookingSort {
    /// By the slot's local date then start (the default).
    #[default]
    Starts,
    /// By when the booking was made (its creation instant); newest first
    /// when descending.
    Created,
    /// By customer last then first name.
    Customer,
    /// By service name.
    Service,
    /// By status name.
    Status,
}

impl BookingSort {
    /// The next order after this one, for a key that cycles through them.
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::Starts => Self::Customer,
            Self::Customer => Self::Service,
            Self::Service => Self::Status,
            Self::Status => Self::Created,
            Self::Created => Self::Starts,
        }
    }

    /// Its name for people: `start`, `customer`, …
    pub fn label(self) -> &'static str {
        match self {
            Self::Starts => "start",
            Self::Created => "when booked",
            Self::Customer => "customer",
            Self::Service => "service",
            Self::Status => "status",
        }
    }
}

/// Which bookings to list (ReserveKit `GET /v1/bookings` query), all filters
/// optional and combined with AND. Dates are the slots' local dates,
/// inclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingQuery {
    pub service: Option<ServiceId>,
    pub resource: Option<ResourceId>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub status: Option<BookingStatus>,
    /// Only bookings with this payment option (Wix `selectedPaymentOption`).
    pub payment_option: Option<PaymentOption>,
    /// The customer as the Customers screen searches: name or email words
    /// (three characters or more anywhere, shorter at a name's start), or a
    /// phone in any format.
    pub customer_text: Option<String>,
    pub customer: Option<CustomerId>,
    pub sort: BookingSort,
    /// Newest or largest first.
    pub descending: bool,
    /// Leave out released and expired holds: holds cancelled before anyone
    /// was named on them, and holds that lapsed. A status filter shows its
    /// status whatever this says ([`BookingQuery::hides_lapsed`]). The
    /// desk's list asks for it; the command line does not.
    pub hide_lapsed: bool,
    /// Page number, from 1.
    pub page: u32,
    /// Bookings per page, 1 to 500.
    pub page_size: u32,
}

impl Default for BookingQuery {
    fn default() -> Self {
        Self {
            service: None,
            resource: None,
            from: None,
            to: None,
            status: None,
            payment_option: None,
            customer_text: None,
            customer: None,
            sort: BookingSort::default(),
            descending: false,
            hide_lapsed: false,
            page: 1,
            page_size: 50,
        }
    }
}

impl BookingQuery {
    /// Whether released and expired holds are left out: when asked, and no
    /// status is chosen (choosing `expired` or `cancelled` shows them).
    pub fn hides_lapsed(&self) -> bool {
        self.hide_lapsed && self.status.is_none()
    }
}

/// Refuses a date range that ends before it starts, naming both dates;
/// an open end or the same date for both passes. Errors: `Invalid`.
pub fn check_date_range(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<(), super::error::BookingError> {
    match (from, to) {
        (Some(from), Some(to)) if to < from => Err(super::error::BookingError::invalid(format!(
            "the end date {to} is before the start date {from}: swap them or change one"
        ))),
        _ => Ok(()),
    }
}

/// One page of bookings and where it sits (ReserveKit list response).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BookingPage {
    pub bookings: Vec<Booking>,
    pub pagination: Pagination,
    /// How many released or expired holds matched the filters but were
    /// left out ([`BookingQuery::hides_lapsed`]); `None` when none were
    /// left out on purpose. Not in the JSON (ReserveKit's list has no such
    /// field); `pagination` counts only the bookings listed.
    #[serde(skip)]
    pub hidden: Option<u64>,
}

/// ReserveKit's pagination object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pagination {
    /// From 1.
    pub current_page: u32,
    /// At least 1, even for no bookings.
    pub total_pages: u32,
    /// Bookings matching the filters.
    pub total_count: u64,
    pub page_size: u32,
}
