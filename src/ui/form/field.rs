//! One form field as one line: focus mark, label with its required mark, the
//! value (a cursor when focused, `‹ option ›` for a choice) and beside it the
//! live problem in red or the hint in green. Pure.

use crate::app::form::{Field, FieldKind};
use crate::ui::bookings::style::{self, DIM, KEY};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

/// The problem beside a field.
pub const PROBLEM: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
/// A helpful rendering beside a field (the phone in E.164).
pub const HINT: Style = Style::new().fg(Color::Green).add_modifier(Modifier::DIM);
/// The focused field's value area.
pub const EDITING: Style = Style::new().fg(Color::White).bg(Color::DarkGray);

/// Column widths of a form's field lines.
#[derive(Debug, Clone, Copy)]
pub struct Widths {
    /// Label with its required mark.
    pub label: usize,
    /// The value area.
    pub value: usize,
    /// The note beside it.
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
    let label_style = if focused {
        Style::new().add_modifier(Modifier::BOLD)
    } else {
        Style::new()
    };
    spans.push(Span::styled(if focused { "› " } else { "  " }, KEY));
    let mark = if field.required { " *" } else { "" };
    let label = style::fit(&field.label, w.label.saturating_sub(mark.len()));
    let pad = w.label.saturating_sub(label.chars().count() + mark.len());
    spans.push(Span::styled(label, label_style));
    spans.push(Span::styled(mark, DIM));
    spans.push(Span::raw(" ".repeat(pad + 1)));
    spans.extend(value_spans(field, focused, w.value));
    spans.push(Span::raw("  "));
    let (note, note_style) = note(field, focused);
    let cut = note.chars().count() > w.note;
    spans.push(Span::styled(style::fit(&note, w.note), note_style));
    (Line::from(spans), cut)
}

/// What shows beside the field: the problem, the hint, or how to change a choice.
pub fn note(field: &Field, focused: bool) -> (String, Style) {
    if let Some(problem) = &field.problem {
        (format!("✗ {problem}"), PROBLEM)
    } else if let Some(hint) = &field.hint {
        (format!("→ {hint}"), HINT)
    } else if focused && matches!(field.kind, FieldKind::Choice(_)) {
        ("space to change".to_owned(), DIM)
    } else if let FieldKind::Amount { currency } = &field.kind {
        (format!("in {currency}"), DIM)
    } else {
        (String::new(), DIM)
    }
}

fn value_spans(field: &Field, focused: bool, width: usize) -> Vec<Span<'static>> {
    if let FieldKind::Choice(_) = field.kind {
        let text = style::fit(&field.value, width.saturating_sub(4));
        let pad = width.saturating_sub(text.chars().count() + 4);
        let (arrows, value) = if focused {
            (KEY, Style::new().add_modifier(Modifier::BOLD))
        } else {
            (DIM, Style::new())
        };
        return vec![
            Span::styled("‹ ", arrows),
            Span::styled(text, value),
            Span::styled(" ›", arrows),
            Span::raw(" ".repeat(pad)),
        ];
    }
    if focused {
        let room = width.saturating_sub(1);
        let count = field.value.chars().count();
        let shown: String = field
            .value
            .chars()
            .skip(count.saturating_sub(room))
            .collect();
        let pad = room.saturating_sub(shown.chars().count());
        return vec![
            Span::styled(shown, EDITING),
            Span::styled("█", EDITING.fg(Color::Cyan)),
            Span::styled(" ".repeat(pad), EDITING),
        ];
    }
    let text = style::fit(&field.value, width);
    let pad = width.saturating_sub(text.chars().count());
    let line = DIM.add_modifier(Modifier::UNDERLINED);
    vec![
        Span::styled(text, Style::new().add_modifier(Modifier::UNDERLINED)),
        Span::styled(" ".repeat(pad), line),
    ]
}
