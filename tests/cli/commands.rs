//! The command line end to end: the real binary on a real database file,
//! with a fixed clock (`SLOTDESK_NOW`), checking output, exit codes and what
//! the database holds afterwards.
#![allow(clippy::unwrap_used)]

use crate::support::{CLI_NOW, slotdesk_at, studio_catalog};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Output;

/// A temp dir with a database that has the test studio catalog applied.
pub(crate) struct Desk {
    _dir: tempfile::TempDir,
    pub(crate) db: PathBuf,
}

impl Desk {
    pub(crate) fn new() -> Self {
        let desk = Self::made_by(&["init"]);
        desk.ok(&["catalog", "apply", studio_catalog().to_str().unwrap()]);
        desk
    }

    /// [`Desk::new`] on a new database of the test PostgreSQL server.
    pub(crate) fn on_server() -> Self {
        let desk = Self {
            _dir: tempfile::tempdir().unwrap(),
            db: PathBuf::from(crate::engine::new_postgres_db()),
        };
        desk.ok(&["init"]);
        desk.ok(&["catalog", "apply", studio_catalog().to_str().unwrap()]);
        desk
    }

    /// A database with the demo studio and its bookings around [`CLI_NOW`].
    pub(crate) fn demo() -> Self {
        Self::made_by(&["init", "--demo"])
    }

    /// A database in a new temp dir, made by running `init` (`args`).
    pub(crate) fn made_by(init: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.db");
        let desk = Self { _dir: dir, db };
        desk.ok(init);
        desk
    }

    pub(crate) fn run(&self, args: &[&str]) -> Output {
        slotdesk_at(&self.db, CLI_NOW).args(args).output().unwrap()
    }

    /// Runs and expects success; returns stdout.
    pub(crate) fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs with `--json` and parses stdout.
    pub(crate) fn json(&self, args: &[&str]) -> Value {
        let mut args = args.to_vec();
        args.push("--json");
        serde_json::from_str(&self.ok(&args)).unwrap()
    }

    /// Runs and expects failure with `code`; returns stderr.
    pub(crate) fn fails(&self, code: i32, args: &[&str]) -> String {
        let out = self.run(args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "a refusal prints nothing on stdout");
        stderr
    }

    pub(crate) fn event_count(&self) -> usize {
        self.ok(&["events", "--json"]).lines().count()
    }
}

/// Booking Ada Lovelace on Monday 23 November's physio slot 1, then `more`.
pub(crate) fn ada_monday<'a>(more: &[&'a str]) -> Vec<&'a str> {
    let args = [
        "book",
        "1@2026-11-23",
        "--first-name",
        "Ada",
        "--last-name",
        "Lovelace",
        "--email",
        "ada@example.com",
        "--answer",
        "reason for visit=Knee",
    ];
    [&args[..], more].concat()
}

#[test]
fn hold_then_confirm_then_cancel_prints_reservekit_shaped_json() {
    let desk = Desk::new();
    let hold = desk.json(&["hold", "1@2026-11-23"]);
    assert_eq!(hold["status"], "held");
    assert_eq!(hold["hold_expires_at"], "2026-11-21T10:15:00Z");
    assert_eq!(hold["from"], "2026-11-23T09:00:00Z");
    assert!(hold["customer"].is_null());
    let id = hold["id"].to_string();

    let confirmed = desk.json(&[
        "confirm",
        &id,
        "--first-name",
        "Ada",
        "--last-name",
        "Lovelace",
        "--phone",
        "020 7946 0018",
        "--answer",
        "reason for visit=Knee pain",
        "--add-on",
        "taping",
    ]);
    assert_eq!(confirmed["status"], "confirmed");
    assert_eq!(confirmed["answers"][0]["name"], "Reason for visit");
    assert_eq!(confirmed["add_ons"][0]["price"], 850);
    assert_eq!(confirmed["customer"]["name"], "Ada Lovelace");
    assert_eq!(confirmed["customer"]["phone"], "+442079460018");
    for field in [
        "service_id",
        "date",
        "time_slot_id",
        "created_at",
        "updated_at",
        "resource_id",
        "participants",
        "payment",
        "answers",
        "add_ons",
    ] {
        assert!(confirmed.get(field).is_some(), "missing {field}");
    }

    let cancelled = desk.json(&["cancel", &id, "--reason", "Client unwell"]);
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(cancelled["cancel_reason"], "Client unwell");
    let shown = desk.json(&["booking", &id]);
    assert_eq!(shown, cancelled);
}

#[test]
fn errors_use_the_booking_apis_words_and_exit_codes_and_change_nothing() {
    let desk = Desk::new();
    desk.ok(&[
        "book",
        "1@2026-11-23",
        "--first-name",
        "A",
        "--last-name",
        "B",
        "--email",
        "a@example.com",
        "--answer",
        "Reason for visit=knee",
    ]);
    let events = desk.event_count();
    let full = desk.fails(
        3,
        &[
            "book",
            "1@2026-11-23",
            "--first-name",
            "C",
            "--last-name",
            "D",
            "--email",
            "c@example.com",
            "--answer",
            "Reason for visit=back",
        ],
    );
    assert!(full.contains("time slot is full"), "{full}");
    let dup = desk.fails(3, &["hold", "15@2026-11-23"]);
    assert!(dup.contains("blocked by booking 1"), "{dup}");
    assert!(
        desk.fails(4, &["booking", "999"])
            .contains("booking not found")
    );
    assert!(
        desk.fails(4, &["confirm", "999"])
            .contains("booking not found")
    );
    let phone = desk.fails(
        5,
        &[
            "book",
            "8@2026-11-23",
            "--first-name",
            "C",
            "--last-name",
            "D",
            "--phone",
            "12345",
            "--answer",
            "Reason for visit=back",
        ],
    );
    assert!(phone.contains("not a valid phone number"), "{phone}");
    let email = desk.fails(
        5,
        &[
            "book",
            "8@2026-11-23",
            "--first-name",
            "C",
            "--last-name",
            "D",
            "--email",
            "c@example",
            "--answer",
            "Reason for visit=back",
        ],
    );
    assert!(email.contains("email `c@example` is not valid"), "{email}");
    assert!(
        desk.fails(5, &["hold", "1-2026-11-23"])
            .contains("TIME_SLOT_ID@YYYY-MM-DD")
    );
    assert!(
        desk.fails(3, &["hold", "6@2026-11-21"])
            .contains("time slot is in the past")
    );
    assert!(
        desk.fails(4, &["hold", "1@2026-11-24"])
            .contains("does not occur")
    );
    assert_eq!(desk.event_count(), events, "refusals wrote no events");
    let page = desk.json(&["bookings"]);
    assert_eq!(page["pagination"]["total_count"], 1);
}

#[test]
fn duplicate_booking_on_a_class_is_refused_for_the_same_email_in_any_case() {
    let desk = Desk::new();
    desk.ok(&[
        "book",
        "22@2026-11-23",
        "--first-name",
        "Jane",
        "--last-name",
        "Doe",
        "--email",
        "jane@example.com",
    ]);
    let dup = desk.fails(
        3,
        &[
            "book",
            "22@2026-11-23",
            "--first-name",
            "Jane",
            "--last-name",
            "Doe",
            "--email",
            "JANE@example.com",
        ],
    );
    assert!(dup.contains("duplicate booking"), "{dup}");
    let slots = desk.json(&[
        "slots",
        "--service",
        "pilates",
        "--from",
        "2026-11-23",
        "--days",
        "1",
    ]);
    assert_eq!(slots[0]["taken"], 1);
    assert_eq!(slots[0]["free"], 2);
    assert_eq!(slots[0]["slot"], "22@2026-11-23");
}

#[test]
fn idempotency_key_returns_the_first_booking() {
    let desk = Desk::new();
    let args = [
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
        "--idempotency-key",
        "k-1",
    ];
    let first = desk.json(&args);
    let again = desk.json(&args);
    assert_eq!(first["id"], again["id"]);
    assert_eq!(desk.json(&["bookings"])["pagination"]["total_count"], 1);
}

#[test]
fn slots_list_reasons_with_all_and_only_available_without() {
    let desk = Desk::new();
    desk.ok(&["hold", "1@2026-11-23"]);
    let all = desk.json(&[
        "slots",
        "--service",
        "massage",
        "--from",
        "2026-11-23",
        "--days",
        "1",
        "--all",
    ]);
    assert_eq!(all[0]["available"], false);
    assert_eq!(all[0]["reason"], "blocked");
    let available = desk.json(&[
        "slots",
        "--service",
        "massage",
        "--from",
        "2026-11-23",
        "--days",
        "1",
    ]);
    assert_eq!(available.as_array().unwrap().len(), 0);
    let closed = desk.json(&[
        "slots",
        "--service",
        "physio",
        "--from",
        "2026-12-25",
        "--days",
        "1",
        "--all",
    ]);
    assert_eq!(closed[0]["reason"], "closed");
    assert_eq!(closed[0]["reason_detail"], "closed: Christmas Day");
}

#[test]
fn payment_refund_and_delete_follow_the_rules() {
    let desk = Desk::new();
    let b = desk.json(&[
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
    ]);
    let id = b["id"].to_string();
    let paid = desk.json(&[
        "pay",
        &id,
        "--amount",
        "55.00",
        "--method",
        "card",
        "--reference",
        "T-9",
    ]);
    assert_eq!(paid["payment"]["status"], "paid");
    assert_eq!(paid["payment"]["amount"], 5500);
    assert_eq!(paid["payment"]["method"], "card");
    assert!(
        desk.fails(3, &["pay", &id, "--amount", "1", "--method", "cash"])
            .contains("already paid")
    );
    assert!(desk.fails(5, &["refund", &id]).contains("only a manager"));
    assert_eq!(
        desk.json(&["refund", &id, "--as-manager"])["payment"]["status"],
        "refunded"
    );
    assert!(desk.fails(5, &["delete", &id]).contains("only a manager"));
    desk.ok(&["delete", &id, "--as-manager"]);
    desk.fails(4, &["booking", &id]);
    let last = desk.ok(&["events", "--json"]);
    let deleted: Value = serde_json::from_str(last.lines().last().unwrap()).unwrap();
    assert_eq!(deleted["kind"], "booking.deleted");
    assert_eq!(deleted["data"]["payment"]["status"], "refunded");
}

#[test]
fn customer_edit_validates_and_records_an_event() {
    let desk = Desk::new();
    let b = desk.json(&[
        "book",
        "22@2026-11-23",
        "--first-name",
        "Jane",
        "--last-name",
        "Doe",
        "--email",
        "jane@example.com",
    ]);
    let customer = b["customer"]["id"].to_string();
    assert!(
        desk.fails(5, &["customer", "edit", &customer, "--phone", "0207"])
            .contains("not a valid phone")
    );
    let edited = desk.json(&[
        "customer",
        "edit",
        &customer,
        "--phone",
        "0161 496 0000",
        "--last-name",
        "Smith",
    ]);
    assert_eq!(edited["phone"], "+441614960000");
    assert_eq!(edited["name"], "Jane Smith");
    assert_eq!(edited["bookings"].as_array().unwrap().len(), 1);
    let events = desk.ok(&["events", "--json"]);
    assert!(events.lines().last().unwrap().contains("customer.updated"));
}

#[test]
fn newer_database_is_refused_with_a_clear_message() {
    let desk = Desk::new();
    let conn = rusqlite::Connection::open(&desk.db).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let out = desk.run(&["services"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("written by a newer slotdesk"));
}

#[test]
fn usage_errors_keep_clap_exit_code_two() {
    let desk = Desk::new();
    assert_eq!(desk.run(&["book", "1@2026-11-23"]).status.code(), Some(2));
    assert_eq!(
        desk.run(&["pay", "1", "--amount", "3", "--method", "bitcoin"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn confirming_a_hold_needs_the_required_answers_and_check_in_waits_for_the_day() {
    let desk = Desk::new();
    let hold = desk.json(&["hold", "8@2026-11-23"]);
    let id = hold["id"].to_string();
    let missing = desk.fails(
        5,
        &[
            "confirm",
            &id,
            "--first-name",
            "A",
            "--last-name",
            "B",
            "--email",
            "a@example.com",
        ],
    );
    assert!(
        missing.contains("`Reason for visit` needs an answer"),
        "{missing}"
    );
    assert_eq!(desk.json(&["booking", &id])["status"], "held");
    desk.ok(&[
        "confirm",
        &id,
        "--first-name",
        "A",
        "--last-name",
        "B",
        "--email",
        "a@example.com",
        "--answer",
        "Reason for visit=Shoulder",
    ]);
    let early = desk.fails(3, &["check-in", &id]);
    assert!(early.contains("before the day of the slot"), "{early}");
}

#[test]
fn a_malformed_clock_is_refused_instead_of_falling_back_to_the_real_time() {
    let desk = Desk::new();
    let before = desk.event_count();
    for bad in ["2026-11-21", "tomorrow 10:00", "2026-11-21T25:00:00Z"] {
        let out = slotdesk_at(&desk.db, bad)
            .args(["hold", "1@2026-11-23"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(5), "{bad}: {stderr}");
        assert!(
            stderr.contains("SLOTDESK_NOW must be an RFC 3339 instant"),
            "{stderr}"
        );
    }
    // The desk refuses it the same way, before taking the terminal.
    let out = slotdesk_at(&desk.db, "noon").output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SLOTDESK_NOW"));
    assert_eq!(desk.event_count(), before, "nothing was written");
}

#[test]
fn book_keeps_the_person_typed_and_takes_an_existing_customer_by_id() {
    let desk = Desk::new();
    let ada = desk.book_ada(&[]);
    // Charles gives Ada's email (in another case): still Charles, a new customer.
    let charles = desk.json(&[
        "book",
        "22@2026-11-23",
        "--first-name",
        "Charles",
        "--last-name",
        "Babbage",
        "--email",
        "ADA@example.com",
    ]);
    assert_eq!(charles["customer"]["name"], "Charles Babbage");
    assert_ne!(charles["customer"]["id"], ada["customer"]["id"]);
    // The event keeps what was typed.
    let events = desk.ok(&["events", "--json"]);
    assert!(
        events.contains("\"customer_as_typed\":{\"first_name\":\"Charles\""),
        "{events}"
    );
    // --customer ID books that customer; it cannot be mixed with typed details.
    let id = ada["customer"]["id"].to_string();
    let again = desk.json(&["book", "22@2026-11-30", "--customer", &id]);
    assert_eq!(again["customer"]["id"], ada["customer"]["id"]);
    assert_eq!(
        desk.run(&[
            "book",
            "22@2026-11-30",
            "--customer",
            &id,
            "--first-name",
            "X"
        ])
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        desk.run(&["book", "22@2026-11-30"]).status.code(),
        Some(2),
        "no one named"
    );
    let missing = desk.fails(4, &["book", "22@2026-11-30", "--customer", "999"]);
    assert!(missing.contains("customer not found"), "{missing}");
}

#[test]
fn booking_edit_changes_the_message_and_seats_and_keeps_the_rest() {
    let desk = Desk::new();
    let booked = desk.book_ada(&["--message", "First visit"]);
    let id = booked["id"].to_string();
    let edited = desk.json(&["booking", "edit", &id, "--participants", "2"]);
    assert_eq!(edited["participants"], 2);
    assert_eq!(edited["message"], "First visit", "not given, kept");
    let edited = desk.json(&["booking", "edit", &id, "--message", "Running late"]);
    assert_eq!(edited["message"], "Running late");
    assert_eq!(edited["participants"], 2);
    let too_many = desk.fails(5, &["booking", "edit", &id, "--participants", "4"]);
    assert!(
        too_many.contains("participants must be 1 to 3"),
        "{too_many}"
    );
    desk.ok(&[
        "book",
        "22@2026-11-23",
        "--first-name",
        "Grace",
        "--last-name",
        "Hopper",
        "--email",
        "grace@example.com",
    ]);
    let full = desk.fails(3, &["booking", "edit", &id, "--participants", "3"]);
    assert!(full.contains("time slot is full"), "{full}");
    let shown = desk.json(&["booking", &id]);
    assert_eq!(shown["participants"], 2, "a refusal changed nothing");
}

#[test]
fn undo_takes_back_a_change_by_its_event_and_refuses_when_it_cannot() {
    let desk = Desk::new();
    let booked = desk.book_ada(&[]);
    let id = booked["id"].to_string();
    desk.ok(&["cancel", &id, "--reason", "rang"]);
    let events = desk.ok(&["events", "--json"]);
    let cancel = events.lines().last().unwrap();
    let event: serde_json::Value = serde_json::from_str(cancel).unwrap();
    assert_eq!(event["kind"], "booking.cancelled");
    assert_eq!(event["origin"], "cli");
    let back = desk.json(&["undo", &event["id"].to_string()]);
    assert_eq!(back["status"], "confirmed");
    let again = desk.fails(3, &["undo", &event["id"].to_string()]);
    assert!(again.contains("has changed since"), "{again}");
    assert!(desk.fails(4, &["undo", "9999"]).contains("event not found"));
}

#[test]
fn events_read_by_booking_and_customer() {
    let desk = Desk::new();
    let book = |slot: &str, first: &str, email: &str, answers: &[&str]| {
        let args = [
            "book",
            slot,
            "--first-name",
            first,
            "--last-name",
            "Lovelace",
            "--email",
            email,
        ];
        desk.json(&[&args[..], answers].concat())
    };
    let ada = book("22@2026-11-23", "Ada", "ada@example.com", &[]);
    let knee = ["--answer", "Reason for visit=knee"];
    let byron = book("1@2026-11-23", "Byron", "byron@example.com", &knee);
    let id = ada["id"].to_string();
    desk.ok(&["cancel", &id, "--reason", "rang"]);
    let kinds = |args: &[&str]| -> Vec<String> {
        desk.ok(&[&["events", "--json"], args].concat())
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["kind"].to_string())
            .collect()
    };
    assert_eq!(
        kinds(&["--booking", &id]),
        ["\"booking.created\"", "\"booking.cancelled\""]
    );
    let byrons = byron["customer"]["id"].to_string();
    assert_eq!(
        kinds(&["--customer", &byrons]),
        ["\"customer.created\"", "\"booking.created\""]
    );
    assert!(kinds(&["--by", "Nobody"]).is_empty());
    let nobody = desk.ok(&["events", "--by", "Nobody"]);
    assert!(
        nobody.contains("no events: no staff member is named 'Nobody'"),
        "{nobody}"
    );
    assert!(
        desk.ok(&["events", "--booking", "9999"])
            .contains("no events")
    );
}

#[test]
fn customers_are_found_on_the_command_line_as_at_the_desk() {
    let desk = Desk::new();
    desk.book_ada(&["--phone", "+44 20 7946 0018"]);
    for search in [
        "love",
        "ADA@EX",
        "020 7946 0018",
        "02079460018",
        "7946 0018",
    ] {
        let found = desk.json(&["customers", search]);
        assert_eq!(found[0]["customer"]["name"], "Ada Lovelace", "{search}");
        assert_eq!(found.as_array().map(Vec::len), Some(1), "{search}");
    }
    let text = desk.ok(&["customers", "lovelace"]);
    assert!(text.contains("Ada Lovelace (customer "), "{text}");
    assert!(text.contains("never visited"), "{text}");
    assert!(
        desk.ok(&["customers", "babbage"])
            .contains("no customer matches")
    );
    let everyone = desk.json(&["customers"]);
    assert!(everyone.as_array().is_some_and(|a| !a.is_empty()));
}

#[test]
fn a_manager_merges_two_records_of_one_person_on_the_command_line() {
    let desk = Desk::new();
    let ada = desk.book_ada(&[]);
    let twin = desk.json(&[
        "book",
        "1@2026-11-23",
        "--first-name",
        "Ada",
        "--last-name",
        "Lovelance",
        "--phone",
        "020 7946 0018",
        "--answer",
        "Reason for visit=knee",
    ]);
    let keep = ada["customer"]["id"].to_string();
    let other = twin["customer"]["id"].to_string();
    let before = desk.event_count();
    let refused = desk.fails(5, &["customer", "merge", &keep, &other]);
    assert!(refused.contains("manager"), "{refused}");
    assert_eq!(desk.event_count(), before, "nothing was written");
    let merged = desk.json(&["customer", "merge", &keep, &other, "--as-manager"]);
    assert_eq!(merged["phone"], "+442079460018");
    assert_eq!(merged["bookings"].as_array().map(Vec::len), Some(2));
    assert!(
        desk.fails(4, &["customer", &other])
            .contains("customer not found")
    );
}

#[test]
fn a_manager_forces_a_status_with_a_reason_on_the_command_line() {
    let desk = Desk::new();
    let ada = desk.book_ada(&[]);
    let id = ada["id"].to_string();
    desk.ok(&["cancel", &id, "--reason", "rang"]);
    let args = [
        "force-status",
        &id,
        "confirmed",
        "--reason",
        "she came after all",
    ];
    let refused = desk.fails(5, &args);
    assert!(refused.contains("manager"), "{refused}");
    let unknown = desk.fails(
        5,
        &[
            "force-status",
            &id,
            "teleported",
            "--reason",
            "x",
            "--as-manager",
        ],
    );
    assert!(unknown.contains("unknown status"), "{unknown}");
    let forced = desk.json(&[&args[..], &["--as-manager"]].concat());
    assert_eq!(forced["status"], "confirmed");
    let last = desk.ok(&["events", "--booking", &id, "--json"]);
    let last: serde_json::Value = serde_json::from_str(last.lines().last().unwrap()).unwrap();
    assert_eq!(last["kind"], "booking.status_forced");
    assert_eq!(last["data"]["note"], "she came after all");
    let plain = desk.ok(&["events", "--booking", &id]);
    assert!(plain.contains("“she came after all”"), "{plain}");
}

#[test]
fn output_into_a_closed_pipe_ends_quietly_never_in_a_panic() {
    let desk = Desk::new();
    let ada = desk.book_ada(&[]);
    let customer = ada["customer"]["id"].to_string();
    let reads: [&[&str]; 6] = [
        &["customer", &customer],
        &["customers"],
        &["services"],
        &["resources"],
        &["bookings"],
        &["events"],
    ];
    for args in reads {
        let mut child = slotdesk_at(&desk.db, CLI_NOW)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away at once, as `| head -0` does.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

/// Books Ada Lovelace (ada@example.com) on the 23rd's class.
const BOOK_ADA: [&str; 8] = [
    "book",
    "22@2026-11-23",
    "--first-name",
    "Ada",
    "--last-name",
    "Lovelace",
    "--email",
    "ada@example.com",
];

impl Desk {
    /// [`BOOK_ADA`] with `more`.
    pub(crate) fn book_ada(&self, more: &[&str]) -> serde_json::Value {
        self.json(&[&BOOK_ADA[..], more].concat())
    }

    /// Runs as staff member `name` with `pin` (a new member's PIN `new_pin`).
    pub(crate) fn run_as(&self, name: &str, pin: &str, args: &[&str]) -> Output {
        slotdesk_at(&self.db, CLI_NOW)
            .args(args)
            .env("SLOTDESK_STAFF", name)
            .env("SLOTDESK_PIN", pin)
            .env("SLOTDESK_NEW_PIN", pin)
            .output()
            .unwrap()
    }
}

#[test]
fn once_staff_exist_every_change_names_a_signed_in_member_and_managers_alone_refund() {
    let desk = Desk::new();
    // The first member, a manager, needs no sign-in; a clerk as the first is refused.
    let clerk_first = desk.run_as(
        "Dana Reception",
        "1111",
        &["staff", "add", "Dana Reception"],
    );
    assert_eq!(clerk_first.status.code(), Some(5));
    let morgan = desk.run_as(
        "Morgan Lead",
        "2222",
        &["staff", "add", "Morgan Lead", "--role", "manager"],
    );
    assert!(
        morgan.status.success(),
        "{}",
        String::from_utf8_lossy(&morgan.stderr)
    );
    let out = slotdesk_at(&desk.db, CLI_NOW)
        .args(["staff", "add", "Dana Reception"])
        .env("SLOTDESK_STAFF", "Morgan Lead")
        .env("SLOTDESK_PIN", "2222")
        .env("SLOTDESK_NEW_PIN", "1111")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let events = desk.event_count();
    // No one named, or the wrong PIN: refused, nothing written.
    let anonymous = desk.fails(5, &["hold", "22@2026-11-23"]);
    assert!(anonymous.contains("sign in first"), "{anonymous}");
    assert!(
        anonymous.contains("--staff NAME or set $SLOTDESK_STAFF"),
        "{anonymous}"
    );
    let wrong = desk.run_as("Dana Reception", "9999", &["hold", "22@2026-11-23"]);
    assert_eq!(wrong.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("wrong name or PIN"));
    assert_eq!(
        desk.event_count(),
        events,
        "a refused sign-in wrote nothing"
    );
    // Reads need no one.
    desk.ok(&["bookings"]);

    // Dana books and takes payment; her refund is refused; Morgan's goes through.
    let book = desk.run_as(
        "Dana Reception",
        "1111",
        &[&BOOK_ADA[..], &["--json"]].concat(),
    );
    assert!(
        book.status.success(),
        "{}",
        String::from_utf8_lossy(&book.stderr)
    );
    let booked: Value = serde_json::from_slice(&book.stdout).unwrap();
    let id = booked["id"].to_string();
    assert!(
        desk.run_as(
            "Dana Reception",
            "1111",
            &["pay", &id, "--amount", "14.00", "--method", "cash"]
        )
        .status
        .success()
    );
    let refused = desk.run_as("Dana Reception", "1111", &["refund", &id, "--as-manager"]);
    assert_eq!(refused.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("only a manager may refund"));
    let refund = desk.run_as("Morgan Lead", "2222", &["refund", &id]);
    assert!(
        refund.status.success(),
        "{}",
        String::from_utf8_lossy(&refund.stderr)
    );

    // The journal names who did each.
    let log = desk.ok(&["events", "--json"]);
    let by: Vec<(String, String)> = log
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|e| e["booking_id"] == booked["id"])
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_owned(),
                e["staff"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        by,
        [
            ("booking.created".into(), "Dana Reception".into()),
            ("booking.paid".into(), "Dana Reception".into()),
            ("booking.refunded".into(), "Morgan Lead".into()),
        ]
    );
    // Signed in as Dana, the journal is still everyone's: $SLOTDESK_STAFF
    // names who writes, not a filter; `--by` filters.
    let as_dana = desk.run_as("Dana Reception", "1111", &["events", "--json"]);
    assert_eq!(String::from_utf8_lossy(&as_dana.stdout), log);
    let morgans = desk.run_as(
        "Dana Reception",
        "1111",
        &["events", "--json", "--by", "morgan lead"],
    );
    let kinds: Vec<String> = String::from_utf8_lossy(&morgans.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["kind"].to_string())
        .collect();
    assert!(
        kinds.contains(&"\"booking.refunded\"".to_owned()),
        "{kinds:?}"
    );
    assert!(!kinds.contains(&"\"booking.paid\"".to_owned()), "{kinds:?}");
}

#[test]
fn init_on_a_database_already_set_up_says_so_and_gives_no_first_steps() {
    let desk = Desk::demo();
    let said = desk.ok(&["init"]);
    assert!(said.contains("it holds a catalog and "), "{said}");
    assert!(said.contains("bookings: nothing changed"), "{said}");
    assert!(!said.contains("catalog template"), "{said}");
}
