//! `closure add|remove` and `closures`: closures made from the command line
//! (as at the desk), the bookings they strand, and the list of closures
//! with where each came from.

use super::CliResult;
use super::args::ClosureAction;
use super::context::Context;
use super::output::{self, shown, truncate};
use crate::domain::{BookingError, ClosureEntry, ClosureId, ClosureRequest};
use chrono::NaiveTime;
use std::io::Write;

/// A local time typed as `HH:MM`.
fn time(text: &str) -> CliResult<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| {
        BookingError::invalid(format!("time `{}` is not of the form HH:MM", shown(text))).into()
    })
}

/// Runs `closure add` or `closure remove`.
pub fn closure(ctx: &mut Context, action: ClosureAction) -> CliResult {
    match action {
        ClosureAction::Add {
            resource,
            from,
            until,
            start,
            end,
            reason,
            json,
        } => {
            let request = ClosureRequest {
                resource: resource
                    .as_deref()
                    .map(|r| ctx.store.find_resource(r))
                    .transpose()?
                    .map(|r| r.id),
                from: ctx.date(&from)?,
                until: until.as_deref().map(|d| ctx.date(d)).transpose()?,
                hours: match (start, end) {
                    (Some(s), Some(e)) => Some((time(&s)?, time(&e)?)),
                    _ => None,
                },
                reason,
            };
            let made = ctx.store.add_closure(&request, ctx.now)?;
            if json {
                return output::json(&made);
            }
            let tz = ctx.location()?.time_zone;
            let mut out = std::io::stdout().lock();
            writeln!(out, "added {}", line(&made.closure))?;
            if made.stranded.is_empty() {
                writeln!(out, "no live bookings are affected")?;
                return Ok(());
            }
            writeln!(
                out,
                "it strands {} live booking{} (not cancelled: move or cancel each; \
                 the desk lists them as needing attention):",
                made.stranded.len(),
                if made.stranded.len() == 1 { "" } else { "s" }
            )?;
            for b in &made.stranded {
                writeln!(
                    out,
                    "  {:>7}  {}  {:<24} {:<18} {}",
                    b.id.0,
                    output::local_range(b.from, b.to, tz),
                    truncate(&b.service_name, 24),
                    truncate(&b.resource_name, 18),
                    b.customer
                        .as_ref()
                        .map_or_else(|| "—".to_owned(), output::customer_line)
                )?;
            }
            Ok(())
        }
        ClosureAction::Remove { id, json } => {
            let gone = ctx.store.remove_closure(ClosureId(id), ctx.now)?;
            if json {
                return output::json(&gone);
            }
            writeln!(
                std::io::stdout().lock(),
                "reopened: removed {}",
                line(&gone)
            )?;
            Ok(())
        }
    }
}

/// `closures`: every closure, by first date.
pub fn list(ctx: &Context, json: bool) -> CliResult {
    let closures = ctx.store.closures()?;
    if json {
        return output::json(&closures);
    }
    let mut out = std::io::stdout().lock();
    if closures.is_empty() {
        writeln!(out, "no closures")?;
    }
    for c in &closures {
        writeln!(out, "{}", line(c))?;
    }
    Ok(())
}

/// One closure as printed, stored text made printable.
fn line(c: &ClosureEntry) -> String {
    shown(&c.to_string()).into_owned()
}
