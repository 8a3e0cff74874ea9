//! The database file under a store that has it open: replaced by another
//! file (a restore by copy, a sync tool) or deleted. The store notices before
//! any write, refuses it, says so with the path, and lets go of the old file
//! so the one now at the path stays whole.
#![allow(clippy::unwrap_used)]

use crate::support::{MONDAY, TUESDAY, hold_request, jane, now, open, refused, slot};
use slotdesk::store::{FileFault, Store, StoreError};
use std::path::Path;

/// A consistent copy of the database at `path`, as a backup tool makes it.
fn copy_of(path: &Path, to: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute("VACUUM INTO ?1", [to.to_str().unwrap()])
        .unwrap();
}

/// `PRAGMA integrity_check` and the bookings count of the file at `path`,
/// read by a new connection.
fn integrity_and_bookings(path: &Path) -> (String, i64) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let n = conn
        .query_row("SELECT COUNT(*) FROM bookings", [], |r| r.get(0))
        .unwrap();
    (ok, n)
}

fn fault(e: &StoreError) -> FileFault {
    e.file_fault()
        .cloned()
        .unwrap_or_else(|| panic!("expected a file fault, got {e}"))
}

#[test]
fn a_write_after_the_file_was_replaced_is_refused_and_the_new_file_stays_whole() {
    let (dir, mut store) = open();
    let path = store.path().to_owned();
    let backup = dir.path().join("backup.db");
    copy_of(&path, &backup);
    // Writes after the copy: the open store's WAL holds them.
    for starts in ["09:00", "10:00"] {
        let s = slot(&store, "physio", "ana", starts, MONDAY);
        store.hold(&hold_request(s, 1), now()).unwrap();
    }
    std::fs::rename(&backup, &path).unwrap();

    let s = slot(&store, "physio", "ben", "09:00", TUESDAY);
    let e = refused(store.hold(&hold_request(s, 1), now()));
    assert_eq!(fault(&e), FileFault::Replaced);
    let message = e.to_string();
    assert!(message.contains(path.to_str().unwrap()), "{message}");
    assert!(message.contains("replaced"), "{message}");
    // Every later write refuses too, whatever is at the path.
    let e = refused(store.cancel(slotdesk::domain::BookingId(1), "x", now()));
    assert_eq!(fault(&e), FileFault::Replaced);
    assert!(store.is_lost());

    let (integrity, bookings) = integrity_and_bookings(&path);
    assert_eq!(integrity, "ok");
    assert_eq!(bookings, 0, "the copy was made before the holds");
}

#[test]
fn the_desk_notices_a_replaced_file_before_writing() {
    let (dir, mut store) = open();
    let path = store.path().to_owned();
    let backup = dir.path().join("backup.db");
    copy_of(&path, &backup);
    store.check_file().unwrap();
    std::fs::rename(&backup, &path).unwrap();
    assert_eq!(fault(&store.check_file().unwrap_err()), FileFault::Replaced);
    assert_eq!(integrity_and_bookings(&path).0, "ok");
}

#[test]
fn a_write_after_the_file_was_deleted_is_refused_and_creates_nothing() {
    let (_dir, mut store) = open();
    let path = store.path().to_owned();
    std::fs::remove_file(&path).unwrap();
    let s = slot(&store, "physio", "ana", "09:00", MONDAY);
    let e = refused(store.book(&crate::support::book_request(s, jane()), now()));
    assert_eq!(fault(&e), FileFault::Deleted);
    assert!(e.to_string().contains("deleted"), "{e}");
    assert!(!path.exists(), "nothing is created at the path");
    // The next command is told the file is missing, not handed an empty one.
    let again = refused(Store::open(&path));
    assert_eq!(fault(&again), FileFault::Missing);
    assert!(!path.exists());
}

#[test]
fn sqlites_errors_of_a_full_disk_are_told_as_a_full_disk() {
    use rusqlite::ffi;
    let told = |code| {
        let e = rusqlite::Error::SqliteFailure(ffi::Error::new(code), None);
        FileFault::of_sqlite(&e)
    };
    // A write that finds no room in the file or its log.
    assert_eq!(told(ffi::SQLITE_FULL), Some(FileFault::DiskFull));
    // No room to grow the shared-memory file every WAL read and write
    // needs first: SQLite says only "disk I/O error".
    assert_eq!(told(ffi::SQLITE_IOERR_SHMSIZE), Some(FileFault::DiskFull));
    assert!(matches!(
        told(ffi::SQLITE_IOERR_READ),
        Some(FileFault::Io(_))
    ));
}

#[test]
fn a_store_closing_on_a_replaced_file_it_had_not_noticed_leaves_the_new_file_whole() {
    let (dir, mut store) = open();
    let path = store.path().to_owned();
    let backup = dir.path().join("backup.db");
    copy_of(&path, &backup);
    for starts in ["09:00", "10:00"] {
        let s = slot(&store, "physio", "ana", starts, MONDAY);
        store.hold(&hold_request(s, 1), now()).unwrap();
    }
    std::fs::rename(&backup, &path).unwrap();
    // The desk quits before its next poll or write.
    drop(store);
    let (integrity, bookings) = integrity_and_bookings(&path);
    assert_eq!(integrity, "ok");
    assert_eq!(bookings, 0, "the old file's WAL never reached the new file");
}
