//! The store: the only module that speaks SQL, on SQLite (a file: mode
//! 0600, WAL, foreign keys, busy timeout) or PostgreSQL (a server on the
//! location's network, `--db postgres://…`: see `server`). It migrates the
//! database and runs every check-then-write as one write transaction that no
//! other writer interleaves with (SQLite's `BEGIN IMMEDIATE`; on PostgreSQL
//! the location's write lock) and that also writes the change's event. The
//! SQL is written once, for both engines, through `db`. Every call takes
//! `now` (UTC) as data; the store never reads the clock.
//!
//! # The store interface
//!
//! [`Store`] is the interface the desk and the command line use, the same on
//! both engines: the same methods over the same `domain` types, with the
//! same errors (a [`BookingError`](crate::domain::BookingError) for a refusal,
//! anything else a fault) and the same guarantees (each write one
//! transaction that re-checks the rules, sweeps lapsed holds first and
//! records exactly one event per change):
//!
//! - open and watch: `create`, `open`, `open_read`, `path`, `data_version`,
//!   `check_file`;
//! - catalog: `apply_catalog`, `force_catalog`, `needs_attention`,
//!   `location`, `services`, `resources`,
//!   `time_slots`, `find_service`, `find_resource`;
//! - availability: `slots(&SlotQuery, now)`;
//! - bookings, each returning the [`Booking`](crate::domain::Booking) after
//!   the change: `hold(&HoldRequest)`, `book(&BookRequest)`,
//!   `confirm(id, customer)` and `confirm_with(id, &ConfirmRequest)`, `edit_booking(id, &BookingEdit)`,
//!   `cancel(id, reason)` and `cancel_with(id, &CancelRequest)`, `transition(id, Transition)`, `extend_hold`,
//!   `move_booking(id, SlotRef)`, `pay(id, &PaymentInput)`, `refund`,
//!   `delete`, `undo(event_id)`, `sweep_expired_holds`;
//! - reads: `booking`, `bookings(&BookingQuery) -> BookingPage`,
//!   `bookings_between`, `live_hold_count`, `customer`, `customers`,
//!   `edit_customer(id, &CustomerPatch)`;
//! - journal: `act_as(&Actor)`, `events(since, limit)`, `latest_events`,
//!   `booking_events`, `latest_booking_event`, `undo(event_id)`;
//! - waitlist: `join_waitlist(&WaitlistRequest)`, `leave_waitlist(id)`,
//!   `waitlist(slot)`, `open_waitlist(now)`, `waitlist_entry`, `offer_of(booking)`;
//!   every write settles the waitlist before it commits (a freed seat is
//!   offered in the same transaction);
//! - staff: `has_staff`, `staff`, `sign_in(name, pin)`, `add_staff`,
//!   `remove_staff`, `set_pin`;
//! - takings: `takings(date)`, `sign_off_takings(date, role, now)`;
//! - closures: `closures`, `closures_on(from, until)`, `add_closure(&ClosureRequest, now) -> ClosureAdded`
//!   (with the live bookings it strands), `remove_closure(id, now)`;
//! - series: `book_series(&SeriesRequest) -> SeriesBooked` (weekly or course,
//!   all or none or partial), `cancel_following(id, &CancelRequest)`,
//!   `move_following(id, SlotRef)`,
//!   `series_bookings(series_id)`.
//! - outbox: `claim_delivery(target, owner, lease, now)`, `delivered`,
//!   `delivery_failed`, `retry_deliveries`, `deliveries`, `outbox_status`.

mod availability;
mod backup;
mod bookings;
pub mod bulk_load;
mod catalog;
mod catalog_apply;
mod catalog_guard;
mod check;
mod claims;
mod closures;
mod codec;
#[path = "contact_plan_tests.rs"]
mod contact_plan_tests;
mod copy_to_server;
mod courses;
mod customer_merge;
mod customer_search;
mod customers;
pub(crate) mod db;
mod error;
mod events;
mod export;
mod file;
mod force_status;
mod idempotency;
mod import;
mod import_placement;
mod lifecycle;
mod listing;
mod migrations;
mod outbox;
mod payments;
mod queries;
mod reminders;
mod series;
mod series_moves;
mod server;
mod server_grants;
mod staff;
mod takings;
mod transaction;
mod undo;
mod waitlist;
mod walk_in;

pub use crate::domain::waitlist::WaitlistRequest;
pub use backup::{BackupMade, RestoreMade};
pub use copy_to_server::Copied;
pub use error::{Result, StoreError};
pub use file::FileFault;
pub use import::ImportOptions;
pub use migrations::latest_version;

use file::FileIdentity;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Prepared statements kept per connection.
const STATEMENT_CACHE: usize = 128;

/// How long a writer waits for another desk's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open slotdesk database. One per desk or command; several processes may
/// open the same file at once; each write is one `BEGIN IMMEDIATE`
/// transaction, so none can interleave with another desk's.
pub struct Store {
    conn: db::Db,
    path: PathBuf,
    /// The file the path named when it was opened (`None` where the
    /// platform cannot tell).
    identity: Option<FileIdentity>,
    /// Set once the file at the path is found to be another one (or gone):
    /// from then on every write refuses, even if a file comes back.
    lost: RefCell<Option<FileFault>>,
    /// The `-wal` and `-shm` files this store's writes went to, as last seen
    /// after a commit: once the database file is replaced, files with these
    /// identities beside it are the old file's, not the new one's.
    sidecars: std::cell::Cell<Option<(FileIdentity, FileIdentity)>>,
    /// The last bookings count, with what it was counted for.
    count_cache: RefCell<Option<(listing::CountKey, listing::Counted)>>,
    /// A desk's claim on the file (see [`Store::claim_desk`]).
    desk_lock: Option<file::DeskLock>,
}

/// What an open may do to the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Read only: never creates, migrates or changes the journal mode.
    Read,
    /// Read and write an existing slotdesk database (migrating an older one).
    Write,
    /// Like `Write`, but creates the file (mode 0600) and its schema.
    Create,
}

impl Store {
    /// Creates the database at `path` (mode 0600, with its folder) if it is
    /// missing or empty, else opens it as [`Store::open`] does: `init`, and
    /// the desk's first run after asking.
    /// Errors: [`StoreError::File`] (not SQLite, another program's, newer,
    /// read-only, …); a database it refuses is left exactly as it was.
    pub fn create(path: &Path) -> Result<Self> {
        Self::open_as(path, Access::Create)
    }

    /// Opens an existing slotdesk database for reading and writing,
    /// migrating one written by an older slotdesk.
    /// Errors: [`StoreError::File`] with [`FileFault::Missing`] (never
    /// creates), `Empty`, `NotSqlite`, `NotSlotdesk`, `Newer` (checked
    /// before anything is written), `ReadOnly`, `Corrupt`.
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_as(path, Access::Write)
    }

    /// Opens an existing slotdesk database read-only, for commands that only
    /// read: never creates, migrates or changes it (not even its journal
    /// mode). A database in a read-only folder is read too.
    /// Errors: as [`Store::open`]; one written by an older slotdesk is
    /// refused until a writing command (or the desk) has upgraded it.
    pub fn open_read(path: &Path) -> Result<Self> {
        Self::open_as(path, Access::Read)
    }

    fn open_as(path: &Path, access: Access) -> Result<Self> {
        if let Some(url) = server::postgres_url(path) {
            return Self::open_server(&url, access);
        }
        if server::other_url(path) {
            return Err(StoreError::file(
                Path::new(&server::shown(&path.to_string_lossy())),
                FileFault::Io(
                    "is a URL but not PostgreSQL's (postgres://USER:PASSWORD@HOST/DATABASE), \
                     nor a file's path"
                        .to_owned(),
                ),
            ));
        }
        let fault = |f| StoreError::file(path, f);
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => return Err(fault(FileFault::Folder)),
            Ok(m) if m.len() == 0 && access != Access::Create => {
                return Err(fault(FileFault::Empty));
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && access == Access::Create => {
                create_private_file(path)?;
            }
            Err(e) => return Err(fault(FileFault::of_io(&e))),
        }
        // Which file this is, taken before SQLite opens it: a file put in
        // its place during the open (a long migration) is caught below.
        let identity = FileIdentity::of(path).ok();
        // Look before touching: a read-only connection changes nothing, so a
        // database refused here is left as it was.
        let probe = open_read_only(path)?;
        let version = schema_version(&probe, access == Access::Create).map_err(fault)?;
        // A writer holds the shared claim while open, so a restore never
        // runs under it (and it never writes during one).
        let desk_lock = match access {
            Access::Read => None,
            Access::Write | Access::Create => Some(file::DeskLock::shared(path).map_err(fault)?),
        };
        let conn = if access == Access::Read {
            if version < latest_version() as i64 {
                return Err(fault(FileFault::Io(format!(
                    "was written by an older slotdesk (schema version {version}): \
                     open it once with the desk or run `slotdesk init` to upgrade it"
                ))));
            }
            probe
        } else {
            drop(probe);
            open_read_write(path).map_err(|e| e.on_file(path))?
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // One plan per statement, whatever its parameters: with the bundled
        // SQLite's STAT4 and an analysed database, a statement whose plan
        // could depend on a bound value is re-prepared at every run (30% of
        // an import on the million-booking database).
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        // A statement's undo journal (a write with triggers inside a
        // transaction) in memory, not a temporary file written page by page.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // A booking write prepares a dozen or two statements (the import's
        // row more than rusqlite's default 16): kept prepared, not re-parsed.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        let conn = db::Db::Sqlite(conn);
        events::prepare_actor(&conn)?;
        if identity.is_some() && FileIdentity::of(path).ok() != identity {
            return Err(fault(FileFault::Replaced));
        }
        Ok(Self {
            conn,
            path: path.to_owned(),
            identity,
            lost: RefCell::new(None),
            // Once open for writing, the -wal and -shm files beside it are
            // this file's (its first read made them).
            sidecars: std::cell::Cell::new(if access == Access::Read {
                None
            } else {
                sidecars(path)
            }),
            count_cache: RefCell::new(None),
            desk_lock,
        })
    }

    /// Opens the PostgreSQL database at `url` as `access` allows: `Create`
    /// and `Write` migrate its schema (an empty database gets slotdesk's);
    /// `Read` refuses an older schema and opens the session read-only.
    /// Errors: the server's faults ([`FileFault::Unreachable`],
    /// `AuthFailed`, `NoDatabase`), `Empty`, `NotSlotdesk`, `Newer`.
    fn open_server(url: &str, access: Access) -> Result<Self> {
        let shown = PathBuf::from(server::shown(url));
        let fault = |f| StoreError::file(&shown, f);
        let on_server = |e: StoreError| e.on_file(&shown);
        let conn = server::connect(url)?;
        let version = server::schema_version(&conn, access == Access::Create)
            .map_err(on_server)?
            .map_err(fault)?;
        if version < server::latest_version() as i64 {
            if access == Access::Read {
                return Err(fault(FileFault::Io(format!(
                    "was written by an older slotdesk (schema version {version}): \
                     open it once with the desk or run `slotdesk init` to upgrade it"
                ))));
            }
            server::migrate(&conn).map_err(on_server)?;
        }
        // Other desks' commits are told on this channel (the schema's
        // notify triggers): `data_version` counts them.
        conn.session("listen", "LISTEN slotdesk".to_owned())
            .map_err(|e| on_server(e.into()))?;
        conn.set_write_wait(BUSY_TIMEOUT)
            .map_err(|e| on_server(e.into()))?;
        events::prepare_actor(&conn).map_err(on_server)?;
        // After the actor's temporary table: a read-only session makes none.
        if access == Access::Read {
            conn.session(
                "read_only",
                "SET default_transaction_read_only = on".to_owned(),
            )
            .map_err(|e| on_server(e.into()))?;
        }
        Ok(Self {
            conn,
            path: PathBuf::from(url),
            identity: None,
            lost: RefCell::new(None),
            sidecars: std::cell::Cell::new(None),
            count_cache: RefCell::new(None),
            desk_lock: None,
        })
    }

    /// The database as it may be shown: the file's path, or the server's
    /// URL without its password.
    pub fn shown_path(&self) -> PathBuf {
        shown_of(&self.path).into_owned()
    }

    /// The schema version this slotdesk keeps this database at: the
    /// number of its engine's migrations (SQLite's and PostgreSQL's are
    /// counted apart).
    pub fn schema_version(&self) -> usize {
        if self.on_server() {
            server::latest_version()
        } else {
            latest_version()
        }
    }

    /// Whether the database is on a PostgreSQL server (not a file).
    pub fn on_server(&self) -> bool {
        self.conn.engine() == db::Engine::Postgres
    }

    /// The file this store is open on (a PostgreSQL URL as given, with
    /// its password: see [`Store::shown_path`] for messages).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// SQLite's `PRAGMA data_version`: changes whenever another connection
    /// commits, so a desk polls it to know when to reload.
    pub fn data_version(&self) -> Result<i64> {
        match &self.conn {
            db::Db::Sqlite(c) => Ok(c.pragma_query_value(None, "data_version", |r| r.get(0))?),
            db::Db::Postgres(p) => p
                .changes_seen()
                .map_err(|e| StoreError::from(e).on_file(&self.shown_path())),
        }
    }

    /// `Ok` while the file at the path is still the one this store opened.
    /// Errors: [`FileFault::Replaced`] or [`FileFault::Deleted`]; once seen,
    /// the store has let go of the old file and refuses every call's write.
    pub fn check_file(&mut self) -> Result<()> {
        let checked = still_open(&self.path, self.identity, &self.lost);
        if checked.is_err() {
            self.let_go_if_lost();
        }
        checked
    }

    /// Sets this connection's `synchronous` (`FULL`, as opened, or
    /// `NORMAL`), so the engine bench can show what full sync costs a hold.
    /// Not for the desk or the command line.
    #[doc(hidden)]
    pub fn set_synchronous_for_benchmarks(&self, level: &str) -> Result<()> {
        self.conn
            .sqlite("synchronous")?
            .pragma_update(None, "synchronous", level)?;
        Ok(())
    }

    /// How many prepared statements this connection keeps on a server
    /// (`None` on SQLite, whose cache is rusqlite's and bounded), so a test
    /// can show a desk open all day does not pile them up. Not for the desk.
    #[doc(hidden)]
    pub fn statements_kept(&self) -> Option<usize> {
        match &self.conn {
            db::Db::Postgres(p) => Some(p.kept_statements()),
            db::Db::Sqlite(_) => None,
        }
    }

    /// Whether the file at the path was found replaced or deleted.
    pub fn is_lost(&self) -> bool {
        self.lost.borrow().is_some()
    }

    /// Runs `f` as one `BEGIN IMMEDIATE` transaction on the file this store
    /// opened: refused before and after `f` when the file at the path was
    /// replaced or deleted meanwhile, and committed only if `f` succeeds, so
    /// a refusal changes nothing. File faults are told with the path.
    pub(crate) fn transact<T>(&mut self, f: impl FnOnce(&db::Db) -> Result<T>) -> Result<T> {
        let out = self.transact_on_file(f);
        match &out {
            Ok(_) => self.sidecars.set(sidecars(&self.path)),
            Err(_) => self.let_go_if_lost(),
        }
        out
    }

    fn transact_on_file<T>(&mut self, f: impl FnOnce(&db::Db) -> Result<T>) -> Result<T> {
        let Self {
            conn,
            path,
            identity,
            lost,
            ..
        } = self;
        let path: &Path = path;
        let shown = shown_of(path);
        let on_file = |e: StoreError| e.on_file(&shown);
        still_open(path, *identity, lost)?;
        // A savepoint inside a batch, else its own transaction.
        let tx = transaction::Scope::begin(conn).map_err(on_file)?;
        // Checked again with the write lock held: the file the lock is on is
        // the file at the path.
        still_open(path, *identity, lost)?;
        let out = f(&tx).map_err(on_file)?;
        still_open(path, *identity, lost)?;
        tx.commit().map_err(on_file)?;
        Ok(out)
    }

    /// Lets go of a file no longer at the path, at once. Its `-wal` and
    /// `-shm` files still sit beside the new file under the names the new
    /// file's would have, and any process opening the new file would read
    /// the old file's pages from them: so, when they are still the ones this
    /// store wrote to, they are renamed aside (`…-wal.replaced-PID`, kept,
    /// not deleted), and the connection is closed without a checkpoint. The
    /// store then holds an empty in-memory database and every write refuses
    /// with the file's fault.
    fn let_go_if_lost(&mut self) {
        if !self.is_lost() {
            return;
        }
        if let db::Db::Sqlite(conn) = &self.conn {
            let _ = conn.set_db_config(
                rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
                true,
            );
        }
        if let Some((wal, shm)) = self.sidecars.take() {
            for (identity, suffix) in [(wal, "-wal"), (shm, "-shm")] {
                let file = sidecar(&self.path, suffix);
                if FileIdentity::of(&file).ok() == Some(identity) {
                    let mut aside = file.clone().into_os_string();
                    aside.push(format!(".replaced-{}", std::process::id()));
                    let _ = std::fs::rename(&file, aside);
                }
            }
        }
        if let Ok(empty) = Connection::open_in_memory() {
            drop(std::mem::replace(&mut self.conn, db::Db::Sqlite(empty)));
        }
    }
}

impl Drop for Store {
    /// A store closing on a file that was replaced under it (and not yet
    /// noticed) must not fold its WAL into, and then remove, files that now
    /// sit beside the new one: it lets go as a write would have.
    fn drop(&mut self) {
        let _ = self.check_file();
    }
}

/// The identities of the `-wal` and `-shm` files beside `path`, when both exist.
fn sidecars(path: &Path) -> Option<(FileIdentity, FileIdentity)> {
    Some((
        FileIdentity::of(&sidecar(path, "-wal")).ok()?,
        FileIdentity::of(&sidecar(path, "-shm")).ok()?,
    ))
}

/// `path` with `suffix` (`-wal`, `-shm`) added to its file name.
pub(crate) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `db` (a `--db` value) as it may be shown in a message: a URL without
/// its password, a file's path as it is.
pub fn shown_db(db: &Path) -> PathBuf {
    shown_of(db).into_owned()
}

/// [`shown_db`], borrowing a file's path.
fn shown_of(db: &Path) -> std::borrow::Cow<'_, Path> {
    match server::postgres_url(db) {
        Some(url) => std::borrow::Cow::Owned(PathBuf::from(server::shown(&url))),
        None => std::borrow::Cow::Borrowed(db),
    }
}

/// Whether `db` (a `--db` value) names a PostgreSQL server's database
/// (`postgres://…`), not a file.
pub fn names_a_server(db: &Path) -> bool {
    server::postgres_url(db).is_some()
}

/// The sole claim on the database at `path` (no desk has it open) for as
/// long as the returned lock is kept: for moving a damaged file aside.
/// Errors: [`FileFault::OpenAtADesk`].
pub fn claim_sole(path: &Path) -> Result<file::DeskLock> {
    file::DeskLock::exclusive(path).map_err(|f| StoreError::file(path, f))
}

/// `Ok` while the file at `path` is `identity`'s; a fault found is kept in
/// `lost` so later writes refuse without looking again.
fn still_open(
    path: &Path,
    identity: Option<FileIdentity>,
    lost: &RefCell<Option<FileFault>>,
) -> Result<()> {
    if let Some(fault) = lost.borrow().clone() {
        return Err(StoreError::file(path, fault));
    }
    let Some(identity) = identity else {
        return Ok(());
    };
    identity.still_at(path).map_err(|fault| {
        if matches!(fault, FileFault::Replaced | FileFault::Deleted) {
            *lost.borrow_mut() = Some(fault.clone());
        }
        StoreError::file(path, fault)
    })
}

/// A read-only connection to `path`. In a read-only folder, a database
/// whose last desk closed cleanly (no `-wal` file) is opened immutable,
/// since SQLite cannot create the `-shm` it needs and no writer can exist.
pub(crate) fn open_read_only(path: &Path) -> Result<Connection> {
    let fault = |e: rusqlite::Error| StoreError::from(e).on_file(path);
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(fault)?;
    match conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Err(rusqlite::Error::SqliteFailure(e, _))
            if matches!(
                e.code,
                rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly
            ) && !sidecar(path, "-wal").exists() =>
        {
            drop(conn);
            let uri = format!("file:{}?immutable=1", uri_path(path));
            Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI).map_err(fault)
        }
        _ => Ok(conn),
    }
}

/// `path` as the path part of an SQLite URI (`%`, `?` and `#` escaped).
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// The slotdesk schema version of the database on `conn`, looked at without
/// changing anything. An empty database is version 0 when `empty_ok`.
/// Errors: `NotSqlite`, `Corrupt`, `NotSlotdesk`, `Empty`, `Newer`.
pub(crate) fn schema_version(
    conn: &Connection,
    empty_ok: bool,
) -> std::result::Result<i64, FileFault> {
    let sqlite = |e: rusqlite::Error| {
        FileFault::of_sqlite(&e).unwrap_or_else(|| FileFault::Io(e.to_string()))
    };
    let tables: i64 = conn
        .query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(sqlite)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(sqlite)?;
    let known = latest_version();
    match version {
        v if v > known as i64 => Err(FileFault::Newer { found: v, known }),
        0 if tables > 0 => Err(FileFault::NotSlotdesk),
        0 if !empty_ok => Err(FileFault::Empty),
        v => Ok(v),
    }
}

/// A read-write connection to an existing database, in WAL mode with full
/// sync, migrated to this slotdesk's schema, foreign keys on.
fn open_read_write(path: &Path) -> Result<Connection> {
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // WAL + FULL: the WAL is synced to the disk at every commit, so a
    // booking the desk reported as made survives a power cut or an OS crash,
    // not only a crash of slotdesk (NORMAL syncs only at checkpoints). It
    // costs one fsync per write; the README gives the measured figure.
    conn.pragma_update(None, "synchronous", "FULL")?;
    migrations::migrate(&mut conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

/// Creates `path` empty with mode 0600 (and its folder) if it does not exist,
/// so SQLite (and its `-wal`/`-shm` files, which copy the mode) never make it
/// world-readable.
fn create_private_file(path: &Path) -> Result<()> {
    let io = |e: std::io::Error| StoreError::file(path, FileFault::of_io(&e));
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(io(e)),
    }
}
