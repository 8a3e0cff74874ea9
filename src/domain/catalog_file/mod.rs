//! The catalog TOML file (`slotdesk catalog apply FILE.toml`): its serde shape
//! (`spec`) and its validation (`validate`) into [`Catalog`], with weekly
//! time slots expanded one per weekday and start. Pure.

mod export;
mod services;
mod sessions;
mod spec;
#[cfg(test)]
mod tests;
mod validate;

use super::catalog_where::{locate, parse_error};
use super::course::ServiceKind;
use super::error::BookingError;
use chrono::{NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::Deserialize;
use spec::File;

pub use export::Applied;

/// The commented starter catalog that `slotdesk catalog template` prints
/// and the first-run screen writes beside the database
/// (`assets/catalog-template.toml`, built into the binary); it applies as
/// it is.
pub const STARTER: &str = include_str!("../../../assets/catalog-template.toml");

/// A validated catalog, ready to apply. Keys are the file's stable names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    pub location: LocationDef,
    /// Resources by key.
    pub resources: Vec<ResourceDef>,
    /// Services by key.
    pub services: Vec<ServiceDef>,
    /// One entry per weekday and start.
    pub time_slots: Vec<TimeSlotDef>,
    pub closures: Vec<ClosureDef>,
}

/// The location as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocationDef {
    pub name: String,
    /// IANA zone.
    pub time_zone: Tz,
    /// ISO 3166 phone region.
    pub phone_region: String,
    /// ISO 4217 currency.
    pub currency: String,
}

/// A resource as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceDef {
    /// Stable key.
    pub key: String,
    pub name: String,
    /// `staff`, `room`, …
    pub kind: String,
}

/// The furthest booking horizon a service may set, days (ten years).
pub const MAX_HORIZON_DAYS: u32 = 3660;

/// The longest minimum notice a service may set, minutes (a year).
pub const MAX_NOTICE_MINUTES: u32 = 525_600;

/// The longest reminder window a service may set, hours (thirty days).
pub const MAX_REMINDER_HOURS: u32 = 720;

/// A service as the file gives it; prices in minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceDef {
    /// Stable key.
    pub key: String,
    pub name: String,
    /// What narrow columns show instead of a cut name, 1 to 12
    /// characters, trimmed; no other service's name or short name (any
    /// case).
    pub short_name: Option<String>,
    /// Minutes, 1 to 1440.
    pub duration_minutes: u32,
    /// Seats per slot, at least 1.
    pub capacity: u32,
    /// Hold length, minutes, at least 1.
    pub hold_minutes: u32,
    /// How far ahead its slots may be booked, days, 1 to
    /// [`MAX_HORIZON_DAYS`] (default 365).
    pub horizon_days: u32,
    /// How soon before a slot starts it may still be booked, minutes, 0 to
    /// [`MAX_NOTICE_MINUTES`] (default 0: until it ends, walk-ins included).
    pub min_notice_minutes: u32,
    /// How long before a booking starts it is due a reminder, hours, 0 to
    /// [`MAX_REMINDER_HOURS`] (default 24; 0: no reminders).
    pub reminder_hours: u32,
    /// Minor units.
    pub price: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// Needs both email and phone to confirm.
    pub require_email_and_phone: bool,
    /// Intake questions.
    pub questions: Vec<QuestionDef>,
    /// `(name, price in minor units)`.
    pub add_ons: Vec<(String, i64)>,
    /// `kind` (default `standard`); a course's sessions are among the
    /// catalog's time slots, one-off ones (valid on their one date).
    pub kind: ServiceKind,
    /// Price tiers (Wix `participantsChoices`), keys unique in any case.
    pub choices: Vec<crate::domain::choices::Choice>,
    /// New bookings are requests until approved (default false).
    pub requires_approval: bool,
}

/// An intake question.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionDef {
    /// Question text.
    pub name: String,
    /// Must be answered.
    #[serde(default)]
    pub required: bool,
}

/// One weekly time slot, natural key `(service, resource, weekday, start, valid_from)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeSlotDef {
    /// The service's `key`.
    pub service: String,
    /// The resource's `key`.
    pub resource: String,
    pub weekday: Weekday,
    /// Wall-clock time in the location's zone.
    pub starts_local: NaiveTime,
    /// Local end (start + service duration, or a course session's given
    /// end; same day).
    pub ends_local: NaiveTime,
    /// Seats per occurrence, at least 1.
    pub capacity: u32,
    /// First date, inclusive.
    pub valid_from: NaiveDate,
    /// Last date, inclusive.
    pub valid_until: NaiveDate,
}

/// A closure as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosureDef {
    /// Resource key, or `None` for the whole location.
    pub resource: Option<String>,
    /// First date.
    pub from: NaiveDate,
    /// Last date.
    pub until: NaiveDate,
    /// Reason shown to staff.
    pub reason: String,
}

impl Catalog {
    /// Parses and validates a catalog file's text: TOML, with dates quoted
    /// (`"2026-12-25"`) or native (`2026-12-25`) and starts quoted
    /// (`"09:00"`) or native (`09:00:00`).
    /// Errors: [`BookingError::Invalid`] naming the line, the entry and the
    /// field (`catalog line 12: service `physio`: capacity must be at least
    /// 1`): TOML syntax, unknown or mistyped fields, an empty or overlong
    /// name or one with a control character, a key or a name used twice
    /// (any case), a `short_name` empty, over 12 characters or another
    /// service's name or short name (any case), questions or add-ons
    /// differing only in case, a capacity
    /// of 0, a time slot with no starts, unknown references; a course
    /// (`kind = "course"`) without a resource or sessions, with two
    /// sessions at one time or overlapping, a session on another
    /// resource, past midnight or in a daylight-saving gap, or a
    /// `[[time_slots]]` entry for a course.
    pub fn from_toml(text: &str) -> Result<Self, BookingError> {
        let file: File = toml::from_str(text).map_err(|e| parse_error(text, &e))?;
        file.validate().map_err(|fault| locate(text, &fault))
    }
}
