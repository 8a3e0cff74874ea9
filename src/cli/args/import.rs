//! Arguments of `import customers FILE` and `import bookings FILE`.

use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

/// `import customers FILE.csv`, `import bookings FILE.csv|FILE.ics`.
#[derive(Debug, Subcommand)]
pub enum ImportAction {
    /// Customers from a CSV file (a header row, one customer per row),
    /// each through the identity rule: a person already on file is skipped.
    Customers(ImportCustomersArgs),
    /// Appointments from a CSV file or an iCalendar file (calcurse, khal,
    /// another calendar's export) as bookings on a resource, or as its
    /// closures; recurring events are expanded over --from/--to.
    Bookings(ImportBookingsArgs),
}

/// What every import takes.
#[derive(Debug, Args)]
pub struct ImportCommon {
    /// The file to read.
    pub file: PathBuf,
    /// Check every row and print the report; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the rows that fit even when others are refused (without it,
    /// one refused row keeps the whole file out, so it can be fixed and
    /// imported again).
    #[arg(long)]
    pub skip_refused: bool,
    /// Which column holds a field, FIELD=COLUMN (repeatable), e.g.
    /// --map last_name=Surname --map phone="Mobile no". Fields: id,
    /// first_name, last_name, name, email, phone; for bookings also start,
    /// end, date, time, end_time, minutes, participants, status, message,
    /// service, resource.
    #[arg(long = "map", value_name = "FIELD=COLUMN")]
    pub map: Vec<String>,
    /// A TOML file with the map ([columns] FIELD = "COLUMN") and the dates
    /// ([dates] order = "dmy"|"mdy", format = "%d/%m/%Y %H:%M").
    #[arg(long, value_name = "FILE.toml")]
    pub mapping: Option<PathBuf>,
    /// How numeric dates are written: day first (dmy, 07/12/2026) or month
    /// first (mdy, 12/07/2026) [default: the location's region's].
    #[arg(long, value_enum)]
    pub date_order: Option<DateOrderArg>,
    /// The exact chrono format of the CSV's dates and times, e.g.
    /// "%d/%m/%Y %H:%M" (else common forms are recognised).
    #[arg(long, value_name = "FORMAT")]
    pub date_format: Option<String>,
    /// The file's format [default: from its name, else from its first line].
    #[arg(long, value_enum)]
    pub format: Option<ImportFormat>,
    /// Print the report as JSON lines (one per row, then the counts).
    #[arg(long)]
    pub json: bool,
}

/// `import customers`.
#[derive(Debug, Args)]
pub struct ImportCustomersArgs {
    #[command(flatten)]
    pub common: ImportCommon,
}

/// `import bookings`.
#[derive(Debug, Args)]
pub struct ImportBookingsArgs {
    #[command(flatten)]
    pub common: ImportCommon,
    /// The resource every row goes to (id, key or name), e.g. a therapist;
    /// without it each CSV row's resource column names it.
    #[arg(long)]
    pub resource: Option<String>,
    /// The service of every row (else the row's, else the one service the
    /// resource offers).
    #[arg(long)]
    pub service: Option<String>,
    /// Make each event a closure of the resource (the therapist is away)
    /// instead of a booking; all-day events close whole days.
    #[arg(long)]
    pub as_closures: bool,
    /// Only events from this date (as `bookings --from` takes it).
    #[arg(long, allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Only events before the end of this date; a recurring event with no
    /// end stops here [default: a year from today].
    #[arg(long, allow_hyphen_values = true)]
    pub to: Option<String>,
}

/// `--date-order`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateOrderArg {
    /// Day first: 07/12/2026 is 7 December.
    Dmy,
    /// Month first: 12/07/2026 is 7 December.
    Mdy,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Csv,
    Ics,
}
