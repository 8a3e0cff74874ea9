//! Participant choices (Wix `participantsChoices`) on the command line:
//! `book … --choice child=2 --choice adult=1`, the price tiers' total, the
//! refusals (exit 5) and the catalog's round trip.
#![allow(clippy::unwrap_used)]

use crate::commands::{Desk, ada_monday};
use crate::support::studio_catalog;
use serde_json::Value;

/// A desk on the studio catalog with its first `from` replaced by `to`;
/// the service `service`'s slot on Monday 23 November.
pub(crate) fn studio_with(from: &str, to: &str, service: &str) -> (Desk, String) {
    let desk = Desk::new();
    let catalog = std::fs::read_to_string(studio_catalog())
        .unwrap()
        .replacen(from, to, 1);
    assert!(catalog.contains(to));
    let path = desk.db.with_file_name("changed.toml");
    std::fs::write(&path, catalog).unwrap();
    desk.ok(&["catalog", "apply", path.to_str().unwrap()]);
    let slots = desk.json(&[
        "slots",
        "--service",
        service,
        "--from",
        "2026-11-23",
        "--days",
        "1",
    ]);
    let slot = format!("{}@2026-11-23", slots[0]["time_slot_id"]);
    (desk, slot)
}

/// The studio with a family swim class (capacity 6) priced by tier, on
/// Mondays at 11:00 in the room.
fn family_desk() -> (Desk, String) {
    studio_with(
        "[[time_slots]]",
        r#"[[services]]
key = "swim"
name = "Family swim"
duration_minutes = 45
capacity = 6
price = "12.00"
choices = [
  { key = "adult", name = "Adult", price = "12.00" },
  { key = "child", name = "Child", price = "8.00" },
]

[[time_slots]]
service = "swim"
resource = "room"
days = ["mon"]
starts = ["11:00"]

[[time_slots]]"#,
        "swim",
    )
}

fn book_family<'a>(slot: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    let args = [
        "book",
        slot,
        "--first-name",
        "Grace",
        "--last-name",
        "Hopper",
        "--phone",
        "020 7946 0018",
    ];
    [&args[..], more].concat()
}

#[test]
fn a_family_booking_counts_each_tier_and_prices_their_total() {
    let (desk, slot) = family_desk();
    let b = desk.json(&book_family(
        &slot,
        &["--choice", "child=2", "--choice", "adult=1"],
    ));
    assert_eq!(b["participants"], 3);
    let choices = b["choices"].as_array().unwrap();
    assert_eq!(choices.len(), 2, "{b}");
    assert_eq!(
        choices[0],
        serde_json::json!({"key": "adult", "name": "Adult", "count": 1, "price": 1200})
    );
    assert_eq!(choices[1]["count"], 2);
    assert_eq!(choices[1]["price"], 800);
    let id = b["id"].to_string();
    let text = desk.ok(&["booking", &id]);
    assert!(
        text.contains("choice        2 × Child (child) at 8.00"),
        "{text}"
    );
    // A --participants that agrees is taken; the slot now has 3 of 6 left.
    let again = desk.json(&[
        "book",
        &slot,
        "--first-name",
        "Alan",
        "--last-name",
        "Turing",
        "--phone",
        "020 7946 0019",
        "--choice",
        "adult=2",
        "--participants",
        "2",
    ]);
    assert_eq!(again["participants"], 2);
}

#[test]
fn unknown_tiers_bad_counts_and_disagreeing_participants_are_refused_with_exit_5() {
    let (desk, slot) = family_desk();
    let before = desk.event_count();
    let e = desk.fails(5, &book_family(&slot, &["--choice", "teen=1"]));
    assert!(
        e.contains("unknown choice 'teen' for Family swim: choose adult, child"),
        "{e}"
    );
    for bad in [
        "child=-1",
        "child=99999999999",
        "=2",
        "child",
        "child=1.5",
        "child=\u{7}1",
    ] {
        let e = desk.fails(5, &book_family(&slot, &["--choice", bad]));
        assert!(e.contains("choice"), "{bad}: {e}");
        assert!(!e.contains('\u{7}'), "{bad}: {e}");
    }
    let e = desk.fails(
        5,
        &book_family(&slot, &["--choice", "child=1", "--choice", "child=1"]),
    );
    assert!(e.contains("given twice"), "{e}");
    let e = desk.fails(
        5,
        &book_family(&slot, &["--choice", "child=2", "--participants", "3"]),
    );
    assert!(e.contains("disagrees"), "{e}");
    let e = desk.fails(5, &book_family(&slot, &["--choice", "child=7"]));
    assert!(e.contains("0 to 6"), "{e}");
    let e = desk.fails(
        5,
        &book_family(&slot, &["--choice", "child=4", "--choice", "adult=4"]),
    );
    assert!(e.contains("capacity is 6"), "{e}");
    let e = desk.fails(5, &book_family(&slot, &["--choice", "child=0"]));
    assert!(e.contains("no participants"), "{e}");
    // A service without tiers says so.
    let e = desk.fails(5, &ada_monday(&["--choice", "child=1"]));
    assert!(e.contains("for Physio: it has no choices"), "{e}");
    assert_eq!(desk.event_count(), before, "nothing was written");
}

#[test]
fn the_exported_catalog_keeps_the_tiers_and_applies_unchanged() {
    let (desk, _) = family_desk();
    let services: Value = desk.json(&["services"]);
    let swim = services
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "swim")
        .unwrap();
    assert_eq!(swim["choices"][1]["price"], 800);
    let export = desk.ok(&["catalog", "export"]);
    assert!(
        export.contains(
            r#"choices = [{ key = "adult", name = "Adult", price = "12.00" }, { key = "child", name = "Child", price = "8.00" }]"#
        ),
        "{export}"
    );
    let path = desk.db.with_file_name("exported.toml");
    std::fs::write(&path, &export).unwrap();
    let applied = desk.ok(&["catalog", "apply", path.to_str().unwrap()]);
    assert_eq!(desk.ok(&["catalog", "export"]), export, "{applied}");
}
