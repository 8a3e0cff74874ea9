//! Arguments of the commands that step outside the lifecycle: `refund`,
//! `delete` and `force-status` (manager only), and `undo`.

use clap::Args;

/// `refund` and `delete`.
#[derive(Debug, Args)]
pub struct ManagerArgs {
    /// Booking id.
    pub id: i64,
    /// Act as a manager (required).
    #[arg(long)]
    pub as_manager: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `force-status`.
#[derive(Debug, Args)]
pub struct ForceStatusArgs {
    /// Booking id.
    pub id: i64,
    /// The status, in words or the JSON's: pending, confirmed, checked in,
    /// completed, no-show, cancelled or declined.
    pub status: String,
    /// Why (kept in the event log).
    #[arg(long)]
    pub reason: String,
    /// Act as a manager (when no staff exist).
    #[arg(long)]
    pub as_manager: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `undo`.
#[derive(Debug, Args)]
pub struct UndoArgs {
    /// The event of the change to undo.
    pub event: i64,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}
