//! Series on the command line: `book SLOT … --weekly N [--every 2]
//! [--partial]` books the same weekly time N times in one step, and `cancel
//! ID --following` cancels a booking with the later ones of its series.

use super::CliResult;
use super::args::{BookArgs, CancelArgs, MoveArgs};
use super::booking_cmds::book_request;
use super::context::Context;
use super::output::{self, local_range, shown};
use crate::domain::series::weekly_slots;
use crate::domain::{
    Booking, BookingError, BookingId, CancelRequest, SeriesBooked, SeriesKind, SeriesMode,
    SeriesRequest,
};
use chrono_tz::Tz;
use std::io::Write;

/// `book SLOT --weekly N [--every W] [--partial]`: the weeks from SLOT, all
/// or none (or the free ones), printed as the series with each week booked
/// and each refused with its reason; `--json` prints the series object
/// (`series_id`, `kind`, `booked`, `refused`).
pub fn book(ctx: &mut Context, a: &BookArgs) -> CliResult {
    let weeks = a.weekly.unwrap_or_default();
    let tz = ctx.location()?.time_zone;
    let booking = book_request(a, ctx.role(a.as_manager))?;
    let first = booking
        .slot
        .ok_or_else(|| BookingError::invalid("a slot is required"))?;
    let req = SeriesRequest {
        kind: SeriesKind::Weekly {
            every_weeks: a.every,
        },
        slots: weekly_slots(first, weeks, a.every)?,
        booking,
        mode: if a.partial {
            SeriesMode::Partial
        } else {
            SeriesMode::AllOrNone
        },
    };
    let made = ctx.store.book_series(&req, ctx.now)?;
    if a.json {
        return output::json(&made);
    }
    print_series(&made, req.slots.len(), tz)
}

/// `cancel ID --reason … --following`: the booking and the later live ones
/// of its series, one transaction, one reason; `--json` prints them as a list.
pub fn cancel_following(ctx: &mut Context, a: &CancelArgs) -> CliResult {
    let location = ctx.location()?;
    let tz = location.time_zone;
    let before = super::waitlist_cmds::last_event(ctx)?;
    let request = CancelRequest {
        reason: a.reason.clone(),
        idempotency_key: a.idempotency_key.clone(),
        only_hold: false,
    };
    let cancelled = ctx
        .store
        .cancel_following(BookingId(a.id), &request, ctx.now)?;
    if a.json {
        return output::json(&cancelled);
    }
    let mut out = std::io::stdout().lock();
    let series = cancelled
        .first()
        .and_then(|b| b.series_id)
        .map_or_else(String::new, |s| format!(" of series {s}"));
    writeln!(
        out,
        "cancelled {} booking{}{series}: {}",
        cancelled.len(),
        if cancelled.len() == 1 { "" } else { "s" },
        shown(a.reason.trim())
    )?;
    for b in &cancelled {
        writeln!(out, "{}", line(b, tz))?;
    }
    drop(out);
    // A seat this freed went to the waitlist: say who to call.
    super::waitlist_cmds::print_offers(ctx, before, tz, &location.phone_region)
}

/// `move ID SLOT --following`: the booking to SLOT and the later live ones
/// of its series by the same days, all or none; `--json` prints them as a list.
pub fn move_following(ctx: &mut Context, a: &MoveArgs) -> CliResult {
    let tz = ctx.location()?.time_zone;
    let moved = ctx
        .store
        .move_following(BookingId(a.id), a.slot.parse()?, ctx.now)?;
    if a.json {
        return output::json(&moved);
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "moved {} booking{}:",
        moved.len(),
        if moved.len() == 1 { "" } else { "s" }
    )?;
    for b in &moved {
        writeln!(out, "{}", line(b, tz))?;
    }
    Ok(())
}

/// `series 4 (weekly, every week): 5 of 6 weeks booked for Jane Doe`, a
/// line a week booked, then the weeks not booked with their reasons.
fn print_series(made: &SeriesBooked, asked: usize, tz: Tz) -> CliResult {
    let mut out = std::io::stdout().lock();
    let unit = made.kind.unit();
    let every = match made.kind.every_weeks() {
        Some(2) => "weekly, every 2 weeks",
        Some(_) => "weekly, every week",
        None => "course",
    };
    let who = made
        .booked
        .first()
        .and_then(|b| b.customer.as_ref())
        .map_or_else(String::new, |c| {
            format!(" for {}", output::customer_line(c))
        });
    writeln!(
        out,
        "series {} ({every}): {} of {asked} {unit}s booked{who}",
        made.series_id,
        made.booked.len()
    )?;
    for b in &made.booked {
        writeln!(out, "{}", line(b, tz))?;
    }
    if !made.refused.is_empty() {
        writeln!(out, "not booked:")?;
        for r in &made.refused {
            writeln!(out, "  {}", shown(&r.line(unit)))?;
        }
    }
    Ok(())
}

/// `  week 2  booking 14  Mon 8 Jun 2026 10:00–11:00  Physio with Ana  confirmed`.
fn line(b: &Booking, tz: Tz) -> String {
    let place = b.series_place.map_or_else(String::new, |p| {
        format!("{} {}  ", p.kind.unit(), p.position)
    });
    format!(
        "  {place}booking {}  {}  {} with {}  {}",
        b.id,
        local_range(b.from, b.to, tz),
        shown(&b.service_name),
        shown(&b.resource_name),
        b.status
    )
}
