//! The desk without a terminal: flows through `update` and the executor on
//! the demo database, and `TestBackend` snapshots of every screen and form.

#[path = "../support/desk.rs"]
mod support;

mod attention;
mod board_screens;
mod bookings_list;
mod choices;
mod closures;
mod courses;
mod first_run;
mod flows;
mod form_screens;
mod free_slots;
mod hostile_input;
mod list_screens;
mod messages;
mod narrow_columns;
mod outbox;
mod reminders;
mod requests;
mod scrolling;
mod series;
mod status_words;
mod themes;
mod today;
mod typing;
mod waitlist;
