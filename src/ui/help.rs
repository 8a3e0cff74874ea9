//! The help overlay: every keymap table — the screens, everywhere, and each
//! overlay — with what its bindings do, from the live keymap: in columns
//! when they all fit on one screen, else one list that scrolls.

use super::{boxes, fit, theme};
use crate::app::keymap::{Binding, Context};
use crate::app::overlays::scroll::ScrollRoom;
use crate::app::{Action, AppState};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// One line of help.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    /// A context's heading.
    Heading(String),
    /// Keys and what they do.
    Keys(String, String),
    /// Keys and a note, on one line without the key column.
    Note(String, &'static str),
    /// Space before a heading.
    Blank,
}

fn keys_of(b: &Binding) -> String {
    b.keys
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The help's lines, from `state.keymap`. Bindings a context shares with
/// the day board (same action, same keys) are folded into one line.
fn entries(state: &AppState) -> Vec<Entry> {
    let board = state.keymap.bindings(Context::Board);
    let mut out = Vec::new();
    for ctx in Context::ALL {
        // The first-run screen's keys, only while it shows.
        if ctx == Context::FirstRun && !state.first_run {
            continue;
        }
        let bindings: Vec<&Binding> = state
            .keymap
            .bindings(ctx)
            .iter()
            .filter(|b| !b.keys.is_empty())
            .collect();
        if bindings.is_empty() {
            continue;
        }
        out.push(Entry::Heading(ctx.title().to_owned()));
        let (shared, own): (Vec<&Binding>, Vec<&Binding>) = bindings
            .into_iter()
            .partition(|b| ctx != Context::Board && board.contains(b));
        for b in &own {
            out.push(Entry::Keys(keys_of(b), b.desc.to_owned()));
        }
        if shared.len() >= 3 {
            let keys: Vec<String> = shared.iter().map(|b| keys_of(b)).collect();
            out.push(Entry::Note(keys.join(" "), "as on the day board"));
        } else {
            for b in &shared {
                out.push(Entry::Keys(keys_of(b), b.desc.to_owned()));
            }
        }
    }
    out
}

/// Flows `entries` into columns of `height` lines: a blank line before each
/// heading, no heading left alone at the foot of a column, and a section
/// that goes on in the next column headed again there.
fn columns(entries: Vec<Entry>, height: usize) -> Vec<Vec<Entry>> {
    let height = height.max(3);
    let mut cols: Vec<Vec<Entry>> = vec![Vec::new()];
    let mut section = String::new();
    for e in entries {
        let len = cols.last().map_or(0, Vec::len);
        let needed = match e {
            Entry::Heading(_) if len > 0 => 3,
            Entry::Heading(_) => 2,
            _ => 1,
        };
        if len > 0 && len + needed > height {
            let mut next = Vec::new();
            if !matches!(e, Entry::Heading(_)) {
                next.push(Entry::Heading(format!("{section} (continued)")));
            }
            cols.push(next);
        }
        if let Entry::Heading(h) = &e {
            section.clone_from(h);
        }
        if let Some(col) = cols.last_mut() {
            if matches!(e, Entry::Heading(_)) && !col.is_empty() {
                col.push(Entry::Blank);
            }
            col.push(e);
        }
    }
    cols
}

/// Keys longer than this push their description right instead of widening
/// the key column (in columns; the one list's is wider).
const KEY_COLUMN: usize = 12;
/// The one list's [`KEY_COLUMN`].
const LIST_KEY_COLUMN: usize = 16;

/// The key column's width for each entry: the widest keys of its section
/// (up to `widest`), so each section lines up on its own.
fn key_widths(col: &[Entry], widest: usize) -> Vec<usize> {
    let mut out = vec![0; col.len()];
    let mut start = 0;
    for end in 1..=col.len() {
        if end == col.len() || matches!(col[end], Entry::Heading(_)) {
            let w = col[start..end]
                .iter()
                .filter_map(|e| match e {
                    Entry::Keys(k, _) => Some(fit::width(k)),
                    _ => None,
                })
                .filter(|w| *w <= widest)
                .max()
                .unwrap_or(0);
            out[start..end].fill(w);
            start = end;
        }
    }
    out
}

fn lines(col: &[Entry], width: usize, widest_keys: usize) -> Vec<Line<'static>> {
    col.iter()
        .zip(key_widths(col, widest_keys))
        .map(|(e, key_w)| match e {
            Entry::Heading(h) => Line::styled(
                format!(" {}", fit::truncate(h, width.saturating_sub(2))),
                theme::TITLE,
            ),
            Entry::Blank => Line::raw(""),
            Entry::Keys(k, what) => {
                let keys = format!(" {k:<key_w$}");
                let room = width.saturating_sub(fit::width(&keys) + 2);
                Line::from(vec![
                    Span::styled(keys, theme::KEY),
                    Span::raw(format!(" {}", fit::truncate(what, room))),
                ])
            }
            Entry::Note(k, what) => {
                let keys = fit::truncate(k, width.saturating_sub(3));
                let room = width.saturating_sub(fit::width(&keys) + 3);
                Line::from(vec![
                    Span::styled(format!(" {keys}"), theme::KEY),
                    Span::styled(format!(" {}", fit::truncate(what, room)), theme::DIM),
                ])
            }
        })
        .collect()
}

/// The first two keys of `action` in the help's table, for the footnote:
/// `esc or ?`.
fn help_key(state: &AppState, action: Action) -> String {
    let keys: Vec<String> = state
        .keymap
        .binding_for(Context::Help, action)
        .map(|b| b.keys.iter().take(2).map(ToString::to_string).collect())
        .unwrap_or_default();
    keys.join(" or ")
}

/// Columns narrower than this are not squeezed: help becomes one list.
const MIN_COLUMN: usize = 24;
/// The one list's widest.
const LIST_WIDTH: usize = 60;

/// How help is laid out in an area.
enum Shape {
    /// Everything fits on one screen: columns, nothing to scroll.
    Columns(Vec<Vec<Entry>>, usize),
    /// One list of `lines` that scrolls, `usize` cells wide.
    List(Vec<Entry>, usize),
}

/// Help's shape and box over `area`, and how many lines show.
struct Layout {
    shape: Shape,
    popup: Rect,
    visible: usize,
}

/// Every entry as one list, a blank line before each heading but the first.
fn as_list(entries: Vec<Entry>) -> Vec<Entry> {
    let mut out = Vec::new();
    for e in entries {
        if matches!(e, Entry::Heading(_)) && !out.is_empty() {
            out.push(Entry::Blank);
        }
        out.push(e);
    }
    out
}

fn layout(area: Rect, state: &AppState) -> Layout {
    let inner_h = usize::from(area.height.saturating_sub(2));
    let room = usize::from(area.width.saturating_sub(4));
    let all = columns(entries(state), inner_h);
    if all.len() <= (room / MIN_COLUMN).max(1) {
        let tallest = all.iter().map(Vec::len).max().unwrap_or(0);
        let col_w = (room / all.len().max(1)).min(46);
        let box_w = col_w * all.len().max(1) + 2;
        let popup = fit::centered(area, box_w as u16, (tallest + 2) as u16);
        return Layout {
            shape: Shape::Columns(all, col_w),
            popup,
            visible: tallest,
        };
    }
    let list = as_list(entries(state));
    let width = room.min(LIST_WIDTH);
    let popup = fit::centered(area, (width + 2) as u16, (list.len() + 2) as u16);
    let visible = usize::from(popup.height.saturating_sub(2));
    Layout {
        shape: Shape::List(list, width),
        popup,
        visible,
    }
}

/// How far help scrolls over `area` (nothing when its columns all fit).
pub fn scroll_room(area: Rect, state: &AppState) -> ScrollRoom {
    let l = layout(area, state);
    let total = match &l.shape {
        Shape::Columns(..) => l.visible,
        Shape::List(list, _) => list.len(),
    };
    ScrollRoom {
        max: total.saturating_sub(l.visible),
        page: l.visible.max(1),
    }
}

/// The footnote of a list scrolled to `first` of `total` lines, `shown`
/// at once: where it is and which way there is more.
fn position(state: &AppState, first: usize, shown: usize, total: usize) -> String {
    let key = |a| {
        help_key(state, a)
            .split(" or ")
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    let last = (first + shown).min(total);
    let more = match (first > 0, last < total) {
        (false, true) => format!("{} more", key(Action::MoveDown)),
        (true, true) => format!("{}{} more", key(Action::MoveUp), key(Action::MoveDown)),
        (true, false) => format!("{} back", key(Action::MoveUp)),
        (false, false) => String::new(),
    };
    format!(" {}–{last} of {total} · {more} · ", first + 1)
}

/// Draws the help centred over `area`: its columns when they all fit at
/// [`MIN_COLUMN`] or wider, else one list from line `offset` (kept within
/// the list) with a scrollbar and where it is.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, offset: usize) {
    let l = layout(area, state);
    let close = help_key(state, Action::Back);
    let mut block = boxes::panel("Keys").border_style(theme::OVERLAY_BORDER);
    let inner = block.inner(l.popup);
    match l.shape {
        Shape::Columns(cols, col_w) => {
            let note = format!(" from the live keymap · {close} closes ");
            block = block.title_bottom(boxes::footnote(note));
            frame.render_widget(Clear, l.popup);
            frame.render_widget(block, l.popup);
            for (i, col) in cols.iter().enumerate() {
                let x = inner.x + (i * col_w) as u16;
                let rect = Rect {
                    x,
                    width: (col_w as u16).min(inner.right().saturating_sub(x)),
                    ..inner
                };
                frame.render_widget(Paragraph::new(lines(col, col_w, KEY_COLUMN)), rect);
            }
        }
        Shape::List(list, width) => {
            let max = list.len().saturating_sub(l.visible);
            let first = offset.min(max);
            let mut note = format!(" {close} closes ");
            if max > 0 {
                note = format!(
                    "{}{}",
                    position(state, first, l.visible, list.len()),
                    note.trim_start()
                );
            }
            block = block.title_bottom(boxes::footnote(note));
            frame.render_widget(Clear, l.popup);
            frame.render_widget(block, l.popup);
            let shown: Vec<Line> = lines(&list, width, LIST_KEY_COLUMN)
                .into_iter()
                .skip(first)
                .take(l.visible)
                .collect();
            frame.render_widget(Paragraph::new(shown), inner);
            if max > 0 {
                boxes::scrollbar(frame, l.popup, max, first, l.visible);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_heading_is_left_at_the_foot_of_a_column() {
        let e = |n: usize| Entry::Keys(n.to_string(), String::new());
        let h = |s: &str| Entry::Heading(s.to_owned());
        let list = vec![h("A"), e(1), e(2), h("B"), e(3)];
        let cols = columns(list, 4);
        assert_eq!(cols.len(), 2);
        assert_eq!(cols[1][0], h("B"));
    }

    #[test]
    fn a_section_split_between_columns_is_headed_again() {
        let e = |n: usize| Entry::Keys(n.to_string(), String::new());
        let list = vec![Entry::Heading("A".to_owned()), e(1), e(2), e(3), e(4)];
        let cols = columns(list, 3);
        assert_eq!(cols[1][0], Entry::Heading("A (continued)".to_owned()));
        assert_eq!(cols[1][1], e(3));
    }
}
