//! The command line's shape (clap derive): global `--db`, one subcommand per
//! engine operation, `--json` on reading commands.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

mod admin;
mod booking;
mod export;
mod import;
mod listing;
mod manager;
mod outbox;
mod payment;
mod print;
mod reminders;
mod waitlist;

pub use admin::{
    BackupArgs, CatalogAction, CheckArgs, ClosureAction, GenerateArgs, GrantArgs, MigrateArgs,
    RestoreArgs, RoleArg, StaffAction,
};
pub use booking::{
    BookArgs, CancelArgs, ConfirmArgs, CustomerFields, DeclineArgs, HoldArgs, MoveArgs, StatusArg,
    WalkInArgs,
};
pub use export::{BookingFormat, CustomerFormat, ExportArgs, ExportWhat};
pub use import::{
    DateOrderArg, ImportAction, ImportBookingsArgs, ImportCommon, ImportCustomersArgs, ImportFormat,
};
pub use listing::{
    BookingAction, BookingFilters, BookingsArgs, CustomerAction, CustomerArgs, CustomersArgs,
    EventsArgs, ShowArgs, SlotsArgs, TodayArgs,
};
pub use manager::{ForceStatusArgs, ManagerArgs, UndoArgs};
pub use outbox::{OutboxAction, OutboxArgs};
pub use payment::{MethodArg, PayArgs, TakingsArgs};
pub use print::{PrintArgs, PrintBookingsArgs, PrintDayArgs, PrintPage};
pub use reminders::{RemindersAction, RemindersArgs};
pub use waitlist::{WaitlistAction, WaitlistArgs};

/// slotdesk: a scheduling desk for one location over a local SQLite database.
#[derive(Debug, Parser)]
#[command(name = "slotdesk", version, about, long_about = None)]
pub struct Cli {
    /// Database file, or a PostgreSQL server's database
    /// (postgres://USER:PASSWORD@HOST/DATABASE) [default: $SLOTDESK_DB, else
    /// the config file's [database] url, else the platform data dir, e.g.
    /// ~/.local/share/slotdesk/slotdesk.db]
    #[arg(
        long,
        global = true,
        env = "SLOTDESK_DB",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub db: Option<PathBuf>,

    /// Open the desk on a fresh demo database in a temporary folder.
    #[arg(long)]
    pub demo: bool,

    /// Who makes the change, once the database has staff (the PIN comes
    /// from $SLOTDESK_PIN, else a prompt). Reads need no one.
    #[arg(long, global = true, env = "SLOTDESK_STAFF", value_name = "NAME")]
    pub staff: Option<String>,

    /// What to do; with none, the desk opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Every subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database (and with --demo, load the demo studio and bookings).
    Init {
        /// Apply the demo catalog and add realistic bookings around today.
        #[arg(long)]
        demo: bool,
    },
    /// Apply a catalog file (location, resources, services, time slots,
    /// closures), or print a starter one to edit.
    Catalog {
        #[command(subcommand)]
        action: CatalogAction,
    },
    /// List the services as applied.
    Services(JsonFlag),
    /// List the resources as applied.
    Resources(JsonFlag),
    /// List the slots of a service (only available ones unless --all).
    Slots(SlotsArgs),
    /// Hold (reserve) a slot for the service's hold minutes.
    Hold(HoldArgs),
    /// Book a slot for a customer.
    Book(Box<BookArgs>),
    /// Confirm a hold or a pending booking (adding its customer).
    Confirm(ConfirmArgs),
    /// Cancel a booking (or release a hold) with a reason.
    Cancel(CancelArgs),
    /// Decline a request or a pending booking (Wix DECLINED), with the
    /// reason.
    Decline(DeclineArgs),
    /// Approve a request (Wix CREATED → CONFIRMED): its seats are taken
    /// now, re-checking the slot's room; a request that no longer fits is
    /// refused and stays requested.
    Approve(IdArgs),
    /// The requests awaiting approval, soonest first (services with
    /// requires_approval).
    Requests(JsonFlag),
    /// Check in a confirmed booking.
    CheckIn(IdArgs),
    /// Mark a confirmed booking as a no-show.
    NoShow(IdArgs),
    /// Complete a checked-in booking.
    Complete(IdArgs),
    /// Extend a hold by the service's hold minutes.
    Extend(IdArgs),
    /// Move a booking to another slot of the same service.
    Move(MoveArgs),
    /// Record a payment.
    Pay(PayArgs),
    /// Refund a paid booking (manager only).
    Refund(ManagerArgs),
    /// Set a status the lifecycle would not step to (manager only), with a
    /// reason; a status that takes seats again must still find room.
    ForceStatus(ForceStatusArgs),
    /// Delete a booking (manager only); its history stays in the event log.
    Delete(ManagerArgs),
    /// Undo one change, by its event id (see `events`), while it is still
    /// the booking's latest and the rules allow the old state.
    Undo(UndoArgs),
    /// Manage who is at the desk: add, list, remove, set a PIN (manager
    /// only once staff exist; the first must be a manager).
    Staff {
        #[command(subcommand)]
        action: StaffAction,
    },
    /// Book someone standing at the desk (a first name is enough) into the
    /// service's slot running now, or the next with room today, and check
    /// them in.
    WalkIn(WalkInArgs),
    /// The run sheet: a day's bookings in time order with who has arrived,
    /// who is late and who is next, and the day's counts.
    Today(TodayArgs),
    /// List bookings, filtered and paged.
    Bookings(BookingsArgs),
    /// A page to print, as HTML with a print stylesheet: `print day [DATE]`
    /// (the day board) or `print bookings [filters]` (every matching
    /// booking); on stdout, or `-o FILE.html`.
    Print(PrintArgs),
    /// Show one booking.
    Booking(ShowArgs),
    /// Show or edit a customer.
    Customer(CustomerArgs),
    /// Find customers as the desk does: any part of a name or email, or a
    /// phone in any format; everyone by name without a search.
    Customers(CustomersArgs),
    /// Print the event log (JSON lines with --json).
    Events(EventsArgs),
    /// Write bookings out for other programs: iCalendar (a calendar app
    /// subscribes or imports; re-exports update, never duplicate), CSV or
    /// JSON lines, to stdout or -o FILE; `export customers` writes every
    /// customer as CSV or JSON lines.
    Export(ExportArgs),
    /// The waitlist of full slots: every open entry and offer, or one
    /// slot's queue; `add` joins a full slot's queue, `leave` takes an
    /// entry off. A freed seat is offered to the first in line (a hold in
    /// their name) in the transaction that frees it.
    Waitlist(WaitlistArgs),
    /// Import customers or appointments from another system: a CSV with a
    /// column map, or an iCalendar file; --dry-run reports each row and
    /// changes nothing; the file is imported whole or not at all (unless
    /// --skip-refused), and again changes nothing.
    Import {
        #[command(subcommand)]
        action: ImportAction,
    },
    /// Mark lapsed holds expired now.
    Sweep(JsonFlag),
    /// Fill the database with a large synthetic history (for benchmarks).
    Generate(GenerateArgs),
    /// Check the file (SQLite's integrity check) and the booking rules in
    /// what is stored: no slot over capacity, no resource double-booked,
    /// every booking with its events. Exit 1 when anything is found.
    Check(CheckArgs),
    /// Copy the database to FILE (default: the data folder's backups/),
    /// safely while desks are writing.
    Backup(BackupArgs),
    /// Copy this SQLite database, whole, into an empty PostgreSQL database
    /// (--to postgres://USER:PASSWORD@HOST/DATABASE), then count each
    /// table on both sides; point the desks at the server afterwards.
    Migrate(MigrateArgs),
    /// On a PostgreSQL server (manager only, run as the schema's owner):
    /// let the login ROLE do what a desk does, the journal append-only for
    /// it (it may add events, never change or delete them).
    Grant(GrantArgs),
    /// Replace the database with a backup (manager only; integrity-checked;
    /// the current file is kept aside; refused while a desk has it open).
    Restore(RestoreArgs),
    /// A day's payments and refunds by method with totals per currency
    /// (the cash-up); a manager signs them off with --sign-off.
    Takings(TakingsArgs),
    /// Close a resource or the whole location (a day, days or part of a
    /// day) and list the bookings it strands; or reopen.
    Closure {
        #[command(subcommand)]
        action: ClosureAction,
    },
    /// List the closures, from the catalog file and the desk.
    Closures(JsonFlag),
    /// The bookings due a reminder now (confirmed or pending, starting
    /// within their service's `reminder_hours`, not yet marked sent), with
    /// phone, email and the message to send; `sent ID` marks one sent.
    Reminders(RemindersArgs),
    /// The outbox: events waiting for the config's [hooks] (pending and
    /// failed deliveries: event, kind, target, attempts, next attempt, last
    /// error); `retry [EVENT_ID]` makes them due now, `deliver` runs one
    /// delivery pass (for cron, or when no desk is open).
    Outbox(OutboxArgs),
}

/// `--json` alone.
#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// A booking id and `--json`.
#[derive(Debug, Args)]
pub struct IdArgs {
    /// Booking id.
    pub id: i64,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}
