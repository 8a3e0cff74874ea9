//! The store's connection to its engine: an SQLite file, or a PostgreSQL
//! server. Every store module speaks SQL through [`Db`], in the dialect
//! both engines run (`?1`-numbered parameters, which PostgreSQL is given as
//! `$1`; `RETURNING`; `ON CONFLICT`; `CAST`); where the engines differ, a
//! module asks [`Db::engine`] and writes each its own.
//!
//! The shape is rusqlite's — `prepare_cached`, `query_row`, `query_map`,
//! `execute`, `params!` — over both engines, so a rule's SQL is written
//! once: a row is read by [`Row::get`] into any [`FromCol`] type, whichever
//! engine's column type it has, and a parameter is bound by [`ToParam`]
//! with its type (so PostgreSQL is told a `NULL` integer from a `NULL` text).

mod error;
mod pg;
mod value;

pub use error::{Error, Optional, Result};
pub use pg::Pg;
pub use value::{FromCol, Params, ToParam, Value, from_iter};

/// Parameters of mixed types, in order: `params![id.0, name, ts(now)]`.
macro_rules! params {
    () => { () };
    ($($p:expr),+ $(,)?) => {
        [$(&$p as &dyn $crate::store::db::ToParam),+]
    };
}
pub(crate) use params;

/// Which engine a [`Db`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// An open connection: SQLite's, or a PostgreSQL server's.
pub enum Db {
    Sqlite(rusqlite::Connection),
    Postgres(Box<Pg>),
}

impl Db {
    /// Which engine this is.
    pub fn engine(&self) -> Engine {
        match self {
            Self::Sqlite(_) => Engine::Sqlite,
            Self::Postgres(_) => Engine::Postgres,
        }
    }

    /// The SQLite connection, for what only SQLite has (pragmas, the file,
    /// backups). Errors: on PostgreSQL, `what` is not one of its.
    pub fn sqlite(&self, what: &str) -> Result<&rusqlite::Connection> {
        match self {
            Self::Sqlite(c) => Ok(c),
            Self::Postgres(_) => Err(Error::Unsupported(format!(
                "{what} is for an SQLite database; this one is on PostgreSQL"
            ))),
        }
    }

    /// [`Db::sqlite`], to change.
    pub fn sqlite_mut(&mut self, what: &str) -> Result<&mut rusqlite::Connection> {
        match self {
            Self::Sqlite(c) => Ok(c),
            Self::Postgres(_) => Err(Error::Unsupported(format!(
                "{what} is for an SQLite database; this one is on PostgreSQL"
            ))),
        }
    }

    /// `sql`, prepared once per connection and kept.
    pub fn prepare_cached(&self, sql: &str) -> Result<Stmt<'_>> {
        Ok(Stmt(match self {
            Self::Sqlite(c) => StmtOn::SqliteCached(c.prepare_cached(sql)?),
            Self::Postgres(p) => StmtOn::Pg {
                pg: p,
                sql: sql.to_owned(),
                keep: true,
            },
        }))
    }

    /// `sql`, prepared for this use only (a statement built at run time).
    pub fn prepare(&self, sql: &str) -> Result<Stmt<'_>> {
        Ok(Stmt(match self {
            Self::Sqlite(c) => StmtOn::Sqlite(c.prepare(sql)?),
            Self::Postgres(p) => StmtOn::Pg {
                pg: p,
                sql: sql.to_owned(),
                keep: false,
            },
        }))
    }

    /// A number that changes whenever another connection commits (SQLite's
    /// `data_version`; on PostgreSQL, the change notifications seen).
    pub fn data_version(&self) -> Result<i64> {
        match self {
            Self::Sqlite(c) => Ok(c.pragma_query_value(None, "data_version", |r| r.get(0))?),
            Self::Postgres(p) => p.changes_seen(),
        }
    }

    /// A number that changes whenever this connection changes rows, inside
    /// a transaction too (SQLite's `total_changes`; on PostgreSQL a count of
    /// the statements that may have, every query among them).
    pub fn own_changes(&self) -> u64 {
        match self {
            Self::Sqlite(c) => c.total_changes(),
            Self::Postgres(p) => p.writes(),
        }
    }

    /// The catalog value `key` as `load` reads it (the location, the
    /// services, a time slot), kept between calls on PostgreSQL while the
    /// catalog is unchanged (see [`Pg::memo`]: a round trip saved per read);
    /// on SQLite read every time, a read there costing microseconds.
    /// Errors: `load`'s, or reading the catalog's stamp.
    pub fn memo<T, E>(
        &self,
        key: (&'static str, i64),
        load: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E>
    where
        T: Clone + Send + 'static,
        E: From<Error>,
    {
        match self {
            Self::Sqlite(_) => load(),
            Self::Postgres(p) => p.memo(key, load),
        }
    }

    /// Runs `sql` once; the number of rows it changed.
    pub fn execute(&self, sql: &str, params: impl Params) -> Result<usize> {
        self.prepare(sql)?.execute(params)
    }

    /// Runs `sql`'s one row through `f`. Errors: [`Error::NoRow`].
    pub fn query_row<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        self.prepare(sql)?.query_row(params, f)
    }

    /// Runs statements separated by `;`, without parameters.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match self {
            Self::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Self::Postgres(p) => p.batch(sql),
        }
    }

    /// Whether no transaction is open.
    pub fn is_autocommit(&self) -> bool {
        match self {
            Self::Sqlite(c) => c.is_autocommit(),
            Self::Postgres(p) => !p.in_transaction(),
        }
    }

    /// Begins a write transaction that no other writer can interleave
    /// with: SQLite's `BEGIN IMMEDIATE` (the file's write lock), or on
    /// PostgreSQL a transaction holding the location's write lock (see
    /// [`Pg::begin_write`]).
    pub fn begin_write(&self) -> Result<()> {
        match self {
            Self::Sqlite(c) => Ok(c.execute_batch("BEGIN IMMEDIATE")?),
            Self::Postgres(p) => p.begin_write(),
        }
    }

    /// How long a write waits for another's lock before it gives up:
    /// SQLite's busy timeout, PostgreSQL's `lock_timeout` (which the write
    /// lock obeys).
    pub fn set_write_wait(&self, wait: std::time::Duration) -> Result<()> {
        match self {
            Self::Sqlite(c) => Ok(c.busy_timeout(wait)?),
            Self::Postgres(p) => p.batch(&format!(
                "SET lock_timeout = '{}ms'",
                wait.as_millis().max(1)
            )),
        }
    }

    /// Runs `sql` (no parameters) as a setting of this connection's
    /// session: on PostgreSQL it is run again on every new connection (see
    /// [`Pg`]), `name` naming it (a later one of that name replaces it).
    pub fn session(&self, name: &'static str, sql: String) -> Result<()> {
        match self {
            Self::Sqlite(c) => Ok(c.execute_batch(&sql)?),
            Self::Postgres(p) => p.session(name, sql),
        }
    }

    /// Commits the open transaction.
    pub fn commit(&self) -> Result<()> {
        match self {
            Self::Sqlite(c) => Ok(c.execute_batch("COMMIT")?),
            Self::Postgres(p) => p.end("COMMIT"),
        }
    }

    /// Rolls the open transaction back.
    pub fn rollback(&self) -> Result<()> {
        match self {
            Self::Sqlite(c) => Ok(c.execute_batch("ROLLBACK")?),
            Self::Postgres(p) => p.end("ROLLBACK"),
        }
    }
}

impl Db {
    /// Runs the query `sql` and hands its rows, read by `row`, to `f`
    /// `n` at a time, in order, until they are all handed on or `f` says
    /// `false`; the whole result is never held. `f` may run other statements
    /// on this connection between batches. SQLite steps one statement; on
    /// PostgreSQL (whose statements return their rows whole) the rows are
    /// read through a cursor of the open transaction (`DECLARE`, `FETCH
    /// n`), so it runs inside one (a [`ReadScope`]).
    /// Errors: the engine's, `row`'s and `f`'s.
    pub fn each_batch<T, E: From<Error>>(
        &self,
        sql: &str,
        params: impl Params,
        n: usize,
        mut row: impl FnMut(&Row<'_>) -> Result<T>,
        mut f: impl FnMut(Vec<T>) -> std::result::Result<bool, E>,
    ) -> std::result::Result<(), E> {
        let n = n.max(1);
        match self {
            Self::Sqlite(_) => {
                let mut stmt = self.prepare(sql)?;
                let mut rows = stmt.query_map(params, row)?;
                loop {
                    let batch = rows.by_ref().take(n).collect::<Result<Vec<_>>>()?;
                    if batch.is_empty() || !f(batch)? {
                        return Ok(());
                    }
                }
            }
            Self::Postgres(p) => {
                let cursor = p.cursor_name();
                self.execute(
                    &format!("DECLARE {cursor} NO SCROLL CURSOR FOR {sql}"),
                    params,
                )?;
                let fetch = format!("FETCH {n} FROM {cursor}");
                loop {
                    let batch = self
                        .prepare(&fetch)?
                        .query_map((), &mut row)?
                        .collect::<Result<Vec<_>>>()?;
                    if batch.is_empty() || !f(batch)? {
                        break;
                    }
                }
                self.execute_batch(&format!("CLOSE {cursor}"))?;
                Ok(())
            }
        }
    }
}

/// A read of several statements that see one state of the database: its
/// own read transaction (SQLite's deferred `BEGIN`, PostgreSQL's
/// `REPEATABLE READ, READ ONLY`), or, inside an open transaction (a batch),
/// that one. Rolled back when dropped unfinished (a read changes nothing).
pub struct ReadScope<'c> {
    db: &'c Db,
    own: bool,
}

impl Db {
    /// Begins a [`ReadScope`].
    pub fn read_scope(&self) -> Result<ReadScope<'_>> {
        let own = self.is_autocommit();
        if own {
            match self {
                Self::Sqlite(c) => c.execute_batch("BEGIN")?,
                Self::Postgres(p) => p.begin_read()?,
            }
        }
        Ok(ReadScope { db: self, own })
    }
}

impl ReadScope<'_> {
    /// Ends its own read transaction. Errors: the engine's, ending it.
    pub fn finish(mut self) -> Result<()> {
        if std::mem::take(&mut self.own) {
            self.db.commit()?;
        }
        Ok(())
    }
}

impl Drop for ReadScope<'_> {
    fn drop(&mut self) {
        if self.own && !self.db.is_autocommit() {
            let _ = self.db.rollback();
        }
    }
}

impl std::ops::Deref for ReadScope<'_> {
    type Target = Db;

    fn deref(&self) -> &Db {
        self.db
    }
}

/// A statement of either engine. Its methods take their parameters by
/// value, as rusqlite's do, so a call reads the same on both engines.
pub struct Stmt<'c>(StmtOn<'c>);

enum StmtOn<'c> {
    SqliteCached(rusqlite::CachedStatement<'c>),
    Sqlite(rusqlite::Statement<'c>),
    /// `keep`: prepared once per connection and kept (`prepare_cached`).
    Pg {
        pg: &'c Pg,
        sql: String,
        keep: bool,
    },
}

#[allow(clippy::needless_pass_by_value)]
impl<'c> Stmt<'c> {
    fn sqlite(&mut self) -> Option<&mut rusqlite::Statement<'c>> {
        match &mut self.0 {
            StmtOn::SqliteCached(s) => Some(s),
            StmtOn::Sqlite(s) => Some(s),
            StmtOn::Pg { .. } => None,
        }
    }

    /// Runs the statement; the number of rows it changed.
    pub fn execute(&mut self, params: impl Params) -> Result<usize> {
        let values = params.values();
        if let Some(s) = self.sqlite() {
            return Ok(s.execute(rusqlite::params_from_iter(values.iter()))?);
        }
        match &self.0 {
            StmtOn::Pg { pg, sql, keep } => pg.execute(sql, &values, *keep),
            _ => unreachable_engine(),
        }
    }

    /// Runs the statement and reads its first row with `f`.
    /// Errors: [`Error::NoRow`] when it returns none.
    pub fn query_row<T>(
        &mut self,
        params: impl Params,
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        let values = params.values();
        if let Some(s) = self.sqlite() {
            let mut rows = s.query(rusqlite::params_from_iter(values.iter()))?;
            return match rows.next()? {
                Some(r) => f(&Row::Sqlite(r)),
                None => Err(Error::NoRow),
            };
        }
        match &self.0 {
            StmtOn::Pg { pg, sql, keep } => {
                let rows = pg.query(sql, &values, *keep)?;
                match rows.first() {
                    Some(r) => f(&Row::Pg(r)),
                    None => Err(Error::NoRow),
                }
            }
            _ => unreachable_engine(),
        }
    }

    /// Runs the statement and reads each row with `f`, in order. On SQLite
    /// the rows are read as the iterator is; on PostgreSQL they arrive
    /// whole (so a large result is read a page at a time).
    pub fn query_map<T, F>(&mut self, params: impl Params, f: F) -> Result<Mapped<'_, F>>
    where
        F: FnMut(&Row<'_>) -> Result<T>,
    {
        let values = params.values();
        let rows = match &mut self.0 {
            StmtOn::SqliteCached(s) => {
                RowsOn::Sqlite(s.query(rusqlite::params_from_iter(values.iter()))?)
            }
            StmtOn::Sqlite(s) => {
                RowsOn::Sqlite(s.query(rusqlite::params_from_iter(values.iter()))?)
            }
            StmtOn::Pg { pg, sql, keep } => RowsOn::Pg(pg.query(sql, &values, *keep)?.into_iter()),
        };
        Ok(Mapped { rows, f })
    }
}

/// A statement of one engine was found holding another's: cannot happen,
/// since each is made by its own [`Db`].
fn unreachable_engine<T>() -> Result<T> {
    Err(Error::decode(0, "a statement of the other engine"))
}

/// The rows of [`Stmt::query_map`], each read by its function.
pub struct Mapped<'s, F> {
    rows: RowsOn<'s>,
    f: F,
}

enum RowsOn<'s> {
    Sqlite(rusqlite::Rows<'s>),
    Pg(std::vec::IntoIter<postgres::Row>),
}

impl<T, F> Iterator for Mapped<'_, F>
where
    F: FnMut(&Row<'_>) -> Result<T>,
{
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        match &mut self.rows {
            RowsOn::Sqlite(rows) => match rows.next() {
                Ok(Some(r)) => Some((self.f)(&Row::Sqlite(r))),
                Ok(None) => None,
                Err(e) => Some(Err(e.into())),
            },
            RowsOn::Pg(rows) => rows.next().map(|r| (self.f)(&Row::Pg(&r))),
        }
    }
}

/// One row of a result, of either engine.
pub enum Row<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Pg(&'r postgres::Row),
}

impl Row<'_> {
    /// Column `idx` (from 0) as `T`. Errors: [`Error::Decode`] when it
    /// holds what `T` cannot be read from (a `NULL` for a non-`Option`, an
    /// integer out of `T`'s range, text for a number).
    pub fn get<T: FromCol>(&self, idx: usize) -> Result<T> {
        match self {
            Self::Sqlite(r) => T::from_sqlite(r, idx),
            Self::Pg(r) => T::from_pg(r, idx),
        }
    }

    /// Column `idx` as text, borrowed (no copy). Errors: not text.
    pub fn str(&self, idx: usize) -> Result<&str> {
        match self {
            Self::Sqlite(r) => r
                .get_ref(idx)?
                .as_str()
                .map_err(|e| Error::decode(idx, &e.to_string())),
            Self::Pg(r) => Ok(r.try_get::<_, &str>(idx)?),
        }
    }
}

/// `sql`, written in SQLite's dialect, as PostgreSQL runs it: numbered
/// parameters `?1` as `$1` (a bare `?` numbered after the one before it);
/// `LIKE` as `ILIKE` (SQLite's `LIKE` ignores ASCII case); SQLite's planner
/// hint `INDEXED BY name` left out. Text in quotes (`'…'`, `"…"`) and
/// comments are left as they are. (`COLLATE NOCASE` is a collation of the
/// PostgreSQL schema's own.)
pub fn for_postgres(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut last = 0usize;
    let mut word = String::new();
    // Words of `INDEXED BY name` still to leave out, and whether the spaces
    // after a word left out go too.
    let mut dropping = 0u8;
    let mut skip_space = false;
    loop {
        let c = chars.next();
        if let Some(c) = c.filter(|c| c.is_alphanumeric() || *c == '_') {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            skip_space = false;
            if dropping > 0 {
                dropping -= 1;
                skip_space = true;
            } else if word.eq_ignore_ascii_case("INDEXED") {
                dropping = 2;
                skip_space = true;
            } else if word.eq_ignore_ascii_case("LIKE") {
                out.push_str("ILIKE");
            } else {
                out.push_str(&word);
            }
            word.clear();
        }
        let Some(c) = c else { break };
        match c {
            c if c.is_whitespace() && skip_space => {}
            '\'' | '"' => {
                out.push(c);
                for q in chars.by_ref() {
                    out.push(q);
                    if q == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for q in chars.by_ref() {
                    out.push(q);
                    if q == '\n' {
                        break;
                    }
                }
            }
            '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                let n = digits.parse().unwrap_or(last + 1);
                last = n;
                out.push('$');
                out.push_str(&n.to_string());
            }
            c => {
                skip_space = false;
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::for_postgres;

    #[test]
    fn numbered_parameters_become_dollars_and_quoted_text_is_left_alone() {
        assert_eq!(
            for_postgres("SELECT a FROM t WHERE b = ?1 AND c = ?12 AND d = '?3'"),
            "SELECT a FROM t WHERE b = $1 AND c = $12 AND d = '?3'"
        );
        assert_eq!(for_postgres("VALUES (?, ?, ?)"), "VALUES ($1, $2, $3)");
        assert_eq!(
            for_postgres("SELECT 1 -- what? \nWHERE x = ?2"),
            "SELECT 1 -- what? \nWHERE x = $2"
        );
        assert_eq!(
            for_postgres("SELECT \"a?\" FROM t WHERE x = ?1"),
            "SELECT \"a?\" FROM t WHERE x = $1"
        );
    }

    #[test]
    fn like_ignores_case_and_sqlites_index_hints_go() {
        assert_eq!(
            for_postgres("SELECT 1 FROM b INDEXED BY b_lapsed WHERE s LIKE ?1 ESCAPE '\\'"),
            "SELECT 1 FROM b WHERE s ILIKE $1 ESCAPE '\\'"
        );
        assert_eq!(
            for_postgres("SELECT liked, 'LIKE' FROM t WHERE unlike = ?1"),
            "SELECT liked, 'LIKE' FROM t WHERE unlike = $1"
        );
    }
}
