//! `import customers FILE` and `import bookings FILE`: the file read as a
//! stream (CSV) or whole (iCalendar), each row handed to the store's one
//! import transaction, a report line per row and the counts, a progress
//! bar on stderr when it is a terminal.

use super::args::{DateOrderArg, ImportAction, ImportBookingsArgs, ImportCommon, ImportFormat};
use super::context::Context;
use super::output::{json_line, shown};
use super::{CliError, CliResult};
use crate::domain::import::columns::{ColumnMap, FileKind};
use crate::domain::import::ics::{self, Window};
use crate::domain::import::when::{DateOrder, DateReading};
use crate::domain::import::{ImportSummary, ImportedAs, RowOutcome, RowRefusal, RowReport};
use crate::domain::{Actor, BookingError, Origin};
use crate::store::ImportOptions;
use chrono::{Duration, TimeZone};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::Path;
use std::rc::Rc;

/// The largest iCalendar file read (they are read whole): 200 MB.
const LARGEST_ICS: u64 = 200 * 1024 * 1024;

/// `--mapping FILE.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    #[serde(default)]
    columns: BTreeMap<String, String>,
    #[serde(default)]
    dates: MappingDates,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingDates {
    order: Option<String>,
    format: Option<String>,
}

/// Runs `import …`.
pub fn import(ctx: &mut Context, action: &ImportAction) -> CliResult {
    let staff = ctx.signed_in.as_ref().map(|m| m.name.clone());
    ctx.store.act_as(&Actor {
        origin: Origin::Import,
        staff,
    })?;
    match action {
        ImportAction::Customers(a) => customers(ctx, &a.common),
        ImportAction::Bookings(a) => bookings(ctx, a),
    }
}

fn invalid(text: impl Into<String>) -> CliError {
    BookingError::invalid(text.into()).into()
}

/// The column map and date reading `common` asks for.
fn reading(
    ctx: &Context,
    common: &ImportCommon,
) -> CliResult<(Vec<(String, String)>, DateReading)> {
    let file = match &common.mapping {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| invalid(format!("{}: {e}", path.display())))?;
            toml::from_str::<MappingFile>(&text)
                .map_err(|e| invalid(format!("{}: {}", path.display(), e.message())))?
        }
        None => MappingFile::default(),
    };
    let mut given: Vec<(String, String)> = file.columns.into_iter().collect();
    for m in &common.map {
        let (field, column) = m.split_once('=').ok_or_else(|| {
            invalid(format!(
                "--map {}: write FIELD=COLUMN, e.g. --map last_name=Surname",
                shown(m)
            ))
        })?;
        given.retain(|(f, _)| f != field.trim());
        given.push((
            field.trim().to_owned(),
            column.trim().trim_matches('"').to_owned(),
        ));
    }
    let location = ctx.location()?;
    let order = match (common.date_order, file.dates.order.as_deref()) {
        (Some(DateOrderArg::Dmy), _) => DateOrder::DayMonth,
        (Some(DateOrderArg::Mdy), _) => DateOrder::MonthDay,
        (None, Some(o)) => match o.trim().to_ascii_lowercase().as_str() {
            "dmy" => DateOrder::DayMonth,
            "mdy" => DateOrder::MonthDay,
            other => {
                return Err(invalid(format!(
                    "[dates] order = \"{}\": give \"dmy\" or \"mdy\"",
                    shown(other)
                )));
            }
        },
        (None, None) => DateOrder::of_region(&location.phone_region),
    };
    Ok((
        given,
        DateReading {
            tz: location.time_zone,
            order,
            format: common.date_format.clone().or(file.dates.format),
        },
    ))
}

fn format_of(path: &Path, asked: Option<ImportFormat>) -> CliResult<ImportFormat> {
    if let Some(f) = asked {
        return Ok(f);
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    Ok(match ext.as_str() {
        "ics" | "ical" | "icalendar" | "ifb" => ImportFormat::Ics,
        "csv" | "tsv" | "txt" => ImportFormat::Csv,
        _ => {
            let mut head = [0_u8; 64];
            let n = open(path)?
                .read(&mut head)
                .map_err(|e| invalid(format!("{}: {e}", path.display())))?;
            let text = String::from_utf8_lossy(&head[..n]).to_ascii_uppercase();
            if text
                .trim_start_matches('\u{feff}')
                .trim_start()
                .starts_with("BEGIN:VCALENDAR")
            {
                ImportFormat::Ics
            } else {
                ImportFormat::Csv
            }
        }
    })
}

fn open(path: &Path) -> CliResult<File> {
    let file = File::open(path).map_err(|e| invalid(format!("{}: {e}", path.display())))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(invalid(format!(
            "{}: is a folder, not a file",
            path.display()
        )));
    }
    Ok(file)
}

/// The CSV's delimiter: whichever of `,` `;` tab its first line has most of.
fn delimiter(path: &Path) -> CliResult<u8> {
    let mut head = Vec::new();
    open(path)?
        .take(64 * 1024)
        .read_to_end(&mut head)
        .map_err(|e| invalid(format!("{}: {e}", path.display())))?;
    let first = head.split(|b| *b == b'\n').next().unwrap_or_default();
    #[allow(clippy::naive_bytecount)] // one line, once
    let count = |d: u8| first.iter().filter(|b| **b == d).count();
    Ok([b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| count(*d))
        .filter(|d| count(*d) > 0)
        .unwrap_or(b','))
}

/// A progress bar over `len` (bytes or rows) on stderr; hidden when stderr
/// is not a terminal.
fn bar(len: u64, unit: &str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    let template = format!("{{spinner}} {{msg}} [{{bar:40}}] {{pos}}/{{len}} {unit} {{eta}}");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Where the line breaks of a file passed by, for telling a record's line
/// from the byte the csv crate says it starts at — which is just after the
/// previous record's first terminator byte, before any `\n` of a CRLF and
/// any blank lines (its own line count drifts so). Holds only the breaks
/// read ahead of the record last asked about.
#[derive(Default)]
struct Breaks {
    /// Bytes read so far.
    read: u64,
    /// The last byte read that is not `\r` or `\n`.
    last_content: Option<u64>,
    /// The breaks not yet passed by a record: their offset and the last
    /// byte of content before them.
    ahead: VecDeque<(u64, Option<u64>)>,
    /// Breaks already passed.
    behind: u64,
}

impl Breaks {
    /// The line (from 1) of the first content at or after `offset`.
    fn line_of(&mut self, offset: u64) -> u64 {
        while let Some(&(at, content)) = self.ahead.front() {
            // Before `offset`, or after it with nothing but terminators
            // between: a break before the record's first content.
            if at < offset || content.is_none_or(|c| c < offset) {
                self.ahead.pop_front();
                self.behind += 1;
            } else {
                break;
            }
        }
        self.behind + 1
    }
}

/// The file, noting its line breaks as the CSV reader reads it.
struct Counted {
    inner: BufReader<File>,
    breaks: Rc<RefCell<Breaks>>,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut b = self.breaks.borrow_mut();
        let start = b.read;
        for (i, byte) in buf[..n].iter().enumerate() {
            let at = start + i as u64;
            match byte {
                b'\n' => {
                    let content = b.last_content;
                    b.ahead.push_back((at, content));
                }
                b'\r' => {}
                _ => b.last_content = Some(at),
            }
        }
        b.read += n as u64;
        Ok(n)
    }
}

/// The CSV's rows, read one at a time (flat memory), each mapped to `R` or
/// refused with its line.
struct CsvRows<R, F: FnMut(&[&str], u64) -> Result<R, String>> {
    reader: csv::Reader<Counted>,
    breaks: Rc<RefCell<Breaks>>,
    record: csv::StringRecord,
    row: F,
    bar: ProgressBar,
}

impl<R, F: FnMut(&[&str], u64) -> Result<R, String>> Iterator for CsvRows<R, F> {
    type Item = Result<R, RowRefusal>;

    fn next(&mut self) -> Option<Self::Item> {
        let start = self.reader.position().byte();
        let read = self.reader.read_record(&mut self.record);
        self.bar.set_position(self.reader.position().byte());
        match read {
            Ok(false) => None,
            Ok(true) => {
                let first = self.record.position().map_or(start, csv::Position::byte);
                let line = self.breaks.borrow_mut().line_of(first);
                let fields: Vec<&str> = self.record.iter().collect();
                if fields.iter().all(|f| f.trim().is_empty()) {
                    return self.next();
                }
                Some((self.row)(&fields, line).map_err(|reason| RowRefusal { line, reason }))
            }
            Err(e) => {
                let first = e.position().map_or(start, csv::Position::byte);
                let line = self.breaks.borrow_mut().line_of(first);
                let reason = match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => {
                        "the row is not UTF-8 text: save the file as UTF-8".to_owned()
                    }
                    _ => format!("the row cannot be read as CSV: {e}"),
                };
                // An I/O error ends the file; a bad row is one refusal.
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    return None;
                }
                Some(Err(RowRefusal { line, reason }))
            }
        }
    }
}

/// The CSV reader on `path` and its header row.
type CsvFile = (csv::Reader<Counted>, Rc<RefCell<Breaks>>, Vec<String>, u64);

fn csv_reader(path: &Path) -> CliResult<CsvFile> {
    let file = open(path)?;
    let len = file.metadata().map_or(0, |m| m.len());
    let breaks = Rc::new(RefCell::new(Breaks::default()));
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter(path)?)
        .from_reader(Counted {
            inner: BufReader::new(file),
            breaks: breaks.clone(),
        });
    let headers = reader
        .headers()
        .map_err(|e| {
            invalid(format!(
                "{}: the header row cannot be read: {e}",
                path.display()
            ))
        })?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_owned())
        .collect::<Vec<_>>();
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(invalid(format!(
            "{}: the file is empty: a CSV import needs a header row",
            path.display()
        )));
    }
    Ok((reader, breaks, headers, len))
}

fn customers(ctx: &mut Context, common: &ImportCommon) -> CliResult {
    if format_of(&common.file, common.format)? == ImportFormat::Ics {
        return Err(invalid(
            "customers are imported from CSV; an iCalendar file's people come with `import bookings`",
        ));
    }
    let (given, _) = reading(ctx, common)?;
    let (reader, breaks, headers, len) = csv_reader(&common.file)?;
    let map = ColumnMap::new(&headers, &given, FileKind::Customers).map_err(invalid)?;
    let bar = bar(len, "bytes");
    let rows = CsvRows {
        reader,
        breaks,
        record: csv::StringRecord::new(),
        row: |fields: &[&str], line| Ok(map.customer(fields, line)),
        bar: bar.clone(),
    };
    let opts = ImportOptions {
        dry_run: common.dry_run,
        skip_refused: common.skip_refused,
        ..ImportOptions::default()
    };
    let mut printer = Printer::new(common, bar.clone());
    let now = ctx.now;
    let summary = ctx
        .store
        .import_customers(rows, &opts, now, &mut |r| printer.row(r))?;
    bar.finish_and_clear();
    printer.finish(&summary, common)
}

fn bookings(ctx: &mut Context, a: &ImportBookingsArgs) -> CliResult {
    let common = &a.common;
    let (given, dates) = reading(ctx, common)?;
    let tz = dates.tz;
    let local_midnight = |d: chrono::NaiveDate| {
        tz.from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
            .earliest()
            .map(|t| t.with_timezone(&chrono::Utc))
    };
    let from = a.from.as_deref().map(|d| ctx.date(d)).transpose()?;
    let to = a.to.as_deref().map(|d| ctx.date(d)).transpose()?;
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        return Err(invalid(format!("--to {t} is before --from {f}")));
    }
    let window = Window {
        from: from.and_then(local_midnight),
        to: to.and_then(|t| t.succ_opt()).and_then(local_midnight),
        horizon: ctx.now + Duration::days(365),
    };
    let opts = ImportOptions {
        resource: ctx.resource_id(a.resource.as_deref())?,
        service: ctx.service_id(a.service.as_deref())?,
        as_closures: a.as_closures,
        dry_run: common.dry_run,
        skip_refused: common.skip_refused,
    };
    let now = ctx.now;
    let summary = match format_of(&common.file, common.format)? {
        ImportFormat::Ics => {
            let file = open(&common.file)?;
            if file.metadata().map_or(0, |m| m.len()) > LARGEST_ICS {
                return Err(invalid(format!(
                    "{}: larger than 200 MB; split it",
                    common.file.display()
                )));
            }
            let mut bytes = Vec::new();
            BufReader::new(file)
                .read_to_end(&mut bytes)
                .map_err(|e| invalid(format!("{}: {e}", common.file.display())))?;
            let rows = ics::read(&bytes, tz, window)
                .map_err(|e| invalid(format!("{}: {e}", common.file.display())))?;
            drop(bytes);
            let bar = bar(rows.len() as u64, "events");
            let mut printer = Printer::new(common, bar.clone());
            let ticking = bar.clone();
            let rows = rows.into_iter().inspect(move |_| ticking.inc(1));
            let s = ctx
                .store
                .import_bookings(rows, &opts, now, &mut |r| printer.row(r))?;
            bar.finish_and_clear();
            return printer.finish(&s, common);
        }
        ImportFormat::Csv => {
            let (reader, breaks, headers, len) = csv_reader(&common.file)?;
            let map = ColumnMap::new(&headers, &given, FileKind::Bookings).map_err(invalid)?;
            let bar = bar(len, "bytes");
            let in_window = |b: &crate::domain::import::ImportedBooking| {
                window.from.is_none_or(|f| b.from >= f) && window.to.is_none_or(|t| b.from < t)
            };
            let rows = CsvRows {
                reader,
                breaks,
                record: csv::StringRecord::new(),
                row: |fields: &[&str], line| map.booking(fields, line, &dates),
                bar: bar.clone(),
            }
            .filter(|r| r.as_ref().map_or(true, in_window));
            let mut printer = Printer::new(common, bar.clone());
            let s = ctx
                .store
                .import_bookings(rows, &opts, now, &mut |r| printer.row(r))?;
            bar.finish_and_clear();
            (s, printer)
        }
    };
    summary.1.finish(&summary.0, common)
}

/// Prints the report: a line per row (JSON lines with `--json`), through
/// the progress bar so the two do not tangle.
struct Printer {
    json: bool,
    dry_run: bool,
    bar: ProgressBar,
    out: std::io::BufWriter<std::io::Stdout>,
    failed: Option<std::io::Error>,
}

impl Printer {
    fn new(common: &ImportCommon, bar: ProgressBar) -> Self {
        Self {
            json: common.json,
            dry_run: common.dry_run,
            bar,
            out: std::io::BufWriter::new(std::io::stdout()),
            failed: None,
        }
    }

    fn row(&mut self, r: &RowReport) {
        if self.failed.is_some() {
            return;
        }
        let result = if self.json {
            json_line(&mut self.out, r).map_err(|e| std::io::Error::other(e.to_string()))
        } else {
            let text = line_words(r, self.dry_run);
            self.bar.suspend(|| writeln!(self.out, "{text}"))
        };
        if let Err(e) = result {
            self.failed = Some(e);
        }
    }

    fn finish(mut self, s: &ImportSummary, common: &ImportCommon) -> CliResult {
        if let Some(e) = self.failed.take() {
            return Err(e.into());
        }
        if self.json {
            json_line(&mut self.out, s)?;
        } else {
            writeln!(self.out, "{}", summary_words(s, common))?;
        }
        self.out.flush()?;
        if s.refused > 0 && !common.skip_refused {
            return Err(BookingError::NotAllowed(format!(
                "{} refused: {}",
                rows(s.refused),
                if common.dry_run {
                    "the import would keep nothing; fix them, or give --skip-refused to import the others"
                } else {
                    "nothing was imported; fix them and import the file again, or give --skip-refused to import the others"
                }
            ))
            .into());
        }
        Ok(())
    }
}

fn rows(n: u64) -> String {
    if n == 1 {
        "1 row".into()
    } else {
        format!("{n} rows")
    }
}

fn made_words(m: ImportedAs) -> String {
    match m {
        ImportedAs::Booking(id) => format!("booking #{id}"),
        ImportedAs::Customer(id) => format!("customer #{id}"),
        ImportedAs::Closure(id) => format!("closure #{id}"),
    }
}

fn line_words(r: &RowReport, dry_run: bool) -> String {
    let row = shown(&r.row);
    match &r.outcome {
        RowOutcome::Imported { made } if dry_run => format!(
            "line {:<6} would import  {row} → {}",
            r.line,
            made_words(*made)
        ),
        RowOutcome::Imported { made } => format!(
            "line {:<6} imported      {row} → {}",
            r.line,
            made_words(*made)
        ),
        RowOutcome::Skipped { existing, why } => {
            format!(
                "line {:<6} skipped       {row}: {why}, {}",
                r.line,
                made_words(*existing)
            )
        }
        RowOutcome::Refused { reason } if row.is_empty() => {
            format!("line {:<6} refused       {}", r.line, shown(reason))
        }
        RowOutcome::Refused { reason } => {
            format!("line {:<6} refused       {row}: {}", r.line, shown(reason))
        }
    }
}

/// The counts, then what became of them. Rows are reported as they are
/// placed, before the file is known to be kept: an import given up names
/// what its lines numbered as not kept.
fn summary_words(s: &ImportSummary, common: &ImportCommon) -> String {
    let verb = if s.applied {
        "imported"
    } else {
        "would import"
    };
    let counts = format!(
        "{}: {} {verb}, {} skipped, {} refused",
        rows(s.rows),
        s.imported,
        s.skipped,
        s.refused
    );
    if common.dry_run {
        format!("{counts} — a dry run: nothing was changed")
    } else if s.applied {
        format!("{counts} — kept")
    } else if s.imported > 0 {
        format!(
            "{counts} — nothing was imported (the bookings and customers numbered above were not kept)"
        )
    } else {
        format!("{counts} — nothing was imported")
    }
}
