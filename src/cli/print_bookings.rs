//! `print bookings [filters] [-o FILE.html]`: every booking the filters of
//! `bookings` pick (not one page) as one printable table, read 500 at a
//! time in slot order. Read only.

use super::CliResult;
use super::args::PrintBookingsArgs;
use super::context::Context;
use super::html::{self, text};
use super::listing_cmds::{booking_query, seen_at};
use super::output::{clock, local, payment_words, truncate};
use crate::domain::{Booking, BookingPage, BookingQuery, display_phone};
use chrono_tz::Tz;
use std::fmt::Write as _;

/// Bookings read per query: the list's largest page.
const BATCH: u32 = 500;

/// The list page's own rules, over [`html::start`]'s.
const STYLE: &str = "
@media print { @page { size: A4 landscape; margin: 10mm; } }
@media print { body { font-size: 9pt; } }
td.when, td.phone { white-space: nowrap; }
th, td { padding: .2em .4em; }
td.id { text-align: right; color: #444; }
span.note { font-style: italic; }
";

/// `print bookings`: the header from the first batch's count, then the
/// rows as each batch is read (a long list is never held whole).
/// Errors: as `bookings` (a date not understood, an unknown service,
/// resource, status or payment option, a `--to` before `--from`), the
/// file cannot be written.
pub fn print(ctx: &Context, a: &PrintBookingsArgs) -> CliResult {
    let query = BookingQuery {
        page_size: BATCH,
        ..booking_query(ctx, &a.filters)?
    };
    let location = ctx.location()?;
    let tz = location.time_zone;
    let region = location.phone_region;
    let batch = |page: u32| -> CliResult<BookingPage> {
        let q = BookingQuery {
            page,
            ..query.clone()
        };
        Ok(seen_at(ctx.store.bookings(&q)?, ctx.now))
    };
    let mut got = batch(1)?;
    let title = format!("{} · bookings", location.name);
    let mut head = html::start(&title, STYLE);
    let count = got.pagination.total_count;
    let _ = writeln!(
        head,
        "<p class=\"counts\">printed {} · {} · {} · times in {}</p>",
        local(ctx.now, tz),
        text(&filter_words(a, &query)),
        html::count(count, "booking", "bookings"),
        text(tz.name()),
    );
    html::emit(a.output.as_deref(), "bookings list", |w| {
        w.write_all(head.as_bytes())?;
        if got.bookings.is_empty() {
            w.write_all(b"<p>No bookings match.</p>\n")?;
            w.write_all(html::END.as_bytes())?;
            return Ok(());
        }
        w.write_all(
            b"<table><thead><tr><th>#</th><th>When</th><th>Service</th><th>Resource</th>\
             <th>Customer</th><th>Phone</th><th>Pax</th><th>Status</th><th>Payment</th>\
             <th>Message</th></tr></thead><tbody>\n",
        )?;
        loop {
            for b in &got.bookings {
                w.write_all(row(b, tz, &region).as_bytes())?;
            }
            let page = got.pagination.current_page;
            if page >= got.pagination.total_pages || got.bookings.is_empty() {
                break;
            }
            got = batch(page + 1)?;
        }
        w.write_all(b"</tbody></table>\n")?;
        w.write_all(html::END.as_bytes())?;
        Ok(())
    })
}

/// One booking as a table row.
fn row(b: &Booking, tz: Tz, region: &str) -> String {
    let who = b.customer.as_ref().map_or("—", |c| c.name.as_str());
    let phone = b
        .customer
        .as_ref()
        .and_then(|c| c.phone.as_deref())
        .map_or_else(String::new, |p| display_phone(p, region));
    let message = b
        .message
        .as_deref()
        .map_or_else(String::new, |m| truncate(m, 60));
    format!(
        "<tr><td class=\"id\">{}</td><td class=\"when\">{}–{}</td><td>{}</td><td>{}</td>\
         <td>{}</td><td class=\"phone\">{}</td><td class=\"pax\">{}</td><td>{}</td><td>{}</td>\
         <td><span class=\"note\">{}</span></td></tr>\n",
        b.id.0,
        local(b.from, tz),
        clock(b.to, tz),
        text(&b.service_name),
        text(&b.resource_name),
        text(who),
        text(&phone),
        b.participants,
        b.status.label(),
        text(&payment_words(b, false)),
        text(&message),
    )
}

/// The filters for the page's header (`all bookings` without): the dates
/// as they were read (`from Mon 23 Nov 2026`), the rest as typed.
fn filter_words(a: &PrintBookingsArgs, q: &BookingQuery) -> String {
    let f = &a.filters;
    let day = |d: chrono::NaiveDate| d.format("%a %d %b %Y").to_string();
    let dates = match (q.from, q.to) {
        (Some(a), Some(b)) if a == b => vec![("on", Some(day(a)))],
        (from, to) => vec![("from", from.map(day)), ("to", to.map(day))],
    };
    let words: Vec<String> = [
        ("service", f.service.clone()),
        ("resource", f.resource.clone()),
    ]
    .into_iter()
    .chain(dates)
    .chain([
        ("status", f.status.clone()),
        ("payment option", f.payment_option.clone()),
        ("customer", f.customer.clone()),
    ])
    .filter_map(|(name, v)| v.map(|v| format!("{name} {}", truncate(&v, 40))))
    .collect();
    if words.is_empty() {
        "all bookings".to_owned()
    } else {
        words.join(", ")
    }
}
