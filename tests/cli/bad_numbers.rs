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
    let out = slotdesk_at(&db, CLI_NOW)
        .args(["catalog", "apply"])
        .arg(&catalog)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(stderr.contains("maximum"), "{stderr}");
}
