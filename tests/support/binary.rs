//! The real `slotdesk` binary as a test runs it: on one database file, at a
//! fixed clock, with a config file that never exists (so a developer's own
//! key overrides cannot change what a test types), and the test studio
//! catalog. Shared by the `cli` and `e2e` test crates.
#![allow(dead_code, clippy::unwrap_used, clippy::missing_panics_doc)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The command line tests' clock: Saturday 21 November 2026, 10:00 UTC.
pub const CLI_NOW: &str = "2026-11-21T10:00:00Z";

/// A config path that never exists.
pub fn no_config() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("slotdesk-tests-no-such-dir/config.toml")
}

/// `tests/fixtures/studio.toml`: the small studio the command line tests use.
pub fn studio_catalog() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/studio.toml")
}

/// `slotdesk` on `db` at `now`, nothing else inherited from the caller's
/// `SLOTDESK_*` variables.
pub fn slotdesk_at(db: &Path, now: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_slotdesk"));
    cmd.env("SLOTDESK_DB", db)
        .env("SLOTDESK_NOW", now)
        .env("SLOTDESK_CONFIG", no_config())
        .env_remove("SLOTDESK_STAFF")
        .env_remove("SLOTDESK_PIN");
    cmd
}
