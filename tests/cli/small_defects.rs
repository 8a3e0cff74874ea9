//! Small command-line defects: a closed pipe, a missing id, a huge search,
//! the repeated hour of a daylight-saving day.
#![allow(clippy::unwrap_used)]

use crate::support::{CLI_NOW, slotdesk_at, studio_catalog};
use std::path::{Path, PathBuf};
use std::process::Output;

fn desk(dir: &Path) -> PathBuf {
    let db = dir.join("desk.db");
    let out = run(
        &db,
        &["catalog", "apply", studio_catalog().to_str().unwrap()],
    );
    assert!(out.status.success());
    db
}

fn run(db: &Path, args: &[&str]) -> Output {
    slotdesk_at(db, CLI_NOW).args(args).output().unwrap()
}

/// Runs with stdout a pipe whose reader has already gone.
fn into_closed_pipe(db: &Path, args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    slotdesk_at(db, CLI_NOW)
        .args(args)
        .stdout(writer)
        .output()
        .unwrap()
}

#[test]
fn json_into_a_closed_pipe_exits_0_quietly_like_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = desk(dir.path());
    let booked = run(&db, &["hold", "1@2026-11-23"]);
    assert!(booked.status.success());
    for args in [
        &["bookings"][..],
        &["bookings", "--json"],
        &["booking", "1", "--json"],
        &["services", "--json"],
        &["events", "--json"],
    ] {
        let out = into_closed_pipe(&db, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

#[test]
fn customer_or_booking_without_an_id_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = desk(dir.path());
    for args in [&["customer"][..], &["customer", "--json"], &["booking"]] {
        let out = run(&db, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("<ID>"), "{args:?}: {stderr}");
        assert!(stderr.contains("Usage"), "{args:?}: {stderr}");
    }
    let out = run(&db, &["customer", "edit", "999", "--first-name", "A"]);
    assert_eq!(out.status.code(), Some(4), "an edit needs no bare id");
}
