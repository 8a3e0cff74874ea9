//! Free text as the engine takes it and as it is shown: one rule for every
//! field a person types (no control characters, a length limit per field,
//! trimmed), the limits in one table, and [`printable`] for showing stored
//! text that an older database may hold with control characters. Pure.

use super::error::BookingError;
use std::borrow::Cow;

/// A free-text field: its name as a message says it, and its most
/// characters (Unicode scalar values, counted after trimming).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextField {
    /// As messages name it: `cancel reason`.
    pub name: &'static str,
    /// At most this many characters.
    pub max: usize,
}

/// A booking's note. The note is one line like every other field: a line
/// break is refused (the desk's form folds a pasted one into a space).
pub const MESSAGE: TextField = TextField {
    name: "message",
    max: 2000,
};
/// An answer to an intake question.
pub const ANSWER: TextField = TextField {
    name: "answer",
    max: 1000,
};
/// Why a booking was cancelled.
pub const CANCEL_REASON: TextField = TextField {
    name: "cancel reason",
    max: 500,
};
/// Why a request or a pending booking was declined.
pub const DECLINE_REASON: TextField = TextField {
    name: "decline reason",
    max: 500,
};
/// Why a manager forced a status.
pub const FORCE_REASON: TextField = TextField {
    name: "reason",
    max: 500,
};
/// A till or terminal reference.
pub const PAYMENT_REFERENCE: TextField = TextField {
    name: "payment reference",
    max: 100,
};
/// A customer's given name.
pub const FIRST_NAME: TextField = TextField {
    name: "first name",
    max: 100,
};
/// A customer's family name.
pub const LAST_NAME: TextField = TextField {
    name: "last name",
    max: 100,
};
/// An email address (RFC 5321's limit on a path).
pub const EMAIL: TextField = TextField {
    name: "email",
    max: 254,
};
/// A phone number as typed, in any format.
pub const PHONE: TextField = TextField {
    name: "phone",
    max: 40,
};
/// A staff member's name.
pub const STAFF_NAME: TextField = TextField {
    name: "staff name",
    max: 60,
};
/// An idempotency key (a UUID is 36).
pub const IDEMPOTENCY_KEY: TextField = TextField {
    name: "idempotency key",
    max: 200,
};
/// A catalog key (`physio`).
pub const CATALOG_KEY: TextField = TextField {
    name: "key",
    max: 60,
};
/// A catalog name: location, service, resource, add-on, resource kind.
pub const CATALOG_NAME: TextField = TextField {
    name: "name",
    max: 100,
};
/// A service's short name for narrow columns (`Assessment`): the catalog
/// file's `short_name`.
pub const SHORT_NAME: TextField = TextField {
    name: "short_name",
    max: 12,
};
/// An intake question's wording.
pub const QUESTION: TextField = TextField {
    name: "question",
    max: 200,
};
/// A closure's reason, shown to staff.
pub const CLOSURE_REASON: TextField = TextField {
    name: "reason",
    max: 200,
};

/// Whether `c` is refused in typed text and replaced when shown: a control
/// character (C0, DEL, C1: `char::is_control`), a bidirectional embedding,
/// override or isolate (U+202A–U+202E, U+2066–U+2069: they reorder what a
/// terminal shows after them, so a note can disguise itself), or a line or
/// paragraph separator (U+2028, U+2029).
pub fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// The name of the control character `c` as a message gives it:
/// `U+001B (escape)`.
fn describe(c: char) -> String {
    let name = match c {
        '\0' => " (NUL)",
        '\u{7}' => " (bell)",
        '\u{8}' => " (backspace)",
        '\t' => " (tab)",
        '\n' => " (line break)",
        '\r' => " (carriage return)",
        '\u{1b}' => " (escape)",
        '\u{7f}' => " (delete)",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => " (text direction)",
        '\u{2028}' | '\u{2029}' => " (line separator)",
        _ => "",
    };
    format!("U+{:04X}{name}", u32::from(c))
}

/// [`TextField::check`] for a field whose name is known only at run time
/// (a form's label): `value` trimmed, without control characters, at most
/// `max` characters. Errors: [`BookingError::Invalid`] naming `name`.
pub fn check_text<'a>(name: &str, max: usize, value: &'a str) -> Result<&'a str, BookingError> {
    let value = value.trim();
    if let Some(c) = value.chars().find(|c| is_control(*c)) {
        return Err(BookingError::invalid(format!(
            "{name} contains a control character: {}",
            describe(c)
        )));
    }
    if value.chars().nth(max).is_some() {
        return Err(BookingError::invalid(format!(
            "{name} is longer than {max} characters"
        )));
    }
    Ok(value)
}

impl TextField {
    /// `value` trimmed, when it has no control character ([`is_control`])
    /// and at most [`TextField::max`] characters. Empty
    /// is allowed: whether a field is required is the caller's rule.
    /// Errors: [`BookingError::Invalid`] naming the field
    /// (`cancel reason contains a control character: U+001B (escape)`,
    /// `cancel reason is longer than 500 characters`).
    pub fn check<'a>(&self, value: &'a str) -> Result<&'a str, BookingError> {
        check_text(self.name, self.max, value)
    }

    /// Like [`TextField::check`], with a blank value read as none.
    pub fn check_optional<'a>(
        &self,
        value: Option<&'a str>,
    ) -> Result<Option<&'a str>, BookingError> {
        Ok(value
            .map(|v| self.check(v))
            .transpose()?
            .filter(|v| !v.is_empty()))
    }

    /// Like [`TextField::check`], with a blank value refused as
    /// `{name} is required`.
    pub fn check_required<'a>(&self, value: &'a str) -> Result<&'a str, BookingError> {
        let value = self.check(value)?;
        if value.is_empty() {
            return Err(BookingError::invalid(format!("{} is required", self.name)));
        }
        Ok(value)
    }

    /// The same field named for a message about one entry:
    /// `ANSWER.named("answer to `Reason for visit`")`.
    #[must_use]
    pub fn named(self, name: &'static str) -> Self {
        Self { name, ..self }
    }
}

/// `text` safe to print on a terminal: each control character
/// ([`is_control`]) replaced by a visible one — C0 by its Unicode control
/// picture (`ESC` → `␛`, NUL → `␀`, a line break → `␤`), DEL by `␡`, the
/// others (C1, direction and separator controls) by `�` —
/// so stored text can never move the cursor, clear the screen or retitle
/// the terminal, and a stored line break cannot forge a line of output.
/// Borrowed when there is nothing to replace.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match u32::from(c) {
                0x0a => '\u{2424}',
                code @ 0x00..=0x1f => char::from_u32(0x2400 + code).unwrap_or('\u{fffd}'),
                0x7f => '\u{2421}',
                _ if is_control(c) => '\u{fffd}',
                _ => c,
            })
            .collect(),
    )
}

/// `text` without a trailing `(…)` note: `Reformer Pilates (small group)`
/// → `Reformer Pilates`, `Tom Whitfield (sports therapist)` → `Tom
/// Whitfield`.
pub fn without_note(text: &str) -> &str {
    match text.find(" (") {
        Some(at) if at > 0 => text[..at].trim_end(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_with_the_field_named() {
        for bad in [
            "a\u{1b}[2Jb",
            "bell\u{7}",
            "nul\0",
            "two\nlines",
            "tab\there",
            "c1\u{9b}31m",
            "del\u{7f}",
            "\u{202e}evil",
            "iso\u{2067}late",
            "para\u{2029}graph",
        ] {
            let e = CANCEL_REASON.check(bad).unwrap_err().to_string();
            assert!(
                e.starts_with("cancel reason contains a control character"),
                "{bad:?}: {e}"
            );
        }
        assert_eq!(
            CANCEL_REASON.check("x\u{1b}").unwrap_err().to_string(),
            "cancel reason contains a control character: U+001B (escape)"
        );
    }

    #[test]
    fn ends_are_trimmed_and_plain_unicode_is_kept() {
        assert_eq!(
            CANCEL_REASON.check("  Zoë ill — 发烧 🤒 \n"),
            Ok("Zoë ill — 发烧 🤒")
        );
        assert_eq!(CANCEL_REASON.check(""), Ok(""));
        assert_eq!(MESSAGE.check_optional(Some("  ")), Ok(None));
        assert_eq!(MESSAGE.check_optional(None), Ok(None));
        assert_eq!(
            CANCEL_REASON.check_required(" ").unwrap_err().to_string(),
            "cancel reason is required"
        );
    }

    #[test]
    fn the_limit_counts_characters_not_bytes_and_its_boundary_is_allowed() {
        let at = "é".repeat(PAYMENT_REFERENCE.max);
        assert_eq!(PAYMENT_REFERENCE.check(&at), Ok(at.as_str()));
        let over = "é".repeat(PAYMENT_REFERENCE.max + 1);
        assert_eq!(
            PAYMENT_REFERENCE.check(&over).unwrap_err().to_string(),
            "payment reference is longer than 100 characters"
        );
        let huge = "x".repeat(120_000);
        assert!(ANSWER.check(&huge).is_err());
    }

    #[test]
    fn printable_replaces_every_control_character_visibly() {
        assert_eq!(
            printable("a\u{1b}]0;pwned\u{7}b\0c\nd\u{7f}e\u{9b}f\tg"),
            "a␛]0;pwned␇b␀c␤d␡e\u{fffd}f␉g"
        );
        assert_eq!(printable("a\u{202e}b\u{2028}c"), "a\u{fffd}b\u{fffd}c");
        assert!(matches!(
            printable("plain Zoë 👩‍👧 می‌خواهم"),
            Cow::Borrowed(_)
        ));
        let all: String = (0u32..0x200).filter_map(char::from_u32).collect();
        assert!(!printable(&all).chars().any(char::is_control));
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_checked_without_panic_and_printed_without_controls(text in "(?s).*") {
            let shown = printable(&text);
            proptest::prop_assert!(!shown.chars().any(is_control));
            proptest::prop_assert_eq!(shown.chars().count(), text.chars().count());
            if let Ok(kept) = MESSAGE.check(&text) {
                proptest::prop_assert!(!kept.chars().any(is_control));
                proptest::prop_assert!(kept.chars().count() <= MESSAGE.max);
            }
        }
    }
}
