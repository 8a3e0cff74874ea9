//! The fast connection settings for the bulk write, and putting the old
//! ones back afterwards.

use crate::store::error::Result;
use rusqlite::Connection;

/// The connection settings changed for the bulk write, and their old values.
pub(super) struct Pragmas {
    synchronous: i64,
    foreign_keys: i64,
    cache_size: i64,
    temp_store: i64,
    journal_mode: String,
}

impl Pragmas {
    pub(super) fn speed_up(conn: &Connection) -> Result<Self> {
        let get = |name: &str| conn.pragma_query_value(None, name, |r| r.get::<_, i64>(0));
        let saved = Self {
            synchronous: get("synchronous")?,
            foreign_keys: get("foreign_keys")?,
            cache_size: get("cache_size")?,
            temp_store: get("temp_store")?,
            journal_mode: conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?,
        };
        // A rollback journal in memory writes new pages once, where WAL writes
        // them twice; if another connection blocks the switch, WAL it stays.
        let _ = conn.query_row("PRAGMA journal_mode = MEMORY", [], |r| {
            r.get::<_, String>(0)
        });
        conn.execute_batch(
            "PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF;
             PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;",
        )?;
        Ok(saved)
    }

    pub(super) fn restore(&self, conn: &Connection) -> Result<()> {
        conn.query_row(
            &format!("PRAGMA journal_mode = {}", self.journal_mode),
            [],
            |r| r.get::<_, String>(0),
        )?;
        conn.execute_batch(&format!(
            "PRAGMA synchronous = {}; PRAGMA foreign_keys = {}; PRAGMA cache_size = {};
             PRAGMA temp_store = {};",
            self.synchronous, self.foreign_keys, self.cache_size, self.temp_store
        ))?;
        Ok(())
    }
}
