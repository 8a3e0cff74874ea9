//! What is drawn over a screen and takes the keys while open: a form, the
//! command palette, help, the booking detail and the list of bookings
//! needing attention. Each has its keymap table.

pub mod attention;
pub mod detail;
pub mod form;
pub mod help;
pub mod palette;
pub mod scroll;
