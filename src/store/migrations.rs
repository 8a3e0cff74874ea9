//! Schema migrations (`sql/NNN_*.sql`), applied in order on open with
//! `rusqlite_migration`; a database written by a newer slotdesk is refused.

use super::error::{Result, StoreError};
use rusqlite::Connection;
use rusqlite_migration::{Error, M, MigrationDefinitionError, Migrations};

/// Every migration, oldest first; the schema version is their count.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(include_str!("sql/001_init.sql"))])
}

/// The schema version this slotdesk writes.
pub fn latest_version() -> usize {
    1
}

/// Brings `conn` to the latest schema.
/// Errors: [`StoreError::Schema`] when the file was written by a newer
/// slotdesk or a migration fails.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    match migrations().to_latest(conn) {
        Ok(()) => Ok(()),
        Err(Error::MigrationDefinition(MigrationDefinitionError::DatabaseTooFarAhead)) => {
            let found: i64 = conn
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .unwrap_or(-1);
            Err(StoreError::Schema(format!(
                "this database was written by a newer slotdesk (schema version {found}; \
                 this slotdesk knows up to {}): upgrade slotdesk to open it",
                latest_version()
            )))
        }
        Err(e) => Err(StoreError::Schema(format!(
            "cannot migrate the database: {e}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_counted() {
        migrations().validate().unwrap();
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, latest_version() as i64);
    }
}
