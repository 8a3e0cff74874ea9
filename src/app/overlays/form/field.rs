//! One form field: its text, how keys edit it, and its live validation with
//! the engine's validators (the phone shows its E.164 form). Pure.

use crate::app::keymap::Key;
use crate::domain::customer::{normalize_email, normalize_phone, validate_name};
use crate::domain::money::{format_amount, parse_amount};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyModifiers};

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
    /// A `YYYY-MM-DD` date.
    Date,
    /// A PIN: digits, shown masked.
    Pin,
    /// One of a list, changed with Space or ←/→.
    Choice(Vec<String>),
}

/// A labelled field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The label (also how the form reads the value).
    pub label: String,
    /// The text as typed (or the chosen option).
    pub value: String,
    /// The value it opened with, to know whether anything was typed.
    pub initial: String,
    pub kind: FieldKind,
    /// Must not be empty.
    pub required: bool,
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
            value: value.to_owned(),
            initial: value.to_owned(),
            kind,
            required,
            problem: None,
            hint: None,
            warning: None,
        }
    }

    /// Whether it differs from how it opened.
    pub fn is_dirty(&self) -> bool {
        self.value != self.initial
    }

    /// Adds pasted text at the end, as one line; returns whether the value
    /// changed. A choice takes no paste.
    pub fn paste(&mut self, text: &str) -> bool {
        if matches!(self.kind, FieldKind::Choice(_)) || text.is_empty() {
            return false;
        }
        self.value.push_str(text);
        true
    }

    /// Applies an editing key; returns whether the value changed.
    pub fn edit(&mut self, key: Key) -> bool {
        if let FieldKind::Choice(options) = &self.kind {
            let at = options.iter().position(|o| *o == self.value).unwrap_or(0);
            let next = match key.code {
                KeyCode::Char(' ') | KeyCode::Right => (at + 1) % options.len().max(1),
                KeyCode::Left => (at + options.len().max(1) - 1) % options.len().max(1),
                KeyCode::Char(c) => match options.iter().position(|o| o.starts_with(c)) {
                    Some(i) => i,
                    None => return false,
                },
                _ => return false,
            };
            self.value = options.get(next).cloned().unwrap_or_default();
            return true;
        }
        match key.code {
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.value.clear();
                true
            }
            KeyCode::Char(_) if !key.modifiers.is_empty() => false,
            KeyCode::Char(c) => {
                self.value.push(c);
                true
            }
            KeyCode::Backspace => self.value.pop().is_some(),
            _ => false,
        }
    }

    /// Checks the value as typed, setting `problem`, `hint` and `warning`.
    pub fn validate(&mut self, phone_region: &str) {
        let value = self.value.trim().to_owned();
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
            FieldKind::Date => NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .map(|_| ())
                .map_err(|_| "a date as YYYY-MM-DD".to_owned()),
        }
    }
}
