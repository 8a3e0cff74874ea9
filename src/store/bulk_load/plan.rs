//! Choosing the bookings: how many rows each slot gets, who books them and
//! when, all in memory and sorted by creation time. Pure: no I/O.

use super::ScaleParams;
use super::row::{Row, draw_payment, draw_status};
use super::world::{Occ, World};
use crate::domain::{BookingError, BookingStatus};
use crate::store::error::Result;
use crate::words::{APPOINTMENT_NOTES as MESSAGES, CANCEL_REASONS, PHYSIO_REASONS as ANSWERS};

/// How many rows each slot gets: weights scaled to `params.bookings`,
/// rounded by carrying the remainder (so the total is exact), capped per slot.
fn counts(world: &World, params: &ScaleParams) -> Result<Vec<u32>> {
    let mut rng = fastrand::Rng::with_seed(params.seed ^ 0x00C0_FFEE);
    let weights: Vec<f64> = world
        .occurrences
        .iter()
        .map(|o| world.weight(o, params, &mut rng))
        .collect();
    let room: u64 = world
        .occurrences
        .iter()
        .map(|o| u64::from(world.max_rows(o)))
        .sum();
    if u64::from(params.bookings) > room * 9 / 10 {
        return Err(BookingError::invalid(format!(
            "{} bookings do not fit: these slots take at most {}",
            params.bookings,
            room * 9 / 10
        ))
        .into());
    }
    let scale = f64::from(params.bookings) / weights.iter().sum::<f64>().max(f64::MIN_POSITIVE);
    let mut carry = 0.0;
    let mut out = Vec::with_capacity(weights.len());
    let mut total = 0_u32;
    for (o, w) in world.occurrences.iter().zip(&weights) {
        carry += scale * w;
        let n = (carry.floor().max(0.0) as u32).min(world.max_rows(o));
        carry -= f64::from(n);
        total += n;
        out.push(n);
    }
    let mut i = rng.usize(..out.len().max(1));
    while total < params.bookings {
        if out[i] < world.max_rows(&world.occurrences[i]) {
            out[i] += 1;
            total += 1;
        }
        i = (i + 1) % out.len();
    }
    Ok(out)
}

/// Every row, sorted by creation time (booking ids follow it, as in a real
/// desk), with the customers' ids in order of their first booking.
pub(super) struct Plan {
    pub(super) rows: Vec<Row>,
    /// Customer index → (id, created_at); ids from 1 in order of first booking.
    pub(super) customers: Vec<(i64, i64)>,
}

pub(super) fn plan_rows(world: &World, params: &ScaleParams) -> Result<Plan> {
    let counts = counts(world, params)?;
    let mut rng = fastrand::Rng::with_seed(params.seed);
    let regulars = (params.customers / 10).max(1);
    let mut rows = Vec::with_capacity(params.bookings as usize);
    let mut chosen: Vec<u32> = Vec::new();
    for (k, (o, &n)) in world.occurrences.iter().zip(&counts).enumerate() {
        let capacity = world.capacity(o);
        let service = &world.services[world.service_of[o.slot as usize]];
        let mut seats = capacity;
        chosen.clear();
        for _ in 0..n {
            let mut status = draw_status(&mut rng, o, world.now);
            let mut participants = if capacity > 1 && rng.u8(..10) == 0 {
                2
            } else {
                1
            };
            if status.took_seat() {
                if seats == 0 {
                    status = BookingStatus::Cancelled;
                } else {
                    participants = participants.min(seats);
                    seats -= participants;
                }
            }
            let customer = if status == BookingStatus::Expired {
                None
            } else {
                let c = pick_customer(&mut rng, &chosen, regulars, params.customers);
                chosen.push(c);
                Some(c)
            };
            let (created_at, updated_at) = times(&mut rng, world, o, status);
            rows.push(Row {
                created_at,
                updated_at,
                occ: k as u32,
                customer,
                status,
                participants: participants as u8,
                paid: draw_payment(&mut rng, status),
                reference: rng.u32(..),
                reason: rng.u8(..CANCEL_REASONS.len() as u8),
                message: if rng.u8(..100) < 3 {
                    rng.u8(1..=MESSAGES.len() as u8)
                } else {
                    0
                },
                answer: if !service.questions.is_empty() && rng.u8(..100) < 40 {
                    rng.u8(1..=ANSWERS.len() as u8)
                } else {
                    0
                },
                add_on: !service.add_ons.is_empty() && customer.is_some() && rng.u8(..100) < 12,
            });
        }
    }
    rows.sort_by_key(|r| r.created_at);
    let mut customers = vec![(0_i64, 0_i64); params.customers as usize];
    let mut next = 1;
    let mut last_at = world.opened_at;
    for r in &rows {
        if let Some(c) = r.customer
            && customers[c as usize].0 == 0
        {
            customers[c as usize] = (next, r.created_at);
            next += 1;
            last_at = r.created_at;
        }
    }
    for c in &mut customers {
        if c.0 == 0 {
            *c = (next, last_at);
            next += 1;
        }
    }
    Ok(Plan { rows, customers })
}

/// A customer not yet `chosen` for the slot: a regular half the time, else
/// anyone (no duplicates, because `customers` exceeds any slot's rows).
fn pick_customer(rng: &mut fastrand::Rng, chosen: &[u32], regulars: u32, customers: u32) -> u32 {
    let mut c = if rng.bool() {
        rng.u32(..regulars)
    } else {
        rng.u32(..customers)
    };
    while chosen.contains(&c) {
        c = (c + 1) % customers;
    }
    c
}

/// When a row was created and last changed: booked up to four weeks ahead
/// (classes up to ten days), never after `now` nor before the desk opened.
fn times(rng: &mut fastrand::Rng, world: &World, o: &Occ, status: BookingStatus) -> (i64, i64) {
    const HOUR: i64 = 3600;
    const DAY: i64 = 24 * HOUR;
    let ahead_seconds = if world.capacity(o) == 1 { 28.0 } else { 10.0 } * 86_400.0;
    let lead = HOUR + (rng.f64().powi(2) * ahead_seconds) as i64;
    let mut created = (o.from - lead).max(world.opened_at + HOUR);
    if created > world.now {
        created = world.now - rng.i64(60..3 * DAY);
    }
    let until = |t: i64| t.min(world.now).max(created);
    let updated = match status {
        BookingStatus::Completed => until(o.to + rng.i64(0..2 * HOUR)),
        BookingStatus::NoShow => until(o.from + 15 * 60),
        BookingStatus::CheckedIn => until(o.from - rng.i64(0..600)),
        BookingStatus::Expired => created + 15 * 60,
        BookingStatus::Cancelled | BookingStatus::Declined => {
            until(created + rng.i64(0..=(o.from - created).max(0)))
        }
        _ => created,
    };
    (created, updated)
}
