//! What a desk's login may do on a PostgreSQL server: read and write the
//! location's data, add to the journal but never change or remove it. The
//! journal's triggers refuse such changes from anyone; a login given only
//! these grants is refused by the server's privileges first, and cannot
//! drop the triggers either (only the schema's owner can).

use super::Store;
use super::db::{Engine, Optional};
use super::error::Result;
use crate::domain::BookingError;
use std::fmt::Write;

/// The tables a desk may read and never change: the schema's version.
const READ_ONLY: [&str; 1] = ["slotdesk_schema"];

/// The journal: a desk may read it and add to it.
const APPEND_ONLY: [&str; 1] = ["events"];

impl Store {
    /// Gives the server's login `role` what a desk needs on this database:
    /// connecting and temporary tables (each desk's who-is-signed-in), and
    /// on every table of the schema `SELECT`, `INSERT`, `UPDATE`, `DELETE` —
    /// except the journal (`events`: `SELECT` and `INSERT` only) and the
    /// schema's version (`SELECT` only) — with the id sequences. Run by the
    /// schema's owner, once per login, and again after an upgrade that adds
    /// tables. Returns the tables granted, by name.
    /// Errors (invalid input): an SQLite database (its file's mode says who
    /// may write it); run by another login than the schema's owner; no such
    /// role, the owner itself or a superuser named; else the server's.
    pub fn grant_desk(&mut self, role: &str) -> Result<Vec<String>> {
        if self.conn.engine() == Engine::Sqlite {
            return Err(BookingError::invalid(
                "grant is for a database on a PostgreSQL server: an SQLite file's mode says who may write it",
            )
            .into());
        }
        let role = role.trim();
        let (owner, me): (String, String) = self.conn.query_row(
            "SELECT pg_get_userbyid(c.relowner), current_user FROM pg_class c
             WHERE c.relname = 'events' AND c.relnamespace = 'public'::regnamespace",
            (),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if owner != me {
            return Err(BookingError::invalid(format!(
                "grant is for the schema's owner to give: connect as {owner} (this is {me})"
            ))
            .into());
        }
        let superuser: Option<bool> = self
            .conn
            .query_row(
                "SELECT rolsuper FROM pg_roles WHERE rolname = ?1",
                [role],
                |r| r.get(0),
            )
            .optional()?;
        let refusal = match superuser {
            None => Some(format!(
                "the server has no role `{role}`: make it first (createuser --pwprompt {role})"
            )),
            Some(_) if role == owner => Some(format!(
                "{role} owns the schema: the desks' login must be another one (createuser --pwprompt desk)"
            )),
            Some(true) => Some(format!(
                "{role} is a superuser, whom no grant can limit: give the desks a login of their own"
            )),
            Some(false) => None,
        };
        if let Some(why) = refusal {
            return Err(BookingError::invalid(why).into());
        }
        let who = quoted(role);
        let tables: Vec<String> = self
            .conn
            .prepare(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
            )?
            .query_map((), |r| r.get(0))?
            .collect::<super::db::Result<_>>()?;
        let database: String = self
            .conn
            .query_row("SELECT current_database()", (), |r| r.get(0))?;
        let mut sql = format!(
            "GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {who};
             GRANT USAGE ON SCHEMA public TO {who};
             GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {who};",
            db = quoted(&database)
        );
        for table in &tables {
            let privileges = if READ_ONLY.contains(&table.as_str()) {
                "SELECT"
            } else if APPEND_ONLY.contains(&table.as_str()) {
                "SELECT, INSERT"
            } else {
                "SELECT, INSERT, UPDATE, DELETE"
            };
            let table = quoted(table);
            let _ = write!(
                sql,
                "REVOKE ALL ON {table} FROM {who}; GRANT {privileges} ON {table} TO {who};"
            );
        }
        self.batch(|store| Ok(store.conn.execute_batch(&sql)?))?;
        Ok(tables)
    }
}

/// `name` as an SQL identifier, in double quotes (any `"` doubled).
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn a_name_is_quoted_whole() {
        assert_eq!(quoted("desk"), "\"desk\"");
        assert_eq!(
            quoted("a\"; DROP TABLE x; --"),
            "\"a\"\"; DROP TABLE x; --\""
        );
    }
}
