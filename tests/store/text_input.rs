//! Free text on the way in: every field a person types refuses control
//! characters (ESC, BEL, NUL, a line break) and text over its limit, names
//! the field, and changes nothing.
#![allow(clippy::unwrap_used)]

use crate::support::{
    MONDAY, book_request, counts, hold_request, jane, now, open, rule_error, slot,
};
use slotdesk::domain::customer::CustomerInput;
use slotdesk::domain::{
    BookingEdit, BookingError, BookingStatus, ConfirmRequest, CustomerPatch, PaymentInput,
    PaymentMethod, Role,
};
use slotdesk::store::Store;

/// The refusal's words, after checking it is an invalid-input refusal that
/// changed nothing.
fn refused_with<T: std::fmt::Debug>(
    store: &mut Store,
    write: impl FnOnce(&mut Store) -> Result<T, slotdesk::store::StoreError>,
) -> String {
    let before = counts(store);
    let err = rule_error(write(store));
    assert!(matches!(err, BookingError::Invalid(_)), "{err}");
    assert_eq!(counts(store), before, "a refused write changes nothing");
    err.to_string()
}

const ESC: &str = "\u{1b}]0;owned\u{7}\u{1b}[2J";

#[test]
fn a_cancel_reason_with_an_escape_or_over_500_characters_is_refused() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let b = store.book(&book_request(physio, jane()), now()).unwrap();
    let e = refused_with(&mut store, |s| s.cancel(b.id, &format!("ill{ESC}"), now()));
    assert_eq!(
        e,
        "cancel reason contains a control character: U+001B (escape)"
    );
    let e = refused_with(&mut store, |s| s.cancel(b.id, &"x".repeat(120_000), now()));
    assert_eq!(e, "cancel reason is longer than 500 characters");
    let e = refused_with(&mut store, |s| {
        s.force_status(b.id, BookingStatus::Cancelled, "a\0b", Role::Manager, now())
    });
    assert!(e.starts_with("reason contains a control character"), "{e}");
    assert_eq!(
        store.booking(b.id).unwrap().status,
        BookingStatus::Confirmed
    );
    store.cancel(b.id, &"x".repeat(500), now()).unwrap();
}

#[test]
fn a_message_with_a_control_character_is_refused_on_book_confirm_and_edit() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let mut req = book_request(physio, jane());
    req.message = Some(format!("note{ESC}"));
    let e = refused_with(&mut store, |s| s.book(&req, now()));
    assert_eq!(e, "message contains a control character: U+001B (escape)");
    req.message = Some("\u{202e}gnirts desrever".into());
    let e = refused_with(&mut store, |s| s.book(&req, now()));
    assert_eq!(
        e,
        "message contains a control character: U+202E (text direction)"
    );
    req.message = Some("first line\nsecond line".into());
    let e = refused_with(&mut store, |s| s.book(&req, now()));
    assert_eq!(
        e,
        "message contains a control character: U+000A (line break)"
    );

    let hold = store.hold(&hold_request(physio, 1), now()).unwrap();
    let confirm = ConfirmRequest {
        customer: Some(jane().into()),
        message: Some("bell\u{7}".into()),
        ..ConfirmRequest::default()
    };
    let e = refused_with(&mut store, |s| s.confirm_with(hold.id, &confirm, now()));
    assert!(e.starts_with("message contains a control character"), "{e}");
    let edit = BookingEdit {
        message: Some("nul\0".into()),
        ..BookingEdit::default()
    };
    req.message = None;
    let yoga = slot(&store, "yoga", "studio", "18:00", MONDAY);
    req.slot = Some(yoga);
    let b = store.book(&req, now()).unwrap();
    let e = refused_with(&mut store, |s| s.edit_booking(b.id, &edit, now()));
    assert!(e.starts_with("message contains a control character"), "{e}");
}

#[test]
fn a_payment_reference_with_a_control_character_or_over_100_characters_is_refused() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let b = store.book(&book_request(physio, jane()), now()).unwrap();
    let pay = |reference: String| PaymentInput {
        amount: 5500,
        method: PaymentMethod::Card,
        reference: Some(reference),
        idempotency_key: None,
    };
    let e = refused_with(&mut store, |s| {
        s.pay(b.id, &pay(format!("T-1{ESC}")), now())
    });
    assert!(
        e.starts_with("payment reference contains a control character"),
        "{e}"
    );
    let e = refused_with(&mut store, |s| {
        s.pay(b.id, &pay("7".repeat(120_000)), now())
    });
    assert_eq!(e, "payment reference is longer than 100 characters");
    store.pay(b.id, &pay("7".repeat(100)), now()).unwrap();
}

#[test]
fn customer_details_over_their_limits_are_refused() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let huge = "a".repeat(120_000);
    let who = CustomerInput {
        email: Some(format!("{huge}@example.com")),
        ..jane()
    };
    let e = refused_with(&mut store, |s| s.book(&book_request(physio, who), now()));
    assert_eq!(e, "email is longer than 254 characters");
    let who = CustomerInput {
        email: None,
        phone: Some("0".repeat(120_000)),
        ..jane()
    };
    let e = refused_with(&mut store, |s| s.book(&book_request(physio, who), now()));
    assert_eq!(e, "phone is longer than 40 characters");
    let who = CustomerInput {
        first_name: format!("Jane{ESC}"),
        ..jane()
    };
    let e = refused_with(&mut store, |s| s.book(&book_request(physio, who), now()));
    assert_eq!(
        e,
        "first name contains a control character: U+001B (escape)"
    );

    let b = store.book(&book_request(physio, jane()), now()).unwrap();
    let id = b.customer.unwrap().id;
    let patch = CustomerPatch {
        last_name: Some(format!("Doe{ESC}")),
        ..CustomerPatch::default()
    };
    let e = refused_with(&mut store, |s| s.edit_customer(id, &patch, now()));
    assert!(
        e.starts_with("last name contains a control character"),
        "{e}"
    );
}

#[test]
fn an_idempotency_key_with_a_control_character_or_over_200_characters_is_refused() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let mut hold = hold_request(physio, 1);
    hold.idempotency_key = Some("k".repeat(120_000));
    let e = refused_with(&mut store, |s| s.hold(&hold, now()));
    assert_eq!(e, "idempotency key is longer than 200 characters");
    hold.idempotency_key = Some(format!("k{ESC}"));
    let e = refused_with(&mut store, |s| s.hold(&hold, now()));
    assert!(
        e.starts_with("idempotency key contains a control character"),
        "{e}"
    );
}
