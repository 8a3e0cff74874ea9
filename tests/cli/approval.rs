//! Approval (Wix `CREATED` → `CONFIRMED` | `DECLINED`) on the command
//! line: a service with `requires_approval` takes requests that hold no
//! seat; `requests`, `approve ID` (re-checking the room) and `decline ID
//! --reason`; booking it confirmed at once is manager-only.
#![allow(clippy::unwrap_used)]

use crate::choices::studio_with;
use crate::commands::{Desk, ada_monday};

/// The studio with Pilates (3 seats, Monday and Wednesday 18:00) taking
/// requests; its Monday 23 November slot.
fn approval_desk() -> (Desk, String) {
    studio_with(
        "capacity = 3\nprice = \"15\"",
        "capacity = 3\nprice = \"15\"\nrequires_approval = true",
        "pilates",
    )
}

fn request<'a>(slot: &'a str, first: &'a str, seats: &'a str) -> Vec<&'a str> {
    vec![
        "book",
        slot,
        "--first-name",
        first,
        "--last-name",
        "Hopper",
        "--phone",
        "020 7946 0018",
        "--participants",
        seats,
    ]
}

#[test]
fn a_request_holds_no_seat_until_approved_and_a_declined_one_keeps_its_reason() {
    let (desk, slot) = approval_desk();
    let first = desk.json(&request(&slot, "Grace", "2"));
    assert_eq!(first["status"], "requested");
    let second = desk.json(&request(&slot, "Ada", "2"));
    assert_eq!(
        second["status"], "requested",
        "a request takes no seat: 2 + 2 of 3 both wait"
    );
    let listed = desk.json(&["requests"]);
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert!(desk.ok(&["requests"]).contains("requested"));
    let slots = desk.json(&[
        "slots",
        "--service",
        "pilates",
        "--from",
        "2026-11-23",
        "--days",
        "1",
    ]);
    assert_eq!(slots[0]["taken"], 0, "{slots}");

    let approved = desk.json(&["approve", &first["id"].to_string()]);
    assert_eq!(approved["status"], "confirmed");
    // The second no longer fits: refused with the reason, still requested.
    let e = desk.fails(3, &["approve", &second["id"].to_string()]);
    assert!(e.contains("time slot is full"), "{e}");
    assert_eq!(
        desk.json(&["booking", &second["id"].to_string()])["status"],
        "requested"
    );
    // Approving twice is refused with the status it is in.
    let e = desk.fails(3, &["approve", &first["id"].to_string()]);
    assert!(e.contains("confirmed"), "{e}");

    let e = desk.fails(
        5,
        &[
            "decline",
            &second["id"].to_string(),
            "--reason",
            "full\u{7}",
        ],
    );
    assert!(e.contains("control character"), "{e}");
    let declined = desk.json(&[
        "decline",
        &second["id"].to_string(),
        "--reason",
        "Class is full that evening",
    ]);
    assert_eq!(declined["status"], "declined");
    assert_eq!(declined["decline_reason"], "Class is full that evening");
    assert!(
        desk.ok(&["booking", &second["id"].to_string()])
            .contains("declined      Class is full that evening")
    );
    assert_eq!(desk.ok(&["requests"]), "no requests awaiting approval\n");
}

#[test]
fn skipping_approval_is_manager_only_and_other_services_take_no_requests() {
    let (desk, slot) = approval_desk();
    let mut direct = request(&slot, "Grace", "1");
    direct.extend(["--status", "confirmed"]);
    let e = desk.fails(3, &direct);
    assert!(e.contains("needs a manager"), "{e}");
    direct.push("--as-manager");
    assert_eq!(desk.json(&direct)["status"], "confirmed");
    let e = desk.fails(5, &ada_monday(&["--status", "requested"]));
    assert!(e.contains("Physio does not take requests"), "{e}");
    let export = desk.ok(&["catalog", "export"]);
    assert!(export.contains("requires_approval = true"), "{export}");
}
