//! `takings --date D [--json] [--sign-off]`: a local day's payments and
//! refunds by method with totals per currency (amounts printed in major
//! units with the currency's decimals), and the manager's cash-up sign-off.

use super::CliResult;
use super::args::TakingsArgs;
use super::context::Context;
use super::output::{self, shown};
use crate::domain::money::format_amount;
use crate::domain::{MoneyMove, Takings};
use chrono_tz::Tz;
use std::io::Write;

/// `takings`: prints the day's takings; with `--sign-off`, a manager signs
/// them off first (event `takings.signed_off`).
pub fn takings(ctx: &mut Context, a: &TakingsArgs) -> CliResult {
    let date = match &a.date {
        Some(d) => ctx.date(d)?,
        None => ctx.today()?,
    };
    let takings = if a.sign_off {
        let role = ctx.role(a.as_manager);
        ctx.store.sign_off_takings(date, role, ctx.now)?
    } else {
        ctx.store.takings(date)?
    };
    if a.json {
        return output::json(&takings);
    }
    print(&takings, ctx.location()?.time_zone)
}

/// The takings as a table: one line per method and currency, a total line
/// per currency, then each payment and refund, then the sign-off.
fn print(t: &Takings, tz: Tz) -> CliResult {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "takings {} ({})",
        t.date.format("%a %d %b %Y"),
        tz.name()
    )?;
    if t.by_method.is_empty() {
        writeln!(out, "  no payments or refunds")?;
    } else {
        writeln!(
            out,
            "  {:<8} {:<4} {:>9} {:>12} {:>8} {:>12} {:>12}",
            "METHOD", "CUR", "PAYMENTS", "TAKEN", "REFUNDS", "REFUNDED", "NET"
        )?;
        for l in &t.by_method {
            writeln!(
                out,
                "  {:<8} {:<4} {:>9} {:>12} {:>8} {:>12} {:>12}",
                l.method.as_str(),
                l.currency,
                l.payments,
                format_amount(l.taken, &l.currency),
                l.refunds,
                format_amount(l.refunded, &l.currency),
                format_amount(l.net, &l.currency)
            )?;
        }
        for total in &t.totals {
            writeln!(
                out,
                "  {:<8} {:<4} {:>9} {:>12} {:>8} {:>12} {:>12}",
                "total",
                total.currency,
                "",
                format_amount(total.taken, &total.currency),
                "",
                format_amount(total.refunded, &total.currency),
                format_amount(total.net, &total.currency)
            )?;
        }
        writeln!(out)?;
        for e in &t.entries {
            let what = match e.kind {
                MoneyMove::Payment => "paid",
                MoneyMove::Refund => "refunded",
                MoneyMove::Voided => "voided",
            };
            writeln!(
                out,
                "  {}  booking {:<7} {:<8} {:<7} {:>12} {}",
                output::clock(e.at, tz),
                e.booking_id.0,
                what,
                e.method.as_str(),
                format_amount(e.signed(), &e.currency),
                e.currency
            )?;
        }
    }
    match &t.signed_off {
        Some(s) => {
            let by = s
                .staff
                .as_deref()
                .map_or_else(String::new, |n| format!(" by {}", shown(n)));
            let stale = if t.signed_off_as_it_stands() {
                ""
            } else {
                " — money has moved since: sign off again"
            };
            writeln!(
                out,
                "signed off{by} at {} (event {}){stale}",
                output::local(s.at, tz),
                s.event_id
            )?;
        }
        None => writeln!(out, "not signed off")?,
    }
    Ok(())
}
