//! The first-run screen, shown instead of the board while the database has
//! no catalog: what is missing and the commands that load one.

use super::{boxes, fit, hints, theme};
use crate::app::Action;
use crate::app::AppState;
use crate::app::keymap::Context;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn command(text: &str) -> Line<'static> {
    Line::from(vec![
        Span::raw("    "),
        Span::styled(text.to_owned(), theme::KEY),
    ])
}

/// Draws the first-run screen into `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let width = area.width.saturating_sub(4).min(66);
    let text_w = usize::from(width.saturating_sub(4));
    let quit = hints::key(state, Context::Global, Action::Quit).unwrap_or_default();
    let lines = vec![
        Line::raw(""),
        Line::raw("This database has no catalog yet:"),
        Line::styled(
            format!(
                "    {}",
                fit::truncate_start(&state.db_label, text_w.saturating_sub(4))
            ),
            theme::TITLE,
        ),
        Line::raw("no location, services, resources or time slots to book."),
        Line::raw(""),
        Line::raw("Load one from a catalog file:"),
        command("slotdesk catalog apply FILE.toml"),
        Line::styled(
            "    (an example: assets/demo/catalog.toml; add --db PATH",
            theme::DIM,
        ),
        Line::styled("     when this is not your default database)", theme::DIM),
        Line::raw(""),
        Line::raw("Or try the demo studio on a fresh database:"),
        command("slotdesk --demo"),
        Line::raw(""),
        Line::raw("The day board opens here as soon as a catalog is applied."),
        Line::from(vec![Span::styled(quit, theme::KEY), Span::raw(" quits.")]),
    ];
    let popup = fit::centered(area, width, lines.len() as u16 + 2);
    let inner = boxes::draw(frame, popup, boxes::panel("Welcome to slotdesk"));
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), inner);
}
