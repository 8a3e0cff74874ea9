//! The offer pass: run by every write just before it commits, so a seat
//! freed by that write (a cancel, a lapsed hold, a move out, a no-show, a
//! decline, fewer participants, a forced status, an undo, a delete) is
//! offered in the same transaction, and two desks never offer one seat
//! twice. It closes offers whose hold was confirmed, lapsed or released,
//! takes off customers who booked a seat meanwhile, and holds each freed
//! seat in the name of the first waiting customer whose seats fit.

use super::super::bookings::{NewBooking, insert};
use super::super::catalog::service;
use super::super::claims::SlotContext;
use super::super::codec::{date_col, day, parsed_opt, ts};
use super::super::error::Result;
use super::super::transaction::finish_noted;
use super::set_status;
use crate::domain::availability::check_duplicate;
use crate::domain::waitlist::{Waiting, offer_expiry, offers};
use crate::domain::{
    BookingStatus, CustomerId, EventKind, SlotRef, TimeSlotId, WaitlistEntryId, WaitlistStatus,
};
use crate::store::db::{self, Db, params};
use chrono::{DateTime, NaiveDate, Utc};

/// The first local date whose slots may not have ended at `now`, in any
/// time zone (local dates run at most a day behind UTC's).
pub(in crate::store) fn earliest_open_day(now: DateTime<Utc>) -> NaiveDate {
    now.date_naive().pred_opt().unwrap_or(NaiveDate::MIN)
}

/// Settles the waitlist after a write, inside its transaction (see the
/// module header). Cheap when nothing waits: one indexed look.
pub(in crate::store) fn settle(conn: &Db, now: DateTime<Utc>) -> Result<()> {
    let since = day(earliest_open_day(now));
    let open: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM waitlist WHERE status = 'offered')
                 OR EXISTS (SELECT 1 FROM waitlist WHERE status = 'waiting' AND date >= ?1)",
        )?
        .query_row([&since], |r| r.get(0))?;
    if !open {
        return Ok(());
    }
    close_answered_offers(conn, now)?;
    take_off_the_booked(conn, &since, now)?;
    offer_freed_seats(conn, &since, now)
}

/// Offers whose hold is no longer a hold on their slot: confirmed (or
/// further) → `accepted`; lapsed → `lapsed`; released, declined or deleted
/// → `declined`; moved to another slot → `booked`.
fn close_answered_offers(conn: &Db, now: DateTime<Utc>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT w.id, w.time_slot_id, w.date, b.status, b.time_slot_id, b.date
         FROM waitlist w LEFT JOIN bookings b ON b.id = w.offer_booking_id
         WHERE w.status = 'offered'",
    )?;
    let answered: Vec<(WaitlistEntryId, WaitlistStatus, EventKind)> = stmt
        .query_map((), |r| {
            let own = SlotRef {
                time_slot_id: TimeSlotId(r.get(1)?),
                date: date_col(r, 2)?,
            };
            let status: Option<BookingStatus> = parsed_opt(r, 3)?;
            let on = match r.get::<Option<i64>>(4)? {
                Some(t) => Some(SlotRef {
                    time_slot_id: TimeSlotId(t),
                    date: date_col(r, 5)?,
                }),
                None => None,
            };
            Ok((WaitlistEntryId(r.get(0)?), own, status, on))
        })?
        .filter_map(|row| match row {
            Ok((id, own, status, on)) => answer(own, status, on).map(|(s, k)| Ok((id, s, k))),
            Err(e) => Some(Err(e)),
        })
        .collect::<db::Result<_>>()?;
    for (id, status, kind) in answered {
        set_status(conn, id, status, None, kind, now)?;
    }
    Ok(())
}

/// What an offer's hold, now `status` on slot `on`, says of the offer made
/// on `own`; `None` while it is still an open offer.
fn answer(
    own: SlotRef,
    status: Option<BookingStatus>,
    on: Option<SlotRef>,
) -> Option<(WaitlistStatus, EventKind)> {
    let left = |s| Some((s, EventKind::WaitlistLeft));
    match status {
        _ if on.is_some_and(|on| on != own) => left(WaitlistStatus::Booked),
        Some(BookingStatus::Held | BookingStatus::Requested) => None,
        Some(BookingStatus::Expired) => Some((WaitlistStatus::Lapsed, EventKind::WaitlistLapsed)),
        Some(
            BookingStatus::Pending
            | BookingStatus::Confirmed
            | BookingStatus::CheckedIn
            | BookingStatus::Completed
            | BookingStatus::NoShow,
        ) => Some((WaitlistStatus::Accepted, EventKind::WaitlistAccepted)),
        Some(BookingStatus::Cancelled | BookingStatus::Declined) | None => {
            left(WaitlistStatus::Declined)
        }
    }
}

/// Waiting customers who now have a booking (pending, confirmed or checked
/// in) on their slot, or on another slot of the same service that day made
/// since they joined ([`crate::domain::waitlist::took_a_seat`]): `booked`.
fn take_off_the_booked(conn: &Db, since: &str, now: DateTime<Utc>) -> Result<()> {
    let booked: Vec<i64> = conn
        .prepare_cached(
            "SELECT w.id FROM waitlist w JOIN time_slots t ON t.id = w.time_slot_id
             WHERE w.status = 'waiting' AND w.date >= ?1
               AND EXISTS (SELECT 1 FROM bookings b
                   WHERE b.customer_id = w.customer_id AND b.service_id = t.service_id
                     AND b.date = w.date AND b.status IN ('pending', 'confirmed', 'checked_in')
                     AND (b.time_slot_id = w.time_slot_id OR b.id > w.bookings_before))
             ORDER BY w.id",
        )?
        .query_map([since], |r| r.get(0))?
        .collect::<db::Result<_>>()?;
    for id in booked {
        set_status(
            conn,
            WaitlistEntryId(id),
            WaitlistStatus::Booked,
            None,
            EventKind::WaitlistLeft,
            now,
        )?;
    }
    Ok(())
}

/// Slots with customers waiting whose free seats (by a quick count of
/// capacity against live seats) fit the smallest party waiting; each is then
/// checked with every rule and its seats offered in queue order.
fn offer_freed_seats(conn: &Db, since: &str, now: DateTime<Utc>) -> Result<()> {
    let candidates: Vec<SlotRef> = conn
        .prepare_cached(
            "SELECT w.time_slot_id, w.date FROM waitlist w JOIN time_slots t ON t.id = w.time_slot_id
             WHERE w.status = 'waiting' AND w.date >= ?1
             GROUP BY w.time_slot_id, w.date
             HAVING max(t.capacity) - (SELECT coalesce(sum(b.participants), 0) FROM bookings b
                     WHERE b.time_slot_id = w.time_slot_id AND b.date = w.date
                       AND (b.status IN ('pending', 'confirmed', 'checked_in')
                            OR (b.status = 'held' AND b.hold_expires_at > ?2)))
                 >= min(w.participants)",
        )?
        .query_map(params![since, ts(now)], |r| {
            Ok(SlotRef {
                time_slot_id: TimeSlotId(r.get(0)?),
                date: date_col(r, 1)?,
            })
        })?
        .collect::<db::Result<_>>()?;
    for slot in candidates {
        offer_on(conn, slot, now)?;
    }
    Ok(())
}

/// Offers `slot`'s free seats, if it can take bookings now (not ended,
/// closed or blocked), to its queue in order.
fn offer_on(conn: &Db, slot: SlotRef, now: DateTime<Utc>) -> Result<()> {
    // A slot that no longer occurs (its time slot retired) offers nothing.
    let Ok(ctx) = SlotContext::load(conn, slot) else {
        return Ok(());
    };
    let state = ctx.state(now, None);
    if state.unavailable.is_some() {
        return Ok(());
    }
    let queue: Vec<(Waiting, CustomerId)> = conn
        .prepare_cached(
            "SELECT id, participants, customer_id FROM waitlist
             WHERE time_slot_id = ?1 AND date = ?2 AND status = 'waiting' ORDER BY id",
        )?
        .query_map(params![slot.time_slot_id.0, day(slot.date)], |r| {
            Ok((
                Waiting {
                    id: WaitlistEntryId(r.get(0)?),
                    participants: r.get(1)?,
                },
                CustomerId(r.get(2)?),
            ))
        })?
        .collect::<db::Result<_>>()?;
    // Anyone already seated there is not offered a second seat.
    let fits: Vec<Waiting> = queue
        .iter()
        .filter(|(_, c)| check_duplicate(&ctx.occurrence, &ctx.claims, *c, now, None).is_ok())
        .map(|(w, _)| *w)
        .collect();
    let chosen = offers(state.free(ctx.occurrence.capacity), &fits);
    if chosen.is_empty() {
        return Ok(());
    }
    let service = service(conn, ctx.time_slot.service_id)?;
    let expires = offer_expiry(now, service.hold_minutes, ctx.occurrence.to);
    for id in chosen {
        let Some((w, customer)) = queue.iter().find(|(w, _)| w.id == id) else {
            continue;
        };
        let hold = insert(
            conn,
            &NewBooking {
                ctx: &ctx,
                participants: w.participants,
                status: BookingStatus::Held,
                hold_expires_at: Some(expires),
                customer: Some(*customer),
                message: None,
                notify: None,
                currency: &service.currency,
                idempotency_key: None,
            },
            now,
        )?;
        finish_noted(
            conn,
            hold,
            EventKind::BookingCreated,
            &format!("offered from the waitlist (entry {id})"),
            now,
        )?;
        set_status(
            conn,
            id,
            WaitlistStatus::Offered,
            Some(hold),
            EventKind::WaitlistOffered,
            now,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(id: i64) -> SlotRef {
        SlotRef {
            time_slot_id: TimeSlotId(id),
            date: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
        }
    }

    #[test]
    fn an_offers_hold_says_how_the_offer_ended() {
        let own = slot(1);
        let held = answer(own, Some(BookingStatus::Held), Some(own));
        assert_eq!(held, None);
        let answered = |s| answer(own, Some(s), Some(own)).map(|(w, _)| w);
        assert_eq!(
            answered(BookingStatus::Confirmed),
            Some(WaitlistStatus::Accepted)
        );
        assert_eq!(
            answered(BookingStatus::Expired),
            Some(WaitlistStatus::Lapsed)
        );
        assert_eq!(
            answered(BookingStatus::Cancelled),
            Some(WaitlistStatus::Declined)
        );
        assert_eq!(
            answer(own, None, None).map(|(w, _)| w),
            Some(WaitlistStatus::Declined)
        );
        assert_eq!(
            answer(own, Some(BookingStatus::Held), Some(slot(2))).map(|(w, _)| w),
            Some(WaitlistStatus::Booked)
        );
    }
}
