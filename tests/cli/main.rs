//! The command line end to end: the real binary on real database files,
//! one process at a time and many at once.

#[path = "../support/binary.rs"]
mod support;

mod catalog;
mod commands;
mod concurrency;
