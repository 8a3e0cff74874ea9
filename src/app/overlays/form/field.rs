//! One form field: its text with a cursor, how keys edit it, and its live
//! validation with the engine's validators (the phone shows its E.164 form).
//! The editing itself (graphemes, words, wide characters) is `tui-input`'s;
//! this file maps the desk's keys onto it. Pure.

use crate::app::keymap::Key;
use crate::domain::customer::{normalize_email, normalize_phone, validate_name};
use crate::domain::money::{format_amount, parse_amount};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyModifiers};
use tui_input::{Input, InputRequest};

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

/// What contact a booking needs, on the phone and email fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactNeed {
    /// A phone or an email (marked `+`).
    OneOf,
    /// Both (a service that asks for both; marked `*`).
    Both,
}

/// The most characters one paste puts into a field: far over any field's
/// limit, so a pasted book shows the limit's problem rather than freezing
/// the desk.
pub const PASTE_MAX: usize = 20_000;

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
            input: LineEditor(Input::new(value.to_owned())),
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
        self.input.0.value()
    }

    /// Replaces the text, the cursor at its end (a picked customer's
    /// details, a PIN cleared after a refusal).
    pub fn set_value(&mut self, value: &str) {
        self.input.0 = Input::new(value.to_owned());
    }

    /// Puts the cursor `at` characters from the start (at most the end).
    pub fn set_cursor(&mut self, at: usize) {
        self.input.0.handle(InputRequest::SetCursor(at));
    }

    /// The cursor's place, in characters (Unicode scalar values) from the
    /// start: `tui-input` moves it a grapheme at a time, so it never rests
    /// inside an emoji or an accented letter typed as two.
    pub fn cursor(&self) -> usize {
        self.input.0.cursor()
    }

    /// Whether it differs from how it opened.
    pub fn is_dirty(&self) -> bool {
        self.value() != self.initial
    }

    /// Inserts pasted text at the cursor in one splice (a huge paste is
    /// cut at [`PASTE_MAX`] characters; the field's own limit then shows);
    /// returns whether the value changed. A choice takes no paste.
    pub fn paste(&mut self, text: &str) -> bool {
        if matches!(self.kind, FieldKind::Choice(_)) || text.is_empty() {
            return false;
        }
        let text: String = text.chars().take(PASTE_MAX).collect();
        let value = self.value();
        let cursor = self.cursor();
        let at = value
            .char_indices()
            .nth(cursor)
            .map_or(value.len(), |(i, _)| i);
        let joined = format!("{}{text}{}", &value[..at], &value[at..]);
        self.input.0 = Input::new(joined).with_cursor(cursor + text.chars().count());
        true
    }

    /// Applies an editing key; returns whether the value changed (a key
    /// that only moves the cursor returns false, and is still taken: see
    /// [`Field::takes`]).
    ///
    /// A choice steps with Space or ←/→, or jumps to the option starting
    /// with a typed letter. Text edits where the cursor is: ←/→ (`ctrl-b`,
    /// `ctrl-f`) a character, `ctrl-←`/`ctrl-→` (`alt-b`, `alt-f`) a word,
    /// Home/End (`ctrl-a`, `ctrl-e`) to either end; Backspace and Delete
    /// (`ctrl-d`) a character, `ctrl-w` (`alt-backspace`) the word before,
    /// `alt-d` (`ctrl-delete`) the word after, `ctrl-k` to the end,
    /// `ctrl-u` the whole field, `ctrl-y` puts back what was cut.
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
        let Some(request) = editing_request(key) else {
            return false;
        };
        // Compared, not trusted: `ctrl-k` at the end reports a change.
        let before = self.value().to_owned();
        self.input.0.handle(request);
        self.value() != before
    }

    /// Whether `key` is one of the field's own editing or cursor keys (so
    /// it is the field's even when it changes nothing, as ← at the start).
    pub fn takes(&self, key: Key) -> bool {
        match self.kind {
            FieldKind::Choice(_) => matches!(
                key.code,
                KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right
            ),
            _ => editing_request(key).is_some(),
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
            FieldKind::Date => NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .map(|_| ())
                .map_err(|_| "a date as YYYY-MM-DD".to_owned()),
        }
    }
}

/// The text's value and cursor, compared by both (`tui-input`'s `Input`
/// has no equality of its own).
#[derive(Debug, Clone, Default)]
struct LineEditor(Input);

impl PartialEq for LineEditor {
    fn eq(&self, other: &Self) -> bool {
        self.0.value() == other.0.value() && self.0.cursor() == other.0.cursor()
    }
}

impl Eq for LineEditor {}

/// Whether `key` edits or moves in a text field (a typed character, the
/// arrows, Home/End, readline's control and alt keys): the config may not
/// bind such a key in a context whose text fields take it first.
pub fn is_editing_key(key: Key) -> bool {
    editing_request(key).is_some()
}

/// The editing a key asks of a text field, readline's keys (ALT and META
/// alike, since terminals send either for the Alt key); `None` for keys
/// that are not editing keys.
fn editing_request(key: Key) -> Option<InputRequest> {
    use InputRequest::{
        DeleteLine, DeleteNextChar, DeleteNextWord, DeletePrevChar, DeletePrevWord, DeleteTillEnd,
        GoToEnd, GoToNextChar, GoToNextWord, GoToPrevChar, GoToPrevWord, GoToStart, InsertChar,
        Yank,
    };
    let ctrl = key.modifiers == KeyModifiers::CONTROL;
    let alt = key.modifiers == KeyModifiers::ALT;
    let plain = key.modifiers.is_empty();
    Some(match key.code {
        KeyCode::Char(c) if plain => InsertChar(c),
        KeyCode::Left if plain => GoToPrevChar,
        KeyCode::Right if plain => GoToNextChar,
        KeyCode::Left if ctrl || alt => GoToPrevWord,
        KeyCode::Right if ctrl || alt => GoToNextWord,
        KeyCode::Home if plain => GoToStart,
        KeyCode::End if plain => GoToEnd,
        KeyCode::Backspace if plain => DeletePrevChar,
        KeyCode::Backspace if alt || ctrl => DeletePrevWord,
        KeyCode::Delete if plain => DeleteNextChar,
        KeyCode::Delete if ctrl || alt => DeleteNextWord,
        KeyCode::Char(c) if ctrl => match c {
            'a' => GoToStart,
            'e' => GoToEnd,
            'b' => GoToPrevChar,
            'f' => GoToNextChar,
            'h' => DeletePrevChar,
            'd' => DeleteNextChar,
            'w' => DeletePrevWord,
            'k' => DeleteTillEnd,
            'u' => DeleteLine,
            'y' => Yank,
            _ => return None,
        },
        KeyCode::Char(c) if alt => match c {
            'b' => GoToPrevWord,
            'f' => GoToNextWord,
            'd' => DeleteNextWord,
            _ => return None,
        },
        _ => return None,
    })
}
