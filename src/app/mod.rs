//! The desk's state machine: `AppState`, the `Action`s keys are bound to,
//! the `Msg`s `update` takes and the `Effect`s it asks the runtime for. Each
//! screen and overlay owns its state and handling. No terminal, no database,
//! no clock.

pub mod action;
pub mod booking_actions;
mod course;
pub mod effect;
pub mod keymap;
pub mod line_editor;
pub mod msg;
pub mod overlays;
pub mod quit;
mod race;
pub mod screens;
mod series;
pub mod sign_in;
pub mod state;
mod update;
pub mod waitlist;
mod written;

pub use action::Action;
pub use effect::{Authority, Effect, Write};
pub use msg::{CatalogView, DayView, Msg, Written};
pub use state::{AppState, Overlay, Screen};
pub use update::{init, update};

#[cfg(test)]
mod tests;
