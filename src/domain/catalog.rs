//! The catalog as applied: the location, its resources and services (with
//! intake questions and add-ons). Pure data.

use super::course::Course;
use super::ids::{AddOnId, ResourceId, ServiceId};
use chrono_tz::Tz;
use serde::Serialize;

/// The one site the desk runs for (Boseat: use UTC, show local).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// Shown in the status bar.
    pub name: String,
    /// IANA zone every wall-clock time is shown in.
    #[serde(serialize_with = "serialize_tz")]
    pub time_zone: Tz,
    /// ISO 3166 region for reading local phone numbers (`GB`).
    pub phone_region: String,
    /// Default ISO 4217 currency (`GBP`).
    pub currency: String,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's signature
fn serialize_tz<S: serde::Serializer>(tz: &Tz, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(tz.name())
}

/// What is occupied by a booking: a staff member, room, … (Boseat space).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resource {
    pub id: ResourceId,
    /// Stable key from the catalog file.
    pub key: String,
    pub name: String,
    /// `staff`, `room`, `equipment`, …
    pub kind: String,
    /// False once retired by a catalog apply.
    pub active: bool,
}

/// What is sold (ReserveKit service, Boseat product, Wix service).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Service {
    pub id: ServiceId,
    /// Stable key from the catalog file.
    pub key: String,
    pub name: String,
    /// What narrow columns show instead of a cut name (1 to 12
    /// characters), when the catalog gives one; `null` in JSON otherwise.
    pub short_name: Option<String>,
    /// Length of one slot, minutes.
    pub duration_minutes: u32,
    /// Default seats per slot (1 = appointment, N = class).
    pub capacity: u32,
    /// How long a hold lasts, minutes (default 15).
    pub hold_minutes: u32,
    /// How far ahead its slots may be booked, days (default 365).
    pub horizon_days: u32,
    /// How soon before a slot starts it may still be booked, minutes
    /// (default 0).
    pub min_notice_minutes: u32,
    /// How long before a booking starts it is due a reminder, hours
    /// (default 24; 0: no reminders).
    pub reminder_hours: u32,
    /// Price, minor units of `currency`.
    pub price: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// Confirming needs both email and phone (Boseat), not just one.
    pub require_email_and_phone: bool,
    /// Intake questions, in order (Sesami `properties`).
    pub questions: Vec<Question>,
    /// Extras that can be sold with it.
    pub add_ons: Vec<AddOn>,
    /// For a course (catalog `kind = "course"`, Wix "book the entire
    /// course"): its sessions, booked together; `None` (JSON `null`) for an
    /// ordinary service.
    pub course: Option<Course>,
    /// Price tiers a booking counts its participants by (Wix
    /// `participantsChoices`), in catalog order; empty: one price for all.
    pub choices: Vec<crate::domain::choices::Choice>,
    /// New bookings are requests (`requested`, holding no capacity) until
    /// the desk approves them (Wix `CREATED`; Cal.com "requires
    /// confirmation"); default false.
    pub requires_approval: bool,
    /// False once retired by a catalog apply.
    pub active: bool,
}

/// An intake question of a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    /// The question text, also the answer's `name`.
    pub name: String,
    /// Whether a booking must answer it.
    pub required: bool,
}

/// An extra product sold with a booking (Boseat `additionalProducts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddOn {
    pub id: AddOnId,
    pub name: String,
    /// Price, minor units.
    pub price: i64,
}
