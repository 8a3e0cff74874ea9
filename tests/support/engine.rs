//! Which engine a test's fresh database is on: an SQLite file in the test's
//! temp dir, or — with `SLOTDESK_TEST_ENGINE=postgres` — a new database on
//! the PostgreSQL server whose superuser URL `SLOTDESK_TEST_POSTGRES` gives
//! (`.ci/run` starts one on 127.0.0.1). Asked for PostgreSQL without a
//! server, a test fails: it never falls back to SQLite quietly.
#![allow(dead_code, clippy::unwrap_used, clippy::missing_panics_doc)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Whether this run's stores are on PostgreSQL.
pub fn on_postgres() -> bool {
    match std::env::var("SLOTDESK_TEST_ENGINE").as_deref() {
        Ok("postgres") => true,
        Ok("sqlite") | Err(_) => false,
        Ok(other) => panic!("SLOTDESK_TEST_ENGINE={other}: say sqlite or postgres"),
    }
}

/// The server's superuser URL (`postgres://USER:PW@127.0.0.1:PORT/postgres`).
pub fn admin_url() -> String {
    std::env::var("SLOTDESK_TEST_POSTGRES").unwrap_or_else(|_| {
        panic!(
            "SLOTDESK_TEST_POSTGRES is not set: these tests need a PostgreSQL server \
             (`.ci/postgres start DIR` starts one and prints its URL)"
        )
    })
}

/// A new, empty database on the test server; its URL.
pub fn new_postgres_db() -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    let admin = admin_url();
    let name = format!(
        "t_{}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let mut client = postgres::Client::connect(&admin, postgres::NoTls)
        .unwrap_or_else(|e| panic!("the test server at SLOTDESK_TEST_POSTGRES: {e}"));
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    let (base, _) = admin.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}

/// Where a fresh database goes: `dir/name` on SQLite, a new database on
/// PostgreSQL.
pub fn fresh_db(dir: &Path, name: &str) -> PathBuf {
    if on_postgres() {
        PathBuf::from(new_postgres_db())
    } else {
        dir.join(name)
    }
}

/// SQL from outside the store, straight into its database (a test's way to
/// write what an older slotdesk or another program would): rusqlite on a
/// file, the PostgreSQL client on a server. Statements without parameters.
pub enum Raw {
    Sqlite(rusqlite::Connection),
    Postgres(postgres::Client),
}

impl Raw {
    /// Opens the database `db` (a file's path or a PostgreSQL URL).
    pub fn open(db: &Path) -> Raw {
        let text = db.to_string_lossy();
        if text.starts_with("postgres://") {
            Raw::Postgres(postgres::Client::connect(&text, postgres::NoTls).unwrap())
        } else {
            Raw::Sqlite(rusqlite::Connection::open(db).unwrap())
        }
    }

    /// Runs `sql` (statements separated by `;`); the engine's error as text.
    pub fn run(&mut self, sql: &str) -> Result<(), String> {
        match self {
            Raw::Sqlite(c) => c.execute_batch(sql).map_err(|e| e.to_string()),
            Raw::Postgres(c) => c.batch_execute(sql).map_err(|e| {
                e.as_db_error()
                    .map_or_else(|| e.to_string(), |d| d.message().to_owned())
            }),
        }
    }

    /// The one text value `sql` selects.
    pub fn text(&mut self, sql: &str) -> String {
        match self {
            Raw::Sqlite(c) => c.query_row(sql, [], |r| r.get(0)).unwrap(),
            Raw::Postgres(c) => c.query_one(sql, &[]).unwrap().get(0),
        }
    }
}
