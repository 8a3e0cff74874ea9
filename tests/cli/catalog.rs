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
fn new_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
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
