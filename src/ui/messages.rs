//! The messages log over the screen: every message the status bar showed,
//! newest first, each whole (wrapped, its own line breaks kept) beside the
//! time it was shown in the location's zone (with the date when not
//! today), refusals in the error colour. Pure.

use super::{boxes, fit, theme};
use crate::app::AppState;
use crate::app::overlays::messages::MessagesState;
use crate::app::state::{LoggedMessage, MESSAGE_LOG_LEN, MessageKind};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The log's widest box.
const MAX_WIDTH: u16 = 110;

/// The time column: `09:31:02`, or `Sun 22 Nov 17:59:02` on another day.
fn time(state: &AppState, m: &LoggedMessage) -> String {
    let local = m.at.with_timezone(&state.tz());
    if local.date_naive() == state.today() {
        local.format("%H:%M:%S").to_string()
    } else {
        local.format("%a %d %b %H:%M:%S").to_string()
    }
}

/// One message's lines: the time, then the text wrapped to `width` cells
/// beside it (continuations under the text, not under the time).
fn entry(state: &AppState, m: &LoggedMessage, width: usize) -> Vec<Line<'static>> {
    let when = time(state, m);
    let indent = fit::width(&when) + 2;
    let style = match m.kind {
        MessageKind::Error => theme::ERROR,
        MessageKind::Info => theme::INFO,
    };
    let text = if m.times > 1 {
        format!("{} (×{})", m.text, m.times)
    } else {
        m.text.clone()
    };
    let room = width.saturating_sub(indent).max(8);
    let wrapped: Vec<String> = text.lines().flat_map(|l| fit::wrap(l, room)).collect();
    wrapped
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let lead = if i == 0 {
                Span::styled(format!("{when}  "), theme::DIM)
            } else {
                Span::raw(" ".repeat(indent))
            };
            Line::from(vec![lead, Span::styled(line, style)])
        })
        .collect()
}

/// Draws the log over `area`, scrolled as `open` says.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, open: &MessagesState) {
    let log = &state.messages;
    let width = area.width.saturating_sub(4).min(MAX_WIDTH);
    let height = area.height.saturating_sub(2);
    let popup = fit::centered(area, width, height);
    let noun = if log.len() == 1 {
        "message"
    } else {
        "messages"
    };
    let foot = if log.is_empty() {
        String::new()
    } else {
        format!(
            " {} of {} {noun} · the last {MESSAGE_LOG_LEN} are kept ",
            open.scroll.min(log.len() - 1) + 1,
            log.len(),
        )
    };
    let block = boxes::overlay("Messages · newest first").title_bottom(boxes::footnote(foot));
    frame.render_widget(Clear, popup);
    let inner = boxes::draw(frame, popup, block);
    if log.is_empty() {
        frame.render_widget(boxes::note("no messages yet"), inner);
        return;
    }
    let w = usize::from(inner.width);
    let rows = usize::from(inner.height);
    let mut lines: Vec<Line> = Vec::new();
    for m in log.iter().skip(open.scroll) {
        if lines.len() >= rows {
            break;
        }
        lines.extend(entry(state, m, w));
    }
    lines.truncate(rows);
    frame.render_widget(Paragraph::new(lines), inner);
}
