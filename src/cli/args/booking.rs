//! Arguments of the commands that make or change one booking: `hold`,
//! `book`, `confirm`, `cancel`, `decline`, `move`, `walk-in`, with the
//! customer fields and the status a `book` starts in.

use clap::{Args, ValueEnum};

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
