//! Shared fixtures for the store's integration tests: a real SQLite file in a
//! temp dir (or a new PostgreSQL database: see `engine`) with a small inline
//! catalog applied, fixed instants, and counters for bookings, customers and
//! events. Never reads the clock.
#![allow(dead_code, clippy::unwrap_used, clippy::missing_panics_doc)]

use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};
use slotdesk::domain::catalog_file::Catalog;
use slotdesk::domain::customer::CustomerInput;
use slotdesk::domain::{BookRequest, BookingQuery, HoldRequest, InitialStatus};
use slotdesk::domain::{Booking, BookingError, SlotRef, TimeSlot};
use slotdesk::store::{Store, StoreError};
use tempfile::TempDir;

#[path = "engine.rs"]
pub mod engine;

/// A small location in London: three services, two staff, a room, closures.
///
/// - Ana offers physio (09:00, 10:00) and massage (09:30) on weekdays, so her
///   09:30 massage overlaps both physio slots (one thing at a time).
/// - Ben offers physio (09:00, 10:00) and teaches the yoga class at 10:30,
///   which overlaps his 10:00 physio.
/// - The studio room hosts yoga (capacity 3) at 18:00 and 18:30 on weekdays
///   (overlapping each other) and at 09:00 on Sundays.
/// - Ben is away on Wednesday 2026-06-03; the location shuts on Christmas Day.
pub const CATALOG: &str = r#"
[location]
name = "Test Studio"
time_zone = "Europe/London"
phone_region = "GB"
currency = "GBP"

[[resources]]
key = "ana"
name = "Ana"

[[resources]]
key = "ben"
name = "Ben"

[[resources]]
key = "studio"
name = "Studio"
kind = "room"

[[services]]
key = "physio"
name = "Physio"
duration_minutes = 60
price = "55.00"

[[services]]
key = "massage"
name = "Massage"
duration_minutes = 60
price = "60.00"

[[services]]
key = "yoga"
name = "Yoga"
duration_minutes = 60
capacity = 3
price = "12.00"

[[time_slots]]
service = "physio"
resource = "ana"
days = ["mon", "tue", "wed", "thu", "fri"]
starts = ["09:00", "10:00"]

[[time_slots]]
service = "massage"
resource = "ana"
days = ["mon", "tue", "wed", "thu", "fri"]
starts = ["09:30"]

[[time_slots]]
service = "physio"
resource = "ben"
days = ["mon", "tue", "wed", "thu", "fri"]
starts = ["09:00", "10:00"]

[[time_slots]]
service = "yoga"
resource = "ben"
days = ["mon", "tue", "wed", "thu", "fri"]
starts = ["10:30"]

[[time_slots]]
service = "yoga"
resource = "studio"
days = ["mon", "tue", "wed", "thu", "fri"]
starts = ["18:00", "18:30"]

[[time_slots]]
service = "yoga"
resource = "studio"
days = ["sun"]
starts = ["09:00"]

[[closures]]
resource = "ben"
from = "2026-06-03"
reason = "Training day"

[[closures]]
from = "2026-12-25"
reason = "Christmas Day"
"#;

/// When the catalog is applied: a week before the test week.
pub const SETUP_AT: &str = "2026-05-25T08:00:00Z";
/// The default "now" of a test: Monday of the week before the test week.
pub const NOW: &str = "2026-05-25T12:00:00Z";
/// Monday of the test week (British Summer Time: local = UTC + 1).
pub const MONDAY: &str = "2026-06-01";
/// Tuesday of the test week.
pub const TUESDAY: &str = "2026-06-02";
/// Wednesday of the test week: Ben is away.
pub const WEDNESDAY: &str = "2026-06-03";

/// A store on a fresh file in its own temp dir (kept alive by the returned
/// guard), with [`CATALOG`] applied at [`SETUP_AT`].
pub fn open() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&engine::fresh_db(dir.path(), "slotdesk.db")).unwrap();
    store.apply_catalog(&catalog(), at(SETUP_AT)).unwrap();
    (dir, store)
}

/// [`CATALOG`] parsed.
pub fn catalog() -> Catalog {
    Catalog::from_toml(CATALOG).unwrap()
}

/// An RFC 3339 instant.
pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// [`NOW`] as an instant.
pub fn now() -> DateTime<Utc> {
    at(NOW)
}

/// A `YYYY-MM-DD` date.
pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The active weekly time slot of `service` on `resource` (keys) starting at
/// `starts` (`HH:MM`) on `weekday`.
pub fn time_slot(
    store: &Store,
    service: &str,
    resource: &str,
    weekday: Weekday,
    starts: &str,
) -> TimeSlot {
    let service = store.find_service(service).unwrap().id;
    let resource = store.find_resource(resource).unwrap().id;
    let starts = NaiveTime::parse_from_str(starts, "%H:%M").unwrap();
    store
        .time_slots()
        .unwrap()
        .into_iter()
        .find(|t| {
            t.service_id == service
                && t.resource_id == resource
                && t.weekday == weekday
                && t.starts_local == starts
        })
        .unwrap()
}

/// The slot of `service` on `resource` at local `starts` on `on` (a date).
pub fn slot(store: &Store, service: &str, resource: &str, starts: &str, on: &str) -> SlotRef {
    let on = date(on);
    let t = time_slot(
        store,
        service,
        resource,
        chrono::Datelike::weekday(&on),
        starts,
    );
    SlotRef {
        time_slot_id: t.id,
        date: on,
    }
}

/// A customer with an email and no phone.
pub fn customer(first: &str, last: &str, email: &str) -> CustomerInput {
    CustomerInput {
        first_name: first.to_owned(),
        last_name: last.to_owned(),
        email: Some(email.to_owned()),
        phone: None,
    }
}

/// Jane Doe, `jane@example.com`.
pub fn jane() -> CustomerInput {
    customer("Jane", "Doe", "jane@example.com")
}

/// John Smith, `john@example.com`.
pub fn john() -> CustomerInput {
    customer("John", "Smith", "john@example.com")
}

/// A confirmed one-seat booking of `slot` for `who`.
pub fn book_request(slot: SlotRef, who: CustomerInput) -> BookRequest {
    BookRequest {
        slot: Some(slot),
        customer: who.into(),
        participants: 1,
        status: InitialStatus::Confirmed,
        ..BookRequest::default()
    }
}

/// A hold of `participants` seats on `slot`.
pub fn hold_request(slot: SlotRef, participants: u32) -> HoldRequest {
    HoldRequest {
        slot,
        participants,
        idempotency_key: None,
    }
}

/// Every stored event, oldest first.
pub fn all_events(store: &Store) -> Vec<slotdesk::domain::Event> {
    store
        .events(None, &slotdesk::domain::EventFilter::default(), 1_000_000)
        .unwrap()
}

/// How many events are stored.
pub fn event_count(store: &Store) -> usize {
    all_events(store).len()
}

/// The kinds of the events stored after the first `skip`.
pub fn kinds_after(store: &Store, skip: usize) -> Vec<String> {
    all_events(store)
        .into_iter()
        .skip(skip)
        .map(|e| e.kind.as_str().to_owned())
        .collect()
}

/// Every stored booking, in id order.
pub fn all_bookings(store: &Store) -> Vec<Booking> {
    let mut out = store
        .bookings(&BookingQuery {
            page_size: 500,
            ..BookingQuery::default()
        })
        .unwrap()
        .bookings;
    out.sort_by_key(|b| b.id);
    out
}

/// How many bookings, customers and events are stored.
pub fn counts(store: &Store) -> (usize, usize, usize) {
    (
        all_bookings(store).len(),
        store.customers().unwrap().len(),
        event_count(store),
    )
}

/// The error of a call that must fail (works for results whose value is not
/// `Debug`, such as a [`Store`]).
pub fn refused<T>(result: Result<T, StoreError>) -> StoreError {
    match result {
        Ok(_) => panic!("expected the store to refuse"),
        Err(e) => e,
    }
}

/// The booking-rule error of a call that must be refused by the rules.
pub fn rule_error<T>(result: Result<T, StoreError>) -> BookingError {
    match refused(result) {
        StoreError::Booking(e) => e,
        other => panic!("expected a rule refusal, got {other}"),
    }
}
