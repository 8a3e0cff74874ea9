//! The closure walk-through over the screen: the closure (who or what,
//! when, why), then each booking it stranded — number, time, service,
//! customer and phone, so the desk can call — with what was done with it,
//! the one being dealt with highlighted.

use super::{boxes, fit, theme};
use crate::app::AppState;
use crate::app::overlays::closure_walk::ClosureWalk;
use crate::domain::{Booking, display_phone};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

/// The box's widest.
const MAX_WIDTH: u16 = 100;

/// Lines above the list: what is closed, why, and a blank.
const HEAD_ROWS: usize = 3;

fn row(state: &AppState, walk: &ClosureWalk, i: usize, b: &Booking, width: usize) -> Line<'static> {
    let selected = i == walk.at;
    let who = b.customer.as_ref().map_or_else(
        || "no customer yet".to_owned(),
        |c| {
            let phone = c
                .phone
                .as_deref()
                .map(|p| format!(" {}", display_phone(p, state.phone_region())))
                .unwrap_or_default();
            format!("{}{phone}", c.name)
        },
    );
    let done = walk.outcomes[i].map_or("to do", |o| o.word());
    let text = format!(
        "{} #{}  {}  {} · {}",
        if selected { "▸" } else { " " },
        b.id,
        state.when(b.from, b.to),
        b.service_name,
        who
    );
    let room = width.saturating_sub(done.len() + 1);
    let line = format!("{} {done}", fit::pad(&fit::truncate(&text, room), room));
    let style = match (selected, walk.outcomes[i]) {
        (true, _) => theme::SELECTED,
        (false, None) => theme::TITLE,
        (false, Some(_)) => theme::DIM,
    };
    Line::styled(line, style)
}

/// Draws the walk over `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let Some(walk) = &state.closure_walk else {
        return;
    };
    let c = &walk.closure;
    let n = walk.stranded.len();
    let left = walk.outcomes.iter().filter(|o| o.is_none()).count();
    let width = area.width.saturating_sub(4).min(MAX_WIDTH);
    let wanted = u16::try_from(n + HEAD_ROWS + 2).unwrap_or(u16::MAX);
    let height = area.height.saturating_sub(2).min(wanted);
    let popup = fit::centered(area, width, height);
    let block = boxes::panel("Closed: move or cancel each booking")
        .border_style(theme::OVERLAY_BORDER)
        .title_bottom(boxes::footnote(format!(
            " {left} of {n} to do · skipped ones stay needing attention (A) "
        )));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let w = usize::from(inner.width);
    let what = format!(
        " {} · {}",
        c.resource_name.as_deref().unwrap_or("the whole location"),
        c.when()
    );
    let mut lines = vec![
        Line::styled(fit::truncate(&what, w), theme::TITLE),
        Line::styled(
            fit::truncate(&format!(" reason: {}", c.reason), w),
            theme::REFUSAL,
        ),
        Line::default(),
    ];
    let visible = usize::from(inner.height).saturating_sub(HEAD_ROWS).max(1);
    let offset = if n <= visible {
        0
    } else {
        walk.at.saturating_sub(visible / 2).min(n - visible)
    };
    lines.extend(
        walk.stranded
            .iter()
            .enumerate()
            .skip(offset)
            .take(visible)
            .map(|(i, b)| row(state, walk, i, b, w)),
    );
    frame.render_widget(Paragraph::new(lines), inner);
}
