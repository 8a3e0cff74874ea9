//! Arguments of `export` (bookings as iCalendar, CSV or JSON lines) and
//! `export customers` (CSV or JSON lines).

use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

/// `export [customers]`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ExportArgs {
    /// What else to export (with none: bookings).
    #[command(subcommand)]
    pub what: Option<ExportWhat>,
    /// ics: one VEVENT per booking (UTC times, a stable UID, so a
    /// calendar re-importing it updates its events); csv: a header row of
    /// the JSON field names, one booking a row; json: JSON lines, the
    /// objects of `booking ID --json`.
    #[arg(long, value_enum, default_value_t = BookingFormat::Ics)]
    pub format: BookingFormat,
    /// First local date, as people type it (2026-12-25, 25/12, today, -30)
    /// [default: the first booking].
    #[arg(long, allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Last local date, inclusive [default: the last booking].
    #[arg(long, allow_hyphen_values = true)]
    pub to: Option<String>,
    /// Only this resource (name, key or id).
    #[arg(long)]
    pub resource: Option<String>,
    /// Only this service (name, key or id).
    #[arg(long)]
    pub service: Option<String>,
    /// Only these statuses (repeat it or give a comma list: confirmed,
    /// checked in, …) [default: all but lapsed and released holds].
    #[arg(long, value_delimiter = ',')]
    pub status: Vec<String>,
    /// Write to FILE (created with mode 0600, replaced whole when done)
    /// instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// ics only: one calendar per resource, DIR/<resource key>.ics (a staff
    /// member's own calendar).
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    pub per_resource: Option<PathBuf>,
}

/// The formats of a bookings export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BookingFormat {
    /// iCalendar (RFC 5545).
    Ics,
    /// Comma-separated values with a header row.
    Csv,
    /// JSON lines.
    Json,
}

/// The formats of a customers export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CustomerFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// JSON lines.
    Json,
}

/// `export customers`.
#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// Every customer in id order: id, first_name, last_name, email, phone
    /// (E.164), created_at, updated_at.
    Customers {
        /// csv (a header row) or json (JSON lines).
        #[arg(long, value_enum, default_value_t = CustomerFormat::Csv)]
        format: CustomerFormat,
        /// Write to FILE (mode 0600, replaced whole when done) instead of
        /// stdout.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
}
