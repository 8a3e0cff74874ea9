//! Arguments of `outbox`, `outbox retry` and `outbox deliver`.

use clap::{Args, Subcommand};

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
