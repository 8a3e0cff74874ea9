//! One form field as one line: focus mark, label with its required mark, the
//! value (with its cursor when focused, scrolled to keep the cursor in
//! view; `‹ option ›` for a choice) and beside it the live problem in red or
//! the hint in green. Pure.

use crate::app::overlays::form::{ContactNeed, Field, FieldKind};
use crate::domain::text::printable;
use crate::ui::{fit, theme};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

/// Column widths of a form's field lines.
#[derive(Debug, Clone, Copy)]
pub struct Widths {
    /// Label with its required mark.
    pub label: usize,
    pub value: usize,
    pub note: usize,
}

/// The value area when there is room for it.
pub const VALUE: usize = 28;
/// The note beside a value when there is room for it.
pub const NOTE: usize = 30;

impl Widths {
    /// The width of the longest label with its required mark.
    pub fn longest_label(fields: &[Field]) -> usize {
        fields
            .iter()
            .map(|f| f.label.chars().count() + 2)
            .max()
            .unwrap_or(8)
    }

    /// Widths for `fields` in `width` cells: labels as long as the longest
    /// (up to two fifths), the value [`VALUE`] wide or a little over half of
    /// what is left, the note the rest.
    pub fn new(fields: &[Field], width: usize) -> Self {
        let label = Self::longest_label(fields).min(width * 2 / 5).max(6);
        let rest = width.saturating_sub(2 + label + 1 + 2);
        let value = VALUE.min((rest * 11 / 20).max(rest.min(16)));
        let note = rest.saturating_sub(value);
        Self { label, value, note }
    }

    /// The width a form of `fields` would like: every column at its best.
    pub fn wanted(fields: &[Field]) -> usize {
        2 + Self::longest_label(fields) + 1 + VALUE + 2 + NOTE
    }
}

/// The field's line, and whether its note had to be cut to fit.
pub fn line(field: &Field, focused: bool, w: Widths) -> (Line<'static>, bool) {
    let mut spans = Vec::new();
    let label_style = if focused { theme::TITLE } else { Style::new() };
    spans.push(Span::styled(if focused { "› " } else { "  " }, theme::KEY));
    let mark = match (field.required, field.contact) {
        (true, _) | (false, Some(ContactNeed::Both)) => " *",
        (false, Some(ContactNeed::OneOf)) => " +",
        (false, None) => "",
    };
    let label = fit::truncate(&field.label, w.label.saturating_sub(mark.len()));
    let pad = w.label.saturating_sub(fit::width(&label) + mark.len());
    spans.push(Span::styled(label, label_style));
    spans.push(Span::styled(mark, theme::DIM));
    spans.push(Span::raw(" ".repeat(pad + 1)));
    spans.extend(value_spans(field, focused, w.value));
    spans.push(Span::raw("  "));
    let (note, note_style) = note(field, focused);
    let cut = fit::width(&note) > w.note;
    spans.push(Span::styled(fit::truncate(&note, w.note), note_style));
    (Line::from(spans), cut)
}

/// The column of the focused `field`'s cursor from the start of its line,
/// for the terminal's own cursor; `None` for a choice, which has none.
pub fn cursor_column(field: &Field, w: Widths) -> Option<u16> {
    if matches!(field.kind, FieldKind::Choice(_)) {
        return None;
    }
    let spans = editing_spans(field.value(), field.cursor(), w.value);
    let head = spans.first().map_or(0, |s| fit::width(&s.content));
    u16::try_from(2 + w.label + 1 + head).ok()
}

/// What shows beside the field: the problem, a warning, the hint, or how to
/// change a choice.
pub fn note(field: &Field, focused: bool) -> (String, Style) {
    if let Some(problem) = &field.problem {
        (format!("✗ {problem}"), theme::ERROR)
    } else if let Some(warning) = &field.warning {
        (format!("! {warning}"), theme::FIELD_WARNING)
    } else if let Some(hint) = &field.hint {
        (format!("→ {hint}"), theme::FIELD_HINT)
    } else if focused && matches!(field.kind, FieldKind::Choice(_)) {
        ("space to change".to_owned(), theme::DIM)
    } else if let FieldKind::Amount { currency, .. } = &field.kind {
        (format!("in {currency}"), theme::DIM)
    } else {
        (String::new(), theme::DIM)
    }
}

fn value_spans(field: &Field, focused: bool, width: usize) -> Vec<Span<'static>> {
    // A PIN is never drawn: one dot a digit.
    if field.kind == FieldKind::Pin {
        let mut masked = field.clone();
        masked.kind = FieldKind::Text { max: 12 };
        masked.set_value(&"•".repeat(field.value().chars().count()));
        masked.set_cursor(field.cursor());
        return value_spans(&masked, focused, width);
    }
    if let FieldKind::Choice(_) = field.kind {
        let text = fit::truncate(field.value(), width.saturating_sub(4));
        let pad = width.saturating_sub(fit::width(&text) + 4);
        let (arrows, value) = if focused {
            (theme::KEY, theme::TITLE)
        } else {
            (theme::DIM, Style::new())
        };
        return vec![
            Span::styled("‹ ", arrows),
            Span::styled(text, value),
            Span::styled(" ›", arrows),
            Span::raw(" ".repeat(pad)),
        ];
    }
    if focused {
        return editing_spans(field.value(), field.cursor(), width);
    }
    let text = fit::truncate(field.value(), width);
    let pad = width.saturating_sub(fit::width(&text));
    let line = theme::DIM.add_modifier(Modifier::UNDERLINED);
    vec![
        Span::styled(text, Style::new().add_modifier(Modifier::UNDERLINED)),
        Span::styled(" ".repeat(pad), line),
    ]
}

/// The focused value in `width` cells with the cursor on the grapheme at
/// `cursor` (characters from the start; past the end a block): as much of
/// the text before the cursor as fits with what follows it, never less
/// than half the field when the text is longer, and never half a wide
/// character.
fn editing_spans(value: &str, cursor: usize, width: usize) -> Vec<Span<'static>> {
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
