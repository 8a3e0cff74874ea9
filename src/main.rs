//! `slotdesk`: parses arguments and runs a command.

use clap::Parser;
use slotdesk::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    if let Err(e) = color_eyre::install() {
        eprintln!("slotdesk: {e}");
    }
    let mut cli = Cli::parse();
    match cli.command.take() {
        Some(command) => cli::run(&cli, command),
        None => {
            eprintln!(
                "slotdesk: the desk (TUI) is not built yet; run `slotdesk --help` for the commands"
            );
            ExitCode::from(2)
        }
    }
}
