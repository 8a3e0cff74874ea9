//! One form field: its text with a cursor, how keys edit it, and its live
//! validation with the engine's validators (the phone shows its E.164 form).
//! The editing itself is the desk's shared [`LineEditor`]. Pure.

use crate::app::keymap::Key;
use crate::app::line_editor::{LineEditor, is_editing_key};
use crate::domain::customer::{normalize_email, normalize_phone, validate_name};
use crate::domain::money::{format_amount, parse_amount};
use crate::domain::typed_date::{DateOrder, parse_date};
use chrono::NaiveDate;
use crossterm::event::KeyCode;

/// What a field holds and how it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text; `max` characters at most.
    Text {
        /// In characters.
        max: usize,
    },
    /// A person's name.
    Name,
    /// An email address.
    Email,
    /// A phone number, local or international.
    Phone,
    /// A whole number in a range.
    Number {
        /// Inclusive.
        min: u32,
        /// Inclusive.
        max: u32,
    },
    /// A money amount in a currency.
    Amount {
        /// ISO 4217 code, which fixes the minor units (`GBP`: 2).
        currency: String,
        /// What is due, minor units: another amount is warned (not refused).
        due: Option<i64>,
    },
    /// A date as people type it ([`parse_date`]): `2026-12-25`, `25/12`,
    /// `tomorrow`, `mon`, `+7`, counted from the location's `today`,
    /// slashes read in its `order`. The hint shows the date it reads.
    Date { today: NaiveDate, order: DateOrder },
    /// A local `HH:MM` time.
    Time,
    /// A PIN: digits, shown masked.
    Pin,
    /// One of a list, changed with Space or ←/→.
    Choice(Vec<String>),
}

/// What contact a booking needs, on the phone and email fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactNeed {
    /// A phone or an email (marked `+`).
    OneOf,
    /// Both (a service that asks for both; marked `*`).
    Both,
}

/// A labelled field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The label (also how the form reads the value).
    pub label: String,
    /// The text as typed (or the chosen option) and the cursor in it.
    input: LineEditor,
    /// The value it opened with, to know whether anything was typed.
    pub initial: String,
    pub kind: FieldKind,
    /// Must not be empty.
    pub required: bool,
    /// The contact a booking needs from this field (the phone, the email),
    /// marked as the form opens and checked on submit unless the booking
    /// is made pending.
    pub contact: Option<ContactNeed>,
    /// What is wrong with it now, shown beside it.
    pub problem: Option<String>,
    /// A helpful rendering (the phone in E.164), shown beside it.
    pub hint: Option<String>,
    /// Worth a second look but allowed (an amount other than what is due),
    /// shown beside it.
    pub warning: Option<String>,
}

impl Field {
    /// A field with an initial value.
    pub fn new(label: &str, kind: FieldKind, required: bool, value: &str) -> Self {
        Self {
            label: label.to_owned(),
            input: LineEditor::new(value),
            initial: value.to_owned(),
            kind,
            required,
            contact: None,
            problem: None,
            hint: None,
            warning: None,
        }
    }

    /// The text as typed (or the chosen option), untrimmed.
    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// Replaces the text, the cursor at its end (a picked customer's
    /// details, a PIN cleared after a refusal).
    pub fn set_value(&mut self, value: &str) {
        self.input.set_value(value);
    }

    /// Puts the cursor `at` characters from the start (at most the end).
    pub fn set_cursor(&mut self, at: usize) {
        self.input.set_cursor(at);
    }

    /// The cursor's place, in characters (Unicode scalar values) from the
    /// start, never inside a grapheme (see [`LineEditor::cursor`]).
    pub fn cursor(&self) -> usize {
        self.input.cursor()
    }

    /// Whether it differs from how it opened.
    pub fn is_dirty(&self) -> bool {
        self.value() != self.initial
    }

    /// Inserts pasted text at the cursor as one line (see
    /// [`LineEditor::paste`]); returns whether the value changed. A choice
    /// takes no paste.
    pub fn paste(&mut self, text: &str) -> bool {
        !matches!(self.kind, FieldKind::Choice(_)) && self.input.paste(text)
    }

    /// Applies an editing key; returns whether the value changed (a key
    /// that only moves the cursor returns false, and is still taken: see
    /// [`Field::takes`]).
    ///
    /// A choice steps with Space or ←/→, or jumps to the option starting
    /// with a typed letter; text edits where the cursor is, with the keys
    /// of [`LineEditor::edit`].
    pub fn edit(&mut self, key: Key) -> bool {
        if let FieldKind::Choice(options) = &self.kind {
            let at = options.iter().position(|o| o == self.value()).unwrap_or(0);
            let next = match key.code {
                KeyCode::Char(' ') | KeyCode::Right => (at + 1) % options.len().max(1),
                KeyCode::Left => (at + options.len().max(1) - 1) % options.len().max(1),
                KeyCode::Char(c) if key.modifiers.is_empty() => {
                    match options.iter().position(|o| o.starts_with(c)) {
                        Some(i) => i,
                        None => return false,
                    }
                }
                _ => return false,
            };
            let chosen = options.get(next).cloned().unwrap_or_default();
            let changed = chosen != self.value();
            self.set_value(&chosen);
            return changed;
        }
        self.input.edit(key).unwrap_or(false)
    }

    /// Whether `key` is one of the field's own editing or cursor keys (so
    /// it is the field's even when it changes nothing, as ← at the start).
    pub fn takes(&self, key: Key) -> bool {
        match self.kind {
            FieldKind::Choice(_) => matches!(
                key.code,
                KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right
            ),
            _ => is_editing_key(key),
        }
    }

    /// Checks the value as typed, setting `problem`, `hint` and `warning`.
    pub fn validate(&mut self, phone_region: &str) {
        let value = self.value().trim().to_owned();
        self.hint = None;
        self.warning = None;
        self.problem = if value.is_empty() {
            self.required.then(|| "required".to_owned())
        } else {
            self.check(&value, phone_region).err()
        };
    }

    fn check(&mut self, value: &str, phone_region: &str) -> Result<(), String> {
        match &self.kind {
            FieldKind::Text { max } if value.chars().count() > *max => {
                Err(format!("at most {max} characters"))
            }
            FieldKind::Text { .. } | FieldKind::Choice(_) => Ok(()),
            FieldKind::Pin => crate::domain::staff::validate_pin(value)
                .map(|_| ())
                .map_err(|e| e.to_string()),
            FieldKind::Name => validate_name(&self.label.to_lowercase(), value)
                .map(|_| ())
                .map_err(|e| e.to_string()),
            FieldKind::Email => normalize_email(value)
                .map(|_| ())
                .map_err(|e| e.to_string()),
            FieldKind::Phone => {
                let e164 = normalize_phone(value, phone_region).map_err(|e| e.to_string())?;
                self.hint = Some(e164);
                Ok(())
            }
            FieldKind::Number { min, max } => match value.parse::<u32>() {
                Ok(n) if (*min..=*max).contains(&n) => Ok(()),
                _ => Err(format!("a number from {min} to {max}")),
            },
            FieldKind::Amount { currency, due } => {
                let amount = parse_amount(value, currency).map_err(|e| e.to_string())?;
                self.warning = due
                    .filter(|d| *d != amount)
                    .map(|d| format!("differs from {} due", format_amount(d, currency)));
                Ok(())
            }
            FieldKind::Date { today, order } => {
                let date = parse_date(value, *today, *order).map_err(|_| {
                    format!("try 2026-12-25, {}, tomorrow, mon, +7", order.example().0)
                })?;
                self.hint = Some(date.format("%a %d %b %Y").to_string());
                Ok(())
            }
            FieldKind::Time => chrono::NaiveTime::parse_from_str(value, "%H:%M")
                .map(|_| ())
                .map_err(|_| "a time as HH:MM".to_owned()),
        }
    }
}
