//! The screen shown when the terminal is smaller than the desk needs.

use super::theme;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// Draws `terminal too small — slotdesk needs at least W×H, this is w×h`
/// centred in `area`, and under it `asking` (the quit question in one
/// line) when there is one.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    min_width: u16,
    min_height: u16,
    asking: Option<&str>,
) {
    let mut lines = vec![
        Line::styled("terminal too small", theme::ERROR),
        Line::raw(format!(
            "slotdesk needs at least {min_width}×{min_height}, this is {}×{}",
            area.width, area.height
        )),
    ];
    if let Some(question) = asking {
        lines.push(Line::styled(question.to_owned(), theme::PROMPT));
    }
    let height = (4 + 2 * u16::from(asking.is_some())).min(area.height);
    let rect = Rect {
        y: area.y + (area.height - height) / 2,
        height,
        ..area
    };
    let text = Paragraph::new(lines)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    frame.render_widget(text, rect);
}
