//! The customers screen: the search box and the matching customers on the
//! left, the selected customer's details and booking history on the right.
//! Pure.

use super::service_labels::ServiceLabels;
use super::{boxes, fit, hints, line, table, theme};
use crate::app::AppState;
use crate::app::action::Action;
use crate::app::keymap::Context;
use crate::app::screens::customers::CustomersState;
use crate::domain::{Booking, CustomerMatch, display_phone};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

/// Draws the customers screen into `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let share = if area.width >= 110 { 52 } else { 40 };
    let [left, right] = Layout::horizontal([
        Constraint::Percentage(share),
        Constraint::Percentage(100 - share),
    ])
    .areas(area);
    render_list(frame, left, &state.customers, state.phone_region());
    render_customer(frame, right, state);
}

fn render_list(frame: &mut Frame, area: Rect, c: &CustomersState, region: &str) {
    let block = boxes::framed("Customers").title_bottom(boxes::footnote(count_note(c)));
    let inner = boxes::draw(frame, area, block);
    let [search, _, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let (line, caret) = search_line(c, search.width);
    frame.render_widget(Paragraph::new(line), search);
    if let Some(x) = caret.filter(|x| *x < search.width) {
        frame.set_cursor_position((search.x + x, search.y));
    }
    if c.rows.is_empty() {
        let note = match c.shown.as_deref() {
            None => "loading…".to_owned(),
            Some("") => "no customers yet".to_owned(),
            Some(search) => format!(
                "no customer matches “{}”",
                fit::truncate(search, usize::from(body.width).saturating_sub(24))
            ),
        };
        frame.render_widget(boxes::note(note), body);
        return;
    }
    let width = body.width.saturating_sub(2);
    let phone = 13;
    let email = width >= 50;
    let show_phone = width >= 34;
    let longest_email = c
        .rows
        .iter()
        .filter_map(|m| m.customer.email.as_ref())
        .map(|e| fit::width(e) as u16)
        .max()
        .unwrap_or(5);
    let email_w = if email {
        longest_email.clamp(5, width.saturating_sub(phone + 2 + 14).max(5))
    } else {
        0
    };
    let name = width
        .saturating_sub(if show_phone { phone + 1 } else { 0 })
        .saturating_sub(if email { email_w + 1 } else { 0 });
    let mut widths = vec![Constraint::Length(name)];
    let mut header = vec!["Name"];
    if email {
        widths.push(Constraint::Length(email_w));
        header.push("Email");
    }
    if show_phone {
        widths.push(Constraint::Length(phone));
        header.push("Phone");
    }

    let shown = table::visible(body, c.selected, c.rows.len());
    let rows = c.rows[shown.clone()].iter().map(|m| &m.customer).map(|x| {
        let mut cells = vec![Cell::from(fit::truncate(&x.name, name.into()))];
        if email {
            cells.push(optional(x.email.as_deref(), email_w));
        }
        if show_phone {
            let national = x.phone.as_deref().map(|p| display_phone(p, region));
            cells.push(optional(national.as_deref(), phone));
        }
        Row::new(cells)
    });
    let rows = Table::new(rows, widths);
    table::render(
        frame,
        body,
        Row::new(header),
        rows,
        c.selected - shown.start,
        shown.len(),
    );
}

/// How many are listed: ` 3 customers `, or ` first 500 · type to narrow `
/// when more match than are listed.
fn count_note(c: &CustomersState) -> String {
    if let Some(other) = &c.merging {
        return format!(" merge #{}: M on the keeper ", other.id);
    }
    let n = c.rows.len();
    match (c.shown.as_deref(), c.more) {
        (None, _) => String::new(),
        (Some(""), true) => format!(" first {n} by name · / to search "),
        (Some(_), true) => format!(" first {n} found · type more to narrow "),
        (Some(_), false) if n == 1 => " 1 customer ".to_owned(),
        (Some(_), false) => format!(" {n} customers "),
    }
}

fn optional(text: Option<&str>, width: u16) -> Cell<'static> {
    match text {
        Some(t) => Cell::from(fit::truncate(t, width.into())),
        None => Cell::from(Span::styled("—", theme::DIM)),
    }
}

/// `/ ada█  enter keep · esc clear` while typing (the search edited where
/// its cursor is, with the column the cursor is drawn in), the search or
/// its hint otherwise; the hint left out when there is no room for it.
fn search_line(c: &CustomersState, width: u16) -> (Line<'static>, Option<u16>) {
    let width = usize::from(width);
    let slash = Span::styled("/ ", theme::KEY);
    let search = c.search.value();
    if c.searching {
        let hint = "  enter keep · esc clear";
        let room = width.saturating_sub(2);
        // The box grows with the text, the hint beside it while both fit.
        let wanted = (fit::width(search) + 1).max(SEARCH_MIN);
        let (value_w, hint) = match room.checked_sub(fit::width(hint)) {
            Some(w) if w >= SEARCH_MIN => (wanted.min(w), Some(hint)),
            _ => (wanted.min(room), None),
        };
        let mut spans = vec![slash];
        spans.extend(line::editing_spans(search, c.search.cursor(), value_w));
        spans.extend(hint.map(|h| Span::styled(h, theme::DIM)));
        let caret = line::caret_column(search, c.search.cursor(), value_w) + 2;
        return (Line::from(spans), u16::try_from(caret).ok());
    }
    if search.is_empty() {
        let long = "search by name, email or phone";
        let hint = if fit::width(long) + 2 <= width {
            long
        } else {
            "search"
        };
        return (
            Line::from(vec![slash, Span::styled(hint, theme::DIM)]),
            None,
        );
    }
    let mut line = Line::from(vec![slash, Span::styled(search.to_owned(), theme::TITLE)]);
    let hint = "  / edit · esc clear";
    if line.width() + fit::width(hint) <= width {
        line.push_span(Span::styled(hint, theme::DIM));
    }
    (line, None)
}

/// The fewest cells the search box being typed in takes (and needs
/// beside its hint).
const SEARCH_MIN: usize = 16;

fn render_customer(frame: &mut Frame, area: Rect, state: &AppState) {
    let c = &state.customers;
    let Some(found) = c.selected_match() else {
        let block = boxes::framed("Customer");
        boxes::with_note(frame, area, block, "no customer selected");
        return;
    };
    let customer = &found.customer;
    let block = boxes::framed(&format!("Customer #{}", customer.id));
    let inner = boxes::draw(frame, area, block);
    let [card, heading, body, hint] = Layout::vertical([
        Constraint::Length(6),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(card_lines(found, state)), card);
    let history = c.selected_history();
    let count = history.map_or(0, <[_]>::len);
    let noun = if count == 1 { "booking" } else { "bookings" };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("History", theme::TITLE),
            Span::styled(format!(" · {count} {noun}, newest first"), theme::DIM),
        ])),
        heading,
    );
    render_history(frame, body, history, state);
    let merge_label = if c.merging.is_some() {
        "merge into this one"
    } else {
        "merge a duplicate"
    };
    let keys: Vec<_> = [
        hints::worded(
            state,
            Context::Customers,
            Action::EditCustomer,
            "edit customer",
        ),
        hints::worded(
            state,
            Context::Customers,
            Action::MergeCustomer,
            merge_label,
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    frame.render_widget(hints::line(&keys), hint);
}

fn card_lines(found: &CustomerMatch, state: &AppState) -> Vec<Line<'static>> {
    let c = &found.customer;
    let field = |label: &str, value: Option<&str>| {
        Line::from(vec![
            Span::styled(format!("{label:<7} "), theme::DIM),
            match value {
                Some(v) => Span::raw(v.to_owned()),
                None => Span::styled("—", theme::DIM),
            },
        ])
    };
    let since = c.created_at.with_timezone(&state.tz()).format("%d %b %Y");
    let last_visit = found
        .last_visit
        .map(|at| at.with_timezone(&state.tz()).format("%d %b %Y").to_string());
    vec![
        Line::styled(c.name.clone(), theme::TITLE),
        field("email", c.email.as_deref()),
        field(
            "phone",
            c.phone
                .as_deref()
                .map(|p| display_phone(p, state.phone_region()))
                .as_deref(),
        ),
        field("visited", last_visit.as_deref()),
        Line::styled(format!("customer since {since}"), theme::DIM),
    ]
}

/// The selected customer's bookings; `None` while they load (what was
/// loaded for someone else is never shown).
fn render_history(frame: &mut Frame, area: Rect, history: Option<&[Booking]>, state: &AppState) {
    let history = match history {
        None => {
            frame.render_widget(Line::styled("loading…", theme::DIM), area);
            return;
        }
        Some([]) => {
            frame.render_widget(Line::styled("no bookings yet", theme::DIM), area);
            return;
        }
        Some(history) => history,
    };
    let tz = state.tz();
    let (when, format) = if area.width >= 50 {
        (17, "%d %b %Y %H:%M")
    } else {
        (11, "%d %b %Y")
    };
    let status = 10;
    let service = area.width.saturating_sub(when + status + 2);
    let labels = ServiceLabels::new(state);
    let rows = history.iter().map(|b| {
        Row::new(vec![
            Cell::from(b.from.with_timezone(&tz).format(format).to_string()),
            Cell::from(labels.label(b.service_id, &b.service_name, service.into())),
            Cell::from(theme::status_span(b.status)),
        ])
    });
    let widths = [
        Constraint::Length(when),
        Constraint::Length(service),
        Constraint::Length(status),
    ];
    frame.render_widget(Table::new(rows, widths), area);
}
