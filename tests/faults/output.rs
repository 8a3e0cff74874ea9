//! A committed write whose result cannot be printed (stdout full): the exit
//! code says what happened in the database, so a retrying script never
//! makes the change twice; the output error is a warning on stderr.
#![allow(clippy::unwrap_used)]

use crate::binary::{CLI_NOW, slotdesk_at, studio_catalog};

#[test]
fn a_hold_printed_into_a_full_disk_is_made_once_and_says_so_with_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let run = |args: &[&str]| slotdesk_at(&db, CLI_NOW).args(args).output().unwrap();
    assert!(run(&["init"]).status.success());
    assert!(
        run(&["catalog", "apply", studio_catalog().to_str().unwrap()])
            .status
            .success()
    );
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    for json in [false, true] {
        let mut cmd = slotdesk_at(&db, CLI_NOW);
        cmd.args(["hold", "22@2026-11-23"]);
        if json {
            cmd.arg("--json");
        }
        let out = cmd.stdout(full.try_clone().unwrap()).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "json {json}: {stderr}");
        assert!(stderr.contains("warning: the change was made"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let listed = run(&["bookings", "--json"]);
    let page: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(
        page["pagination"]["total_count"], 2,
        "two holds, one per command"
    );
}

#[test]
fn every_write_printed_into_a_full_disk_exits_zero_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let run = |args: &[&str]| {
        slotdesk_at(&db, CLI_NOW)
            .args(args)
            .env("SLOTDESK_STAFF", "Morgan Lead")
            .env("SLOTDESK_PIN", "2222")
            .stdout(full())
            .output()
            .unwrap()
    };
    for args in [
        &["init", "--demo"][..],
        &["sweep"],
        &["hold", "1@2026-11-23", "--staff", "Morgan Lead"],
    ] {
        let out = slotdesk_at(&db, CLI_NOW)
            .args(args)
            .env("SLOTDESK_PIN", "2222")
            .stdout(full())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
    // The demo is there: a second init --demo is refused as it should be.
    assert_eq!(run(&["init", "--demo"]).status.code(), Some(3));
}

#[test]
fn a_refusal_or_a_finding_whose_output_fails_keeps_its_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let run = |args: &[&str]| slotdesk_at(&db, CLI_NOW).args(args).output().unwrap();
    assert!(run(&["init"]).status.success());
    assert!(
        run(&["catalog", "apply", studio_catalog().to_str().unwrap()])
            .status
            .success()
    );
    assert!(
        run(&[
            "book",
            "22@2026-11-23",
            "--first-name",
            "Ada",
            "--last-name",
            "Lovelace",
            "--email",
            "ada@example.com",
            "--participants",
            "2"
        ])
        .status
        .success()
    );
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    // The class made smaller than the seats sold: refused (it strands the
    // booking), its JSON unprintable: still exit 3, never "the change was
    // made".
    let fewer = dir.path().join("fewer.toml");
    let studio = std::fs::read_to_string(studio_catalog()).unwrap();
    assert!(studio.contains("capacity = 3"));
    std::fs::write(&fewer, studio.replacen("capacity = 3", "capacity = 1", 1)).unwrap();
    let out = slotdesk_at(&db, CLI_NOW)
        .args(["catalog", "apply", fewer.to_str().unwrap(), "--json"])
        .stdout(full())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("the change was made"), "{stderr}");
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    // A check that finds a problem says so by its exit code, printed or not.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE bookings SET participants = 9", [])
        .unwrap();
    drop(conn);
    let out = slotdesk_at(&db, CLI_NOW)
        .arg("check")
        .stdout(full())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
}
