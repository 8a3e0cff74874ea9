//! `staff add|list|remove|set-pin`, and signing in a command's writer once
//! the database has staff.

use super::CliResult;
use super::args::{RoleArg, StaffAction};
use super::context::Context;
use super::output;
use crate::domain::{BookingError, Role};
use std::io::Write;

/// A PIN from the variable `var`, else asked for on the terminal (not
/// echoed). Errors: neither is to be had.
pub fn read_pin(var: &str, prompt: &str) -> CliResult<String> {
    if let Ok(pin) = std::env::var(var) {
        return Ok(pin);
    }
    rpassword::prompt_password(prompt).map_err(|_| {
        BookingError::invalid(format!("no PIN: set ${var} or run this in a terminal")).into()
    })
}

/// A new PIN, from `$SLOTDESK_NEW_PIN` or asked for twice.
fn new_pin(name: &str) -> CliResult<String> {
    if let Ok(pin) = std::env::var("SLOTDESK_NEW_PIN") {
        return Ok(pin);
    }
    let pin = read_pin("SLOTDESK_NEW_PIN", &format!("new PIN for {name}: "))?;
    let again = read_pin("SLOTDESK_NEW_PIN", "the same PIN again: ")?;
    if pin != again {
        return Err(BookingError::invalid("the two PINs differ").into());
    }
    Ok(pin)
}

/// Runs a `staff` subcommand.
pub fn staff(ctx: &mut Context, action: StaffAction) -> CliResult {
    let mut out = std::io::stdout().lock();
    match action {
        StaffAction::Add { name, role } => {
            let role = match role {
                RoleArg::Clerk => Role::Clerk,
                RoleArg::Manager => Role::Manager,
            };
            let pin = new_pin(&name)?;
            let by = ctx.role(false);
            let added = ctx.store.add_staff(&name, role, &pin, by, ctx.now)?;
            writeln!(out, "added {} ({})", output::shown(&added.name), added.role)?;
        }
        StaffAction::List { json } => {
            let staff = ctx.store.staff()?;
            if json {
                return output::json(&staff);
            }
            if staff.is_empty() {
                writeln!(out, "no staff: the desk runs as one anonymous manager")?;
            }
            for m in staff {
                let gone = if m.active { "" } else { "  (removed)" };
                writeln!(out, "{:<30} {}{gone}", output::shown(&m.name), m.role)?;
            }
        }
        StaffAction::Remove { name } => {
            let by = ctx.role(false);
            let removed = ctx.store.remove_staff(&name, by, ctx.now)?;
            writeln!(out, "removed {}", output::shown(&removed.name))?;
        }
        StaffAction::SetPin { name } => {
            let by = ctx.signed_in.clone().ok_or(BookingError::SignInNeeded)?;
            let pin = new_pin(&name)?;
            let m = ctx.store.set_pin(&name, &pin, &by, ctx.now)?;
            writeln!(out, "new PIN set for {}", output::shown(&m.name))?;
        }
    }
    Ok(())
}
