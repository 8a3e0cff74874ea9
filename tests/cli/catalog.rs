//! Loading and changing a catalog from the command line: `init --demo` only
//! into a new database, and a `catalog apply` that would strand live
//! bookings refused (exit 3) unless a manager forces it.
#![allow(clippy::unwrap_used)]

use crate::support::{CLI_NOW, slotdesk_at, studio_catalog};
use std::path::{Path, PathBuf};
use std::process::Output;

fn run(db: &Path, args: &[&str]) -> Output {
    slotdesk_at(db, CLI_NOW).args(args).output().unwrap()
}

/// Runs and expects success; returns stdout.
fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs and expects failure with `code`; returns stderr.
fn fails(db: &Path, code: i32, args: &[&str]) -> String {
    let out = run(db, args);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    stderr
}

/// A temp dir and the path of a database in it (not yet created).
/// A temp dir with an empty database made by `init`.
fn new_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    ok(&db, &["init"]);
    (dir, db)
}

#[test]
fn init_demo_on_a_database_with_a_catalog_exits_3_and_changes_nothing() {
    let (_dir, db) = new_db();
    ok(
        &db,
        &["catalog", "apply", studio_catalog().to_str().unwrap()],
    );
    let services = ok(&db, &["services", "--json"]);
    let events = ok(&db, &["events", "--json"]);
    let stderr = fails(&db, 3, &["init", "--demo"]);
    assert!(stderr.contains("already has a catalog"), "{stderr}");
    assert!(stderr.contains("Test Studio"), "{stderr}");
    assert_eq!(ok(&db, &["services", "--json"]), services);
    assert_eq!(ok(&db, &["events", "--json"]), events);
    let bookings = ok(&db, &["bookings", "--json"]);
    assert!(bookings.contains("\"total_count\": 0"), "{bookings}");
}

#[test]
fn init_demo_twice_refuses_the_second_time() {
    let (_dir, db) = new_db();
    let first = ok(&db, &["init", "--demo"]);
    assert!(first.contains("demo bookings:"), "{first}");
    let bookings = ok(&db, &["bookings", "--json"]);
    // The demo staff now exist, so the second run signs in as its manager.
    let out = slotdesk_at(&db, CLI_NOW)
        .args(["init", "--demo", "--staff", "Morgan Lead"])
        .env("SLOTDESK_PIN", "2222")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("already has a catalog"), "{stderr}");
    assert_eq!(ok(&db, &["bookings", "--json"]), bookings);
}

/// The studio catalog with its Monday/Wednesday 18:00 pilates class taken
/// off Mondays, written beside `db`.
fn without_monday_pilates(db: &Path) -> PathBuf {
    let text = std::fs::read_to_string(studio_catalog()).unwrap();
    let from = "days = [\"mon\", \"wed\"]\nstarts = [\"18:00\"]";
    assert!(text.contains(from), "the fixture text changed");
    let path = db.with_file_name("fewer.toml");
    std::fs::write(
        &path,
        text.replace(from, "days = [\"wed\"]\nstarts = [\"18:00\"]"),
    )
    .unwrap();
    path
}

/// A database with the studio catalog and a booking on Monday 23
/// November's 18:00 pilates class; returns its id.
fn booked_monday_pilates(db: &Path) -> String {
    ok(
        db,
        &["catalog", "apply", studio_catalog().to_str().unwrap()],
    );
    let slots = ok(
        db,
        &[
            "slots",
            "--service",
            "pilates",
            "--from",
            "2026-11-23",
            "--days",
            "1",
            "--json",
        ],
    );
    let slots: serde_json::Value = serde_json::from_str(&slots).unwrap();
    let slot = slots[0]["slot"].as_str().unwrap().to_owned();
    let booked = ok(
        db,
        &[
            "book",
            &slot,
            "--first-name",
            "Ada",
            "--last-name",
            "Lovelace",
            "--email",
            "ada@example.com",
            "--json",
        ],
    );
    let booked: serde_json::Value = serde_json::from_str(&booked).unwrap();
    booked["id"].to_string()
}

#[test]
fn a_catalog_change_that_strands_a_booking_exits_3_listing_it_and_changes_nothing() {
    let (_dir, db) = new_db();
    let id = booked_monday_pilates(&db);
    let fewer = without_monday_pilates(&db);
    let slots = ok(
        &db,
        &[
            "slots",
            "--service",
            "pilates",
            "--from",
            "2026-11-23",
            "--all",
            "--json",
        ],
    );
    let events = ok(&db, &["events", "--json"]);

    let stderr = fails(&db, 3, &["catalog", "apply", fewer.to_str().unwrap()]);
    assert!(
        stderr.contains(&format!(
            "booking {id} on 2026-11-23 at 18:00 (Pilates, Ada Lovelace, confirmed): its time slot was removed"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("--force"), "{stderr}");

    let out = run(
        &db,
        &["catalog", "apply", fewer.to_str().unwrap(), "--json"],
    );
    assert_eq!(out.status.code(), Some(3));
    let refused: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(refused["applied"], false);
    assert_eq!(refused["affected"][0]["id"].to_string(), id);
    assert_eq!(refused["affected"][0]["date"], "2026-11-23");
    assert_eq!(refused["affected"][0]["starts_local"], "18:00");
    assert_eq!(refused["affected"][0]["service"], "Pilates");
    assert_eq!(refused["affected"][0]["customer"], "Ada Lovelace");
    assert_eq!(
        refused["affected"][0]["why"][0],
        "its time slot was removed"
    );

    assert_eq!(
        ok(
            &db,
            &[
                "slots",
                "--service",
                "pilates",
                "--from",
                "2026-11-23",
                "--all",
                "--json"
            ]
        ),
        slots
    );
    assert_eq!(ok(&db, &["events", "--json"]), events);
}

#[test]
fn a_manager_forces_the_change_and_the_booking_is_marked() {
    let (_dir, db) = new_db();
    let id = booked_monday_pilates(&db);
    let fewer = without_monday_pilates(&db);
    let file = fewer.to_str().unwrap();
    let stderr = fails(&db, 5, &["catalog", "apply", file, "--force"]);
    assert!(stderr.contains("only a manager may"), "{stderr}");

    let out = ok(
        &db,
        &[
            "catalog",
            "apply",
            file,
            "--force",
            "--as-manager",
            "--json",
        ],
    );
    let applied: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(applied["retired"], 1);
    assert_eq!(applied["needs_attention"][0]["id"].to_string(), id);
    let events = ok(&db, &["events", "--json"]);
    assert!(events.contains("booking.needs_attention"), "{events}");
    // Nothing new the second time.
    let again = ok(&db, &["catalog", "apply", file]);
    assert!(again.contains("nothing changed"), "{again}");
}

#[test]
fn with_staff_only_a_manager_signed_in_may_force() {
    let (_dir, db) = new_db();
    booked_monday_pilates(&db);
    let fewer = without_monday_pilates(&db);
    let file = fewer.to_str().unwrap();
    // Signed in as `name` with `pin`; a new member's PIN is `new_pin`.
    let as_member = |name: &str, pin: &str, new_pin: &str, args: &[&str]| {
        slotdesk_at(&db, CLI_NOW)
            .args(args)
            .env("SLOTDESK_STAFF", name)
            .env("SLOTDESK_PIN", pin)
            .env("SLOTDESK_NEW_PIN", new_pin)
            .output()
            .unwrap()
    };
    let first = as_member(
        "Morgan Lead",
        "2222",
        "2222",
        &["staff", "add", "Morgan Lead", "--role", "manager"],
    );
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let add = as_member(
        "Morgan Lead",
        "2222",
        "1111",
        &["staff", "add", "Dana Reception", "--role", "clerk"],
    );
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let clerk = as_member(
        "Dana Reception",
        "1111",
        "",
        &["catalog", "apply", file, "--force"],
    );
    assert_eq!(
        clerk.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&clerk.stderr)
    );
    // Applying a catalog at all is a manager's (DESIGN: manager-only), even
    // a change that strands nothing.
    let same = slotdesk_at(&db, CLI_NOW)
        .args([
            "catalog",
            "apply",
            crate::support::studio_catalog().to_str().unwrap(),
        ])
        .env("SLOTDESK_STAFF", "Dana Reception")
        .env("SLOTDESK_PIN", "1111")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&same.stderr);
    assert_eq!(same.status.code(), Some(5), "{stderr}");
    assert!(
        stderr.contains("only a manager may apply a catalog"),
        "{stderr}"
    );
    let manager = as_member(
        "Morgan Lead",
        "2222",
        "",
        &["catalog", "apply", file, "--force"],
    );
    let stdout = String::from_utf8_lossy(&manager.stdout);
    assert!(
        manager.status.success(),
        "{}",
        String::from_utf8_lossy(&manager.stderr)
    );
    assert!(stdout.contains("1 booking now needs attention"), "{stdout}");
}

#[test]
fn init_demo_on_a_database_with_staff_keeps_them_and_says_so() {
    let (_dir, db) = new_db();
    let add = slotdesk_at(&db, CLI_NOW)
        .args(["staff", "add", "Priya Owner", "--role", "manager"])
        .env("SLOTDESK_NEW_PIN", "9999")
        .output()
        .unwrap();
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let out = slotdesk_at(&db, CLI_NOW)
        .args(["init", "--demo"])
        .env("SLOTDESK_STAFF", "Priya Owner")
        .env("SLOTDESK_PIN", "9999")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!stdout.contains("Morgan Lead"), "{stdout}");
    assert!(stdout.contains("no demo staff added"), "{stdout}");
}

#[test]
fn services_json_shows_each_short_name_or_null() {
    let (_dir, db) = new_db();
    ok(&db, &["init", "--demo"]);
    let services: serde_json::Value =
        serde_json::from_str(&ok(&db, &["services", "--json"])).unwrap();
    let short = |key: &str| {
        services
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == key)
            .map(|s| s["short_name"].clone())
            .unwrap()
    };
    assert_eq!(short("follow_up"), "Follow-up");
    assert_eq!(short("assessment"), "Assessment");
    assert_eq!(short("mat_pilates"), serde_json::Value::Null);
}
