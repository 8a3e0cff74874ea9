//! The slot grid: a header of column titles, then one line per row with the
//! time label and each column's cell in its look's colour; the cursor cell
//! stands out. Scrolls to keep the cursor in view, the offset computed from
//! the cursor alone (the render keeps no state).

use super::cell;
use crate::app::msg::DayView;
use crate::app::screens::board::{Column, ColumnKey, SlotLook, live_hold, look};
use crate::app::{AppState, waitlist};
use crate::ui::service_labels::ServiceLabels;
use crate::ui::{boxes, fit, theme};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

/// Width of the time label column (` 09:45`).
const TIME_WIDTH: usize = 6;
/// A column never gets wider than this (counts stay near the name).
const MAX_COLUMN: usize = 40;

/// Column widths sharing `total` cells after the time column.
pub fn column_widths(total: u16, columns: usize) -> Vec<usize> {
    if columns == 0 {
        return Vec::new();
    }
    let room = usize::from(total).saturating_sub(TIME_WIDTH);
    let base = (room / columns).min(MAX_COLUMN);
    let extra = if base == MAX_COLUMN {
        0
    } else {
        room % columns
    };
    (0..columns)
        .map(|c| base + usize::from(c < extra))
        .collect()
}

/// Room for a look word and seats beside a service name in a cell.
const BESIDE_NAME: usize = 14;

/// The width at which every column of the board shows its longest service
/// name whole with its seats and a look word (each column at most
/// [`MAX_COLUMN`]); stable while the catalog and the columns are.
pub fn wanted_width(state: &AppState) -> usize {
    let longest = state
        .catalog
        .as_ref()
        .and_then(|c| c.services.iter().map(|s| fit::width(&s.name)).max())
        .unwrap_or(0);
    TIME_WIDTH + state.board.grid.columns.len() * (longest + BESIDE_NAME).min(MAX_COLUMN)
}

/// The first row shown so that `cursor` is in view, centred when the rows
/// do not all fit.
pub fn scroll_offset(rows: usize, visible: usize, cursor: usize) -> usize {
    if rows <= visible {
        return 0;
    }
    cursor.saturating_sub(visible / 2).min(rows - visible)
}

fn column_title(column: &Column, width: usize) -> String {
    match column.key {
        ColumnKey::Day(d) if fit::width(&column.title) > width => {
            fit::truncate(&d.format("%a %d").to_string(), width)
        }
        _ => fit::title(&column.title, width),
    }
}

fn header(state: &AppState, widths: &[usize]) -> Line<'static> {
    let mut spans = vec![Span::styled(fit::pad(" Time", TIME_WIDTH), theme::DIM)];
    for (c, (column, &w)) in state.board.grid.columns.iter().zip(widths).enumerate() {
        let style = match column.key {
            ColumnKey::Day(d) if d == state.today() => theme::TODAY,
            _ if c == state.board.cursor.col => theme::KEY,
            _ => theme::TITLE,
        };
        let title = column_title(column, w.saturating_sub(2));
        let pad = w.saturating_sub(fit::width(&title) + 1);
        spans.push(Span::raw(" "));
        spans.push(Span::styled(title, style));
        spans.push(Span::raw(" ".repeat(pad)));
    }
    Line::from(spans)
}

fn row_line(
    state: &AppState,
    view: &DayView,
    row: usize,
    top: bool,
    widths: &[usize],
    labels: &ServiceLabels<'_>,
) -> Line<'static> {
    let board = &state.board;
    let cells = board.grid.cells.get(row).map_or(&[][..], Vec::as_slice);
    let slots: Vec<_> = cells
        .iter()
        .map(|c| c.and_then(|i| view.slots.get(i)))
        .collect();
    let looks: Vec<Option<SlotLook>> = slots
        .iter()
        .map(|s| s.map(|s| look(s, &view.bookings, state.now)))
        .collect();
    let all_past = looks.iter().flatten().all(|t| *t == SlotLook::Past);
    let label = match board.grid.rows.get(row) {
        Some(r) if r.first || top => format!(" {}", r.time.format("%H:%M")),
        _ => String::new(),
    };
    let label_style = match board.grid.rows.get(row) {
        _ if row == board.cursor.row => theme::KEY,
        Some(r) if !r.first => theme::DIM,
        _ if all_past => theme::DIM,
        _ => Style::new(),
    };
    let mut spans = vec![Span::styled(fit::pad(&label, TIME_WIDTH), label_style)];
    for (c, &w) in widths.iter().enumerate() {
        let slot_look = slots
            .get(c)
            .copied()
            .flatten()
            .zip(looks.get(c).copied().flatten());
        let Some((slot, t)) = slot_look else {
            spans.push(Span::raw(" ".repeat(w)));
            continue;
        };
        let hold = live_hold(slot, &view.bookings, state.now).and_then(|b| {
            let word = if waitlist::offer_of(state, b.id).is_some() {
                "OFFER"
            } else {
                "HELD"
            };
            b.hold_expires_at.map(|t| (t, word))
        });
        let session = state.course_session(slot.occurrence.service_id, slot.occurrence.slot_ref());
        let text = cell::text(slot, t, hold, session, state.now, w, labels);
        let at_cursor = board.cursor.row == row && board.cursor.col == c;
        let style = if at_cursor {
            theme::cursor(t)
        } else {
            theme::slot_style(t)
        };
        spans.push(Span::styled(text, style));
    }
    Line::from(spans)
}

/// Draws the grid of `view` into `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, view: &DayView) {
    let grid = &state.board.grid;
    if grid.rows.is_empty() || grid.columns.is_empty() || area.height < 2 {
        let text = format!(
            "No slots {} {}",
            if state.board.week.is_some() {
                "in the week of"
            } else {
                "on"
            },
            state.board.date.format("%a %d %b %Y")
        );
        frame.render_widget(boxes::note(text), fit::middle(area));
        return;
    }
    let body = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    let visible = usize::from(body.height);
    let scrolls = grid.rows.len() > visible;
    let widths = column_widths(area.width - u16::from(scrolls), grid.columns.len());
    frame.render_widget(header(state, &widths), Rect { height: 1, ..area });
    let offset = scroll_offset(grid.rows.len(), visible, state.board.cursor.row);
    let labels = ServiceLabels::new(state);
    let lines: Vec<Line> = (offset..grid.rows.len())
        .take(visible)
        .map(|r| row_line(state, view, r, r == offset, &widths, &labels))
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
    if scrolls {
        let mut scroll = ScrollbarState::new(grid.rows.len() - visible)
            .position(offset)
            .viewport_content_length(visible);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(Some("│"))
            .thumb_symbol("┃")
            .track_style(theme::BORDER)
            .thumb_style(theme::THUMB);
        frame.render_stateful_widget(bar, body, &mut scroll);
    }
}
