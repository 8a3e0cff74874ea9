//! `slotdesk`: with a subcommand, runs it; without, opens the desk.

use chrono::{DateTime, Utc};
use clap::Parser;
use slotdesk::cli::{self, Cli};
use slotdesk::clock::Clock;
use slotdesk::demo;
use slotdesk::runtime::{DeskOptions, run_desk};
use slotdesk::store::Store;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    if let Err(e) = color_eyre::install() {
        eprintln!("slotdesk: {e}");
    }
    let mut cli = Cli::parse();
    match cli.command.take() {
        Some(command) => cli::run(&cli, command),
        None => match Clock::from_env() {
            // Refused as the command line refuses it: invalid input.
            Err(e) => {
                eprintln!("slotdesk: {e}");
                ExitCode::from(5)
            }
            Ok(clock) => match desk(&cli, clock) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("slotdesk: {e}");
                    ExitCode::from(1)
                }
            },
        },
    }
}

/// Opens the store (before the terminal is taken, so errors print plainly)
/// and runs the desk.
fn desk(cli: &Cli, clock: Clock) -> color_eyre::Result<()> {
    if cli.demo {
        let path = demo_path(clock.now());
        let mut store = Store::open(&path)?;
        demo::load_demo(&mut store, clock.now())?;
        let banner = format!("demo database: {}", path.display());
        return run_desk(
            store,
            DeskOptions {
                clock,
                banner: Some(banner),
            },
        );
    }
    let path = cli.db.clone().unwrap_or_else(cli::default_db_path);
    let store = Store::open(&path)?;
    run_desk(
        store,
        DeskOptions {
            clock,
            banner: None,
        },
    )
}

/// A new file in the temporary folder for `--demo`, stamped with `now`.
fn demo_path(now: DateTime<Utc>) -> PathBuf {
    let stamp = now.format("%Y%m%d-%H%M%S");
    std::env::temp_dir().join(format!("slotdesk-demo-{stamp}-{}.db", std::process::id()))
}
