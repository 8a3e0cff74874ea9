//! Which engine a test's fresh database is on: an SQLite file in the test's
//! temp dir, or — with `SLOTDESK_TEST_ENGINE=postgres` — a new database on
//! a PostgreSQL server on 127.0.0.1 (see [`admin_url`]). A test that needs
//! the server and gets none fails: it never falls back to SQLite quietly.
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

/// The server's superuser URL (`postgres://USER:PW@127.0.0.1:PORT/postgres`):
/// `SLOTDESK_TEST_POSTGRES` (`.ci/run` starts one server for the whole run),
/// else a server of this test process's own, started once by `.ci/postgres`
/// in the system's temp dir and stopped when the process ends. If none can
/// be started, the test fails.
pub fn admin_url() -> String {
    static OWN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    if let Ok(url) = std::env::var("SLOTDESK_TEST_POSTGRES") {
        return url;
    }
    OWN.get_or_init(start_own_server).clone()
}

/// Starts a throwaway server for this process; a watcher stops it once the
/// process is gone (so the watcher is left running, never waited for).
#[allow(clippy::zombie_processes)]
fn start_own_server() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // In the system temp dir: the server runs as `postgres` when tests run
    // as root, and must reach its folder.
    let dir = std::env::temp_dir().join(format!("slotdesk-test-postgres-{}", std::process::id()));
    let out = std::process::Command::new(root.join(".ci/postgres"))
        .arg("start")
        .arg(&dir)
        .stderr(std::process::Stdio::inherit())
        .output()
        .unwrap_or_else(|e| panic!("cannot run .ci/postgres to start a test server: {e}"));
    assert!(
        out.status.success(),
        "no PostgreSQL server could be started for these tests (.ci/postgres start failed)"
    );
    let watcher = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; '{script}' stop '{dir}'; rm -rf '{dir}'",
        pid = std::process::id(),
        script = root.join(".ci/postgres").display(),
        dir = dir.display()
    );
    std::process::Command::new("setsid")
        .args(["sh", "-c", &watcher])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
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

    /// Every row `sql` selects, each column as text (`None` for `NULL`).
    pub fn rows(&mut self, sql: &str) -> Vec<Vec<Option<String>>> {
        match self {
            Raw::Sqlite(c) => {
                let mut stmt = c.prepare(sql).unwrap();
                let n = stmt.column_count();
                let rows = stmt.query_map([], |r| {
                    (0..n)
                        .map(|i| {
                            Ok(match r.get_ref(i)? {
                                rusqlite::types::ValueRef::Null => None,
                                rusqlite::types::ValueRef::Integer(v) => Some(v.to_string()),
                                rusqlite::types::ValueRef::Real(v) => Some(v.to_string()),
                                rusqlite::types::ValueRef::Text(t)
                                | rusqlite::types::ValueRef::Blob(t) => {
                                    Some(String::from_utf8_lossy(t).into_owned())
                                }
                            })
                        })
                        .collect::<rusqlite::Result<Vec<_>>>()
                });
                rows.unwrap().map(Result::unwrap).collect()
            }
            Raw::Postgres(c) => c
                .simple_query(sql)
                .unwrap()
                .into_iter()
                .filter_map(|m| match m {
                    postgres::SimpleQueryMessage::Row(r) => {
                        Some((0..r.len()).map(|i| r.get(i).map(str::to_owned)).collect())
                    }
                    _ => None,
                })
                .collect(),
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

/// A relay on 127.0.0.1 between slotdesk and the test server: the network
/// cable a test pulls (every connection through it cut, new ones refused,
/// as when the server is stopped) and plugs back in on the same port.
pub struct Cable {
    port: u16,
    upstream: std::net::SocketAddr,
    open: std::sync::Arc<std::sync::atomic::AtomicBool>,
    streams: std::sync::Arc<std::sync::Mutex<Vec<std::net::TcpStream>>>,
    accepting: Option<std::thread::JoinHandle<()>>,
}

impl Cable {
    /// A cable to the server of `url` (`postgres://…@127.0.0.1:PORT/DB`),
    /// plugged in; the URL through it.
    pub fn to(url: &str) -> (Cable, String) {
        let (head, tail) = url.rsplit_once('@').unwrap();
        let (host_port, db) = tail.split_once('/').unwrap();
        let upstream: std::net::SocketAddr = host_port.parse().unwrap();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let mut cable = Cable {
            port,
            upstream,
            open: std::sync::Arc::default(),
            streams: std::sync::Arc::default(),
            accepting: None,
        };
        cable.serve(listener);
        (cable, format!("{head}@127.0.0.1:{port}/{db}"))
    }

    fn serve(&mut self, listener: std::net::TcpListener) {
        use std::sync::atomic::Ordering;
        listener.set_nonblocking(true).unwrap();
        self.open.store(true, Ordering::SeqCst);
        let (open, streams, upstream) = (self.open.clone(), self.streams.clone(), self.upstream);
        self.accepting = Some(std::thread::spawn(move || {
            while open.load(Ordering::SeqCst) {
                let Ok((client, _)) = listener.accept() else {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    continue;
                };
                client.set_nonblocking(false).unwrap();
                let Ok(server) = std::net::TcpStream::connect(upstream) else {
                    continue;
                };
                let mut kept = streams.lock().unwrap();
                kept.push(client.try_clone().unwrap());
                kept.push(server.try_clone().unwrap());
                for (mut from, mut to) in [
                    (client.try_clone().unwrap(), server.try_clone().unwrap()),
                    (server, client),
                ] {
                    std::thread::spawn(move || {
                        let _ = std::io::copy(&mut from, &mut to);
                        let _ = to.shutdown(std::net::Shutdown::Both);
                    });
                }
            }
        }));
    }

    /// Cuts every connection and refuses new ones until [`Cable::plug`].
    pub fn pull(&mut self) {
        self.open.store(false, std::sync::atomic::Ordering::SeqCst);
        if let Some(t) = self.accepting.take() {
            t.join().unwrap();
        }
        for s in self.streams.lock().unwrap().drain(..) {
            let _ = s.shutdown(std::net::Shutdown::Both);
        }
    }

    /// Lets connections through again, on the same port.
    pub fn plug(&mut self) {
        let listener = std::net::TcpListener::bind(("127.0.0.1", self.port)).unwrap();
        self.serve(listener);
    }
}
