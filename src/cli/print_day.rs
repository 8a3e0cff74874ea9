//! `print day [DATE] [--resource R] [-o FILE.html]`: the day board as one
//! HTML page for A4 landscape. Up to [`COLUMNS`] resources side by side (a
//! row per start time), more as one section each; every slot with its time
//! in the location's zone, service, seats taken and free, and its bookings;
//! the day's closures. A slot is never cut by a page break. Read only.

use super::CliResult;
use super::args::PrintDayArgs;
use super::context::Context;
use super::html::{self, text};
use super::output::{clock, local, payment_words, truncate};
use crate::domain::availability::{Slot, Unavailable, count_past_seats};
use crate::domain::closure::ClosureEntry;
use crate::domain::run_sheet::{Arrival, closure_words};
use crate::domain::{Booking, BookingStatus, ResourceId, SlotQuery, display_phone};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use std::fmt::Write as _;

/// At most this many resources print as columns; more print as sections.
pub const COLUMNS: usize = 4;

/// The day page's own rules, over [`html::start`]'s.
const STYLE: &str = "
@media print { @page { size: A4 landscape; margin: 10mm; } }
p.empty { font-size: 13pt; margin: 1em 0; }
table.board { table-layout: fixed; }
table.board th.time { width: 4.2em; }
table.board td.time { font-weight: bold; white-space: nowrap; }
div.slot { border: 1px solid #444; padding: .2em .4em; margin: 0 0 .3em;
  break-inside: avoid; page-break-inside: avoid; }
div.slot.closed, div.slot.blocked { border-style: dashed; }
div.slot.full { border-width: 2px; }
div.slot .head { font-weight: bold; }
div.slot .seats { font-weight: normal; }
div.slot ul { margin: .15em 0 0; padding-left: 1.1em; }
div.slot li.off { color: #555; font-style: italic; }
span.note { font-style: italic; }
div.sections { column-count: 3; column-gap: 1.2em; }
div.sections section { break-inside: avoid; page-break-inside: avoid; }
div.sections h2 { margin-top: 0; padding-top: .6em; }
h2 { font-size: 12pt; margin: 1em 0 .3em; break-after: avoid; page-break-after: avoid; }
";

/// `print day`.
/// Errors: a date not understood (exit 5), `resource not found` (exit 4),
/// no catalog yet, the file cannot be written.
pub fn print(ctx: &Context, a: &PrintDayArgs) -> CliResult {
    let date = match a.date.as_ref().or(a.on.as_ref()) {
        Some(d) => ctx.date(d)?,
        None => ctx.today()?,
    };
    let location = ctx.location()?;
    let resource = a
        .resource
        .as_deref()
        .map(|r| ctx.store.find_resource(r))
        .transpose()?
        .map(|r| r.id);
    let query = SlotQuery {
        service: None,
        resource,
        from: date,
        days: 1,
        include_unavailable: true,
    };
    let mut slots = ctx.store.slots(&query, ctx.now)?;
    let bookings: Vec<Booking> = ctx
        .store
        .bookings_between(date, date, resource)?
        .into_iter()
        .map(|b| b.as_seen_at(ctx.now))
        .collect();
    count_past_seats(&mut slots, &bookings);
    let closures: Vec<ClosureEntry> = ctx
        .store
        .closures_on(date, date)?
        .into_iter()
        .filter(|c| resource.is_none() || c.resource_id.is_none() || c.resource_id == resource)
        .collect();
    let day = Day {
        date,
        slots,
        bookings,
        closures,
    };
    let look = Look {
        location: location.name,
        tz: location.time_zone,
        region: location.phone_region,
        now: ctx.now,
    };
    html::write_or_print(a.output.as_deref(), &page(&day, &look), "day sheet")
}

/// What the page shows: one day's slots (available or not), its bookings
/// (all statuses; lapsed holds are left out) and closures.
pub struct Day {
    pub date: NaiveDate,
    pub slots: Vec<Slot>,
    pub bookings: Vec<Booking>,
    pub closures: Vec<ClosureEntry>,
}

/// How it is shown: the location's name, zone and phone region, and the
/// instant it is printed (UTC).
pub struct Look {
    pub location: String,
    pub tz: Tz,
    pub region: String,
    pub now: DateTime<Utc>,
}

/// The page for `day`.
pub fn page(day: &Day, look: &Look) -> String {
    let title = format!(
        "{} · day sheet · {}",
        look.location,
        day.date.format("%A %d %B %Y")
    );
    let mut out = html::start(&title, STYLE);
    let shown: Vec<&Booking> = day
        .bookings
        .iter()
        .filter(|b| Arrival::of(b, look.now) != Arrival::Lapsed)
        .collect();
    let people: u32 = shown
        .iter()
        .filter(|b| b.status.took_seat())
        .map(|b| b.participants)
        .sum();
    let _ = writeln!(
        out,
        "<p class=\"counts\">printed {} · {} · {}, {} taken · times in {}</p>",
        local(look.now, look.tz),
        html::count(day.slots.len() as u64, "slot", "slots"),
        html::count(shown.len() as u64, "booking", "bookings"),
        html::count(people, "seat", "seats"),
        text(look.tz.name()),
    );
    for c in &day.closures {
        let _ = writeln!(
            out,
            "<p class=\"closed\">Closed: {}</p>",
            text(&closure_words(c))
        );
    }
    if day.slots.is_empty() && shown.is_empty() {
        out.push_str("<p class=\"empty\">No slots and no bookings on this day.</p>\n");
        out.push_str(html::END);
        return out;
    }
    if shown.is_empty() {
        out.push_str("<p class=\"empty\">No bookings on this day.</p>\n");
    }
    let resources = resources(day);
    if resources.len() <= COLUMNS {
        columns(&mut out, day, &resources, &shown, look);
    } else {
        sections(&mut out, day, &resources, &shown, look);
    }
    let placed = |b: &&Booking| {
        day.slots
            .iter()
            .any(|s| s.occurrence.slot_ref() == b.slot_ref())
    };
    let loose: Vec<&Booking> = shown.iter().copied().filter(|b| !placed(b)).collect();
    if !loose.is_empty() {
        // A booking whose time slot was retired or moved since: still due.
        out.push_str("<h2>Other bookings this day</h2>\n<div class=\"slot\"><ul>\n");
        for b in loose {
            let where_ = format!(
                "{}–{} {} with {}: ",
                clock(b.from, look.tz),
                clock(b.to, look.tz),
                b.service_name,
                b.resource_name
            );
            let _ = write!(out, "<li>{}", text(&where_));
            booking_item(&mut out, b, look);
        }
        out.push_str("</ul></div>\n");
    }
    out.push_str(html::END);
    out
}

/// The resources with a slot or a booking that day, by name.
fn resources(day: &Day) -> Vec<(ResourceId, String)> {
    let mut all: Vec<(ResourceId, String)> = day
        .slots
        .iter()
        .map(|s| (s.occurrence.resource_id, s.resource_name.clone()))
        .chain(
            day.bookings
                .iter()
                .map(|b| (b.resource_id, b.resource_name.clone())),
        )
        .collect();
    all.sort_by(|a, b| (&a.1, a.0).cmp(&(&b.1, b.0)));
    all.dedup_by_key(|r| r.0);
    all
}

/// Resources side by side: a row per start time, a cell per resource.
fn columns(
    out: &mut String,
    day: &Day,
    resources: &[(ResourceId, String)],
    shown: &[&Booking],
    look: &Look,
) {
    out.push_str("<table class=\"board\"><thead><tr><th class=\"time\">Time</th>");
    for (_, name) in resources {
        let _ = write!(out, "<th>{}</th>", text(name));
    }
    out.push_str("</tr></thead><tbody>\n");
    let mut starts: Vec<DateTime<Utc>> = day.slots.iter().map(|s| s.occurrence.from).collect();
    starts.sort();
    starts.dedup();
    for at in starts {
        let _ = write!(out, "<tr><td class=\"time\">{}</td>", clock(at, look.tz));
        for (id, _) in resources {
            out.push_str("<td>");
            for s in day
                .slots
                .iter()
                .filter(|s| s.occurrence.from == at && s.occurrence.resource_id == *id)
            {
                slot(out, s, shown, look);
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

/// One section per resource, its slots in time order, flowing down three
/// columns.
fn sections(
    out: &mut String,
    day: &Day,
    resources: &[(ResourceId, String)],
    shown: &[&Booking],
    look: &Look,
) {
    out.push_str("<div class=\"sections\">\n");
    for (id, name) in resources {
        let _ = writeln!(out, "<section><h2>{}</h2>", text(name));
        let mut mine: Vec<&Slot> = day
            .slots
            .iter()
            .filter(|s| s.occurrence.resource_id == *id)
            .collect();
        mine.sort_by_key(|s| s.occurrence.from);
        for s in mine {
            slot(out, s, shown, look);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</div>\n");
}

/// One slot: time, service, seats, why it cannot be booked, its bookings.
fn slot(out: &mut String, s: &Slot, shown: &[&Booking], look: &Look) {
    let o = &s.occurrence;
    let why = format!(" · {}", s.reason_text().unwrap_or_default());
    let (class, after) = match &s.unavailable {
        None => ("slot", format!(", {} free", s.free())),
        Some(Unavailable::Full) => ("slot full", ", full".to_owned()),
        Some(Unavailable::Past) if s.free() == 0 => ("slot full", ", full".to_owned()),
        Some(Unavailable::Past) => ("slot", String::new()),
        Some(Unavailable::Closed { .. }) => ("slot closed", why),
        Some(Unavailable::Blocked { .. }) => ("slot blocked", why),
    };
    let seats = format!("{}/{} taken{after}", s.taken, o.capacity);
    let _ = write!(
        out,
        "<div class=\"{class}\"><div class=\"head\">{}–{} {} <span class=\"seats\">· {}</span></div>",
        clock(o.from, look.tz),
        clock(o.to, look.tz),
        text(&s.service_name),
        text(&seats),
    );
    let here: Vec<&&Booking> = shown
        .iter()
        .filter(|b| b.slot_ref() == o.slot_ref())
        .collect();
    if !here.is_empty() {
        out.push_str("<ul>");
        for b in here {
            let off = !b.status.took_seat();
            out.push_str(if off { "<li class=\"off\">" } else { "<li>" });
            booking_item(out, b, look);
        }
        out.push_str("</ul>");
    }
    out.push_str("</div>\n");
}

/// A booking's line after its `<li>`: who, phone, seats, status, payment,
/// the message cut short; closes the `<li>`.
fn booking_item(out: &mut String, b: &Booking, look: &Look) {
    let who = match &b.customer {
        Some(c) if b.walk_in => format!("{} (walk-in)", c.name),
        Some(c) => c.name.clone(),
        None => "(no name yet)".to_owned(),
    };
    let _ = write!(out, "<b>{}</b>", text(&who));
    if let Some(phone) = b.customer.as_ref().and_then(|c| c.phone.as_deref()) {
        let _ = write!(out, " · {}", text(&display_phone(phone, &look.region)));
    }
    let status = match (b.status, b.hold_expires_at) {
        (BookingStatus::Held, Some(until))
            if until.with_timezone(&look.tz).date_naive() == b.date =>
        {
            format!("held until {}", clock(until, look.tz))
        }
        (BookingStatus::Held, Some(until)) => format!("held until {}", local(until, look.tz)),
        (status, _) => status.label().to_owned(),
    };
    let _ = write!(
        out,
        " · {} · {} · {}",
        html::count(b.participants, "seat", "seats"),
        status,
        text(&payment_words(b, false)),
    );
    if let Some(m) = b.message.as_deref().filter(|m| !m.trim().is_empty()) {
        let _ = write!(
            out,
            " · <span class=\"note\">“{}”</span>",
            text(&truncate(m, 60))
        );
    }
    let _ = writeln!(out, " <small>#{}</small></li>", b.id.0);
}
