//! A new user with only the binary, end to end: an empty database opens on
//! the first-run screen with its whole path, `s` writes the starter catalog
//! beside it, and applying that file from the command line opens the board.
#![allow(clippy::unwrap_used)]

use crate::binary::slotdesk_at;
use crate::support::{NOW, Tty};

#[test]
fn a_new_user_writes_the_starter_catalog_applies_it_and_the_board_opens() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("clinic.db");
    let init = slotdesk_at(&db, NOW).arg("init").output().unwrap();
    assert!(init.status.success());
    let mut desk = Tty::spawn(
        &["--db", db.to_str().unwrap()],
        &[("SLOTDESK_NOW", NOW)],
        80,
        24,
    );
    desk.expect_text("Welcome to slotdesk");
    desk.expect_text(&db.display().to_string());
    desk.press("s");
    desk.expect_text("Your starter catalog, to edit:");
    let file = dir.path().join("clinic-catalog.toml");
    assert!(file.exists());
    let applied = slotdesk_at(&db, NOW)
        .args(["catalog", "apply", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        applied.status.success(),
        "{}",
        String::from_utf8_lossy(&applied.stderr)
    );
    // Another process applied it: the desk notices and shows the board.
    desk.expect_text("Alex Morgan");
    desk.expect_text("My Clinic");
    desk.press("q");
    assert!(desk.expect_exit().success());
}
