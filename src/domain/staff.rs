//! Staff: who is at the desk, with a role and a PIN. Managers alone may
//! refund, delete, force a status and manage staff; with no staff defined
//! the desk runs as one anonymous manager. PINs are checked here for shape
//! only; the store keeps them as argon2 hashes. Pure.

use super::error::BookingError;
use super::ids::StaffId;
use super::status::Role;
use super::text;
use serde::{Deserialize, Serialize};

/// A staff member as the desk and the journal see them (never the PIN).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: StaffId,
    /// Unique, ignoring case; events record it as it was then.
    pub name: String,
    pub role: Role,
    /// A removed member keeps their history but can no longer sign in.
    pub active: bool,
}

/// A staff member's name: trimmed, 1 to 60 characters
/// ([`text::STAFF_NAME`]), no control characters.
/// Errors: [`BookingError::Invalid`] naming the field.
pub fn validate_staff_name(name: &str) -> Result<String, BookingError> {
    Ok(text::STAFF_NAME.check_required(name)?.to_owned())
}

/// A PIN: 4 to 12 digits. Errors: [`BookingError::Invalid`].
pub fn validate_pin(pin: &str) -> Result<&str, BookingError> {
    if (4..=12).contains(&pin.len()) && pin.chars().all(|c| c.is_ascii_digit()) {
        Ok(pin)
    } else {
        Err(BookingError::invalid("a PIN is 4 to 12 digits"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_four_to_twelve_digits_and_names_are_plain() {
        assert!(validate_pin("1111").is_ok());
        assert!(validate_pin("123456789012").is_ok());
        for bad in ["", "123", "1234567890123", "12a4", " 1234", "１２３４"] {
            assert!(validate_pin(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            validate_staff_name("  Dana Reception ").as_deref(),
            Ok("Dana Reception")
        );
        assert!(validate_staff_name("   ").is_err());
        assert!(validate_staff_name("Dana\nX").is_err());
    }
}
