//! One planned booking row and the random draws of its status and payment;
//! text columns are indices into the constant lists here.

use super::world::Occ;
use crate::domain::BookingStatus;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Paid {
    No,
    Yes(u8),
    Refunded(u8),
}

/// One planned booking; text columns are indices into the constant lists.
pub(super) struct Row {
    pub(super) created_at: i64,
    pub(super) updated_at: i64,
    pub(super) occ: u32,
    pub(super) customer: Option<u32>,
    pub(super) status: BookingStatus,
    pub(super) participants: u8,
    pub(super) paid: Paid,
    pub(super) reference: u32,
    /// Indexes into the word lists: `CANCEL_REASONS`, `APPOINTMENT_NOTES`
    /// (+1, 0 none) and `PHYSIO_REASONS` (+1, 0 none).
    pub(super) reason: u8,
    pub(super) message: u8,
    pub(super) answer: u8,
    pub(super) add_on: bool,
}

pub(super) const METHODS: [&str; 4] = ["card", "cash", "voucher", "other"];

pub(super) fn draw_status(rng: &mut fastrand::Rng, o: &Occ, now: i64) -> BookingStatus {
    let r = rng.f64();
    if o.to <= now {
        match r {
            r if r < 0.85 => BookingStatus::Completed,
            r if r < 0.89 => BookingStatus::NoShow,
            r if r < 0.97 => BookingStatus::Cancelled,
            r if r < 0.985 => BookingStatus::Declined,
            _ => BookingStatus::Expired,
        }
    } else if o.from <= now {
        match r {
            r if r < 0.88 => BookingStatus::CheckedIn,
            r if r < 0.93 => BookingStatus::Confirmed,
            _ => BookingStatus::Cancelled,
        }
    } else {
        match r {
            r if r < 0.78 => BookingStatus::Confirmed,
            r if r < 0.91 => BookingStatus::Pending,
            _ => BookingStatus::Cancelled,
        }
    }
}

pub(super) fn draw_payment(rng: &mut fastrand::Rng, status: BookingStatus) -> Paid {
    let method = match rng.u8(..100) {
        0..65 => 0,
        65..85 => 1,
        85..95 => 2,
        _ => 3,
    };
    let chance = match status {
        BookingStatus::Completed => 75,
        BookingStatus::CheckedIn => 50,
        BookingStatus::NoShow => 30,
        BookingStatus::Confirmed => 20,
        BookingStatus::Cancelled => 4,
        _ => 0,
    };
    let roll = rng.u8(..100);
    if roll >= chance {
        Paid::No
    } else if status == BookingStatus::Cancelled || roll == 0 {
        Paid::Refunded(method)
    } else {
        Paid::Yes(method)
    }
}
