//! Customer details as the desk takes them: names, an email checked with a
//! real validator, a phone parsed with a libphonenumber port into E.164
//! (ReserveKit customer, Sesami `SesamiCustomerObject`), and the identity
//! rule that decides whether typed details are a customer already on file.
//! Pure.

use super::booking::CustomerSummary;
use super::error::BookingError;
use super::text;
use email_address::{EmailAddress, Options};
use phonenumber::country;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Customer details as typed by a person: untrimmed, unvalidated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerInput {
    pub first_name: String,
    pub last_name: String,
    /// Email in any case, or `None`/empty for none.
    pub email: Option<String>,
    /// Phone in local or international format, or `None`/empty for none.
    pub phone: Option<String>,
}

/// Validated customer details: names trimmed and non-empty, email valid,
/// phone in E.164 (`+442079460018`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerDetails {
    /// Given name, trimmed, non-empty.
    pub first_name: String,
    /// Family name, trimmed, non-empty.
    pub last_name: String,
    /// A syntactically valid address with a top-level domain.
    pub email: Option<String>,
    /// E.164 form.
    pub phone: Option<String>,
}

impl CustomerDetails {
    /// Whether the details are enough to confirm a booking: a phone or an
    /// email, or both when the service asks for both (Boseat requires both).
    pub fn check_contact(&self, require_both: bool) -> Result<(), BookingError> {
        match (&self.email, &self.phone, require_both) {
            (Some(_), Some(_), _) | (Some(_), None, false) | (None, Some(_), false) => Ok(()),
            (_, _, true) => Err(BookingError::invalid(
                "this service needs both an email and a phone to confirm",
            )),
            (None, None, false) => Err(BookingError::invalid(
                "confirming needs a phone or an email for the customer",
            )),
        }
    }
}

/// A name as the identity rule compares it: accents and case dropped, runs
/// of spaces made one (`  Zoë  O'Brien ` and `zoe o'brien` agree).
pub fn name_key(name: &str) -> String {
    let plain: String = name
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The identity rule: whether stored customer `on_file` is the person
/// `typed` names. Both names must match (ignoring case and accents) and so
/// must the email (ignoring case) or the phone (E.164). A shared email or
/// phone alone is not enough: families share them, and parents book their
/// children.
pub fn same_person(on_file: &CustomerSummary, typed: &CustomerDetails) -> bool {
    let names = name_key(&on_file.first_name) == name_key(&typed.first_name)
        && name_key(&on_file.last_name) == name_key(&typed.last_name);
    let email = matches!((&on_file.email, &typed.email), (Some(a), Some(b)) if a.to_lowercase() == b.to_lowercase());
    let phone = matches!((&on_file.phone, &typed.phone), (Some(a), Some(b)) if a == b);
    names && (email || phone)
}

/// Validates `input`: names present and plain, email valid, phone parsed,
/// reading local phone
/// numbers in `phone_region` (an ISO 3166 code such as `GB`).
/// Errors: [`BookingError::Invalid`] naming the field.
pub fn validate_customer(
    input: &CustomerInput,
    phone_region: &str,
) -> Result<CustomerDetails, BookingError> {
    Ok(CustomerDetails {
        first_name: validate_name("first name", &input.first_name)?,
        last_name: validate_name("last name", &input.last_name)?,
        email: non_empty(input.email.as_deref())
            .map(normalize_email)
            .transpose()?,
        phone: non_empty(input.phone.as_deref())
            .map(|p| normalize_phone(p, phone_region))
            .transpose()?,
    })
}

/// A walk-in's details: the first name required and plain, the last name
/// plain or blank, the phone parsed in `phone_region` when given; never an
/// email. Errors: [`BookingError::Invalid`] naming the field.
pub fn validate_walk_in(
    first_name: &str,
    last_name: &str,
    phone: Option<&str>,
    phone_region: &str,
) -> Result<CustomerDetails, BookingError> {
    Ok(CustomerDetails {
        first_name: validate_name("first name", first_name)?,
        last_name: text::check_text("last name", text::FIRST_NAME.max, last_name)?.to_owned(),
        email: None,
        phone: non_empty(phone)
            .map(|p| normalize_phone(p, phone_region))
            .transpose()?,
    })
}

fn non_empty(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// A trimmed, non-empty name of at most 100 characters
/// ([`text::FIRST_NAME`]), without control characters; `field` names it in
/// the error (`first name is required`).
pub fn validate_name(field: &str, value: &str) -> Result<String, BookingError> {
    let value = text::check_text(field, text::FIRST_NAME.max, value)?;
    if value.is_empty() {
        return Err(BookingError::invalid(format!("{field} is required")));
    }
    Ok(value.to_owned())
}

/// Checks an email address (RFC 5322 syntax, top-level domain required) and
/// returns it trimmed with its domain lower-cased.
pub fn normalize_email(value: &str) -> Result<String, BookingError> {
    let value = text::EMAIL.check(value)?;
    let parsed = EmailAddress::parse_with_options(value, Options::default().with_required_tld())
        .map_err(|e| BookingError::invalid(format!("email `{value}` is not valid: {e}")))?;
    Ok(format!(
        "{}@{}",
        parsed.local_part(),
        parsed.domain().to_ascii_lowercase()
    ))
}

/// Parses a phone number written locally for `region` (`020 7946 0018` in
/// `GB`) or internationally (`+44 20 7946 0018`) into E.164 (`+442079460018`).
/// Errors: [`BookingError::Invalid`] when it cannot be parsed or is not a
/// valid number.
pub fn normalize_phone(value: &str, region: &str) -> Result<String, BookingError> {
    let value = text::PHONE.check(value)?;
    let region_id: Option<country::Id> = region.parse().ok();
    let bad = || BookingError::invalid(format!("phone `{value}` is not a valid phone number"));
    let number = phonenumber::parse(region_id, value).map_err(|_| bad())?;
    if !phonenumber::is_valid(&number) {
        return Err(bad());
    }
    Ok(number.format().mode(phonenumber::Mode::E164).to_string())
}

/// Loads the phone-number metadata `phonenumber` reads lazily (about 50 ms,
/// once per process), so the first phone the desk shows or reads does not
/// pay for it; the desk calls this on a background thread as it opens.
pub fn load_phone_metadata() {
    let _ = phonenumber::metadata::DATABASE.by_id("GB");
}

/// A phone as the desk shows it: the national format for a number of
/// `region` (`020 7946 0018`), the international one for any other
/// (`+1 202-555-0185`); the stored text unchanged if it does not parse.
pub fn display_phone(e164: &str, region: &str) -> String {
    let Ok(number) = phonenumber::parse(None, e164) else {
        return e164.to_owned();
    };
    // The region's calling code (44 for GB, shared by GG, IM and JE).
    let home = phonenumber::metadata::DATABASE
        .by_id(region)
        .map(phonenumber::Metadata::country_code);
    let mode = if home == Some(number.code().value()) {
        phonenumber::Mode::National
    } else {
        phonenumber::Mode::International
    };
    number.format().mode(mode).to_string()
}

/// A search that looks like (part of) a phone number, in any format the
/// clerk types it: `020 7946 0018`, `+44 20 7946 0018`, `7946 0018`,
/// `07911 123458`. Matches stored E.164 phones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneSearch {
    /// The whole number in E.164, when the search is a valid number.
    whole: Option<String>,
    /// Digit runs any of which a matching phone's digits contain: the
    /// digits typed, and without a national trunk `0`.
    parts: Vec<String>,
}

impl PhoneSearch {
    /// `None` when `text` is not phone-like: it needs four digits or more and
    /// nothing but digits, spaces, `+`, `-`, `.`, `(` and `)`.
    pub fn new(text: &str, region: &str) -> Option<Self> {
        let text = text.trim();
        let phone_like = text
            .chars()
            .all(|c| c.is_ascii_digit() || " +-.()".contains(c));
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        if !phone_like || digits.len() < 4 {
            return None;
        }
        let mut parts = vec![digits.clone()];
        let trunkless = digits.trim_start_matches('0');
        if trunkless.len() >= 4 && trunkless != digits {
            parts.push(trunkless.to_owned());
        }
        Some(Self {
            whole: normalize_phone(text, region).ok(),
            parts,
        })
    }

    /// What a store looks for: the whole number in E.164, and digit runs a
    /// phone's digits may contain.
    pub fn sql_parts(&self) -> (Option<String>, &[String]) {
        (self.whole.clone(), &self.parts)
    }

    /// Whether the stored E.164 `phone` is the number searched for, or
    /// contains the digits typed.
    pub fn matches(&self, phone: &str) -> bool {
        if self.whole.as_deref() == Some(phone) {
            return true;
        }
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        self.parts.iter().any(|p| digits.contains(p.as_str()))
    }
}

/// Whether `region` is a known ISO 3166 region code for phone parsing.
pub fn is_phone_region(region: &str) -> bool {
    region.parse::<country::Id>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_phone_numbers_become_e164_in_the_location_region() {
        assert_eq!(
            normalize_phone("020 7946 0018", "GB").as_deref(),
            Ok("+442079460018")
        );
        assert_eq!(
            normalize_phone("0161 496 0123", "GB").as_deref(),
            Ok("+441614960123")
        );
        assert_eq!(
            normalize_phone("+1 202-555-0185", "GB").as_deref(),
            Ok("+12025550185")
        );
    }

    #[test]
    fn a_phone_is_found_in_any_format_it_is_typed() {
        let stored = "+442079460018";
        for typed in [
            "020 7946 0018",
            "+44 20 7946 0018",
            "02079460018",
            "7946 0018",
            "(020) 7946-0018",
            "020 7946",
        ] {
            let search = PhoneSearch::new(typed, "GB").unwrap();
            assert!(search.matches(stored), "{typed}");
        }
        let mobile = PhoneSearch::new("07911 123458", "GB").unwrap();
        assert!(mobile.matches("+447911123458"));
        assert!(!mobile.matches(stored));
        assert!(
            !PhoneSearch::new("020 7946 0019", "GB")
                .unwrap()
                .matches(stored)
        );
        // Names, emails and short numbers are not phone searches.
        for other in ["Ada", "ada@example.com", "018", "room 12"] {
            assert_eq!(PhoneSearch::new(other, "GB"), None, "{other}");
        }
    }

    #[test]
    fn phones_show_in_the_national_format_at_home_and_international_abroad() {
        assert_eq!(display_phone("+442079460018", "GB"), "020 7946 0018");
        assert_eq!(display_phone("+447911123458", "GB"), "07911 123458");
        assert_eq!(display_phone("+12025550185", "GB"), "+1 202-555-0185");
        assert_eq!(display_phone("not a phone", "GB"), "not a phone");
    }

    #[test]
    fn wrong_phone_numbers_are_refused() {
        for bad in ["12345", "phone", "+44 20 7946", "0000000000000000"] {
            assert!(normalize_phone(bad, "GB").is_err(), "{bad}");
        }
    }

    #[test]
    fn emails_are_checked_with_a_real_validator() {
        assert_eq!(
            normalize_email(" Jane.Doe@Example.COM ").as_deref(),
            Ok("Jane.Doe@example.com")
        );
        for bad in [
            "jane",
            "jane@",
            "@example.com",
            "jane@localhost",
            "a b@c.com",
        ] {
            assert!(normalize_email(bad).is_err(), "{bad}");
        }
    }

    fn on_file(
        first: &str,
        last: &str,
        email: Option<&str>,
        phone: Option<&str>,
    ) -> CustomerSummary {
        CustomerSummary {
            id: crate::domain::CustomerId(1),
            name: format!("{first} {last}"),
            first_name: first.into(),
            last_name: last.into(),
            email: email.map(Into::into),
            phone: phone.map(Into::into),
            created_at: chrono::DateTime::default(),
            updated_at: chrono::DateTime::default(),
        }
    }

    fn typed(first: &str, last: &str, email: Option<&str>, phone: Option<&str>) -> CustomerDetails {
        validate_customer(
            &CustomerInput {
                first_name: first.into(),
                last_name: last.into(),
                email: email.map(Into::into),
                phone: phone.map(Into::into),
            },
            "GB",
        )
        .unwrap()
    }

    #[test]
    fn names_compare_without_case_accents_or_extra_spaces() {
        assert_eq!(name_key("  Zoë   O'Brien "), "zoe o'brien");
        assert_eq!(name_key("ÉLODIE"), name_key("elodie"));
        assert_eq!(name_key("Ｊｏｓé"), "jose", "full-width letters too");
        assert_ne!(name_key("Ada"), name_key("Adam"));
    }

    #[test]
    fn the_same_person_needs_both_names_and_an_email_or_a_phone() {
        let ada = on_file(
            "Ada",
            "Lovelace",
            Some("ada@example.com"),
            Some("+442079460018"),
        );
        // The same person, however the contact is written.
        assert!(same_person(
            &ada,
            &typed("ada", "LOVELACE", Some("ADA@example.com"), None)
        ));
        assert!(same_person(
            &ada,
            &typed("Ada", "Lovelace", None, Some("020 7946 0018"))
        ));
        assert!(same_person(
            &ada,
            &typed("Ada", "Lovelace", None, Some("+44 20 7946 0018"))
        ));
        assert!(same_person(
            &ada,
            &typed("Adá", "Lovelace", Some("ada@example.com"), None)
        ));
        // Someone else with Ada's email or phone: a parent booking a child.
        assert!(!same_person(
            &ada,
            &typed("Charles", "Babbage", Some("ada@example.com"), None)
        ));
        assert!(!same_person(
            &ada,
            &typed("Byron", "Lovelace", None, Some("020 7946 0018"))
        ));
        // The same name but neither contact: a namesake.
        assert!(!same_person(
            &ada,
            &typed("Ada", "Lovelace", Some("other@example.com"), None)
        ));
        assert!(!same_person(&ada, &typed("Ada", "Lovelace", None, None)));
    }

    #[test]
    fn customer_needs_names_and_contact_to_confirm() {
        let input = CustomerInput {
            first_name: " Ada ".into(),
            last_name: "Lovelace".into(),
            email: Some(String::new()),
            phone: None,
        };
        let details = validate_customer(&input, "GB").unwrap();
        assert_eq!(details.first_name, "Ada");
        assert_eq!(details.email, None);
        assert!(details.check_contact(false).is_err());
        let missing = CustomerInput {
            first_name: " ".into(),
            ..input
        };
        assert_eq!(
            validate_customer(&missing, "GB"),
            Err(BookingError::invalid("first name is required"))
        );
    }
}
