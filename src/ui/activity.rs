//! The activity screen: the event log, newest first, each event with its
//! time, kind, subject and a summary read from its data. Pure.

use super::{boxes, fit, hints, money, table, theme};
use crate::app::AppState;
use crate::app::action::Action;
use crate::app::keymap::Context;
use crate::app::screens::activity::ACTIVITY_ROWS;
use crate::domain::journal::Subject;
use crate::domain::{
    BookingStatus, Change, Event, EventData, EventFilter, EventKind, PaymentStatus, display_phone,
};
use chrono_tz::Tz;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};
use serde_json::Value;

/// `Activity`, with what it is narrowed to: `Activity · booking #12 · by
/// Dana Reception`.
fn title(filter: &EventFilter) -> String {
    let mut parts = vec!["Activity".to_owned()];
    parts.extend(filter.booking.map(|id| format!("booking #{id}")));
    parts.extend(filter.customer.map(|id| format!("customer #{id}")));
    parts.extend(filter.staff.as_ref().map(|name| format!("by {name}")));
    parts.join(" · ")
}

/// Draws the activity log into `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let log = &state.activity;
    let noun = if log.events.len() == 1 {
        "event"
    } else {
        "events"
    };
    // The list stops at ACTIVITY_ROWS: say so rather than pass it off as all.
    let count = if log.events.len() >= ACTIVITY_ROWS {
        format!(" the latest {} events · b c s narrow ", log.events.len())
    } else {
        format!(" {} {noun}, newest first ", log.events.len())
    };
    let block = boxes::framed(&title(&log.filter)).title_bottom(boxes::footnote(count));
    let inner = boxes::draw(frame, area, block);
    let [hint, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let mut actions = vec![
        Action::Open,
        Action::FilterBooking,
        Action::FilterCustomer,
        Action::FilterStaff,
    ];
    if !log.filter.is_empty() {
        actions.push(Action::Back);
    }
    let keys = hints::for_actions(state, Context::Activity, &actions);
    frame.render_widget(hints::line(&keys), hint);
    if log.events.is_empty() {
        let note = if log.loaded && !log.filter.is_empty() {
            "no events match"
        } else if log.loaded {
            "nothing has happened yet"
        } else {
            "loading…"
        };
        frame.render_widget(boxes::note(note), body);
        return;
    }
    let wide = body.width >= 100;
    let tz = state.tz();
    // People's words: `booking checked in`; narrow, a booking's kind
    // without its subject (`checked in`).
    let kind_text = |kind: EventKind| {
        if wide || kind.subject() != Subject::Booking {
            kind.words()
        } else {
            kind.verb()
        }
    };
    let longest_kind = log
        .events
        .iter()
        .map(|e| fit::width(&kind_text(e.kind)) as u16)
        .max()
        .unwrap_or(5);
    let (time_w, subject_w) = if wide { (16, 13) } else { (12, 7) };
    let by_w = if wide { 12 } else { 6 };
    let kind_w = longest_kind.clamp(5, if wide { 21 } else { 16 });
    let summary_w = body
        .width
        .saturating_sub(2 + time_w + by_w + kind_w + subject_w + 4);
    let rows = log.events.iter().map(|e| {
        let time = if wide {
            "%a %d %b %H:%M"
        } else {
            "%d %b %H:%M"
        };
        let kind = kind_text(e.kind);
        Row::new(vec![
            Cell::from(Span::styled(
                e.at.with_timezone(&tz).format(time).to_string(),
                theme::DIM,
            )),
            Cell::from(Span::styled(fit::truncate(&by(e), by_w.into()), theme::DIM)),
            Cell::from(Span::styled(
                fit::truncate(&kind, kind_w.into()),
                kind_style(e),
            )),
            Cell::from(subject(e, wide)),
            Cell::from(fit::truncate(
                &summary(e, tz, state.phone_region(), wide),
                summary_w.into(),
            )),
        ])
    });
    let widths = [time_w, by_w, kind_w, subject_w, summary_w].map(Constraint::Length);
    let header = Row::new(["When", "By", "Event", "Subject", "Summary"]);
    let rows = Table::new(rows, widths);
    table::render(frame, body, header, rows, log.selected, log.events.len());
}

/// Who made a change: the staff member, else where it came from (`desk`,
/// `cli`, `import`), else `—` for events older than the journal's origin.
pub fn by(e: &Event) -> String {
    match (&e.staff, e.origin) {
        (Some(name), _) => name.clone(),
        (None, Some(origin)) => origin.as_str().to_owned(),
        (None, None) => "—".to_owned(),
    }
}

/// A changed field for people: `message “a” → “b”`, `last_name Doe →
/// Doe-Smith`; a nested object (customer, payment) only by name.
pub fn change_text(c: &Change) -> String {
    let value = |v: &Value| match v {
        Value::Null => "—".to_owned(),
        Value::String(s) => s.clone(),
        Value::Object(_) | Value::Array(_) => "…".to_owned(),
        other => other.to_string(),
    };
    let field = c.field.replace('_', " ");
    if matches!(c.after, Value::Object(_) | Value::Array(_)) {
        return format!("{field} changed");
    }
    format!("{field} {} → {}", value(&c.before), value(&c.after))
}

/// Colours an event by the booking status (or payment) it leads to, as the
/// lists colour that status: `confirmed` green, `hold extended` like a hold,
/// `created` in the status the booking was created in; a deleted booking is
/// dimmed like a cancelled one; other events plain.
pub fn kind_style(e: &Event) -> Style {
    let status = match e.kind {
        EventKind::BookingPaid => return theme::payment(PaymentStatus::Paid),
        EventKind::BookingRefunded => return theme::payment(PaymentStatus::Refunded),
        EventKind::BookingHoldExtended => Some(BookingStatus::Held),
        EventKind::BookingDeleted => Some(BookingStatus::Cancelled),
        EventKind::BookingCreated => e.data.booking().map(|b| b.status),
        kind => kind.status_after(),
    };
    status.map_or_else(Style::new, theme::status)
}

fn subject(e: &Event, wide: bool) -> String {
    match (e.booking_id, e.customer_id) {
        (Some(b), _) if wide => format!("booking #{b}"),
        (Some(b), _) => format!("#{b}"),
        (None, Some(c)) if wide => format!("customer #{c}"),
        (None, Some(c)) => format!("c#{c}"),
        (None, None) => e.kind.as_str().split('.').next().unwrap_or("").to_owned(),
    }
}

/// `Ada Lovelace · Mon 23 Nov 10:00 · Sports massage · confirmed` for a
/// booking (the status where the kind does not say it, the amount of a
/// payment, a cancel's reason); name and contact for a customer; the counts
/// for a catalog; phones as [`display_phone`] writes them for `region`.
/// `wide` writes the slot's weekday.
pub fn summary(e: &Event, tz: Tz, region: &str, wide: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    match &e.data {
        EventData::Booking(change) => {
            let b = &change.booking;
            parts.push(
                b.customer
                    .as_ref()
                    .map_or_else(|| "—".to_owned(), |c| c.name.clone()),
            );
            // Why a manager forced it, in their words, before it is cut.
            parts.extend(change.note.as_ref().map(|n| format!("“{n}”")));
            let format = if wide {
                "%a %d %b %H:%M"
            } else {
                "%d %b %H:%M"
            };
            parts.push(b.from.with_timezone(&tz).format(format).to_string());
            parts.push(b.service_name.clone());
            if e.kind.status_after() != Some(b.status) {
                parts.push(b.status.label().to_owned());
            }
            if matches!(e.kind, EventKind::BookingPaid | EventKind::BookingRefunded) {
                parts.extend(
                    b.payment
                        .amount
                        .map(|amount| money::amount(amount, &b.payment.currency)),
                );
                parts.extend(b.payment.method.map(|m| m.as_str().to_owned()));
            }
            if e.kind == EventKind::BookingCancelled {
                parts.extend(b.cancel_reason.as_ref().map(|r| format!("“{r}”")));
            }

            // An edit says what it changed.
            if e.kind == EventKind::BookingUpdated {
                parts.extend(e.changes.iter().map(change_text));
            }
        }
        EventData::Customer(c) if !e.changes.is_empty() => {
            parts.push(c.name.clone());
            parts.extend(e.changes.iter().map(change_text));
        }
        EventData::Customer(c) => {
            parts.push(c.name.clone());
            parts.extend(c.email.clone());
            parts.extend(c.phone.as_deref().map(|p| display_phone(p, region)));
        }
        EventData::Unreadable(_) => parts.push("—".to_owned()),
        EventData::Staff(s) => parts.push(format!("{} ({})", s.name, s.role)),
        EventData::Waitlist(w) => {
            parts.push(w.customer.name.clone());
            parts.extend(
                w.customer
                    .phone
                    .as_deref()
                    .map(|p| display_phone(p, region)),
            );
            let format = if wide {
                "%a %d %b %H:%M"
            } else {
                "%d %b %H:%M"
            };
            parts.push(w.from.with_timezone(&tz).format(format).to_string());
            parts.push(w.service_name.clone());
            if e.kind == EventKind::WaitlistLeft {
                parts.push(w.status.as_str().to_owned());
            }
        }
        EventData::Closure(c) => {
            parts.push(
                c.resource_name
                    .clone()
                    .unwrap_or_else(|| "whole location".to_owned()),
            );
            parts.push(c.when());
            parts.push(format!("“{}”", c.reason));
        }
        EventData::Takings(t) => {
            parts.push(t.date.format("%a %d %b %Y").to_string());
            parts.extend(
                t.totals
                    .iter()
                    .map(|total| format!("{} net", money::amount(total.net, &total.currency))),
            );
        }
        EventData::Catalog(changes) => {
            parts.push(format!("{} added", changes.added));
            parts.push(format!("{} updated", changes.updated));
            parts.push(format!("{} retired", changes.retired));
        }
    }
    parts.join(" · ")
}
