//! A full disk, for real: a small tmpfs the test mounts (root with mount
//! rights; where the platform does not allow it the test prints why and
//! returns), filled until a write gets ENOSPC. A write refused for want of
//! room exits 1 with a message naming the file and "disk is full", without
//! a panic, and changes nothing; once there is room the same write goes
//! through.
#![allow(clippy::unwrap_used)]

use crate::binary::{CLI_NOW, slotdesk_at, studio_catalog};
use std::fs::File;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A tmpfs mounted on a folder; unmounted when dropped, a test that fails
/// included.
struct Mounted {
    dir: PathBuf,
}

impl Mounted {
    /// Mounts a tmpfs of `size` (`mount -o size=…`) on `dir`.
    /// Errors: why it cannot be mounted here, in words.
    fn tmpfs(dir: &Path, size: &str) -> Result<Self, String> {
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output()
            .map_err(|e| format!("`mount` cannot be run: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "`mount -t tmpfs` is not allowed here (it needs root with mount rights): {}",
                String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .next()
                    .unwrap_or("")
            ));
        }
        Ok(Self {
            dir: dir.to_owned(),
        })
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let unmounted = Command::new("umount").arg(&self.dir).status();
        if !unmounted.is_ok_and(|s| s.success()) {
            // Busy (a process left behind): detach it now, gone when freed.
            let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
        }
    }
}

/// Fills the disk under `dir` with one file until a write gets ENOSPC, then
/// gives `room` bytes back. Returns the file, to be removed.
fn fill_leaving(dir: &Path, room: u64) -> PathBuf {
    let path = dir.join("filler");
    let mut file = File::create(&path).unwrap();
    let chunk = vec![0x5a_u8; 64 * 1024];
    loop {
        match file.write(&chunk) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::StorageFull => break,
            Err(e) => panic!("filling the disk: {e}"),
        }
    }
    let len = file.metadata().unwrap().len();
    file.set_len(len.saturating_sub(room)).unwrap();
    path
}

/// What the database holds: bookings, customers, events, idempotency keys.
fn contents(db: &Path) -> [i64; 4] {
    let conn = rusqlite::Connection::open(db).unwrap();
    ["bookings", "customers", "events", "idempotency_keys"].map(|table| {
        conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    })
}

fn run(db: &Path, args: &[&str]) -> Output {
    slotdesk_at(db, CLI_NOW).args(args).output().unwrap()
}

#[test]
fn a_write_on_a_full_disk_is_refused_in_words_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let _mounted = match Mounted::tmpfs(dir.path(), "2m") {
        Ok(m) => m,
        Err(why) => {
            eprintln!("the disk-full case cannot run on this machine: {why}");
            return;
        }
    };
    let db = dir.path().join("desk.db");
    let catalog = studio_catalog();
    for args in [
        &["init"][..],
        &["catalog", "apply", catalog.to_str().unwrap()],
        &["hold", "1@2026-11-23"],
    ] {
        assert!(run(&db, args).status.success(), "{args:?}");
    }
    let writes: [&[&str]; 2] = [
        &[
            "hold",
            "8@2026-11-23",
            "--json",
            "--idempotency-key",
            "k-hold",
        ],
        &[
            "book",
            "22@2026-11-23",
            "--first-name",
            "Ada",
            "--last-name",
            "Lovelace",
            "--email",
            "ada@example.com",
            "--message",
            &"a long message to take more pages ".repeat(50),
        ],
    ];
    for write in writes {
        let before = contents(&db);
        let mut refused = 0;
        // Room for 0, 1, 2, … pages of 4 KiB: the disk fills at every step
        // of the write (its shared-memory file, its log, the commit).
        for pages in 0..=64 {
            let filler = fill_leaving(dir.path(), pages * 4096);
            let out = run(&db, write);
            std::fs::remove_file(filler).unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!stderr.contains("panicked"), "{stderr}");
            if out.status.success() {
                assert!(refused > 0, "{write:?} went through on a full disk");
                let after = contents(&db);
                assert_eq!(after[0], before[0] + 1, "{write:?}: one booking more");
                break;
            }
            assert_eq!(out.status.code(), Some(1), "{pages} pages free: {stderr}");
            assert!(
                stderr.contains("disk is full") && stderr.contains(db.to_str().unwrap()),
                "{pages} pages free, {write:?}: {stderr}"
            );
            assert!(out.stdout.is_empty(), "{pages} pages free");
            let check = run(&db, &["check"]);
            assert!(check.status.success(), "{pages} pages free: {check:?}");
            assert_eq!(contents(&db), before, "{pages} pages free: nothing changed");
            refused += 1;
        }
        assert!(refused > 0, "{write:?}: the disk never filled");
        assert!(
            contents(&db)[0] == before[0] + 1,
            "{write:?} never went through"
        );
        eprintln!(
            "disk full (tmpfs): `{}` refused with 0 to {} pages of 4 KiB free",
            write[0],
            refused - 1
        );
    }
}
