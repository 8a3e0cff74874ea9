//! Arguments of the set-up and upkeep commands: `catalog`, `staff`,
//! `closure`, `check`, `backup`, `restore` and `generate`.

use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

/// `catalog` actions.
#[derive(Debug, Subcommand)]
pub enum CatalogAction {
    /// Apply FILE.toml; applying the same file twice changes nothing. A
    /// change that would strand live bookings is refused (exit 3, the
    /// bookings listed) unless a manager passes --force.
    Apply {
        /// The catalog file.
        file: PathBuf,
        /// Apply even when live bookings are affected; they are marked as
        /// needing attention on the desk until moved or cancelled (manager).
        #[arg(long)]
        force: bool,
        /// Act as a manager (when no staff exist), for --force.
        #[arg(long)]
        as_manager: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the catalog as applied, as a file to edit and apply again:
    /// closures made at the desk are listed, commented out and marked as
    /// desk closures (a later apply keeps them whatever the file says).
    Export,
    /// Print a commented starter catalog to edit and apply
    /// (`slotdesk catalog template > my-clinic.toml`); needs no database.
    Template {
        /// Print the demo studio's catalog instead, a larger example.
        #[arg(long)]
        demo: bool,
    },
}

/// `staff …`. A new PIN comes from $SLOTDESK_NEW_PIN, else a prompt.
#[derive(Debug, Subcommand)]
pub enum StaffAction {
    /// Add a member with a role and a PIN (4 to 12 digits).
    Add {
        name: String,
        #[arg(long, value_enum, default_value_t = RoleArg::Clerk)]
        role: RoleArg,
    },
    /// List the staff, removed members too.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Remove a member: they can no longer sign in; the journal keeps their name.
    Remove { name: String },
    /// Give a member a new PIN (a manager for anyone, a member for themself).
    SetPin { name: String },
}

/// A staff role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    Clerk,
    Manager,
}

/// `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// SQLite's quick check (skips index contents) instead of the full one.
    #[arg(long)]
    pub quick: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy [default: the data folder's
    /// backups/NAME-YYYYMMDD-HHMMSS.db]; an existing file is replaced once
    /// the copy is complete.
    pub file: Option<PathBuf>,
}

/// `migrate`.
#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The empty PostgreSQL database to copy into
    /// (postgres://USER:PASSWORD@HOST/DATABASE).
    #[arg(long, value_name = "URL")]
    pub to: PathBuf,
}

/// `grant`.
#[derive(Debug, Args)]
pub struct GrantArgs {
    /// The server's login the desks connect as (made by createuser).
    #[arg(value_name = "ROLE")]
    pub role: String,
}

/// `restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to restore.
    pub file: PathBuf,
    /// With no staff defined: say a manager is doing this. Also needed to
    /// restore over a database too damaged to read its staff.
    #[arg(long)]
    pub as_manager: bool,
}

/// `generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Bookings to generate.
    #[arg(long, default_value_t = 1_000_000)]
    pub bookings: u32,
    /// Resources.
    #[arg(long, default_value_t = 20)]
    pub resources: u32,
    /// Years of history.
    #[arg(long, default_value_t = 10)]
    pub years: u32,
}

/// `closure add|remove`.
#[derive(Debug, Subcommand)]
pub enum ClosureAction {
    /// Close a resource (or, without --resource, the whole location) from
    /// a date until a date, or from --start to --end on one date; prints
    /// the live bookings it strands (they are not cancelled: move or
    /// cancel each; until then the desk lists them as needing attention).
    Add {
        /// The resource (name, key or id) [default: the whole location].
        #[arg(long)]
        resource: Option<String>,
        /// First date, YYYY-MM-DD (or `today`, `tomorrow`).
        #[arg(long)]
        from: String,
        /// Last date [default: the first].
        #[arg(long)]
        until: Option<String>,
        /// Local start, HH:MM, for part of one day (with --end).
        #[arg(long, requires = "end")]
        start: Option<String>,
        /// Local end, HH:MM, after the start (with --start).
        #[arg(long, requires = "start")]
        end: Option<String>,
        /// Why (shown on the board and kept with the bookings it strands).
        #[arg(long)]
        reason: String,
        /// Print JSON: the closure and the bookings it strands.
        #[arg(long)]
        json: bool,
    },
    /// Reopen: remove a closure made at the desk, by id (see `closures`).
    Remove {
        /// The closure's id.
        id: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}
