//! What is drawn over a screen and takes the keys while open: a form, the
//! command palette, help and the booking detail. Each has its keymap table.

pub mod detail;
pub mod form;
pub mod help;
pub mod palette;
