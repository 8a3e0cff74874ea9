//! Faults, end to end: the real binary on database files that are missing,
//! empty, not SQLite, newer, read-only, locked, replaced or deleted, and the
//! desk under signals and another desk's lock. Each case: a clear message
//! that names the file and the cause, a non-zero exit, nothing changed, no
//! panic. Also the crash test (writers killed at random moments lose no
//! acknowledged write) and a full disk.

#[path = "../support/binary.rs"]
mod binary;
#[path = "../support/engine.rs"]
mod engine;
#[path = "../support/pty.rs"]
mod support;

mod backups;
mod crash;
mod desk;
mod disk_full;
mod files;
mod output;
mod read_only;
