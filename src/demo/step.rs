//! The plan's writes: each a store call on one planned visit, with the
//! instant it runs at.

use crate::domain::PaymentInput;
use crate::domain::{SlotRef, Transition};
use chrono::{DateTime, Utc};

/// One store write, on the visit with that index.
pub(super) enum Op {
    Book(usize),
    Hold(usize),
    ConfirmHold(usize),
    Confirm(usize),
    Cancel(usize, &'static str),
    Step(usize, Transition),
    Pay(usize, PaymentInput),
    Refund(usize),
    Move(usize, SlotRef),
}

impl Op {
    /// The index of the visit this write is on.
    pub(super) fn visit(&self) -> usize {
        match self {
            Self::Book(v)
            | Self::Hold(v)
            | Self::ConfirmHold(v)
            | Self::Confirm(v)
            | Self::Cancel(v, _)
            | Self::Step(v, _)
            | Self::Pay(v, _)
            | Self::Refund(v)
            | Self::Move(v, _) => *v,
        }
    }
}

/// A write and the instant it runs at.
pub(super) struct Step {
    pub(super) at: DateTime<Utc>,
    pub(super) op: Op,
}
