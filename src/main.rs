//! `slotdesk`: with a subcommand, runs it; without, opens the desk.

use clap::Parser;
use slotdesk::cli::{self, Cli};
use slotdesk::clock::Clock;
use slotdesk::demo;
use slotdesk::runtime::config::{self, DeskConfig};
use slotdesk::runtime::{DeskOptions, Ended, run_desk};
use slotdesk::store::{FileFault, Store};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc, not the system's: an import or export allocates a few dozen
/// small strings per booking, and glibc's malloc and free were a fifth of
/// an export's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    if let Err(e) = color_eyre::install() {
        eprintln!("slotdesk: {e}");
    }
    let mut cli = Cli::parse();
    let mut warnings = Vec::new();
    if cli
        .db
        .as_ref()
        .is_some_and(|db| db.to_string_lossy().trim().chars().any(char::is_control))
    {
        eprintln!(
            "slotdesk: --db (or $SLOTDESK_DB) holds a control character (a line break?): write it on one line"
        );
        return ExitCode::from(5);
    }
    if cli.db.is_none() && !cli.demo {
        match config::database() {
            Ok((db, warning)) => {
                cli.db = db;
                warnings.extend(warning);
            }
            Err(e) => {
                eprintln!("slotdesk: {e}");
                return ExitCode::from(5);
            }
        }
    }
    // Also after the desk: its screen covers what was printed before it.
    for w in &warnings {
        eprintln!("slotdesk: warning: {w}");
    }
    match cli.command.take() {
        Some(command) => cli::run(&cli, command),
        // Refused as the command line refuses it: invalid input. Both are
        // read before the database is touched and the terminal is taken.
        None => match Clock::from_env()
            .map_err(|e| e.to_string())
            .and_then(|clock| config::load().map(|config| (clock, config)))
        {
            Err(e) => {
                eprintln!("slotdesk: {e}");
                ExitCode::from(5)
            }
            Ok((clock, config)) => match desk(&cli, clock, config, warnings) {
                Ok(Ended::Quit) => ExitCode::SUCCESS,
                Ok(Ended::Signal(n)) => ExitCode::from(128 + n),
                Err(e) => {
                    eprintln!("slotdesk: {e}{}", limit_hint(&e));
                    ExitCode::from(1)
                }
            },
        },
    }
}

/// Opens the store (before the terminal is taken, so errors print plainly)
/// and runs the desk.
fn desk(
    cli: &Cli,
    clock: Clock,
    config: DeskConfig,
    warnings: Vec<String>,
) -> color_eyre::Result<Ended> {
    if cli.demo {
        let path = demo_path()?;
        let mut store = Store::create(&path)?;
        demo::load_demo(&mut store, clock.now())?;
        let banner = format!("demo database: {}", path.display());
        return run_desk(
            store,
            DeskOptions {
                clock,
                banner: Some(banner),
                config,
                warnings,
            },
        );
    }
    let path = cli.db.clone().unwrap_or_else(cli::default_db_path);
    let store = match Store::open(&path) {
        Ok(store) => store,
        Err(e) if matches!(e.file_fault(), Some(FileFault::Missing | FileFault::Empty)) => {
            if !ask_to_create(&path)? {
                return Err(e.into());
            }
            Store::create(&path)?
        }
        Err(e) => return Err(e.into()),
    };
    run_desk(
        store,
        DeskOptions {
            clock,
            banner: None,
            config,
            warnings,
        },
    )
}

/// A hint when the desk could not start for lack of file handles (the
/// operating system's own words name no file).
fn limit_hint(e: &color_eyre::Report) -> &'static str {
    let out_of_files = e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.raw_os_error() == Some(24))
    }) || ["Too many open files", "Failed to initialize input reader"]
        .iter()
        .any(|words| e.to_string().contains(words));
    if out_of_files {
        " (the desk needs more open files than this session allows: raise the limit, e.g. `ulimit -n 1024`)"
    } else {
        ""
    }
}

/// Asks on the terminal whether to create the missing (or empty) database
/// at `path`; `false` without a terminal to ask on, or unless the answer is yes.
fn ask_to_create(path: &Path) -> std::io::Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Ok(false);
    }
    eprint!(
        "There is no slotdesk database at {} (or the file is empty).\nCreate a new one there? [y/N] ",
        path.display()
    );
    std::io::stderr().flush()?;
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes" | "YES"))
}

/// `demo.db` in a new private folder (mode 0700, a name no one can guess
/// ahead) in the temporary folder, kept after the desk closes so the
/// banner's path stays usable from the command line.
fn demo_path() -> std::io::Result<PathBuf> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("slotdesk-demo-");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
    let dir = builder.tempdir()?.keep();
    Ok(dir.join("demo.db"))
}
