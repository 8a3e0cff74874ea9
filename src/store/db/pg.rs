//! A PostgreSQL connection as the store uses it: statements prepared with
//! their parameters' types and kept, and write transactions serialised by
//! the location's write lock.

use super::error::{Error, Result};
use super::for_postgres;
use super::value::{Bound, Kind};
use postgres::types::ToSql;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// The key of the transaction-level advisory lock every write transaction
/// takes first (`pg_advisory_xact_lock`): the letters `slotdesk` as a
/// 64-bit number. One lock for the location, like SQLite's one writer per
/// file: every rule (capacity, one thing at a time, a customer's duplicate
/// booking, a series, the waitlist's offers, the sweep of lapsed holds) is
/// re-checked by a writer that no other writer can interleave with, so no
/// rule needs its own list of rows to lock.
pub const WRITE_LOCK: i64 = 0x736c_6f74_6465_736b;

/// An open PostgreSQL connection, that connects again when the server
/// comes back after the connection broke: outside a transaction the next
/// statement reconnects and replays the session's settings (its `LISTEN`,
/// lock timeout, read-only flag and the actor's temporary table); a
/// transaction the break cut short is reported lost, never retried.
pub struct Pg {
    client: RefCell<postgres::Client>,
    /// How to connect again.
    config: postgres::Config,
    /// The session's setup, by name, in the order first made: replayed on
    /// a new connection.
    session: RefCell<Vec<(&'static str, String)>>,
    /// Prepared statements by their SQLite-dialect text and parameter types.
    prepared: RefCell<HashMap<(String, Vec<Kind>), postgres::Statement>>,
    in_tx: Cell<bool>,
    /// Notifications seen on `LISTEN slotdesk` so far.
    seen: Cell<i64>,
    /// Statements run that may have changed rows (SQLite's
    /// `total_changes`, for a count remembered inside a transaction).
    writes: Cell<u64>,
    /// Transactions begun on this connection (which one a check was in).
    transactions: Cell<u64>,
    /// Cursors declared on this connection (their names).
    cursors: Cell<u64>,
    /// What was read of the catalog, and at which stamp (see [`Pg::memo`]).
    catalog: RefCell<CatalogMemo>,
}

/// Catalog reads kept while the catalog's stamp (`catalog_stamp`, changed
/// by trigger with every change to the catalog's tables) stays the same.
#[derive(Default)]
struct CatalogMemo {
    /// The stamp the values were read at.
    stamp: Option<i64>,
    /// The transaction and write count when the stamp was last read inside
    /// a transaction: while both are the same, nothing can have changed it
    /// (every other writer waits for the write lock; a read transaction
    /// sees one state), so it is not read again.
    checked: Option<(u64, u64)>,
    values: HashMap<(&'static str, i64), Box<dyn Any + Send>>,
}

impl Pg {
    /// Wraps a client connected by `config`.
    pub fn new(client: postgres::Client, config: postgres::Config) -> Self {
        Self {
            client: RefCell::new(client),
            config,
            session: RefCell::new(Vec::new()),
            prepared: RefCell::new(HashMap::new()),
            in_tx: Cell::new(false),
            seen: Cell::new(0),
            writes: Cell::new(0),
            transactions: Cell::new(0),
            cursors: Cell::new(0),
            catalog: RefCell::new(CatalogMemo::default()),
        }
    }

    /// The catalog value `key` (what `load` reads: the location, the
    /// services, one time slot), kept on this connection while the
    /// catalog's stamp is the stamp it was read at. The stamp is read
    /// first, once per transaction while this connection writes nothing,
    /// else every time. `load`'s own failures are not kept.
    /// Errors: reading the stamp; `load`'s.
    pub fn memo<T, E>(
        &self,
        key: (&'static str, i64),
        load: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E>
    where
        T: Clone + Send + 'static,
        E: From<Error>,
    {
        self.check_catalog()?;
        if let Some(kept) = self
            .catalog
            .borrow()
            .values
            .get(&key)
            .and_then(|v| v.downcast_ref::<T>())
        {
            return Ok(kept.clone());
        }
        let value = load()?;
        self.catalog
            .borrow_mut()
            .values
            .insert(key, Box::new(value.clone()));
        Ok(value)
    }

    /// Reads the catalog's stamp unless it was read in this transaction
    /// since this connection last wrote; forgets the kept values when it
    /// changed.
    fn check_catalog(&self) -> Result<()> {
        let at = (self.transactions.get(), self.writes.get());
        let in_tx = self.in_tx.get();
        if in_tx && self.catalog.borrow().checked == Some(at) {
            return Ok(());
        }
        let rows = self.query("SELECT stamp FROM catalog_stamp", &[], true)?;
        let stamp: i64 = rows.first().ok_or(Error::NoRow)?.try_get(0)?;
        let mut memo = self.catalog.borrow_mut();
        if memo.stamp != Some(stamp) {
            memo.values.clear();
            memo.stamp = Some(stamp);
        }
        memo.checked = in_tx.then_some(at);
        Ok(())
    }

    /// Runs `sql` now and again on every new connection, as the session
    /// setting `name` (a later call with the same name replaces it).
    pub fn session(&self, name: &'static str, sql: String) -> Result<()> {
        self.batch(&sql)?;
        let mut session = self.session.borrow_mut();
        match session.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 = sql,
            None => session.push((name, sql)),
        }
        Ok(())
    }

    /// Connects again if the connection broke: outside a transaction, a new
    /// connection with the session replayed (and one change counted, so a
    /// desk reloads what it missed); inside one, the transaction is gone.
    /// Errors: the connect's (the server still away); [`Error::Lost`] for
    /// a transaction the break ended.
    fn ensure_open(&self) -> Result<()> {
        if !self.client.borrow().is_closed() {
            return Ok(());
        }
        if self.in_tx.replace(false) {
            return Err(Error::Lost);
        }
        let client = self.config.connect(postgres::NoTls)?;
        *self.client.borrow_mut() = client;
        self.prepared.borrow_mut().clear();
        // The server may have been given another database meanwhile.
        *self.catalog.borrow_mut() = CatalogMemo::default();
        let session = self.session.borrow().clone();
        for (_, sql) in &session {
            self.client.borrow_mut().batch_execute(sql)?;
        }
        self.seen.set(self.seen.get() + 1);
        Ok(())
    }

    /// A cursor name not used before on this connection.
    pub fn cursor_name(&self) -> String {
        self.cursors.set(self.cursors.get() + 1);
        format!("slotdesk_rows_{}", self.cursors.get())
    }

    /// Whether a transaction is open.
    pub fn in_transaction(&self) -> bool {
        self.in_tx.get()
    }

    /// How many change notifications (`NOTIFY slotdesk`) have come so far:
    /// those already waiting on the connection are read, without waiting
    /// for more. Like SQLite's `data_version`, it changes when a commit did.
    pub fn changes_seen(&self) -> Result<i64> {
        use postgres::fallible_iterator::FallibleIterator;
        self.ensure_open()?;
        let mut client = self.client.borrow_mut();
        let n = client.notifications().iter().count()?;
        self.seen
            .set(self.seen.get() + i64::try_from(n).unwrap_or(i64::MAX));
        Ok(self.seen.get())
    }

    /// `sql` prepared for `values`' types: kept for the next use when
    /// `keep`, else closed on the server once run (a statement built at
    /// run time, whose text is not seen again, is never kept).
    fn statement(
        &self,
        sql: &str,
        values: &[Bound<'_>],
        keep: bool,
    ) -> Result<postgres::Statement> {
        self.ensure_open()?;
        let kinds: Vec<Kind> = values.iter().map(Bound::kind).collect();
        let key = (sql.to_owned(), kinds);
        if let Some(s) = self.prepared.borrow().get(&key) {
            return Ok(s.clone());
        }
        let types: Vec<_> = key.1.iter().map(|k| k.pg_type()).collect();
        let stmt = self
            .client
            .borrow_mut()
            .prepare_typed(&for_postgres(sql), &types)?;
        if keep {
            self.prepared.borrow_mut().insert(key, stmt.clone());
        }
        Ok(stmt)
    }

    /// How many statements this connection keeps prepared.
    pub fn kept_statements(&self) -> usize {
        self.prepared.borrow().len()
    }

    /// Runs `sql` with `values` (its statement kept when `keep`); the rows
    /// it changed.
    pub fn execute(&self, sql: &str, values: &[Bound<'_>], keep: bool) -> Result<usize> {
        let n = self.once_more(|| {
            let stmt = self.statement(sql, values, keep)?;
            let refs: Vec<&(dyn ToSql + Sync)> =
                values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
            Ok(self.client.borrow_mut().execute(&stmt, &refs)?)
        })?;
        if n > 0 {
            self.writes.set(self.writes.get() + n);
        }
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    /// How many rows this connection's statements have changed (a
    /// statement returning rows counted as one).
    pub fn writes(&self) -> u64 {
        self.writes.get()
    }

    /// Runs `sql` with `values` (kept as [`Pg::execute`]); its rows, whole. (A statement that is not
    /// a `SELECT`, an `INSERT … RETURNING`, is counted as a write.)
    pub fn query(&self, sql: &str, values: &[Bound<'_>], keep: bool) -> Result<Vec<postgres::Row>> {
        let reads = sql
            .trim_start()
            .get(..6)
            .is_some_and(|w| w.eq_ignore_ascii_case("SELECT"));
        if !reads {
            self.writes.set(self.writes.get() + 1);
        }
        self.once_more(|| {
            let stmt = self.statement(sql, values, keep)?;
            let refs: Vec<&(dyn ToSql + Sync)> =
                values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
            Ok(self.client.borrow_mut().query(&stmt, &refs)?)
        })
    }

    /// Runs `COPY … FROM STDIN` (`sql`), `write` giving its rows in COPY's
    /// text form; the rows the server took.
    /// Errors: the server's (a row its constraints refuse), or `write`'s.
    pub fn copy_in(
        &self,
        sql: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<u64> {
        self.ensure_open()?;
        let mut client = self.client.borrow_mut();
        let mut writer = client.copy_in(sql)?;
        write(&mut writer).map_err(Error::Copy)?;
        let rows = writer.finish()?;
        self.writes.set(self.writes.get() + rows);
        Ok(rows)
    }

    /// Runs statements separated by `;` (the transactions' own, settings,
    /// the schema's migrations: not counted as writes).
    pub fn batch(&self, sql: &str) -> Result<()> {
        // A savepoint rolled back may have undone a change to the catalog
        // that this connection made: its stamp is read again.
        self.catalog.borrow_mut().checked = None;
        self.once_more(|| {
            self.ensure_open()?;
            Ok(self.client.borrow_mut().batch_execute(sql)?)
        })
    }

    /// Runs `f`; when it fails outside a transaction because the connection
    /// had broken (the server restarted, ended it, or is shutting down),
    /// connects again and runs it once more — nothing of it had happened, so
    /// a desk's first read after a restart is answered, not refused. Inside
    /// a transaction the failure stands (see [`Pg::ensure_open`]).
    fn once_more<T>(&self, f: impl Fn() -> Result<T>) -> Result<T> {
        match f() {
            Err(e) if !self.in_tx.get() && self.broke(&e) => {
                self.ensure_open()?;
                f()
            }
            out => out,
        }
    }

    /// Whether `e` says the connection is gone (closed now, or the server
    /// ended it: SQLSTATE class 57, operator intervention).
    fn broke(&self, e: &Error) -> bool {
        self.client.borrow().is_closed()
            || e.is_lost()
            || e.sqlstate().is_some_and(|code| code.starts_with("57"))
    }

    /// Begins a write transaction (`READ COMMITTED`) and takes the
    /// location's write lock ([`WRITE_LOCK`]) before anything is read:
    /// every statement after it sees every write committed before, and no
    /// other writer runs until this one commits or rolls back.
    ///
    /// Its statements run on generic plans (`plan_cache_mode`): a write's
    /// statements look rows up by key, and the server would otherwise plan
    /// some afresh at every use (a quarter of a millisecond for the claims a
    /// hold reads). Reads keep the server's choice: a list filtered by a
    /// customer's name needs a plan made for the name.
    pub fn begin_write(&self) -> Result<()> {
        self.batch(&format!(
            "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL plan_cache_mode = force_generic_plan; \
             SELECT pg_advisory_xact_lock({WRITE_LOCK})"
        ))?;
        self.transactions.set(self.transactions.get() + 1);
        self.in_tx.set(true);
        Ok(())
    }

    /// Begins a read that sees one state of the database throughout.
    pub fn begin_read(&self) -> Result<()> {
        self.batch("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")?;
        self.transactions.set(self.transactions.get() + 1);
        self.in_tx.set(true);
        Ok(())
    }

    /// Ends the transaction with `COMMIT` or `ROLLBACK`.
    pub fn end(&self, how: &str) -> Result<()> {
        let out = self.batch(how);
        self.in_tx.set(false);
        out
    }
}
