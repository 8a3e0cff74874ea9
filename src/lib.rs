//! slotdesk: a terminal scheduling desk over a local SQLite database.
//! Layers: `domain` (pure rules) ← `store` (SQLite) ← `cli` (command line).

pub mod app;
pub mod cli;
pub mod clock;
pub mod data_dir;
pub mod demo;
pub mod domain;
pub mod hooks;
pub mod runtime;
pub mod store;
pub mod ui;
pub mod words;
