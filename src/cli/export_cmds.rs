//! `export`: bookings as iCalendar, CSV or JSON lines (all of them, or a
//! date range, a resource, a service, some statuses), one calendar per
//! resource, and `export customers`. Streamed from the store to stdout or
//! to a file written whole (see [`out_file`]); a progress bar on stderr
//! when it is a terminal and the output goes to a file.

mod out_file;

use super::CliResult;
use super::args::{BookingFormat, CustomerFormat, ExportArgs, ExportWhat};
use super::context::Context;
use super::output;
use crate::domain::export::{
    CUSTOMER_COLUMNS, ICS_END, StatusFilter, csv_columns, csv_row, customer_row, ics_event,
    ics_start, location_key,
};
use crate::domain::query::check_date_range;
use crate::domain::{Booking, BookingError, BookingQuery, BookingStatus, ResourceId};
use indicatif::{ProgressBar, ProgressStyle};
use out_file::{OutFile, Sink};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::Path;

/// `export …`: bookings, or with `customers` every customer.
pub fn export(ctx: &Context, a: &ExportArgs) -> CliResult {
    if let Some(ExportWhat::Customers { format, output }) = &a.what {
        return customers(ctx, *format, output.as_deref());
    }
    let (query, statuses) = selection(ctx, a)?;
    let keep = StatusFilter(statuses.clone());
    let location = ctx.location()?;
    let key = location_key(&location.name);
    if let Some(dir) = &a.per_resource {
        if a.format != BookingFormat::Ics {
            return Err(BookingError::invalid(
                "--per-resource writes iCalendar files: use it with --format ics",
            )
            .into());
        }
        return per_resource(ctx, dir, &query, &statuses, &location.name);
    }
    let mut sink = Sink::open(a.output.as_deref())?;
    let bar = progress(ctx, a.output.is_some(), &query, &statuses)?;
    let columns = csv_columns();
    if a.format == BookingFormat::Ics {
        sink.write_all(ics_start(&location.name).as_bytes())?;
    }
    let mut out = match a.format {
        BookingFormat::Csv => {
            let mut writer = csv::Writer::from_writer(sink);
            writer
                .write_record(&columns)
                .map_err(std::io::Error::from)?;
            Out::Csv(Box::new(writer))
        }
        _ => Out::Plain(sink),
    };
    ctx.store
        .each_booking(&query, &statuses, |b| -> CliResult {
            let b = b.as_seen_at(ctx.now);
            if !keep.keeps(&b) {
                return Ok(());
            }
            bar.inc(1);
            match &mut out {
                Out::Csv(writer) => writer
                    .write_record(csv_row(&b, &columns))
                    .map_err(std::io::Error::from)?,
                Out::Plain(sink) if a.format == BookingFormat::Json => output::json_line(sink, &b)?,
                Out::Plain(sink) => sink.write_all(ics_event(&b, &key).as_bytes())?,
            }
            Ok(())
        })?;
    let mut sink = match out {
        Out::Csv(writer) => writer
            .into_inner()
            .map_err(csv::IntoInnerError::into_error)?,
        Out::Plain(sink) => sink,
    };
    if a.format == BookingFormat::Ics {
        sink.write_all(ICS_END.as_bytes())?;
    }
    bar.finish_and_clear();
    sink.finish()?;
    Ok(())
}

/// A bookings export's writer: the sink itself (iCalendar, JSON lines) or
/// a CSV writer over it.
enum Out {
    Plain(Sink),
    Csv(Box<csv::Writer<Sink>>),
}

/// The bookings `a` asks for: its dates, resource, service (found as
/// `slots` finds them), lapsed holds hidden unless statuses are given.
fn selection(ctx: &Context, a: &ExportArgs) -> CliResult<(BookingQuery, Vec<BookingStatus>)> {
    let statuses = a
        .status
        .iter()
        .map(|s| BookingStatus::from_words(s).map_err(BookingError::Invalid))
        .collect::<Result<Vec<_>, _>>()?;
    let query = BookingQuery {
        from: a.from.as_deref().map(|d| ctx.date(d)).transpose()?,
        to: a.to.as_deref().map(|d| ctx.date(d)).transpose()?,
        resource: a
            .resource
            .as_deref()
            .map(|r| ctx.store.find_resource(r))
            .transpose()?
            .map(|r| r.id),
        service: a
            .service
            .as_deref()
            .map(|s| ctx.store.find_service(s))
            .transpose()?
            .map(|s| s.id),
        hide_lapsed: statuses.is_empty(),
        ..BookingQuery::default()
    };
    // Refused before anything is written.
    check_date_range(query.from, query.to)?;
    Ok((query, statuses))
}

/// A progress bar of the bookings matching, on stderr when it is a
/// terminal and the output goes to a file; else one that draws nothing.
fn progress(
    ctx: &Context,
    to_file: bool,
    query: &BookingQuery,
    statuses: &[BookingStatus],
) -> CliResult<ProgressBar> {
    if !(to_file && std::io::stderr().is_terminal()) {
        return Ok(ProgressBar::hidden());
    }
    let bar = ProgressBar::new(ctx.store.count_for_export(query, statuses)?);
    if let Ok(style) =
        ProgressStyle::with_template("exporting {bar:40} {pos}/{len} bookings ({eta} left)")
    {
        bar.set_style(style);
    }
    Ok(bar)
}

/// `--per-resource DIR`: DIR/<resource key>.ics for every active resource
/// (or the one asked for), each a calendar of its bookings, all put in
/// place once every one is written.
fn per_resource(
    ctx: &Context,
    dir: &Path,
    query: &BookingQuery,
    statuses: &[BookingStatus],
    location: &str,
) -> CliResult {
    std::fs::create_dir_all(dir)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
    let key = location_key(location);
    let keep = StatusFilter(statuses.to_vec());
    let mut files: BTreeMap<ResourceId, OutFile> = BTreeMap::new();
    let open = |id: ResourceId, files: &mut BTreeMap<ResourceId, OutFile>| -> CliResult {
        if files.contains_key(&id) {
            return Ok(());
        }
        let resource = ctx.store.find_resource(&id.0.to_string())?;
        let mut file = OutFile::create(&dir.join(format!("{}.ics", file_stem(&resource.key))))?;
        file.write_all(ics_start(&format!("{location} — {}", resource.name)).as_bytes())?;
        files.insert(id, file);
        Ok(())
    };
    match query.resource {
        Some(id) => open(id, &mut files)?,
        None => {
            for r in ctx.store.resources()? {
                open(r.id, &mut files)?;
            }
        }
    }
    ctx.store
        .each_booking(query, statuses, |b: Booking| -> CliResult {
            let b = b.as_seen_at(ctx.now);
            if !keep.keeps(&b) {
                return Ok(());
            }
            open(b.resource_id, &mut files)?;
            if let Some(file) = files.get_mut(&b.resource_id) {
                file.write_all(ics_event(&b, &key).as_bytes())?;
            }
            Ok(())
        })?;
    for file in files.values_mut() {
        file.write_all(ICS_END.as_bytes())?;
    }
    let written = files.len();
    for (_, file) in files {
        file.finish()?;
    }
    eprintln!("{written} calendar(s) written to {}", dir.display());
    Ok(())
}

/// A resource key as a file name: letters, digits, `-` and `_` kept, any
/// other character `_` (a key never climbs out of DIR).
fn file_stem(key: &str) -> String {
    let stem: String = key
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if stem.is_empty() {
        "resource".to_owned()
    } else {
        stem
    }
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
            writer
                .into_inner()
                .map_err(csv::IntoInnerError::into_error)?;
        }
        CustomerFormat::Json => {
            ctx.store
                .each_customer(|c| output::json_line(&mut sink, &c))?;
        }
    }
    sink.finish()?;
    Ok(())
}
