//! `export`: bookings as iCalendar, CSV or JSON lines (all of them, or a
//! date range, a resource, a service, some statuses), one calendar per
//! resource, and `export customers`. Streamed from the store to stdout or
//! to a file written whole (see [`out_file`]); a progress bar on stderr
//! when it is a terminal and the output goes to a file.

mod out_file;
mod per_resource;
mod pipeline;

use super::CliResult;
use super::args::{BookingFormat, CustomerFormat, ExportArgs, ExportWhat};
use super::context::Context;
use super::output;
use crate::domain::export::{
    CUSTOMER_COLUMNS, ICS_END, StatusFilter, csv_columns, csv_row, customer_row, ics_event,
    ics_start, location_key,
};
use crate::domain::query::check_date_range;
use crate::domain::{Booking, BookingError, BookingQuery, BookingStatus};
use crate::store::Store;
use chrono::{DateTime, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use out_file::Sink;
use std::io::{IsTerminal, Write};
use std::path::Path;

/// Which bookings an export writes: `query`'s filters (lapsed holds left
/// out when it hides them), exactly `statuses` when any are given, each as
/// it stands at `now` (a lapsed hold not yet swept is expired).
#[derive(Debug, Clone)]
pub struct Selection {
    /// Service, resource, customer and local dates (inclusive); its
    /// `hide_lapsed` leaves lapsed holds out when no status is given.
    pub query: BookingQuery,
    /// The statuses exported, exactly; empty: all (less lapsed holds).
    pub statuses: Vec<BookingStatus>,
    /// The command's clock (UTC): a hold past its expiry reads as expired.
    pub now: DateTime<Utc>,
}

impl Selection {
    /// Calls `each` with every booking selected, in slot order, ticking
    /// `bar` once for each.
    fn each(
        &self,
        store: &Store,
        bar: &ProgressBar,
        mut each: impl FnMut(&Booking) -> CliResult,
    ) -> CliResult {
        self.each_owned(store, bar, |b| each(&b))
    }

    /// [`Selection::each`], handing each booking over.
    fn each_owned(
        &self,
        store: &Store,
        bar: &ProgressBar,
        mut each: impl FnMut(Booking) -> CliResult,
    ) -> CliResult {
        let keep = StatusFilter(self.statuses.clone());
        store.each_booking(&self.query, &self.statuses, |b| -> CliResult {
            let b = b.as_seen_at(self.now);
            if !keep.keeps(&b) {
                return Ok(());
            }
            bar.inc(1);
            each(b)
        })
    }
}

/// `export …`: bookings, or with `customers` every customer.
pub fn export(ctx: &Context, a: &ExportArgs) -> CliResult {
    if let Some(ExportWhat::Customers { format, output }) = &a.what {
        return customers(ctx, *format, output.as_deref());
    }
    let selection = selection(ctx, a)?;
    let location = ctx.location()?;
    if let Some(dir) = &a.per_resource {
        if a.format != BookingFormat::Ics {
            return Err(BookingError::invalid(
                "--per-resource writes iCalendar files: use it with --format ics",
            )
            .into());
        }
        return per_resource::write(&ctx.store, dir, &selection, &location.name);
    }
    let mut sink = Sink::open(a.output.as_deref())?;
    let bar = progress(ctx, a.output.is_some(), &selection)?;
    match a.format {
        BookingFormat::Ics => write_ics(&ctx.store, &selection, &location.name, &mut sink, &bar)?,
        BookingFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut sink);
            let columns = csv_columns();
            writer
                .write_record(&columns)
                .map_err(std::io::Error::from)?;
            selection.each(&ctx.store, &bar, |b| {
                writer
                    .write_record(csv_row(b, &columns))
                    .map_err(std::io::Error::from)?;
                Ok(())
            })?;
            writer.flush()?;
        }
        BookingFormat::Json => {
            selection.each(&ctx.store, &bar, |b| output::json_line(&mut sink, b))?;
        }
    }
    bar.finish_and_clear();
    sink.finish()?;
    Ok(())
}

/// The selected bookings as one iCalendar named `name` (the location's
/// name, which keys the UIDs) to `out`, streamed: the calendar's start, a
/// VEVENT a booking ([`ics_event`]), its end. `bar` ticks a booking.
/// Errors: the store's, `out`'s.
pub fn write_ics(
    store: &Store,
    selection: &Selection,
    name: &str,
    out: &mut impl Write,
    bar: &ProgressBar,
) -> CliResult {
    let key = location_key(name);
    out.write_all(ics_start(name).as_bytes())?;
    pipeline::write_each(selection, store, bar, out, |b, text| {
        text.push_str(&ics_event(b, &key));
    })?;
    out.write_all(ICS_END.as_bytes())?;
    Ok(())
}

/// The bookings `a` asks for: its dates, resource, service (found as
/// `slots` finds them), lapsed holds hidden unless statuses are given.
fn selection(ctx: &Context, a: &ExportArgs) -> CliResult<Selection> {
    let statuses = a
        .status
        .iter()
        .map(|s| BookingStatus::from_words(s).map_err(BookingError::Invalid))
        .collect::<Result<Vec<_>, _>>()?;
    let query = BookingQuery {
        from: a.from.as_deref().map(|d| ctx.date(d)).transpose()?,
        to: a.to.as_deref().map(|d| ctx.date(d)).transpose()?,
        resource: ctx.resource_id(a.resource.as_deref())?,
        service: ctx.service_id(a.service.as_deref())?,
        hide_lapsed: statuses.is_empty(),
        ..BookingQuery::default()
    };
    // Refused before anything is written.
    check_date_range(query.from, query.to)?;
    Ok(Selection {
        query,
        statuses,
        now: ctx.now,
    })
}

/// A progress bar of the bookings matching, on stderr when it is a
/// terminal and the output goes to a file; else one that draws nothing.
fn progress(ctx: &Context, to_file: bool, selection: &Selection) -> CliResult<ProgressBar> {
    if !(to_file && std::io::stderr().is_terminal()) {
        return Ok(ProgressBar::hidden());
    }
    let total = ctx
        .store
        .count_for_export(&selection.query, &selection.statuses)?;
    let bar = ProgressBar::new(total);
    if let Ok(style) =
        ProgressStyle::with_template("exporting {bar:40} {pos}/{len} bookings ({eta} left)")
    {
        bar.set_style(style);
    }
    Ok(bar)
}

/// `export customers`: every customer in id order, CSV or JSON lines.
fn customers(ctx: &Context, format: CustomerFormat, path: Option<&Path>) -> CliResult {
    let mut sink = Sink::open(path)?;
    match format {
        CustomerFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut sink);
            writer
                .write_record(CUSTOMER_COLUMNS)
                .map_err(std::io::Error::from)?;
            ctx.store.each_customer(|c| -> CliResult {
                writer
                    .write_record(customer_row(&c))
                    .map_err(std::io::Error::from)?;
                Ok(())
            })?;
            writer.flush()?;
        }
        CustomerFormat::Json => {
            ctx.store
                .each_customer(|c| output::json_line(&mut sink, &c))?;
        }
    }
    sink.finish()?;
    Ok(())
}
