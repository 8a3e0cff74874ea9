//! The day board: a heading (or the banner while moving a booking), the
//! slot grid, the legend, the date picker and the selected slot's panel.
//! When the grid can spare the width, the picker and legend sit in a
//! sidebar beside it and the panel under it; otherwise the picker and panel
//! share a strip under the grid, which keeps the full width for its columns
//! (service names whole, look words shown).

mod cell;
mod date_picker;
mod grid;
mod legend;
mod queue;
mod slot_panel;

use super::hints::prose;
use super::{boxes, fit, theme};
use crate::app::keymap::Context;
use crate::app::msg::DayView;
use crate::app::screens::board::SlotLook;
use crate::app::{Action, AppState};
use chrono::Duration;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

/// Below this width the picker and legend never go in a sidebar.
const SIDEBAR_FROM: u16 = 110;
/// The sidebar's width.
const SIDEBAR: u16 = 24;
/// The slot panel's least and greatest height (it takes what the grid
/// leaves between them).
const PANEL: (u16, u16) = (date_picker::HEIGHT, 14);

/// Draws the board into `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let Some(view) = &state.board.view else {
        let text = format!("loading {}…", state.board.date.format("%a %d %b %Y"));
        frame.render_widget(boxes::note(text), fit::middle(area));
        return;
    };
    let wanted = usize::from(SIDEBAR) + grid::wanted_width(state);
    if area.width >= SIDEBAR_FROM && usize::from(area.width) >= wanted {
        wide(frame, area, state, view);
    } else {
        narrow(frame, area, state, view);
    }
}

/// The panel's height when `fixed` lines go to other things: what the
/// grid (header and rows) leaves, within [`PANEL`].
/// With no slots, the panel keeps its least height.
fn panel_height(state: &AppState, total: u16, fixed: u16) -> u16 {
    if state.board.grid.rows.is_empty() {
        return PANEL.0;
    }
    let grid = u16::try_from(state.board.grid.rows.len() + 1).unwrap_or(u16::MAX);
    total
        .saturating_sub(fixed)
        .saturating_sub(grid)
        .clamp(PANEL.0, PANEL.1)
}

fn wide(frame: &mut Frame, area: Rect, state: &AppState, view: &DayView) {
    let [side, _, main] = Layout::horizontal([
        Constraint::Length(SIDEBAR),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [picker, legend_area, _] = Layout::vertical([
        Constraint::Length(date_picker::HEIGHT + 1),
        Constraint::Length(SlotLook::ALL.len() as u16 + 2),
        Constraint::Fill(1),
    ])
    .areas(side);
    let block = boxes::panel(&date_picker::month_title(state.board.date));
    let inner = boxes::draw(frame, picker, block);
    let pad = inner.width.saturating_sub(date_picker::WIDTH) / 2;
    let inner = Rect {
        x: inner.x + pad,
        width: inner.width - pad,
        ..inner
    };
    date_picker::render(frame, inner, state, false);
    let inner = boxes::draw(frame, legend_area, boxes::panel("Legend"));
    legend::render_list(frame, inner.inner(Margin::new(1, 0)), state, view);
    let panel_h = panel_height(state, main.height, 3) + 2;
    let [head, grid_area, panel] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(panel_h),
    ])
    .areas(main);
    heading(frame, head, state, view);
    grid::render(frame, grid_area, state, view);
    let inner = boxes::draw(frame, panel, boxes::panel("Selected slot"));
    slot_panel::render(frame, inner.inner(Margin::new(1, 0)), state, view);
}

fn narrow(frame: &mut Frame, area: Rect, state: &AppState, view: &DayView) {
    let strip_h = panel_height(state, area.height, 2);
    let [head, grid_area, legend_area, strip] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(strip_h),
    ])
    .areas(area);
    heading(frame, head, state, view);
    grid::render(frame, grid_area, state, view);
    legend::render(frame, legend_area, state, view, true);
    let [_, picker, rule, _, panel] = Layout::horizontal([
        Constraint::Length(1),
        Constraint::Length(date_picker::WIDTH),
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(strip);
    date_picker::render(frame, picker, state, true);
    let bar = Block::new()
        .borders(Borders::RIGHT)
        .border_style(theme::BORDER);
    frame.render_widget(bar, rule);
    slot_panel::render(frame, panel, state, view);
}

/// `today`, `tomorrow`, `yesterday` or nothing.
fn relative_day(state: &AppState) -> Option<&'static str> {
    match (state.board.date - state.today()).num_days() {
        0 => Some("today"),
        1 => Some("tomorrow"),
        -1 => Some("yesterday"),
        _ => None,
    }
}

fn heading(frame: &mut Frame, area: Rect, state: &AppState, view: &DayView) {
    let board = &state.board;
    if let Some(id) = board.moving {
        let who = view
            .bookings
            .iter()
            .find(|b| b.id == id)
            .and_then(|b| b.customer.as_ref())
            .map(|c| format!(" ({})", c.name))
            .unwrap_or_default();
        let key = |a: Action| state.keymap.key_for(Context::Board, a).map(prose);
        let enter = key(Action::Open)
            .map(|k| format!(", {k} to move"))
            .unwrap_or_default();
        let esc = key(Action::Back)
            .map(|k| format!(", {k} to cancel"))
            .unwrap_or_default();
        let later = if board.moving_following {
            " and its later weeks"
        } else {
            ""
        };
        let text = format!(" Moving booking #{id}{who}{later} — pick a slot{enter}{esc} ");
        frame.render_widget(Line::styled(text, theme::PROMPT).style(theme::PROMPT), area);
        return;
    }
    let mut spans = vec![Span::raw(" ")];
    match board.week {
        Some(resource) => {
            let name = state
                .catalog
                .as_ref()
                .and_then(|c| c.resources.iter().find(|r| r.id == resource))
                .map_or_else(String::new, |r| format!(" · {}", r.name));
            let last = board.date + Duration::days(6);
            spans.push(Span::styled(
                format!(
                    "Week {} – {}",
                    board.date.format("%a %d %b"),
                    last.format("%a %d %b %Y")
                ),
                theme::TITLE,
            ));
            spans.push(Span::raw(name));
        }
        // The day the grid shows: another asked for is named as loading
        // (the database may be slow to answer, or away), never put over
        // the old day's slots.
        None if view.date != board.date => {
            spans.push(Span::styled(
                view.date.format("%A %d %B %Y").to_string(),
                theme::TITLE,
            ));
            spans.push(Span::styled(
                format!(" · loading {}…", board.date.format("%a %d %b")),
                theme::DIM,
            ));
        }
        None => {
            spans.push(Span::styled(
                board.date.format("%A %d %B %Y").to_string(),
                theme::TITLE,
            ));
            if let Some(word) = relative_day(state) {
                spans.push(Span::styled(" · ", theme::DIM));
                spans.push(Span::styled(word, theme::TODAY));
            }
        }
    }
    let used: usize = spans.iter().map(Span::width).sum();
    frame.render_widget(Line::from(spans), area);
    let bookable = view.slots.iter().filter(|s| s.available()).count();
    let summary = format!("{} slots · {bookable} bookable ", view.slots.len());
    if used + summary.chars().count() + 2 <= usize::from(area.width) {
        let right = Line::styled(summary, theme::DIM).alignment(Alignment::Right);
        frame.render_widget(right, area);
    }
}
