//! `check`, `backup` and `restore`: the database file's health and copies.

use super::args::{BackupArgs, CheckArgs, GrantArgs, MigrateArgs, RestoreArgs};
use super::context::Context;
use super::output;
use super::{CliError, CliResult};
use crate::data_dir::backups_dir;
use crate::domain::check::{CheckDepth, CheckReport};
use crate::domain::{BookingError, Role};
use crate::store::{FileFault, Store, StoreError};
use chrono::{DateTime, Utc};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `check`: prints what was found; exit 1 when anything was.
pub fn check(ctx: &Context, args: &CheckArgs) -> CliResult {
    let depth = if args.quick {
        CheckDepth::Quick
    } else {
        CheckDepth::Full
    };
    let report = ctx.store.check(depth, ctx.now)?;
    let printed = if args.json {
        output::json(&report)
    } else {
        print_report(&ctx.store.shown_path(), ctx.store.on_server(), &report)
    };
    // What was found decides the exit code, printed or not.
    if report.is_ok() {
        printed
    } else {
        Err(CliError::CheckFailed(report.problems().join("; ")))
    }
}

/// Prints `r` for the database at `path` (on a server when `on_server`:
/// its storage is the server's to keep whole, so no file is spoken of).
fn print_report(path: &Path, on_server: bool, r: &CheckReport) -> CliResult {
    let mut out = std::io::stdout().lock();
    if r.is_ok() {
        let whole = if on_server { "" } else { "the file is whole, " };
        writeln!(
            out,
            "database {}: ok ({} bookings; {whole}no slot is over capacity, \
             no resource is double-booked, every booking has its events)",
            path.display(),
            r.bookings
        )?;
        return Ok(());
    }
    writeln!(out, "database {}: problems found", path.display())?;
    for line in &r.integrity {
        writeln!(out, "  file: {line}")?;
    }
    for o in &r.over_capacity {
        writeln!(
            out,
            "  over capacity: slot {} has {} seats taken of {}",
            o.slot, o.taken, o.capacity
        )?;
    }
    for d in &r.double_booked {
        writeln!(
            out,
            "  double-booked: bookings {} and {} overlap on resource {}",
            d.first, d.second, d.resource_id
        )?;
    }
    for id in &r.without_events {
        writeln!(out, "  no events: booking {id}")?;
    }
    Ok(())
}

/// `migrate --to URL`: a manager's (once there is staff); the copy, then
/// each table's rows on both sides; exit 1 when a count differs.
pub fn migrate(ctx: &Context, args: &MigrateArgs) -> CliResult {
    // The whole database, staff and all, leaves this file: a manager's.
    if ctx.store.has_staff()? && ctx.signed_in.as_ref().map(|m| m.role) != Some(Role::Manager) {
        return Err(BookingError::ManagerOnly("copy the database to a server").into());
    }
    let copied = ctx.store.copy_to_server(&args.to)?;
    let to = crate::store::shown_db(&args.to);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "copied {} into {}:",
        ctx.store.shown_path().display(),
        to.display()
    )?;
    for (table, here, there) in &copied.tables {
        let differs = if here == there {
            String::new()
        } else {
            format!("  (the server has {there})")
        };
        writeln!(out, "  {table:<18} {here:>9} rows{differs}")?;
    }
    if !copied.all_equal() {
        return Err(CliError::CheckFailed(
            "the server's row counts differ from this database's".to_owned(),
        ));
    }
    // The URL as given holds its password: the hint names it, not shows it.
    writeln!(
        out,
        "next: `slotdesk check` with --db (or SLOTDESK_DB) set to the URL given to --to, \
         then point every desk at the server"
    )?;
    Ok(())
}

/// `grant ROLE`: a manager's (who may change what) on a server.
pub fn grant(ctx: &mut Context, args: &GrantArgs) -> CliResult {
    if ctx.store.has_staff()? && ctx.signed_in.as_ref().map(|m| m.role) != Some(Role::Manager) {
        return Err(BookingError::ManagerOnly("grant a login a desk's access").into());
    }
    let tables = ctx.store.grant_desk(&args.role)?;
    writeln!(
        std::io::stdout().lock(),
        "{} may now use {} as a desk does ({} tables; the journal, events, only read and added to)",
        args.role.trim(),
        ctx.store.shown_path().display(),
        tables.len()
    )?;
    Ok(())
}

/// `backup [FILE]`.
pub fn backup(ctx: &Context, args: &BackupArgs) -> CliResult {
    let dest = match &args.file {
        Some(f) => f.clone(),
        None => default_backup_path(ctx.store.path(), ctx.now),
    };
    let made = ctx.store.backup_to(&dest)?;
    writeln!(
        std::io::stdout().lock(),
        "backup of {} written to {} ({} KiB)",
        ctx.store.shown_path().display(),
        made.path.display(),
        made.bytes.div_ceil(1024)
    )?;
    Ok(())
}

/// `DATA/backups/NAME-HASH/NAME-YYYYMMDD-HHMMSS.db` for `db` at `now`.
fn default_backup_path(db: &Path, now: DateTime<Utc>) -> PathBuf {
    let stem = db
        .file_stem()
        .map_or_else(|| "slotdesk".into(), |s| s.to_string_lossy().into_owned());
    backups_dir(db).join(format!("{stem}-{}.db", now.format("%Y%m%d-%H%M%S")))
}

/// `PATH.before-restore-YYYYMMDD-HHMMSS` (then `-2`, `-3`, … when a file
/// of that name exists): where the current file is kept, never over another.
fn aside_path(db: &Path, now: DateTime<Utc>) -> PathBuf {
    let stamp = now.format("%Y%m%d-%H%M%S");
    (1..=10_000_u32)
        .map(|n| {
            let mut name = db.as_os_str().to_owned();
            name.push(format!(".before-restore-{stamp}"));
            if n > 1 {
                name.push(format!("-{n}"));
            }
            PathBuf::from(name)
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| db.with_extension("before-restore"))
}

/// `restore FILE`: a manager's. Over a database too damaged to open, the
/// damaged file is moved aside first (and `--as-manager` must say who is
/// doing it, since its staff cannot be read); over a missing one, a new
/// database is made.
pub fn restore(db: &Path, staff: Option<&str>, args: &RestoreArgs) -> CliResult {
    let now = crate::clock::Clock::from_env()?.now();
    let store = match Store::open(db) {
        Ok(store) => store,
        Err(e) => match e.file_fault() {
            // A server's database is never a file to move aside or make.
            _ if crate::store::names_a_server(db) => return Err(e.into()),
            Some(FileFault::Missing) => Store::create(db)?,
            Some(FileFault::Corrupt(_) | FileFault::NotSqlite | FileFault::Empty) => {
                if !args.as_manager {
                    return Err(BookingError::ManagerOnly("restore a database").into());
                }
                move_damaged_aside(db, &aside_path(db, now))?;
                Store::create(db)?
            }
            _ => return Err(e.into()),
        },
    };
    let mut ctx = Context {
        store,
        now,
        signed_in: None,
    };
    ctx.sign_in(staff)?;
    if ctx.role(args.as_manager) != Role::Manager {
        return Err(BookingError::ManagerOnly("restore a database").into());
    }
    let made = ctx.store.restore_from(&args.file, &aside_path(db, now))?;
    writeln!(
        std::io::stdout().lock(),
        "restored {} from {} ({} bookings); the database as it was is kept in {}",
        db.display(),
        args.file.display(),
        made.bookings,
        made.aside.display()
    )?;
    Ok(())
}

/// Renames a damaged database and its `-wal`/`-shm`/`-journal` files to `aside` (the
/// same suffixes), once no desk has it open.
fn move_damaged_aside(db: &Path, aside: &Path) -> CliResult {
    let _sole = crate::store::claim_sole(db)?;
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut from = db.as_os_str().to_owned();
        from.push(suffix);
        let mut to = aside.as_os_str().to_owned();
        to.push(suffix);
        match std::fs::rename(&from, &to) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::file(db, FileFault::of_io(&e)).into()),
        }
    }
    Ok(())
}
