//! A PostgreSQL server as the store's database: which `--db` values name
//! one, connecting with the network's faults told plainly, and the schema
//! kept beside SQLite's (`sql_pg/`).

use super::db::{Db, Pg};
use super::error::{Result, StoreError};
use super::file::FileFault;
use std::path::Path;
use std::time::Duration;

/// How long a connect waits for the server before saying it cannot be reached.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The PostgreSQL migrations, in order; the schema version is their count.
const MIGRATIONS: [&str; 3] = [
    include_str!("sql_pg/001_schema.sql"),
    include_str!("sql_pg/002_catalog_stamp.sql"),
    include_str!("sql_pg/003_claims_index.sql"),
];

/// The PostgreSQL schema version this slotdesk writes.
pub fn latest_version() -> usize {
    MIGRATIONS.len()
}

/// The URL `db` names when it is a PostgreSQL server's
/// (`postgres://USER@HOST/DB` or `postgresql://…`, the scheme in any case,
/// spaces around it ignored), with the scheme as the client reads it; else
/// `None` (a file).
pub fn postgres_url(db: &Path) -> Option<String> {
    let text = db.to_str()?.trim();
    let (scheme, rest) = text.split_once("://")?;
    (scheme.eq_ignore_ascii_case("postgres") || scheme.eq_ignore_ascii_case("postgresql"))
        .then(|| format!("{}://{rest}", scheme.to_ascii_lowercase()))
}

/// Whether `db` looks like a URL of something else than PostgreSQL
/// (`mysql://…`, `http://…`), or PostgreSQL's mistyped (`postgres:/…`):
/// never taken for a file's path.
pub fn other_url(db: &Path) -> bool {
    postgres_url(db).is_none()
        && (db.to_string_lossy().contains("://")
            || mistyped_scheme(&db.to_string_lossy()).is_some())
}

/// The scheme of a PostgreSQL URL written without its `//`
/// (`postgres:/desk:pw@pc/s`), as written.
fn mistyped_scheme(text: &str) -> Option<&str> {
    let (scheme, _) = text.trim().split_once(':')?;
    (scheme.eq_ignore_ascii_case("postgres") || scheme.eq_ignore_ascii_case("postgresql"))
        .then_some(scheme)
}

/// `url` without its password (whatever is between the user and the
/// last `@`, so a password holding a raw `?`, `/` or `#` is left out too,
/// and a `password=` parameter), for messages and the desk's banner. A
/// PostgreSQL URL mistyped without its `//` is shown as its scheme only.
pub fn shown(url: &str) -> String {
    let url = url.trim();
    let Some((scheme, rest)) = url.split_once("://") else {
        return match mistyped_scheme(url) {
            Some(scheme) => format!("{scheme}:…"),
            None => url.to_owned(),
        };
    };
    let (user, rest) = match rest.rsplit_once('@') {
        Some((auth, host)) => (
            Some(auth.split_once(':').map_or(auth, |(user, _)| user)),
            host,
        ),
        None => (None, rest),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((rest, query)) => (rest, Some(query)),
        None => (rest, None),
    };
    let place = match user {
        Some(user) => format!("{user}@{rest}"),
        None => rest.to_owned(),
    };
    let kept: Vec<&str> = query
        .into_iter()
        .flat_map(|q| q.split('&'))
        .filter(|p| {
            let key = p.split_once('=').map_or(*p, |(k, _)| k);
            !key.eq_ignore_ascii_case("password")
        })
        .collect();
    if kept.is_empty() {
        format!("{scheme}://{place}")
    } else {
        format!("{scheme}://{place}?{}", kept.join("&"))
    }
}

/// The fault a failed connect or statement is, told for the network:
/// `None` when it is a refusal of a statement (a constraint, a bug).
pub fn fault_of(e: &postgres::Error) -> Option<FileFault> {
    use postgres::error::SqlState;
    if let Some(code) = e.code() {
        let detail = e
            .as_db_error()
            .map_or_else(|| e.to_string(), |d| d.message().to_owned());
        return Some(match code {
            c if *c == SqlState::INVALID_PASSWORD
                || *c == SqlState::INVALID_AUTHORIZATION_SPECIFICATION =>
            {
                FileFault::AuthFailed(detail)
            }
            c if *c == SqlState::INVALID_CATALOG_NAME => FileFault::NoDatabase(detail),
            c if *c == SqlState::LOCK_NOT_AVAILABLE => FileFault::Locked,
            c if *c == SqlState::DISK_FULL => FileFault::DiskFull,
            c if *c == SqlState::READ_ONLY_SQL_TRANSACTION => FileFault::ReadOnly,
            c if *c == SqlState::INSUFFICIENT_PRIVILEGE => FileFault::NotGranted(detail),
            c if *c == SqlState::ADMIN_SHUTDOWN
                || *c == SqlState::CRASH_SHUTDOWN
                || *c == SqlState::CANNOT_CONNECT_NOW
                || *c == SqlState::TOO_MANY_CONNECTIONS =>
            {
                FileFault::Unreachable(detail)
            }
            _ => return None,
        });
    }
    if e.is_closed() {
        return Some(FileFault::ConnectionLost);
    }
    // The client's own refusals before it reached the server's sign-in.
    let mut said = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        said.push_str(": ");
        said.push_str(&c.to_string());
        cause = c.source();
    }
    if said.contains("password missing") {
        return Some(FileFault::AuthFailed(
            "the server asks for a password and the URL gives none".to_owned(),
        ));
    }
    if said.contains("TLS") {
        return Some(FileFault::Io(
            "asks for TLS (sslmode=require or verify-…), which slotdesk does not speak: \
             on the location's own network leave sslmode out"
                .to_owned(),
        ));
    }
    // No SQLSTATE and not closed: the connect itself failed (refused,
    // timed out, no such host) or the link broke.
    let io = std::error::Error::source(e)
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .map(std::io::Error::to_string);
    Some(match io {
        Some(why) => FileFault::Unreachable(why),
        None => FileFault::Unreachable(e.to_string()),
    })
}

/// Connects to `url`. Errors, told with the URL (password left out):
/// unreachable, authentication failed, no such database.
pub fn connect(url: &str) -> Result<Db> {
    let fault = |f| StoreError::file(Path::new(&shown(url)), f);
    let mut config: postgres::Config = url
        .parse()
        .map_err(|e: postgres::Error| fault(FileFault::Io(format!("is not a usable URL: {e}"))))?;
    if config.get_hosts().is_empty() {
        return Err(fault(FileFault::Io(
            "is not a usable URL: it names no server (postgres://USER:PASSWORD@HOST/DATABASE)"
                .to_owned(),
        )));
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    config.keepalives(true);
    config.keepalives_idle(Duration::from_secs(10));
    config.application_name("slotdesk");
    let client = config
        .connect(postgres::NoTls)
        .map_err(|e| fault(fault_of(&e).unwrap_or_else(|| FileFault::Io(e.to_string()))))?;
    Ok(Db::Postgres(Box::new(Pg::new(client, config))))
}

/// The slotdesk schema version of the database on `db` (0 when it has no
/// tables and `empty_ok`), read without changing anything.
/// Errors: `NotSlotdesk` (tables of another program), `Empty`, `Newer`.
pub fn schema_version(db: &Db, empty_ok: bool) -> Result<std::result::Result<i64, FileFault>> {
    // The catalog's own list: information_schema shows a login only the
    // tables it has rights on, so a login never granted would see none.
    let tables: i64 = db.query_row(
        "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()",
        (),
        |r| r.get(0),
    )?;
    let has_version: bool = db.query_row(
        "SELECT EXISTS (SELECT 1 FROM pg_tables
             WHERE schemaname = current_schema() AND tablename = 'slotdesk_schema')",
        (),
        |r| r.get(0),
    )?;
    let version: i64 = if has_version {
        db.query_row("SELECT version FROM slotdesk_schema", (), |r| r.get(0))?
    } else {
        0
    };
    let known = latest_version();
    Ok(match version {
        v if v > known as i64 => Err(FileFault::Newer { found: v, known }),
        0 if tables > 0 => Err(FileFault::NotSlotdesk),
        0 if !empty_ok => Err(FileFault::Empty),
        v => Ok(v),
    })
}

/// Brings the schema on `db` to [`latest_version`], one migration at a
/// time, under the write lock (two desks opening at once migrate once).
pub fn migrate(db: &Db) -> Result<()> {
    db.begin_write()?;
    let out = (|| {
        db.execute_batch(
            "CREATE TABLE IF NOT EXISTS slotdesk_schema (
                 one     BIGINT PRIMARY KEY DEFAULT 1 CHECK (one = 1),
                 version BIGINT NOT NULL
             );
             INSERT INTO slotdesk_schema (one, version) VALUES (1, 0) ON CONFLICT DO NOTHING;",
        )?;
        let version: i64 = db.query_row("SELECT version FROM slotdesk_schema", (), |r| r.get(0))?;
        for (n, sql) in MIGRATIONS
            .iter()
            .enumerate()
            .skip(usize::try_from(version).unwrap_or(0))
        {
            db.execute_batch(sql).map_err(|e| {
                StoreError::Schema(format!(
                    "the PostgreSQL schema's migration {} failed: {e}",
                    n + 1
                ))
            })?;
            db.execute("UPDATE slotdesk_schema SET version = ?1", [n as i64 + 1])?;
        }
        Ok(())
    })();
    match out {
        Ok(()) => Ok(db.commit()?),
        Err(e) => {
            let _ = db.rollback();
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{other_url, postgres_url, shown};
    use std::path::Path;

    #[test]
    fn a_url_is_shown_without_its_password_however_it_is_written() {
        assert_eq!(
            shown("postgres://desk:pw@pc/slotdesk"),
            "postgres://desk@pc/slotdesk"
        );
        assert_eq!(
            shown("postgres://desk:p@ss:w@pc:5433/s"),
            "postgres://desk@pc:5433/s"
        );
        assert_eq!(
            shown("postgres://pc/s?password=secret&sslmode=disable"),
            "postgres://pc/s?sslmode=disable"
        );
        assert_eq!(
            shown("postgres://desk@pc/s?PASSWORD=secret"),
            "postgres://desk@pc/s"
        );
        assert_eq!(shown(" postgres://desk:pw@pc/s "), "postgres://desk@pc/s");
        // A raw `?`, `/` or `#` in the password (not encoded): still left out.
        for raw in ["s3cr3t?x=1", "a/b", "x#y", "p?w@rd"] {
            let url = format!("postgres://desk:{raw}@localhost/slotdesk");
            assert_eq!(shown(&url), "postgres://desk@localhost/slotdesk", "{raw}");
        }
        // Mistyped without its `//`: only the scheme.
        assert_eq!(shown("postgres:/desk:s3cr3t@localhost/s"), "postgres:…");
        assert!(other_url(Path::new("postgres:/desk:s3cr3t@localhost/s")));
        assert!(other_url(Path::new("PostgreSQL:desk@pc/s")));
    }

    #[test]
    fn a_postgres_url_is_known_in_any_case_and_another_url_is_no_file() {
        assert_eq!(
            postgres_url(Path::new(" Postgres://desk@pc/s")).as_deref(),
            Some("postgres://desk@pc/s")
        );
        assert_eq!(
            postgres_url(Path::new("POSTGRESQL://pc/s")).as_deref(),
            Some("postgresql://pc/s")
        );
        assert_eq!(postgres_url(Path::new("/home/desk/slotdesk.db")), None);
        assert!(other_url(Path::new("mysql://desk:pw@pc/s")));
        assert!(!other_url(Path::new("/home/desk/slotdesk.db")));
        assert!(!other_url(Path::new("postgres://pc/s")));
    }
}
