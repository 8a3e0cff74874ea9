//! The command line end to end: the real binary on real database files,
//! one process at a time and many at once.

#[path = "../support/binary.rs"]
mod support;

#[path = "../support/engine.rs"]
mod engine;

mod approval;
mod bad_numbers;
mod catalog;
mod catalog_template;
mod choices;
mod closures;
mod commands;
mod concurrency;
mod courses;
mod database_config;
mod export;
mod import;
mod interop;
mod outbox;
mod payment_option;
mod print;
mod reminders;
mod series;
mod server;
mod small_defects;
mod status_words;
mod stored_text;
mod takings;
mod today;
mod waitlist;
