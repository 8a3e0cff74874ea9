//! The booking lifecycle as one transition table, plus payment
//! state and staff roles. Pure.

use super::journal::EventKind;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A booking's status (ReserveKit `status`; Boseat `RESERVED_15_MIN` is `held`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    /// A hold: counts against capacity until `hold_expires_at` (Boseat, Sesami `reserve`).
    Held,
    /// A request for a service that needs approval (Wix `CREATED`): holds
    /// no capacity until the desk approves it (`confirmed`) or declines it.
    Requested,
    /// Created, awaiting confirmation (ReserveKit `pending`, Wix `CREATED`).
    Pending,
    /// Confirmed (ReserveKit `confirmed`, Sesami `book`).
    Confirmed,
    /// The customer arrived.
    CheckedIn,
    /// The visit took place.
    Completed,
    /// Cancelled with a reason (ReserveKit `cancelled`).
    Cancelled,
    /// Declined by the business (Wix `DECLINED`).
    Declined,
    /// A hold that lapsed.
    Expired,
    /// The customer did not come.
    NoShow,
}

impl BookingStatus {
    /// Every status, in lifecycle order.
    pub const ALL: [Self; 10] = [
        Self::Held,
        Self::Requested,
        Self::Pending,
        Self::Confirmed,
        Self::CheckedIn,
        Self::Completed,
        Self::Cancelled,
        Self::Declined,
        Self::Expired,
        Self::NoShow,
    ];

    /// The stored and printed name (`held`, `checked_in`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Held => "held",
            Self::Requested => "requested",
            Self::Pending => "pending",
            Self::Confirmed => "confirmed",
            Self::CheckedIn => "checked_in",
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
            Self::Declined => "declined",
            Self::Expired => "expired",
            Self::NoShow => "no_show",
        }
    }

    /// The status in people's words, as every screen says it: `held`,
    /// `pending`, `confirmed`, `checked in`, `completed`, `cancelled`,
    /// `declined`, `expired`, `no-show`. Also its `Display`. The stored and
    /// JSON word is [`Self::as_str`].
    pub fn label(self) -> &'static str {
        match self {
            Self::CheckedIn => "checked in",
            Self::NoShow => "no-show",
            other => other.as_str(),
        }
    }

    /// The status a person or a script typed: its label or its machine word,
    /// in any case, with spaces, hyphens or underscores alike (`checked in`,
    /// `Checked-In`, `checked_in`, `no show`). Errors: the words it takes.
    pub fn from_words(s: &str) -> Result<Self, String> {
        let squash = |w: &str| -> String {
            w.chars()
                .filter(|c| !matches!(c, ' ' | '-' | '_'))
                .flat_map(char::to_lowercase)
                .collect()
        };
        let typed = squash(s.trim());
        Self::ALL
            .into_iter()
            .find(|st| squash(st.as_str()) == typed)
            .ok_or_else(|| {
                let words: Vec<&str> = Self::ALL.iter().map(|st| st.label()).collect();
                format!("unknown status “{}”: one of {}", s.trim(), words.join(", "))
            })
    }

    /// Whether a booking in this status counts against capacity.
    /// A `held` booking counts only until its hold lapses; see
    /// [`crate::domain::availability::Claim::holds_capacity`].
    pub fn holds_capacity(self) -> bool {
        matches!(
            self,
            Self::Held | Self::Pending | Self::Confirmed | Self::CheckedIn
        )
    }

    /// Whether a booking in this status took its seats when its slot ran:
    /// it holds capacity now, or held it until the slot was over
    /// (`completed`, `no_show`). Generated history keeps the capacity rule by this.
    pub fn took_seat(self) -> bool {
        self.holds_capacity() || matches!(self, Self::Completed | Self::NoShow)
    }

    /// Whether a booking in this status, once begun, is a visit: the
    /// customer came or was booked to come (`confirmed`, `checked_in`,
    /// `completed`); a hold, a request, a cancelled, declined or expired
    /// booking and a no-show are not. A customer's "last visit" is by this.
    pub fn is_visit(self) -> bool {
        matches!(self, Self::Confirmed | Self::CheckedIn | Self::Completed)
    }

    /// Whether the booking may still be moved to another slot.
    pub fn can_move(self) -> bool {
        matches!(self, Self::Held | Self::Pending | Self::Confirmed)
    }

    /// The status after `transition`, or the refusal naming the allowed ones.
    pub fn apply(self, transition: Transition) -> Result<Self, TransitionError> {
        use BookingStatus as S;
        use Transition as T;
        let next = match (self, transition) {
            (S::Held | S::Pending | S::Requested, T::Confirm) => S::Confirmed,
            (S::Held, T::MarkPending) => S::Pending,
            (S::Held | S::Pending | S::Confirmed | S::Requested, T::Cancel) => S::Cancelled,
            (S::Held, T::Expire) => S::Expired,
            (S::Pending | S::Requested, T::Decline) => S::Declined,
            (S::Confirmed, T::CheckIn) => S::CheckedIn,
            (S::Confirmed, T::NoShow) => S::NoShow,
            (S::CheckedIn, T::Complete) => S::Completed,
            _ => {
                return Err(TransitionError {
                    from: self,
                    attempted: transition,
                });
            }
        };
        Ok(next)
    }

    /// The transitions the lifecycle allows from this status.
    pub fn allowed(self) -> Vec<Transition> {
        Transition::ALL
            .into_iter()
            .filter(|t| self.apply(*t).is_ok())
            .collect()
    }
}

/// People's words ([`BookingStatus::label`]): what messages and screens say.
impl fmt::Display for BookingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for BookingStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| format!("unknown status `{s}`"))
    }
}

/// A lifecycle step requested of a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transition {
    /// held or pending → confirmed.
    Confirm,
    /// held → pending (a hold turned into an unconfirmed booking).
    MarkPending,
    /// pending → declined.
    Decline,
    /// held, pending or confirmed → cancelled (needs a reason).
    Cancel,
    /// held → expired (the sweep).
    Expire,
    /// confirmed → `checked_in`.
    CheckIn,
    /// confirmed → `no_show`.
    NoShow,
    /// `checked_in` → completed.
    Complete,
}

impl Transition {
    /// Every transition, in lifecycle order.
    pub const ALL: [Self; 8] = [
        Self::Confirm,
        Self::MarkPending,
        Self::Decline,
        Self::Cancel,
        Self::Expire,
        Self::CheckIn,
        Self::NoShow,
        Self::Complete,
    ];

    /// The verb used in messages (`confirm`, `check in`, …).
    pub fn verb(self) -> &'static str {
        match self {
            Self::Confirm => "confirm",
            Self::MarkPending => "make pending",
            Self::Decline => "decline",
            Self::Cancel => "cancel",
            Self::Expire => "expire",
            Self::CheckIn => "check in",
            Self::NoShow => "mark as no-show",
            Self::Complete => "complete",
        }
    }

    /// The event recorded when this transition happens.
    pub fn event_kind(self) -> EventKind {
        match self {
            Self::Confirm => EventKind::BookingConfirmed,
            Self::MarkPending => EventKind::BookingUpdated,
            Self::Decline => EventKind::BookingDeclined,
            Self::Cancel => EventKind::BookingCancelled,
            Self::Expire => EventKind::BookingExpired,
            Self::CheckIn => EventKind::BookingCheckedIn,
            Self::NoShow => EventKind::BookingNoShow,
            Self::Complete => EventKind::BookingCompleted,
        }
    }
}

/// A refused lifecycle step: names the current status and what it allows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", describe(*.from, *.attempted))]
pub struct TransitionError {
    /// The booking's status when the step was asked for.
    pub from: BookingStatus,
    /// The refused step.
    pub attempted: Transition,
}

fn describe(from: BookingStatus, attempted: Transition) -> String {
    let allowed: Vec<&str> = from.allowed().into_iter().map(Transition::verb).collect();
    let allowed = if allowed.is_empty() {
        "nothing (it is final)".to_owned()
    } else {
        allowed.join(", ")
    };
    let a = if from.label().starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!(
        "cannot {} a booking that is {from}; {a} {from} booking allows: {allowed}",
        attempted.verb()
    )
}

/// Payment state, separate from the lifecycle (Boseat `PAID` / `REFUNDED`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Nothing recorded yet.
    Unpaid,
    /// A payment was recorded.
    Paid,
    /// The payment was returned (manager only).
    Refunded,
}

impl PaymentStatus {
    /// The stored and printed name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unpaid => "unpaid",
            Self::Paid => "paid",
            Self::Refunded => "refunded",
        }
    }
}

impl FromStr for PaymentStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "unpaid" => Ok(Self::Unpaid),
            "paid" => Ok(Self::Paid),
            "refunded" => Ok(Self::Refunded),
            _ => Err(format!("unknown payment status `{s}`")),
        }
    }
}

/// How a payment was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// Notes and coins.
    Cash,
    /// Card terminal.
    Card,
    /// Gift or package voucher.
    Voucher,
    /// Anything else (bank transfer, …).
    Other,
}

impl PaymentMethod {
    /// The stored and printed name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cash => "cash",
            Self::Card => "card",
            Self::Voucher => "voucher",
            Self::Other => "other",
        }
    }
}

impl FromStr for PaymentMethod {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "cash" => Ok(Self::Cash),
            "card" => Ok(Self::Card),
            "voucher" => Ok(Self::Voucher),
            "other" => Ok(Self::Other),
            _ => Err(format!(
                "unknown payment method `{s}` (cash, card, voucher or other)"
            )),
        }
    }
}

/// How the customer plans to pay, chosen at booking (Wix
/// `selectedPaymentOption`); the payment itself may still use another
/// method ([`PaymentMethod`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentOption {
    /// At the desk, on the day.
    Desk,
    /// Online, later (a payment link).
    Online,
    /// With a gift or package voucher.
    Voucher,
    /// Covered by a membership.
    Membership,
}

impl PaymentOption {
    /// Every option, as forms offer them.
    pub const ALL: [Self; 4] = [Self::Desk, Self::Online, Self::Voucher, Self::Membership];

    /// The stored, printed and typed word.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Desk => "desk",
            Self::Online => "online",
            Self::Voucher => "voucher",
            Self::Membership => "membership",
        }
    }
}

impl fmt::Display for PaymentOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The word in any case, trimmed. Errors: the words it takes.
impl FromStr for PaymentOption {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let typed = s.trim().to_lowercase();
        Self::ALL
            .into_iter()
            .find(|o| o.as_str() == typed)
            .ok_or_else(|| {
                let shown: String = s.chars().filter(|c| !c.is_control()).take(40).collect();
                format!("unknown payment option `{shown}` (desk, online, voucher or membership)")
            })
    }
}

/// Who is at the desk (Wix: owner-only operations are manager-only here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Front-desk staff.
    #[default]
    Clerk,
    /// May refund, delete and force a status.
    Manager,
}

impl Role {
    /// The stored word: `clerk` or `manager`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Clerk => "clerk",
            Self::Manager => "manager",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "clerk" => Ok(Self::Clerk),
            "manager" => Ok(Self::Manager),
            other => Err(format!("unknown role `{other}`: clerk or manager")),
        }
    }
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;
