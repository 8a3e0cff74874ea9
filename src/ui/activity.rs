//! The activity screen: the event log, newest first, each event with its
//! time, kind, subject and a summary read from its data. Pure.

use super::bookings::style::{self, DIM, HEADING, SELECTED};
use crate::app::AppState;
use crate::app::action::Action;
use crate::app::keymap::Context;
use crate::store::Event;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, HighlightSpacing, Paragraph, Row, Table, TableState};
use serde_json::Value;

/// Draws the activity log into `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let log = &state.activity;
    let noun = if log.events.len() == 1 {
        "event"
    } else {
        "events"
    };
    let block = style::framed("Activity").title_bottom(
        Line::styled(format!(" {} {noun}, newest first ", log.events.len()), DIM).right_aligned(),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [hint, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let keys = style::action_hints(state, Context::Activity, &[(Action::Open, "open booking")]);
    frame.render_widget(Paragraph::new(style::hints(&keys)), hint);
    if log.events.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled("nothing has happened yet", DIM)).centered(),
            body,
        );
        return;
    }
    let wide = body.width >= 100;
    let tz = state.tz();
    let kind_text = |kind: &str| {
        if wide {
            kind.to_owned()
        } else {
            kind.trim_start_matches("booking.").to_owned()
        }
    };
    let longest_kind = log
        .events
        .iter()
        .map(|e| kind_text(&e.kind).chars().count() as u16)
        .max()
        .unwrap_or(5);
    let (time_w, subject_w) = if wide { (16, 13) } else { (12, 7) };
    let kind_w = longest_kind.clamp(5, if wide { 21 } else { 16 });
    let summary_w = body
        .width
        .saturating_sub(2 + time_w + kind_w + subject_w + 3);
    let rows = log.events.iter().map(|e| {
        let time = if wide {
            "%a %d %b %H:%M"
        } else {
            "%d %b %H:%M"
        };
        let kind = kind_text(&e.kind);
        Row::new(vec![
            Cell::from(Span::styled(
                e.at.with_timezone(&tz).format(time).to_string(),
                DIM,
            )),
            Cell::from(Span::styled(
                style::fit(&kind, kind_w.into()),
                kind_style(&e.kind),
            )),
            Cell::from(subject(e, wide)),
            Cell::from(style::fit(&summary(e, tz, wide), summary_w.into())),
        ])
    });
    let widths = [time_w, kind_w, subject_w, summary_w].map(Constraint::Length);
    let header = Row::new(["When", "Event", "Subject", "Summary"]).style(HEADING);
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(SELECTED)
        .highlight_symbol("▌ ")
        .highlight_spacing(HighlightSpacing::Always);
    let selected = log.selected.min(log.events.len().saturating_sub(1));
    let mut table_state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, body, &mut table_state);
}

/// Colours an event kind by what happened to the booking.
pub fn kind_style(kind: &str) -> Style {
    match kind.rsplit('.').next().unwrap_or(kind) {
        "created" | "confirmed" | "paid" | "completed" => Style::new().fg(Color::Green),
        "cancelled" | "declined" | "no_show" | "deleted" => Style::new().fg(Color::LightRed),
        "expired" => DIM,
        "checked_in" => Style::new().fg(Color::Cyan),
        "refunded" | "hold_extended" => Style::new().fg(Color::Magenta),
        _ => Style::new().fg(Color::Yellow),
    }
}

fn subject(e: &Event, wide: bool) -> String {
    match (e.booking_id, e.customer_id) {
        (Some(b), _) if wide => format!("booking #{b}"),
        (Some(b), _) => format!("#{b}"),
        (None, Some(c)) if wide => format!("customer #{c}"),
        (None, Some(c)) => format!("c#{c}"),
        (None, None) => e.kind.split('.').next().unwrap_or("").to_owned(),
    }
}

/// `Ada Lovelace · Mon 23 Nov 10:00 · Sports massage · confirmed` for a
/// booking (the status where the kind does not say it, the amount of a
/// payment, a cancel's reason); name and contact for a customer; the counts
/// for a catalog. `wide` writes the slot's weekday.
pub fn summary(e: &Event, tz: Tz, wide: bool) -> String {
    let d = &e.data;
    let text = |v: &Value| v.as_str().map(str::to_owned);
    let mut parts: Vec<String> = Vec::new();
    if e.booking_id.is_some() {
        parts.push(text(&d["customer"]["name"]).unwrap_or_else(|| "—".to_owned()));
        if let Some(from) = text(&d["from"]).and_then(|s| s.parse::<DateTime<Utc>>().ok()) {
            let format = if wide {
                "%a %d %b %H:%M"
            } else {
                "%d %b %H:%M"
            };
            parts.push(from.with_timezone(&tz).format(format).to_string());
        }
        parts.extend(text(&d["service_name"]));
        let status = text(&d["status"]).unwrap_or_default();
        if !e.kind.ends_with(&status) {
            parts.push(status.replace('_', " "));
        }
        if e.kind.ends_with("paid") || e.kind.ends_with("refunded") {
            let currency = text(&d["payment"]["currency"]).unwrap_or_default();
            if let Some(amount) = d["payment"]["amount"].as_i64() {
                parts.push(style::money(amount, &currency));
            }
            parts.extend(text(&d["payment"]["method"]));
        }
        if e.kind.ends_with("cancelled") {
            parts.extend(text(&d["cancel_reason"]).map(|r| format!("“{r}”")));
        }
    } else if e.customer_id.is_some() {
        parts.extend(text(&d["name"]));
        parts.extend(text(&d["email"]));
        parts.extend(text(&d["phone"]));
    } else if let Some(obj) = d.as_object() {
        parts.extend(
            obj.iter()
                .filter_map(|(k, v)| v.as_u64().map(|n| format!("{n} {k}"))),
        );
    }
    parts.join(" · ")
}
