//! `waitlist`: list open entries and offers (or one slot's queue), `add` a
//! customer to a full slot's queue, `leave` it; and, after any write, the
//! offers it made (a seat freed and held in a waiting customer's name).

use super::CliResult;
use super::args::{WaitlistAction, WaitlistArgs};
use super::context::Context;
use super::output::{self, clock, local, local_range, shown, truncate};
use crate::domain::customer::{CustomerInput, display_phone};
use crate::domain::waitlist::ordinal;
use crate::domain::{
    BookingError, BookingFor, CustomerId, EventData, EventFilter, EventId, EventKind, SlotRef,
    WaitlistEntry, WaitlistEntryId, WaitlistStatus,
};
use crate::store::WaitlistRequest;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::io::Write;

/// `waitlist [SLOT]`, `waitlist add SLOT …`, `waitlist leave ENTRY_ID`.
pub fn waitlist(ctx: &mut Context, a: WaitlistArgs) -> CliResult {
    let now = ctx.now;
    let location = ctx.location()?;
    let (tz, region) = (location.time_zone, location.phone_region);
    match a.action {
        None => {
            let entries = match a.slot {
                Some(slot) => ctx.store.waitlist(slot.parse()?)?,
                None => ctx.store.open_waitlist(now)?,
            };
            if a.json {
                return output::json(&entries);
            }
            table(&entries, tz, &region, now)
        }
        Some(WaitlistAction::Add {
            slot,
            customer,
            first_name,
            last_name,
            email,
            phone,
            participants,
            json,
        }) => {
            let slot: SlotRef = slot.parse()?;
            let customer = match customer {
                Some(text) => BookingFor::Picked(find_one(ctx, &text)?),
                None => BookingFor::Typed(CustomerInput {
                    first_name: first_name.unwrap_or_default(),
                    last_name: last_name.unwrap_or_default(),
                    email,
                    phone,
                }),
            };
            let request = WaitlistRequest {
                slot,
                customer,
                participants,
            };
            let before = last_event(ctx)?;
            let entry = ctx.store.join_waitlist(&request, now)?;
            if json {
                return output::json(&entry);
            }
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "{} is {} on the waitlist for {} {} {} (entry {})",
                output::customer_line(&entry.customer),
                ordinal(entry.position.unwrap_or(1)),
                entry.slot_ref(),
                local_range(entry.from, entry.to, tz),
                shown(&entry.service_name),
                entry.id
            )?;
            drop(out);
            print_offers(ctx, before, tz, &region)
        }
        Some(WaitlistAction::Leave { entry, json }) => {
            let before = last_event(ctx)?;
            let left = ctx.store.leave_waitlist(WaitlistEntryId(entry), now)?;
            if json {
                return output::json(&left);
            }
            writeln!(
                std::io::stdout().lock(),
                "{} left the waitlist for {} {} (entry {})",
                shown(&left.customer.name),
                local(left.from, tz),
                shown(&left.service_name),
                left.id
            )?;
            print_offers(ctx, before, tz, &region)
        }
    }
}

/// The customer `text` names: an id, or a search that finds exactly one.
/// Errors: `customer not found`; several found (they are listed).
fn find_one(ctx: &Context, text: &str) -> CliResult<CustomerId> {
    if let Ok(id) = text.trim().parse::<i64>() {
        return Ok(ctx.store.customer(CustomerId(id))?.id);
    }
    let found = ctx.store.find_customers(text, ctx.now, 6)?;
    match found.as_slice() {
        [] => Err(BookingError::CustomerNotFound.into()),
        [one] => Ok(one.customer.id),
        many => {
            let names: Vec<String> = many
                .iter()
                .take(5)
                .map(|m| output::customer_line(&m.customer))
                .collect();
            Err(BookingError::invalid(format!(
                "{} customers match “{}”; give an id with --customer:\n  {}",
                if many.len() > 5 {
                    "more than 5".to_owned()
                } else {
                    many.len().to_string()
                },
                truncate(text, 60),
                names.join("\n  ")
            ))
            .into())
        }
    }
}

/// Where an entry stands, in words: `offered: hold 45 until 12:30`,
/// `offer lapsed 12:30`, `waiting, 2nd, since Sat 21 Nov 2026 10:00`.
fn state(e: &WaitlistEntry, tz: Tz, now: DateTime<Utc>) -> String {
    match (e.status, e.offer_booking_id, e.offer_expires_at) {
        (WaitlistStatus::Offered, Some(hold), Some(until)) if now < until => {
            format!("offered: hold {hold} until {}", clock(until, tz))
        }
        (WaitlistStatus::Offered, _, Some(until)) => format!("offer lapsed {}", clock(until, tz)),
        (WaitlistStatus::Waiting, ..) => format!(
            "waiting, {}, since {}",
            ordinal(e.position.unwrap_or(1)),
            local(e.joined_at, tz)
        ),
        (status, ..) => status.as_str().to_owned(),
    }
}

fn phone(e: &WaitlistEntry, region: &str) -> String {
    e.customer.phone.as_deref().map_or_else(
        || e.customer.email.clone().unwrap_or_default(),
        |p| display_phone(p, region),
    )
}

fn table(entries: &[WaitlistEntry], tz: Tz, region: &str, now: DateTime<Utc>) -> CliResult {
    let mut out = std::io::stdout().lock();
    if entries.is_empty() {
        writeln!(out, "no one is waiting")?;
        return Ok(());
    }
    writeln!(
        out,
        "{:>6} {:<15} {:<22} {:<20} {:<22} {:<16} {:>3}  STATE",
        "ENTRY", "SLOT", "WHEN", "SERVICE", "CUSTOMER", "PHONE", "PAX"
    )?;
    for e in entries {
        writeln!(
            out,
            "{:>6} {:<15} {:<22} {:<20} {:<22} {:<16} {:>3}  {}",
            e.id.0,
            e.slot_ref().to_string(),
            local(e.from, tz),
            truncate(&e.service_name, 20),
            truncate(&e.customer.name, 22),
            truncate(&phone(e, region), 16),
            e.participants,
            state(e, tz, now)
        )?;
    }
    Ok(())
}

/// The id of the newest event, before a write (`None` on an empty journal).
pub(super) fn last_event(ctx: &Context) -> CliResult<Option<EventId>> {
    Ok(ctx
        .store
        .latest_events(&EventFilter::default(), 1)?
        .first()
        .map(|e| e.id))
}

/// Prints each offer made since event `before`: who to call, and how to
/// accept (`slotdesk confirm HOLD`).
pub(super) fn print_offers(
    ctx: &Context,
    before: Option<EventId>,
    tz: Tz,
    region: &str,
) -> CliResult {
    let made = ctx.store.events(before, &EventFilter::default(), 1000)?;
    let mut out = std::io::stdout().lock();
    for e in made.iter().filter(|e| e.kind == EventKind::WaitlistOffered) {
        if let EventData::Waitlist(w) = &e.data {
            writeln!(
                out,
                "seat free at {} {}: offered to {} {} (waitlist entry {}) until {}; call them — `slotdesk confirm {}` accepts",
                local(w.from, tz),
                shown(&w.service_name),
                shown(&w.customer.name),
                phone(w, region),
                w.id,
                w.offer_expires_at
                    .map_or_else(String::new, |t| clock(t, tz)),
                w.offer_booking_id
                    .map_or_else(String::new, |b| b.to_string())
            )?;
        }
    }
    Ok(())
}
