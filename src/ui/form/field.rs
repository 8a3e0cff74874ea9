//! One form field as one line: focus mark, label with its required mark, the
//! value (with its cursor when focused, scrolled to keep the cursor in
//! view; `‹ option ›` for a choice) and beside it the live problem in red or
//! the hint in green. Pure.

use crate::app::overlays::form::{ContactNeed, Field, FieldKind};
use crate::ui::{fit, line, theme};
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
    let head = line::caret_column(field.value(), field.cursor(), w.value);
    u16::try_from(2 + w.label + 1 + head).ok()
}

/// What shows beside the field: the problem, a warning, the hint, or how to
/// change a choice (when there is another to change to).
pub fn note(field: &Field, focused: bool) -> (String, Style) {
    if let Some(problem) = &field.problem {
        (format!("✗ {problem}"), theme::ERROR)
    } else if let Some(warning) = &field.warning {
        (format!("! {warning}"), theme::FIELD_WARNING)
    } else if let Some(hint) = &field.hint {
        (format!("→ {hint}"), theme::FIELD_HINT)
    } else if focused && matches!(&field.kind, FieldKind::Choice(options) if options.len() > 1) {
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
        return line::editing_spans(field.value(), field.cursor(), width);
    }
    let text = fit::truncate(field.value(), width);
    let pad = width.saturating_sub(fit::width(&text));
    let line = theme::DIM.add_modifier(Modifier::UNDERLINED);
    vec![
        Span::styled(text, Style::new().add_modifier(Modifier::UNDERLINED)),
        Span::styled(" ".repeat(pad), line),
    ]
}

#[cfg(test)]
mod tests {
    use super::note;
    use crate::app::overlays::form::{Field, FieldKind};

    #[test]
    fn a_choice_of_one_says_nothing_about_changing_it() {
        let one = Field::new(
            "Status",
            FieldKind::Choice(vec!["requested".into()]),
            true,
            "requested",
        );
        assert_eq!(note(&one, true).0, "");
        let two = Field::new(
            "Status",
            FieldKind::Choice(vec!["requested".into(), "confirmed".into()]),
            true,
            "requested",
        );
        assert_eq!(note(&two, true).0, "space to change");
    }
}
