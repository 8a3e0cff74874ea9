//! Modal forms: fields edited with the keyboard, validated as they are typed
//! with the engine's validators, submitted once per idempotency key. Pure.

mod field;
mod kinds;
mod submission;

pub use field::{Field, FieldKind};
pub use kinds::{BookingFilter, FormKind, Submitted};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// An open form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// What it does on submit.
    pub kind: FormKind,
    /// Its title.
    pub title: String,
    /// A line of context under the title (the slot, the booking).
    pub subtitle: String,
    /// The fields, in tab order.
    pub fields: Vec<Field>,
    /// The focused field.
    pub focus: usize,
    /// The engine's refusal of the last submit, shown until the next edit.
    pub error: Option<String>,
    /// One key per form: a repeated submit returns the first booking.
    pub idempotency_key: String,
    /// A submit is on its way; further submits wait for its answer.
    pub submitting: bool,
    /// Asking whether to throw away typed input (after Esc).
    pub confirm_discard: bool,
}

/// What a key did to a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormOutcome {
    /// Still editing.
    Editing,
    /// Submit asked for and every field is valid.
    Submit,
    /// Closed without submitting.
    Cancelled,
}

impl Form {
    /// A form of `kind` with `fields`, focused on the first.
    pub fn new(
        kind: FormKind,
        title: &str,
        subtitle: String,
        fields: Vec<Field>,
        idempotency_key: String,
    ) -> Self {
        Self {
            kind,
            title: title.to_owned(),
            subtitle,
            fields,
            focus: 0,
            error: None,
            idempotency_key,
            submitting: false,
            confirm_discard: false,
        }
    }

    /// Whether anything was typed (so Esc asks before discarding).
    pub fn is_dirty(&self) -> bool {
        self.fields.iter().any(Field::is_dirty)
    }

    /// The value of the field labelled `label`, trimmed.
    pub fn value(&self, label: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map_or("", |f| f.value.trim())
    }

    /// Re-validates every field with the location's `phone_region`.
    pub fn validate(&mut self, phone_region: &str) {
        for f in &mut self.fields {
            f.validate(phone_region);
        }
    }

    /// Handles one key: printable keys go to the field first; Tab and
    /// Shift-Tab move; Enter or Ctrl-S submit; Esc cancels (asking first if
    /// something was typed).
    pub fn handle_key(&mut self, key: &KeyEvent, phone_region: &str) -> FormOutcome {
        if self.confirm_discard {
            return match key.code {
                KeyCode::Char('y' | 'Y') => FormOutcome::Cancelled,
                _ => {
                    self.confirm_discard = false;
                    FormOutcome::Editing
                }
            };
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc if self.is_dirty() => {
                self.confirm_discard = true;
                FormOutcome::Editing
            }
            KeyCode::Esc => FormOutcome::Cancelled,
            KeyCode::Char('s') if ctrl => self.try_submit(phone_region),
            KeyCode::Enter => self.try_submit(phone_region),
            KeyCode::Tab | KeyCode::Down => {
                self.focus = (self.focus + 1) % self.fields.len().max(1);
                FormOutcome::Editing
            }
            KeyCode::BackTab | KeyCode::Up => {
                self.focus = (self.focus + self.fields.len().max(1) - 1) % self.fields.len().max(1);
                FormOutcome::Editing
            }
            _ => {
                if let Some(field) = self.fields.get_mut(self.focus)
                    && field.edit(key)
                {
                    field.validate(phone_region);
                    self.error = None;
                }
                FormOutcome::Editing
            }
        }
    }

    /// Validates everything; on a problem focuses the first bad field.
    fn try_submit(&mut self, phone_region: &str) -> FormOutcome {
        if self.submitting {
            return FormOutcome::Editing;
        }
        self.validate(phone_region);
        if let Some(bad) = self.fields.iter().position(|f| f.problem.is_some()) {
            self.focus = bad;
            self.error = Some("fix the highlighted field first".to_owned());
            return FormOutcome::Editing;
        }
        FormOutcome::Submit
    }
}

#[cfg(test)]
mod tests;
