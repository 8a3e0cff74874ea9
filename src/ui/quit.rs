//! The question quitting asks while this desk's holds are live: each hold
//! (number, service, resource, time, how long it has left), what its seat
//! does if the desk just goes, and the three answers from the `Quit` table.

use super::hints::prose;
use super::{boxes, fit, theme};
use crate::app::keymap::Context;
use crate::app::quit::QuitPrompt;
use crate::app::{Action, AppState};
use crate::domain::wall_clock;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

/// An answer's keys (at most two) in words: `r or q`.
fn keys(state: &AppState, action: Action) -> String {
    state
        .keymap
        .binding_for(Context::Quit, action)
        .map(|b| {
            b.keys
                .iter()
                .take(2)
                .map(|k| prose(*k))
                .collect::<Vec<_>>()
                .join(" or ")
        })
        .unwrap_or_default()
}

/// An answer's first key in words.
fn first(state: &AppState, action: Action) -> String {
    state
        .keymap
        .key_for(Context::Quit, action)
        .map_or_else(String::new, prose)
}

/// The question's widest box.
const MAX_WIDTH: u16 = 84;

/// Draws `prompt` centred over `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, prompt: &QuitPrompt) {
    let width = area.width.saturating_sub(4).min(MAX_WIDTH);
    let w = usize::from(width.saturating_sub(4));
    let key = |a| keys(state, a);
    let mut lines = Vec::new();
    let n = prompt.holds.len();
    if n > 0 {
        let heading = format!(
            "This desk holds {n} seat{} nobody has confirmed. If it quits, {} blocked until {} lapses:",
            if n == 1 { "" } else { "s" },
            if n == 1 { "it stays" } else { "they stay" },
            if n == 1 { "the hold" } else { "each hold" },
        );
        lines.extend(
            fit::wrap(&heading, w)
                .into_iter()
                .map(|l| Line::styled(l, theme::TITLE)),
        );
    }
    for id in &prompt.holds {
        let Some(h) = state.desk_holds.get(id) else {
            continue;
        };
        let until = wall_clock::clock(h.expires_at, state.tz());
        lines.push(Line::raw(fit::truncate(
            &format!("  #{id} until {until} · {}", h.what),
            w,
        )));
    }
    for (id, why) in &prompt.refused {
        lines.push(Line::styled(
            fit::truncate(&format!("✗ #{id} was not released: {why}"), w),
            theme::REFUSAL,
        ));
    }
    lines.push(Line::raw(""));
    let answer = if prompt.releasing.is_empty() {
        Line::styled(
            fit::truncate(
                &format!(
                    " {} release them and quit · {} quit, keep them · {} stay ",
                    key(Action::ReleaseAndQuit),
                    first(state, Action::Quit),
                    first(state, Action::Back)
                ),
                w,
            ),
            theme::PROMPT,
        )
    } else {
        Line::styled(
            format!("releasing {} hold(s)…", prompt.releasing.len()),
            theme::BUSY,
        )
    };
    lines.push(answer);
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let at = fit::centered(area, width, height);
    frame.render_widget(Clear, at);
    let inner = boxes::draw(frame, at, boxes::overlay("Quit?"));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The question in one line, for a terminal too small for the box:
/// `2 holds live: r release & quit · q quit · esc stay`.
pub fn one_line(state: &AppState, prompt: &QuitPrompt) -> String {
    if !prompt.releasing.is_empty() {
        return format!("releasing {} hold(s)…", prompt.releasing.len());
    }
    let key = |a| keys(state, a);
    format!(
        "{} hold(s) of this desk live: {} release & quit · {} quit · {} stay",
        prompt.holds.len(),
        key(Action::ReleaseAndQuit),
        first(state, Action::Quit),
        first(state, Action::Back)
    )
}
