//! What callers ask the engine to write: holds, bookings, confirmations,
//! edits, customer changes and payments. Plain data shared by the desk, the
//! command line and every store implementation. Pure.

use super::customer::CustomerInput;
use super::ids::{CustomerId, ServiceId};
use super::schedule::SlotRef;
use super::status::{PaymentMethod, PaymentOption, Role};

/// A hold (Boseat temporary booking, Sesami `reserve`): seats on a slot for
/// the service's hold minutes, with no customer yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldRequest {
    pub slot: SlotRef,
    /// Seats, at least 1 and at most the slot's capacity.
    pub participants: u32,
    /// A repeated key with the same request returns the first booking made
    /// with it (Boseat); with a different request it is a conflict; an empty
    /// key is refused.
    pub idempotency_key: Option<String>,
}

/// Who a booking is for: a customer the clerk picked (the desk's picker,
/// the CLI's `--customer ID`), or a person as typed. A typed person is a
/// customer on file only by the identity rule
/// ([`same_person`](super::customer::same_person)); otherwise a new customer
/// is made, even when the email or phone is already on file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookingFor {
    Picked(CustomerId),
    Typed(CustomerInput),
}

impl Default for BookingFor {
    fn default() -> Self {
        Self::Typed(CustomerInput::default())
    }
}

impl BookingFor {
    /// The details as typed, when the customer was not picked.
    pub fn typed(&self) -> Option<&CustomerInput> {
        match self {
            Self::Typed(input) => Some(input),
            Self::Picked(_) => None,
        }
    }
}

impl From<CustomerInput> for BookingFor {
    fn from(input: CustomerInput) -> Self {
        Self::Typed(input)
    }
}

/// The status a new booking starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InitialStatus {
    /// Awaiting confirmation (ReserveKit default); needs only a name.
    Pending,
    /// Confirmed at once (the desk's default); needs a phone or an email.
    /// For a service that requires approval, only a manager may (Wix:
    /// owner-only).
    #[default]
    Confirmed,
    /// A request awaiting approval (Wix `CREATED`), for a service that
    /// requires approval; holds no capacity; needs a phone or an email.
    Requested,
    /// What the service says: `Requested` when it requires approval, else
    /// `Confirmed`.
    ServiceDefault,
}

/// A booking made in one step (ReserveKit `POST /v1/bookings`, Sesami `book`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BookRequest {
    /// Required: `None` is refused as invalid.
    pub slot: Option<SlotRef>,
    /// A typed person is validated with the location's phone region.
    pub customer: BookingFor,
    /// Seats, at least 1 and at most the slot's capacity.
    pub participants: u32,
    /// At most 2,000 characters; blank means none.
    pub message: Option<String>,
    /// The message the customer's reminder carries (Wix
    /// `participantNotification.message`): at most 2,000 characters, no
    /// control characters; blank means none.
    pub notify: Option<String>,
    /// `(question, answer)` pairs for the service's intake questions.
    pub answers: Vec<(String, String)>,
    /// Names of the service's add-ons.
    pub add_ons: Vec<String>,
    /// `(tier key, count)` per price tier (Wix `participantsChoices`);
    /// when given, `participants` must be their sum.
    pub choices: Vec<(String, u32)>,
    /// How the customer plans to pay (Wix `selectedPaymentOption`).
    pub payment_option: Option<PaymentOption>,
    pub status: InitialStatus,
    /// Who books: a status other than a requires-approval service's
    /// `requested` needs [`Role::Manager`].
    pub role: Role,
    /// A repeated key with the same request returns the first booking made
    /// with it; with a different request it is a conflict.
    pub idempotency_key: Option<String>,
}

/// A walk-in: someone standing at the desk, booked into a slot of a
/// service that has not ended and checked in as it is made. A first name
/// is enough; no contact is needed and intake questions may wait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkInRequest {
    /// The service they came for.
    pub service: ServiceId,
    /// The slot the desk chose (it must be of `service` and not have
    /// ended); `None`: the slot running now with room, else the next one of
    /// the day with room, on any resource.
    pub slot: Option<SlotRef>,
    /// Required, at most 100 characters.
    pub first_name: String,
    /// May be blank.
    pub last_name: String,
    /// Any format the location's region reads; blank means none.
    pub phone: Option<String>,
    /// Seats, at least 1 and at most the slot's capacity.
    pub participants: u32,
    /// A repeated key with the same request returns the first booking made
    /// with it; with a different request it is a conflict.
    pub idempotency_key: Option<String>,
}

/// What confirming may add to a booking (Boseat's confirming `PATCH`); all
/// optional. A hold needs `customer`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfirmRequest {
    /// Replaces any customer the booking has.
    pub customer: Option<BookingFor>,
    /// `(question, answer)` pairs; replace the stored answers when non-empty.
    pub answers: Vec<(String, String)>,
    /// Add-on names; replace the stored add-ons when non-empty.
    pub add_ons: Vec<String>,
    /// `(tier key, count)`; replace the stored choices when non-empty and
    /// must add up to the booking's participants.
    pub choices: Vec<(String, u32)>,
    /// Replaces the stored note when given and not blank.
    pub message: Option<String>,
    /// Replaces the message the reminder carries when given and not blank.
    pub notify: Option<String>,
    /// A repeated key with the same request returns the booking as the first
    /// confirmation left it; with a different request it is a conflict.
    pub idempotency_key: Option<String>,
}

/// A cancellation (ReserveKit: `cancel_reason` required).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CancelRequest {
    /// Required: a blank reason is refused.
    pub reason: String,
    /// A repeated key with the same request returns the cancelled booking;
    /// with a different request it is a conflict.
    pub idempotency_key: Option<String>,
    /// A release: refused (a conflict naming the status, nothing changed)
    /// unless the booking is still a hold, since another desk may have
    /// confirmed it after this one last looked.
    pub only_hold: bool,
}

/// Changes to a live booking's details (ReserveKit `PATCH` of `message`).
/// Every field replaces what is stored: an empty message clears it, empty
/// add-ons remove them, and the answers must still cover the required
/// questions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BookingEdit {
    /// Blank or `None` clears the note.
    pub message: Option<String>,
    /// `(question, answer)` pairs.
    pub answers: Vec<(String, String)>,
    /// Add-on names.
    pub add_ons: Vec<String>,
    /// New seats, re-checked against the slot's room; `None` keeps them.
    pub participants: Option<u32>,
}

/// Changes to a customer (ReserveKit `/bookings/{id}/customer`); `None`
/// leaves a field as it is, and an empty email or phone clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerPatch {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// Validated; empty clears it.
    pub email: Option<String>,
    /// Parsed to E.164 in the location's region; empty clears it.
    pub phone: Option<String>,
}

/// A payment to record (Boseat `PAID`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentInput {
    /// Minor units (pence) of the booking's currency, more than zero.
    pub amount: i64,
    pub method: PaymentMethod,
    /// Till or terminal reference; blank means none.
    pub reference: Option<String>,
    /// A repeated key with the same request records nothing more and returns
    /// the booking; with a different request it is a conflict.
    pub idempotency_key: Option<String>,
}
