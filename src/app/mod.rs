//! The desk's state machine: `AppState`, the `Action`s keys are bound to,
//! the `Msg`s `update` takes and the `Effect`s it asks the runtime for.
//! No terminal, no database, no clock.

pub mod action;
pub mod board;
pub mod effect;
pub mod form;
pub mod keymap;
pub mod lists;
pub mod msg;
pub mod state;
mod update;

pub use action::Action;
pub use effect::{Effect, Write};
pub use msg::{CatalogView, DayView, Msg, WriteKind, Written};
pub use state::{AppState, Overlay, Screen};
pub use update::{init, update};
