//! One form field as one line: focus mark, label with its required mark, the
//! value (a cursor when focused, `‹ option ›` for a choice) and beside it the
//! live problem in red or the hint in green. Pure.

use crate::app::overlays::form::{Field, FieldKind};
use crate::ui::{fit, theme};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

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
    let mark = if field.required { " *" } else { "" };
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
        let masked = Field {
            value: "•".repeat(field.value.chars().count()),
            kind: FieldKind::Text { max: 12 },
            ..field.clone()
        };
        return value_spans(&masked, focused, width);
    }
    if let FieldKind::Choice(_) = field.kind {
        let text = fit::truncate(&field.value, width.saturating_sub(4));
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
        let room = width.saturating_sub(1);
        let count = field.value.chars().count();
        let shown: String = field
            .value
            .chars()
            .skip(count.saturating_sub(room))
            .collect();
        let pad = room.saturating_sub(shown.chars().count());
        return vec![
            Span::styled(shown, theme::EDITING),
            Span::styled("█", theme::CARET),
            Span::styled(" ".repeat(pad), theme::EDITING),
        ];
    }
    let text = fit::truncate(&field.value, width);
    let pad = width.saturating_sub(fit::width(&text));
    let line = theme::DIM.add_modifier(Modifier::UNDERLINED);
    vec![
        Span::styled(text, Style::new().add_modifier(Modifier::UNDERLINED)),
        Span::styled(" ".repeat(pad), line),
    ]
}
