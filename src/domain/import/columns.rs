//! Which CSV column holds what: the fields slotdesk imports, the header
//! names other systems use for them (`Surname`, `Mobile`, `E-mail
//! Address`, `Appointment Date`, and slotdesk's own export's), and a map
//! the user may give (`--map last_name="Family name"` or a TOML file).
//! Pure.

use super::when::{DateReading, minutes};
use super::{ImportedBooking, ImportedCustomer, ImportedPayment, split_name};
use crate::domain::customer::CustomerInput;
use crate::domain::status::BookingStatus;
use crate::domain::status::{PaymentMethod, PaymentStatus};
use chrono::Duration;
use std::collections::BTreeMap;

/// A field an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The other system's id for the row (makes re-imports recognisable).
    Id,
    /// Start date and time in one column.
    Start,
    /// End date and time in one column.
    End,
    /// Start date alone (with [`Field::Time`]).
    Date,
    /// Start time alone (with [`Field::Date`]).
    Time,
    /// End time alone, on the start's date.
    EndTime,
    /// Length in minutes (instead of an end).
    Minutes,
    FirstName,
    LastName,
    /// A full name, split at its first space when there are no name columns.
    Name,
    Email,
    Phone,
    Participants,
    Status,
    Message,
    Service,
    Resource,
    /// Why a cancelled booking was cancelled.
    CancelReason,
    /// `unpaid`, `paid` or `refunded`.
    PaymentStatus,
    /// Minor units (pence), as slotdesk's export writes it.
    PaymentAmount,
    /// `cash`, `card`, `voucher` or `other`.
    PaymentMethod,
    PaymentReference,
}

/// Whether a map is for a customers file or a bookings file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Customers,
    Bookings,
}

impl Field {
    const ALL: [Self; 22] = [
        Self::Id,
        Self::Start,
        Self::End,
        Self::Date,
        Self::Time,
        Self::EndTime,
        Self::Minutes,
        Self::FirstName,
        Self::LastName,
        Self::Name,
        Self::Email,
        Self::Phone,
        Self::Participants,
        Self::Status,
        Self::Message,
        Self::Service,
        Self::Resource,
        Self::CancelReason,
        Self::PaymentStatus,
        Self::PaymentAmount,
        Self::PaymentMethod,
        Self::PaymentReference,
    ];

    /// Its name in `--map NAME=COLUMN` and the TOML file.
    pub fn name(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Start => "start",
            Self::End => "end",
            Self::Date => "date",
            Self::Time => "time",
            Self::EndTime => "end_time",
            Self::Minutes => "minutes",
            Self::FirstName => "first_name",
            Self::LastName => "last_name",
            Self::Name => "name",
            Self::Email => "email",
            Self::Phone => "phone",
            Self::Participants => "participants",
            Self::Status => "status",
            Self::Message => "message",
            Self::Service => "service",
            Self::Resource => "resource",
            Self::CancelReason => "cancel_reason",
            Self::PaymentStatus => "payment_status",
            Self::PaymentAmount => "payment_amount",
            Self::PaymentMethod => "payment_method",
            Self::PaymentReference => "payment_reference",
        }
    }

    fn of(kind: FileKind) -> impl Iterator<Item = Self> {
        Self::ALL.into_iter().filter(move |f| {
            kind == FileKind::Bookings
                || matches!(
                    f,
                    Self::Id
                        | Self::FirstName
                        | Self::LastName
                        | Self::Name
                        | Self::Email
                        | Self::Phone
                )
        })
    }

    /// Headers (squashed: lower case, letters and digits only) that mean
    /// this field when no map says otherwise, best first.
    fn headers(self, kind: FileKind) -> &'static [&'static str] {
        match self {
            // A bookings file's client id names the customer, not the row.
            Self::Id if kind == FileKind::Bookings => &[
                "id",
                "uid",
                "bookingid",
                "appointmentid",
                "reference",
                "ref",
            ],
            Self::Id => &[
                "id",
                "customerid",
                "clientid",
                "patientid",
                "uid",
                "reference",
                "ref",
            ],
            Self::Start => &[
                "from",
                "start",
                "starts",
                "startsat",
                "startdatetime",
                "begin",
                "datetime",
            ],
            Self::End => &["to", "end", "ends", "endsat", "enddatetime", "finish"],
            Self::Date => &["date", "day", "appointmentdate", "startdate", "bookingdate"],
            Self::Time => &["time", "starttime", "appointmenttime", "bookingtime"],
            Self::EndTime => &["endtime", "finishtime"],
            Self::Minutes => &["minutes", "duration", "durationminutes", "length", "mins"],
            Self::FirstName => &[
                "customerfirstname",
                "firstname",
                "first",
                "givenname",
                "forename",
            ],
            Self::LastName => &[
                "customerlastname",
                "lastname",
                "last",
                "surname",
                "familyname",
            ],
            Self::Name => &[
                "customername",
                "name",
                "fullname",
                "client",
                "clientname",
                "customer",
                "patient",
                "patientname",
            ],
            Self::Email => &["customeremail", "email", "emailaddress", "mail"],
            Self::Phone => &[
                "customerphone",
                "phone",
                "mobile",
                "telephone",
                "tel",
                "phonenumber",
                "mobilephone",
                "mobilenumber",
                "cell",
            ],
            Self::Participants => &[
                "participants",
                "seats",
                "people",
                "partysize",
                "guests",
                "pax",
            ],
            Self::Status => &["status", "state"],
            Self::Message => &[
                "message",
                "notes",
                "note",
                "comments",
                "comment",
                "description",
            ],
            Self::Service => &["servicename", "service", "treatment", "appointmenttype"],
            Self::Resource => &[
                "resourcename",
                "resource",
                "staff",
                "therapist",
                "practitioner",
                "provider",
                "room",
            ],
            Self::CancelReason => &["cancelreason", "cancellationreason"],
            Self::PaymentStatus => &["paymentstatus"],
            Self::PaymentAmount => &["paymentamount"],
            Self::PaymentMethod => &["paymentmethod"],
            Self::PaymentReference => &["paymentreference"],
        }
    }
}

fn squash(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(char::to_lowercase)
        .collect()
}

/// Where each field is in a file's rows (column indexes from 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    columns: BTreeMap<Field, usize>,
    headers: Vec<String>,
}

impl ColumnMap {
    /// The map for a file with `headers`, `given` (field name → header, from
    /// `--map` or the TOML file) first, then the usual header names.
    /// Errors: a given field slotdesk does not know, a given header the
    /// file lacks (naming its headers), and what a `kind` file must have: a
    /// name (customers); a start and an end or length (bookings).
    pub fn new(
        headers: &[String],
        given: &[(String, String)],
        kind: FileKind,
    ) -> Result<Self, String> {
        let mut columns = BTreeMap::new();
        for (field, header) in given {
            let f = Field::of(kind)
                .find(|f| f.name() == field.trim())
                .ok_or_else(|| {
                    let known: Vec<&str> = Field::of(kind).map(Field::name).collect();
                    format!(
                        "--map {}: not a field; the fields are {}",
                        field.trim(),
                        known.join(", ")
                    )
                })?;
            let i = headers
                .iter()
                .position(|h| h.trim() == header.trim())
                .or_else(|| {
                    headers
                        .iter()
                        .position(|h| h.trim().eq_ignore_ascii_case(header.trim()))
                })
                .ok_or_else(|| {
                    format!(
                        "--map {}={}: the file has no such column; its columns are {}",
                        f.name(),
                        header.trim(),
                        quoted(headers)
                    )
                })?;
            columns.insert(f, i);
        }
        let squashed: Vec<String> = headers.iter().map(|h| squash(h)).collect();
        for f in Field::of(kind) {
            if columns.contains_key(&f) {
                continue;
            }
            let taken: Vec<usize> = columns.values().copied().collect();
            if let Some(i) = f.headers(kind).iter().find_map(|h| {
                squashed
                    .iter()
                    .enumerate()
                    .position(|(i, s)| s == h && !taken.contains(&i))
            }) {
                columns.insert(f, i);
            }
        }
        let map = Self {
            columns,
            headers: headers.to_vec(),
        };
        map.check(kind)?;
        Ok(map)
    }

    fn has(&self, f: Field) -> bool {
        self.columns.contains_key(&f)
    }

    fn check(&self, kind: FileKind) -> Result<(), String> {
        let hint = |what: &str, fields: &str| {
            format!(
                "no column for {what}: name it with {fields}; the file's columns are {}",
                quoted(&self.headers)
            )
        };
        if !(self.has(Field::FirstName) || self.has(Field::Name)) && kind == FileKind::Customers {
            return Err(hint(
                "the name",
                "--map first_name=COLUMN (and last_name) or --map name=COLUMN",
            ));
        }
        if kind == FileKind::Bookings {
            if !(self.has(Field::Start) || (self.has(Field::Date) && self.has(Field::Time))) {
                return Err(hint(
                    "the start",
                    "--map start=COLUMN, or --map date=COLUMN and --map time=COLUMN",
                ));
            }
            if !(self.has(Field::End) || self.has(Field::EndTime) || self.has(Field::Minutes)) {
                return Err(hint(
                    "the end",
                    "--map end=COLUMN, --map end_time=COLUMN or --map minutes=COLUMN",
                ));
            }
        }
        Ok(())
    }

    /// Which column each field was found in, for a dry run's report
    /// (`start ← "Appt Start"`).
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        self.columns
            .iter()
            .map(|(f, i)| (f.name(), self.headers.get(*i).cloned().unwrap_or_default()))
            .collect()
    }

    fn get<'r>(&self, row: &[&'r str], f: Field) -> Option<&'r str> {
        let v = row.get(*self.columns.get(&f)?)?.trim();
        (!v.is_empty()).then_some(v)
    }

    fn person(&self, row: &[&str]) -> Option<CustomerInput> {
        let (mut first, mut last) = (
            self.get(row, Field::FirstName)
                .unwrap_or_default()
                .to_owned(),
            self.get(row, Field::LastName)
                .unwrap_or_default()
                .to_owned(),
        );
        if first.is_empty()
            && last.is_empty()
            && let Some(full) = self.get(row, Field::Name)
        {
            (first, last) = split_name(full);
        }
        let email = self.get(row, Field::Email).map(str::to_owned);
        let phone = self.get(row, Field::Phone).map(str::to_owned);
        (!first.is_empty() || !last.is_empty() || email.is_some() || phone.is_some()).then_some(
            CustomerInput {
                first_name: first,
                last_name: last,
                email,
                phone,
            },
        )
    }

    /// A customers file's row at `line`.
    pub fn customer(&self, row: &[&str], line: u64) -> ImportedCustomer {
        ImportedCustomer {
            line,
            key: self.get(row, Field::Id).map(|id| format!("customer:{id}")),
            input: self.person(row).unwrap_or_default(),
        }
    }

    /// A bookings file's row at `line`, dates read by `dates`. Errors (the
    /// row is refused, with its line): a missing or unreadable start or
    /// end, an end not after the start, participants not a number from 1,
    /// an unknown status.
    pub fn booking(
        &self,
        row: &[&str],
        line: u64,
        dates: &DateReading,
    ) -> Result<ImportedBooking, String> {
        let from = match (
            self.get(row, Field::Start),
            self.get(row, Field::Date),
            self.get(row, Field::Time),
        ) {
            (Some(start), ..) => dates.instant(start).map_err(|e| format!("start: {e}"))?,
            (None, Some(d), Some(t)) => dates.at(d, t).map_err(|e| format!("start: {e}"))?,
            _ => return Err("no start".into()),
        };
        let to = if let Some(end) = self.get(row, Field::End) {
            dates.instant(end).map_err(|e| format!("end: {e}"))?
        } else if let Some(t) = self.get(row, Field::EndTime) {
            let date = from.with_timezone(&dates.tz).date_naive();
            dates
                .at(&date.format("%Y-%m-%d").to_string(), t)
                .map_err(|e| format!("end: {e}"))?
        } else if let Some(m) = self.get(row, Field::Minutes) {
            from + Duration::minutes(minutes(m).map_err(|e| format!("minutes: {e}"))?)
        } else {
            return Err("no end".into());
        };
        if to <= from {
            return Err("the end is not after the start".into());
        }
        let participants = match self.get(row, Field::Participants) {
            None => 1,
            Some(p) => p.parse::<u32>().ok().filter(|p| *p >= 1).ok_or_else(|| {
                format!(
                    "participants: “{}” is not a number from 1",
                    p.chars().take(20).collect::<String>()
                )
            })?,
        };
        let status = self.get(row, Field::Status).map(status_of).transpose()?;
        let person = self.person(row);
        let title = person
            .as_ref()
            .map(|p| {
                format!("{} {}", p.first_name, p.last_name)
                    .trim()
                    .to_owned()
            })
            .unwrap_or_default();
        let key = match self.get(row, Field::Id) {
            Some(id) => format!("csv:{id}"),
            None => format!("csv:{}/{}/{}", from.timestamp(), to.timestamp(), title),
        };
        let payment = match self.get(row, Field::PaymentStatus) {
            None => None,
            Some(st) => Some(ImportedPayment {
                status: st.parse::<PaymentStatus>().map_err(|e| format!("payment status: {e}"))?,
                amount: self
                    .get(row, Field::PaymentAmount)
                    .map(|a| {
                        a.parse::<i64>()
                            .ok()
                            .filter(|a| (0..=1_000_000_000).contains(a))
                            .ok_or_else(|| format!("payment amount: “{}” is not a whole number of minor units (pence)", a.chars().take(20).collect::<String>()))
                    })
                    .transpose()?,
                method: self
                    .get(row, Field::PaymentMethod)
                    .map(|m| m.parse::<PaymentMethod>().map_err(|e| format!("payment method: {e}")))
                    .transpose()?,
                reference: self.get(row, Field::PaymentReference).map(str::to_owned),
            }),
        };
        Ok(ImportedBooking {
            payment,
            cancel_reason: self.get(row, Field::CancelReason).map(str::to_owned),
            line,
            key,
            from,
            to,
            all_day: false,
            person,
            participants,
            status,
            message: self.get(row, Field::Message).map(str::to_owned),
            service: self.get(row, Field::Service).map(str::to_owned),
            resource: self.get(row, Field::Resource).map(str::to_owned),
            title,
        })
    }
}

/// A status as other systems write it: slotdesk's words (`confirmed`,
/// `checked in`, `no_show`) and common others (`booked`, `canceled`,
/// `attended`, `tentative`, `dna`). Errors: the words it takes.
pub fn status_of(text: &str) -> Result<BookingStatus, String> {
    let other = match squash(text).as_str() {
        "booked" | "scheduled" | "accepted" | "approved" => Some(BookingStatus::Confirmed),
        "canceled" | "cancel" => Some(BookingStatus::Cancelled),
        "attended" | "done" | "finished" | "arrived" | "seen" => Some(BookingStatus::Completed),
        "tentative" | "unconfirmed" | "awaiting" => Some(BookingStatus::Pending),
        "dna" | "didnotattend" | "noshow" | "missed" => Some(BookingStatus::NoShow),
        "rejected" => Some(BookingStatus::Declined),
        _ => None,
    };
    match other {
        Some(s) => Ok(s),
        None => BookingStatus::from_words(text).map_err(|e| format!("status: {e}")),
    }
}

fn quoted(headers: &[String]) -> String {
    let shown: Vec<String> = headers
        .iter()
        .take(30)
        .map(|h| format!("“{}”", h.chars().take(40).collect::<String>()))
        .collect();
    shown.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::import::when::DateOrder;

    fn heads(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| (*s).to_owned()).collect()
    }

    fn london() -> DateReading {
        DateReading {
            tz: chrono_tz::Europe::London,
            order: DateOrder::DayMonth,
            format: None,
        }
    }

    #[test]
    fn other_systems_headers_are_recognised() {
        let h = heads(&[
            "Client ID",
            "Forename",
            "Surname",
            "E-mail Address",
            "Mobile",
        ]);
        let m = ColumnMap::new(&h, &[], FileKind::Customers).unwrap();
        let c = m.customer(
            &["17", "Zoë", "Brontë", "zoe@example.com", "07700 900123"],
            2,
        );
        assert_eq!(c.key.as_deref(), Some("customer:17"));
        assert_eq!(c.input.first_name, "Zoë");
        assert_eq!(c.input.last_name, "Brontë");
        assert_eq!(c.input.email.as_deref(), Some("zoe@example.com"));
        assert_eq!(c.input.phone.as_deref(), Some("07700 900123"));
    }

    #[test]
    fn a_given_map_wins_and_is_checked() {
        let h = heads(&["Who", "Contact", "Name"]);
        let given = vec![
            ("name".to_owned(), "Who".to_owned()),
            ("email".to_owned(), "contact".to_owned()),
        ];
        let m = ColumnMap::new(&h, &given, FileKind::Customers).unwrap();
        let c = m.customer(&["Ada Lovelace", "ada@example.com", "ignored"], 2);
        assert_eq!(
            (c.input.first_name.as_str(), c.input.last_name.as_str()),
            ("Ada", "Lovelace")
        );
        let bad = ColumnMap::new(&h, &[("email".into(), "Mail".into())], FileKind::Customers)
            .unwrap_err();
        assert!(
            bad.contains("no such column") && bad.contains("“Contact”"),
            "{bad}"
        );
        let unknown = ColumnMap::new(
            &h,
            &[("shoe_size".into(), "Who".into())],
            FileKind::Customers,
        )
        .unwrap_err();
        assert!(unknown.contains("not a field"), "{unknown}");
    }

    #[test]
    fn a_bookings_file_needs_a_start_and_an_end() {
        let err =
            ColumnMap::new(&heads(&["Client", "Notes"]), &[], FileKind::Bookings).unwrap_err();
        assert!(err.contains("no column for the start"), "{err}");
        let err = ColumnMap::new(&heads(&["Date", "Time", "Client"]), &[], FileKind::Bookings)
            .unwrap_err();
        assert!(err.contains("no column for the end"), "{err}");
    }

    #[test]
    fn a_booking_row_with_date_time_and_length() {
        let h = heads(&[
            "Appointment Date",
            "Time",
            "Duration",
            "Client",
            "Status",
            "Treatment",
        ]);
        let m = ColumnMap::new(&h, &[], FileKind::Bookings).unwrap();
        let b = m
            .booking(
                &[
                    "07/12/2026",
                    "2:30 pm",
                    "50",
                    "Zoë Brontë",
                    "Booked",
                    "Massage",
                ],
                3,
                &london(),
            )
            .unwrap();
        assert_eq!(b.from.to_rfc3339(), "2026-12-07T14:30:00+00:00");
        assert_eq!(b.to.to_rfc3339(), "2026-12-07T15:20:00+00:00");
        assert_eq!(b.status, Some(BookingStatus::Confirmed));
        assert_eq!(b.service.as_deref(), Some("Massage"));
        assert_eq!(b.title, "Zoë Brontë");
        assert_eq!(
            b.key,
            format!("csv:{}/{}/Zoë Brontë", b.from.timestamp(), b.to.timestamp())
        );
        let err = m
            .booking(
                &["31/02/2026", "2:30 pm", "50", "Zoë", "", ""],
                4,
                &london(),
            )
            .unwrap_err();
        assert!(err.starts_with("start:"), "{err}");
        let err = m
            .booking(&["07/12/2026", "2:30 pm", "0", "Zoë", "", ""], 4, &london())
            .unwrap_err();
        assert!(err.starts_with("minutes:"), "{err}");
        let err = m
            .booking(
                &["07/12/2026", "2:30 pm", "50", "Zoë", "maybe", ""],
                4,
                &london(),
            )
            .unwrap_err();
        assert!(err.starts_with("status:"), "{err}");
    }

    #[test]
    fn slotdesks_own_export_columns_map_themselves() {
        let h = heads(&[
            "id",
            "service_id",
            "service_name",
            "resource_id",
            "resource_name",
            "date",
            "time_slot_id",
            "from",
            "to",
            "participants",
            "status",
            "message",
            "customer.id",
            "customer.name",
            "customer.first_name",
            "customer.last_name",
            "customer.email",
            "customer.phone",
            "payment.status",
        ]);
        let m = ColumnMap::new(&h, &[], FileKind::Bookings).unwrap();
        let names: BTreeMap<&str, String> = m.describe().into_iter().collect();
        assert_eq!(names["start"], "from");
        assert_eq!(names["end"], "to");
        assert_eq!(names["id"], "id");
        assert_eq!(names["first_name"], "customer.first_name");
        assert_eq!(names["service"], "service_name");
        assert_eq!(names["resource"], "resource_name");
        assert_eq!(names["status"], "status");
    }
}
