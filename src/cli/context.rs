//! What every command needs: the open store, the clock, and where the
//! database lives.

use super::CliResult;
use crate::clock::Clock;
use crate::domain::catalog::Location;
use crate::domain::{Actor, BookingError, Origin};
use crate::store::Store;
use chrono::{DateTime, NaiveDate, Utc};
use std::path::{Path, PathBuf};

/// The open store and the instant the command runs at.
pub struct Context {
    pub store: Store,
    /// When the command runs (UTC).
    pub now: DateTime<Utc>,
}

impl Context {
    /// Opens the database at `db`, else `$SLOTDESK_DB` (already in `db` via
    /// clap), else the platform data dir, at the clock's `now`.
    /// Errors: a malformed `$SLOTDESK_NOW`; the store's open errors.
    pub fn open(db: Option<&Path>) -> CliResult<Self> {
        let now = Clock::from_env()?.now();
        let path = match db {
            Some(p) => p.to_owned(),
            None => default_db_path(),
        };
        let mut store = Store::open(&path)?;
        store.act_as(&Actor {
            origin: Origin::Cli,
            staff: None,
        })?;
        Ok(Self { store, now })
    }

    /// The location (errors before a catalog is applied).
    pub fn location(&self) -> CliResult<Location> {
        Ok(self.store.location()?)
    }

    /// Today at the location.
    pub fn today(&self) -> CliResult<NaiveDate> {
        Ok(self
            .now
            .with_timezone(&self.location()?.time_zone)
            .date_naive())
    }

    /// Parses a `YYYY-MM-DD` date, or `today`/`tomorrow`/`yesterday` at the location.
    pub fn date(&self, text: &str) -> CliResult<NaiveDate> {
        let today = || self.today();
        match text.trim() {
            "today" => today(),
            "tomorrow" => Ok(today()?.succ_opt().unwrap_or_default()),
            "yesterday" => Ok(today()?.pred_opt().unwrap_or_default()),
            t => NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
                BookingError::invalid(format!("date `{t}` is not of the form YYYY-MM-DD")).into()
            }),
        }
    }
}

/// `~/.local/share/slotdesk/slotdesk.db` (the platform data dir), or
/// `./slotdesk.db` where no home directory is known.
pub fn default_db_path() -> PathBuf {
    directories::ProjectDirs::from("", "", "slotdesk").map_or_else(
        || PathBuf::from("slotdesk.db"),
        |d| d.data_dir().join("slotdesk.db"),
    )
}
