//! How a slot looks on the board (the legend's classes), its live hold and
//! countdown, and its bookings in the order the board cycles them. Pure.

use crate::domain::availability::{Slot, Unavailable};
use crate::domain::{Booking, BookingStatus};
use chrono::{DateTime, Utc};

/// How a slot looks on the board: the colour classes of the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotLook {
    /// No seats taken.
    Free,
    /// Some seats taken, some free.
    Partial,
    /// No seats left.
    Full,
    /// Someone holds seats on it right now.
    Held,
    /// Another booking occupies the resource then.
    Blocked,
    /// Closed that day.
    Closed,
    /// Already over.
    Past,
}

impl SlotLook {
    /// The legend's word.
    pub fn label(self) -> &'static str {
        match self {
            Self::Free => "free",
            Self::Partial => "partly taken",
            Self::Full => "full",
            Self::Held => "held",
            Self::Blocked => "blocked",
            Self::Closed => "closed",
            Self::Past => "past",
        }
    }

    /// Every look, in legend order.
    pub const ALL: [Self; 7] = [
        Self::Free,
        Self::Partial,
        Self::Full,
        Self::Held,
        Self::Blocked,
        Self::Closed,
        Self::Past,
    ];
}

/// The live hold on `slot` at `now`, if any (the one expiring last).
pub fn live_hold<'a>(
    slot: &Slot,
    bookings: &'a [Booking],
    now: DateTime<Utc>,
) -> Option<&'a Booking> {
    bookings
        .iter()
        .filter(|b| {
            b.slot_ref() == slot.occurrence.slot_ref()
                && b.status == BookingStatus::Held
                && b.hold_expires_at.is_some_and(|t| t > now)
        })
        .max_by_key(|b| b.hold_expires_at)
}

/// How `slot` looks at `now`.
pub fn look(slot: &Slot, bookings: &[Booking], now: DateTime<Utc>) -> SlotLook {
    match &slot.unavailable {
        Some(Unavailable::Past) => SlotLook::Past,
        Some(Unavailable::Closed { .. }) => SlotLook::Closed,
        Some(Unavailable::Blocked { .. }) => SlotLook::Blocked,
        _ if live_hold(slot, bookings, now).is_some() => SlotLook::Held,
        Some(Unavailable::Full) => SlotLook::Full,
        None if slot.taken == 0 => SlotLook::Free,
        None => SlotLook::Partial,
    }
}

/// `mm:ss` left until `until`, never negative.
pub fn countdown(until: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (until - now).num_seconds().max(0);
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

/// The bookings on `slot`, live ones first then by id.
pub fn bookings_on<'a>(slot: &Slot, bookings: &'a [Booking]) -> Vec<&'a Booking> {
    let mut on: Vec<&Booking> = bookings
        .iter()
        .filter(|b| b.slot_ref() == slot.occurrence.slot_ref())
        .collect();
    on.sort_by_key(|b| (!b.status.holds_capacity(), b.id));
    on
}
