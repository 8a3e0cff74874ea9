//! The Today screen: the day's counts on top (expected, arrived, late,
//! no-show, walk-ins), who is next on each resource, then the run sheet —
//! time, resource, who, service, seats, arrival state, payment — the next
//! per resource marked `▸`, late in red, done and cancelled dim. Pure.

use super::service_labels::{ServiceLabels, without_note};
use super::{boxes, fit, money, table, theme};
use crate::app::AppState;
use crate::app::action::Action;
use crate::app::keymap::Context;
use crate::app::waitlist;
use crate::domain::run_sheet::{Arrival, RunSheet, SheetRow};
use crate::domain::wall_clock;
use crate::domain::{PaymentStatus, display_phone};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

/// Draws the run sheet into `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let t = &state.today_sheet;
    let title = format!("Today · {}", state.today().format("%a %d %b %Y"));
    let Some(sheet) = t.sheet(state.now) else {
        boxes::with_note(frame, area, boxes::framed(&title), "loading…");
        return;
    };
    let mut block = boxes::framed(&title);
    if sheet.hidden > 0 {
        let key = super::hints::key(state, Context::Today, Action::ToggleLapsedHolds)
            .map(|k| format!(" ({k} shows)"))
            .unwrap_or_default();
        block = block.title_bottom(boxes::footnote(format!(
            " {} lapsed hold{} hidden{key} ",
            sheet.hidden,
            if sheet.hidden == 1 { "" } else { "s" }
        )));
    }
    let inner = boxes::draw(frame, area, block);
    // A tall screen gives the takings two lines: the methods and the net,
    // then the sign-off.
    let two = inner.height >= 30;
    let closed = u16::from(!sheet.closures.is_empty());
    let [counts, next, closures, body, till] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(closed),
        Constraint::Fill(1),
        Constraint::Length(if two { 2 } else { 1 }),
    ])
    .areas(inner);
    if closed > 0 {
        let text = sheet
            .closures
            .iter()
            .map(crate::domain::run_sheet::closure_words)
            .collect::<Vec<_>>()
            .join(" · ");
        let line = Line::from(vec![
            Span::styled("closed: ", theme::FIELD_WARNING),
            Span::raw(fit::truncate(
                &text,
                usize::from(closures.width).saturating_sub(9),
            )),
        ]);
        frame.render_widget(Paragraph::new(line), closures);
    }
    frame.render_widget(Paragraph::new(takings_lines(state, till.width, two)), till);
    frame.render_widget(Paragraph::new(counts_line(state, &sheet)), counts);
    frame.render_widget(Paragraph::new(next_line(state, &sheet, next.width)), next);
    if sheet.rows.is_empty() {
        let [_, line] = Layout::vertical([Constraint::Length(1); 2]).areas(body);
        frame.render_widget(boxes::note("no bookings today"), line);
        return;
    }
    let wide = body.width >= WIDE;
    let time_w = sheet
        .rows
        .iter()
        .map(|r| fit::width(&time_text(r.booking.from, r.booking.to, wide, state.tz())))
        .max()
        .unwrap_or(0);
    let cols = Columns::new(body.width, u16::try_from(time_w).unwrap_or(u16::MAX));
    let labels = ServiceLabels::new(state);
    let rows = sheet.rows.iter().map(|r| row(state, &labels, r, cols));
    let header = if cols.wide {
        Row::new([
            "Time", "Resource", "Who", "Phone", "Service", "Pax", "State", "Payment",
        ])
    } else {
        Row::new(["Time", "Resource", "Who", "Service", "State"])
    };
    let count = sheet.rows.len();
    table::render(
        frame,
        body,
        header,
        Table::new(rows, cols.widths()),
        t.selected,
        count,
    );
}

/// The sheet's column widths in cells for a body `width` wide: the
/// fixed ones, and who and service sharing the rest.
#[derive(Debug, Clone, Copy)]
struct Columns {
    /// Room for the end time, the phone, the seats and the payment.
    wide: bool,
    /// The times' (wider on a daylight-saving day).
    time: u16,
    who: u16,
    service: u16,
}

/// From this body width the sheet has its wide columns.
const WIDE: u16 = 100;

impl Columns {
    /// Resource, state (and when wide: phone, seats, payment).
    const FIXED_WIDE: [u16; 5] = [14, 14, 3, 11, 8];
    const FIXED_NARROW: [u16; 2] = [8, 11];

    /// The columns for a body `width` wide whose longest time is `time_w`.
    fn new(width: u16, time_w: u16) -> Self {
        let wide = width >= WIDE;
        let (time, fixed, gaps) = if wide {
            (time_w.max(11), Self::FIXED_WIDE.iter().sum::<u16>(), 7)
        } else {
            (time_w.max(5), Self::FIXED_NARROW.iter().sum::<u16>(), 4)
        };
        // Two cells for the selection mark.
        let rest = u32::from(width.saturating_sub(time + fixed + gaps + 2));
        let who = u16::try_from(rest * 11 / 20).unwrap_or(0);
        Self {
            wide,
            time,
            who,
            service: u16::try_from(rest).unwrap_or(0).saturating_sub(who),
        }
    }

    fn widths(self) -> Vec<Constraint> {
        let l = Constraint::Length;
        if self.wide {
            let [resource, phone, pax, state, paid] = Self::FIXED_WIDE;
            vec![
                l(self.time),
                l(resource),
                l(self.who),
                l(phone),
                l(self.service),
                l(pax),
                l(state),
                l(paid),
            ]
        } else {
            let [resource, state] = Self::FIXED_NARROW;
            vec![
                l(self.time),
                l(resource),
                l(self.who),
                l(self.service),
                l(state),
            ]
        }
    }
}

/// `12 expected · 5 arrived · 1 late · 1 no-show · 2 walk-ins · only Priya`.
fn counts_line(state: &AppState, sheet: &RunSheet) -> Line<'static> {
    let c = sheet.counts;
    let part = |n: u32, word: &str, style: Style| {
        let style = if n == 0 { theme::DIM } else { style };
        [
            Span::styled(
                n.to_string(),
                style.add_modifier(ratatui::style::Modifier::BOLD),
            ),
            Span::styled(format!(" {word}"), style),
            Span::styled(" · ", theme::DIM),
        ]
    };
    let mut spans: Vec<Span> = Vec::new();
    spans.extend(part(c.expected, "expected", Style::new()));
    spans.extend(part(c.arrived, "arrived", theme::INFO));
    spans.extend(part(c.late, "late", theme::ERROR));
    spans.extend(part(c.no_show, "no-show", theme::FIELD_WARNING));
    let walk = if c.walk_ins == 1 {
        "walk-in"
    } else {
        "walk-ins"
    };
    spans.extend(part(c.walk_ins, walk, Style::new()));
    spans.pop();
    if let Some(r) = state.today_sheet.filter.resource {
        let name = state
            .catalog
            .as_ref()
            .and_then(|c| c.resources.iter().find(|x| x.id == r))
            .map_or_else(|| format!("resource {r}"), |x| x.name.clone());
        spans.push(Span::styled(format!(" · only {name}"), theme::KEY));
    }
    Line::from(spans)
}

/// `takings: cash £55.00 (1) · card £120.00 (2) · net £175.00 · not
/// signed off (T)`, cut to `width`; on `two` lines the sign-off goes on the
/// second, so the methods always show.
fn takings_lines(state: &AppState, width: u16, two: bool) -> Vec<Line<'static>> {
    let Some(t) = state.takings.as_ref().filter(|t| t.date == state.today()) else {
        return vec![Line::styled("takings: loading…", theme::DIM)];
    };
    let methods: Vec<String> = t
        .by_method
        .iter()
        .map(|m| {
            let refunds = if m.refunds > 0 {
                format!(", −{}", money::amount(m.refunded, &m.currency))
            } else {
                String::new()
            };
            format!(
                "{} {} ({}{refunds})",
                m.method.as_str(),
                money::amount(m.taken, &m.currency),
                m.payments
            )
        })
        .collect();
    let mut totals: Vec<String> = t
        .totals
        .iter()
        .map(|c| format!("net {}", money::amount(c.net, &c.currency)))
        .collect();
    if totals.is_empty() {
        totals.push("nothing taken yet".to_owned());
    }
    let key = super::hints::key(state, Context::Today, Action::SignOffTakings);
    let (signed, style) = match &t.signed_off {
        Some(s) if t.signed_off_as_it_stands() => (
            format!(
                "signed off {}{}",
                wall_clock::clock(s.at, state.tz()),
                s.staff
                    .as_ref()
                    .map_or(String::new(), |n| format!(" by {n}"))
            ),
            theme::INFO,
        ),
        Some(_) => (
            format!(
                "money moved since the sign-off{}",
                key.as_ref()
                    .map_or(String::new(), |k| format!(" ({k} signs off again)"))
            ),
            theme::FIELD_WARNING,
        ),
        None => (
            format!(
                "not signed off{}",
                key.as_ref()
                    .map_or(String::new(), |k| format!(" ({k}, manager)"))
            ),
            theme::DIM,
        ),
    };
    if two {
        let room = usize::from(width).saturating_sub(fit::width("takings: "));
        let mut all = methods;
        all.extend(totals);
        return vec![
            Line::from(vec![
                Span::styled("takings: ", theme::DIM),
                Span::raw(fit::truncate(&all.join(" · "), room)),
            ]),
            Line::from(vec![
                Span::raw(" ".repeat(fit::width("takings: "))),
                Span::styled(fit::truncate(&signed, room), style),
            ]),
        ];
    }
    // The net and the sign-off matter most: the methods go first when
    // the line is short of room.
    let room = usize::from(width).saturating_sub(fit::width("takings: ") + fit::width(&signed));
    let with_methods = format!("{} · {} · ", methods.join(" · "), totals.join(" · "));
    let text = if !methods.is_empty() && fit::width(&with_methods) <= room {
        with_methods
    } else {
        fit::truncate(&format!("{} · ", totals.join(" · ")), room)
    };
    vec![Line::from(vec![
        Span::styled("takings: ", theme::DIM),
        Span::raw(text),
        Span::styled(signed, style),
    ])]
}

/// `next: Priya 10:30 Ada Lovelace · Studio 12:15 Mat Pilates (3)`, cut to
/// `width`.
fn next_line(state: &AppState, sheet: &RunSheet, width: u16) -> Line<'static> {
    let mut parts: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    for r in sheet.rows.iter().filter(|r| r.next) {
        let b = &r.booking;
        if seen.contains(&b.resource_id) {
            continue;
        }
        seen.push(b.resource_id);
        let same: Vec<&SheetRow> = sheet
            .rows
            .iter()
            .filter(|o| o.next && o.booking.slot_ref() == b.slot_ref())
            .collect();
        let people: u32 = same.iter().map(|o| o.booking.participants).sum();
        let who = if same.len() > 1 {
            format!("{} ({people} people)", b.service_name)
        } else {
            b.customer
                .as_ref()
                .map_or_else(|| b.service_name.clone(), |c| c.name.clone())
        };
        let at = wall_clock::clock(b.from, state.tz());
        parts.push(format!("{} {at} {who}", first_word(&b.resource_name)));
    }
    if parts.is_empty() {
        return Line::styled("nobody else due today", theme::DIM);
    }
    let text = fit::truncate(&parts.join(" · "), usize::from(width).saturating_sub(6));
    Line::from(vec![
        Span::styled("next: ", theme::DIM),
        Span::styled(text, theme::TITLE),
    ])
}

/// `Priya Sharma (physiotherapist)` → `Priya`.
fn first_word(name: &str) -> String {
    name.split_whitespace().next().unwrap_or(name).to_owned()
}

fn row(state: &AppState, labels: &ServiceLabels, r: &SheetRow, cols: Columns) -> Row<'static> {
    let b = &r.booking;
    let tz = state.tz();
    let time = time_text(b.from, b.to, cols.wide, tz);
    let mark = if r.next { "▸ " } else { "" };
    let who = fit::truncate(
        &format!("{mark}{}", r.who("(hold, no name yet)")),
        usize::from(cols.who),
    );
    let resource = if cols.wide {
        without_note(&b.resource_name).to_owned()
    } else {
        first_word(&b.resource_name)
    };
    let service = labels.label(b.service_id, &b.service_name, usize::from(cols.service));
    let mut cells = vec![Cell::from(time), Cell::from(resource), Cell::from(who)];
    if cols.wide {
        let phone = r.phone(|p| display_phone(p, state.phone_region()));
        cells.push(Cell::from(phone));
    }
    cells.push(Cell::from(service));
    if cols.wide {
        cells.push(Cell::from(b.participants.to_string()));
    }
    // An open waitlist offer is a hold the desk should be phoning about.
    let offer = waitlist::offer_of(state, b.id).and_then(|e| e.offer_expires_at);
    let (label, style) = match offer {
        Some(until) => {
            let left = (until - state.now).num_seconds().max(0);
            (
                format!("offer {:02}:{:02}", left / 60, left % 60),
                theme::HELD,
            )
        }
        None => (r.arrival.label().to_owned(), arrival_style(r.arrival)),
    };
    cells.push(Cell::from(Span::styled(label, style)));
    if cols.wide {
        let (paid, style) = match b.payment.status {
            PaymentStatus::Paid => ("paid", Style::new()),
            PaymentStatus::Refunded => ("refunded", Style::new()),
            PaymentStatus::Unpaid => ("unpaid", theme::DIM),
        };
        cells.push(Cell::from(Span::styled(paid, style)));
    }
    let row = Row::new(cells);
    match r.arrival {
        Arrival::Done | Arrival::Cancelled | Arrival::Lapsed => row.style(theme::DIM),
        _ => row,
    }
}

/// `09:00–09:45` (wide) or `09:00`; in the repeated hour of a
/// daylight-saving day each time names its zone (`01:00 BST–01:00 GMT`).
fn time_text(
    from: chrono::DateTime<chrono::Utc>,
    to: chrono::DateTime<chrono::Utc>,
    wide: bool,
    tz: chrono_tz::Tz,
) -> String {
    if wide {
        wall_clock::clock_range(from, to, tz)
    } else {
        wall_clock::clock(from, tz)
    }
}

fn arrival_style(a: Arrival) -> Style {
    match a {
        Arrival::Late => theme::ERROR,
        Arrival::NoShow | Arrival::Ended => theme::FIELD_WARNING,
        Arrival::Arrived | Arrival::InSession => theme::INFO,
        Arrival::Held | Arrival::Requested => theme::HELD,
        Arrival::Due => Style::new(),
        Arrival::Done | Arrival::Cancelled | Arrival::Lapsed => theme::DIM,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_repeated_hour_of_the_autumn_change_names_its_zones() {
        let london = chrono_tz::Europe::London;
        // Sunday 25 October 2026: 01:00 BST is 00:00 UTC, 01:00 GMT 01:00 UTC.
        let from = chrono::Utc.with_ymd_and_hms(2026, 10, 25, 0, 0, 0).unwrap();
        let to = chrono::Utc.with_ymd_and_hms(2026, 10, 25, 1, 0, 0).unwrap();
        assert_eq!(time_text(from, to, true, london), "01:00 BST–01:00 GMT");
        assert_eq!(time_text(from, to, false, london), "01:00 BST");
        let cols = Columns::new(118, 19);
        assert_eq!(cols.time, 19, "the column widens for it");
        assert!(
            Columns::new(u16::MAX, 11).who > 0,
            "no overflow on a huge width"
        );
    }
}
