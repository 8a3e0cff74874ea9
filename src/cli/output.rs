//! Printing: JSON for scripts, aligned text for people, with wall-clock times
//! in the location's zone. Text from the database goes through [`shown`]
//! (or [`truncate`], which calls it) before it is printed, so a control
//! character stored by an older slotdesk never reaches the terminal raw.

use super::CliResult;
use crate::domain::availability::Slot;
use crate::domain::money::format_amount;
use crate::domain::run_sheet::RunSheet;
use crate::domain::text::{is_control, printable};
use crate::domain::wall_clock;
use crate::domain::{Booking, BookingStatus, CustomerSummary, PaymentStatus};
use crate::domain::{BookingPage, Event, EventData};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use std::borrow::Cow;
use std::io::Write;

/// Stored text as it may be printed: control characters shown as visible
/// symbols ([`printable`]).
pub fn shown(text: &str) -> Cow<'_, str> {
    printable(text)
}

/// Prints `value` as pretty JSON on stdout. A closed pipe is an
/// [`std::io::ErrorKind::BrokenPipe`] error, which the caller treats as a
/// reader that has gone (exit 0), as for text.
pub fn json<T: Serialize>(value: &T) -> CliResult {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", escape_controls(text))?;
    Ok(())
}

/// Prints `value` as one line of JSON.
pub fn json_line<T: Serialize>(out: &mut impl Write, value: &T) -> CliResult {
    let text = serde_json::to_string(value).map_err(std::io::Error::other)?;
    writeln!(out, "{}", escape_controls(text))?;
    Ok(())
}

/// JSON text with DEL, the C1 controls and the direction and separator
/// controls ([`is_control`]) written as `\uXXXX`: serde_json escapes the C0
/// ones but writes these as they are, and a terminal may act on them.
/// Outside its strings JSON text is ASCII, so this changes no value.
fn escape_controls(text: String) -> String {
    let escaped = |c: char| is_control(c) && c > '\u{1f}';
    if !text.chars().any(escaped) {
        return text;
    }
    text.chars()
        .map(|c| {
            if escaped(c) {
                format!("\\u{:04x}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `Mon 23 Nov 2026 09:00` in `tz` (`… 01:00 GMT` in the repeated hour of
/// a daylight-saving day).
pub fn local(t: DateTime<Utc>, tz: Tz) -> String {
    wall_clock::format_local(t, tz, "%a %d %b %Y %H:%M")
}

/// `09:00` in `tz` (`01:00 GMT` in the repeated hour).
pub fn clock(t: DateTime<Utc>, tz: Tz) -> String {
    wall_clock::clock(t, tz)
}

/// A span from `from` to `to` as `Mon 23 Nov 2026 09:00–10:00` in `tz`;
/// on a daylight-saving day's repeated hour each end in it names its zone
/// (`Sun 25 Oct 2026 01:00 BST–01:00 GMT`).
pub fn local_range(from: DateTime<Utc>, to: DateTime<Utc>, tz: Tz) -> String {
    format!("{}–{}", local(from, tz), clock(to, tz))
}

/// The payment state in words: `unpaid`, or `paid 55.00 GBP by card ref R`.
fn payment_text(b: &Booking) -> String {
    payment_words(b, true)
}

/// [`payment_text`], with the payment's reference or without it (`paid
/// 55.00 GBP by card`, for a narrow printed column).
pub fn payment_words(b: &Booking, with_reference: bool) -> String {
    match (b.payment.status, b.payment.amount) {
        (PaymentStatus::Unpaid, _) | (_, None) => b.payment.status.as_str().to_owned(),
        (status, Some(amount)) => {
            let method = b.payment.method.map_or("", |m| m.as_str());
            let reference = b
                .payment
                .reference
                .as_deref()
                .filter(|_| with_reference)
                .map_or_else(String::new, |r| format!(" ref {}", shown(r)));
            format!(
                "{} {} {} by {method}{reference}",
                status.as_str(),
                format_amount(amount, &b.payment.currency),
                b.payment.currency
            )
        }
    }
}

/// A booking as a block of labelled lines.
pub fn booking(b: &Booking, tz: Tz, now: DateTime<Utc>) -> CliResult {
    let mut out = std::io::stdout().lock();
    writeln!(out, "booking {}  {}", b.id, b.status)?;
    writeln!(
        out,
        "  slot          {}  {} ({})",
        b.slot_ref(),
        local_range(b.from, b.to, tz),
        tz.name()
    )?;
    writeln!(
        out,
        "  service       {} with {}",
        shown(&b.service_name),
        shown(&b.resource_name)
    )?;
    writeln!(out, "  participants  {}", b.participants)?;
    if b.status == BookingStatus::Held
        && let Some(until) = b.hold_expires_at
    {
        let left = (until - now).num_seconds().max(0);
        writeln!(
            out,
            "  hold          expires {} ({}:{:02} left)",
            clock(until, tz),
            left / 60,
            left % 60
        )?;
    }
    match &b.customer {
        Some(c) => writeln!(out, "  customer      {}", customer_line(c))?,
        None => writeln!(
            out,
            "  customer      (none yet: confirm with --first-name, --last-name and a phone or email)"
        )?,
    }
    writeln!(out, "  payment       {}", payment_text(b))?;
    if let Some(o) = b.payment_option {
        writeln!(out, "  pays by       {o} (chosen at booking)")?;
    }
    if let Some(m) = &b.message {
        writeln!(out, "  message       {}", shown(m))?;
    }
    if let Some(n) = &b.notify {
        writeln!(out, "  to send       {}", shown(n))?;
    }
    if let Some(r) = &b.cancel_reason {
        writeln!(out, "  cancelled     {}", shown(r))?;
    }
    if let (Some(series), Some(place)) = (b.series_id, b.series_place) {
        writeln!(out, "  series        {place} (series {series})")?;
    }
    if let Some(r) = &b.decline_reason {
        writeln!(out, "  declined      {}", shown(r))?;
    }
    for a in &b.answers {
        writeln!(
            out,
            "  answer        {}: {}",
            shown(&a.name),
            shown(&a.value)
        )?;
    }
    for c in &b.choices {
        writeln!(
            out,
            "  choice        {} × {} ({}) at {}",
            c.count,
            shown(&c.name),
            shown(&c.key),
            format_amount(c.price, &b.payment.currency)
        )?;
    }
    for a in &b.add_ons {
        writeln!(
            out,
            "  add-on        {} {}",
            shown(&a.name),
            format_amount(a.price, &b.payment.currency)
        )?;
    }
    Ok(())
}

/// `Jane Doe (customer 3)  jane@example.com  +442079460018`.
pub fn customer_line(c: &CustomerSummary) -> String {
    let mut line = format!("{} (customer {})", shown(&c.name), c.id);
    for v in [&c.email, &c.phone].into_iter().flatten() {
        line.push_str("  ");
        line.push_str(&shown(v));
    }
    line
}

/// Slots as a table.
pub fn slots(slots: &[Slot], tz: Tz) -> CliResult {
    let mut out = std::io::stdout().lock();
    if slots.is_empty() {
        writeln!(out, "no slots")?;
        return Ok(());
    }
    writeln!(
        out,
        "{:<16} {:<28} {:<28} {:<20} {:>5}  STATE",
        "SLOT", "WHEN", "SERVICE", "RESOURCE", "TAKEN"
    )?;
    for s in slots {
        let o = &s.occurrence;
        writeln!(
            out,
            "{:<16} {:<28} {:<28} {:<20} {:>5}  {}",
            o.slot_ref().to_string(),
            local_range(o.from, o.to, tz),
            truncate(&s.service_name, 28),
            truncate(&s.resource_name, 20),
            format!("{}/{}", s.taken, o.capacity),
            s.reason_text()
                .map_or_else(|| "available".to_owned(), |r| shown(&r).into_owned())
        )?;
    }
    Ok(())
}

/// The run sheet as plain text for a printer: the day and when, the
/// counts, then a line per booking (`▸` the next on its resource).
pub fn run_sheet(sheet: &RunSheet, tz: Tz, phone_region: &str) -> CliResult {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Today {} (as of {})",
        sheet.date.format("%a %d %b %Y"),
        clock(sheet.at, tz)
    )?;
    writeln!(out, "{}", sheet.counts.words())?;
    for c in &sheet.closures {
        writeln!(
            out,
            "closed: {}",
            crate::domain::run_sheet::closure_words(c)
        )?;
    }
    if sheet.rows.is_empty() {
        writeln!(out, "no bookings")?;
    } else {
        writeln!(
            out,
            "  {:<11} {:<18} {:<24} {:<16} {:<24} {:>3} {:<10} PAYMENT",
            "TIME", "RESOURCE", "WHO", "PHONE", "SERVICE", "PAX", "STATE"
        )?;
    }
    for r in &sheet.rows {
        let b = &r.booking;
        let who = r.who("—");
        let phone = r.phone(|p| crate::domain::display_phone(p, phone_region));
        writeln!(
            out,
            "{} {:<11} {:<18} {:<24} {:<16} {:<24} {:>3} {:<10} {}",
            if r.next { "▸" } else { " " },
            format!("{}–{}", clock(b.from, tz), clock(b.to, tz)),
            truncate(&b.resource_name, 18),
            truncate(&who, 24),
            phone,
            truncate(&b.service_name, 24),
            b.participants,
            r.arrival.label(),
            b.payment.status.as_str()
        )?;
    }
    if sheet.hidden > 0 {
        writeln!(
            out,
            "{} lapsed holds left out (--all shows them)",
            sheet.hidden
        )?;
    }
    Ok(())
}

/// A page of bookings as a table with its position.
pub fn booking_page(page: &BookingPage, tz: Tz) -> CliResult {
    let mut out = std::io::stdout().lock();
    if page.bookings.is_empty() {
        writeln!(out, "no bookings")?;
    } else {
        writeln!(
            out,
            "{:>7} {:<22} {:<24} {:<18} {:<22} {:>3} {:<11} PAYMENT",
            "ID", "WHEN", "SERVICE", "RESOURCE", "CUSTOMER", "PAX", "STATUS"
        )?;
    }
    for b in &page.bookings {
        writeln!(
            out,
            "{:>7} {:<22} {:<24} {:<18} {:<22} {:>3} {:<11} {}",
            b.id.0,
            local(b.from, tz),
            truncate(&b.service_name, 24),
            truncate(&b.resource_name, 18),
            truncate(b.customer.as_ref().map_or("—", |c| c.name.as_str()), 22),
            b.participants,
            b.status.label(),
            b.payment_option.map_or_else(
                || b.payment.status.as_str().to_owned(),
                |o| format!("{} ({o})", b.payment.status.as_str())
            )
        )?;
    }
    let p = page.pagination;
    writeln!(
        out,
        "page {} of {} ({} bookings, {} per page)",
        p.current_page, p.total_pages, p.total_count, p.page_size
    )?;
    Ok(())
}

/// One event as a line.
pub fn event(out: &mut impl Write, e: &Event, tz: Tz) -> CliResult {
    let subject = match (e.booking_id, e.customer_id, &e.data) {
        (Some(b), _, _) => format!("booking {b}"),
        (None, Some(c), _) => format!("customer {c}"),
        (None, None, EventData::Closure(c)) => format!("closure {} “{}”", c.id, shown(&c.reason)),
        (None, None, EventData::Takings(t)) => format!("takings of {}", t.date),
        (None, None, _) => String::new(),
    };
    let mut status = match &e.data {
        crate::domain::EventData::Waitlist(w) => {
            format!(" → {} on {} (entry {})", w.status, w.slot_ref(), w.id)
        }
        data => data
            .booking()
            .map_or_else(String::new, |b| format!(" → {}", b.status)),
    };
    if let Some(note) = e.data.note() {
        status = format!("{status} “{}”", shown(note));
    }
    let by = e
        .staff
        .as_deref()
        .map(|s| shown(s).into_owned())
        .or_else(|| e.origin.map(|o| o.as_str().to_owned()))
        .unwrap_or_else(|| "—".to_owned());
    writeln!(
        out,
        "{:>7}  {}  {:<8} {:<22} {subject}{status}",
        e.id.0,
        local(e.at, tz),
        by,
        e.kind
    )?;
    Ok(())
}

/// At most `width` characters of stored text as it may be printed
/// ([`shown`]), with an ellipsis when cut.
pub fn truncate(text: &str, width: usize) -> String {
    let text = shown(text);
    if text.chars().count() <= width {
        return text.into_owned();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}
