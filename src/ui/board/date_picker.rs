//! The date picker: the board date's month as a small calendar, Monday
//! first, with the board date (or the week shown) picked out, today marked
//! and past days dimmed.

use crate::app::AppState;
use crate::ui::theme;
use chrono::{Datelike, Duration, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Width of the calendar: seven two-digit days and six spaces.
pub const WIDTH: u16 = 20;
/// Height with the title line: title, weekday names, six weeks.
pub const HEIGHT: u16 = 8;

/// `November 2026`.
pub fn month_title(date: NaiveDate) -> String {
    date.format("%B %Y").to_string()
}

/// The first and last day picked: the board date, or the week shown.
fn picked(state: &AppState) -> (NaiveDate, NaiveDate) {
    let from = state.board.date;
    if state.board.week.is_some() {
        (from, from + Duration::days(6))
    } else {
        (from, from)
    }
}

fn week_lines(state: &AppState) -> Vec<Line<'static>> {
    let date = state.board.date;
    let today = state.today();
    let (from, to) = picked(state);
    let in_pick = |d: NaiveDate| from <= d && d <= to;
    let Some(first) = NaiveDate::from_ymd_opt(date.year(), date.month(), 1) else {
        return Vec::new();
    };
    let lead = first.weekday().num_days_from_monday() as usize;
    let days: Vec<Option<NaiveDate>> = std::iter::repeat_n(None, lead)
        .chain(
            first
                .iter_days()
                .take_while(|d| d.month() == date.month())
                .map(Some),
        )
        .collect();
    days.chunks(7)
        .map(|week| {
            let mut spans = Vec::new();
            for (i, day) in week.iter().enumerate() {
                if i > 0 {
                    let joined = day.is_some_and(in_pick)
                        && week.get(i - 1).copied().flatten().is_some_and(in_pick);
                    let style = if joined { theme::PICKED } else { Style::new() };
                    spans.push(Span::styled(" ", style));
                }
                let Some(d) = day else {
                    spans.push(Span::raw("  "));
                    continue;
                };
                let style = if in_pick(*d) {
                    theme::PICKED
                } else if *d == today {
                    theme::TODAY
                } else if *d < today {
                    theme::DIM
                } else {
                    Style::new()
                };
                spans.push(Span::styled(format!("{:>2}", d.day()), style));
            }
            Line::from(spans)
        })
        .collect()
}

/// Draws the calendar at the top left of `area`, with a centred month
/// title line first when `with_title` (a box can carry the title instead).
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, with_title: bool) {
    let mut lines = Vec::new();
    if with_title {
        lines.push(Line::styled(month_title(state.board.date), theme::TITLE).centered());
    }
    lines.push(Line::styled("Mo Tu We Th Fr Sa Su", theme::DIM));
    lines.extend(week_lines(state));
    let area = Rect {
        width: area.width.min(WIDTH),
        ..area
    };
    frame.render_widget(ratatui::widgets::Paragraph::new(lines), area);
}
