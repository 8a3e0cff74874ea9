//! A database in a read-only file or folder. Root ignores file modes, so
//! as root the binary runs as `nobody` (util-linux `setpriv`); a machine
//! with neither fails the test rather than skipping it.
#![allow(clippy::unwrap_used)]

use crate::binary::{CLI_NOW, no_config, studio_catalog};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

/// `slotdesk ARGS` on `db` as a user the file modes apply to.
fn run_unprivileged(db: &Path, args: &[&str]) -> Output {
    let bin = env!("CARGO_BIN_EXE_slotdesk");
    let mut cmd = if is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", bin]);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(args)
        .env("SLOTDESK_DB", db)
        .env("SLOTDESK_NOW", CLI_NOW)
        .env("SLOTDESK_CONFIG", no_config())
        .env_remove("SLOTDESK_STAFF")
        .env_remove("SLOTDESK_PIN");
    let out = cmd.output().unwrap_or_else(|e| {
        panic!("cannot run slotdesk unprivileged (setpriv from util-linux is needed as root): {e}")
    });
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("setpriv:"),
        "setpriv failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A studio database in its own folder, both open to everyone for now.
fn studio() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let db = dir.path().join("desk.db");
    let bin = env!("CARGO_BIN_EXE_slotdesk");
    for args in [
        vec!["init".to_owned()],
        vec![
            "catalog".into(),
            "apply".into(),
            studio_catalog().display().to_string(),
        ],
    ] {
        let out = Command::new(bin)
            .args(&args)
            .env("SLOTDESK_DB", &db)
            .env("SLOTDESK_NOW", CLI_NOW)
            .env("SLOTDESK_CONFIG", no_config())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    }
    (dir, db)
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_read_only_file_is_read_and_a_write_is_refused_in_words() {
    let (dir, db) = studio();
    chmod(&db, 0o444);
    let read = run_unprivileged(&db, &["services"]);
    assert!(read.status.success(), "{read:?}");
    assert!(String::from_utf8_lossy(&read.stdout).contains("Physio"));
    let write = run_unprivileged(&db, &["hold", "1@2026-11-23"]);
    let stderr = String::from_utf8_lossy(&write.stderr);
    assert_eq!(write.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("is read-only"), "{stderr}");
    assert!(stderr.contains(db.to_str().unwrap()), "{stderr}");
    chmod(dir.path(), 0o755);
}

#[test]
fn a_database_in_a_read_only_folder_is_read_and_a_write_is_refused_in_words() {
    let (dir, db) = studio();
    chmod(&db, 0o444);
    chmod(dir.path(), 0o555);
    let read = run_unprivileged(&db, &["bookings"]);
    assert!(
        read.status.success(),
        "a read in a read-only folder: {}",
        String::from_utf8_lossy(&read.stderr)
    );
    let write = run_unprivileged(&db, &["hold", "1@2026-11-23"]);
    let stderr = String::from_utf8_lossy(&write.stderr);
    assert_eq!(write.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("read-only"), "{stderr}");
    chmod(dir.path(), 0o755);
}
