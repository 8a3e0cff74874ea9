//! The legend: each look's word in its colour, with how many slots on the
//! board have it when there is room.

use crate::app::AppState;
use crate::app::msg::DayView;
use crate::app::screens::board::{SlotLook, look};
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// How many slots of `view` have each look of [`SlotLook::ALL`].
pub fn counts(state: &AppState, view: &DayView) -> [usize; SlotLook::ALL.len()] {
    let mut out = [0; SlotLook::ALL.len()];
    for slot in &view.slots {
        let t = look(slot, &view.bookings, state.now);
        if let Some(i) = SlotLook::ALL.iter().position(|x| *x == t) {
            out[i] += 1;
        }
    }
    out
}

fn spans(counts: Option<&[usize]>) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    for (i, t) in SlotLook::ALL.iter().enumerate() {
        if i > 0 {
            out.push(Span::raw("  "));
        }
        out.push(Span::styled(
            format!("■ {}", t.label()),
            theme::slot_style(*t),
        ));
        if let Some(n) = counts.and_then(|c| c.get(i)) {
            out.push(Span::styled(format!(" {n}"), theme::DIM));
        }
    }
    out
}

/// Draws the legend as a list, one look per line with its count.
pub fn render_list(frame: &mut Frame, area: Rect, state: &AppState, view: &DayView) {
    let counted = counts(state, view);
    let width = usize::from(area.width);
    let lines: Vec<Line> = SlotLook::ALL
        .iter()
        .zip(counted)
        .map(|(t, n)| {
            let label = format!("■ {}", t.label());
            let count = n.to_string();
            let gap = width.saturating_sub(label.chars().count() + count.len());
            Line::from(vec![
                Span::styled(label, theme::slot_style(*t)),
                Span::raw(" ".repeat(gap)),
                Span::styled(count, theme::DIM),
            ])
        })
        .collect();
    frame.render_widget(ratatui::widgets::Paragraph::new(lines), area);
}

/// Draws the legend on one line; with `rule`, as a horizontal rule
/// (`─ legend ─────`) that separates the grid from what is below it.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, view: &DayView, rule: bool) {
    let room = usize::from(area.width).saturating_sub(if rule { 4 } else { 1 });
    let counted = counts(state, view);
    let with_counts = spans(Some(&counted));
    let width = |s: &[Span]| s.iter().map(Span::width).sum::<usize>();
    let mut line = if width(&with_counts) <= room {
        with_counts
    } else {
        spans(None)
    };
    line.insert(
        0,
        Span::styled(if rule { "─ " } else { " " }, theme::BORDER),
    );
    if rule {
        let used = width(&line);
        let fill = usize::from(area.width).saturating_sub(used + 1);
        line.push(Span::styled(
            format!(" {}", "─".repeat(fill)),
            theme::BORDER,
        ));
    }
    frame.render_widget(Line::from(line), area);
}
