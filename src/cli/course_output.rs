//! What `book` and `cancel` add for a course booking (Wix "book the entire
//! course"): every session it took a seat in, or every session's booking
//! the cancel freed. Text only; `--json` prints the booking as ever (its
//! `series_id` and `series_place` name the course booking).

use super::CliResult;
use super::output::{local_range, shown};
use crate::domain::Booking;
use crate::domain::series::SeriesKind;
use chrono_tz::Tz;
use std::io::Write;

/// Whether `b` is one session's booking of a course booking.
pub fn is_course(b: &Booking) -> bool {
    b.series_place.is_some_and(|p| p.kind == SeriesKind::Course)
}

/// One session's booking as a line: `#12     7@2027-01-11  Mon 11 Jan 2027 20:00–21:00  confirmed`.
fn line(out: &mut impl Write, b: &Booking, tz: Tz) -> CliResult {
    writeln!(
        out,
        "  {:<7} {}  {}  {}",
        format!("#{}", b.id),
        b.slot_ref(),
        local_range(b.from, b.to, tz),
        b.status
    )?;
    Ok(())
}

/// After `book`: the course's sessions, each with its booking.
pub fn booked(all: &[Booking], tz: Tz) -> CliResult {
    let mut out = std::io::stdout().lock();
    let Some(first) = all.first() else {
        return Ok(());
    };
    writeln!(
        out,
        "booked the whole course {}: a seat in each of its {} sessions (series {}); \
         the price is on the first session's booking",
        shown(&first.service_name),
        all.len(),
        first.series_id.map(|s| s.0).unwrap_or_default()
    )?;
    for b in all {
        line(&mut out, b, tz)?;
    }
    Ok(())
}

/// After `cancel`: the course's other sessions' bookings cancelled with it.
pub fn also_cancelled(others: &[Booking], tz: Tz) -> CliResult {
    if others.is_empty() {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "a course booking is cancelled whole: also cancelled its other {} session{}",
        others.len(),
        if others.len() == 1 { "" } else { "s" }
    )?;
    for b in others {
        line(&mut out, b, tz)?;
    }
    Ok(())
}
