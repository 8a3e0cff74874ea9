//! The SQLite store: the only module that speaks SQL. Opens the file (mode
//! 0600, WAL, foreign keys, busy timeout), migrates it, and runs every
//! check-then-write as one `BEGIN IMMEDIATE` transaction that also writes the
//! change's event. Every call takes `now` (UTC) as data; the store never
//! reads the clock.
//!
//! # The store interface
//!
//! [`Store`] is one implementation of the interface the desk and the command
//! line use; a second engine implements the same methods over the same
//! `domain` types, with the same errors (a [`BookingError`](crate::domain::BookingError) for a refusal,
//! anything else a fault) and the same guarantees (each write one
//! transaction that re-checks the rules, sweeps lapsed holds first and
//! records exactly one event per change):
//!
//! - open and watch: `open`, `path`, `data_version`;
//! - catalog: `apply_catalog`, `force_catalog`, `needs_attention`,
//!   `location`, `services`, `resources`,
//!   `time_slots`, `find_service`, `find_resource`;
//! - availability: `slots(&SlotQuery, now)`;
//! - bookings, each returning the [`Booking`](crate::domain::Booking) after
//!   the change: `hold(&HoldRequest)`, `book(&BookRequest)`,
//!   `confirm(id, customer)` and `confirm_with(id, &ConfirmRequest)`, `edit_booking(id, &BookingEdit)`,
//!   `cancel(id, reason)`, `transition(id, Transition)`, `extend_hold`,
//!   `move_booking(id, SlotRef)`, `pay(id, &PaymentInput)`, `refund`,
//!   `delete`, `undo(event_id)`, `sweep_expired_holds`;
//! - reads: `booking`, `bookings(&BookingQuery) -> BookingPage`,
//!   `bookings_between`, `live_hold_count`, `customer`, `customers`,
//!   `edit_customer(id, &CustomerPatch)`;
//! - journal: `act_as(&Actor)`, `events(since, limit)`, `latest_events`,
//!   `booking_events`, `latest_booking_event`, `undo(event_id)`;
//! - staff: `has_staff`, `staff`, `sign_in(name, pin)`, `add_staff`,
//!   `remove_staff`, `set_pin`.

mod availability;
mod bookings;
pub mod bulk_load;
mod catalog;
mod catalog_apply;
mod catalog_guard;
mod claims;
mod codec;
mod customer_merge;
mod customer_search;
mod customers;
mod error;
mod events;
mod force_status;
mod lifecycle;
mod listing;
mod migrations;
mod payments;
mod queries;
mod staff;
mod transaction;
mod undo;

pub use error::{Result, StoreError};
pub use migrations::latest_version;

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another desk's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open slotdesk database. One per desk or command; several processes may
/// open the same file at once; each write is one `BEGIN IMMEDIATE`
/// transaction, so none can interleave with another desk's.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The last bookings count, with what it was counted for.
    count_cache: std::cell::RefCell<Option<(listing::CountKey, u64)>>,
}

impl Store {
    /// Opens (creating with mode 0600 if missing) and migrates the database
    /// at `path`, creating its folder.
    /// Errors: [`StoreError::Io`] for the file, [`StoreError::Schema`] for a
    /// database written by a newer slotdesk.
    pub fn open(path: &Path) -> Result<Self> {
        create_private_file(path)?;
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // WAL + NORMAL: a commit survives a crash or kill -9 of any process
        // (the WAL is written before COMMIT returns); only an OS crash or power
        // loss can lose the last transactions before a checkpoint.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        migrations::migrate(&mut conn)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        events::prepare_actor(&conn)?;
        Ok(Self {
            conn,
            path: path.to_owned(),
            count_cache: std::cell::RefCell::new(None),
        })
    }

    /// The file this store is open on.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// SQLite's `PRAGMA data_version`: changes whenever another connection
    /// commits, so a desk polls it to know when to reload.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }
}

/// Creates `path` empty with mode 0600 (and its folder) if it does not exist,
/// so SQLite (and its `-wal`/`-shm` files, which copy the mode) never make it
/// world-readable.
fn create_private_file(path: &Path) -> Result<()> {
    let io = |source| StoreError::Io {
        path: path.display().to_string(),
        source,
    };
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
