//! The database file itself: what can be wrong with it (missing, empty, not
//! SQLite, corrupt, newer, read-only, full, locked, replaced, deleted), told
//! in words that name the file; and which file a store opened, so a write
//! can refuse when the file at the path is no longer that one.

use rusqlite::ErrorCode;
use std::path::Path;

/// Why a database file cannot be used. Shown as `database PATH: …`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileFault {
    /// Nothing at the path.
    #[error("does not exist (`slotdesk init` creates it)")]
    Missing,
    /// A 0-byte file, or an SQLite file with no tables.
    #[error("is empty, not a slotdesk database (`slotdesk init` makes one)")]
    Empty,
    /// A folder where the file should be.
    #[error("is a folder, not a database file")]
    Folder,
    /// The file is not an SQLite database at all (a text file, say).
    #[error("is not a slotdesk database (not an SQLite file)")]
    NotSqlite,
    /// An SQLite database of another program.
    #[error("is an SQLite database of another program, not slotdesk's")]
    NotSlotdesk,
    /// SQLite found damaged pages.
    #[error(
        "is corrupt ({0}): restore a backup with `slotdesk restore FILE` (`slotdesk check` tells more)"
    )]
    Corrupt(String),
    /// Written by a newer slotdesk.
    #[error(
        "was written by a newer slotdesk (schema version {found}; this slotdesk knows up to {known}): upgrade slotdesk to open it"
    )]
    Newer { found: i64, known: usize },
    /// The file or its folder cannot be written.
    #[error("is read-only (the file or its folder): this slotdesk cannot write to it")]
    ReadOnly,
    /// The server's login may not read or write the location's tables.
    #[error(
        "this login may not use it ({0}): the schema's owner gives a desk's login its rights with `slotdesk grant LOGIN`"
    )]
    NotGranted(String),
    /// No room left on the disk.
    #[error("cannot be written: the disk is full (nothing was changed)")]
    DiskFull,
    /// Another process held the write lock past the busy timeout.
    #[error("is locked by another desk or command (waited 10 s; nothing was changed): try again")]
    Locked,
    /// The file at the path is another file than the one opened.
    #[error(
        "was replaced by another file while this desk had it open: this desk stopped writing (nothing was changed); quit and open it again"
    )]
    Replaced,
    /// The file was deleted while open.
    #[error(
        "was deleted while this desk had it open: this desk stopped writing (nothing was changed); restore a backup or run `slotdesk init`"
    )]
    Deleted,
    /// A backup named for a restore is not there.
    #[error("does not exist: no backup to restore there")]
    NoBackup,
    /// A backup named for a restore is damaged.
    #[error("is corrupt ({0}): not a usable backup (try an older one)")]
    BackupCorrupt(String),
    /// A desk has the file open (a restore must wait until it closes).
    #[error(
        "is open at a desk (or in a running command): close every desk on it first, then restore"
    )]
    OpenAtADesk,
    /// A restore holds the file.
    #[error("is being restored from a backup: try again in a moment")]
    Restoring,
    /// The process ran out of file handles.
    #[error("cannot be opened: too many open files (raise the limit, e.g. `ulimit -n 1024`)")]
    TooManyFiles,
    /// A database server (PostgreSQL) did not answer: not running, not
    /// listening on the network, no route to it, or shutting down.
    #[error(
        "cannot be reached ({0}): is the PostgreSQL server running and listening on the network? (nothing was changed)"
    )]
    Unreachable(String),
    /// The server refused the user name or password.
    #[error("refused the sign-in ({0}): check the user and password in the URL")]
    AuthFailed(String),
    /// The server has no database of that name.
    #[error(
        "does not exist on the server ({0}): create it first (`createdb -h HOST -U USER NAME`)"
    )]
    NoDatabase(String),
    /// The connection to the server broke while it was open.
    #[error(
        "lost its connection to the server: the last change was not confirmed (check before trying it again)"
    )]
    ConnectionLost,
    /// Any other failure of the operating system or SQLite's I/O.
    #[error("cannot be used: {0}")]
    Io(String),
}

impl FileFault {
    /// The file fault behind an SQLite error, if it is one (a constraint or
    /// a syntax error is not).
    pub fn of_sqlite(e: &rusqlite::Error) -> Option<Self> {
        let rusqlite::Error::SqliteFailure(failure, message) = e else {
            return None;
        };
        let detail = || message.clone().unwrap_or_else(|| failure.to_string());
        Some(match failure.code {
            ErrorCode::ReadOnly => Self::ReadOnly,
            ErrorCode::DiskFull => Self::DiskFull,
            // No room to grow the `-shm` file that every WAL read and write
            // needs first: the unix VFS allocates it by writing a byte per
            // page, which gets ENOSPC (SQLite says only "disk I/O error").
            ErrorCode::SystemIoFailure
                if failure.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE =>
            {
                Self::DiskFull
            }
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Self::Locked,
            ErrorCode::NotADatabase => Self::NotSqlite,
            ErrorCode::DatabaseCorrupt => Self::Corrupt(detail()),
            ErrorCode::CannotOpen if too_many_files() => Self::TooManyFiles,
            ErrorCode::CannotOpen | ErrorCode::SystemIoFailure | ErrorCode::PermissionDenied => {
                Self::Io(detail())
            }
            _ => return None,
        })
    }

    /// The file fault behind an I/O error on the file or its folder.
    pub fn of_io(e: &std::io::Error) -> Self {
        use std::io::ErrorKind;
        match e.kind() {
            ErrorKind::NotFound => Self::Missing,
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => Self::ReadOnly,
            ErrorKind::StorageFull => Self::DiskFull,
            _ if e.raw_os_error() == Some(EMFILE) => Self::TooManyFiles,
            _ => Self::Io(e.to_string()),
        }
    }
}

/// Linux's "too many open files".
const EMFILE: i32 = 24;

/// Whether this process is out of file handles (SQLite says only "unable
/// to open database file"): one more open tells.
fn too_many_files() -> bool {
    matches!(std::fs::File::open("/dev/null"), Err(e) if e.raw_os_error() == Some(EMFILE))
}

/// Which file a path named when the store opened it: device and inode on
/// Unix. A file put in its place (a restore by copy-and-rename, a sync tool)
/// has another inode; a deleted one is gone from the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileIdentity {
    dev: u64,
    ino: u64,
}

impl FileIdentity {
    /// The identity of the file at `path` now.
    /// Errors: the path's I/O error (`NotFound` when it is gone).
    pub fn of(path: &Path) -> std::io::Result<Self> {
        let meta = std::fs::metadata(path)?;
        Ok(Self::from_metadata(&meta))
    }

    #[cfg(unix)]
    fn from_metadata(meta: &std::fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        Self {
            dev: meta.dev(),
            ino: meta.ino(),
        }
    }

    #[cfg(not(unix))]
    fn from_metadata(_meta: &std::fs::Metadata) -> Self {
        Self { dev: 0, ino: 0 }
    }

    /// `Ok` while the file at `path` is still this one; else
    /// [`FileFault::Deleted`] or [`FileFault::Replaced`].
    pub fn still_at(self, path: &Path) -> Result<(), FileFault> {
        match Self::of(path) {
            Ok(now) if now == self => Ok(()),
            Ok(_) => Err(FileFault::Replaced),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(FileFault::Deleted),
            Err(e) => Err(FileFault::of_io(&e)),
        }
    }
}

/// A desk's claim on a database: a shared lock on the `PATH-desks` file
/// beside it, held while the desk is open. `restore` takes the lock
/// exclusively, so it is refused while any desk is open, and a desk opening
/// during a restore is told to wait. A file of its own, because closing any
/// other handle on the database file would drop SQLite's own locks on it.
#[derive(Debug)]
pub struct DeskLock {
    _file: std::fs::File,
}

impl DeskLock {
    /// The lock file beside `db`.
    pub fn path_for(db: &Path) -> std::path::PathBuf {
        let mut name = db.as_os_str().to_owned();
        name.push("-desks");
        std::path::PathBuf::from(name)
    }

    fn open(db: &Path) -> std::io::Result<std::fs::File> {
        let mut options = std::fs::OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options.open(Self::path_for(db))
    }

    /// A desk's shared claim on `db`.
    /// Errors: [`FileFault::Restoring`] while a restore holds it; the lock
    /// file's I/O fault (a read-only folder).
    pub fn shared(db: &Path) -> Result<Self, FileFault> {
        let file = Self::open(db).map_err(|e| FileFault::of_io(&e))?;
        match file.try_lock_shared() {
            Ok(()) => Ok(Self { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(FileFault::Restoring),
            Err(std::fs::TryLockError::Error(e)) => Err(FileFault::of_io(&e)),
        }
    }

    /// The sole claim on `db`, for a restore.
    /// Errors: [`FileFault::OpenAtADesk`] while any desk has it open.
    pub fn exclusive(db: &Path) -> Result<Self, FileFault> {
        let file = Self::open(db).map_err(|e| FileFault::of_io(&e))?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(FileFault::OpenAtADesk),
            Err(std::fs::TryLockError::Error(e)) => Err(FileFault::of_io(&e)),
        }
    }
}
