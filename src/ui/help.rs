//! The help overlay: every keymap table — the screens, everywhere, and each
//! overlay — with what its bindings do, from the live keymap, flowed into as
//! many columns as needed.

use super::{boxes, fit, theme};
use crate::app::keymap::{Binding, Context};
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
/// the key column.
const KEY_COLUMN: usize = 12;

/// The key column's width for each entry: the widest keys of its section
/// (up to [`KEY_COLUMN`]), so each section lines up on its own.
fn key_widths(col: &[Entry]) -> Vec<usize> {
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
                .filter(|w| *w <= KEY_COLUMN)
                .max()
                .unwrap_or(0);
            out[start..end].fill(w);
            start = end;
        }
    }
    out
}

fn lines(col: &[Entry], width: usize) -> Vec<Line<'static>> {
    col.iter()
        .zip(key_widths(col))
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

/// Columns narrower than this are paged instead of squeezed.
const MIN_COLUMN: usize = 24;

/// Draws page `page` (counted round, so any number is a page) of the help
/// centred over `area`: as many columns as fit at [`MIN_COLUMN`] or wider.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState, page: i32) {
    let inner_h = usize::from(area.height.saturating_sub(2));
    let all = columns(entries(state), inner_h);
    let room = usize::from(area.width.saturating_sub(4));
    let per_page = (room / MIN_COLUMN).clamp(1, all.len().max(1));
    let pages = all.len().div_ceil(per_page).max(1);
    let page = page.rem_euclid(pages as i32) as usize;
    let cols = all.chunks(per_page).nth(page).unwrap_or_default();
    let tallest = all.iter().map(Vec::len).max().unwrap_or(0);
    // A last page with fewer columns gives them the room.
    let col_w = (room / cols.len().max(1)).min(46);
    let box_w = (col_w * cols.len().max(1) + 2) as u16;
    let popup = fit::centered(area, box_w, (tallest + 2) as u16);
    let close = help_key(state, Action::Back);
    let footnote = if pages > 1 {
        format!(
            " page {} of {pages} · {} more · {close} closes ",
            page + 1,
            help_key(state, Action::PageDown)
        )
    } else {
        format!(" from the live keymap · {close} closes ")
    };
    let block = boxes::panel("Keys")
        .border_style(theme::OVERLAY_BORDER)
        .title_bottom(boxes::footnote(footnote));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    for (i, col) in cols.iter().enumerate() {
        let x = inner.x + (i * col_w) as u16;
        let rect = Rect {
            x,
            width: (col_w as u16).min(inner.right().saturating_sub(x)),
            ..inner
        };
        frame.render_widget(Paragraph::new(lines(col, col_w)), rect);
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
