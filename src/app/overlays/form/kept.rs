//! A customer's details kept from a confirm form whose hold lapsed and
//! whose seat was gone by then: the next booking form opened fills them
//! in, so nothing is typed twice. Pure.

use super::kinds::{CUSTOMER_FIELDS, EMAIL, FIRST, LAST, MESSAGE, PHONE};
use super::{Form, Picker};
use crate::domain::{BookingId, CustomerSummary};

/// What a clerk typed for a customer, carried to the next booking form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptDetails {
    /// The lapsed hold they were typed for.
    pub from: BookingId,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub message: String,
    /// The customer on file that was picked, if one was.
    pub picked: Option<CustomerSummary>,
}

impl KeptDetails {
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
    /// The customer's details as typed in this form, for `from`.
    pub fn kept_details(&self, from: BookingId) -> KeptDetails {
        KeptDetails {
            from,
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
        // The customer is typed already: focus the first field after theirs.
        self.focus = self
            .fields
            .iter()
            .position(|f| !CUSTOMER_FIELDS.contains(&f.label.as_str()))
            .unwrap_or(0);
        self.subtitle = format!(
            "{} · details kept from lapsed hold #{}",
            self.subtitle, kept.from
        );
    }
}
