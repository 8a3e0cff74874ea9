//! Key hints, built from the live keymap so they follow the config: the
//! hint line at the bottom (the few keys that matter in the layer that
//! takes the keys — overlay, search box or screen) and the hint lines the
//! screens draw inside their boxes. Words come from the bindings.

use super::{fit, theme};
use crate::app::keymap::{Context, Key};
use crate::app::{Action, AppState};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// One hint: key names and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The key names, as the keymap prints them (`pgup/pgdn`, `esc ?`).
    pub keys: String,
    /// One or two words: `reserve`, `next field`.
    pub label: &'static str,
}

fn fixed(keys: &str, label: &'static str) -> Hint {
    Hint {
        keys: keys.to_owned(),
        label,
    }
}

/// A key name for prose: `Enter`, `Shift-Tab`, `Ctrl-S`, `r`.
pub fn prose(key: Key) -> String {
    let text = key.to_string();
    if text.chars().count() == 1 {
        return text;
    }
    let capital = |part: &str| -> String {
        let mut chars = part.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    };
    text.split('-').map(capital).collect::<Vec<_>>().join("-")
}

/// The key bound to `action` in `ctx` (or its fallback), as the keymap prints it.
pub fn key(state: &AppState, ctx: Context, action: Action) -> Option<String> {
    state.keymap.key_for(ctx, action).map(|k| k.to_string())
}

/// The hint for `action` in `ctx`: its first key and the binding's word.
pub fn of(state: &AppState, ctx: Context, action: Action) -> Option<Hint> {
    let binding = state.keymap.binding_for(ctx, action)?;
    Some(Hint {
        keys: binding.keys.first()?.to_string(),
        label: binding.hint,
    })
}

/// The hint for `action` in `ctx` with a word that depends on the state
/// (`release` for a hold, `day view` in week view).
pub fn worded(state: &AppState, ctx: Context, action: Action, label: &'static str) -> Option<Hint> {
    Some(Hint {
        label,
        ..of(state, ctx, action)?
    })
}

/// One hint for two actions that go together (`[ ] day`), if both are bound.
pub fn pair(
    state: &AppState,
    ctx: Context,
    actions: [Action; 2],
    label: &'static str,
) -> Option<Hint> {
    pair_with(state, ctx, actions, " ", label)
}

/// [`pair`] with the keys joined by `sep` (`pgup/pgdn page`).
pub fn pair_with(
    state: &AppState,
    ctx: Context,
    actions: [Action; 2],
    sep: &str,
    label: &'static str,
) -> Option<Hint> {
    let [a, b] = actions.map(|a| key(state, ctx, a));
    Some(Hint {
        keys: format!("{}{sep}{}", a?, b?),
        label,
    })
}

/// The hints for `actions` in `ctx` whose keys are bound, in order.
pub fn for_actions(state: &AppState, ctx: Context, actions: &[Action]) -> Vec<Hint> {
    actions.iter().filter_map(|a| of(state, ctx, *a)).collect()
}

/// The hints of the layer that takes the keys, most useful first.
fn layer_hints(state: &AppState) -> Vec<Option<Hint>> {
    let ctx = state.context();
    let h = |a: Action| of(state, ctx, a);
    match ctx {
        Context::Form => vec![
            h(Action::NextField),
            h(Action::PreviousField),
            h(Action::Submit),
            h(Action::Back),
        ],
        Context::Picker => vec![
            h(Action::MoveDown),
            h(Action::Open),
            h(Action::Back),
            Some(fixed("tab", "next field")),
        ],
        Context::Discard => vec![
            h(Action::Discard),
            h(Action::Back),
            Some(fixed("any other key", "keep editing")),
        ],
        Context::Help => vec![h(Action::Back), h(Action::PageDown), h(Action::PageUp)],
        Context::Quit => vec![h(Action::ReleaseAndQuit), h(Action::Quit), h(Action::Back)],
        Context::ClosureWalk => vec![
            h(Action::MoveBooking),
            h(Action::Cancel),
            h(Action::NextBooking),
            h(Action::Back),
        ],
        Context::Reminders => vec![
            pair(state, ctx, [Action::MoveUp, Action::MoveDown], "choose"),
            h(Action::MarkReminderSent),
            h(Action::Back),
        ],
        Context::Requests => vec![
            pair(state, ctx, [Action::MoveUp, Action::MoveDown], "choose"),
            h(Action::ApproveRequest),
            h(Action::DeclineRequest),
            h(Action::Back),
        ],
        Context::FreeSlots | Context::Attention => vec![
            pair(state, ctx, [Action::MoveUp, Action::MoveDown], "choose"),
            h(Action::Open),
            h(Action::Back),
        ],
        Context::Messages => vec![
            pair(state, ctx, [Action::MoveUp, Action::MoveDown], "scroll"),
            pair_with(state, ctx, [Action::PageUp, Action::PageDown], "/", "page"),
            h(Action::Back),
        ],
        Context::Palette => vec![
            Some(fixed("type", "to filter")),
            pair(state, ctx, [Action::MoveUp, Action::MoveDown], "choose"),
            h(Action::Open),
            h(Action::Back),
        ],
        Context::Search => vec![
            Some(fixed("type", "to search")),
            h(Action::Open),
            h(Action::Back),
        ],
        // The detail lists the booking's keys itself; only what else works.
        Context::Detail => vec![h(Action::Help), h(Action::Quit)],
        Context::FirstRun => vec![h(Action::WriteStarterCatalog)],
        _ if state.first_run => Vec::new(),
        Context::Board if state.board.moving.is_some() => vec![
            worded(state, ctx, Action::Open, "move here"),
            worded(state, ctx, Action::Back, "cancel the move"),
            pair(
                state,
                ctx,
                [Action::MoveUp, Action::MoveDown],
                "pick a slot",
            ),
            pair(state, ctx, [Action::DayBack, Action::DayForward], "day"),
        ],
        Context::Board => vec![
            h(Action::Reserve).filter(|_| {
                state
                    .board
                    .selected_slot()
                    .is_none_or(|s| state.takes_holds(s.occurrence.service_id))
            }),
            h(Action::NewBooking),
            h(Action::Confirm),
            h(Action::Cancel),
            // In week view the same keys move by a week.
            pair(
                state,
                ctx,
                [Action::DayBack, Action::DayForward],
                if state.board.week.is_some() {
                    "week"
                } else {
                    "day"
                },
            ),
            if state.board.week.is_some() {
                worded(state, ctx, Action::WeekView, "day view")
            } else {
                h(Action::WeekView)
            },
            h(Action::MoveBooking),
            h(Action::RecordPayment),
            h(Action::GoToDate),
        ],
        Context::Bookings => vec![
            h(Action::Open),
            h(Action::Search),
            h(Action::Sort),
            h(Action::Confirm),
            h(Action::Cancel),
            h(Action::RecordPayment),
        ],
        Context::Customers => vec![h(Action::Search), h(Action::EditCustomer)],
        Context::Today => vec![
            h(Action::MarkArrived),
            h(Action::MarkNoShow),
            h(Action::MarkDone),
            h(Action::WalkIn),
            h(Action::RecordPayment),
            h(Action::FilterResource),
            h(Action::Open),
        ],
        Context::Activity | Context::Global => vec![h(Action::Refresh)],
    }
}

/// The hints every screen ends with.
fn global_hints(state: &AppState) -> Vec<Option<Hint>> {
    if state.overlay.is_some() || state.context() == Context::Search {
        return Vec::new();
    }
    [Action::Help, Action::Palette, Action::Quit]
        .into_iter()
        .map(|a| of(state, Context::Global, a))
        .collect()
}

/// `key what  key what`: keys bright, words dim.
pub fn line(hints: &[Hint]) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, h) in hints.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(h.keys.clone(), theme::KEY));
        spans.push(Span::styled(format!(" {}", h.label), theme::DIM));
    }
    Line::from(spans)
}

/// `hints` packed into as many lines of `width` cells as they need.
pub fn lines(hints: &[Hint], width: u16) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in 1..=hints.len() {
        let next = hints
            .get(start..=end)
            .map_or(usize::MAX, |h| line(h).width());
        if next > usize::from(width) || end == hints.len() {
            out.push(line(hints.get(start..end).unwrap_or_default()));
            start = end;
        }
    }
    out
}

/// Draws the hint line; screen hints that do not fit are left off from the
/// end, the global ones (help, palette, quit) stay.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    // A desk that can no longer write says so on the whole line: its
    // writing keys are refused anyway.
    if let Some(alert) = &state.alert {
        let width = usize::from(area.width).saturating_sub(2);
        let text = format!(
            " {} (q quits)",
            fit::truncate(alert, width.saturating_sub(10))
        );
        frame.render_widget(Line::styled(text, theme::ERROR), area);
        return;
    }
    let mut own: Vec<Hint> = layer_hints(state).into_iter().flatten().collect();
    let global: Vec<Hint> = global_hints(state).into_iter().flatten().collect();
    let fits = |own: &[Hint]| {
        let all: Vec<&Hint> = own.iter().chain(&global).collect();
        let w: usize = all
            .iter()
            .map(|h| fit::width(&h.keys) + h.label.len() + 3)
            .sum();
        w < usize::from(area.width)
    };
    while !own.is_empty() && !fits(&own) {
        own.pop();
    }
    own.extend(global);
    let mut bar = line(&own);
    bar.spans.insert(0, Span::raw(" "));
    frame.render_widget(bar, area);
}
