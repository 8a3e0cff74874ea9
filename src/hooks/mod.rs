//! Delivering the outbox: the config's `[hooks]` targets (a command given
//! each event's JSON on stdin, a URL given it as a signed HTTP POST) and the
//! delivery pass that claims due events from the store, runs the hooks
//! outside any transaction and records each outcome. The desk runs passes
//! on a thread of its own; `slotdesk outbox deliver` runs one.

pub mod config;
pub mod pass;
pub mod send;
pub mod signature;

pub use config::Hooks;
pub use pass::{PassReport, deliver_pass};
