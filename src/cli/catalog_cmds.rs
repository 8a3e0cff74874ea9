//! `init`, `catalog apply`, `services`, `resources` and `generate`.

use super::CliResult;
use super::args::{CatalogAction, GenerateArgs};
use super::context::Context;
use super::output::{self, truncate};
use crate::demo;
use crate::domain::BookingQuery;
use crate::domain::catalog_file::{Applied, Catalog};
use crate::domain::money::format_amount;
use crate::domain::shell::shell_word;
use crate::domain::{BookingError, CatalogApplied, Role};
use crate::store::StoreError;
use crate::store::bulk_load::{self, ScaleParams};
use chrono::Months;
use std::io::Write;

use std::path::Path;

/// `init [--demo]`: the store is already created and migrated by opening it.
pub fn init(ctx: &mut Context, with_demo: bool) -> CliResult {
    let ready = format!(
        "database {} is ready (schema version {})",
        ctx.store.shown_path().display(),
        ctx.store.schema_version()
    );
    if !with_demo {
        let mut out = std::io::stdout().lock();
        writeln!(out, "{ready}")?;
        // Set up already: nothing to start.
        if ctx.store.location().is_ok() {
            let total = ctx.store.bookings(&BookingQuery::default())?;
            writeln!(
                out,
                "it holds a catalog and {} bookings: nothing changed",
                total.pagination.total_count
            )?;
            return Ok(());
        }
        let path = if ctx.store.on_server() {
            ctx.store.shown_path()
        } else {
            std::path::absolute(ctx.store.path()).unwrap_or_else(|_| ctx.store.path().to_owned())
        };
        let db = shell_word(&path.display().to_string());
        writeln!(
            out,
            "next: slotdesk catalog template > my-clinic.toml   (a starter catalog: edit it)\n      \
             slotdesk --db {db} catalog apply my-clinic.toml\n      \
             (or slotdesk --db {db} init --demo for a demo studio)"
        )?;
        return Ok(());
    }
    // Printed once the demo is in: the exit code then says what happened.
    load_demo(ctx, &ready)
}

/// Loads the demo (catalog, bookings, staff) in one transaction into a
/// database with no catalog; refuses one that has a catalog (exit 3).
pub fn load_demo(ctx: &mut Context, ready: &str) -> CliResult {
    let loaded = demo::load_demo(&mut ctx.store, ctx.now)?;
    let catalog = Catalog::from_toml(demo::DEMO_CATALOG)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{ready}")?;
    writeln!(
        out,
        "demo catalog: {} ({} resources, {} services, {} weekly time slots): {} added, {} updated",
        catalog.location.name,
        catalog.resources.len(),
        catalog.services.len(),
        catalog.time_slots.len(),
        loaded.catalog.added,
        loaded.catalog.updated
    )?;
    writeln!(out, "demo bookings: {}", loaded.bookings)?;
    if loaded.staff_added {
        writeln!(out, "demo staff (sign in at the desk with a name and PIN):")?;
        for (name, role, pin) in demo::DEMO_STAFF {
            writeln!(out, "  {name:<16} {role:<8} PIN {pin}")?;
        }
    } else {
        writeln!(out, "the database already had staff: no demo staff added")?;
    }
    Ok(())
}

/// `catalog template [--demo]`: the starter catalog (or the demo studio's)
/// as built into the binary, on stdout.
pub fn template(demo: bool) -> CliResult {
    let text = if demo {
        demo::DEMO_CATALOG
    } else {
        crate::domain::catalog_file::STARTER
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

/// `catalog export`: the catalog as applied, as a file, with the desk's
/// closures commented out and marked.
fn export(ctx: &Context) -> CliResult {
    let location = ctx.location()?;
    let text = Applied {
        location: &location,
        resources: &ctx.store.resources()?,
        services: &ctx.store.services()?,
        time_slots: &ctx.store.time_slots()?,
        closures: &ctx.store.closures()?,
    }
    .to_toml();
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

/// `catalog apply FILE [--force]`: refused (exit 3, the affected bookings
/// listed, on stdout as JSON with `--json`) when it would strand live
/// bookings; forced by a manager, it lists the bookings it marked.
pub fn catalog(ctx: &mut Context, action: &CatalogAction) -> CliResult {
    if let CatalogAction::Export = action {
        return export(ctx);
    }
    let CatalogAction::Apply {
        file,
        force,
        as_manager,
        json,
    } = action
    else {
        // Answered before a database is opened (`cli::dispatch`).
        return Ok(());
    };
    // Manager-only once staff exist (with none, the one anonymous user may).
    if ctx
        .signed_in
        .as_ref()
        .is_some_and(|m| m.role != Role::Manager)
    {
        return Err(BookingError::ManagerOnly("apply a catalog").into());
    }
    let catalog = read_catalog(file)?;
    let applied = if *force {
        ctx.store
            .force_catalog(&catalog, ctx.role(*as_manager), ctx.now)
    } else {
        ctx.store
            .apply_catalog(&catalog, ctx.now)
            .map(|changes| CatalogApplied {
                changes,
                needs_attention: Vec::new(),
            })
    };
    let applied = match applied {
        Ok(applied) => applied,
        Err(StoreError::Booking(BookingError::CatalogStrandsBookings(affected))) if *json => {
            // The refusal is the answer (exit 3, on stderr too), whether or
            // not its JSON could be printed: nothing was applied.
            let _printed = output::json(&serde_json::json!({
                "applied": false,
                "affected": affected,
            }));
            return Err(BookingError::CatalogStrandsBookings(affected).into());
        }
        Err(e) => return Err(e.into()),
    };
    if *json {
        return output::json(&applied);
    }
    let changes = applied.changes;
    let mut out = std::io::stdout().lock();
    if changes.is_empty() {
        writeln!(out, "catalog {} applied: nothing changed", file.display())?;
    } else {
        writeln!(
            out,
            "catalog {} applied: {} added, {} updated, {} retired",
            file.display(),
            changes.added,
            changes.updated,
            changes.retired
        )?;
    }
    if !applied.needs_attention.is_empty() {
        writeln!(
            out,
            "{} booking{} now need{} attention (move or cancel each; the desk lists them):",
            applied.needs_attention.len(),
            if applied.needs_attention.len() == 1 {
                ""
            } else {
                "s"
            },
            if applied.needs_attention.len() == 1 {
                "s"
            } else {
                ""
            },
        )?;
        for a in &applied.needs_attention {
            writeln!(out, "  {a}")?;
        }
    }
    Ok(())
}

fn read_catalog(file: &Path) -> CliResult<Catalog> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        BookingError::invalid(format!("cannot read catalog file {}: {e}", file.display()))
    })?;
    Ok(Catalog::from_toml(&text)?)
}

/// `services`.
pub fn services(ctx: &Context, json: bool) -> CliResult {
    let services = ctx.store.services()?;
    if json {
        return output::json(&services);
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:>4} {:<30} {:>5} {:>4} {:>5} {:>9}  KEY",
        "ID", "SERVICE", "MIN", "CAP", "HOLD", "PRICE"
    )?;
    for s in services {
        writeln!(
            out,
            "{:>4} {:<30} {:>5} {:>4} {:>5} {:>9}  {}",
            s.id.0,
            truncate(&s.name, 30),
            s.duration_minutes,
            s.capacity,
            s.hold_minutes,
            format!("{} {}", format_amount(s.price, &s.currency), s.currency),
            output::shown(&s.key)
        )?;
    }
    Ok(())
}

/// `resources`.
pub fn resources(ctx: &Context, json: bool) -> CliResult {
    let resources = ctx.store.resources()?;
    if json {
        return output::json(&resources);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{:>4} {:<30} {:<10} KEY", "ID", "RESOURCE", "KIND")?;
    for r in resources {
        writeln!(
            out,
            "{:>4} {:<30} {:<10} {}",
            r.id.0,
            truncate(&r.name, 30),
            output::shown(&r.kind),
            output::shown(&r.key)
        )?;
    }
    Ok(())
}

/// `generate`: a large synthetic history for benchmarks.
/// The history ends today (UTC date) and reaches `--years` back.
pub fn generate(ctx: &mut Context, args: &GenerateArgs) -> CliResult {
    let end_on = ctx.now.date_naive();
    let start = end_on
        .checked_sub_months(Months::new(args.years.saturating_mul(12)))
        .unwrap_or(end_on);
    let params = ScaleParams {
        bookings: args.bookings,
        resources: args.resources,
        end_on,
        history_days: u32::try_from((end_on - start).num_days())
            .unwrap_or(1)
            .max(1),
        ..ScaleParams::default()
    };
    let started = std::time::Instant::now();
    let summary = bulk_load::load(&mut ctx.store, &params, ctx.now)?;
    // Made-up history: journalled, never delivered to a hook.
    ctx.store.forget_waiting_events()?;
    writeln!(
        std::io::stdout().lock(),
        "generated {} bookings, {} customers, {} events from {} to {} in {:.1} s",
        summary.bookings,
        summary.customers,
        summary.events,
        summary.first_on,
        summary.last_on,
        started.elapsed().as_secs_f64()
    )?;
    Ok(())
}
