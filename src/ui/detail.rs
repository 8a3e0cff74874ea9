//! The booking detail overlay: the short facts (slot, service, customer,
//! payment, answers, add-ons) beside the booking's event history, then its
//! message across the box, wrapped; with the keys of the booking actions.
//! Taller than the screen, it scrolls, with a scrollbar and where it is.
//! Pure.

use super::activity::{by, kind_style};
use super::hints::{self, Hint};
use super::{boxes, fit, money, theme};
use crate::app::AppState;
use crate::app::action::Action;
use crate::app::keymap::Context;
use crate::app::overlays::detail::DetailState;
use crate::app::overlays::form::STEPS;
use crate::app::overlays::scroll::ScrollRoom;
use crate::app::screens::board::countdown;
use crate::domain::wall_clock;
use crate::domain::{
    Booking, BookingStatus, Event, PaymentStatus, SeriesPlace, SlotRef, Transition, display_phone,
};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout as Split, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

const LABEL: usize = 13;
/// Width of the history column: `13 Nov 19:12  hold extended · desk`.
const HISTORY: u16 = 34;

/// The detail's box over `area` and what it shows.
struct Layout {
    /// The box.
    at: Rect,
    /// The key hints under the body.
    hint: Vec<Line<'static>>,
    /// Every line of the body: facts and history, then the message.
    body: Vec<Line<'static>>,
    /// How many body lines show at once.
    visible: usize,
}

fn layout(area: Rect, state: &AppState, booking: &Booking, events: &[Event]) -> Layout {
    let width = area.width.saturating_sub(2).min(100);
    let content = width.saturating_sub(4);
    let hint = hints::lines(&action_keys(state, booking), content);
    let body = body_lines(booking, events, state, content.into());
    let height = (body.len() + 1 + hint.len() + 2) as u16;
    let at = fit::centered(area, width, height.min(area.height));
    let visible = usize::from(at.height.saturating_sub(2)).saturating_sub(1 + hint.len());
    Layout {
        at,
        hint,
        body,
        visible,
    }
}

/// The body: the facts beside the history when there is room (else above
/// it), then the message across the whole width, wrapped, so a long one
/// never hides the answers and the payment.
fn body_lines(
    b: &Booking,
    events: &[Event],
    state: &AppState,
    content: usize,
) -> Vec<Line<'static>> {
    let history = history_lines(events, state);
    let two_columns = content >= 70;
    let facts_width = if two_columns {
        content.saturating_sub(usize::from(HISTORY) + 2)
    } else {
        content
    };
    let facts = fact_lines(b, state, facts_width);
    let mut lines = if two_columns {
        side_by_side(facts, history, facts_width + 2)
    } else {
        let mut lines = facts;
        lines.push(Line::raw(""));
        lines.extend(history);
        lines
    };
    if let Some(message) = &b.message {
        lines.push(Line::raw(""));
        fact(
            &mut lines,
            "Message",
            message,
            Style::new().add_modifier(Modifier::ITALIC),
            content,
        );
    }
    lines
}

/// `left` and `right` as one list of lines, `right` from column `at`.
fn side_by_side(
    left: Vec<Line<'static>>,
    right: Vec<Line<'static>>,
    at: usize,
) -> Vec<Line<'static>> {
    let rows = left.len().max(right.len());
    let mut left = left.into_iter();
    let mut right = right.into_iter();
    (0..rows)
        .map(|_| {
            let mut spans = left.next().map(|l| l.spans).unwrap_or_default();
            let used: usize = spans.iter().map(Span::width).sum();
            spans.push(Span::raw(" ".repeat(at.saturating_sub(used))));
            spans.extend(right.next().map(|l| l.spans).unwrap_or_default());
            Line::from(spans)
        })
        .collect()
}

/// How far the open booking's detail scrolls over `area`; `None` while it
/// loads.
pub fn scroll_room(area: Rect, state: &AppState, open: &DetailState) -> Option<ScrollRoom> {
    let (booking, events) = open.loaded.as_ref()?;
    let l = layout(area, state, booking, events);
    Some(ScrollRoom {
        max: l.body.len().saturating_sub(l.visible),
        page: l.visible.max(1),
    })
}

/// The box's footnote while it scrolls: which way there is more, and where.
fn position(state: &AppState, first: usize, shown: usize, total: usize) -> String {
    let key = |a| hints::key(state, Context::Detail, a).unwrap_or_default();
    let last = (first + shown).min(total);
    let more = match (first > 0, last < total) {
        (false, true) => format!("{} more", key(Action::MoveDown)),
        (true, true) => format!("{}{} more", key(Action::MoveUp), key(Action::MoveDown)),
        _ => format!("{} back up", key(Action::MoveUp)),
    };
    format!(" {more} · {}–{last} of {total} ", first + 1)
}

/// Draws the open booking's detail over `area`, from its body's line
/// `open.scroll.offset` (kept within the body).
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, open: &DetailState) {
    let Some((booking, events)) = &open.loaded else {
        let at = fit::centered(area, 30, 5);
        frame.render_widget(Clear, at);
        boxes::with_note(frame, at, boxes::overlay("Booking"), "loading…");
        return;
    };
    let l = layout(area, state, booking, events);
    frame.render_widget(Clear, l.at);
    let status = theme::status_span(booking.status);
    let mut block = boxes::overlay(&format!("Booking #{}", booking.id)).title(Span::styled(
        format!(" {} ", status.content),
        status.style.add_modifier(Modifier::BOLD),
    ));
    let max = l.body.len().saturating_sub(l.visible);
    let first = open.scroll.offset.min(max);
    if max > 0 {
        block = block.title_bottom(boxes::footnote(position(
            state,
            first,
            l.visible,
            l.body.len(),
        )));
    }
    let inner = boxes::draw(frame, l.at, block);
    let [body, _, hint_area] = Split::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(l.hint.len() as u16),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(l.hint), hint_area);
    let shown: Vec<Line> = l.body.into_iter().skip(first).take(l.visible).collect();
    frame.render_widget(Paragraph::new(shown), body);
    if max > 0 {
        boxes::scrollbar(frame, l.at, max, first, l.visible);
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
        if b.series_place.is_some_and(SeriesPlace::has_later_weeks) {
            actions.push(Action::MoveFollowing);
        }
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

/// For a course's booking: every session of the course (the booking
/// holds a seat in each), this one marked.
fn course_facts(lines: &mut Vec<Line<'static>>, b: &Booking, state: &AppState, width: usize) {
    let slot = SlotRef {
        time_slot_id: b.time_slot_id,
        date: b.date,
    };
    let Some(course) = state.course(b.service_id) else {
        return;
    };
    for (i, s) in course.sessions.iter().enumerate() {
        let mark = if s.slot_ref() == slot { "▸" } else { "·" };
        let text = format!(
            "{mark} {} {}–{}",
            s.date.format("%a %d %b %Y"),
            s.starts_local.format("%H:%M"),
            s.ends_local.format("%H:%M")
        );
        let label = if i == 0 { "Sessions" } else { "" };
        fact(lines, label, &text, Style::new(), width);
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
    if let (Some(series), Some(place)) = (b.series_id, b.series_place) {
        let every = match place.kind.every_weeks() {
            Some(2) => " · every 2 weeks",
            Some(_) => " · weekly",
            None => "",
        };
        let text = format!(
            "{} {} of {}{every} (series {series})",
            place.kind.unit(),
            place.position,
            place.of
        );
        let label = match place.kind {
            crate::domain::SeriesKind::Course => "Course",
            crate::domain::SeriesKind::Weekly { .. } => "Series",
        };
        fact(&mut lines, label, &text, plain, width);
    }
    fact(&mut lines, "Service", &b.service_name, plain, width);
    course_facts(&mut lines, b, state, width);
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
        if let Some(e) = crate::app::waitlist::offer_of(state, b.id) {
            let text = format!(
                "the waitlist's offer to {} (entry {}): call them; confirming accepts",
                e.customer.name, e.id
            );
            fact(&mut lines, "Offer", &text, theme::HELD, width);
        }
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
    let currency = &b.payment.currency;
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
    if let Some(o) = b.payment_option {
        fact(&mut lines, "Pays by", o.as_str(), plain, width);
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
    for (i, c) in b.choices.iter().enumerate() {
        let label = if i == 0 { "Choices" } else { "" };
        let text = format!(
            "{} × {} at {}",
            c.count,
            c.name,
            money::amount(c.price, currency)
        );
        fact(&mut lines, label, &text, plain, width);
    }
    for (i, a) in b.add_ons.iter().enumerate() {
        let label = if i == 0 { "Add-ons" } else { "" };
        let text = format!("{} {}", a.name, money::amount(a.price, currency));
        fact(&mut lines, label, &text, plain, width);
    }
    if let Some(reason) = b.cancel_reason.as_ref().or(b.decline_reason.as_ref()) {
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
