//! A customer's details kept from a confirm form whose hold lapsed and
//! whose seat was gone by then: the next booking form opened fills them
//! in, so nothing is typed twice. Pure.

use super::kinds::{EMAIL, FIRST, LAST, MESSAGE, PHONE};
use super::{Form, Picker};
use crate::domain::{BookingId, CustomerSummary};
use chrono::{DateTime, Duration, Utc};

/// How long kept details wait for the next booking form; after that they
/// are dropped, so they never turn up for someone else hours later.
pub const KEEP_FOR: Duration = Duration::minutes(15);

/// What a clerk typed for a customer, carried to the next booking form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptDetails {
    /// The lapsed hold they were typed for.
    pub from: BookingId,
    /// When they were kept, UTC; they last [`KEEP_FOR`].
    pub kept_at: DateTime<Utc>,
    /// As typed, trimmed (possibly empty).
    pub first_name: String,
    /// As typed, trimmed (possibly empty).
    pub last_name: String,
    /// As typed, trimmed; empty when none was given.
    pub email: String,
    /// As typed (any format), trimmed; empty when none was given.
    pub phone: String,
    /// The booking's message as typed; empty when none.
    pub message: String,
    /// The customer on file that was picked, if one was.
    pub picked: Option<CustomerSummary>,
}

impl KeptDetails {
    /// Whether they are still to be offered at `now`.
    pub fn fresh(&self, now: DateTime<Utc>) -> bool {
        now - self.kept_at <= KEEP_FOR
    }

    /// The person's name as typed (or picked), for messages.
    pub fn name(&self) -> String {
        match &self.picked {
            Some(c) => c.name.clone(),
            None => format!("{} {}", self.first_name, self.last_name)
                .trim()
                .to_owned(),
        }
    }
}

impl Form {
    /// The customer's details as typed in this form, for `from`, kept at
    /// `now`.
    pub fn kept_details(&self, from: BookingId, now: DateTime<Utc>) -> KeptDetails {
        KeptDetails {
            from,
            kept_at: now,
            first_name: self.value(FIRST).to_owned(),
            last_name: self.value(LAST).to_owned(),
            email: self.value(EMAIL).to_owned(),
            phone: self.value(PHONE).to_owned(),
            message: self.value(MESSAGE).to_owned(),
            picked: self.picker.as_ref().and_then(|p| p.picked.clone()),
        }
    }

    /// Fills the customer fields (and the message) with `kept`, checked
    /// with the location's `phone_region`; the subtitle says where they
    /// came from. Fields this form lacks are left out.
    pub fn fill_kept(&mut self, kept: &KeptDetails, phone_region: &str) {
        for (label, value) in [
            (FIRST, &kept.first_name),
            (LAST, &kept.last_name),
            (EMAIL, &kept.email),
            (PHONE, &kept.phone),
            (MESSAGE, &kept.message),
        ] {
            if let Some(f) = self.fields.iter_mut().find(|f| f.label == label) {
                f.set_value(value);
                f.validate(phone_region);
            }
        }
        if let Some(picker) = self.picker.as_mut() {
            *picker = Picker {
                picked: kept.picked.clone(),
                ..Picker::default()
            };
        }
        // The focus stays on the first name, so whose details they are is
        // the first thing the clerk reads.
        self.focus = 0;
        self.subtitle = format!(
            "{} · details kept from lapsed hold #{}",
            self.subtitle, kept.from
        );
    }
}
