//! The store's error: a booking-rule refusal, or a fault of the database
//! or its file.

use super::file::FileFault;
use crate::domain::{BookingError, ErrorKind};
use std::path::Path;

/// What a store call can fail with. A failed call has changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The rules refused the request (`time slot is full`, …).
    #[error(transparent)]
    Booking(#[from] BookingError),
    /// The engine failed in a way that is not the file's or the server's
    /// connection (a bug, a constraint).
    #[error("database error: {0}")]
    Db(#[from] super::db::Error),
    /// The database cannot be used by this slotdesk (a failed migration).
    #[error("{0}")]
    Schema(String),
    /// The database file cannot be used: missing, read-only, full, locked,
    /// corrupt, newer, replaced, … Shown as `database PATH: cause`.
    #[error("database {path}: {fault}")]
    File { path: String, fault: FileFault },
}

impl StoreError {
    /// How it is reported: a refusal's kind, or [`ErrorKind::Fault`] when
    /// the database or the file failed.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::Booking(e) => e.kind(),
            _ => ErrorKind::Fault,
        }
    }

    /// A file fault of the database at `path`.
    pub fn file(path: &Path, fault: FileFault) -> Self {
        Self::File {
            path: path.display().to_string(),
            fault,
        }
    }

    /// This error told as a fault of the file at `path` when SQLite's error
    /// is one (read-only, disk full, locked, corrupt, …); else unchanged.
    #[must_use]
    pub fn on_file(self, path: &Path) -> Self {
        match &self {
            Self::Db(e) => match e
                .as_sqlite()
                .and_then(FileFault::of_sqlite)
                .or_else(|| e.as_postgres().and_then(super::server::fault_of))
                .or_else(|| e.is_lost().then_some(FileFault::ConnectionLost))
            {
                Some(fault) => Self::file(path, fault),
                None => self,
            },
            _ => self,
        }
    }

    /// The file fault, when this is one.
    pub fn file_fault(&self) -> Option<&FileFault> {
        match self {
            Self::File { fault, .. } => Some(fault),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Db(e.into())
    }
}

/// Shorthand for store results.
pub type Result<T> = std::result::Result<T, StoreError>;
