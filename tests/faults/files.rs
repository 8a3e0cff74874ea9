//! Files that are not (or not yet, or no longer) a database slotdesk can
//! use: a read never creates or changes one, and a refused one is left
//! byte for byte as it was.
#![allow(clippy::unwrap_used)]

use crate::binary::{CLI_NOW, slotdesk_at, studio_catalog};
use std::path::Path;
use std::process::Output;

fn run(db: &Path, args: &[&str]) -> Output {
    slotdesk_at(db, CLI_NOW).args(args).output().unwrap()
}

/// Runs and expects exit 1 with `words` in the message, which names `db`.
fn refused(db: &Path, args: &[&str], words: &str) {
    let out = run(db, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
    assert!(stderr.contains(words), "{args:?}: {stderr}");
    assert!(
        stderr.contains(db.to_str().unwrap()),
        "names the file: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.stdout.is_empty(), "{args:?}");
}

/// A database made by `init` with the test studio applied.
fn studio(db: &Path) {
    assert!(run(db, &["init"]).status.success());
    let applied = run(
        db,
        &["catalog", "apply", studio_catalog().to_str().unwrap()],
    );
    assert!(applied.status.success(), "{applied:?}");
}

#[test]
fn a_mistyped_path_creates_no_folder_and_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo").join("slotdsk.db");
    for args in [
        &["bookings"][..],
        &["services"],
        &["hold", "1@2026-11-23"],
        &["check"],
    ] {
        refused(&db, args, "does not exist");
    }
    assert!(!dir.path().join("typo").exists());
    // `init` alone creates it.
    assert!(run(&db, &["init"]).status.success());
    assert!(db.exists());
}

#[test]
fn an_empty_file_is_refused_and_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.db");
    std::fs::write(&db, b"").unwrap();
    for args in [
        &["bookings"][..],
        &["hold", "1@2026-11-23"],
        &["catalog", "apply", "x.toml"],
    ] {
        refused(&db, args, "is empty");
    }
    assert_eq!(std::fs::metadata(&db).unwrap().len(), 0);
    assert!(!dir.path().join("empty.db-wal").exists());
}

#[test]
fn a_text_file_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.db");
    let text = "shopping: milk, eggs\n".repeat(200);
    std::fs::write(&db, &text).unwrap();
    for args in [&["bookings"][..], &["init"], &["hold", "1@2026-11-23"]] {
        refused(&db, args, "not a slotdesk database");
    }
    assert_eq!(std::fs::read_to_string(&db).unwrap(), text);
}

#[test]
fn another_programs_sqlite_file_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');")
        .unwrap();
    drop(conn);
    let before = std::fs::read(&db).unwrap();
    for args in [&["bookings"][..], &["init"], &["hold", "1@2026-11-23"]] {
        refused(&db, args, "another program");
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

/// A studio database marked as written by a newer slotdesk, in `mode`.
fn newer_database(dir: &Path, mode: &str) -> std::path::PathBuf {
    let db = dir.join(format!("newer-{mode}.db"));
    studio(&db);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let _: String = conn
        .query_row(&format!("PRAGMA journal_mode = {mode}"), [], |r| r.get(0))
        .unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    db
}

#[test]
fn a_newer_database_is_refused_without_being_touched_in_either_journal_mode() {
    let dir = tempfile::tempdir().unwrap();
    for mode in ["delete", "wal"] {
        let db = newer_database(dir.path(), mode);
        let before = std::fs::read(&db).unwrap();
        for args in [
            &["bookings"][..],
            &["init"],
            &["hold", "1@2026-11-23"],
            &["check"],
        ] {
            refused(&db, args, "written by a newer slotdesk");
        }
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "{mode}: the file is unchanged"
        );
        let conn = rusqlite::Connection::open(&db).unwrap();
        let journal: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(journal, mode, "the journal mode is left as it was");
    }
}

#[test]
fn a_read_changes_nothing_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    studio(&db);
    let before = std::fs::read(&db).unwrap();
    for args in [&["bookings"][..], &["services"], &["events"], &["check"]] {
        let out = run(&db, args);
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_folder_given_as_the_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    refused(dir.path(), &["bookings"], "is a folder");
}

#[test]
fn a_read_after_a_hold_lapsed_shows_it_expired_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    studio(&db);
    assert!(run(&db, &["hold", "22@2026-11-23"]).status.success());
    let before = std::fs::read(&db).unwrap();
    // An hour later, with no desk open to sweep the hold.
    let later = |args: &[&str]| {
        slotdesk_at(&db, "2026-11-21T11:00:00Z")
            .args(args)
            .output()
            .unwrap()
    };
    for args in [&["bookings", "--json"][..], &["booking", "1", "--json"]] {
        let out = later(args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("\"expired\""), "{args:?}: {stdout}");
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the read wrote nothing"
    );
}
