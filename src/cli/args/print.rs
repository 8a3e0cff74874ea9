//! Arguments of `print day` and `print bookings`: printable HTML pages.

use super::listing::BookingFilters;
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// `print`.
#[derive(Debug, Args)]
pub struct PrintArgs {
    /// Which page.
    #[command(subcommand)]
    pub page: PrintPage,
}

/// The printable pages.
#[derive(Debug, Subcommand)]
pub enum PrintPage {
    /// The day board as a page for A4 landscape: each resource's slots in
    /// time order with their bookings, the day's closures, who to call.
    Day(PrintDayArgs),
    /// The bookings list as a printable table: every matching booking (not
    /// one page), with the filters `bookings` takes.
    Bookings(PrintBookingsArgs),
}

/// `print day [DATE] [-o FILE.html] [--resource R]`.
#[derive(Debug, Args)]
pub struct PrintDayArgs {
    /// The day, as people type it: today, tomorrow, 2026-12-07, 7/12, mon,
    /// +7, -1 [default: today at the location].
    #[arg(allow_negative_numbers = true)]
    pub date: Option<String>,
    /// The day as `--date D`, as `today` takes it (instead of DATE).
    #[arg(
        long = "date",
        value_name = "DATE",
        conflicts_with = "date",
        allow_hyphen_values = true
    )]
    pub on: Option<String>,
    /// Only this resource (name, key or id).
    #[arg(long)]
    pub resource: Option<String>,
    /// Write the page to this file (mode 0600) instead of stdout.
    #[arg(short, long, value_name = "FILE.html")]
    pub output: Option<PathBuf>,
}

/// `print bookings [filters] [-o FILE.html]`.
#[derive(Debug, Args)]
pub struct PrintBookingsArgs {
    /// Which bookings.
    #[command(flatten)]
    pub filters: BookingFilters,
    /// Write the page to this file (mode 0600) instead of stdout.
    #[arg(short, long, value_name = "FILE.html")]
    pub output: Option<PathBuf>,
}
