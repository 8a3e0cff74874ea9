//! The command palette: the typed filter and every action matching it with
//! its description and key, the selected row highlighted.

use super::{boxes, fit, hints, line, theme};
use crate::app::overlays::palette::PaletteState;
use crate::app::{Action, AppState};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The palette's widest box.
const MAX_WIDTH: u16 = 72;

fn row(
    state: &AppState,
    action: Action,
    name_w: usize,
    width: usize,
    selected: bool,
) -> Line<'static> {
    let key = hints::key(state, state.screen.context(), action).unwrap_or_default();
    let name = fit::pad(&action.name(), name_w);
    let desc_w = width.saturating_sub(name_w + fit::width(&key) + 7);
    let desc = fit::pad(action.describe(), desc_w);
    let marker = if selected { " ▸ " } else { "   " };
    let line = Line::from(vec![
        Span::styled(format!("{marker}{name}  "), theme::TITLE),
        Span::raw(desc),
        Span::styled(format!(" {key} "), theme::KEY),
    ]);
    if selected {
        line.style(theme::SELECTED)
    } else {
        line
    }
}

/// Draws the palette over `area` for `filter` with row `selected` chosen.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, palette: &PaletteState) {
    let (filter, selected) = (palette.filter.value(), palette.selected);
    let matches = palette.matches();
    let width = area.width.saturating_sub(4).min(MAX_WIDTH);
    let height = area
        .height
        .saturating_sub(2)
        .min(matches.len().max(1) as u16 + 4);
    let popup = fit::centered(area, width, height);
    let block = boxes::panel("Command palette")
        .border_style(theme::OVERLAY_BORDER)
        .title_bottom(boxes::footnote(format!(
            " {} of {} ",
            matches.len(),
            Action::matching("").len()
        )));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let w = usize::from(inner.width);
    let (cursor, filter_w) = (palette.filter.cursor(), w.saturating_sub(4));
    let caret = 3 + line::caret_column(filter, cursor, filter_w);
    if let Ok(x) = u16::try_from(caret)
        && x < inner.width
        && inner.height > 0
    {
        frame.set_cursor_position((inner.x + x, inner.y));
    }
    let mut lines = vec![
        Line::from(
            [Span::styled(" › ", theme::KEY)]
                .into_iter()
                .chain(line::editing_spans(filter, cursor, filter_w))
                .collect::<Vec<_>>(),
        ),
        Line::styled("─".repeat(w), theme::BORDER),
    ];
    let visible = usize::from(inner.height).saturating_sub(2);
    if matches.is_empty() {
        lines.push(Line::styled(
            format!(
                " no action matches “{}”",
                fit::truncate(filter, w.saturating_sub(22))
            ),
            theme::DIM,
        ));
    } else {
        let name_w = matches
            .iter()
            .map(|a| a.name().len())
            .max()
            .unwrap_or(0)
            .min(18);
        let offset = if matches.len() <= visible {
            0
        } else {
            selected
                .saturating_sub(visible / 2)
                .min(matches.len() - visible)
        };
        for (i, a) in matches.iter().enumerate().skip(offset).take(visible) {
            lines.push(row(state, *a, name_w, w, i == selected));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
