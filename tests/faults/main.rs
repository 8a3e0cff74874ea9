//! Faults, end to end: the real binary on database files that are missing,
//! empty, not SQLite, newer, read-only, locked, replaced or deleted, and the
//! desk under signals and another desk's lock. Each case: a clear message
//! that names the file and the cause, a non-zero exit, nothing changed, no
//! panic.

#[path = "../support/binary.rs"]
mod binary;
#[path = "../support/pty.rs"]
mod support;

mod backups;
mod desk;
mod files;
mod output;
mod read_only;
