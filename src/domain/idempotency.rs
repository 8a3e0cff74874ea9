//! Idempotency keys (Boseat, payment APIs): a key names one request, so the
//! same request sent again returns the first result instead of a second
//! booking or payment, and a different request under the same key is a
//! conflict. Here: the key's shape and each request's fingerprint. Pure.

use super::error::BookingError;
use super::ids::BookingId;
use super::requests::{
    BookRequest, BookingFor, CancelRequest, ConfirmRequest, HoldRequest, InitialStatus,
    PaymentInput, WalkInRequest,
};
use serde_json::{Value, json};

/// The longest key taken, in characters ([`super::text::IDEMPOTENCY_KEY`]).
pub const MAX_KEY_CHARS: usize = super::text::IDEMPOTENCY_KEY.max;

/// The write a key was first used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Hold,
    Book,
    Confirm,
    Pay,
    Cancel,
}

impl Operation {
    /// The stored word: `hold`, `book`, `confirm`, `pay`, `cancel`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hold => "hold",
            Self::Book => "book",
            Self::Confirm => "confirm",
            Self::Pay => "pay",
            Self::Cancel => "cancel",
        }
    }
}

/// The key as it is stored: trimmed; `None` when no key was given.
/// Errors (invalid input): empty, longer than [`MAX_KEY_CHARS`], or with a
/// control character.
pub fn clean_key(key: Option<&str>) -> Result<Option<&str>, BookingError> {
    let Some(key) = key.map(str::trim) else {
        return Ok(None);
    };
    if key.is_empty() {
        return Err(BookingError::invalid("idempotency key is empty"));
    }
    super::text::IDEMPOTENCY_KEY.check(key).map(Some)
}

/// Whether a request of `operation` with `fingerprint` may take the result
/// stored under its key (`stored_operation`, `stored_fingerprint`). A key
/// stored before fingerprints (operation `create`, no fingerprint) matches any
/// hold or book, as it did then.
/// Errors: [`BookingError::KeyReused`] for any other request.
pub fn check_replay(
    stored_operation: &str,
    stored_fingerprint: Option<&str>,
    operation: Operation,
    fingerprint: &str,
) -> Result<(), BookingError> {
    let legacy = stored_operation == "create"
        && stored_fingerprint.is_none()
        && matches!(operation, Operation::Hold | Operation::Book);
    if legacy || (stored_operation == operation.as_str() && stored_fingerprint == Some(fingerprint))
    {
        Ok(())
    } else {
        Err(BookingError::KeyReused)
    }
}

fn who(customer: &BookingFor) -> Value {
    match customer {
        BookingFor::Picked(id) => json!({ "customer_id": id.0 }),
        BookingFor::Typed(input) => json!({ "typed": input }),
    }
}

/// A hold's fingerprint: its slot and seats (canonical JSON).
pub fn hold_fingerprint(req: &HoldRequest) -> String {
    json!({ "slot": req.slot.to_string(), "participants": req.participants }).to_string()
}

/// A booking's fingerprint: everything it asks for but its key.
pub fn book_fingerprint(req: &BookRequest) -> String {
    let mut v = json!({
        "slot": req.slot.map(|s| s.to_string()),
        "customer": who(&req.customer),
        "participants": req.participants,
        "message": req.message,
        "answers": req.answers,
        "add_ons": req.add_ons,
        "status": match req.status {
            InitialStatus::Pending => "pending",
            InitialStatus::Confirmed => "confirmed",
            InitialStatus::Requested => "requested",
            InitialStatus::ServiceDefault => "default",
        },
    });
    later_fields(&mut v, &req.choices);
    if let (Some(map), Some(option)) = (v.as_object_mut(), req.payment_option) {
        map.insert("payment_option".into(), json!(option.as_str()));
    }
    v.to_string()
}

/// Fields added after keys were first stored, named only when given, so a
/// key kept from before them still matches its request.
fn later_fields(v: &mut serde_json::Value, choices: &[(String, u32)]) {
    if let Some(map) = v.as_object_mut()
        && !choices.is_empty()
    {
        map.insert("choices".into(), json!(choices));
    }
}

/// A walk-in's fingerprint, kept under [`Operation::Book`] (a key used for
/// a walk-in and a booking alike is a conflict): everything it asks for.
pub fn walk_in_fingerprint(req: &WalkInRequest) -> String {
    json!({
        "walk_in": true,
        "service": req.service.0,
        "slot": req.slot.map(|s| s.to_string()),
        "first_name": req.first_name,
        "last_name": req.last_name,
        "phone": req.phone,
        "participants": req.participants,
    })
    .to_string()
}

/// A confirmation's fingerprint: the booking and what it adds.
pub fn confirm_fingerprint(id: BookingId, req: &ConfirmRequest) -> String {
    let mut v = json!({
        "booking": id.0,
        "customer": req.customer.as_ref().map(who),
        "answers": req.answers,
        "add_ons": req.add_ons,
        "message": req.message,
    });
    later_fields(&mut v, &req.choices);
    v.to_string()
}

/// A payment's fingerprint: the booking, amount, method and reference.
pub fn pay_fingerprint(id: BookingId, payment: &PaymentInput) -> String {
    json!({
        "booking": id.0,
        "amount": payment.amount,
        "method": payment.method.as_str(),
        "reference": payment.reference,
    })
    .to_string()
}

/// A cancellation's fingerprint: the booking and the reason.
pub fn cancel_fingerprint(id: BookingId, req: &CancelRequest) -> String {
    if req.only_hold {
        json!({ "booking": id.0, "reason": req.reason, "release": true }).to_string()
    } else {
        json!({ "booking": id.0, "reason": req.reason }).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PaymentMethod;

    fn cash(amount: i64) -> PaymentInput {
        PaymentInput {
            amount,
            method: PaymentMethod::Cash,
            reference: None,
            idempotency_key: Some("a".into()),
        }
    }

    #[test]
    fn the_same_request_replays_and_any_other_is_a_conflict() {
        let fp = pay_fingerprint(BookingId(1), &cash(500));
        assert_eq!(check_replay("pay", Some(&fp), Operation::Pay, &fp), Ok(()));
        let other = pay_fingerprint(BookingId(1), &cash(501));
        assert_eq!(
            check_replay("pay", Some(&fp), Operation::Pay, &other),
            Err(BookingError::KeyReused)
        );
        assert_eq!(
            check_replay("cancel", Some(&fp), Operation::Pay, &fp),
            Err(BookingError::KeyReused)
        );
        let another_booking = pay_fingerprint(BookingId(2), &cash(500));
        assert_ne!(fp, another_booking);
    }

    #[test]
    fn keys_stored_before_fingerprints_match_holds_and_books_only() {
        assert_eq!(check_replay("create", None, Operation::Hold, "{}"), Ok(()));
        assert_eq!(check_replay("create", None, Operation::Book, "{}"), Ok(()));
        assert_eq!(
            check_replay("create", None, Operation::Pay, "{}"),
            Err(BookingError::KeyReused)
        );
    }

    #[test]
    fn keys_are_trimmed_and_empty_long_or_control_keys_refused() {
        assert_eq!(clean_key(None), Ok(None));
        assert_eq!(clean_key(Some(" k-1 ")), Ok(Some("k-1")));
        let long = "k".repeat(MAX_KEY_CHARS + 1);
        for bad in ["", "  ", "a\u{1b}[2J", "a\nb", long.as_str()] {
            assert!(clean_key(Some(bad)).is_err(), "{bad:?}");
        }
        assert!(clean_key(Some(&long[1..])).is_ok());
    }
}
