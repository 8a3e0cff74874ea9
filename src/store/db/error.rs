//! What a statement can fail with, on either engine.

/// A failed statement or column read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite refused or failed (a constraint, the file, …).
    #[error("{0}")]
    Sqlite(rusqlite::Error),
    /// PostgreSQL refused or failed, or the connection to it did.
    #[error("{}", postgres_words(.0))]
    Postgres(#[from] postgres::Error),
    /// A column held what the row cannot be read from (a corrupt row).
    #[error("column {idx}: {what}")]
    Decode { idx: usize, what: String },
    /// Rows for a `COPY` could not be given (reading them failed).
    #[error("copying rows: {0}")]
    Copy(std::io::Error),
    /// What this engine does not do (a pragma of SQLite's on PostgreSQL).
    #[error("{0}")]
    Unsupported(String),
    /// The connection to the server broke inside a transaction: what it
    /// was doing was not committed, or not confirmed.
    #[error("the connection to the server was lost before the change was confirmed")]
    Lost,
    /// A query that must return a row returned none.
    #[error("query returned no rows")]
    NoRow,
}

/// A PostgreSQL error as the server put it (the crate's own words, `db
/// error`, say nothing): its message, and its detail when it gave one.
fn postgres_words(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(d) => match d.detail() {
            Some(detail) => format!("{} ({detail})", d.message()),
            None => d.message().to_owned(),
        },
        None => e.to_string(),
    }
}

impl Error {
    /// A column `idx` that cannot be read as asked.
    pub fn decode(idx: usize, what: &str) -> Self {
        Self::Decode {
            idx,
            what: what.to_owned(),
        }
    }

    /// The SQLite error, when this is one.
    pub fn as_sqlite(&self) -> Option<&rusqlite::Error> {
        match self {
            Self::Sqlite(e) => Some(e),
            _ => None,
        }
    }

    /// Whether the connection to the server broke (now or before).
    pub fn is_lost(&self) -> bool {
        match self {
            Self::Lost => true,
            Self::Postgres(e) => e.is_closed(),
            _ => false,
        }
    }

    /// The PostgreSQL error, when this is one.
    pub fn as_postgres(&self) -> Option<&postgres::Error> {
        match self {
            Self::Postgres(e) => Some(e),
            _ => None,
        }
    }

    /// The SQLSTATE PostgreSQL gave, when this is a refusal of the server's
    /// (`23505` unique violation, `40001` serialization failure, …).
    pub fn sqlstate(&self) -> Option<&str> {
        match self {
            Self::Postgres(e) => e.code().map(postgres::error::SqlState::code),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::QueryReturnedNoRows => Self::NoRow,
            e => Self::Sqlite(e),
        }
    }
}

/// Shorthand for statement results.
pub type Result<T> = std::result::Result<T, Error>;

/// `Ok(None)` for a query that returned no row (rusqlite's
/// `OptionalExtension`, for both engines).
pub trait Optional<T> {
    /// The row, or `None` when there was none; other errors stay errors.
    fn optional(self) -> Result<Option<T>>;
}

impl<T> Optional<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::NoRow) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
