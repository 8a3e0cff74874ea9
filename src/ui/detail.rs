//! The booking detail overlay: slot, customer, answers, add-ons, payment and
//! the booking's event history, with the keys of the booking actions. Pure.

use super::activity::{by, kind_style};
use super::hints::{self, Hint};
use super::{boxes, fit, money, theme};
use crate::app::AppState;
use crate::app::action::Action;
use crate::app::keymap::Context;
use crate::app::overlays::detail::DetailState;
use crate::app::overlays::form::STEPS;
use crate::app::screens::board::countdown;
use crate::domain::wall_clock;
use crate::domain::{Booking, BookingStatus, Event, PaymentStatus, Transition, display_phone};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

const LABEL: usize = 13;
/// Width of the history column: `13 Nov 19:12  hold extended · desk`.
const HISTORY: u16 = 34;

/// Draws the open booking's detail over `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, open: &DetailState) {
    let Some((booking, events)) = &open.loaded else {
        let at = fit::centered(area, 30, 5);
        frame.render_widget(Clear, at);
        boxes::with_note(frame, at, boxes::overlay("Booking"), "loading…");
        return;
    };
    let width = area.width.saturating_sub(2).min(100);
    let content = width.saturating_sub(4);
    let hint = hints::lines(&action_keys(state, booking), content);
    let history = history_lines(events, state);
    let two_columns = content >= 70;
    let facts_width = if two_columns {
        content.saturating_sub(HISTORY + 2)
    } else {
        content
    };
    let mut facts = fact_lines(booking, state, facts_width.into());
    let body_height = if two_columns {
        facts.len().max(history.len())
    } else {
        facts.len() + 1 + history.len()
    };
    let height = (body_height + 1 + hint.len() + 2) as u16;
    let at = fit::centered(area, width, height.min(area.height));
    frame.render_widget(Clear, at);
    let status = theme::status_span(booking.status);
    let block = boxes::overlay(&format!("Booking #{}", booking.id)).title(Span::styled(
        format!(" {} ", status.content),
        status.style.add_modifier(Modifier::BOLD),
    ));
    let inner = boxes::draw(frame, at, block);
    let [body, _, hint_area] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(hint.len() as u16),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(hint), hint_area);
    if two_columns {
        let [left, _, right] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(2),
            Constraint::Length(HISTORY),
        ])
        .areas(body);
        frame.render_widget(Paragraph::new(facts), left);
        frame.render_widget(Paragraph::new(history), right);
    } else {
        facts.push(Line::raw(""));
        facts.extend(history);
        frame.render_widget(Paragraph::new(facts), body);
    }
}

/// The `Detail` table's keys for what `b`'s status allows: `x release` on
/// a hold, `+ extend` only there, `R refund` once paid, and the manager's
/// delete and force always.
fn action_keys(state: &AppState, b: &Booking) -> Vec<Hint> {
    let held = b.status == BookingStatus::Held;
    let can = |t: Transition| b.status.apply(t).is_ok();
    let ctx = Context::Detail;
    let mut actions = Vec::new();
    if can(Transition::Confirm) {
        actions.push(Action::Confirm);
    }
    if can(Transition::Cancel) {
        actions.push(Action::Cancel);
    }
    if b.status.holds_capacity() {
        actions.push(Action::EditBooking);
    }
    if b.status.can_move() {
        actions.push(Action::MoveBooking);
    }
    actions.extend([Action::EditCustomer, Action::RecordPayment]);
    if STEPS.iter().any(|(t, _)| can(*t)) {
        actions.push(Action::CheckIn);
    }
    if held {
        actions.push(Action::ExtendHold);
    }
    if b.payment.status == PaymentStatus::Paid {
        actions.push(Action::Refund);
    }
    actions.extend([Action::ForceStatus, Action::Delete, Action::Back]);
    actions
        .into_iter()
        .filter_map(|a| match a {
            Action::Cancel if held => hints::worded(state, ctx, a, "release"),
            _ => hints::of(state, ctx, a),
        })
        .collect()
}

/// `label  value`, the value wrapped under itself.
fn fact(
    lines: &mut Vec<Line<'static>>,
    label: &str,
    value: &str,
    value_style: Style,
    width: usize,
) {
    for (i, chunk) in fit::wrap(value, width.saturating_sub(LABEL))
        .into_iter()
        .enumerate()
    {
        let head = if i == 0 { label } else { "" };
        lines.push(Line::from(vec![
            Span::styled(format!("{head:<LABEL$}"), theme::DIM),
            Span::styled(chunk, value_style),
        ]));
    }
}

fn fact_lines(b: &Booking, state: &AppState, width: usize) -> Vec<Line<'static>> {
    let tz = state.tz();
    let plain = Style::new();
    let mut lines = Vec::new();
    let slot = format!(
        "{} · {}",
        b.date.format("%a %d %b %Y"),
        wall_clock::clock_range(b.from, b.to, tz)
    );
    fact(&mut lines, "Slot", &slot, theme::TITLE, width);
    fact(&mut lines, "Service", &b.service_name, plain, width);
    fact(&mut lines, "Resource", &b.resource_name, plain, width);
    fact(
        &mut lines,
        "Participants",
        &b.participants.to_string(),
        plain,
        width,
    );
    if let (BookingStatus::Held, Some(until)) = (b.status, b.hold_expires_at) {
        let text = if until > state.now {
            format!(
                "expires in {} (at {})",
                countdown(until, state.now),
                until.with_timezone(&tz).format("%H:%M:%S")
            )
        } else {
            "lapsed".to_owned()
        };
        fact(&mut lines, "Hold", &text, theme::status(b.status), width);
    }
    match &b.customer {
        Some(c) => {
            fact(&mut lines, "Customer", &c.name, theme::TITLE, width);
            let phone = c
                .phone
                .as_deref()
                .map(|p| display_phone(p, state.phone_region()));
            for contact in [c.email.as_deref(), phone.as_deref()].into_iter().flatten() {
                fact(&mut lines, "", contact, plain, width);
            }
        }
        None => fact(&mut lines, "Customer", "no customer yet", theme::DIM, width),
    }
    if let Some(message) = &b.message {
        fact(
            &mut lines,
            "Message",
            message,
            Style::new().add_modifier(Modifier::ITALIC),
            width,
        );
    }
    for (i, a) in b.answers.iter().enumerate() {
        let label = if i == 0 { "Answers" } else { "" };
        fact(
            &mut lines,
            label,
            &format!("{}: {}", a.name, a.value),
            plain,
            width,
        );
    }
    let currency = &b.payment.currency;
    for (i, a) in b.add_ons.iter().enumerate() {
        let label = if i == 0 { "Add-ons" } else { "" };
        let text = format!("{} {}", a.name, money::amount(a.price, currency));
        fact(&mut lines, label, &text, plain, width);
    }
    let p = &b.payment;
    let mut pay = vec![p.status.as_str().to_owned()];
    pay.extend(p.amount.map(|a| money::amount(a, currency)));
    pay.extend(p.method.map(|m| m.as_str().to_owned()));
    pay.extend(p.reference.as_ref().map(|r| format!("ref {r}")));
    fact(
        &mut lines,
        "Payment",
        &pay.join(" · "),
        theme::payment(p.status),
        width,
    );
    if let Some(reason) = &b.cancel_reason {
        fact(&mut lines, "Reason", reason, theme::ERROR, width);
    }
    let created = b
        .created_at
        .with_timezone(&tz)
        .format("%d %b %Y %H:%M")
        .to_string();
    fact(&mut lines, "Created", &created, theme::DIM, width);
    lines
}

/// The booking's events, oldest first: `23 Nov 09:12  confirmed`.
fn history_lines(events: &[Event], state: &AppState) -> Vec<Line<'static>> {
    let tz = state.tz();
    let mut sorted: Vec<&Event> = events.iter().collect();
    sorted.sort_by_key(|e| (e.at, e.id));
    let mut lines = vec![Line::styled("History", theme::TITLE)];
    if sorted.is_empty() {
        lines.push(Line::styled("no events", theme::DIM));
    }
    for e in sorted {
        lines.push(Line::from(vec![
            Span::styled(
                e.at.with_timezone(&tz).format("%d %b %H:%M  ").to_string(),
                theme::DIM,
            ),
            Span::styled(e.kind.verb(), kind_style(e)),
            Span::styled(format!(" · {}", by(e)), theme::DIM),
        ]));
    }
    lines
}
