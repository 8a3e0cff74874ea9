//! Arguments of `reminders` and `reminders sent`.

use clap::{Args, Subcommand};

/// `reminders [--json]`, `reminders sent BOOKING_ID`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RemindersArgs {
    /// Mark one sent instead of listing.
    #[command(subcommand)]
    pub action: Option<RemindersAction>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `reminders sent`.
#[derive(Debug, Subcommand)]
pub enum RemindersAction {
    /// Mark a booking's reminder sent for its current time (moved later,
    /// it is due again).
    Sent {
        /// Booking id.
        id: i64,
        /// Print the booking as JSON.
        #[arg(long)]
        json: bool,
    },
}
