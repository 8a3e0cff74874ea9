//! `slotdesk migrate --to postgres://…`: an SQLite database copied whole
//! into an empty PostgreSQL one — every table, row for row and id for id,
//! in ONE transaction of the server's (`COPY`, the fastest way in), so the
//! server holds all of it or none. The journal is copied as it is (not
//! queued again for the hooks: the outbox is copied too), identity
//! sequences continue after the highest id, and the server's constraints
//! (the one-seat exclusion among them) check every row as it goes in.

use super::Store;
use super::db::Db;
use super::error::{Result, StoreError};
use crate::domain::BookingError;
use std::path::Path;

/// The tables, parents before children, and whether each has an `id`
/// identity column whose sequence must continue after the copy.
const TABLES: [(&str, bool); 21] = [
    ("location", false),
    ("resources", true),
    ("services", true),
    ("service_questions", false),
    ("add_ons", true),
    ("time_slots", true),
    ("customers", true),
    ("series", true),
    ("bookings", true),
    ("booking_answers", false),
    ("booking_add_ons", false),
    ("booking_attention", false),
    ("idempotency_keys", false),
    ("staff", true),
    ("waitlist", true),
    ("closures", true),
    ("events", true),
    ("outbox", false),
    ("outbox_deliveries", false),
    ("outbox_targets", false),
    ("import_keys", false),
];

/// Rows copied, per table, as both databases count them after the copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Copied {
    /// `(table, rows here, rows on the server)`, in [`TABLES`] order.
    pub tables: Vec<(String, u64, u64)>,
}

impl Copied {
    /// Whether every table has as many rows on the server as here.
    pub fn all_equal(&self) -> bool {
        self.tables.iter().all(|(_, here, there)| here == there)
    }
}

impl Store {
    /// Copies this SQLite database into the empty PostgreSQL database at
    /// `to` (a `postgres://` URL), creating slotdesk's schema there.
    /// Errors: this store is not SQLite's or `to` is not a server's URL;
    /// the server's database already holds a location, customers,
    /// bookings or events; the server's faults; a row the server's
    /// constraints refuse (nothing is kept on the server then).
    pub fn copy_to_server(&self, to: &Path) -> Result<Copied> {
        let Db::Sqlite(src) = &self.conn else {
            return Err(BookingError::invalid(
                "migrate copies an SQLite database to a server: run it with --db naming the file",
            )
            .into());
        };
        if !super::names_a_server(to) {
            return Err(BookingError::invalid(
                "--to takes a PostgreSQL database's URL (postgres://USER:PASSWORD@HOST/DATABASE)",
            )
            .into());
        }
        let dest = Store::create(to)?;
        let shown = dest.shown_path();
        let on_server = |e: StoreError| e.on_file(&shown);
        let Db::Postgres(pg) = &dest.conn else {
            return Err(BookingError::invalid("--to names no PostgreSQL server").into());
        };
        let used: bool = dest
            .conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM location) OR EXISTS (SELECT 1 FROM customers)
                     OR EXISTS (SELECT 1 FROM bookings) OR EXISTS (SELECT 1 FROM events)",
                (),
                |r| r.get(0),
            )
            .map_err(|e| on_server(e.into()))?;
        if used {
            return Err(BookingError::invalid(format!(
                "{} already holds slotdesk data: copy into an empty database \
                 (createdb a new one)",
                shown.display()
            ))
            .into());
        }
        dest.conn.begin_write().map_err(|e| on_server(e.into()))?;
        let copied = (|| -> Result<()> {
            // The journal's rows come with the outbox as it is here.
            dest.conn.execute_batch("SET LOCAL slotdesk.quiet = 'on'")?;
            for (table, identity) in TABLES {
                let columns = columns_of(src, table)?;
                let list = columns.join(", ");
                let mut rows = src.prepare(&format!("SELECT {list} FROM {table}"))?;
                let mut rows = rows.query([])?;
                pg.copy_in(&format!("COPY {table} ({list}) FROM STDIN"), &mut |out| {
                    let mut line = Vec::with_capacity(256);
                    while let Some(row) = rows.next().map_err(copy_error)? {
                        line.clear();
                        for i in 0..columns.len() {
                            if i > 0 {
                                line.push(b'\t');
                            }
                            copy_value(&mut line, row.get_ref(i).map_err(copy_error)?);
                        }
                        line.push(b'\n');
                        out.write_all(&line)?;
                    }
                    Ok(())
                })?;
                if identity {
                    dest.conn.execute_batch(&format!(
                        "SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                             coalesce((SELECT max(id) FROM {table}), 1),
                             (SELECT max(id) FROM {table}) IS NOT NULL)"
                    ))?;
                }
            }
            Ok(())
        })();
        match copied {
            Ok(()) => {
                dest.conn.commit().map_err(|e| on_server(e.into()))?;
                // The planner's statistics for the rows just copied, and
                // every page marked all-visible (so the claims are read
                // from their index alone), before the first desk's query.
                dest.conn
                    .execute_batch("VACUUM (ANALYZE)")
                    .map_err(|e| on_server(e.into()))?;
            }
            Err(e) => {
                let _ = dest.conn.rollback();
                return Err(on_server(e));
            }
        }
        let mut out = Copied::default();
        for (table, _) in TABLES {
            let sql = format!("SELECT COUNT(*) FROM {table}");
            let here: i64 = src.query_row(&sql, [], |r| r.get(0))?;
            let there: i64 = dest.conn.query_row(&sql, (), |r| r.get(0))?;
            out.tables
                .push((table.to_owned(), here.unsigned_abs(), there.unsigned_abs()));
        }
        Ok(out)
    }
}

/// The stored columns of `table` (not the generated ones, which the server
/// computes itself).
fn columns_of(src: &rusqlite::Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = src.prepare(&format!("PRAGMA table_info({table})"))?;
    let names = stmt
        .query_map([], |r| r.get::<_, String>(1))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(names)
}

/// A failure reading the rows being copied, as the copy's error.
fn copy_error(e: rusqlite::Error) -> std::io::Error {
    std::io::Error::other(e)
}

/// One value in `COPY`'s text form: `\N` for `NULL`; text with `\`, tab,
/// newline and carriage return escaped; bytes as `\\x` hex.
fn copy_value(out: &mut Vec<u8>, value: rusqlite::types::ValueRef<'_>) {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => out.extend_from_slice(b"\\N"),
        ValueRef::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        ValueRef::Real(r) => out.extend_from_slice(r.to_string().as_bytes()),
        ValueRef::Text(t) => {
            for &b in t {
                match b {
                    b'\\' => out.extend_from_slice(b"\\\\"),
                    b'\t' => out.extend_from_slice(b"\\t"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    b => out.push(b),
                }
            }
        }
        ValueRef::Blob(b) => {
            out.extend_from_slice(b"\\\\x");
            for byte in b {
                out.extend_from_slice(format!("{byte:02x}").as_bytes());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::copy_value;
    use rusqlite::types::ValueRef;

    #[test]
    fn copy_text_escapes_what_copy_reads_as_markup() {
        let mut out = Vec::new();
        copy_value(&mut out, ValueRef::Text(b"a\tb\\c\nd\re"));
        assert_eq!(out, b"a\\tb\\\\c\\nd\\re");
        out.clear();
        copy_value(&mut out, ValueRef::Null);
        assert_eq!(out, b"\\N");
        out.clear();
        copy_value(&mut out, ValueRef::Blob(&[0, 255]));
        assert_eq!(out, b"\\\\x00ff");
        out.clear();
        copy_value(&mut out, ValueRef::Integer(-42));
        assert_eq!(out, b"-42");
    }
}
