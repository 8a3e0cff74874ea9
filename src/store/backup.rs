//! Backups and restores with SQLite's online backup API: a backup is a
//! consistent copy taken in one read transaction, so desks keep writing
//! while it runs; a restore replaces the database's pages in one write
//! transaction, after the current file is copied aside.

use super::error::{Result, StoreError};
use super::file::{DeskLock, FileFault, FileIdentity};
use super::{Store, migrations, open_read_only, schema_version, sidecar};
use crate::domain::BookingError;
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};
use std::path::{Path, PathBuf};

/// A backup file written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupMade {
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreMade {
    /// Where the database as it was before the restore was kept.
    pub aside: PathBuf,
    /// Bookings in the restored database.
    pub bookings: u64,
}

/// Copies every page of `from` into `to` in one step (one transaction on
/// each side). Errors: the destination locked by another connection.
fn copy_pages(from: &Connection, to: &mut Connection) -> rusqlite::Result<()> {
    let backup = Backup::new(from, to)?;
    match backup.step(-1)? {
        StepResult::Done => Ok(()),
        _ => Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some("the database is locked by another desk".into()),
        )),
    }
}

impl Store {
    /// Writes a consistent copy of the database to `dest` (mode 0600, one
    /// self-contained file in rollback-journal mode), replacing a file there
    /// only once the copy is complete and checked. Safe while other desks
    /// write: they are never blocked.
    /// Errors: [`StoreError::File`] for the destination (read-only, disk
    /// full) or a copy that fails SQLite's quick check.
    /// On PostgreSQL: refused, naming the server's own tool.
    pub fn backup_to(&self, dest: &Path) -> Result<BackupMade> {
        self.not_on_server("backed up")?;
        self.copy_to(dest, true)
    }

    /// Refuses a file's operation (`done`: backed up, restored) on a
    /// PostgreSQL database, naming what does it there.
    fn not_on_server(&self, done: &str) -> Result<()> {
        if self.on_server() {
            return Err(BookingError::invalid(format!(
                "a PostgreSQL database is {done} with the server's own tools \
                 (pg_dump, and psql to load a dump back: see the README); `slotdesk export` writes its \
                 bookings and customers in a form any slotdesk imports"
            ))
            .into());
        }
        Ok(())
    }

    /// [`Store::backup_to`], checking the copy only when `checked`: the
    /// database kept aside before a restore is kept as it was, damaged or not.
    fn copy_to(&self, dest: &Path, checked: bool) -> Result<BackupMade> {
        if self.is_own_file(dest) {
            return Err(BookingError::invalid(format!(
                "{} is this database or one of its own files: back up to another file",
                dest.display()
            ))
            .into());
        }
        let fault = |e: std::io::Error| StoreError::file(dest, FileFault::of_io(&e));
        let folder = match dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(p) => p.to_owned(),
            None => PathBuf::from("."),
        };
        std::fs::create_dir_all(&folder).map_err(fault)?;
        let temp = tempfile::Builder::new()
            .prefix(".slotdesk-backup-")
            .tempfile_in(&folder)
            .map_err(fault)?;
        let on_dest = |e: rusqlite::Error| StoreError::from(e).on_file(dest);
        {
            let mut copy = Connection::open(temp.path()).map_err(on_dest)?;
            copy_pages(self.conn.sqlite("backup")?, &mut copy).map_err(on_dest)?;
            let _: String = copy
                .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
                .map_err(on_dest)?;
            let check: String = copy
                .query_row("PRAGMA quick_check", [], |r| r.get(0))
                .map_err(on_dest)?;
            if checked && check != "ok" {
                return Err(StoreError::file(dest, FileFault::Corrupt(check)));
            }
        }
        temp.as_file().sync_all().map_err(fault)?;
        let bytes = temp.as_file().metadata().map_err(fault)?.len();
        temp.persist(dest).map_err(|e| fault(e.error))?;
        Ok(BackupMade {
            path: dest.to_owned(),
            bytes,
        })
    }

    /// Replaces this database with the backup at `source`: `source` must be
    /// a whole slotdesk database (integrity-checked, not newer); no desk may
    /// have this database open; the current database is first copied to
    /// `aside`. One write transaction, so other commands see the old or the
    /// new database, never a mix. A backup from an older slotdesk is
    /// migrated.
    /// Errors: [`FileFault::OpenAtADesk`]; `source`'s faults (`Corrupt`,
    /// `Newer`, `NotSlotdesk`, `Missing`, …) named with its path.
    pub fn restore_from(&mut self, source: &Path, aside: &Path) -> Result<RestoreMade> {
        self.not_on_server("restored")?;
        if self.is_own_file(source) {
            return Err(BookingError::invalid(format!(
                "{} is this database itself: name a backup of it",
                source.display()
            ))
            .into());
        }
        if aside.exists() {
            return Err(BookingError::invalid(format!(
                "{} already exists: the current database is never copied over a file",
                aside.display()
            ))
            .into());
        }
        let from = checked_backup(source)?;
        // This store's own shared claim gives way to the sole one.
        self.desk_lock = None;
        let _sole = DeskLock::exclusive(&self.path).map_err(|f| StoreError::file(&self.path, f))?;
        self.copy_to(aside, false).map_err(|e| {
            BookingError::invalid(format!(
                "the current database cannot be copied aside ({e}): close every desk, move {} \
                 away by hand, then restore",
                self.path.display()
            ))
        })?;
        let path = self.path.clone();
        let conn = self.conn.sqlite_mut("restore")?;
        copy_pages(&from, conn).map_err(|e| StoreError::from(e).on_file(&path))?;
        migrations::migrate(conn)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let bookings: i64 = conn.query_row("SELECT COUNT(*) FROM bookings", [], |r| r.get(0))?;
        *self.count_cache.borrow_mut() = None;
        Ok(RestoreMade {
            aside: aside.to_owned(),
            bookings: bookings.unsigned_abs(),
        })
    }

    /// Claims the database for a desk for as long as this store is open, so
    /// a restore waits until the desk closes.
    /// Errors: [`FileFault::Restoring`] while a restore runs.
    pub fn claim_desk(&mut self) -> Result<()> {
        // A server's database has no file to restore over.
        if self.desk_lock.is_some() || self.on_server() {
            return Ok(());
        }
        let lock = DeskLock::shared(&self.path).map_err(|f| StoreError::file(&self.path, f))?;
        self.desk_lock = Some(lock);
        Ok(())
    }
}

impl Store {
    /// Whether `other` is this database's file or one beside it that is its
    /// own (`-wal`, `-shm`, `-journal`, `-desks`).
    fn is_own_file(&self, other: &Path) -> bool {
        let Ok(theirs) = FileIdentity::of(other) else {
            return false;
        };
        ["", "-wal", "-shm", "-journal", "-desks"]
            .iter()
            .any(|suffix| FileIdentity::of(&sidecar(&self.path, suffix)).ok() == Some(theirs))
    }
}

/// A read-only connection to the backup at `source`, once it proved whole
/// and a slotdesk database this slotdesk can read, with a catalog in it.
fn checked_backup(source: &Path) -> Result<Connection> {
    let fault = |f| StoreError::file(source, f);
    match std::fs::metadata(source) {
        Ok(m) if m.is_dir() => return Err(fault(FileFault::Folder)),
        Ok(m) if m.len() == 0 => return Err(fault(FileFault::Empty)),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(fault(FileFault::NoBackup));
        }
        Err(e) => return Err(fault(FileFault::of_io(&e))),
    }
    let conn = open_read_only(source).map_err(|e| match e.file_fault() {
        Some(FileFault::Corrupt(detail)) => fault(FileFault::BackupCorrupt(detail.clone())),
        _ => e,
    })?;
    schema_version(&conn, false).map_err(|f| match f {
        FileFault::Corrupt(detail) => fault(FileFault::BackupCorrupt(detail)),
        f => fault(f),
    })?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| match StoreError::from(e).on_file(source) {
            StoreError::File {
                fault: FileFault::Corrupt(detail),
                ..
            } => fault(FileFault::BackupCorrupt(detail)),
            e => e,
        })?;
    if check != "ok" {
        return Err(fault(FileFault::BackupCorrupt(check)));
    }
    let has_catalog: bool = conn
        .query_row("SELECT EXISTS (SELECT 1 FROM location)", [], |r| r.get(0))
        .map_err(|e| StoreError::from(e).on_file(source))?;
    if !has_catalog {
        return Err(BookingError::invalid(format!(
            "{} holds no catalog: not a backup of a desk's database",
            source.display()
        ))
        .into());
    }
    Ok(conn)
}
