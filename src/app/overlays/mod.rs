//! What is drawn over a screen and takes the keys while open: a form, the
//! command palette, help, the booking detail, the list of bookings
//! needing attention, the closure walk-through, the messages log and free
//! slots found. Each has its keymap table.

pub mod attention;
pub mod closure_walk;
pub mod detail;
pub mod form;
pub mod free_slots;
pub mod help;
pub mod messages;
pub mod palette;
pub mod reminders;
pub mod requests;
pub mod scroll;
