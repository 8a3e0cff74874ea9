//! Small command-line defects: a closed pipe, a missing id, a huge search,
//! the repeated hour of a daylight-saving day.
#![allow(clippy::unwrap_used)]

use crate::support::{CLI_NOW, slotdesk_at, studio_catalog};
use std::path::{Path, PathBuf};
use std::process::Output;

fn desk(dir: &Path) -> PathBuf {
    let db = dir.join("desk.db");
    assert!(run(&db, &["init"]).status.success());
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

#[test]
fn a_huge_search_text_is_searched_by_its_start_not_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = desk(dir.path());
    let booked = run(
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
        ],
    );
    assert!(booked.status.success());
    let long_word = "a".repeat(60_000);
    let many_words = "Lee ".repeat(15_000);
    let letters = "L ".repeat(30_000);
    let digits = "7".repeat(60_000);
    let percents = "%".repeat(60_000);
    for text in [&long_word, &many_words, &letters, &digits, &percents] {
        for args in [
            &["bookings", "--customer", text][..],
            &["customers", text],
            &["events", "--by", text],
        ] {
            let out = run(&db, args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "{}: {stderr}", args[0]);
            assert!(
                out.stdout.len() < 2_000,
                "{} echoed the search whole",
                args[0]
            );
        }
    }
    let found = run(&db, &["bookings", "--customer", &many_words]);
    let found = String::from_utf8(found.stdout).unwrap();
    assert!(found.contains("Ann Lee"), "{found}");
}

/// A studio with a 60-minute class at 01:00 every Sunday.
const NIGHT_CLASS: &str = r#"
[location]
name = "Night Studio"
time_zone = "Europe/London"
phone_region = "GB"
currency = "GBP"

[[resources]]
key = "room"
name = "Room"

[[services]]
key = "night"
name = "Night class"
duration_minutes = 60
price = "10"

[[time_slots]]
service = "night"
resource = "room"
days = ["sun"]
starts = ["01:00"]
"#;

#[test]
fn a_slot_in_the_repeated_hour_of_a_dst_day_shows_its_zone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("night.db");
    let catalog = dir.path().join("night.toml");
    std::fs::write(&catalog, NIGHT_CLASS).unwrap();
    let at = |args: &[&str]| {
        let out = slotdesk_at(&db, "2026-10-20T10:00:00Z")
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    at(&["init"]);
    at(&["catalog", "apply", catalog.to_str().unwrap()]);
    // Sunday 25 October 2026: the clocks go back at 02:00 BST.
    let slots = at(&[
        "slots",
        "--service",
        "night",
        "--from",
        "2026-10-25",
        "--days",
        "1",
    ]);
    assert!(
        slots.contains("Sun 25 Oct 2026 01:00 BST–01:00 GMT"),
        "{slots}"
    );
    let other = at(&[
        "slots",
        "--service",
        "night",
        "--from",
        "2026-11-01",
        "--days",
        "1",
    ]);
    assert!(other.contains("Sun 01 Nov 2026 01:00–02:00"), "{other}");
    at(&["hold", "1@2026-10-25"]);
    let shown = at(&["booking", "1"]);
    assert!(
        shown.contains("Sun 25 Oct 2026 01:00 BST–01:00 GMT"),
        "{shown}"
    );
}

#[test]
fn an_error_quoting_huge_input_stays_one_short_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = desk(dir.path());
    let huge = "q".repeat(100_000);
    let question = format!("{huge}=x");
    for args in [
        &["slots", "--service", &huge][..],
        &[
            "book",
            "1@2026-11-23",
            "--first-name",
            "A",
            "--last-name",
            "B",
            "--email",
            "a@example.com",
            "--answer",
            &question,
        ],
        &["bookings", "--service", &huge],
    ] {
        let out = run(&db, args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(matches!(out.status.code(), Some(4 | 5)), "{}", args[0]);
        assert!(stderr.len() < 1_000, "{}: {} bytes", args[0], stderr.len());
        assert_eq!(stderr.lines().count(), 1, "{}", args[0]);
    }
}

#[test]
fn a_bookings_range_that_ends_before_it_starts_is_refused_naming_both_dates() {
    let dir = tempfile::tempdir().unwrap();
    let db = desk(dir.path());
    for json in [&[][..], &["--json"]] {
        let mut args = vec!["bookings", "--from", "2026-11-25", "--to", "2026-11-20"];
        args.extend_from_slice(json);
        let out = run(&db, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(5), "invalid input: {stderr}");
        assert!(
            stderr.contains("2026-11-20") && stderr.contains("2026-11-25"),
            "{stderr}"
        );
        assert!(out.stdout.is_empty(), "nothing listed");
    }
    let same_day = run(
        &db,
        &["bookings", "--from", "2026-11-25", "--to", "2026-11-25"],
    );
    assert!(same_day.status.success());
}
