//! The boxes screens, panels and overlays are drawn in, and the dim notes
//! an empty box shows. Pure.

use super::theme;
use crate::app::AppState;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Borders, Padding, Scrollbar, ScrollbarOrientation, ScrollbarState,
};

/// A list screen's box: rounded, titled ` title `, a cell of padding
/// either side.
pub fn framed(title: &str) -> Block<'static> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::BORDER)
        .padding(Padding::horizontal(1))
        .title(Span::styled(format!(" {title} "), theme::TITLE))
}

/// A form's or the booking detail's box: a [`framed`] box with an
/// overlay's brighter border.
pub fn overlay(title: &str) -> Block<'static> {
    framed(title).border_style(theme::OVERLAY_BORDER)
}

/// A board panel's box: square, titled ` title `, no padding (help and
/// the palette give it [`theme::OVERLAY_BORDER`]).
pub fn panel(title: &str) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(theme::BORDER)
        .title(Span::styled(format!(" {title} "), theme::TITLE))
}

/// A box's dim footnote, for its bottom border: ` 3 of 12 customers `.
pub fn footnote(text: impl Into<String>) -> Line<'static> {
    Line::styled(text.into(), theme::DIM).right_aligned()
}

/// Draws `block` over `area` and gives back the area inside it.
pub fn draw(frame: &mut Frame, area: Rect, block: Block) -> Rect {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// A dim note centred on its line: `loading…`, `no bookings match`.
pub fn note(text: impl Into<String>) -> Line<'static> {
    Line::styled(text.into(), theme::DIM).centered()
}

/// Draws `block` over `area` with `text` as a note on its first line.
pub fn with_note(frame: &mut Frame, area: Rect, block: Block, text: &str) {
    let inner = draw(frame, area, block);
    frame.render_widget(note(text), inner);
}

/// A scrollbar on the right border of the box at `area`, for content
/// scrolled to `offset` of `max`, `shown` lines at once.
pub fn scrollbar(frame: &mut Frame, area: Rect, max: usize, offset: usize, shown: usize) {
    let track = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(2),
        ..area
    };
    let mut state = ScrollbarState::new(max)
        .position(offset)
        .viewport_content_length(shown);
    let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(Some("│"))
        .thumb_symbol("┃")
        .track_style(theme::OVERLAY_BORDER)
        .thumb_style(theme::THUMB);
    frame.render_stateful_widget(bar, track, &mut state);
}

/// A list over the screen of two lines per item (a head line and a line
/// beneath it), `rows(index, width, selected)` drawing item `index`:
/// centred in `area`, at most `max_width` cells wide, titled `title` with
/// `foot` in its bottom edge, scrolled to keep `selected` in view.
pub fn two_line_list(
    frame: &mut Frame,
    area: Rect,
    (title, foot): (&str, String),
    (len, selected, max_width): (usize, usize, u16),
    rows: impl Fn(usize, usize, bool) -> [Line<'static>; 2],
) {
    let width = area.width.saturating_sub(4).min(max_width);
    let wanted = u16::try_from(len.max(1) * 2 + 2).unwrap_or(u16::MAX);
    let height = area.height.saturating_sub(2).min(wanted);
    let popup = super::fit::centered(area, width, height);
    let block = panel(title)
        .border_style(theme::OVERLAY_BORDER)
        .title_bottom(footnote(foot));
    let inner = block.inner(popup);
    frame.render_widget(ratatui::widgets::Clear, popup);
    frame.render_widget(block, popup);
    let w = usize::from(inner.width);
    let visible = (usize::from(inner.height) / 2).max(1);
    let offset = if len <= visible {
        0
    } else {
        selected.saturating_sub(visible / 2).min(len - visible)
    };
    let lines: Vec<Line> = (offset..len.min(offset + visible))
        .flat_map(|i| rows(i, w, i == selected))
        .collect();
    frame.render_widget(ratatui::widgets::Paragraph::new(lines), inner);
}

/// One item of a [`two_line_list`]: `head` after the selection mark (`▸`
/// when `selected`) in the title style, and `detail` indented four cells
/// beneath it in `detail_style`, each padded to `width` cells; both lines
/// highlighted when `selected`.
pub fn two_line_row(
    head: &str,
    detail: &str,
    detail_style: Style,
    width: usize,
    selected: bool,
) -> [Line<'static>; 2] {
    let mark = if selected { "▸" } else { " " };
    let head = Line::styled(
        super::fit::pad(&format!("{mark} {head}"), width),
        theme::TITLE,
    );
    let detail = Line::from(Span::styled(
        super::fit::pad(&format!("    {detail}"), width),
        detail_style,
    ));
    if selected {
        [head.style(theme::SELECTED), detail.style(theme::SELECTED)]
    } else {
        [head, detail]
    }
}

/// How a list row reaches someone: the phone as the desk shows it
/// everywhere (`020 7946 0018`, for `state`'s region) and the email,
/// whichever are known, joined by ` · `; empty when neither is.
pub fn contact(state: &AppState, phone: Option<&str>, email: Option<&str>) -> String {
    let phone = phone.map(|p| crate::domain::display_phone(p, state.phone_region()));
    [phone, email.map(str::to_owned)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}
