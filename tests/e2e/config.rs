//! The config file and `NO_COLOR`, end to end: a config that binds one key
//! twice stops the desk before it takes the terminal, and a desk under
//! `NO_COLOR` (or a monochrome theme) paints no colour at all.
#![allow(clippy::unwrap_used)]

use crate::support::{NOW, Tty, demo_db};
use std::path::Path;

fn write_config(dir: &Path, text: &str) -> String {
    let path = dir.join("config.toml");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

fn desk_with(db: &Path, envs: &[(&str, &str)]) -> Tty {
    let mut env = vec![
        ("SLOTDESK_NOW", NOW),
        ("SLOTDESK_STAFF", "Morgan Lead"),
        ("SLOTDESK_PIN", "2222"),
    ];
    env.extend_from_slice(envs);
    Tty::spawn(&["--db", db.to_str().unwrap()], &env, 100, 30)
}

#[test]
fn a_key_bound_twice_stops_the_desk_before_it_takes_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // Not there yet: a desk that got as far as the database would ask to
    // create it.
    let db = dir.path().join("new.db");
    let config = write_config(dir.path(), "[keys.board]\nreserve = [\"c\"]\n");
    let mut desk = desk_with(&db, &[("SLOTDESK_CONFIG", &config)]);
    let status = desk.expect_exit();
    assert_eq!(status.exit_code(), 5, "{status:?}");
    let raw = String::from_utf8_lossy(&desk.raw_output()).into_owned();
    assert!(
        raw.contains(&format!(
            "slotdesk: {config}: [keys.board]: `c` is bound to both `reserve`"
        )),
        "{raw}"
    );
    assert!(raw.contains("`confirm`"), "{raw}");
    assert!(!raw.contains("\x1b[?1049h"), "took the terminal: {raw:?}");
    assert!(
        !raw.contains("Create a new one"),
        "asked about the database"
    );
    assert!(!db.exists(), "the database was created");
}

#[test]
fn no_color_paints_the_desk_in_modifiers_only_unless_the_config_names_a_theme() {
    let (dir, db) = demo_db();
    let coloured = desk_with(&db, &[]);
    coloured.expect_text("Priya Sharma");
    coloured.expect_text("held");
    let [colours, ..] = coloured.cell_looks();
    assert!(colours > 0, "the default theme paints colours");
    drop(coloured);

    let plain = desk_with(&db, &[("NO_COLOR", "1")]);
    plain.expect_text("Priya Sharma");
    plain.expect_text("held");
    let [colours, bold, reversed, _] = plain.cell_looks();
    assert_eq!(
        colours,
        0,
        "a colour under NO_COLOR:\n{}",
        plain.screen_text()
    );
    assert!(
        bold > 0 && reversed > 0,
        "[bold, reversed] = [{bold}, {reversed}]"
    );
    // The legend's words carry what the colours did.
    for word in ["free", "full", "held", "blocked", "past"] {
        assert!(plain.screen_text().contains(word), "{word}");
    }
    drop(plain);

    // The user's own config may ask for colour anyway (no-color.org).
    let config = write_config(dir.path(), "[theme]\nname = \"default\"\n");
    let chosen = desk_with(&db, &[("NO_COLOR", "1"), ("SLOTDESK_CONFIG", &config)]);
    chosen.expect_text("Priya Sharma");
    chosen.expect_text("held");
    let [colours, ..] = chosen.cell_looks();
    assert!(colours > 0, "the config's theme wins over NO_COLOR");
}
