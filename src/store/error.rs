//! The store's error: a booking-rule refusal, or a database fault.

use crate::domain::{BookingError, ErrorKind};

/// What a store call can fail with. A failed call has changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The rules refused the request (`time slot is full`, …).
    #[error(transparent)]
    Booking(#[from] BookingError),
    /// SQLite failed (I/O, corruption, lock timeout).
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The database cannot be used by this slotdesk (too new, bad schema).
    #[error("{0}")]
    Schema(String),
    /// The database file or its folder could not be created.
    #[error("cannot open database {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
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
}

/// Shorthand for store results.
pub type Result<T> = std::result::Result<T, StoreError>;
