//! Importing a location's history from another system (`slotdesk import`):
//! what a file's row says, before the engine places it, and what became of
//! each row. CSV rows are read through a column map ([`columns`]), dates
//! and times in several common formats in the location's zone ([`when`]);
//! iCalendar events from calcurse, khal and other calendars are read by
//! [`ics`], recurring ones expanded over the import's window. Pure: the
//! caller reads the file, the store places the rows in one transaction.

pub mod columns;
pub mod ics;
pub mod when;

use super::customer::{CustomerDetails, CustomerInput, normalize_email, validate_walk_in};
use super::error::BookingError;
use super::ids::{BookingId, ClosureId, CustomerId};
use super::status::{BookingStatus, PaymentMethod, PaymentStatus};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// One appointment as a file gives it (an iCalendar event's occurrence, or
/// a CSV row), not yet checked against the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedBooking {
    /// The file's line the row starts on, from 1 (a CSV record's line, an
    /// event's `BEGIN:VEVENT`).
    pub line: u64,
    /// What makes a re-import of this row recognisable: `ics:UID` (with the
    /// occurrence's start for a recurring event), `csv:ID`, or the start,
    /// end and summary when the file gives no id.
    pub key: String,
    /// Start, UTC.
    pub from: DateTime<Utc>,
    /// End, UTC (after `from`).
    pub to: DateTime<Utc>,
    /// A whole-day event (iCalendar `VALUE=DATE`): `from`..`to` are local
    /// midnights. Imported only as closures.
    pub all_day: bool,
    /// Who it is for, as written (validated by the store with the
    /// location's phone region); `None` when the row names no one.
    pub person: Option<CustomerInput>,
    /// Seats, at least 1.
    pub participants: u32,
    /// The status the row gives; `None`: `completed` when it has ended at
    /// the import's instant, else `confirmed`.
    pub status: Option<BookingStatus>,
    /// The booking's message (the event's description, notes).
    pub message: Option<String>,
    /// A service name or key the row names (else the import's `--service`).
    pub service: Option<String>,
    /// A resource name or key the row names (else the import's `--resource`).
    pub resource: Option<String>,
    /// What the row is called in the report and in a closure's reason: the
    /// event's summary, or the customer's name.
    pub title: String,
    /// The payment as the file records it (slotdesk's CSV export's
    /// `payment.*` columns).
    pub payment: Option<ImportedPayment>,
    /// Why a cancelled booking was cancelled.
    pub cancel_reason: Option<String>,
}

/// A payment an imported row records: its state, amount in minor units,
/// method and reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPayment {
    pub status: PaymentStatus,
    pub amount: Option<i64>,
    pub method: Option<PaymentMethod>,
    pub reference: Option<String>,
}

/// One customer as a CSV row gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedCustomer {
    /// The file's line, from 1.
    pub line: u64,
    /// `customer:ID` when the file has an id column.
    pub key: Option<String>,
    /// The details as written.
    pub input: CustomerInput,
}

/// A row the reader could not make sense of (a bad date, a missing start):
/// reported as refused with its line, never imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowRefusal {
    /// The file's line, from 1.
    pub line: u64,
    /// Why, in words (`start: "31/02/2026 10:00" is not a date`).
    pub reason: String,
}

/// What a row became.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum ImportedAs {
    Booking(BookingId),
    Customer(CustomerId),
    Closure(ClosureId),
}

/// The outcome of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum RowOutcome {
    /// Imported now (or, in a dry run, would be).
    Imported {
        /// What it became (in a dry run, the id it would have had).
        made: ImportedAs,
    },
    /// Already there: imported before from a row with the same key, or (a
    /// customer) the same person on file by the identity rule.
    Skipped {
        /// What it is on file as.
        existing: ImportedAs,
        /// Why it counts as already there.
        why: String,
    },
    /// Not imported, with the engine's or the reader's reason
    /// (`time slot is full`, an invalid phone, …).
    Refused { reason: String },
}

/// One line of an import's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowReport {
    /// The file's line, from 1.
    pub line: u64,
    /// The row in words (`Mon 7 Dec 2026 10:00–10:50 Zoë Brontë`).
    pub row: String,
    #[serde(flatten)]
    pub outcome: RowOutcome,
}

/// An import's counts, and whether it was kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Rows read (events' occurrences for iCalendar).
    pub rows: u64,
    pub imported: u64,
    pub skipped: u64,
    pub refused: u64,
    /// Whether the import was committed: not a dry run, and no row refused
    /// (or `--skip-refused` given).
    pub applied: bool,
}

impl ImportSummary {
    /// Counts `outcome`.
    pub fn count(&mut self, outcome: &RowOutcome) {
        self.rows += 1;
        match outcome {
            RowOutcome::Imported { .. } => self.imported += 1,
            RowOutcome::Skipped { .. } => self.skipped += 1,
            RowOutcome::Refused { .. } => self.refused += 1,
        }
    }
}

/// An imported person's details checked: the first name required and
/// plain, the last name plain or blank (other systems keep `Cher`), the
/// email valid and the phone parsed in `phone_region` when given.
/// Errors: [`BookingError::Invalid`] naming the field.
pub fn validate_person(
    input: &CustomerInput,
    phone_region: &str,
) -> Result<CustomerDetails, BookingError> {
    let walk_in = validate_walk_in(
        &input.first_name,
        &input.last_name,
        input.phone.as_deref(),
        phone_region,
    )?;
    Ok(CustomerDetails {
        email: input
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(normalize_email)
            .transpose()?,
        ..walk_in
    })
}

/// A note from another system as one line, as slotdesk keeps messages:
/// line breaks become ` / `, tabs spaces; other control characters stay
/// (and are refused with the row).
pub fn one_line(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join(" / ").replace('\t', " ")
}

/// `text` cut to `max` characters with `…`, for a report line: a refused
/// 10 MB field is not printed back whole.
pub fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

/// Splits a full name into first and last at the first run of spaces
/// (`Zoë Brontë` → `Zoë`, `Brontë`; `Cher` → `Cher`, ``; `Mary Ann Evans`
/// → `Mary`, `Ann Evans`).
pub fn split_name(full: &str) -> (String, String) {
    let full = full.trim();
    match full.split_once(char::is_whitespace) {
        Some((first, rest)) => (first.to_owned(), rest.trim().to_owned()),
        None => (full.to_owned(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_text_is_cut() {
        assert_eq!(cut("abc", 5), "abc");
        assert_eq!(cut("Zoë Brontë", 3), "Zoë…");
        assert_eq!(cut(&"N".repeat(10_000_000), 80).chars().count(), 81);
    }

    #[test]
    fn notes_become_one_line() {
        assert_eq!(
            one_line("Knee, left\r\nsecond line\n\n\tthird"),
            "Knee, left / second line / third"
        );
        assert_eq!(one_line("a\tb"), "a b");
        assert_eq!(one_line("bell\u{7}"), "bell\u{7}");
    }

    #[test]
    fn names_split_at_the_first_space() {
        assert_eq!(split_name(" Zoë  Brontë "), ("Zoë".into(), "Brontë".into()));
        assert_eq!(split_name("Cher"), ("Cher".into(), String::new()));
        assert_eq!(
            split_name("Mary Ann Evans"),
            ("Mary".into(), "Ann Evans".into())
        );
        assert_eq!(split_name(""), (String::new(), String::new()));
    }
}
