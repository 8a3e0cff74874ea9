//! A line of text being edited (a form field, the customer search, the
//! palette's filter) drawn with its cursor: scrolled to keep the cursor and
//! some of what comes before it in view, never half a wide character,
//! control characters shown as symbols. Pure.

use crate::domain::text::printable;
use crate::ui::{fit, theme};
use ratatui::style::Modifier;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;

/// A line of text being edited, in `width` cells, with the cursor on the grapheme at
/// `cursor` (characters from the start; past the end a block): as much of
/// the text before the cursor as fits with what follows it, never less
/// than half the field when the text is longer, and never half a wide
/// character.
pub fn editing_spans(value: &str, cursor: usize, width: usize) -> Vec<Span<'static>> {
    let graphemes: Vec<String> = value
        .graphemes(true)
        .map(|g| printable(g).into_owned())
        .collect();
    let mut chars = 0;
    let at = graphemes
        .iter()
        .zip(value.graphemes(true))
        .position(|(_, g)| {
            let here = chars >= cursor;
            chars += g.chars().count();
            here
        })
        .unwrap_or(graphemes.len());
    let (before, rest) = graphemes.split_at(at);
    let (under, after) = match rest.split_first() {
        Some((g, after)) => (Some(g.as_str()), after),
        None => (None, rest),
    };
    let cell = under.map_or(1, fit::width).max(1);
    let wide = |gs: &[String]| gs.iter().map(|g| fit::width(g)).sum::<usize>();
    let room = width.saturating_sub(cell);
    let head_room = room
        .saturating_sub(wide(after))
        .max(wide(before).min(room / 2));
    let mut used = 0;
    let head_from = before
        .iter()
        .rposition(|g| {
            used += fit::width(g);
            used > head_room
        })
        .map_or(0, |i| i + 1);
    let head: String = before[head_from..].concat();
    let mut left = room.saturating_sub(fit::width(&head));
    let tail: String = after
        .iter()
        .take_while(|g| {
            let w = fit::width(g);
            let fits = w <= left;
            left = left.saturating_sub(w);
            fits
        })
        .map(String::as_str)
        .collect();
    let pad = room.saturating_sub(fit::width(&head) + fit::width(&tail));
    vec![
        Span::styled(head, theme::EDITING),
        match under {
            // Underlined too, so that it still shows where every cell of
            // the field is reversed (the monochrome theme).
            Some(g) => Span::styled(
                g.to_owned(),
                theme::CARET.add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
            ),
            None => Span::styled("█", theme::CARET),
        },
        Span::styled(tail, theme::EDITING),
        Span::styled(" ".repeat(pad), theme::EDITING),
    ]
}

/// The cell the cursor is drawn in, counted from the start of
/// [`editing_spans`] for the same text, cursor and width: where the
/// terminal's own cursor goes.
pub fn caret_column(value: &str, cursor: usize, width: usize) -> usize {
    editing_spans(value, cursor, width)
        .first()
        .map_or(0, |s| fit::width(&s.content))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spans' text and the cursor cell's text.
    fn drawn(value: &str, cursor: usize, width: usize) -> (String, String) {
        let spans = editing_spans(value, cursor, width);
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        (text, spans[1].content.to_string())
    }

    #[test]
    fn the_cursor_sits_on_its_character_and_the_line_fills_the_width() {
        let (text, under) = drawn("Lovelace", 3, 12);
        assert_eq!(text, "Lovelace    ");
        assert_eq!(under, "e");
        let (text, under) = drawn("Ada", 3, 6);
        assert_eq!((text.as_str(), under.as_str()), ("Ada█  ", "█"));
    }

    #[test]
    fn long_text_scrolls_to_keep_the_cursor_and_some_context_in_view() {
        let long = "Bartholomew-Featherstonehaugh";
        for cursor in 0..=long.chars().count() {
            let (text, under) = drawn(long, cursor, 10);
            assert_eq!(fit::width(&text), 10, "cursor {cursor}: {text:?}");
            let expected = long
                .chars()
                .nth(cursor)
                .map_or("█".to_owned(), String::from);
            assert_eq!(under, expected, "cursor {cursor}");
        }
        // In the middle, half the field shows what comes before.
        let (text, _) = drawn(long, 15, 10);
        assert_eq!(text, "-Featherst", "four before the cursor, on `t`");
    }

    #[test]
    fn wide_characters_are_never_split_and_controls_are_shown_as_symbols() {
        let cjk = "山田花子山田花子";
        for cursor in 0..=8 {
            for width in 1..12 {
                let (text, _) = drawn(cjk, cursor, width);
                assert!(
                    fit::width(&text) <= width.max(2),
                    "{cursor}/{width}: {text:?}"
                );
            }
        }
        let (text, _) = drawn("a\u{1b}b", 0, 6);
        assert!(text.contains('␛'), "{text:?}");
        let (_, under) = drawn("Dr 👩\u{200d}⚕\u{fe0f}", 3, 10);
        assert_eq!(under, "👩\u{200d}⚕\u{fe0f}", "a cluster is one cursor cell");
    }
}
