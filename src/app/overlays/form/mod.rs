//! The form overlay: fields edited with the keyboard, validated as they are
//! typed with the engine's validators, submitted once per idempotency key.
//! Its keys come from the `Form` and `Discard` keymap tables; printable keys
//! go to the focused field first. Pure.

mod booking_fields;
mod closure_forms;
mod field;
mod hold_timer;
mod kept;
mod keys;
mod kinds;
mod manager_forms;
mod picker;
mod submission;
mod waitlist_forms;

pub use closure_forms::WHOLE_LOCATION;
pub use field::{ContactNeed, Field, FieldKind};
pub use hold_timer::{HoldLeft, HoldTimer, URGENT, means_hold_gone};
pub use kept::KeptDetails;
pub use keys::key;
pub use kinds::{BookingFilter, FormKind, STEPS, Submitted};
pub use manager_forms::Approval;
pub use picker::{Picker, SHOWN as PICKER_ROWS};

use crate::app::action::Action;
use crate::app::keymap::{Context, Key, Keymap};
use crate::domain::ServiceId;

/// An open form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// What it does on submit.
    pub kind: FormKind,
    pub title: String,
    /// A line of context under the title (the slot, the booking).
    pub subtitle: String,
    /// The fields, in tab order.
    pub fields: Vec<Field>,
    /// Index into `fields` of the one that takes typed keys.
    pub focus: usize,
    /// The engine's refusal of the last submit, shown until the next edit.
    pub error: Option<String>,
    /// One key per form: a repeated submit returns the first booking.
    pub idempotency_key: String,
    /// A submit is on its way; further submits wait for its answer.
    pub submitting: bool,
    /// Asking whether to throw away typed input (after Esc).
    pub confirm_discard: bool,
    /// The customer picker, in forms that name a customer.
    pub picker: Option<Picker>,
    /// The hold a confirm form is for, whose countdown it shows.
    pub hold: Option<HoldTimer>,
    /// The service of the slot a slot's form (reserve, new booking,
    /// walk-in on a slot) is about, kept from when it opened: the board
    /// may show another day by the time it is submitted.
    pub service: Option<ServiceId>,
}

/// The problem on both fields of the one-of pair when neither is given.
pub const CONTACT_NEEDED: &str = "give a phone or an email";
/// The problem on an empty contact field of a service that needs both.
pub const BOTH_NEEDED: &str = "this service needs both an email and a phone";

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
            picker: None,
            hold: None,
            service: None,
        }
    }

    /// Whether the focused field is one of the customer's (name, email,
    /// phone), whose typing the picker searches.
    fn on_customer_field(&self) -> bool {
        self.fields
            .get(self.focus)
            .is_some_and(|f| kinds::CUSTOMER_FIELDS.contains(&f.label.as_str()))
    }

    /// Whether the picker's list is showing for the focused field: its keys
    /// (the `Picker` table) come before the form's.
    pub fn picker_open(&self) -> bool {
        self.on_customer_field() && self.picker.as_ref().is_some_and(Picker::is_open)
    }

    /// The search the picker should run for what is typed now, when it is
    /// new and nobody is picked: the name (first and last), the email or
    /// the phone, whichever field has the focus.
    pub fn picker_search(&mut self) -> Option<String> {
        if !self.on_customer_field() {
            return None;
        }
        let label = self.fields.get(self.focus)?.label.clone();
        let query = match label.as_str() {
            kinds::EMAIL | kinds::PHONE => self.value(&label).to_owned(),
            _ => format!("{} {}", self.value(kinds::FIRST), self.value(kinds::LAST)),
        };
        let picker = self.picker.as_mut().filter(|p| p.picked.is_none())?;
        picker.search(&query).then(|| picker.query.clone())
    }

    /// Handles a key of the `Picker` table; returns whether it was used.
    fn picker_key(&mut self, key: Key, keymap: &Keymap, phone_region: &str) -> bool {
        let Some(picker) = self.picker.as_mut() else {
            return false;
        };
        match keymap.lookup(Context::Picker, key) {
            Some(Action::MoveDown) => picker.step(1),
            Some(Action::MoveUp) if picker.highlight.is_some() => picker.step(-1),
            Some(Action::Back) if picker.highlight.is_some() => picker.highlight = None,
            Some(Action::Open) if picker.highlight.is_some() => {
                let Some(c) = picker.pick().cloned() else {
                    return false;
                };
                let phone = c
                    .phone
                    .as_deref()
                    .map(|p| crate::domain::display_phone(p, phone_region));
                for (label, value) in [
                    (kinds::FIRST, Some(c.first_name.as_str())),
                    (kinds::LAST, Some(c.last_name.as_str())),
                    (kinds::EMAIL, c.email.as_deref()),
                    (kinds::PHONE, phone.as_deref()),
                ] {
                    if let Some(f) = self.fields.iter_mut().find(|f| f.label == label) {
                        f.set_value(value.unwrap_or_default());
                        f.validate(phone_region);
                    }
                }
                self.error = None;
            }
            _ => return false,
        }
        true
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
            .map_or("", |f| f.value().trim())
    }

    /// Re-validates every field with the location's `phone_region`.
    pub fn validate(&mut self, phone_region: &str) {
        for f in &mut self.fields {
            f.validate(phone_region);
        }
    }

    /// Handles one key with `keymap`: while asking about discarding, the
    /// `Discard` table (any other key keeps editing); else printable keys go
    /// to the focused field first, then the `Form` table (next and previous
    /// field, submit, cancel), then the field's own editing keys.
    pub fn handle_key(&mut self, key: Key, keymap: &Keymap, phone_region: &str) -> FormOutcome {
        if self.confirm_discard {
            self.confirm_discard = false;
            return match keymap.lookup(Context::Discard, key) {
                Some(Action::Discard) => FormOutcome::Cancelled,
                _ => FormOutcome::Editing,
            };
        }
        if self.picker_open() && self.picker_key(key, keymap, phone_region) {
            return FormOutcome::Editing;
        }
        if key.typed_char().is_some() && self.edit_focused(key, phone_region) {
            return FormOutcome::Editing;
        }
        let count = self.fields.len().max(1);
        match keymap.lookup(Context::Form, key) {
            Some(Action::NextField) => self.focus = (self.focus + 1) % count,
            Some(Action::PreviousField) => self.focus = (self.focus + count - 1) % count,
            Some(Action::Submit) => return self.try_submit(phone_region),
            // Nothing to go back to: the desk waits for a sign-in.
            Some(Action::Back) if self.kind == FormKind::SignIn => {}
            // A date or a search typed is nothing to lose: Esc just closes.
            Some(Action::Back)
                if self.is_dirty()
                    && !matches!(self.kind, FormKind::GoToDate | FormKind::FindFree) =>
            {
                self.confirm_discard = true;
            }
            Some(Action::Back) => return FormOutcome::Cancelled,
            _ => {
                let taken = self.fields.get(self.focus).is_some_and(|f| f.takes(key));
                if taken {
                    self.edit_focused(key, phone_region);
                } else if key.typed_char().is_none()
                    && keymap.lookup(Context::Global, key) == Some(Action::Quit)
                {
                    // ctrl-c quits elsewhere; here it would lose the form.
                    let back = keymap
                        .key_for(Context::Form, Action::Back)
                        .map_or_else(|| "esc".to_owned(), |k| k.to_string());
                    self.error = Some(format!(
                        "{key} does not quit from a form: {back} leaves it (asking before it throws away what you typed), then {key} quits"
                    ));
                }
            }
        }
        FormOutcome::Editing
    }

    /// The kind of field `label`, if the form has it.
    pub fn kind_of(&self, label: &str) -> Option<&FieldKind> {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(|f| &f.kind)
    }

    /// The date field `label` reads, if it reads one (see
    /// [`FieldKind::Date`]); `None` when it is empty or not a date field.
    pub fn date(&self, label: &str) -> Option<chrono::NaiveDate> {
        let field = self.fields.iter().find(|f| f.label == label)?;
        match field.kind {
            FieldKind::Date { today, order } => {
                crate::domain::typed_date::parse_date(field.value(), today, order).ok()
            }
            _ => None,
        }
    }

    /// Puts pasted `text` into the focused field at its cursor, as one line;
    /// nothing is submitted and no key is run, whatever the text holds.
    /// Returns whether the field took it.
    pub fn paste(&mut self, text: &str, phone_region: &str) -> bool {
        if self.confirm_discard || self.submitting {
            return false;
        }
        let Some(field) = self.fields.get_mut(self.focus) else {
            return false;
        };
        if !field.paste(text) {
            return false;
        }
        field.validate(phone_region);
        self.focused_changed();
        true
    }

    /// Gives `key` to the focused field; true when it changed the value.
    fn edit_focused(&mut self, key: Key, phone_region: &str) -> bool {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return false;
        };
        if !field.edit(key) {
            return false;
        }
        field.validate(phone_region);
        self.focused_changed();
        true
    }

    /// After the focused field's value changed: the last refusal is old
    /// news, a pick no longer stands, and typing one of the pair answers
    /// the other's "needed".
    fn focused_changed(&mut self) {
        self.error = None;
        self.customer_changed();
        if self
            .fields
            .get(self.focus)
            .is_some_and(|f| f.contact.is_some())
        {
            for f in self.fields.iter_mut().filter(|f| f.contact.is_some()) {
                if f.problem.as_deref() == Some(CONTACT_NEEDED)
                    && f.contact == Some(ContactNeed::OneOf)
                {
                    f.problem = None;
                }
            }
        }
    }

    /// Typing in a customer field drops a pick: the person is typed again.
    fn customer_changed(&mut self) {
        if self.on_customer_field()
            && let Some(picker) = self.picker.as_mut()
        {
            picker.picked = None;
        }
    }

    /// The contact submitting now needs, if any: a booking made pending
    /// needs none yet (the engine asks for it when it is confirmed).
    pub fn needs_contact(&self) -> Option<ContactNeed> {
        let need = self.fields.iter().find_map(|f| f.contact)?;
        let pending =
            matches!(self.kind, FormKind::NewBooking(_)) && self.value(kinds::STATUS) == "pending";
        (!pending).then_some(need)
    }

    /// Marks the empty contact fields the booking needs: both when none
    /// of a one-of pair is given, each empty one when both are needed.
    fn check_contact(&mut self) {
        let Some(need) = self.needs_contact() else {
            return;
        };
        let given = |f: &Field| !f.value().trim().is_empty();
        let any = self.fields.iter().any(|f| f.contact.is_some() && given(f));
        let words = match need {
            ContactNeed::OneOf if any => return,
            ContactNeed::OneOf => CONTACT_NEEDED,
            ContactNeed::Both => BOTH_NEEDED,
        };
        for f in self
            .fields
            .iter_mut()
            .filter(|f| f.contact.is_some() && f.value().trim().is_empty())
        {
            f.problem = Some(words.to_owned());
        }
    }

    /// Validates everything; on a problem focuses the first bad field.
    fn try_submit(&mut self, phone_region: &str) -> FormOutcome {
        if self.submitting {
            return FormOutcome::Editing;
        }
        self.validate(phone_region);
        self.check_contact();
        if let Some(bad) = self.fields.iter().position(|f| f.problem.is_some()) {
            self.focus = bad;
            self.error = Some("fix the highlighted field first".to_owned());
            return FormOutcome::Editing;
        }
        FormOutcome::Submit
    }
}

#[cfg(test)]
mod editing_tests;
#[cfg(test)]
mod tests;
