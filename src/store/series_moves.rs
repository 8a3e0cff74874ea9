//! Moving a booking with the later weeks of its series: each by the same
//! number of days, in ONE transaction, all or none (each refused week named
//! with its reason).

use super::Store;
use super::error::{Result, StoreError};
use crate::domain::series::SeriesWrite;
use crate::domain::{Booking, BookingError, BookingId, SeriesRefusal, SlotRef};
use chrono::{DateTime, Utc};

impl Store {
    /// Moves booking `id` to `to` and the later live bookings of its series
    /// by the same number of days (those on its time slot onto `to`'s, the
    /// others on their own), in ONE
    /// transaction, all or none (a `booking.moved` each). A booking in no
    /// series is moved alone. Returns the bookings moved, in series order.
    /// Errors: as [`Store::move_booking`] for the booking named; for a later
    /// one refused, [`BookingError::SeriesRefused`] naming every week that
    /// cannot move there and why (then nothing is moved).
    pub fn move_following(
        &mut self,
        id: BookingId,
        to: SlotRef,
        now: DateTime<Utc>,
    ) -> Result<Vec<Booking>> {
        let first = self.booking(id)?;
        let shift = to.date - first.date;
        let mut moves = vec![(id, to, first.series_place.map_or(1, |p| p.position))];
        for later in self.later_in_series(&first)? {
            let b = self.booking(later)?;
            let date = b
                .date
                .checked_add_signed(shift)
                .ok_or_else(|| BookingError::invalid("that move runs off the calendar"))?;
            let place = b.series_place.map_or(0, |p| p.position);
            // A week on the first's time slot goes to the new one; one moved
            // elsewhere before keeps its own.
            let time_slot_id = if b.time_slot_id == first.time_slot_id {
                to.time_slot_id
            } else {
                b.time_slot_id
            };
            moves.push((later, SlotRef { time_slot_id, date }, place));
        }
        // Later ones first when moving on, so none lands on a week of its
        // own series still booked.
        if shift > chrono::TimeDelta::zero() {
            moves.reverse();
        }
        let unit = first.series_place.map_or("week", |p| p.kind.unit());
        self.batch(|store| {
            let mut moved = Vec::new();
            let mut refused = Vec::new();
            for (booking, slot, position) in &moves {
                match store.move_booking(*booking, *slot, now) {
                    Ok(b) => moved.push(b),
                    Err(StoreError::Booking(e)) if *booking == id => return Err(e.into()),
                    Err(StoreError::Booking(e)) => refused.push(SeriesRefusal {
                        position: *position,
                        slot: *slot,
                        reason: e.to_string(),
                    }),
                    Err(e) => return Err(e),
                }
            }
            if !refused.is_empty() {
                refused.sort_by_key(|r| r.position);
                return Err(BookingError::SeriesRefused {
                    refused,
                    asked: moves.len(),
                    unit,
                    write: SeriesWrite::Move,
                }
                .into());
            }
            moved.sort_by_key(|b| b.series_place.map_or(0, |p| p.position));
            Ok(moved)
        })
    }
}
