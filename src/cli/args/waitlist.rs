//! Arguments of `waitlist`, `waitlist add` and `waitlist leave`.

use clap::{Args, Subcommand};

/// `waitlist [SLOT]`, `waitlist add SLOT …`, `waitlist leave ENTRY_ID`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct WaitlistArgs {
    /// Join or leave instead of listing.
    #[command(subcommand)]
    pub action: Option<WaitlistAction>,
    /// Only this slot's queue, TIME_SLOT_ID@YYYY-MM-DD (else every open
    /// entry on a slot not yet over).
    pub slot: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `waitlist add` and `waitlist leave`.
#[derive(Debug, Subcommand)]
pub enum WaitlistAction {
    /// Put a customer in a full slot's queue, last in line.
    Add {
        /// The full slot, TIME_SLOT_ID@YYYY-MM-DD.
        slot: String,
        /// A customer on file: an id, or a search as `customers` takes it
        /// (part of a name or email, a phone in any format) that finds
        /// exactly one.
        #[arg(long, value_name = "ID|SEARCH", conflicts_with_all = ["first_name", "last_name", "email", "phone"])]
        customer: Option<String>,
        /// New customer's first name.
        #[arg(long, required_unless_present = "customer")]
        first_name: Option<String>,
        /// New customer's last name.
        #[arg(long, required_unless_present = "customer")]
        last_name: Option<String>,
        /// Customer's email.
        #[arg(long)]
        email: Option<String>,
        /// Customer's phone, local or international (the desk calls it
        /// when a seat frees).
        #[arg(long)]
        phone: Option<String>,
        /// Seats wanted.
        #[arg(long, default_value_t = 1)]
        participants: u32,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Take an entry off its queue (an open offer's hold is released and
    /// offered to the next in line).
    Leave {
        /// The entry's id (see `slotdesk waitlist`).
        entry: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}
