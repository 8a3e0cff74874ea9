//! `check`, `backup` and `restore` on real files with the real binary.
#![allow(clippy::unwrap_used)]

use crate::binary::{CLI_NOW, slotdesk_at, studio_catalog};
use std::path::{Path, PathBuf};
use std::process::Output;

struct Db {
    dir: tempfile::TempDir,
    path: PathBuf,
}

impl Db {
    /// The test studio, with holds on three slots of Monday 23 November.
    fn studio() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.db");
        let db = Self { dir, path };
        db.ok(&["init"]);
        db.ok(&["catalog", "apply", studio_catalog().to_str().unwrap()]);
        for slot in ["1@2026-11-23", "8@2026-11-23", "22@2026-11-23"] {
            db.ok(&["hold", slot]);
        }
        db
    }

    fn run(&self, args: &[&str]) -> Output {
        slotdesk_at(&self.path, CLI_NOW)
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {out:?}");
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    }

    fn sql(&self, sql: &str) {
        let conn = rusqlite::Connection::open(&self.path).unwrap();
        conn.execute_batch(sql).unwrap();
    }

    fn bookings(path: &Path) -> i64 {
        let conn = rusqlite::Connection::open(path).unwrap();
        conn.query_row("SELECT COUNT(*) FROM bookings", [], |r| r.get(0))
            .unwrap()
    }
}

#[test]
fn check_passes_a_whole_database_and_names_what_it_checked() {
    let db = Db::studio();
    let out = db.ok(&["check"]);
    assert!(out.contains("ok (3 bookings"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&db.ok(&["check", "--quick", "--json"])).unwrap();
    assert_eq!(json["over_capacity_count"], 0);
    assert_eq!(json["integrity"], serde_json::json!([]));
}

#[test]
fn check_finds_a_slot_over_capacity_a_resource_doing_two_things_and_a_booking_without_events() {
    let db = Db::studio();
    // Behind the engine's back: six seats on a capacity-1 slot, a massage
    // moved onto the physio's hour on the same resource, a booking row
    // with no event.
    db.sql(
        "UPDATE bookings SET participants = 6 WHERE id = 1;
         UPDATE bookings SET starts_at = (SELECT starts_at FROM bookings WHERE id = 1),
                             ends_at = (SELECT ends_at FROM bookings WHERE id = 1),
                             resource_id = (SELECT resource_id FROM bookings WHERE id = 1)
          WHERE id = 2;
         INSERT INTO bookings (id, service_id, time_slot_id, resource_id, date, starts_at, ends_at,
                 participants, status, payment_currency, created_at, updated_at)
             SELECT 99, service_id, time_slot_id, resource_id, '2027-01-04', starts_at + 86400 * 42,
                    ends_at + 86400 * 42, 1, 'confirmed', payment_currency, created_at, updated_at
             FROM bookings WHERE id = 3;",
    );
    let out = db.fails(&["check"]);
    assert!(
        out.contains("over capacity: slot 1@2026-11-23 has 6 seats taken of 1"),
        "{out}"
    );
    assert!(
        out.contains("double-booked: bookings 1 and 2 overlap"),
        "{out}"
    );
    assert!(out.contains("no events: booking 99"), "{out}");
    assert!(out.contains("check found problems"), "{out}");
}

#[test]
fn check_reports_a_damaged_file_in_words() {
    let db = Db::studio();
    // Scribble over the middle of the file (the bookings' pages).
    let mut bytes = std::fs::read(&db.path).unwrap();
    let len = bytes.len();
    for b in &mut bytes[4096..len.min(4096 * 8)] {
        *b = 0x5a;
    }
    std::fs::write(&db.path, bytes).unwrap();
    let out = db.fails(&["check"]);
    assert!(
        out.contains("corrupt") || out.contains("damaged") || out.contains("problems found"),
        "{out}"
    );
    assert!(!out.contains("panicked"), "{out}");
}

#[test]
fn a_backup_is_a_whole_copy_and_restore_brings_it_back_keeping_the_current_file_aside() {
    let db = Db::studio();
    let backup = db.dir.path().join("copies").join("monday.db");
    let out = db.ok(&["backup", backup.to_str().unwrap()]);
    assert!(out.contains("written to"), "{out}");
    assert_eq!(Db::bookings(&backup), 3);
    let copy_checked = slotdesk_at(&backup, CLI_NOW).arg("check").output().unwrap();
    assert!(copy_checked.status.success(), "{copy_checked:?}");

    db.ok(&["hold", "22@2026-11-23"]);
    assert_eq!(Db::bookings(&db.path), 4);
    let out = db.ok(&["restore", backup.to_str().unwrap(), "--as-manager"]);
    assert!(out.contains("3 bookings"), "{out}");
    assert_eq!(Db::bookings(&db.path), 3);
    let aside = std::fs::read_dir(db.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("before-restore"))
        .expect("the current file is kept aside");
    assert_eq!(Db::bookings(&aside), 4);
    db.ok(&["check"]);
    // The restored database takes new bookings as before.
    db.ok(&["hold", "22@2026-11-23"]);
}

#[test]
fn a_backup_without_a_file_goes_to_the_data_folder() {
    let db = Db::studio();
    let out = db.ok(&["backup"]);
    let data = db.dir.path().join("data").join("slotdesk").join("backups");
    assert!(out.contains(data.to_str().unwrap()), "{out}");
}

#[test]
fn restore_is_a_managers_and_refuses_a_damaged_backup_changing_nothing() {
    let db = Db::studio();
    let out = db.run(&["restore", db.path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(5), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("only a manager may restore"));

    let bad = db.dir.path().join("bad.db");
    std::fs::write(&bad, "not a database at all").unwrap();
    let out = db.fails(&["restore", bad.to_str().unwrap(), "--as-manager"]);
    assert!(
        out.contains("bad.db") && out.contains("not a slotdesk database"),
        "{out}"
    );
    assert_eq!(Db::bookings(&db.path), 3);
}

#[test]
fn restore_is_refused_while_a_desk_has_the_database_open() {
    let db = Db::studio();
    let backup = db.dir.path().join("b.db");
    db.ok(&["backup", backup.to_str().unwrap()]);
    let mut desk = slotdesk::store::Store::open(&db.path).unwrap();
    desk.claim_desk().unwrap();
    let out = db.fails(&["restore", backup.to_str().unwrap(), "--as-manager"]);
    assert!(out.contains("is open at a desk"), "{out}");
    drop(desk);
    db.ok(&["restore", backup.to_str().unwrap(), "--as-manager"]);
}

#[test]
fn restore_over_a_database_too_damaged_to_open_moves_it_aside() {
    let db = Db::studio();
    let backup = db.dir.path().join("b.db");
    db.ok(&["backup", backup.to_str().unwrap()]);
    std::fs::write(&db.path, "garbage where the database was").unwrap();
    db.ok(&["restore", backup.to_str().unwrap(), "--as-manager"]);
    assert_eq!(Db::bookings(&db.path), 3);
    db.ok(&["check"]);
}

#[test]
fn a_backup_onto_the_database_or_its_own_files_is_refused_and_changes_nothing() {
    let db = Db::studio();
    // An open connection keeps the -wal and -shm files there.
    let open = rusqlite::Connection::open(&db.path).unwrap();
    let _: i64 = open
        .query_row("SELECT COUNT(*) FROM bookings", [], |r| r.get(0))
        .unwrap();
    let relative = format!("./{}", db.path.file_name().unwrap().to_str().unwrap());
    for target in [
        db.path.to_str().unwrap().to_owned(),
        format!("{}-wal", db.path.display()),
        format!("{}-shm", db.path.display()),
    ] {
        let out = db.run(&["backup", &target]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(5), "{target}: {stderr}");
        assert!(
            stderr.contains("is this database or one of its own files"),
            "{stderr}"
        );
    }
    let out = slotdesk_at(&db.path, CLI_NOW)
        .current_dir(db.dir.path())
        .args(["backup", &relative])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{out:?}");
    drop(open);
    db.ok(&["check"]);
    assert_eq!(Db::bookings(&db.path), 3);
}

#[test]
fn two_restores_in_one_second_keep_both_files_aside() {
    let db = Db::studio();
    let backup = db.dir.path().join("b.db");
    db.ok(&["backup", backup.to_str().unwrap()]);
    db.ok(&["hold", "22@2026-11-23"]);
    let first = db.ok(&["restore", backup.to_str().unwrap(), "--as-manager"]);
    let second = db.ok(&["restore", backup.to_str().unwrap(), "--as-manager"]);
    let kept = |out: &str| out.rsplit("kept in ").next().unwrap().trim().to_owned();
    assert_ne!(kept(&first), kept(&second), "{first}\n{second}");
    assert_eq!(
        Db::bookings(Path::new(&kept(&first))),
        4,
        "the hold made after the backup"
    );
    assert_eq!(Db::bookings(Path::new(&kept(&second))), 3);
}

#[test]
fn restore_refuses_the_database_itself_an_empty_database_and_a_missing_file_in_words() {
    let db = Db::studio();
    let out = db.run(&["restore", db.path.to_str().unwrap(), "--as-manager"]);
    assert_eq!(out.status.code(), Some(5), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("is this database itself"));

    let empty = db.dir.path().join("empty.db");
    assert!(
        slotdesk_at(&empty, CLI_NOW)
            .arg("init")
            .output()
            .unwrap()
            .status
            .success()
    );
    let out = db.run(&["restore", empty.to_str().unwrap(), "--as-manager"]);
    assert_eq!(out.status.code(), Some(5), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds no catalog"));

    let missing = db.dir.path().join("nope.db");
    let out = db.fails(&["restore", missing.to_str().unwrap(), "--as-manager"]);
    assert!(
        out.contains("nope.db: does not exist: no backup to restore there"),
        "{out}"
    );
    assert!(!out.contains("init"), "{out}");
    assert!(!missing.exists());

    let truncated = db.dir.path().join("cut.db");
    let whole = std::fs::read(&db.path).unwrap();
    std::fs::write(&truncated, &whole[..whole.len() / 2]).unwrap();
    let out = db.fails(&["restore", truncated.to_str().unwrap(), "--as-manager"]);
    assert!(out.contains("not a usable backup"), "{out}");
    assert!(!out.contains("restore a backup with"), "{out}");
    assert_eq!(Db::bookings(&db.path), 3);
}

#[test]
fn restore_over_a_database_that_opens_but_is_damaged_keeps_the_damaged_one_aside() {
    let db = Db::studio();
    let backup = db.dir.path().join("b.db");
    db.ok(&["backup", backup.to_str().unwrap()]);
    let mut bytes = std::fs::read(&db.path).unwrap();
    let len = bytes.len();
    for b in &mut bytes[4096..len.min(4096 * 8)] {
        *b = 0x5a;
    }
    std::fs::write(&db.path, bytes).unwrap();
    db.fails(&["check"]);
    let out = db.ok(&["restore", backup.to_str().unwrap(), "--as-manager"]);
    assert!(out.contains("kept in"), "{out}");
    db.ok(&["check"]);
    assert_eq!(Db::bookings(&db.path), 3);
}

#[test]
fn a_command_writing_while_a_restore_runs_is_refused_not_lost() {
    let db = Db::studio();
    // A restore in progress holds the sole claim.
    let sole = slotdesk::store::claim_sole(&db.path).unwrap();
    let out = db.run(&["hold", "22@2026-11-23"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("is being restored"), "{stderr}");
    drop(sole);
    assert_eq!(Db::bookings(&db.path), 3);
    db.ok(&["hold", "22@2026-11-23"]);
}
