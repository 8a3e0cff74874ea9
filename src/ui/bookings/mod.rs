//! The bookings screen: the filters and sort in force (the sorted column's
//! heading marked ▲ or ▼), a paged table of bookings with the selected row
//! highlighted, the page count and how many released or expired holds are
//! hidden. Pure.

mod columns;

use super::{boxes, hints, table, theme};
use crate::app::AppState;
use crate::app::action::Action;
use crate::app::keymap::Context;
use crate::domain::BookingQuery;
use chrono::NaiveDate;
use columns::Columns;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Table};

/// Draws the bookings list into `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let list = &state.bookings;
    let mut block = boxes::framed("Bookings");
    if let Some(page) = &list.page {
        let p = page.pagination;
        let noun = if p.total_count == 1 {
            "booking"
        } else {
            "bookings"
        };
        block = block.title_bottom(boxes::footnote(format!(
            " page {} of {} · {} {noun}{} ",
            p.current_page,
            p.total_pages,
            p.total_count,
            hidden_note(state, page.hidden)
        )));
    }
    let inner = boxes::draw(frame, area, block);
    let [filters, hint, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(filter_line(state, filters.width)), filters);
    let sort = sort_text(&list.query);
    let [keys_area, sort_area] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(sort.chars().count() as u16),
    ])
    .spacing(2)
    .areas(hint);
    let keys = key_hints(state, keys_area.width);
    frame.render_widget(hints::line(&keys), keys_area);
    frame.render_widget(Line::styled(sort, theme::DIM), sort_area);

    let page = match &list.page {
        Some(page) if !page.bookings.is_empty() => page,
        other => {
            let text = if other.is_some() {
                "no bookings match"
            } else {
                "loading…"
            };
            let [_, line] = Layout::vertical([Constraint::Length(1); 2]).areas(body);
            frame.render_widget(boxes::note(text), line);
            return;
        }
    };
    let cols = Columns::for_width(body.width.saturating_sub(2), &page.bookings);
    let rows = page.bookings.iter().map(|b| cols.row(b, state));
    let rows = Table::new(rows, cols.widths());
    let count = page.bookings.len();
    let header = cols.header(list.query.sort, list.query.descending);
    table::render(frame, body, header, rows, list.selected, count);
}

/// The list's keys, most useful first, as many as fit in `width`.
fn key_hints(state: &AppState, width: u16) -> Vec<hints::Hint> {
    let ctx = Context::Bookings;
    let page = [Action::PageUp, Action::PageDown];
    let mut keys: Vec<hints::Hint> = [
        hints::of(state, ctx, Action::Search),
        hints::of(state, ctx, Action::Sort),
        hints::of(state, ctx, Action::ReverseSort),
        hints::pair_with(state, ctx, page, "/", "page"),
        hints::of(state, ctx, Action::Open),
        hints::of(state, ctx, Action::NewestFirst),
        hints::of(state, ctx, Action::ToggleLapsedHolds),
    ]
    .into_iter()
    .flatten()
    .collect();
    while keys.len() > 1 && hints::line(&keys).width() > usize::from(width) {
        keys.pop();
    }
    keys
}

/// ` · 3 released/expired hidden (H shows)` when the list left some out.
fn hidden_note(state: &AppState, hidden: Option<u64>) -> String {
    match hidden {
        Some(n) if n > 0 => {
            let key = hints::key(state, Context::Bookings, Action::ToggleLapsedHolds)
                .map(|k| format!(" ({k} shows)"))
                .unwrap_or_default();
            format!(" · {n} released/expired hidden{key}")
        }
        _ => String::new(),
    }
}

/// `Mon 23 Nov – Sun 29 Nov 2026 · any status · …`: the filters in force
/// bright, the open ones dim (left out when the line is too narrow).
fn filter_line(state: &AppState, width: u16) -> Line<'static> {
    let q = &state.bookings.query;
    let service = q.service.map(|id| {
        state
            .service(id)
            .map_or_else(|| format!("service #{id}"), |s| s.name.clone())
    });
    let resource = q.resource.and_then(|id| {
        let c = state.catalog.as_ref()?;
        c.resources
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.name.clone())
    });
    let parts = [
        filter_part(dates(q.from, q.to), "all dates"),
        filter_part(
            q.status.map(|s| theme::status_span(s).content.into_owned()),
            "any status",
        ),
        filter_part(service, "any service"),
        filter_part(resource, ""),
        filter_part(
            q.customer_text.as_ref().map(|t| format!("customer “{t}”")),
            "any customer",
        ),
        filter_part(q.customer.map(|c| format!("customer #{c}")), ""),
    ];
    let join = |keep_open: bool| {
        let mut spans = Vec::new();
        for part in parts.iter().flatten() {
            if !keep_open && part.style == theme::DIM {
                continue;
            }
            if !spans.is_empty() {
                spans.push(Span::styled(" · ", theme::DIM));
            }
            spans.push(part.clone());
        }
        Line::from(spans)
    };
    let all = join(true);
    if all.width() <= usize::from(width) {
        all
    } else {
        join(false)
    }
}

/// A filter in force (bold) or its absence (dim; nothing when `none` is empty).
fn filter_part(value: Option<String>, none: &str) -> Option<Span<'static>> {
    match value {
        Some(v) => Some(Span::styled(v, theme::TITLE)),
        None if none.is_empty() => None,
        None => Some(Span::styled(none.to_owned(), theme::DIM)),
    }
}

/// The date range in words; `None` when open on both ends.
fn dates(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Option<String> {
    let day = |d: NaiveDate| d.format("%a %d %b").to_string();
    let full = |d: NaiveDate| d.format("%a %d %b %Y").to_string();
    match (from, to) {
        (Some(f), Some(t)) if f == t => Some(full(f)),
        (Some(f), Some(t)) if f.format("%Y").to_string() == t.format("%Y").to_string() => {
            Some(format!("{} – {}", day(f), full(t)))
        }
        (Some(f), Some(t)) => Some(format!("{} – {}", full(f), full(t))),
        (Some(f), None) => Some(format!("from {}", full(f))),
        (None, Some(t)) => Some(format!("until {}", full(t))),
        (None, None) => None,
    }
}

/// `sorted by start ▲`: the order and its direction (▼ descending).
fn sort_text(q: &BookingQuery) -> String {
    format!("sorted by {} {}", q.sort.label(), arrow(q.descending))
}

/// ▲ ascending, ▼ descending.
pub(crate) fn arrow(descending: bool) -> &'static str {
    if descending { "▼" } else { "▲" }
}
