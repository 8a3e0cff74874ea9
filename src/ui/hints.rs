//! Key hints, built from the live keymap so they follow the config: the
//! hint line at the bottom (the few keys that matter on the screen or
//! overlay shown) and the hint lines the screens draw inside their boxes.

use super::{fit, theme};
use crate::app::keymap::{Context, Key};
use crate::app::{Action, AppState, Overlay, Screen};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// One hint: key names and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The key names, as the keymap prints them (`pgup/pgdn`, `esc ?`).
    pub keys: String,
    /// What they do.
    pub label: &'static str,
}

fn fixed(keys: &str, label: &'static str) -> Hint {
    Hint {
        keys: keys.to_owned(),
        label,
    }
}

/// A key name for prose: `Enter`, `Esc`, `r`.
pub fn prose(key: Key) -> String {
    let text = key.to_string();
    if text.chars().count() > 1 {
        let mut chars = text.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        text
    }
}

/// The key bound to `action` in `ctx` (or globally), as the keymap prints it.
pub fn key(state: &AppState, ctx: Context, action: Action) -> Option<String> {
    state.keymap.key_for(ctx, action).map(|k| k.to_string())
}

/// The hint for `actions` (keys joined by `sep`), if all are bound.
pub fn bound_with(
    state: &AppState,
    ctx: Context,
    actions: &[Action],
    sep: &str,
    label: &'static str,
) -> Option<Hint> {
    let keys: Option<Vec<String>> = actions.iter().map(|a| key(state, ctx, *a)).collect();
    Some(Hint {
        keys: keys?.join(sep),
        label,
    })
}

/// The hint for `actions` (keys joined by spaces), if all are bound.
pub fn bound(
    state: &AppState,
    ctx: Context,
    actions: &[Action],
    label: &'static str,
) -> Option<Hint> {
    bound_with(state, ctx, actions, " ", label)
}

/// The hints for `actions` in `ctx` whose keys are bound, in order.
pub fn for_actions(
    state: &AppState,
    ctx: Context,
    actions: &[(Action, &'static str)],
) -> Vec<Hint> {
    actions
        .iter()
        .filter_map(|(a, label)| bound(state, ctx, &[*a], label))
        .collect()
}

/// The screen's or overlay's hints, most useful first.
fn screen_hints(state: &AppState) -> Vec<Option<Hint>> {
    let ctx = state.screen.context();
    let b = |actions: &[Action], label| bound(state, ctx, actions, label);
    match &state.overlay {
        Some(Overlay::Form(form)) if form.confirm_discard => vec![
            Some(fixed("y", "discard what was typed")),
            Some(fixed("any other key", "keep editing")),
        ],
        Some(Overlay::Form(_)) => vec![
            Some(fixed("tab", "next field")),
            Some(fixed("shift-tab", "previous")),
            Some(fixed("enter", "submit")),
            Some(fixed("esc", "cancel")),
        ],
        Some(Overlay::Help) => vec![Some(fixed("esc ?", "close help"))],
        Some(Overlay::Palette { .. }) => vec![
            Some(fixed("type", "to filter")),
            Some(fixed("↑ ↓", "choose")),
            Some(fixed("enter", "run")),
            Some(fixed("esc", "close")),
        ],
        // The detail lists the booking's keys itself; only what else works.
        Some(Overlay::Detail) => vec![
            bound(state, Context::Bookings, &[Action::Help], "help"),
            bound(state, Context::Bookings, &[Action::Quit], "quit"),
        ],
        None if state.first_run => Vec::new(),
        None if state.screen == Screen::Board && state.board.moving.is_some() => vec![
            b(&[Action::Open], "move here"),
            b(&[Action::Back], "cancel the move"),
            b(&[Action::MoveUp, Action::MoveDown], "pick a slot"),
            b(&[Action::DayBack, Action::DayForward], "day"),
        ],
        None => match state.screen {
            Screen::Board => vec![
                b(&[Action::Reserve], "reserve"),
                b(&[Action::NewBooking], "book"),
                b(&[Action::Confirm], "confirm"),
                b(&[Action::Cancel], "cancel"),
                b(&[Action::DayBack, Action::DayForward], "day"),
                b(
                    &[Action::WeekView],
                    if state.board.week.is_some() {
                        "day view"
                    } else {
                        "week"
                    },
                ),
                b(&[Action::MoveBooking], "move"),
                b(&[Action::RecordPayment], "pay"),
                b(&[Action::GoToDate], "go to"),
            ],
            Screen::Bookings => vec![
                b(&[Action::Open], "open"),
                b(&[Action::Search], "filter"),
                b(&[Action::Sort], "sort"),
                b(&[Action::Confirm], "confirm"),
                b(&[Action::Cancel], "cancel"),
                b(&[Action::RecordPayment], "pay"),
            ],
            Screen::Customers => vec![
                b(&[Action::Search], "search"),
                b(&[Action::EditCustomer], "edit"),
            ],
            Screen::Activity => vec![b(&[Action::Refresh], "reload")],
        },
    }
}

/// The hints every screen ends with.
fn global_hints(state: &AppState) -> Vec<Option<Hint>> {
    if state.overlay.is_some() {
        return Vec::new();
    }
    let g = |a: Action, label| bound(state, Context::Global, &[a], label);
    vec![
        g(Action::Help, "help"),
        g(Action::Palette, "palette"),
        g(Action::Quit, "quit"),
    ]
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
    let mut own: Vec<Hint> = screen_hints(state).into_iter().flatten().collect();
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
