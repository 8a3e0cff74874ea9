//! Bookings as other programs read them (`slotdesk export`): one iCalendar
//! (RFC 5545) VEVENT per booking, written by the `icalendar` crate (it
//! escapes and folds), with a stable UID; the booking object's JSON field
//! names as CSV columns; which bookings an export leaves out. Pure: the
//! store streams the bookings, the command line writes the text.

use super::booking::{Booking, CustomerSummary};
use super::ids::BookingId;
use super::money::format_amount;
use super::status::{BookingStatus, PaymentStatus};
use super::text::is_control;
use icalendar::{Calendar, Component, EventLike, EventStatus};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The line that ends a calendar, after the last event (CRLF-terminated).
pub const ICS_END: &str = "END:VCALENDAR\r\n";

/// The location's part of every UID: its name in lower case, letters and
/// digits kept, every other run of characters one `-` (`Harbour Physio &
/// Pilates` → `harbour-physio-pilates`); `location` when nothing is left.
pub fn location_key(name: &str) -> String {
    let mut key = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with('-') {
            key.push('-');
        }
    }
    let key = key.trim_end_matches('-');
    if key.is_empty() {
        "location".to_owned()
    } else {
        key.to_owned()
    }
}

/// The UID of booking `id` in every export: `booking-ID@LOCATION_KEY.slotdesk`
/// (see [`location_key`]), the same on every re-export of the database so a
/// calendar client updates the event instead of adding a second one. The
/// one place a UID is made.
pub fn booking_uid(id: BookingId, location_key: &str) -> String {
    format!("booking-{}@{location_key}.slotdesk", id.0)
}

/// The iCalendar STATUS of a booking in `status`: a visit that is on or
/// took place (`confirmed`, `checked_in`, `completed`, `no_show`) is
/// CONFIRMED; one not yet settled (`held`, `requested`, `pending`) is
/// TENTATIVE; one that will not happen (`cancelled`, `declined`,
/// `expired`) is CANCELLED.
pub fn ics_status(status: BookingStatus) -> EventStatus {
    use BookingStatus as S;
    match status {
        S::Confirmed | S::CheckedIn | S::Completed | S::NoShow => EventStatus::Confirmed,
        S::Held | S::Requested | S::Pending => EventStatus::Tentative,
        S::Cancelled | S::Declined | S::Expired => EventStatus::Cancelled,
    }
}

/// Whether `booking` is a lapsed hold, left out of an export unless its
/// status is asked for: expired, or cancelled before anyone was named on
/// it (the desk's list hides the same).
pub fn is_lapsed(booking: &Booking) -> bool {
    match booking.status {
        BookingStatus::Expired => true,
        BookingStatus::Cancelled => booking.customer.is_none(),
        _ => false,
    }
}

/// Which statuses an export keeps: exactly those given, or (none given)
/// every booking but lapsed holds ([`is_lapsed`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusFilter(pub Vec<BookingStatus>);

impl StatusFilter {
    /// Whether `booking`, as it stands now, is exported.
    pub fn keeps(&self, booking: &Booking) -> bool {
        if self.0.is_empty() {
            !is_lapsed(booking)
        } else {
            self.0.contains(&booking.status)
        }
    }
}

/// `text` as a calendar's TEXT may hold it: a CR LF or lone CR becomes a
/// line break, a tab stays, any other control character
/// ([`is_control`]) becomes U+FFFD. Escaping and folding are the crate's.
fn calendar_text(text: &str) -> Cow<'_, str> {
    let bad = |c: char| c != '\n' && c != '\t' && is_control(c);
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    Cow::Owned(
        text.chars()
            .map(|c| if bad(c) { '\u{fffd}' } else { c })
            .collect(),
    )
}

/// The event's title: `Service — First Last`, or `Service — hold` before
/// anyone is named on it.
pub fn summary(booking: &Booking) -> String {
    let who = booking
        .customer
        .as_ref()
        .map_or("hold", |c| c.name.as_str());
    format!("{} — {who}", booking.service_name)
}

/// The event's notes, one item a line: the status word and participants
/// (with tier counts), the customer's phone and email, the message, each
/// answer as `Name: value`, the add-ons, the payment, and `slotdesk
/// booking #ID` to find it again.
pub fn description(booking: &Booking) -> String {
    let mut lines = Vec::new();
    let mut seats = format!("{} · {} participant", booking.status, booking.participants);
    if booking.participants != 1 {
        seats.push('s');
    }
    if !booking.choices.is_empty() {
        let tiers: Vec<String> = booking
            .choices
            .iter()
            .map(|c| format!("{} × {}", c.count, c.name))
            .collect();
        seats = format!("{seats} ({})", tiers.join(", "));
    }
    lines.push(seats);
    if let Some(c) = &booking.customer {
        if let Some(phone) = &c.phone {
            lines.push(format!("phone: {phone}"));
        }
        if let Some(email) = &c.email {
            lines.push(format!("email: {email}"));
        }
    }
    if let Some(message) = booking.message.as_deref().filter(|m| !m.trim().is_empty()) {
        lines.push(format!("message: {message}"));
    }
    for answer in &booking.answers {
        lines.push(format!("{}: {}", answer.name, answer.value));
    }
    if !booking.add_ons.is_empty() {
        let names: Vec<&str> = booking.add_ons.iter().map(|a| a.name.as_str()).collect();
        lines.push(format!("add-ons: {}", names.join(", ")));
    }
    let pay = &booking.payment;
    let mut payment = format!("payment: {}", pay.status.as_str());
    if let (PaymentStatus::Paid | PaymentStatus::Refunded, Some(amount)) = (pay.status, pay.amount)
    {
        payment = format!(
            "{payment} {} {}",
            format_amount(amount, &pay.currency),
            pay.currency
        );
        if let Some(method) = pay.method {
            payment = format!("{payment} ({})", method.as_str());
        }
    }
    lines.push(payment);
    lines.push(format!("slotdesk booking #{}", booking.id.0));
    lines.join("\n")
}

/// The opening of a calendar named `name` (X-WR-CALNAME), up to its first
/// event: VERSION, PRODID, CALSCALE. Times in it are UTC, so it needs no
/// VTIMEZONE. Follow with [`ics_event`]s and [`ICS_END`].
pub fn ics_start(name: &str) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//slotdesk//slotdesk export//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .name(&calendar_text(name));
    let text = refold(&calendar.to_string());
    match text.strip_suffix(ICS_END) {
        Some(start) => start.to_owned(),
        None => text,
    }
}

/// `booking` as one VEVENT (CRLF lines, folded at 75 octets, text
/// escaped): UID ([`booking_uid`]), DTSTAMP and LAST-MODIFIED its
/// `updated_at` (an unchanged booking exports byte for byte the same),
/// CREATED, DTSTART/DTEND in UTC, SUMMARY ([`summary`]), LOCATION the
/// resource, STATUS ([`ics_status`]), DESCRIPTION ([`description`]).
///
/// For `slotdesk import` (and any program that wants them) it also writes
/// what the standard properties cannot hold exactly: `X-SLOTDESK-SERVICE`,
/// `X-SLOTDESK-RESOURCE`, `X-SLOTDESK-STATUS` (the status word),
/// `X-SLOTDESK-PARTICIPANTS`, the customer as `X-SLOTDESK-FIRST-NAME`,
/// `X-SLOTDESK-LAST-NAME`, `X-SLOTDESK-PHONE` (E.164) and an `ATTENDEE`
/// (`CN` and `mailto:`) when they have an email, and the message alone as
/// `X-SLOTDESK-MESSAGE`. Calendar programs ignore `X-` properties.
pub fn ics_event(booking: &Booking, location_key: &str) -> String {
    refold(&crate_event(booking, location_key))
}

/// The VEVENT as the icalendar crate writes it: escaped and folded, but a
/// folded line's last piece can be 76 octets (its leading space not
/// counted), so [`ics_event`] folds again.
fn crate_event(booking: &Booking, location_key: &str) -> String {
    let mut event = icalendar::Event::new();
    event
        .uid(&booking_uid(booking.id, location_key))
        .timestamp(booking.updated_at)
        .last_modified(booking.updated_at)
        .created(booking.created_at)
        .starts(booking.from)
        .ends(booking.to)
        .summary(&calendar_text(&summary(booking)))
        .location(&calendar_text(&booking.resource_name))
        .status(ics_status(booking.status))
        .description(&calendar_text(&description(booking)))
        .add_property("X-SLOTDESK-SERVICE", calendar_text(&booking.service_name))
        .add_property("X-SLOTDESK-RESOURCE", calendar_text(&booking.resource_name))
        .add_property("X-SLOTDESK-STATUS", booking.status.as_str())
        .add_property("X-SLOTDESK-PARTICIPANTS", booking.participants.to_string());
    if let Some(c) = &booking.customer {
        event
            .add_property("X-SLOTDESK-FIRST-NAME", calendar_text(&c.first_name))
            .add_property("X-SLOTDESK-LAST-NAME", calendar_text(&c.last_name));
        if let Some(phone) = &c.phone {
            event.add_property("X-SLOTDESK-PHONE", phone.as_str());
        }
        if let Some(email) = &c.email {
            event.append_multi_property(
                icalendar::Property::new("ATTENDEE", format!("mailto:{email}"))
                    .add_parameter("CN", &calendar_text(&c.name))
                    .done(),
            );
        }
    }
    if let Some(m) = &booking.message {
        event.add_property("X-SLOTDESK-MESSAGE", calendar_text(m));
    }
    event.done().to_string()
}

/// `text` (CRLF content lines, some folded) with every line unfolded and
/// folded again at 75 octets at most, a continuation's leading space
/// counted (RFC 5545 §3.1), never inside a UTF-8 character.
fn refold(text: &str) -> String {
    const LIMIT: usize = 75;
    if text.split("\r\n").all(|l| l.len() <= LIMIT) {
        return text.to_owned();
    }
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    for line in unfolded.split_inclusive("\r\n") {
        let (mut rest, end) = match line.strip_suffix("\r\n") {
            Some(l) => (l, "\r\n"),
            None => (line, ""),
        };
        let mut room = LIMIT;
        while rest.len() > room {
            let mut cut = room;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            room = LIMIT - 1;
        }
        out.push_str(rest);
        out.push_str(end);
    }
    out
}

/// The CSV columns of a booking: the JSON field names of `booking --json`,
/// nested objects' fields joined with dots (`customer.first_name`,
/// `payment.status`), `id` first and the rest in name order. Lists
/// (`answers`, `add_ons`, `choices`) are one column each.
pub fn csv_columns() -> Vec<String> {
    let mut columns: Vec<String> = flat(&serde_json::to_value(sample()).unwrap_or_default())
        .into_keys()
        .collect();
    columns.sort_by_key(|c| (c != "id", c.clone()));
    columns
}

/// `booking`'s cells under `columns` ([`csv_columns`]): text as it is,
/// numbers and `true`/`false` as written in JSON, a list as its JSON text,
/// an empty cell for an absent value (a hold's `customer.*`).
pub fn csv_row(booking: &Booking, columns: &[String]) -> Vec<String> {
    cells(&serde_json::to_value(booking).unwrap_or_default(), columns)
}

/// The cells of `value` under `columns` (dotted paths), each looked up in
/// place.
fn cells<S: AsRef<str>>(value: &Value, columns: &[S]) -> Vec<String> {
    columns
        .iter()
        .map(|c| {
            let pointer = format!("/{}", c.as_ref().replace('.', "/"));
            value.pointer(&pointer).map_or_else(String::new, cell)
        })
        .collect()
}

/// The customers export's columns, in order.
pub const CUSTOMER_COLUMNS: [&str; 7] = [
    "id",
    "first_name",
    "last_name",
    "email",
    "phone",
    "created_at",
    "updated_at",
];

/// `customer`'s cells under [`CUSTOMER_COLUMNS`]: the phone in E.164, the
/// instants in RFC 3339 UTC as the JSON writes them.
pub fn customer_row(customer: &CustomerSummary) -> Vec<String> {
    cells(
        &serde_json::to_value(customer).unwrap_or_default(),
        &CUSTOMER_COLUMNS,
    )
}

/// One CSV cell of a JSON value.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `value`'s leaves by dotted path; lists are leaves.
fn flat(value: &Value) -> BTreeMap<String, Value> {
    fn walk(prefix: &str, value: &Value, out: &mut BTreeMap<String, Value>) {
        match value {
            Value::Object(fields) => {
                for (name, v) in fields {
                    let path = if prefix.is_empty() {
                        name.clone()
                    } else {
                        format!("{prefix}.{name}")
                    };
                    walk(&path, v, out);
                }
            }
            leaf => {
                out.insert(prefix.to_owned(), leaf.clone());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk("", value, &mut out);
    out
}

#[path = "export_sample.rs"]
mod sample_booking;
use sample_booking::sample;

#[cfg(test)]
#[path = "export_tests.rs"]
mod tests;
