//! Arguments of the reading commands: `slots`, `today`, `bookings`,
//! `booking` (and `booking edit`), `customer` (and `customer edit|merge`),
//! `customers` and `events`.

use super::booking::CustomerFields;
use clap::{Args, Subcommand};

/// `slots`.
#[derive(Debug, Args)]
pub struct SlotsArgs {
    /// Service name, key or id.
    #[arg(long)]
    pub service: String,
    /// Only this resource (name, key or id).
    #[arg(long)]
    pub resource: Option<String>,
    /// First date, as people type it (2026-12-25, 25/12, mon, +7, -1)
    /// [default: today at the location].
    #[arg(long, allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Number of days.
    #[arg(long, default_value_t = 7)]
    pub days: u32,
    /// Also list unavailable slots, with the reason.
    #[arg(long)]
    pub all: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `today`.
#[derive(Debug, Args)]
pub struct TodayArgs {
    /// The day, as people type it: 2026-12-25, 25/12, today, tomorrow,
    /// mon, +7, -1 (default today).
    #[arg(long, allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Also lapsed and released holds.
    #[arg(long)]
    pub all: bool,
    /// Write the sheet as an HTML page for printing to this file.
    #[arg(long, conflicts_with = "json")]
    pub html: Option<std::path::PathBuf>,
    /// Print JSON (the sheet with its rows, states and counts).
    #[arg(long)]
    pub json: bool,
}

/// `bookings`.
#[derive(Debug, Args)]
pub struct BookingsArgs {
    /// Which bookings.
    #[command(flatten)]
    pub filters: BookingFilters,
    /// Page, from 1.
    #[arg(long, default_value_t = 1)]
    pub page: u32,
    /// Bookings per page.
    #[arg(long, default_value_t = 50)]
    pub page_size: u32,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Which bookings `bookings` and `print bookings` list.
#[derive(Debug, Args)]
pub struct BookingFilters {
    /// Service name, key or id.
    #[arg(long)]
    pub service: Option<String>,
    /// Resource name, key or id.
    #[arg(long)]
    pub resource: Option<String>,
    /// One local date, as people type it (2026-12-25, 25/12, today, +7).
    #[arg(long, conflicts_with_all = ["from", "to"], allow_hyphen_values = true)]
    pub date: Option<String>,
    /// First local date, as people type it.
    #[arg(long, allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Last local date, as people type it.
    #[arg(long, allow_hyphen_values = true)]
    pub to: Option<String>,
    /// Status, in words or the JSON's (held, requested, pending, confirmed, checked in, completed,
    /// cancelled, declined, expired, no-show; `checked_in` and `no_show` too).
    #[arg(long)]
    pub status: Option<String>,
    /// Only bookings whose customer plans to pay so: desk, online, voucher
    /// or membership.
    #[arg(long, value_name = "OPTION")]
    pub payment_option: Option<String>,
    /// The customer: part of a name or email, or a phone in any format.
    #[arg(long)]
    pub customer: Option<String>,
}

/// `booking`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct ShowArgs {
    /// Edit instead of show.
    #[command(subcommand)]
    pub action: Option<BookingAction>,
    /// Booking id (required unless a subcommand is given: a usage error, exit 2).
    #[arg(required = true)]
    pub id: Option<i64>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `booking edit` (ReserveKit's `PATCH` of a booking).
#[derive(Debug, Subcommand)]
pub enum BookingAction {
    /// Change a live booking's message or seats; answers and add-ons stay.
    Edit {
        /// Booking id.
        id: i64,
        /// The note; an empty value clears it.
        #[arg(long)]
        message: Option<String>,
        /// Seats, re-checked against the slot's room.
        #[arg(long)]
        participants: Option<u32>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `customer`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct CustomerArgs {
    /// Edit instead of show.
    #[command(subcommand)]
    pub action: Option<CustomerAction>,
    /// Customer id (required unless a subcommand is given: a usage error, exit 2).
    #[arg(required = true)]
    pub id: Option<i64>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `customers [SEARCH]`.
#[derive(Debug, Args)]
pub struct CustomersArgs {
    /// A name or email fragment, or a phone in any format.
    pub search: Option<String>,
    /// At most this many, by last then first name.
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    /// Print JSON: each customer with `last_visit`.
    #[arg(long)]
    pub json: bool,
}

/// `customer edit`.
#[derive(Debug, Subcommand)]
pub enum CustomerAction {
    /// Change a customer's name, email or phone (an empty value clears email or phone).
    Edit {
        /// Customer id.
        id: i64,
        /// New values.
        #[command(flatten)]
        fields: CustomerFields,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Make two records of one person one (manager only): OTHER's bookings
    /// become KEEP's, OTHER's email or phone fills what KEEP lacks, and
    /// OTHER is removed.
    Merge {
        /// The customer kept.
        keep: i64,
        /// The duplicate, removed.
        other: i64,
        /// Act as a manager (when no staff exist).
        #[arg(long)]
        as_manager: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `events`.
#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Only events after this id.
    #[arg(long)]
    pub since: Option<i64>,
    /// Only this booking's events.
    #[arg(long, value_name = "ID")]
    pub booking: Option<i64>,
    /// Only this customer's events.
    #[arg(long, value_name = "ID")]
    pub customer: Option<i64>,
    /// Only the changes this staff member made (name as signed in, any
    /// case). Not `--staff`: that (and `$SLOTDESK_STAFF`) names who signs
    /// in, and a reader signed in as Dana still sees everyone's changes.
    #[arg(long = "by", value_name = "NAME")]
    pub by: Option<String>,
    /// At most this many.
    #[arg(long, default_value_t = 1000)]
    pub limit: u32,
    /// Print JSON lines.
    #[arg(long)]
    pub json: bool,
}
