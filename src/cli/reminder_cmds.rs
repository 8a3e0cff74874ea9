//! `reminders [--json]`: the bookings due a reminder now (who, phone,
//! email, local start, service, resource and the clerk's message), and
//! `reminders sent BOOKING_ID`, which marks one sent (event
//! `booking.reminder_sent`).

use super::CliResult;
use super::args::{RemindersAction, RemindersArgs};
use super::context::Context;
use super::output::{self, shown};
use crate::domain::{BookingId, display_phone};
use std::io::Write;

/// Lists the reminders due at the context's now, or marks one sent.
pub fn reminders(ctx: &mut Context, a: &RemindersArgs) -> CliResult {
    let location = ctx.location()?;
    let tz = location.time_zone;
    if let Some(RemindersAction::Sent { id, json }) = &a.action {
        let booking = ctx.store.mark_reminder_sent(BookingId(*id), ctx.now)?;
        if *json {
            return output::json(&booking);
        }
        writeln!(
            std::io::stdout().lock(),
            "reminder for booking {} marked sent",
            booking.id
        )?;
        return Ok(());
    }
    let due = ctx.store.reminders_due(ctx.now)?;
    if a.json {
        return output::json(&due);
    }
    let mut out = std::io::stdout().lock();
    if due.is_empty() {
        writeln!(out, "no reminders due")?;
        return Ok(());
    }
    writeln!(out, "reminders due ({} in {})", due.len(), tz.name())?;
    for r in &due {
        let phone = r
            .phone
            .as_deref()
            .map(|p| display_phone(p, &location.phone_region));
        let contact = [phone.as_deref(), r.email.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("  ");
        writeln!(
            out,
            "{:>6}  {}  {}  {} with {}  {}",
            r.booking_id.0,
            output::local(r.from, tz),
            shown(&r.customer_name),
            shown(&r.service_name),
            shown(&r.resource_name),
            shown(&contact)
        )?;
        if let Some(n) = &r.notify {
            writeln!(out, "        message: {}", shown(n))?;
        }
    }
    Ok(())
}
