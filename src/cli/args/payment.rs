//! Arguments of the money commands: `pay` (with its payment methods) and
//! `takings` (the cash-up).

use clap::{Args, ValueEnum};

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
