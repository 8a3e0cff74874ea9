//! The boxes screens, panels and overlays are drawn in, and the dim notes
//! an empty box shows. Pure.

use super::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
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
