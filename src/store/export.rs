//! Exports' reads: every booking matching a filter, and every customer,
//! streamed to a closure in one read transaction (a year of a million
//! bookings never sits in memory whole), the bookings' answers and add-ons
//! fetched a batch at a time.

use super::Store;
use super::catalog::location;
use super::error::{Result, StoreError};
use super::listing::{LAPSED, filters};
use super::queries::{BOOKING_SELECT, attach_details, booking_row, customer_columns};
use crate::domain::query::check_date_range;
use crate::domain::{Booking, BookingQuery, BookingStatus, CustomerSummary};
use crate::store::db::{self, Db, Params, Row, Value, from_iter};

/// Bookings handed on at a time, with their answers and add-ons read by one
/// query per batch.
const BATCH: usize = 500;

impl Store {
    /// Calls `each` with every booking matching `query`'s service, resource,
    /// customer and local date range (inclusive), in slot order (date,
    /// start, id), with answers and add-ons; `query`'s page, sort and single
    /// status are not used. `statuses` given: only those (`expired` brings
    /// the holds not yet swept too, for the caller to see as expired at its
    /// clock); none: every status, less lapsed holds when
    /// `query.hide_lapsed`. One read transaction; an error from `each` stops
    /// the walk and is returned. Errors: a date range that ends before it
    /// starts; the store's.
    pub fn each_booking<E: From<StoreError>>(
        &self,
        query: &BookingQuery,
        statuses: &[BookingStatus],
        each: impl FnMut(Booking) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        check_date_range(query.from, query.to).map_err(StoreError::from)?;
        let (filter, values) = self.export_filter(query, statuses)?;
        let sql = format!("{BOOKING_SELECT} WHERE {filter} ORDER BY b.date, b.starts_at, b.id");
        walk(
            &self.conn,
            &sql,
            from_iter(values.iter()),
            booking_row,
            attach_details,
            each,
        )
    }

    /// How many bookings [`Store::each_booking`] would walk for `query` and
    /// `statuses` (for a progress bar; the walk's own snapshot may differ).
    pub fn count_for_export(
        &self,
        query: &BookingQuery,
        statuses: &[BookingStatus],
    ) -> Result<u64> {
        check_date_range(query.from, query.to)?;
        let (filter, values) = self.export_filter(query, statuses)?;
        let count: i64 = self
            .conn
            .prepare(&format!("SELECT COUNT(*) FROM bookings b WHERE {filter}"))?
            .query_row(from_iter(values.iter()), |r| r.get(0))?;
        Ok(u64::try_from(count).unwrap_or_default())
    }

    /// Calls `each` with every customer in id order, in one read
    /// transaction; an error from `each` stops the walk and is returned.
    pub fn each_customer<E: From<StoreError>>(
        &self,
        each: impl FnMut(CustomerSummary) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        walk(
            &self.conn,
            "SELECT id, first_name, last_name, email, phone, created_at, updated_at
             FROM customers ORDER BY id",
            (),
            |r| customer_columns(r, 0, r.get(0)?),
            |_, _| Ok(()),
            each,
        )
    }

    /// The WHERE clause of an export: the list's filters (`filters`), then
    /// the statuses asked for, or no lapsed holds when `query` hides them.
    fn export_filter(
        &self,
        query: &BookingQuery,
        statuses: &[BookingStatus],
    ) -> Result<(String, Vec<Value>)> {
        let region = match &query.customer_text {
            Some(_) => location(&self.conn)?.phone_region,
            None => String::new(),
        };
        let listed = BookingQuery {
            status: None,
            ..query.clone()
        };
        let (mut filter, mut values) = filters(self.conn.engine(), &listed, &region);
        if statuses.is_empty() {
            if query.hide_lapsed {
                filter = format!("{filter} AND NOT {LAPSED}");
            }
            return Ok((filter, values));
        }
        let mut words: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
        if statuses.contains(&BookingStatus::Expired) {
            words.push(BookingStatus::Held.as_str());
        }
        words.sort_unstable();
        words.dedup();
        let marks: Vec<String> = words
            .iter()
            .enumerate()
            .map(|(i, _)| format!("?{}", values.len() + i + 1))
            .collect();
        filter = format!("{filter} AND b.status IN ({})", marks.join(", "));
        values.extend(words.into_iter().map(|w| Value::Text(w.to_owned())));
        Ok((filter, values))
    }
}

/// Hands every row of `sql` (read by `row`, then `finish`ed a batch of
/// [`BATCH`] at a time on the same connection) to `each`, in order, in one
/// read transaction, never holding the whole result; an error from `each`
/// stops the walk and is returned.
fn walk<T, E: From<StoreError>>(
    conn: &Db,
    sql: &str,
    params: impl Params,
    row: impl FnMut(&Row<'_>) -> db::Result<T>,
    mut finish: impl FnMut(&Db, &mut [T]) -> Result<()>,
    mut each: impl FnMut(T) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let tx = conn.read_scope().map_err(StoreError::from)?;
    let mut stopped = None;
    tx.each_batch(sql, params, BATCH, row, |mut batch| -> Result<bool> {
        finish(&tx, &mut batch)?;
        for item in batch {
            if let Err(e) = each(item) {
                stopped = Some(e);
                return Ok(false);
            }
        }
        Ok(true)
    })?;
    if let Some(e) = stopped {
        return Err(e);
    }
    tx.finish().map_err(StoreError::from)?;
    Ok(())
}
