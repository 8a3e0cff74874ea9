//! The payment option chosen at booking (Wix `selectedPaymentOption`):
//! `book … --payment-option desk|online|voucher|membership`, shown in the
//! booking, the list and the JSON, filterable, and no bar to paying
//! another way.
#![allow(clippy::unwrap_used)]

use crate::commands::{Desk, ada_monday};

/// Ada Lovelace on Monday's first physio slot, paying as `option` says.
fn ada_paying(option: &str) -> Vec<&str> {
    ada_monday(&["--payment-option", option])
}

#[test]
fn a_payment_option_is_recorded_shown_filtered_and_paying_another_way_still_works() {
    let desk = Desk::new();
    let online = desk.json(&ada_paying("online"));
    assert_eq!(online["payment_option"], "online");
    let id = online["id"].to_string();
    let plain = desk.json(&[
        "book",
        "1@2026-11-30",
        "--first-name",
        "Alan",
        "--last-name",
        "Turing",
        "--phone",
        "020 7946 0019",
        "--answer",
        "reason for visit=Back",
    ]);
    assert!(plain["payment_option"].is_null(), "{plain}");
    assert!(
        desk.ok(&["booking", &id])
            .contains("pays by       online (chosen at booking)")
    );
    let listed = desk.ok(&["bookings"]);
    assert!(listed.contains("unpaid (online)"), "{listed}");
    let only = desk.json(&["bookings", "--payment-option", "ONLINE"]);
    let rows = only["bookings"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{only}");
    assert_eq!(rows[0]["id"].to_string(), id);
    assert_eq!(
        desk.json(&["bookings", "--payment-option", "voucher"])["bookings"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    // Planned online, paid in cash at the desk after all.
    let paid = desk.json(&["pay", &id, "--amount", "55.00", "--method", "cash"]);
    assert_eq!(paid["payment"]["method"], "cash");
    assert_eq!(paid["payment_option"], "online");
}

#[test]
fn an_unknown_payment_option_is_refused_with_the_words_it_takes() {
    let desk = Desk::new();
    let before = desk.event_count();
    for bad in ["bitcoin", "", "desk\u{1b}[2J", "online\nvoucher"] {
        let e = desk.fails(5, &ada_paying(bad));
        assert!(
            e.contains("desk, online, voucher or membership"),
            "{bad}: {e}"
        );
        assert!(!e.contains('\u{1b}'), "{e}");
    }
    let e = desk.fails(5, &["bookings", "--payment-option", "cash"]);
    assert!(e.contains("unknown payment option `cash`"), "{e}");
    assert_eq!(desk.event_count(), before);
}
