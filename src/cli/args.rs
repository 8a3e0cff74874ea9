//! The command line's shape (clap derive): global `--db`, one subcommand per
//! engine operation, `--json` on reading commands.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// slotdesk: a scheduling desk for one location over a local SQLite database.
#[derive(Debug, Parser)]
#[command(name = "slotdesk", version, about, long_about = None)]
pub struct Cli {
    /// Database file [default: $SLOTDESK_DB, else the platform data dir,
    /// e.g. ~/.local/share/slotdesk/slotdesk.db]
    #[arg(long, global = true, env = "SLOTDESK_DB", value_name = "PATH")]
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
    /// Show one booking.
    Booking(ShowArgs),
    /// Show or edit a customer.
    Customer(CustomerArgs),
    /// Find customers as the desk does: any part of a name or email, or a
    /// phone in any format; everyone by name without a search.
    Customers(CustomersArgs),
    /// Print the event log (JSON lines with --json).
    Events(EventsArgs),
    /// The waitlist of full slots: every open entry and offer, or one
    /// slot's queue; `add` joins a full slot's queue, `leave` takes an
    /// entry off. A freed seat is offered to the first in line (a hold in
    /// their name) in the transaction that frees it.
    Waitlist(WaitlistArgs),
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

/// `outbox [--json] [--limit N]`, `outbox retry [EVENT_ID]`, `outbox deliver`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct OutboxArgs {
    #[command(subcommand)]
    pub action: Option<OutboxAction>,
    /// Print JSON: one object per waiting delivery.
    #[arg(long)]
    pub json: bool,
    /// At most this many waiting deliveries per target (oldest first).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub limit: u32,
}

/// `outbox retry`, `outbox deliver`.
#[derive(Debug, Subcommand)]
pub enum OutboxAction {
    /// Make every waiting delivery (or one event's) due now, past its
    /// backoff or a lease left by a deliverer that was killed.
    Retry {
        /// The event's id (all waiting events without it).
        event_id: Option<i64>,
    },
    /// Deliver what is due now to the configured hooks, once, and say
    /// what happened (exit 0 even when a hook failed: it is retried).
    Deliver {
        /// Print the pass's report as JSON.
        #[arg(long)]
        json: bool,
    },
}

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

/// `takings`.
#[derive(Debug, Args)]
pub struct TakingsArgs {
    /// The local date as people type it (2026-12-25, 25/12, today, mon,
    /// +7, -1) [default: today].
    #[arg(long, allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Sign the day's takings off as they stand (manager only; recorded
    /// as a `takings.signed_off` event).
    #[arg(long)]
    pub sign_off: bool,
    /// Act as a manager (when no staff exist), for --sign-off.
    #[arg(long, requires = "sign_off")]
    pub as_manager: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
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

/// `--json` alone.
#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

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

/// `hold`.
#[derive(Debug, Args)]
pub struct HoldArgs {
    /// The slot, TIME_SLOT_ID@YYYY-MM-DD.
    pub slot: String,
    /// Seats to hold.
    #[arg(long, default_value_t = 1)]
    pub participants: u32,
    /// Repeat-safe key: the same request again returns the first result;
    /// another request under it is a conflict (exit 3).
    #[arg(long)]
    pub idempotency_key: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `walk-in`.
#[derive(Debug, Args)]
pub struct WalkInArgs {
    /// The service: its key, name or id.
    #[arg(long)]
    pub service: String,
    /// A slot of the service, TIME_SLOT_ID@YYYY-MM-DD, instead of the one
    /// running now or next.
    #[arg(long)]
    pub slot: Option<String>,
    /// First name (required).
    #[arg(long)]
    pub first_name: String,
    /// Last name, if given.
    #[arg(long, default_value = "")]
    pub last_name: String,
    /// Phone, any format the location's region reads.
    #[arg(long)]
    pub phone: Option<String>,
    /// Seats.
    #[arg(long, default_value_t = 1)]
    pub participants: u32,
    /// Repeat-safe key: the same request again returns the first result;
    /// another request under it is a conflict (exit 3).
    #[arg(long)]
    pub idempotency_key: Option<String>,
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

/// The status a `book` starts in.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    /// Awaiting confirmation.
    Pending,
    /// Confirmed.
    Confirmed,
    /// A request awaiting approval (a service with requires_approval).
    Requested,
}

/// Customer fields.
#[derive(Debug, Args, Default)]
pub struct CustomerFields {
    /// Customer's first name.
    #[arg(long)]
    pub first_name: Option<String>,
    /// Customer's last name.
    #[arg(long)]
    pub last_name: Option<String>,
    /// Customer's email.
    #[arg(long)]
    pub email: Option<String>,
    /// Customer's phone, local or international.
    #[arg(long)]
    pub phone: Option<String>,
}

/// `book`.
#[derive(Debug, Args)]
pub struct BookArgs {
    /// The slot, TIME_SLOT_ID@YYYY-MM-DD.
    pub slot: String,
    /// An existing customer, by id, instead of typed details. Typed details
    /// book a customer on file only when both names and the email or phone
    /// match; otherwise they make a new customer.
    #[arg(long, value_name = "ID", conflicts_with_all = ["first_name", "last_name", "email", "phone"])]
    pub customer: Option<i64>,
    /// Customer's first name.
    #[arg(long, required_unless_present = "customer")]
    pub first_name: Option<String>,
    /// Customer's last name.
    #[arg(long, required_unless_present = "customer")]
    pub last_name: Option<String>,
    /// Customer's email.
    #[arg(long)]
    pub email: Option<String>,
    /// Customer's phone, local or international.
    #[arg(long)]
    pub phone: Option<String>,
    /// Seats (default 1, or the sum of the --choice counts, which it must
    /// then equal).
    #[arg(long)]
    pub participants: Option<u32>,
    /// A note for the booking.
    #[arg(long)]
    pub message: Option<String>,
    /// The message the customer's reminder carries (at most 2,000
    /// characters, no control characters).
    #[arg(long, value_name = "TEXT")]
    pub notify: Option<String>,
    /// An intake answer, 'QUESTION=ANSWER' (repeatable).
    #[arg(long = "answer", value_name = "QUESTION=ANSWER")]
    pub answers: Vec<String>,
    /// An add-on by name (repeatable).
    #[arg(long = "add-on", value_name = "NAME")]
    pub add_ons: Vec<String>,
    /// Participants of one of the service's price tiers, 'KEY=COUNT'
    /// (repeatable; Wix participantsChoices): `--choice child=2 --choice
    /// adult=1`. Participants is their sum, the price their total.
    #[arg(long = "choice", value_name = "KEY=COUNT")]
    pub choices: Vec<String>,
    /// How the customer plans to pay: desk, online, voucher or membership
    /// (Wix selectedPaymentOption); the payment may still use another
    /// method.
    #[arg(long, value_name = "OPTION")]
    pub payment_option: Option<String>,
    /// Initial status [default: the service's: requested when it requires
    /// approval, else confirmed]. Booking a requires-approval service
    /// pending or confirmed at once is manager-only.
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    /// With no staff defined: say a manager is doing this (for --status on
    /// a service that requires approval).
    #[arg(long)]
    pub as_manager: bool,
    /// Repeat-safe key: the same request again returns the first result
    /// (with --weekly, the same series); another request under it is a
    /// conflict (exit 3).
    #[arg(long)]
    pub idempotency_key: Option<String>,
    /// Book the same weekly time N times (2 to 52), in one step: all of
    /// them or none (exit 3 naming each week that cannot be booked), or
    /// with --partial the free ones.
    #[arg(long, value_name = "N")]
    pub weekly: Option<u32>,
    /// With --weekly: every 1 or 2 weeks.
    #[arg(long, value_name = "WEEKS", requires = "weekly", default_value_t = 1)]
    pub every: u32,
    /// With --weekly: book the weeks that are free and list the rest with
    /// their reasons (exit 0 when at least one is booked).
    #[arg(long, requires = "weekly")]
    pub partial: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `confirm`.
#[derive(Debug, Args)]
pub struct ConfirmArgs {
    /// Booking id.
    pub id: i64,
    /// An existing customer, by id, instead of typed details.
    #[arg(long = "customer", value_name = "ID", conflicts_with_all = ["first_name", "last_name", "email", "phone"])]
    pub customer_id: Option<i64>,
    /// The customer (required for a hold).
    #[command(flatten)]
    pub customer: CustomerFields,
    /// An intake answer, 'QUESTION=ANSWER' (repeatable); replaces stored answers.
    #[arg(long = "answer", value_name = "QUESTION=ANSWER")]
    pub answers: Vec<String>,
    /// An add-on by name (repeatable); replaces stored add-ons.
    #[arg(long = "add-on", value_name = "NAME")]
    pub add_ons: Vec<String>,
    /// Participants of a price tier, 'KEY=COUNT' (repeatable); replaces the
    /// stored choices and must add up to the booking's participants.
    #[arg(long = "choice", value_name = "KEY=COUNT")]
    pub choices: Vec<String>,
    /// A note for the booking.
    #[arg(long)]
    pub message: Option<String>,
    /// The message the customer's reminder carries (at most 2,000
    /// characters, no control characters).
    #[arg(long, value_name = "TEXT")]
    pub notify: Option<String>,
    /// Repeat-safe key: the same request again returns the first result;
    /// another request under it is a conflict (exit 3).
    #[arg(long)]
    pub idempotency_key: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `cancel`.
#[derive(Debug, Args)]
pub struct CancelArgs {
    /// Booking id.
    pub id: i64,
    /// Why (required).
    #[arg(long)]
    pub reason: String,
    /// Also cancel the later bookings of its series (weekly or course)
    /// still live, in one step with the same reason.
    #[arg(long)]
    pub following: bool,
    /// Repeat-safe key: the same request again returns the first result;
    /// another request under it is a conflict (exit 3).
    #[arg(long)]
    pub idempotency_key: Option<String>,
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

/// `decline`.
#[derive(Debug, Args)]
pub struct DeclineArgs {
    /// Booking id.
    pub id: i64,
    /// Why (at most 500 characters, no control characters); kept as
    /// `decline_reason`.
    #[arg(long)]
    pub reason: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `move`.
#[derive(Debug, Args)]
pub struct MoveArgs {
    /// Booking id.
    pub id: i64,
    /// Target slot, TIME_SLOT_ID@YYYY-MM-DD.
    pub slot: String,
    /// Also move the later bookings of its series still live by the same
    /// number of days, all or none.
    #[arg(long)]
    pub following: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Payment methods.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MethodArg {
    /// Cash.
    Cash,
    /// Card.
    Card,
    /// Voucher.
    Voucher,
    /// Other.
    Other,
}

/// `pay`.
#[derive(Debug, Args)]
pub struct PayArgs {
    /// Booking id.
    pub id: i64,
    /// Amount in the booking's currency, a plain decimal such as 45.00, at
    /// most 1000000.
    #[arg(long)]
    pub amount: String,
    /// How it was paid.
    #[arg(long, value_enum)]
    pub method: MethodArg,
    /// Till or terminal reference.
    #[arg(long)]
    pub reference: Option<String>,
    /// Repeat-safe key: the same request again returns the first result;
    /// another request under it is a conflict (exit 3).
    #[arg(long)]
    pub idempotency_key: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

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

/// `bookings`.
#[derive(Debug, Args)]
pub struct BookingsArgs {
    /// Service name, key or id.
    #[arg(long)]
    pub service: Option<String>,
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

/// `undo`.
#[derive(Debug, Args)]
pub struct UndoArgs {
    /// The event of the change to undo.
    pub event: i64,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
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
