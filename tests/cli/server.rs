//! `--db postgres://…`: a server's faults told plainly, with the URL's
//! password left out of every message: a server that is not there, a
//! wrong password, a database the server does not have. Each exits 1 and
//! changes nothing.
#![allow(clippy::unwrap_used)]

use crate::engine::{admin_url, new_postgres_db};
use crate::support::{CLI_NOW, slotdesk_at};
use std::path::Path;

/// Runs `slotdesk bookings` on `db`; its exit code and stderr.
fn bookings_on(db: &str) -> (Option<i32>, String) {
    let out = slotdesk_at(Path::new(db), CLI_NOW)
        .arg("bookings")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `url` with its password replaced by `password`.
fn with_password(url: &str, password: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (auth, host) = rest.rsplit_once('@').unwrap();
    let user = auth.split_once(':').map_or(auth, |(u, _)| u);
    format!("{scheme}://{user}:{password}@{host}")
}

/// The password in `url`.
fn password_of(url: &str) -> &str {
    let (_, rest) = url.split_once("://").unwrap();
    let (auth, _) = rest.rsplit_once('@').unwrap();
    auth.split_once(':').unwrap().1
}

#[test]
fn a_server_that_is_not_there_is_told_without_the_password() {
    // Port 1 on loopback: nothing listens there.
    let (code, stderr) = bookings_on("postgres://desk:s3cret-pw@127.0.0.1:1/slotdesk");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("cannot be reached"), "{stderr}");
    assert!(
        stderr.contains("postgres://desk@127.0.0.1:1/slotdesk"),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cret-pw"), "{stderr}");
}

#[test]
fn a_wrong_password_and_a_missing_database_are_told_as_such() {
    let db = new_postgres_db();
    let made = slotdesk_at(Path::new(&db), CLI_NOW)
        .arg("init")
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );

    let (code, stderr) = bookings_on(&with_password(&db, "not-the-password"));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("refused the sign-in"), "{stderr}");
    assert!(!stderr.contains("not-the-password"), "{stderr}");

    // No password at all: the sign-in is what failed, not the network.
    let (scheme, rest) = db.split_once("://").unwrap();
    let (auth, place) = rest.rsplit_once('@').unwrap();
    let user = auth.split_once(':').unwrap().0;
    let (code, stderr) = bookings_on(&format!("{scheme}://{user}@{place}"));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "refused the sign-in (the server asks for a password and the URL gives none)"
        ),
        "{stderr}"
    );
    // TLS asked for: said so, not taken for a server that is away.
    let (code, stderr) = bookings_on(&format!("{db}?sslmode=require"));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("which slotdesk does not speak"), "{stderr}");

    let admin = admin_url();
    let (base, _) = admin.rsplit_once('/').unwrap();
    let (code, stderr) = bookings_on(&format!("{base}/no_such_database"));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("does not exist on the server"), "{stderr}");
    assert!(stderr.contains("createdb"), "{stderr}");
}

#[test]
fn an_empty_database_on_the_server_is_made_a_slotdesk_one_by_init_only() {
    let db = new_postgres_db();
    // A reading command refuses it as empty, and leaves it empty.
    let (code, stderr) = bookings_on(&db);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("is empty"), "{stderr}");
    let made = slotdesk_at(Path::new(&db), CLI_NOW)
        .arg("init")
        .output()
        .unwrap();
    assert!(made.status.success());
    let said = String::from_utf8_lossy(&made.stdout);
    assert!(said.contains("is ready"), "{said}");
    assert!(
        !said.contains(password_of(&db)),
        "the password is not printed: {said}"
    );
    // Now a slotdesk database, waiting for its catalog.
    let (_, stderr) = bookings_on(&db);
    assert!(
        stderr.contains("no catalog has been applied yet"),
        "{stderr}"
    );
    // A file's backup is not a server's: the command says what is.
    let dir = tempfile::tempdir().unwrap();
    let backup = slotdesk_at(Path::new(&db), CLI_NOW)
        .arg("backup")
        .arg(dir.path().join("copy.db"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&backup.stderr);
    assert!(!backup.status.success());
    assert!(stderr.contains("pg_dump"), "{stderr}");
    assert!(!dir.path().join("copy.db").exists());
}

#[test]
fn after_a_broken_connection_the_store_connects_again_as_the_same_actor() {
    use slotdesk::domain::{
        Actor, BookingQuery, EventFilter, HoldRequest, Origin, SlotRef, TimeSlotId,
    };
    use slotdesk::store::Store;
    let db = new_postgres_db();
    let name = db.rsplit('/').next().unwrap().to_owned();
    for args in [
        vec!["init".to_owned()],
        vec![
            "catalog".into(),
            "apply".into(),
            crate::support::studio_catalog().display().to_string(),
        ],
    ] {
        let out = slotdesk_at(Path::new(&db), CLI_NOW)
            .args(&args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut store = Store::open(Path::new(&db)).unwrap();
    store
        .act_as(&Actor {
            origin: Origin::Desk,
            staff: Some("Dana O'Reception".into()),
        })
        .unwrap();
    let all = BookingQuery::default();
    assert_eq!(store.bookings(&all).unwrap().pagination.total_count, 0);

    // The server ends the desk's connection (a restart, a cable pulled).
    let mut admin = postgres::Client::connect(&admin_url(), postgres::NoTls).unwrap();
    let ended = admin
        .query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
            &[&name],
        )
        .unwrap();
    assert!(!ended.is_empty());
    std::thread::sleep(std::time::Duration::from_millis(200));

    // The next read connects again and is answered (nothing of it had
    // happened on the broken connection), with the desk's session as it was.
    assert_eq!(store.bookings(&all).unwrap().pagination.total_count, 0);
    let now = chrono::DateTime::parse_from_rfc3339(CLI_NOW)
        .unwrap()
        .to_utc();
    let held = store
        .hold(
            &HoldRequest {
                slot: SlotRef {
                    time_slot_id: TimeSlotId(22),
                    date: "2026-11-23".parse().unwrap(),
                },
                participants: 1,
                idempotency_key: None,
            },
            now,
        )
        .unwrap();
    let events = store.events(None, &EventFilter::default(), 100).unwrap();
    let made = events
        .iter()
        .find(|e| e.data.booking().is_some_and(|b| b.id == held.id))
        .unwrap();
    assert_eq!(made.staff.as_deref(), Some("Dana O'Reception"));
    assert_eq!(made.origin, Some(Origin::Desk));
}

#[test]
fn a_url_written_another_way_is_still_the_servers_and_another_programs_url_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for url in [
        " Postgres://desk:s3cret-pw@127.0.0.1:1/slotdesk",
        "postgres://desk@127.0.0.1:1/slotdesk?password=s3cret-pw",
    ] {
        let out = slotdesk_at(Path::new(url), CLI_NOW)
            .current_dir(dir.path())
            .arg("init")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{url}: {stderr}");
        assert!(stderr.contains("cannot be reached"), "{url}: {stderr}");
        assert!(!stderr.contains("s3cret-pw"), "{url}: {stderr}");
    }
    let out = slotdesk_at(Path::new("mysql://desk:s3cret-pw@pc/slotdesk"), CLI_NOW)
        .current_dir(dir.path())
        .arg("init")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("not PostgreSQL's"), "{stderr}");
    assert!(!stderr.contains("s3cret-pw"), "{stderr}");
    // Nothing was made in the folder the commands ran in.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // Help names the variable but never shows its value.
    let help = slotdesk_at(Path::new("postgres://desk:s3cret-pw@pc/s"), CLI_NOW)
        .arg("--help")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("SLOTDESK_DB"), "{text}");
    assert!(!text.contains("s3cret-pw"), "{text}");
}

#[test]
fn migrate_copies_a_demo_database_whole_and_both_sides_export_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("desk.db");
    let run = |db: &Path, args: &[&str]| {
        let out = slotdesk_at(db, CLI_NOW)
            .env("SLOTDESK_STAFF", "Morgan Lead")
            .env("SLOTDESK_PIN", "2222")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, _, stderr) = run(&file, &["init", "--demo"]);
    assert_eq!(code, Some(0), "{stderr}");
    let server = new_postgres_db();
    let (code, stdout, stderr) = run(&file, &["migrate", "--to", &server]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("bookings"), "{stdout}");
    assert!(!stdout.contains(password_of(&server)), "{stdout}");
    // The server's copy keeps every rule and reads the same, id for id.
    let url = Path::new(&server);
    let (code, checked, stderr) = run(url, &["check"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        checked.contains(": ok (") && !checked.contains("file"),
        "a server's database is not a file: {checked}"
    );
    for format in ["csv", "ics", "json"] {
        let here = run(&file, &["export", "--format", format]);
        let there = run(url, &["export", "--format", format]);
        assert_eq!(here.0, Some(0), "{}", here.2);
        assert!(here.1.lines().count() > 100, "{format}: a demo's worth");
        assert_eq!(here.1, there.1, "{format} exports differ");
    }
    let (_, here, _) = run(&file, &["export", "customers"]);
    let (_, there, _) = run(url, &["export", "customers"]);
    assert_eq!(here, there);
    // New ids continue after the copied ones on the server.
    let mut raw = crate::engine::Raw::open(url);
    for table in ["bookings", "customers", "events", "time_slots"] {
        let next = raw.text(&format!(
            "SELECT (nextval(pg_get_serial_sequence('{table}', 'id'))
                     > (SELECT max(id) FROM {table}))::text"
        ));
        assert_eq!(next, "true", "{table}'s next id");
    }
    // A second copy into the same database is refused, and changes nothing.
    let (code, _, stderr) = run(&file, &["migrate", "--to", &server]);
    assert_eq!(code, Some(5), "{stderr}");
    assert!(stderr.contains("already holds slotdesk data"), "{stderr}");
    // The server is no source of a copy.
    let (code, _, stderr) = run(url, &["migrate", "--to", &new_postgres_db()]);
    assert_eq!(code, Some(5), "{stderr}");
    assert!(stderr.contains("copies an SQLite database"), "{stderr}");
}

#[test]
fn a_desks_read_while_the_server_is_away_says_so_and_the_next_one_is_answered() {
    use crate::engine::Cable;
    use slotdesk::app::{Effect, Msg};
    use slotdesk::runtime::executor::Executor;
    use slotdesk::store::Store;
    let db = new_postgres_db();
    let init = slotdesk_at(Path::new(&db), CLI_NOW)
        .args(["init", "--demo"])
        .output()
        .unwrap();
    assert!(init.status.success(), "{init:?}");
    let (mut cable, through) = Cable::to(&db);
    let mut desk = Executor::new(Store::open(Path::new(&through)).unwrap());
    let now = chrono::DateTime::parse_from_rfc3339(CLI_NOW)
        .unwrap()
        .to_utc();
    let day = Effect::LoadDay(now.date_naive());
    let loaded = |msgs: &[Msg]| matches!(msgs, [Msg::DayLoaded(..), ..]);
    assert!(loaded(&desk.run(&day, now)));

    cable.pull();
    let away = desk.run(&day, now);
    let [Msg::LoadFailed(failure)] = away.as_slice() else {
        panic!("the read fails: {away:?}");
    };
    assert!(
        failure.message.contains("cannot be reached")
            && !failure.message.contains("database error"),
        "told as the server being away: {}",
        failure.message
    );
    assert!(
        !failure.message.contains(password_of(&db)),
        "{}",
        failure.message
    );
    // The tick's change poll fails once, then waits before it asks again.
    let poll = |desk: &mut Executor| desk.run(&Effect::PollChanges, now);
    assert!(matches!(poll(&mut desk).as_slice(), [Msg::LoadFailed(_)]));
    assert!(poll(&mut desk).is_empty(), "not asked again at once");
    assert!(desk.run(&Effect::Sweep, now).is_empty());
    // A batch of writes (the desk's release-all at quit) says it in the
    // same words.
    let refused = desk
        .store
        .batch(|s| s.sweep_expired_holds(now))
        .unwrap_err();
    assert!(
        refused.to_string().contains("cannot be reached"),
        "{refused}"
    );
    // Two seconds on: the poll asks again (one failure per RETRY_AWAY),
    // and the sweep still waits for it.
    std::thread::sleep(slotdesk::runtime::executor::RETRY_AWAY);
    assert!(desk.run(&Effect::Sweep, now).is_empty(), "the sweep waits");
    assert!(matches!(poll(&mut desk).as_slice(), [Msg::LoadFailed(_)]));

    cable.plug();
    assert!(
        loaded(&desk.run(&day, now)),
        "answered once the server is back"
    );
    std::thread::sleep(slotdesk::runtime::executor::RETRY_AWAY);
    assert!(
        poll(&mut desk)
            .iter()
            .any(|m| matches!(m, Msg::DatabaseBack)),
        "the next poll says the database is back"
    );
}

#[test]
fn a_granted_desk_login_books_and_can_never_change_or_remove_the_journal() {
    use crate::engine::Raw;
    let owner = new_postgres_db();
    let role = format!("desk_{}", owner.rsplit('/').next().unwrap());
    let mut admin = postgres::Client::connect(&admin_url(), postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!("CREATE ROLE {role} LOGIN PASSWORD 'desk-pw'"))
        .unwrap();
    let manager = |db: &str, args: &[&str]| {
        slotdesk_at(Path::new(db), CLI_NOW)
            .args(args)
            .env("SLOTDESK_STAFF", "Morgan Lead")
            .env("SLOTDESK_PIN", "2222")
            .output()
            .unwrap()
    };
    assert!(manager(&owner, &["init", "--demo"]).status.success());
    // A clerk may not; the manager may; a role the server lacks is named.
    let clerk = slotdesk_at(Path::new(&owner), CLI_NOW)
        .args(["grant", &role])
        .env("SLOTDESK_STAFF", "Dana Reception")
        .env("SLOTDESK_PIN", "1111")
        .output()
        .unwrap();
    assert!(!clerk.status.success(), "{clerk:?}");
    let missing = manager(&owner, &["grant", "nobody_here"]);
    assert_eq!(missing.status.code(), Some(5));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("the server has no role `nobody_here`"),
        "{missing:?}"
    );
    // Not the owner itself, nor a superuser (no grant limits either).
    let (_, rest) = owner.split_once("://").unwrap();
    let owner_name = rest.split_once(':').unwrap().0.to_owned();
    let itself = manager(&owner, &["grant", &owner_name]);
    assert_eq!(itself.status.code(), Some(5), "{itself:?}");
    // Before the grant the login is told what it lacks, not "empty".
    let (_, rest) = owner.split_once("://").unwrap();
    let place = rest.rsplit_once('@').unwrap().1;
    let desk = format!("postgres://{role}:desk-pw@{place}");
    let (code, stderr) = bookings_on(&desk);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("this login may not use it") && stderr.contains("slotdesk grant"),
        "{stderr}"
    );
    let granted = manager(&owner, &["grant", &role]);
    assert!(granted.status.success(), "{granted:?}");

    // The desk's login holds and books like any desk.
    let slots = manager(
        &desk,
        &["slots", "--service", "massage", "--days", "14", "--json"],
    );
    assert!(slots.status.success(), "{slots:?}");
    let listed: serde_json::Value = serde_json::from_slice(&slots.stdout).unwrap();
    let slot = listed[0]["slot"].as_str().unwrap().to_owned();
    let held = manager(&desk, &["hold", &slot]);
    assert!(held.status.success(), "{held:?}");
    // The desk's login cannot give grants: only the schema's owner.
    let again = manager(&desk, &["grant", &role]);
    assert_eq!(again.status.code(), Some(5), "{again:?}");
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("grant is for the schema's owner to give"),
        "{again:?}"
    );

    // The journal: read and added to, never changed, removed or emptied.
    let mut raw = Raw::open(Path::new(&desk));
    assert!(raw.text("SELECT CAST(COUNT(*) AS TEXT) FROM events") != "0");
    for change in [
        "UPDATE events SET kind = kind",
        "DELETE FROM events",
        "TRUNCATE events",
        "DROP TRIGGER events_are_never_changed ON events",
        "UPDATE slotdesk_schema SET version = 0",
    ] {
        let refused = raw.run(change).unwrap_err();
        assert!(
            refused.contains("permission denied") || refused.contains("must be owner"),
            "{change}: {refused}"
        );
    }
}

#[test]
fn a_servers_bookings_go_back_to_a_file_through_export_and_import() {
    use crate::commands::Desk;
    let server = Desk::on_server();
    crate::import::a_day_of_bookings(&server);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("from-the-server.csv");
    let file = file.to_str().unwrap();
    server.ok(&["export", "--format", "csv", "-o", file]);
    let back = Desk::new();
    let out = back.ok(&["import", "bookings", file]);
    assert!(
        out.contains("3 rows: 3 imported, 0 skipped, 0 refused"),
        "{out}"
    );
    // The same bookings, id for id apart.
    let seen = |desk: &Desk| -> Vec<String> {
        let list = desk.json(&["bookings"]);
        let mut rows: Vec<String> = list["bookings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                format!(
                    "{} {} {} {} {} {}",
                    b["from"],
                    b["service_name"],
                    b["status"],
                    b["participants"],
                    b["customer"]["last_name"],
                    b["message"]
                )
            })
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(seen(&back), seen(&server));
    assert_eq!(seen(&back).len(), 3);
}
