//! The store against real SQLite files in temp dirs: catalog, rules,
//! lifecycle, customers, payments, lists, events, and a property test over
//! random writes. One test crate, so a cold build links once.

#[path = "../support/store.rs"]
mod support;

mod approval;
mod catalog;
mod catalog_changes;
mod catalog_seen;
mod check;
mod choices;
mod closures;
mod courses;
mod customers;
mod events;
mod export;
mod file_faults;
mod import;
mod lifecycle;
mod limits;
mod list_orders;
mod listing;
mod outbox;
mod payments;
mod properties;
mod reminders;
mod rules;
mod series;
mod staff;
mod takings;
mod text_input;
mod undo;
mod waitlist;
mod walk_ins;
