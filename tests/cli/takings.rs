//! `slotdesk takings`: a day's payments and refunds by method with totals
//! per currency, and the manager's sign-off (refused to a clerk).
#![allow(clippy::unwrap_used)]

use crate::commands::Desk;

/// Books the Monday 23 November pilates for Ada and the 09:30 massage for
/// Bo and pays them (55.00 card, 60.00 cash); refunds the massage.
fn a_day_of_takings(desk: &Desk) {
    let physio = desk.book_ada(&[]);
    let id = physio["id"].to_string();
    desk.ok(&["pay", &id, "--amount", "55.00", "--method", "card"]);
    let massage = desk.json(&[
        "book",
        "15@2026-11-23",
        "--first-name",
        "Bo",
        "--last-name",
        "Chen",
        "--email",
        "bo@example.com",
    ]);
    let id = massage["id"].to_string();
    desk.ok(&["pay", &id, "--amount", "60", "--method", "cash"]);
    desk.ok(&["refund", &id, "--as-manager"]);
}

#[test]
fn takings_print_each_method_and_the_total_with_refunds_subtracted() {
    let desk = Desk::new();
    a_day_of_takings(&desk);
    let json = desk.json(&["takings", "--date", "2026-11-21"]);
    assert_eq!(json["date"], "2026-11-21");
    assert_eq!(json["totals"][0]["currency"], "GBP");
    assert_eq!(json["totals"][0]["taken"], 11_500);
    assert_eq!(json["totals"][0]["refunded"], 6000);
    assert_eq!(json["totals"][0]["net"], 5500);
    assert_eq!(json["by_method"][0]["method"], "cash");
    assert_eq!(json["by_method"][0]["net"], 0);
    assert_eq!(json["by_method"][1]["method"], "card");
    assert!(json["signed_off"].is_null());

    let text = desk.ok(&["takings", "--date", "today"]);
    assert!(
        text.contains("takings Sat 21 Nov 2026 (Europe/London)"),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.trim_start().starts_with("total")
            && l.contains("115.00")
            && l.contains("60.00")
            && l.trim_end().ends_with("55.00")),
        "{text}"
    );
    assert!(text.contains("refunded"), "{text}");
    assert!(text.contains("not signed off"), "{text}");
    // Another day has none.
    let other = desk.ok(&["takings", "--date", "2026-11-20"]);
    assert!(other.contains("no payments or refunds"), "{other}");
}

#[test]
fn takings_are_a_read_and_a_bad_date_is_refused() {
    let desk = Desk::new();
    let before = desk.event_count();
    desk.ok(&["takings"]);
    assert_eq!(desk.event_count(), before);
    let err = desk.fails(5, &["takings", "--date", "21/11/2026x"]);
    assert!(err.contains("date"), "{err}");
}

#[test]
fn a_manager_signs_the_takings_off_and_a_clerk_is_refused() {
    let desk = Desk::new();
    a_day_of_takings(&desk);
    let err = desk.fails(5, &["takings", "--date", "2026-11-21", "--sign-off"]);
    assert!(
        err.contains("only a manager may sign off the takings"),
        "{err}"
    );

    let before = desk.event_count();
    let signed = desk.json(&[
        "takings",
        "--date",
        "2026-11-21",
        "--sign-off",
        "--as-manager",
    ]);
    assert_eq!(signed["signed_off"]["totals"][0]["net"], 5500);
    assert_eq!(desk.event_count(), before + 1);
    let events = desk.ok(&["events", "--json"]);
    let last: serde_json::Value = serde_json::from_str(events.lines().last().unwrap()).unwrap();
    assert_eq!(last["kind"], "takings.signed_off");
    assert_eq!(last["data"]["date"], "2026-11-21");
    assert_eq!(last["data"]["totals"][0]["net"], 5500);

    let again = desk.fails(
        3,
        &[
            "takings",
            "--date",
            "2026-11-21",
            "--sign-off",
            "--as-manager",
        ],
    );
    assert!(again.contains("already signed off"), "{again}");
    let text = desk.ok(&["takings", "--date", "2026-11-21"]);
    assert!(
        text.contains("signed off at Sat 21 Nov 2026 10:00"),
        "{text}"
    );

    // With staff, the signed-in clerk is refused in the seeds' words.
    let morgan = desk.run_as(
        "Morgan Lead",
        "2222",
        &["staff", "add", "Morgan Lead", "--role", "manager"],
    );
    assert!(morgan.status.success());
    let dana = desk.run_as("Morgan Lead", "2222", &["staff", "add", "Dana Reception"]);
    assert!(dana.status.success());
    let clerk = desk.run_as(
        "Dana Reception",
        "2222",
        &[
            "takings",
            "--date",
            "2026-11-20",
            "--sign-off",
            "--as-manager",
        ],
    );
    assert_eq!(clerk.status.code(), Some(5));
    let err = String::from_utf8_lossy(&clerk.stderr);
    assert!(
        err.contains("only a manager may sign off the takings"),
        "{err}"
    );
}
