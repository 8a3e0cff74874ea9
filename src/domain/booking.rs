//! The booking read model, shaped as ReserveKit's booking object plus the
//! desk's fields (resource, instants, participants, hold, payment, answers,
//! add-ons). Serializes to the command line's JSON. Pure.

use super::choices::ChoiceLine;
use super::ids::{AddOnId, BookingId, CustomerId, ResourceId, ServiceId, TimeSlotId};
use super::schedule::SlotRef;
use super::series::{SeriesId, SeriesPlace};
use super::status::{BookingStatus, PaymentMethod, PaymentOption, PaymentStatus};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A booking as stored (ReserveKit booking object). Instants are UTC; `date`
/// is the slot's local date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub id: BookingId,
    pub service_id: ServiceId,
    /// The service's name, for people.
    pub service_name: String,
    pub resource_id: ResourceId,
    /// The resource's name, for people.
    pub resource_name: String,
    /// The slot's local date, `YYYY-MM-DD`.
    pub date: NaiveDate,
    pub time_slot_id: TimeSlotId,
    /// Slot start, UTC.
    pub from: DateTime<Utc>,
    /// Slot end, UTC.
    pub to: DateTime<Utc>,
    /// Seats taken.
    pub participants: u32,
    pub status: BookingStatus,
    /// When the hold lapses (UTC), for `held` bookings.
    pub hold_expires_at: Option<DateTime<Utc>>,
    /// Why it was cancelled.
    pub cancel_reason: Option<String>,
    /// A note from or about the customer.
    pub message: Option<String>,
    /// The customer; `None` for a hold not yet confirmed.
    pub customer: Option<CustomerSummary>,
    pub payment: Payment,
    /// Answers to the service's intake questions (Sesami `properties`).
    pub answers: Vec<Answer>,
    /// Extras sold with it (Boseat `additionalProducts`).
    pub add_ons: Vec<AddOnLine>,
    /// Booked at the desk for someone standing there (a walk-in), checked
    /// in as it was made. Absent in events written before walk-ins: false.
    #[serde(default)]
    pub walk_in: bool,
    /// The message the customer's reminder carries, written by the clerk at
    /// booking (Wix `participantNotification.message`); absent in events
    /// written before reminders: `None`.
    #[serde(default)]
    pub notify: Option<String>,
    /// The series (weekly or course) this booking was booked in; `None`
    /// for a booking of its own and in events written before series.
    #[serde(default)]
    pub series_id: Option<SeriesId>,
    /// Its place in that series ("week 3 of 6"); `None` without a series.
    #[serde(default)]
    pub series_place: Option<SeriesPlace>,
    /// Participants per price tier (Wix `participantsChoices`), at the
    /// tiers' prices when booked; empty for a booking without tiers.
    /// Absent in events written before choices: empty.
    #[serde(default)]
    pub choices: Vec<ChoiceLine>,
    /// How the customer plans to pay (Wix `selectedPaymentOption`), when
    /// said at booking. Absent in events written before it: `None`.
    #[serde(default)]
    pub payment_option: Option<PaymentOption>,
    /// Why the business declined it (a request or a pending booking).
    /// Absent in events written before approval: `None`.
    #[serde(default)]
    pub decline_reason: Option<String>,
    /// Created, UTC.
    pub created_at: DateTime<Utc>,
    /// Last changed, UTC.
    pub updated_at: DateTime<Utc>,
}

impl Booking {
    /// The booking as it stands at `now` for someone reading it: a hold
    /// whose `hold_expires_at` has passed is `expired` (the holds-lapse
    /// rule: it stopped counting then), even before a sweep has written so.
    /// Reads that cannot write (a read-only connection) show it this way.
    #[must_use]
    pub fn as_seen_at(mut self, now: DateTime<Utc>) -> Self {
        if self.status == BookingStatus::Held && self.hold_expires_at.is_some_and(|t| t <= now) {
            self.status = BookingStatus::Expired;
        }
        self
    }

    /// What the booking costs, minor units (saturating): with choices,
    /// each tier's count × its price, else `per_seat` × participants; plus
    /// its add-ons. The payment form prefills this.
    pub fn amount_due(&self, per_seat: i64) -> i64 {
        let extras = self.add_ons.iter().map(|l| l.price);
        if self.choices.is_empty() {
            super::money::amount_due(per_seat, self.participants, extras)
        } else {
            extras.fold(super::choices::total(&self.choices), i64::saturating_add)
        }
    }

    /// Its slot, `TIME_SLOT_ID@DATE`.
    pub fn slot_ref(&self) -> SlotRef {
        SlotRef {
            time_slot_id: self.time_slot_id,
            date: self.date,
        }
    }
}

/// A customer as shown inside a booking (ReserveKit `customer`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerSummary {
    pub id: CustomerId,
    /// First and last name joined (ReserveKit `name`).
    pub name: String,
    pub first_name: String,
    pub last_name: String,
    /// Validated email.
    pub email: Option<String>,
    /// E.164 phone.
    pub phone: Option<String>,
    /// Created, UTC.
    pub created_at: DateTime<Utc>,
    /// Last changed, UTC.
    pub updated_at: DateTime<Utc>,
}

/// Payment state of a booking; `amount` in minor units of `currency`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    /// `unpaid`, `paid` or `refunded`.
    pub status: PaymentStatus,
    /// Amount taken, in minor units (pence); `None` while unpaid.
    pub amount: Option<i64>,
    /// ISO 4217 code (`GBP`).
    pub currency: String,
    /// How it was taken.
    pub method: Option<PaymentMethod>,
    /// Till or terminal reference.
    pub reference: Option<String>,
}

/// One answer to an intake question (Sesami `{name, value}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub name: String,
    /// The customer's answer.
    pub value: String,
}

/// An add-on sold with a booking, at its price when sold (minor units).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddOnLine {
    /// The catalog add-on.
    pub id: AddOnId,
    pub name: String,
    /// Its price, minor units.
    pub price: i64,
}
