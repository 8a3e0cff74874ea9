//! `[database] url` in the config file: the database every command and the
//! desk open when neither `--db` nor `$SLOTDESK_DB` names one. A url that
//! is empty or spans lines is refused naming the file; a password in a file
//! others may read is warned of, never printed.
#![allow(clippy::unwrap_used)]

use crate::engine::new_postgres_db;
use crate::support::CLI_NOW;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

/// `slotdesk ARGS` with the config file `config`, no `$SLOTDESK_DB`, and a
/// data folder of its own under `home`.
fn run(home: &Path, config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_slotdesk"))
        .args(args)
        .env_remove("SLOTDESK_DB")
        .env_remove("SLOTDESK_STAFF")
        .env_remove("SLOTDESK_PIN")
        .env("SLOTDESK_CONFIG", config)
        .env("SLOTDESK_NOW", CLI_NOW)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .unwrap()
}

/// A config file in `dir` holding `text`, with `mode`.
fn config(dir: &Path, text: &str, mode: u32) -> std::path::PathBuf {
    let path = dir.join("config.toml");
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    path
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_configs_url_opens_the_server_and_db_or_the_variable_come_first() {
    let dir = tempfile::tempdir().unwrap();
    let url = new_postgres_db();
    let file = config(dir.path(), &format!("[database]\nurl = \"{url}\"\n"), 0o600);
    let init = run(dir.path(), &file, &["init", "--demo"]);
    assert!(init.status.success(), "{init:?}");
    assert_eq!(
        stderr(&init),
        "",
        "no warning for a file only its owner reads"
    );
    let listed = run(dir.path(), &file, &["bookings", "--json"]);
    assert!(listed.status.success(), "{listed:?}");
    let bookings: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert!(
        !bookings["bookings"].as_array().unwrap().is_empty(),
        "the demo's bookings, from the server: {bookings}"
    );
    // --db names another database: a new file, not the server's.
    let file_db = dir.path().join("own.db");
    let own = run(
        dir.path(),
        &file,
        &["--db", file_db.to_str().unwrap(), "init"],
    );
    assert!(own.status.success(), "{own:?}");
    assert!(file_db.exists(), "--db comes before the config's url");
    let variable = Command::new(env!("CARGO_BIN_EXE_slotdesk"))
        .args(["bookings", "--json"])
        .env("SLOTDESK_DB", &file_db)
        .env("SLOTDESK_CONFIG", &file)
        .env("SLOTDESK_NOW", CLI_NOW)
        .output()
        .unwrap();
    assert!(variable.status.success(), "{variable:?}");
    let none: serde_json::Value = serde_json::from_slice(&variable.stdout).unwrap();
    assert_eq!(
        none["bookings"].as_array().unwrap().len(),
        0,
        "$SLOTDESK_DB comes before the config's url"
    );
}

#[test]
fn a_password_others_may_read_is_warned_of_and_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let url = new_postgres_db();
    let (_, rest) = url.split_once("://").unwrap();
    let password = rest.rsplit_once('@').unwrap().0.split_once(':').unwrap().1;
    let file = config(dir.path(), &format!("[database]\nurl = \"{url}\"\n"), 0o644);
    let out = run(dir.path(), &file, &["init"]);
    assert!(out.status.success(), "{out:?}");
    let err = stderr(&out);
    assert!(
        err.contains("holds a database password and others may read it: chmod 600 it"),
        "{err}"
    );
    assert!(
        !err.contains(password),
        "the password is never printed: {err}"
    );
}

#[test]
fn an_empty_or_multi_line_url_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    for (text, says) in [
        ("[database]\nurl = \"  \"\n", "[database] url is empty"),
        (
            "[database]\nurl = \"\"\"\npostgres://a@b/c\nbookings\"\"\"\n",
            "[database] url holds a control character",
        ),
        (
            "[database]\nuri = \"postgres://a@b/c\"\n",
            "unknown field `uri`",
        ),
    ] {
        let file = config(dir.path(), text, 0o600);
        let out = run(dir.path(), &file, &["bookings"]);
        assert_eq!(out.status.code(), Some(5), "{text}: {out:?}");
        let err = stderr(&out);
        assert!(
            err.contains(&format!("{}: ", file.display())) && err.contains(says),
            "{text}: {err}"
        );
        assert!(
            !dir.path().join("data").exists(),
            "{text}: nothing opened or made"
        );
    }
}

#[test]
fn a_database_named_with_a_line_break_is_refused_before_anything_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_slotdesk"))
        .args(["bookings"])
        .env("SLOTDESK_DB", "postgres://desk:pw@localhost/slot\ndesk")
        .env("SLOTDESK_CONFIG", dir.path().join("none.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{out:?}");
    let err = stderr(&out);
    assert!(err.contains("holds a control character"), "{err}");
    assert!(!err.contains("pw@"), "{err}");
}
