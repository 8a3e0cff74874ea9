//! Reminders (Wix's SMS reminder before a session): a booking is due one
//! when it is confirmed or pending, starts within its service's
//! `reminder_hours` of now (exactly at the window counts) and has not yet
//! started, and no reminder was marked sent for its current start. A
//! booking moved after its reminder is due again for the new time. Pure.

use super::ids::{BookingId, ResourceId, ServiceId};
use super::status::BookingStatus;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// A booking due a reminder, with what the reminder needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    pub booking_id: BookingId,
    /// `confirmed` or `pending`.
    pub status: BookingStatus,
    /// Slot start, UTC.
    pub from: DateTime<Utc>,
    /// Slot end, UTC.
    pub to: DateTime<Utc>,
    pub service_id: ServiceId,
    pub service_name: String,
    pub resource_id: ResourceId,
    pub resource_name: String,
    /// The customer's full name.
    pub customer_name: String,
    /// E.164, when known.
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The message the clerk wrote for the reminder at booking (Wix
    /// `participantNotification.message`).
    pub notify: Option<String>,
    /// Seats taken.
    pub participants: u32,
}
