//! iCalendar files (RFC 5545) as other calendars write them, read into
//! appointments: calcurse (no `UID`, no `DTSTAMP`, `DURATION` instead of
//! `DTEND`, floating local times, long lines unfolded), khal (`TZID` with
//! its `VTIMEZONE`), and common exports (`Z` times, all-day events,
//! `RRULE` with `EXDATE`, `RECURRENCE-ID` overrides). Parsed by the
//! `icalendar` crate, recurrences expanded by `rrule`. Pure.

use super::{ImportedBooking, RowRefusal, split_name};
use crate::domain::customer::CustomerInput;
use crate::domain::status::BookingStatus;
use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, Event, Property};
use std::collections::HashSet;

/// The most occurrences one recurring event may make in an import's
/// window; more is refused (an endless daily rule over years is a mistake,
/// not a therapist's diary).
pub const MOST_OCCURRENCES: usize = 5000;

/// Which occurrences an import takes: those that start in `[from, to)`
/// (either end open when `None`); a recurring event with no end of its
/// own is expanded up to `to`, else up to `horizon`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// Where an endless recurrence stops when `to` is open (the import's
    /// instant plus a year).
    pub horizon: DateTime<Utc>,
}

impl Window {
    fn takes(&self, at: DateTime<Utc>) -> bool {
        self.from.is_none_or(|f| at >= f) && self.to.is_none_or(|t| at < t)
    }
}

/// Undoes line folding (a line break followed by a space or tab) on the
/// bytes, before they are read as UTF-8: a fold may split a multi-byte
/// character.
fn unfold(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let fold = match bytes[i] {
            b'\r'
                if bytes.get(i + 1) == Some(&b'\n')
                    && matches!(bytes.get(i + 2), Some(b' ' | b'\t')) =>
            {
                3
            }
            b'\n' if matches!(bytes.get(i + 1), Some(b' ' | b'\t')) => 2,
            _ => 0,
        };
        if fold == 0 {
            out.push(bytes[i]);
            i += 1;
        } else {
            i += fold;
        }
    }
    out
}

/// The line (from 1) of each `BEGIN:VEVENT`, in order.
fn event_lines(bytes: &[u8]) -> Vec<u64> {
    bytes
        .split(|b| *b == b'\n')
        .enumerate()
        .filter(|(_, l)| l.trim_ascii().eq_ignore_ascii_case(b"BEGIN:VEVENT"))
        .map(|(i, _)| i as u64 + 1)
        .collect()
}

/// A zone named by a `TZID`: an IANA name (`Europe/London`), also at the
/// end of a path some calendars write (`/freeassociation.sourceforge.net/Europe/London`).
fn zone(tzid: &str) -> Option<Tz> {
    let t = tzid.trim().trim_matches('"');
    if let Ok(tz) = t.parse::<Tz>() {
        return Some(tz);
    }
    let parts: Vec<&str> = t.split('/').collect();
    (1..parts.len()).find_map(|i| parts[i..].join("/").parse::<Tz>().ok())
}

fn in_zone(tz: Tz, at: NaiveDateTime) -> Result<DateTime<Utc>, String> {
    match tz.from_local_datetime(&at) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Ok(t.with_timezone(&Utc)),
        LocalResult::None => Err(format!(
            "{} does not happen in {} (the clocks go forward then)",
            at.format("%Y-%m-%d %H:%M"),
            tz.name()
        )),
    }
}

/// A moment an event names, with the zone its local times repeat in.
#[derive(Debug, Clone, Copy)]
enum When {
    At(DateTime<Utc>, Tz),
    Day(NaiveDate),
}

fn when(value: DatePerhapsTime, local: Tz) -> Result<When, String> {
    Ok(match value {
        DatePerhapsTime::Date(d) => When::Day(d),
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(t)) => When::At(t, chrono_tz::UTC),
        DatePerhapsTime::DateTime(CalendarDateTime::Floating(t)) => {
            When::At(in_zone(local, t)?, local)
        }
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid }) => {
            let tz = zone(&tzid).ok_or_else(|| {
                format!(
                    "unknown time zone “{}”",
                    tzid.chars().take(60).collect::<String>()
                )
            })?;
            When::At(in_zone(tz, date_time)?, tz)
        }
    })
}

fn midnight(d: NaiveDate, tz: Tz) -> Result<DateTime<Utc>, String> {
    in_zone(tz, d.and_time(chrono::NaiveTime::MIN))
}

/// `DURATION` (`PT50M`, `P1D`, `P1W`); a negative or empty one is refused.
fn duration(text: &str) -> Result<Duration, String> {
    let bad = || {
        format!(
            "DURATION “{}” is not a length",
            text.chars().take(30).collect::<String>()
        )
    };
    let t = text.trim().trim_start_matches('+');
    if t.starts_with('-') {
        return Err(bad());
    }
    let std: std::time::Duration = iso8601::duration(t).map_err(|_| bad())?.into();
    Duration::from_std(std)
        .ok()
        .filter(|d| *d > Duration::zero())
        .ok_or_else(bad)
}

/// The name a summary gives, if it gives one: the words after its last
/// label or dash (`Session: Zoë Brontë`, `Massage — Zoë Brontë` as
/// slotdesk writes it, `Group – Dr Ümit Kaya`), or the whole summary, when
/// that part looks like a name (one to five words of letters, with
/// spaces, hyphens, apostrophes, dots or `&`; at most 80 characters).
pub fn name_in(summary: &str) -> Option<&str> {
    let tail = [" — ", " – ", " - ", ": "]
        .iter()
        .filter_map(|sep| summary.rfind(sep).map(|i| i + sep.len()))
        .max()
        .map_or(summary, |i| &summary[i..])
        .trim();
    let words = tail.split_whitespace().count();
    let plain = tail
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.' | '&'));
    (plain
        && (1..=5).contains(&words)
        && tail.chars().count() <= 80
        && tail.chars().any(char::is_alphabetic))
    .then_some(tail)
}

/// The person an event is for: its first `ATTENDEE` (`CN` and `mailto:`),
/// else the name its summary gives ([`name_in`]), with a phone from
/// `X-SLOTDESK-PHONE`; and whether the summary says more than the name
/// (then it is kept in the message). No person when neither names one.
fn person(e: &Event, summary: &str) -> (Option<CustomerInput>, bool) {
    let phone = e.property_value("X-SLOTDESK-PHONE").map(str::to_owned);
    let attendee = e.multi_properties().get("ATTENDEE").and_then(|a| a.first());
    // slotdesk's own export says exactly who.
    if let Some(first) = e.property_value("X-SLOTDESK-FIRST-NAME") {
        let email = attendee
            .and_then(|a| a.value().trim().strip_prefix("mailto:"))
            .map(str::to_owned);
        let last = e.property_value("X-SLOTDESK-LAST-NAME").unwrap_or_default();
        return (
            Some(CustomerInput {
                first_name: first.to_owned(),
                last_name: last.to_owned(),
                email,
                phone,
            }),
            false,
        );
    }
    if let Some(a) = attendee {
        let email = a
            .value()
            .trim()
            .strip_prefix("mailto:")
            .or_else(|| a.value().trim().strip_prefix("MAILTO:"))
            .map(str::to_owned)
            .filter(|m| !m.is_empty());
        let (first, last) = a
            .params()
            .get("CN")
            .map(|cn| split_name(cn.value().trim_matches('"')))
            .unwrap_or_default();
        if !first.is_empty() || email.is_some() {
            return (
                Some(CustomerInput {
                    first_name: first,
                    last_name: last,
                    email,
                    phone,
                }),
                !summary.is_empty(),
            );
        }
    }
    match name_in(summary) {
        Some(name) => {
            let (first_name, last_name) = split_name(name);
            (
                Some(CustomerInput {
                    first_name,
                    last_name,
                    email: None,
                    phone,
                }),
                name != summary,
            )
        }
        None => (None, !summary.is_empty()),
    }
}

fn status(e: &Event) -> Result<Option<BookingStatus>, String> {
    if let Some(s) = e.property_value("X-SLOTDESK-STATUS") {
        return BookingStatus::from_words(s).map(Some);
    }
    Ok(
        match e
            .property_value("STATUS")
            .map(|s| s.trim().to_ascii_uppercase())
        {
            Some(s) if s == "CANCELLED" => Some(BookingStatus::Cancelled),
            Some(s) if s == "TENTATIVE" => Some(BookingStatus::Pending),
            _ => None,
        },
    )
}

/// An occurrence: start, end (UTC), and whether it is all day.
type Occurrence = (DateTime<Utc>, DateTime<Utc>, bool);

/// One event's occurrences.
fn occurrences(e: &Event, local: Tz, window: Window) -> Result<Vec<Occurrence>, String> {
    let start = when(e.get_start().ok_or("no DTSTART")?, local)?;
    let (from, zone_of, all_day) = match start {
        When::At(t, tz) => (t, tz, false),
        When::Day(d) => (midnight(d, local)?, local, true),
    };
    let to = match (e.get_end(), e.property_value("DURATION")) {
        (Some(end), _) => match when(end, local)? {
            When::At(t, _) => t,
            When::Day(d) => midnight(d, local)?,
        },
        (None, Some(d)) => from + duration(d)?,
        (None, None) if all_day => from + Duration::days(1),
        (None, None) => return Err("no DTEND or DURATION".into()),
    };
    if to <= from {
        return Err("it ends before it starts".into());
    }
    let length = to - from;
    let Some(rule) = e.property_value("RRULE") else {
        return Ok(vec![(from, to, all_day)]);
    };
    let tz: rrule::Tz = zone_of.into();
    let start_local = from.with_timezone(&tz);
    let mut set = until_in_utc(rule, zone_of)
        .parse::<rrule::RRule<rrule::Unvalidated>>()
        .and_then(|r| r.build(start_local))
        .map_err(|err| format!("RRULE: {err}"))?;
    for p in e.multi_properties().get("EXDATE").into_iter().flatten() {
        for t in dates_of(p, local)? {
            set = set.exdate(t.with_timezone(&tz));
        }
    }
    for p in e.multi_properties().get("RDATE").into_iter().flatten() {
        for t in dates_of(p, local)? {
            set = set.rdate(t.with_timezone(&tz));
        }
    }
    let mut out = Vec::new();
    for t in &set {
        let t = t.with_timezone(&Utc);
        if t >= window.to.unwrap_or(window.horizon) {
            break;
        }
        if !window.takes(t) {
            continue;
        }
        if out.len() == MOST_OCCURRENCES {
            return Err(format!(
                "it repeats more than {MOST_OCCURRENCES} times in the import's window: give --to"
            ));
        }
        out.push((t, t + length, all_day));
    }
    Ok(out)
}

/// `rule` with a local `UNTIL` (calcurse writes floating ones; some write a
/// date) made the UTC instant RFC 5545 asks for beside a zoned start: a
/// date until its last second, in `tz`.
fn until_in_utc(rule: &str, tz: Tz) -> String {
    rule.split(';')
        .map(|part| {
            let Some(value) = part
                .strip_prefix("UNTIL=")
                .or_else(|| part.strip_prefix("until="))
            else {
                return part.to_owned();
            };
            if value.ends_with('Z') {
                return part.to_owned();
            }
            let local = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S")
                .ok()
                .or_else(|| {
                    NaiveDate::parse_from_str(value, "%Y%m%d")
                        .ok()
                        .and_then(|d| d.and_hms_opt(23, 59, 59))
                });
            match local.and_then(|t| in_zone(tz, t).ok()) {
                Some(t) => format!("UNTIL={}", t.format("%Y%m%dT%H%M%SZ")),
                None => part.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// The instants of an `EXDATE`/`RDATE` (a comma list, in its `TZID`, as
/// dates, floating or `Z`).
fn dates_of(p: &Property, local: Tz) -> Result<Vec<DateTime<Utc>>, String> {
    let tz = match p.params().get("TZID") {
        Some(id) => {
            zone(id.value()).ok_or_else(|| format!("unknown time zone “{}”", id.value()))?
        }
        None => local,
    };
    p.value()
        .split(',')
        .map(|v| {
            let v = v.trim();
            if let Some(z) = v.strip_suffix('Z') {
                NaiveDateTime::parse_from_str(z, "%Y%m%dT%H%M%S")
                    .map(|t| t.and_utc())
                    .map_err(|_| format!("EXDATE “{v}”"))
            } else if let Ok(t) = NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S") {
                in_zone(tz, t)
            } else {
                NaiveDate::parse_from_str(v, "%Y%m%d")
                    .map_err(|_| format!("EXDATE “{v}”"))
                    .and_then(|d| midnight(d, tz))
            }
        })
        .collect()
}

fn recurrence_id(e: &Event, local: Tz) -> Option<DateTime<Utc>> {
    match when(e.get_recurrence_id()?, local).ok()? {
        When::At(t, _) => Some(t),
        When::Day(d) => midnight(d, local).ok(),
    }
}

/// The appointments in iCalendar `bytes`, one per event occurrence, in
/// file order, local times read in `local` (the location's zone), each
/// with its event's line; an event that cannot be read is one refusal
/// with its line. Errors (the whole file): not UTF-8, not iCalendar, no
/// `VEVENT`.
pub fn read(
    bytes: &[u8],
    local: Tz,
    window: Window,
) -> Result<Vec<Result<ImportedBooking, RowRefusal>>, String> {
    let lines = event_lines(bytes);
    let text = String::from_utf8(unfold(bytes)).map_err(|e| {
        format!(
            "the file is not UTF-8 text (at byte {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    if !text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_uppercase()
        .starts_with("BEGIN:VCALENDAR")
    {
        return Err("the file is not iCalendar: it does not begin with BEGIN:VCALENDAR".into());
    }
    let calendar: icalendar::Calendar =
        text.trim_start_matches('\u{feff}')
            .parse()
            .map_err(|e: String| {
                format!(
                    "the file is not iCalendar: {}",
                    e.lines().next().unwrap_or_default()
                )
            })?;
    let events: Vec<&Event> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    if events.is_empty() {
        return Err("the file has no events (VEVENT)".into());
    }
    // Occurrences that an event of their own replaces (RECURRENCE-ID).
    let replaced: HashSet<(String, i64)> = events
        .iter()
        .filter_map(|e| {
            Some((
                e.get_uid()?.to_owned(),
                recurrence_id(e, local)?.timestamp(),
            ))
        })
        .collect();
    let mut out = Vec::new();
    for (k, e) in events.iter().enumerate() {
        let line = lines.get(k).copied().unwrap_or(0);
        let refuse = |reason: String| RowRefusal { line, reason };
        let summary = e.get_summary().unwrap_or_default().trim().to_owned();
        let occurrences = match occurrences(e, local, window) {
            Ok(o) => o,
            Err(reason) => {
                out.push(Err(refuse(reason)));
                continue;
            }
        };
        let status = match status(e) {
            Ok(s) => s,
            Err(reason) => {
                out.push(Err(refuse(reason)));
                continue;
            }
        };
        let (person, summary_says_more) = person(e, &summary);
        // slotdesk's own DESCRIPTION is made from the booking; its message
        // alone is X-SLOTDESK-MESSAGE.
        let ours = e.property_value("X-SLOTDESK-STATUS").is_some();
        let description = if ours {
            e.property_value("X-SLOTDESK-MESSAGE")
        } else {
            e.get_description()
        }
        .map(str::trim)
        .filter(|d| !d.is_empty());
        let message = match (summary_says_more, description) {
            (true, Some(d)) => Some(format!("{summary}\n{d}")),
            (true, None) => Some(summary.clone()),
            (false, d) => d.map(str::to_owned),
        };
        let participants = match e
            .property_value("X-SLOTDESK-PARTICIPANTS")
            .map(|p| p.trim().parse::<u32>())
        {
            None => 1,
            Some(Ok(p)) if p >= 1 => p,
            Some(_) => {
                out.push(Err(refuse(
                    "X-SLOTDESK-PARTICIPANTS is not a number from 1".into(),
                )));
                continue;
            }
        };
        let uid = e.get_uid().map(str::trim).filter(|u| !u.is_empty());
        let own_recurrence = recurrence_id(e, local);
        let recurring = e.property_value("RRULE").is_some();
        for (from, to, all_day) in occurrences {
            if !recurring && !window.takes(from) {
                continue;
            }
            if recurring
                && uid.is_some_and(|u| replaced.contains(&(u.to_owned(), from.timestamp())))
            {
                continue;
            }
            let key = match (uid, own_recurrence) {
                (Some(u), Some(r)) => format!("ics:{u}@{}", r.timestamp()),
                (Some(u), None) if recurring => format!("ics:{u}@{}", from.timestamp()),
                (Some(u), None) => format!("ics:{u}"),
                (None, _) => format!("ics:{}/{}/{summary}", from.timestamp(), to.timestamp()),
            };
            out.push(Ok(ImportedBooking {
                line,
                key,
                from,
                to,
                all_day,
                person: person.clone(),
                participants,
                status,
                message: message.clone(),
                service: e.property_value("X-SLOTDESK-SERVICE").map(str::to_owned),
                resource: e.property_value("X-SLOTDESK-RESOURCE").map(str::to_owned),
                title: summary.clone(),
                payment: None,
                cancel_reason: None,
            }));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
