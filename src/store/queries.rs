//! Reading bookings: one by id, or a filtered, sorted page (ReserveKit
//! `GET /v1/bookings` with `pagination`). Queries touch only the rows asked
//! for: a day's bookings come from the `bookings_date` index.

use super::Store;
use super::codec::{date_col, day, instant, parsed, parsed_opt};
use super::error::Result;
use crate::domain::{
    AddOnId, AddOnLine, Answer, Booking, BookingError, BookingId, BookingStatus, CustomerId,
    CustomerSummary, Payment, ResourceId, ServiceId, TimeSlotId,
};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde::Serialize;

const BOOKING_SELECT: &str = "SELECT b.id, b.service_id, s.name, b.resource_id, r.name, b.date,
    b.time_slot_id, b.starts_at, b.ends_at, b.participants, b.status, b.hold_expires_at,
    b.cancel_reason, b.message, b.payment_status, b.payment_amount, b.payment_currency,
    b.payment_method, b.payment_reference, b.created_at, b.updated_at,
    c.id, c.first_name, c.last_name, c.email, c.phone, c.created_at, c.updated_at
  FROM bookings b
  JOIN services s ON s.id = b.service_id
  JOIN resources r ON r.id = b.resource_id
  LEFT JOIN customers c ON c.id = b.customer_id";

fn booking_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Booking> {
    let customer = match r.get::<_, Option<i64>>(21)? {
        Some(id) => Some(customer_columns(r, 21, id)?),
        None => None,
    };
    Ok(Booking {
        id: BookingId(r.get(0)?),
        service_id: ServiceId(r.get(1)?),
        service_name: r.get(2)?,
        resource_id: ResourceId(r.get(3)?),
        resource_name: r.get(4)?,
        date: date_col(r, 5)?,
        time_slot_id: TimeSlotId(r.get(6)?),
        from: instant(r.get(7)?),
        to: instant(r.get(8)?),
        participants: r.get(9)?,
        status: parsed(r, 10)?,
        hold_expires_at: r.get::<_, Option<i64>>(11)?.map(instant),
        cancel_reason: r.get(12)?,
        message: r.get(13)?,
        customer,
        payment: Payment {
            status: parsed(r, 14)?,
            amount: r.get(15)?,
            currency: r.get(16)?,
            method: parsed_opt(r, 17)?,
            reference: r.get(18)?,
        },
        answers: Vec::new(),
        add_ons: Vec::new(),
        created_at: instant(r.get(19)?),
        updated_at: instant(r.get(20)?),
    })
}

/// Reads the customer columns `id, first, last, email, phone, created, updated`
/// starting at `at`.
pub(super) fn customer_columns(
    r: &rusqlite::Row<'_>,
    at: usize,
    id: i64,
) -> rusqlite::Result<CustomerSummary> {
    let first_name: String = r.get(at + 1)?;
    let last_name: String = r.get(at + 2)?;
    Ok(CustomerSummary {
        id: CustomerId(id),
        name: format!("{first_name} {last_name}"),
        first_name,
        last_name,
        email: r.get(at + 3)?,
        phone: r.get(at + 4)?,
        created_at: instant(r.get(at + 5)?),
        updated_at: instant(r.get(at + 6)?),
    })
}

/// The booking with `id`, with answers and add-ons. Errors: `booking not found`.
pub(super) fn load_booking(conn: &Connection, id: BookingId) -> Result<Booking> {
    let mut stmt = conn.prepare_cached(&format!("{BOOKING_SELECT} WHERE b.id = ?1"))?;
    let mut booking = stmt
        .query_row([id.0], booking_row)
        .optional()?
        .ok_or(BookingError::BookingNotFound)?;
    attach_details(conn, std::slice::from_mut(&mut booking))?;
    Ok(booking)
}

/// Fills in the answers and add-ons of `bookings` with one query each.
fn attach_details(conn: &Connection, bookings: &mut [Booking]) -> Result<()> {
    let single = bookings.len() == 1;
    let (list, params): (String, Vec<i64>) = match &*bookings {
        [] => return Ok(()),
        // One booking (every write) reuses a cached statement.
        [one] => ("?1".to_owned(), vec![one.id.0]),
        // A page names its ids (statement not cached: its text is unique).
        many => {
            let ids: Vec<String> = many.iter().map(|b| b.id.0.to_string()).collect();
            (ids.join(","), Vec::new())
        }
    };
    let answers = format!(
        "SELECT booking_id, name, value FROM booking_answers WHERE booking_id IN ({list})
         ORDER BY booking_id, position"
    );
    with_statement(conn, &answers, single, |stmt| {
        let rows = stmt.query_map(params_from_iter(&params), |r| {
            Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?))
        })?;
        for row in rows {
            let (id, name, value) = row?;
            if let Some(b) = bookings.iter_mut().find(|b| b.id.0 == id) {
                b.answers.push(Answer { name, value });
            }
        }
        Ok(())
    })?;
    let add_ons = format!(
        "SELECT booking_id, add_on_id, name, price FROM booking_add_ons WHERE booking_id IN ({list})
         ORDER BY booking_id, name"
    );
    with_statement(conn, &add_ons, single, |stmt| {
        let rows = stmt.query_map(params_from_iter(&params), |r| {
            Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        for row in rows {
            let (id, add_on, name, price) = row?;
            if let Some(b) = bookings.iter_mut().find(|b| b.id.0 == id) {
                b.add_ons.push(AddOnLine {
                    id: AddOnId(add_on),
                    name,
                    price,
                });
            }
        }
        Ok(())
    })
}

/// Runs `f` on `sql` prepared through the statement cache or not.
fn with_statement<T>(
    conn: &Connection,
    sql: &str,
    cached: bool,
    f: impl FnOnce(&mut rusqlite::Statement<'_>) -> Result<T>,
) -> Result<T> {
    if cached {
        let mut stmt = conn.prepare_cached(sql)?;
        f(&mut stmt)
    } else {
        f(&mut conn.prepare(sql)?)
    }
}

/// The order of a booking list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BookingSort {
    /// By slot start (the default).
    #[default]
    Starts,
    /// By creation time.
    Created,
    /// By customer last then first name.
    Customer,
    /// By service name.
    Service,
    /// By status name.
    Status,
}

impl BookingSort {
    /// Slot order is local date then start: the same order as `starts_at`
    /// for one location, and it lets `bookings_date` serve date ranges.
    fn order_by(self) -> &'static str {
        match self {
            Self::Starts => "b.date {dir}, b.starts_at {dir}, b.id {dir}",
            Self::Created => "b.created_at {dir}, b.id {dir}",
            Self::Customer => "c.last_name {dir}, c.first_name {dir}, b.starts_at, b.id",
            Self::Service => "s.name {dir}, b.starts_at, b.id",
            Self::Status => "b.status {dir}, b.starts_at, b.id",
        }
    }

    /// The tables the order needs besides `bookings b`.
    fn joins(self) -> &'static str {
        match self {
            Self::Customer => "LEFT JOIN customers c ON c.id = b.customer_id",
            Self::Service => "JOIN services s ON s.id = b.service_id",
            _ => "",
        }
    }
}

/// Which bookings to list (ReserveKit `GET /v1/bookings` query), all filters
/// optional. Dates are the slots' local dates, inclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingQuery {
    /// One service.
    pub service: Option<ServiceId>,
    /// One resource.
    pub resource: Option<ResourceId>,
    /// First local date.
    pub from: Option<NaiveDate>,
    /// Last local date.
    pub to: Option<NaiveDate>,
    /// One status.
    pub status: Option<BookingStatus>,
    /// Text found in the customer's name, email or phone.
    pub customer_text: Option<String>,
    /// One customer.
    pub customer: Option<CustomerId>,
    /// Order.
    pub sort: BookingSort,
    /// Newest/largest first.
    pub descending: bool,
    /// Page number, from 1.
    pub page: u32,
    /// Bookings per page, 1 to 500.
    pub page_size: u32,
}

impl Default for BookingQuery {
    fn default() -> Self {
        Self {
            service: None,
            resource: None,
            from: None,
            to: None,
            status: None,
            customer_text: None,
            customer: None,
            sort: BookingSort::default(),
            descending: false,
            page: 1,
            page_size: 50,
        }
    }
}

/// One page of bookings and where it sits (ReserveKit `pagination`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BookingPage {
    /// The bookings on this page.
    pub bookings: Vec<Booking>,
    /// Page position and totals.
    pub pagination: Pagination,
}

/// ReserveKit's pagination object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pagination {
    /// This page, from 1.
    pub current_page: u32,
    /// Pages in all (at least 1).
    pub total_pages: u32,
    /// Bookings matching the filters.
    pub total_count: u64,
    /// Bookings per page.
    pub page_size: u32,
}

impl Store {
    /// The booking with `id`. Errors: `booking not found`.
    pub fn booking(&self, id: BookingId) -> Result<Booking> {
        load_booking(&self.conn, id)
    }

    /// Every booking on the local dates `from` to `to` (optionally of one
    /// resource), all statuses, in slot order: what a day board or a week
    /// shows. No count and no paging, so a day move stays a few milliseconds.
    pub fn bookings_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        resource: Option<ResourceId>,
    ) -> Result<Vec<Booking>> {
        let mut bookings = self
            .conn
            .prepare_cached(&format!(
                "{BOOKING_SELECT} WHERE b.date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR b.resource_id = ?3)
                 ORDER BY b.date, b.starts_at, b.id"
            ))?
            .query_map(rusqlite::params![day(from), day(to), resource.map(|r| r.0)], booking_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        attach_details(&self.conn, &mut bookings)?;
        Ok(bookings)
    }

    /// One page of bookings matching `query`, with the total count.
    /// Errors: a page size outside 1 to 500 or a page below 1.
    pub fn bookings(&self, query: &BookingQuery) -> Result<BookingPage> {
        if !(1..=500).contains(&query.page_size) || query.page == 0 {
            return Err(
                BookingError::invalid("page must be at least 1 and page size 1 to 500").into(),
            );
        }
        let (filter, values) = filters(query);
        let tx = self.conn.unchecked_transaction()?;
        let total_count = self.count(&tx, &filter, &values)?;
        let dir = if query.descending { "DESC" } else { "ASC" };
        let order = query.sort.order_by().replace("{dir}", dir);
        let offset = u64::from(query.page - 1) * u64::from(query.page_size);
        // The page's ids first, from the indexes alone; then only those rows joined.
        let mut paged = values.clone();
        paged.push(Value::Integer(i64::from(query.page_size)));
        paged.push(Value::Integer(i64::try_from(offset).unwrap_or(i64::MAX)));
        let ids_sql = format!(
            "SELECT b.id FROM bookings b {} WHERE {filter} ORDER BY {order} LIMIT ?{} OFFSET ?{}",
            query.sort.joins(),
            paged.len() - 1,
            paged.len()
        );
        let ids: Vec<String> = tx
            .prepare_cached(&ids_sql)?
            .query_map(params_from_iter(paged.iter()), |r| r.get::<_, i64>(0))?
            .map(|id| id.map(|id| id.to_string()))
            .collect::<rusqlite::Result<_>>()?;
        let mut bookings = if ids.is_empty() {
            Vec::new()
        } else {
            let page_sql = format!(
                "{BOOKING_SELECT} WHERE b.id IN ({}) ORDER BY {order}",
                ids.join(",")
            );
            tx.prepare(&page_sql)?
                .query_map([], booking_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?
        };
        attach_details(&tx, &mut bookings)?;
        tx.finish()?;
        let total_pages = total_count.div_ceil(u64::from(query.page_size)).max(1);
        Ok(BookingPage {
            bookings,
            pagination: Pagination {
                current_page: query.page,
                total_pages: u32::try_from(total_pages).unwrap_or(u32::MAX),
                total_count,
                page_size: query.page_size,
            },
        })
    }

    /// Bookings matching `filter`, remembered until this or another
    /// connection writes (paging a list does not recount a million rows).
    fn count(&self, conn: &Connection, filter: &str, values: &[Value]) -> Result<u64> {
        let version: i64 = conn.pragma_query_value(None, "data_version", |r| r.get(0))?;
        let key = CountKey {
            filter: filter.to_owned(),
            values: format!("{values:?}"),
            data_version: version,
            own_changes: conn.total_changes(),
        };
        if let Some((cached, count)) = self.count_cache.borrow().as_ref()
            && *cached == key
        {
            return Ok(*count);
        }
        let count: i64 = conn
            .prepare_cached(&format!("SELECT COUNT(*) FROM bookings b WHERE {filter}"))?
            .query_row(params_from_iter(values.iter()), |r| r.get(0))?;
        let count = u64::try_from(count).unwrap_or_default();
        *self.count_cache.borrow_mut() = Some((key, count));
        Ok(count)
    }
}

/// What a remembered count was counted for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CountKey {
    filter: String,
    values: String,
    data_version: i64,
    own_changes: u64,
}

/// The WHERE clause and its values for `query`.
fn filters(query: &BookingQuery) -> (String, Vec<Value>) {
    let mut clauses = vec!["1 = 1".to_owned()];
    let mut values: Vec<Value> = Vec::new();
    let mut push = |clause: &str, value: Value| {
        values.push(value);
        clauses.push(clause.replace('?', &format!("?{}", values.len())));
    };
    match (query.from, query.to) {
        // One day: equality lets `bookings_date` give the order and stop at the page.
        (Some(from), Some(to)) if from == to => push("b.date = ?", Value::Text(day(from))),
        (from, to) => {
            if let Some(from) = from {
                push("b.date >= ?", Value::Text(day(from)));
            }
            if let Some(to) = to {
                push("b.date <= ?", Value::Text(day(to)));
            }
        }
    }
    if let Some(s) = query.service {
        push("b.service_id = ?", Value::Integer(s.0));
    }
    if let Some(r) = query.resource {
        push("b.resource_id = ?", Value::Integer(r.0));
    }
    if let Some(s) = query.status {
        push("b.status = ?", Value::Text(s.as_str().to_owned()));
    }
    if let Some(c) = query.customer {
        push("b.customer_id = ?", Value::Integer(c.0));
    }
    if let Some(text) = query
        .customer_text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let escaped = text
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        // Search the customers first, then their bookings by `bookings_customer`.
        push(
            "b.customer_id IN (SELECT id FROM customers WHERE first_name || ' ' || last_name
                 LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\' OR phone LIKE ? ESCAPE '\\')",
            Value::Text(format!("%{escaped}%")),
        );
    }
    (clauses.join(" AND "), values)
}
