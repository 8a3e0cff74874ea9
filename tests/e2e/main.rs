//! End to end: the real binary in a pseudo-terminal, keys typed as a
//! terminal sends them, the screen read back, the database checked.

#[path = "../support/binary.rs"]
mod binary;
#[path = "../support/engine.rs"]
mod engine;
#[path = "../support/pty.rs"]
mod support;

mod config;
mod courses;
mod desk;
mod export;
mod first_run;
mod idle;
mod last_seat;
mod outbox;
mod series;
mod today_offer;
mod typing;
mod waitlist;
