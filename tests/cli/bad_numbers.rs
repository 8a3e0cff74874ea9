//! Hostile numbers, keys and dates on the command line: each gets a plain
//! message and its exit code, changes nothing, and never panics.
#![allow(clippy::unwrap_used)]

use crate::commands::Desk;
use crate::support::{CLI_NOW, slotdesk_at};

fn booked(desk: &Desk) -> String {
    desk.json(&[
        "book",
        "8@2026-11-23",
        "--first-name",
        "A",
        "--last-name",
        "B",
        "--email",
        "a@example.com",
        "--answer",
        "Reason for visit=x",
    ])["id"]
        .to_string()
}

#[test]
fn a_huge_or_odd_amount_is_refused_as_invalid_input_not_a_panic() {
    let desk = Desk::new();
    let id = booked(&desk);
    let before = desk.event_count();
    for amount in [
        "792281625142643375935439504",
        "79228162514264337593543950335",
        "1000000.01",
        "1e3",
        "1_000",
        "NaN",
        "-5",
        "",
        "4 5",
    ] {
        let flag = format!("--amount={amount}");
        let err = desk.fails(5, &["pay", &id, &flag, "--method", "cash"]);
        assert!(err.contains("amount"), "{amount}: {err}");
    }
    assert_eq!(desk.event_count(), before);
    assert_eq!(
        desk.json(&["pay", &id, "--amount", "1000000", "--method", "cash"])["payment"]["amount"],
        100_000_000
    );
}

#[test]
fn a_catalog_price_beyond_the_maximum_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let catalog = dir.path().join("catalog.toml");
    let studio = std::fs::read_to_string(crate::support::studio_catalog()).unwrap();
    std::fs::write(
        &catalog,
        studio.replace(
            "price = \"55.00\"",
            "price = \"79228162514264337593543950335\"",
        ),
    )
    .unwrap();
    assert!(
        slotdesk_at(&db, CLI_NOW)
            .arg("init")
            .output()
            .unwrap()
            .status
            .success()
    );
    let out = slotdesk_at(&db, CLI_NOW)
        .args(["catalog", "apply"])
        .arg(&catalog)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(stderr.contains("maximum"), "{stderr}");
}

#[test]
fn a_keyed_pay_confirm_or_cancel_repeats_safely_and_a_reused_key_is_a_conflict() {
    let desk = Desk::new();
    let hold = desk.json(&["hold", "8@2026-11-23", "--idempotency-key", "h-1"]);
    let id = hold["id"].to_string();
    let err = desk.fails(3, &["hold", "9@2026-11-23", "--idempotency-key", "h-1"]);
    assert!(
        err.contains("idempotency key reused with a different request"),
        "{err}"
    );
    let confirm = [
        "confirm",
        &id,
        "--first-name",
        "A",
        "--last-name",
        "B",
        "--email",
        "a@example.com",
        "--answer",
        "Reason for visit=x",
        "--idempotency-key",
        "c-1",
    ];
    let first = desk.json(&confirm);
    let events = desk.event_count();
    assert_eq!(desk.json(&confirm), first);
    let pay = [
        "pay",
        &id,
        "--amount",
        "55",
        "--method",
        "cash",
        "--idempotency-key",
        "p-1",
    ];
    desk.json(&pay);
    let events_after_pay = desk.event_count();
    assert_eq!(events_after_pay, events + 1);
    assert_eq!(desk.json(&pay)["payment"]["amount"], 5500);
    assert_eq!(
        desk.event_count(),
        events_after_pay,
        "one payment, one event"
    );
    let err = desk.fails(
        3,
        &[
            "pay",
            &id,
            "--amount",
            "50",
            "--method",
            "cash",
            "--idempotency-key",
            "p-1",
        ],
    );
    assert!(err.contains("idempotency key reused"), "{err}");
    let cancel = [
        "cancel",
        &id,
        "--reason",
        "rang",
        "--idempotency-key",
        "x-1",
    ];
    desk.json(&cancel);
    assert_eq!(desk.json(&cancel)["status"], "cancelled");
    desk.fails(
        3,
        &[
            "cancel",
            &id,
            "--reason",
            "other",
            "--idempotency-key",
            "x-1",
        ],
    );
    desk.fails(
        5,
        &["cancel", &id, "--reason", "r", "--idempotency-key", " "],
    );
}

#[test]
fn a_date_past_the_horizon_or_chronos_range_is_refused_without_a_panic() {
    let desk = Desk::new();
    let err = desk.fails(
        3,
        &[
            "book",
            "8@9999-12-27",
            "--first-name",
            "A",
            "--last-name",
            "B",
            "--status",
            "pending",
        ],
    );
    assert!(err.contains("365 days ahead"), "{err}");
    for slot in [
        "8@+262143-12-31",
        "8@262144-01-01",
        "8@-262144-01-01",
        "8@99999999999-01-01",
    ] {
        let out = desk.run(&["hold", slot]);
        let code = out.status.code();
        assert!(
            matches!(code, Some(3..=5)),
            "{slot}: {code:?} {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for from in ["9999-12-31", "+262143-12-31"] {
        let out = desk.run(&["slots", "--from", from, "--days", "100000"]);
        assert_ne!(
            out.status.code(),
            Some(101),
            "{from}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
