//! Text that came from the database is never printed raw: an older
//! database may hold control characters (an escape that clears the screen
//! or retitles the terminal, a line break that forges a line), and every
//! text listing shows them as visible symbols; JSON escapes them.
#![allow(clippy::unwrap_used)]

use crate::support::{CLI_NOW, slotdesk_at, studio_catalog};
use std::path::Path;
use std::process::Output;

/// An escape that retitles the terminal, a bell, a screen clear, a line
/// break and a C1 CSI, as SQL text.
const HOSTILE: &str = "'x' || char(27) || ']0;owned' || char(7) || char(27) || '[2J' || char(10) || 'forged line' || char(155) || 'y' || char(8238) || 'z'";

fn run(db: &Path, args: &[&str]) -> Output {
    slotdesk_at(db, CLI_NOW).args(args).output().unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The control characters in `text` other than the line ends of its own
/// lines.
fn controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect()
}

/// A database whose every free-text field holds [`HOSTILE`], as one written
/// before input was checked would.
fn hostile_database(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("old.db");
    ok(&db, &["init"]);
    ok(
        &db,
        &["catalog", "apply", studio_catalog().to_str().unwrap()],
    );
    ok(
        &db,
        &[
            "book",
            "1@2026-11-23",
            "--first-name",
            "Ann",
            "--last-name",
            "Lee",
            "--email",
            "ann@example.com",
            "--answer",
            "Reason for visit=knee",
            "--message",
            "note",
        ],
    );
    ok(
        &db,
        &[
            "pay",
            "1",
            "--amount",
            "55",
            "--method",
            "card",
            "--reference",
            "T-1",
        ],
    );
    ok(
        &db,
        &[
            "force-status",
            "1",
            "cancelled",
            "--reason",
            "FORCED",
            "--as-manager",
        ],
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(&format!(
        "UPDATE bookings SET message = {HOSTILE}, cancel_reason = {HOSTILE},
                             payment_reference = {HOSTILE};
         UPDATE booking_answers SET value = {HOSTILE};
         UPDATE customers SET first_name = {HOSTILE};
         UPDATE services SET name = {HOSTILE} WHERE key = 'physio';
         UPDATE resources SET name = {HOSTILE} WHERE key = 'ana';
         DROP TRIGGER events_are_never_changed;
         UPDATE events SET staff = {HOSTILE},
                           data = replace(data, 'FORCED', 'F\\u001b[2J\\u0007\\nforged');"
    ))
    .unwrap();
    db
}

#[test]
fn text_listings_show_stored_control_characters_as_visible_symbols() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_database(dir.path());
    for args in [
        &["booking", "1"][..],
        &["bookings"],
        &["customer", "1"],
        &["customers"],
        &["customers", "Lee"],
        &["events"],
        &["services"],
        &["resources"],
        &[
            "slots",
            "--service",
            "physio",
            "--from",
            "2026-11-23",
            "--all",
        ],
    ] {
        let out = run(&db, args);
        let stdout = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(out.status.success(), "{args:?}: {stderr}");
        assert_eq!(controls(&stdout), [], "{args:?} printed raw: {stdout}");
        assert_eq!(controls(&stderr), [], "{args:?} printed raw: {stderr}");
        assert!(!stdout.lines().any(|l| l.starts_with("forged")), "{stdout}");
    }
    let shown = ok(&db, &["booking", "1"]);
    assert!(
        shown.contains("x␛]0;owned␇␛[2J␤forged line\u{fffd}y\u{fffd}z"),
        "{shown}"
    );
}

#[test]
fn json_output_escapes_stored_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_database(dir.path());
    let json = ok(&db, &["booking", "1", "--json"]);
    assert_eq!(controls(&json), [], "{json}");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        value["message"]
            .as_str()
            .unwrap()
            .starts_with("x\u{1b}]0;owned\u{7}")
    );
    let events = ok(&db, &["events", "--json"]);
    assert_eq!(controls(&events), [], "{events}");
}

#[test]
fn an_error_that_quotes_stored_or_typed_text_shows_its_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_database(dir.path());
    let out = run(
        &db,
        &[
            "book",
            "1@2026-11-30",
            "--first-name",
            "A",
            "--last-name",
            "B",
            "--email",
            "a@example.com",
            "--answer",
            "Age\u{1b}[2J=3",
        ],
    );
    assert_eq!(out.status.code(), Some(5));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(controls(&stderr), [], "{stderr}");
    assert!(stderr.contains("Age␛[2J"), "{stderr}");
}
