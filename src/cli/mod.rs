//! The command line: a thin layer that parses arguments, calls the store and
//! prints text or JSON. Errors go to stderr in the booking APIs' words
//! (`time slot is full`, `duplicate booking`, `booking not found`) with exit
//! codes 3 (conflict), 4 (not found), 5 (invalid input), 1 (anything else).

pub mod args;
mod booking_cmds;
mod catalog_cmds;
mod closure_cmds;
mod context;
mod course_output;
mod export_cmds;
mod html;
mod import_cmds;
mod listing_cmds;
mod maintenance_cmds;
mod out_path;
mod outbox_cmds;
mod output;
mod print_bookings;
mod print_day;
mod reminder_cmds;
mod run_sheet_html;
mod series_cmds;
mod staff_cmds;
mod takings_cmds;
mod waitlist_cmds;

pub use crate::data_dir::default_db_path;
pub use args::Cli;
pub use export_cmds::{Selection, write_ics};

use crate::domain::ErrorKind;
use crate::store::StoreError;
use args::Command;
use context::{Access, Context};
use std::process::ExitCode;

/// What a command failed with: a store error, or bad arguments found after
/// parsing (a malformed date or slot).
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// From the engine.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// `$SLOTDESK_NOW` is malformed.
    #[error(transparent)]
    Clock(#[from] crate::clock::ClockError),
    /// Output could not be written.
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    /// `check` found problems (listed on stdout).
    #[error("check found problems: {0}")]
    CheckFailed(String),
    /// The config file cannot be used (its path and what is wrong).
    #[error("{0}")]
    Config(String),
}

impl From<crate::domain::BookingError> for CliError {
    fn from(e: crate::domain::BookingError) -> Self {
        Self::Store(e.into())
    }
}

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Store(e) => match e.kind() {
                ErrorKind::Conflict => 3,
                ErrorKind::NotFound => 4,
                ErrorKind::Invalid => 5,
                ErrorKind::Fault => 1,
            },
            Self::Clock(_) | Self::Config(_) => 5,
            Self::Output(_) | Self::CheckFailed(_) => 1,
        }
    }
}

/// Shorthand for command results.
pub type CliResult<T = ()> = Result<T, CliError>;

/// Runs one subcommand and returns the process exit code, printing errors
/// to stderr as `slotdesk: MESSAGE`.
pub fn run(cli: &Cli, command: Command) -> ExitCode {
    let writes = access(&command) != Access::Read;
    let path = cli.db.clone().unwrap_or_else(default_db_path);
    match dispatch(cli, command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        // The change is committed before its result is printed: the exit
        // code says what happened in the database, so a retrying script
        // never makes it twice.
        Err(CliError::Output(e)) if writes => {
            eprintln!(
                "slotdesk: warning: the change was made, but its result could not be printed: {e}"
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            let e = match e {
                CliError::Store(e) => CliError::Store(e.on_file(&path)),
                e => e,
            };
            let hint = match &e {
                CliError::Store(StoreError::Booking(crate::domain::BookingError::ManagerOnly(
                    _,
                ))) if cli.staff.is_some() => " (sign in as a manager with --staff NAME)",
                CliError::Store(StoreError::Booking(crate::domain::BookingError::ManagerOnly(
                    _,
                ))) => " (pass --as-manager, or --staff NAME once staff exist)",
                CliError::Store(StoreError::Booking(crate::domain::BookingError::SignInNeeded)) => {
                    " (pass --staff NAME or set $SLOTDESK_STAFF; the PIN comes from $SLOTDESK_PIN or a prompt)"
                }
                _ => "",
            };
            // An error may quote stored or typed text: never raw, and each
            // line cut so that a huge argument does not come back whole (a
            // message of several lines keeps them).
            let words = e
                .to_string()
                .lines()
                .map(|line| output::truncate(line, 500))
                .collect::<Vec<_>>()
                .join("\n");
            eprintln!("slotdesk: {words}{hint}");
            ExitCode::from(e.exit_code())
        }
    }
}

/// Whether `command` changes the database on someone's behalf (and so
/// needs a signed-in member once staff exist). Reads, the sweep (time's
/// doing) and the first staff member need no one.
fn changes_data(command: &Command) -> bool {
    !matches!(
        command,
        Command::Services(_)
            | Command::Resources(_)
            | Command::Slots(_)
            | Command::Bookings(_)
            | Command::Print(_)
            | Command::Today(_)
            | Command::Events(_)
            | Command::Export(_)
            | Command::Waitlist(args::WaitlistArgs { action: None, .. })
            | Command::Sweep(_)
            | Command::Init { demo: false }
            | Command::Staff {
                action: args::StaffAction::List { .. }
            }
            | Command::Booking(args::ShowArgs { action: None, .. })
            | Command::Customer(args::CustomerArgs { action: None, .. })
            | Command::Customers(_)
            | Command::Check(_)
            | Command::Closures(_)
            | Command::Requests(_)
            | Command::Reminders(args::RemindersArgs { action: None, .. })
            | Command::Outbox(_)
            | Command::Backup(_)
            | Command::Takings(args::TakingsArgs {
                sign_off: false,
                ..
            })
            | Command::Catalog {
                action: args::CatalogAction::Template { .. } | args::CatalogAction::Export
            }
    ) && !is_dry_run(command)
}

/// An import's `--dry-run`: it writes inside a transaction it rolls back,
/// so it opens the file for writing but changes nothing and needs no one.
fn is_dry_run(command: &Command) -> bool {
    match command {
        Command::Import { action } => match action {
            args::ImportAction::Customers(a) => a.common.dry_run,
            args::ImportAction::Bookings(a) => a.common.dry_run,
        },
        _ => false,
    }
}

/// How `command` opens the database: only `init` creates one, and a
/// command that only reads never changes it.
fn access(command: &Command) -> Access {
    match command {
        Command::Init { .. } | Command::Restore(_) => Access::Create,
        c if is_dry_run(c) => Access::Write,
        Command::Sweep(_)
        | Command::Outbox(args::OutboxArgs {
            action: Some(_), ..
        }) => Access::Write,
        c if changes_data(c) => Access::Write,
        _ => Access::Read,
    }
}

fn dispatch(cli: &Cli, command: Command) -> CliResult {
    // Printed from the binary: no database is opened, or needed.
    if let Command::Catalog {
        action: args::CatalogAction::Template { demo },
    } = &command
    {
        return catalog_cmds::template(*demo);
    }
    if let Command::Restore(a) = &command {
        let path = cli.db.clone().unwrap_or_else(default_db_path);
        return maintenance_cmds::restore(&path, cli.staff.as_deref(), a);
    }
    let mut ctx = Context::open(cli.db.as_deref(), access(&command))?;
    if changes_data(&command) {
        ctx.sign_in(cli.staff.as_deref())?;
    }
    match command {
        Command::Staff { action } => staff_cmds::staff(&mut ctx, action),
        Command::Init { demo } => catalog_cmds::init(&mut ctx, demo),
        Command::Catalog { action } => catalog_cmds::catalog(&mut ctx, &action),
        Command::Services(a) => catalog_cmds::services(&ctx, a.json),
        Command::Resources(a) => catalog_cmds::resources(&ctx, a.json),
        Command::Generate(a) => catalog_cmds::generate(&mut ctx, &a),
        Command::Slots(a) => listing_cmds::slots(&ctx, &a),
        Command::Bookings(a) => listing_cmds::bookings(&mut ctx, &a),
        Command::Today(a) => listing_cmds::today(&ctx, &a),
        Command::Print(a) => match a.page {
            args::PrintPage::Day(d) => print_day::print(&ctx, &d),
            args::PrintPage::Bookings(b) => print_bookings::print(&ctx, &b),
        },
        Command::Booking(a) => listing_cmds::booking(&mut ctx, &a),
        Command::Customer(a) => listing_cmds::customer(&mut ctx, a),
        Command::Customers(a) => listing_cmds::customers(&ctx, &a),
        Command::Events(a) => listing_cmds::events(&ctx, &a),
        Command::Export(a) => export_cmds::export(&ctx, &a),
        Command::Waitlist(a) => waitlist_cmds::waitlist(&mut ctx, a),
        Command::Sweep(a) => listing_cmds::sweep(&mut ctx, a.json),
        Command::Check(a) => maintenance_cmds::check(&ctx, &a),
        Command::Backup(a) => maintenance_cmds::backup(&ctx, &a),
        Command::Migrate(a) => maintenance_cmds::migrate(&ctx, &a),
        Command::Grant(a) => maintenance_cmds::grant(&mut ctx, &a),
        Command::Takings(a) => takings_cmds::takings(&mut ctx, &a),
        Command::Closure { action } => closure_cmds::closure(&mut ctx, action),
        Command::Closures(a) => closure_cmds::list(&ctx, a.json),
        Command::Reminders(a) => reminder_cmds::reminders(&mut ctx, &a),
        Command::Book(a) if a.weekly.is_some() => series_cmds::book(&mut ctx, &a),
        Command::Cancel(a) if a.following => series_cmds::cancel_following(&mut ctx, &a),
        Command::Move(a) if a.following => series_cmds::move_following(&mut ctx, &a),
        Command::Outbox(a) => outbox_cmds::outbox(&mut ctx, &a),
        Command::Import { action } => import_cmds::import(&mut ctx, &action),
        Command::Requests(a) => listing_cmds::requests(&mut ctx, a.json),
        other => booking_cmds::run(&mut ctx, other),
    }
}
