//! Statuses as people type them on the command line (`checked in`,
//! `no-show`, `Checked-In`) and as the plain output prints them; JSON keeps
//! the machine words.
#![allow(clippy::unwrap_used)]

use crate::commands::Desk;

#[test]
fn a_status_is_typed_in_peoples_words_and_printed_in_them() {
    let desk = Desk::new();
    let ada = desk.book_ada(&[]);
    let id = ada["id"].to_string();
    let forced = desk.json(&[
        "force-status",
        &id,
        "checked in",
        "--reason",
        "came early",
        "--as-manager",
    ]);
    assert_eq!(
        forced["status"], "checked_in",
        "JSON keeps the machine word"
    );
    for typed in ["checked in", "Checked-In", "checked_in", " CHECKED IN "] {
        let page = desk.json(&["bookings", "--status", typed]);
        let ids: Vec<String> = page["bookings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["id"].to_string())
            .collect();
        assert_eq!(ids, std::slice::from_ref(&id), "{typed:?}");
    }
    let plain = desk.ok(&["bookings", "--status", "checked in"]);
    assert!(plain.contains(" checked in "), "{plain}");
    assert!(!plain.contains("checked_in"), "{plain}");
    assert!(
        desk.ok(&["bookings", "--status", "no show"])
            .contains("no bookings")
    );
    let unknown = desk.fails(5, &["bookings", "--status", "arrived"]);
    assert!(unknown.contains("unknown status “arrived”"), "{unknown}");
    assert!(unknown.contains("checked in, completed"), "{unknown}");
}
