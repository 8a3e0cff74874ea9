//! `walk-in` and `today` on the command line: a first name books and
//! checks in, and the run sheet counts it.
#![allow(clippy::unwrap_used)]

use crate::commands::Desk;

#[test]
fn a_walk_in_on_the_command_line_is_checked_in_and_on_the_run_sheet() {
    let desk = Desk::new();
    let before = desk.json(&["today"]);
    assert_eq!(before["counts"]["walk_ins"], 0);
    let refused = desk.fails(5, &["walk-in", "--service", "physio", "--first-name", " "]);
    assert!(refused.contains("first name is required"), "{refused}");
    let b = desk.json(&[
        "walk-in",
        "--service",
        "physio",
        "--first-name",
        "Sam",
        "--phone",
        "020 7946 0018",
    ]);
    assert_eq!(b["status"], "checked_in");
    assert_eq!(b["walk_in"], true);
    assert_eq!(b["customer"]["name"], "Sam");
    let sheet = desk.json(&["today"]);
    assert_eq!(sheet["counts"]["walk_ins"], 1);
    let rows = sheet["rows"].as_array().unwrap();
    let row = rows
        .iter()
        .find(|r| r["booking"]["walk_in"] == true)
        .unwrap();
    assert!(
        ["arrived", "in_session"].contains(&row["arrival"].as_str().unwrap()),
        "{row}"
    );
    let tomorrow = desk.fails(
        5,
        &[
            "walk-in",
            "--service",
            "physio",
            "--slot",
            "1@2026-11-23",
            "--first-name",
            "Kit",
        ],
    );
    assert!(tomorrow.contains("a walk-in is for today"), "{tomorrow}");
    let plain = desk.ok(&["today"]);
    assert!(plain.contains("Sam (walk-in)"), "{plain}");
    assert!(plain.contains("020 7946 0018"), "{plain}");
    assert!(plain.contains("1 walk-ins"), "{plain}");
}
