//! The bulk write: bookings, events, answers and add-ons (and the customers)
//! in one transaction, with the secondary indexes dropped and rebuilt.

use super::ScaleSummary;
use super::customers::insert_customers;
use super::plan::Plan;
use super::row::{METHODS, Paid};
use super::world::World;
use crate::domain::{
    AddOnLine, Answer, Booking, BookingId, BookingStatus, CustomerSummary, EventData, Payment,
    PaymentStatus,
};
use crate::store::codec::instant;
use crate::store::error::{Result, StoreError};
use crate::words::{APPOINTMENT_NOTES as MESSAGES, CANCEL_REASONS, PHYSIO_REASONS as ANSWERS};
use rusqlite::{Connection, TransactionBehavior, params};
use std::collections::HashMap;

const BULK_TABLES: &str =
    "('bookings', 'events', 'customers', 'booking_answers', 'booking_add_ons')";

/// Writes customers, bookings, events, answers and add-ons in one
/// transaction, with the tables' secondary indexes dropped during the inserts
/// and rebuilt (sorted, much faster than row by row) before the commit.
pub(super) fn write_rows(
    conn: &mut Connection,
    world: &World,
    plan: &Plan,
    seed: u64,
) -> Result<ScaleSummary> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let indexes: Vec<(String, String)> = tx
        .prepare(&format!(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
               AND tbl_name IN {BULK_TABLES}"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    let customers = insert_customers(&tx, plan, seed)?;
    let mut summary = insert_bookings(&tx, world, plan, &customers)?;
    summary.customers = customers.len() as u64;
    for (_, sql) in &indexes {
        tx.execute_batch(sql)?;
    }
    tx.commit()?;
    Ok(summary)
}

fn insert_bookings(
    conn: &Connection,
    world: &World,
    plan: &Plan,
    customers: &HashMap<i64, CustomerSummary>,
) -> Result<ScaleSummary> {
    let mut booking = conn.prepare(
        "INSERT INTO bookings (id, service_id, time_slot_id, resource_id, date, starts_at, ends_at,
             participants, status, hold_expires_at, customer_id, message, cancel_reason,
             payment_status, payment_amount, payment_currency, payment_method, payment_reference,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?;
    let mut event = conn.prepare(
        "INSERT INTO events (at, kind, booking_id, customer_id, data)
         VALUES (?1, 'booking.created', ?2, ?3, ?4)",
    )?;
    let mut answer = conn.prepare(
        "INSERT INTO booking_answers (booking_id, position, name, value) VALUES (?1, 0, ?2, ?3)",
    )?;
    let mut add_on = conn.prepare(
        "INSERT INTO booking_add_ons (booking_id, add_on_id, name, price) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut per_day = vec![0_u64; world.days.len()];
    let mut by_status = [0_u64; BookingStatus::ALL.len()];
    let (mut answers, mut add_ons) = (0, 0);
    for (id, r) in (1_i64..).zip(&plan.rows) {
        let o = &world.occurrences[r.occ as usize];
        let t = &world.slots[o.slot as usize];
        let service = &world.services[world.service_of[o.slot as usize]];
        let customer = r.customer.map(|c| plan.customers[c as usize].0);
        let extra = service.add_ons.first().filter(|_| r.add_on);
        let price = service.price + extra.map_or(0, |a| a.price);
        let (payment_status, method) = match r.paid {
            Paid::No => ("unpaid", None),
            Paid::Yes(m) => ("paid", Some(METHODS[m as usize])),
            Paid::Refunded(m) => ("refunded", Some(METHODS[m as usize])),
        };
        let reference = (method == Some("card")).then(|| format!("TXN-{:010}", r.reference));
        let date = &world.day_text[o.day as usize];
        booking.execute(params![
            id,
            t.service_id.0,
            t.id.0,
            t.resource_id.0,
            date,
            o.from,
            o.to,
            r.participants,
            r.status.as_str(),
            (r.status == BookingStatus::Expired)
                .then(|| r.created_at + 60 * i64::from(service.hold_minutes)),
            customer,
            (r.message > 0).then(|| MESSAGES[r.message as usize - 1]),
            (r.status == BookingStatus::Cancelled).then(|| CANCEL_REASONS[r.reason as usize]),
            payment_status,
            method.map(|_| price * i64::from(r.participants)),
            service.currency,
            method,
            reference,
            r.created_at,
            r.updated_at,
        ])?;
        let first_status = match r.status {
            BookingStatus::Expired => BookingStatus::Held,
            BookingStatus::Pending | BookingStatus::Declined => BookingStatus::Pending,
            _ => BookingStatus::Confirmed,
        };
        let question = service.questions.first().filter(|_| r.answer > 0);
        // The booking as it stood when created: what `booking.created` holds.
        let created = Booking {
            id: BookingId(id),
            service_id: t.service_id,
            service_name: service.name.clone(),
            resource_id: t.resource_id,
            resource_name: world.resource_name(t.resource_id).to_owned(),
            date: world.days[o.day as usize],
            time_slot_id: t.id,
            from: instant(o.from),
            to: instant(o.to),
            participants: u32::from(r.participants),
            status: first_status,
            hold_expires_at: (first_status == BookingStatus::Held)
                .then(|| instant(r.created_at + 60 * i64::from(service.hold_minutes))),
            cancel_reason: None,
            message: (r.message > 0).then(|| MESSAGES[r.message as usize - 1].to_owned()),
            customer: customer.and_then(|c| customers.get(&c)).cloned(),
            payment: Payment {
                status: PaymentStatus::Unpaid,
                amount: None,
                currency: service.currency.clone(),
                method: None,
                reference: None,
            },
            answers: question
                .map(|q| Answer {
                    name: q.name.clone(),
                    value: ANSWERS[r.answer as usize - 1].to_owned(),
                })
                .into_iter()
                .collect(),
            add_ons: extra
                .map(|a| AddOnLine {
                    id: a.id,
                    name: a.name.clone(),
                    price: a.price,
                })
                .into_iter()
                .collect(),
            walk_in: false,
            notify: None,
            series_id: None,
            series_place: None,
            choices: Vec::new(),
            payment_option: None,
            decline_reason: None,
            created_at: instant(r.created_at),
            updated_at: instant(r.created_at),
        };
        let data = EventData::booking_change(created, None)
            .to_json()
            .map_err(|e| {
                StoreError::Schema(format!("cannot write a booking.created event: {e}"))
            })?;
        event.execute(params![r.created_at, id, customer, data])?;
        if r.answer > 0
            && let Some(q) = service.questions.first()
        {
            answer.execute(params![id, q.name, ANSWERS[r.answer as usize - 1]])?;
            answers += 1;
        }
        if let Some(a) = extra {
            add_on.execute(params![id, a.id.0, a.name, a.price])?;
            add_ons += 1;
        }
        per_day[o.day as usize] += 1;
        if let Some(i) = BookingStatus::ALL.iter().position(|s| *s == r.status) {
            by_status[i] += 1;
        }
    }
    let busiest = per_day
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| (world.days[i], *n));
    Ok(ScaleSummary {
        bookings: plan.rows.len() as u64,
        customers: 0,
        events: plan.rows.len() as u64,
        answers,
        add_ons,
        time_slots: 0,
        closures: 0,
        first_on: world.days.first().copied().unwrap_or_default(),
        last_on: world.days.last().copied().unwrap_or_default(),
        busiest,
        by_status: BookingStatus::ALL.iter().copied().zip(by_status).collect(),
    })
}
