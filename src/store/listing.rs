//! Booking lists (ReserveKit `GET /v1/bookings` with `pagination`): filters,
//! sort orders and pages, released and expired holds left out on request
//! (and counted). A page takes its ids from the indexes first and joins
//! only those rows; the total is remembered until the data changes.

use super::Store;
use super::catalog::location;
use super::codec::day;
use super::customer_search::customer_condition;
use super::error::Result;
use super::queries::{BOOKING_SELECT, attach_details, booking_row, one_of, with_statement};
use crate::domain::query::check_date_range;
use crate::domain::{BookingError, BookingPage, BookingQuery, BookingSort, Pagination};
use crate::store::db::{self, Db, Engine, Value, from_iter};

/// The ORDER BY of `sort`, with `{dir}` for the direction. Slot order is
/// local date then start: the same order as `starts_at` for one location,
/// and it lets `bookings_date` serve date ranges.
fn order_by(sort: BookingSort) -> &'static str {
    match sort {
        BookingSort::Starts => "b.date {dir}, b.starts_at {dir}, b.id {dir}",
        BookingSort::Created => "b.created_at {dir}, b.id {dir}",
        BookingSort::Customer => "c.last_name {dir}, c.first_name {dir}, b.starts_at, b.id",
        BookingSort::Service => "s.name {dir}, b.starts_at, b.id",
        BookingSort::Status => "b.status {dir}, b.starts_at, b.id",
    }
}

/// Released and expired holds: lapsed holds, and holds cancelled before
/// anyone was named on them. Word for word the condition of the partial
/// index `bookings_lapsed` (`sql/011_…`), so SQLite counts them from it.
pub(super) const LAPSED: &str =
    "(b.status = 'expired' OR (b.status = 'cancelled' AND b.customer_id IS NULL))";

/// The tables `sort` needs besides `bookings b`.
fn joins(sort: BookingSort) -> &'static str {
    match sort {
        BookingSort::Customer => "LEFT JOIN customers c ON c.id = b.customer_id",
        BookingSort::Service => "JOIN services s ON s.id = b.service_id",
        _ => "",
    }
}

impl Store {
    /// One page of bookings matching `query`, with the total count.
    /// Errors: a page size outside 1 to 500, a page below 1, a date range
    /// that ends before it starts.
    pub fn bookings(&self, query: &BookingQuery) -> Result<BookingPage> {
        if !(1..=500).contains(&query.page_size) || query.page == 0 {
            return Err(
                BookingError::invalid("page must be at least 1 and page size 1 to 500").into(),
            );
        }
        check_date_range(query.from, query.to)?;
        let region = match &query.customer_text {
            Some(_) => location(&self.conn)?.phone_region,
            None => String::new(),
        };
        let (filter, values) = filters(self.conn.engine(), query, &region);
        // One read transaction for the count and the page; inside a batch,
        // the batch's transaction already is one.
        let tx = self.conn.read_scope()?;
        let hide = query.hides_lapsed();
        let (matching, lapsed) = self.count(&tx, &filter, &values, hide)?;
        let total_count = matching.saturating_sub(lapsed.unwrap_or(0));
        let order = order(query);
        let (ids_sql, paged) = page_ids_sql(query, &filter, &values);
        let ids: Vec<i64> = tx
            .prepare_cached(&ids_sql)?
            .query_map(from_iter(paged.iter()), |r| r.get::<i64>(0))?
            .collect::<db::Result<_>>()?;
        let mut bookings = if ids.is_empty() {
            Vec::new()
        } else {
            let of = one_of(tx.engine(), "b.id", &ids);
            let page_sql = format!("{BOOKING_SELECT} WHERE {} ORDER BY {order}", of.condition);
            with_statement(&tx, &page_sql, of.kept, |stmt| {
                Ok(stmt
                    .query_map(from_iter(of.values.iter()), booking_row)?
                    .collect::<db::Result<Vec<_>>>()?)
            })?
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
            hidden: lapsed,
        })
    }

    /// Bookings matching `filter`, and (when `lapsed`) how many of them
    /// are released or expired holds, remembered until this or another
    /// connection writes (paging a list does not recount a million rows).
    fn count(&self, conn: &Db, filter: &str, values: &[Value], lapsed: bool) -> Result<Counted> {
        let version = conn.data_version()?;
        let key = CountKey {
            filter: filter.to_owned(),
            values: format!("{values:?}"),
            lapsed,
            data_version: version,
            own_changes: conn.own_changes(),
        };
        if let Some((cached, count)) = self.count_cache.borrow().as_ref()
            && *cached == key
        {
            return Ok(*count);
        }
        let (sql, _) = count_sql(filter, lapsed);
        let count = conn
            .prepare_cached(&sql)?
            .query_row(from_iter(values.iter()), |r| {
                Ok((r.get::<i64>(0)?, r.get::<Option<i64>>(1)?))
            })?;
        let count = (
            u64::try_from(count.0).unwrap_or_default(),
            count.1.map(|n| u64::try_from(n).unwrap_or_default()),
        );
        *self.count_cache.borrow_mut() = Some((key, count));
        Ok(count)
    }
}

/// A count: the bookings matching, and how many of them are released or
/// expired holds when that was asked.
pub(super) type Counted = (u64, Option<u64>);

/// What a remembered count was counted for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CountKey {
    filter: String,
    values: String,
    lapsed: bool,
    data_version: i64,
    own_changes: u64,
}

/// The ORDER BY of `query`: its sort, its direction.
fn order(query: &BookingQuery) -> String {
    let dir = if query.descending { "DESC" } else { "ASC" };
    order_by(query.sort).replace("{dir}", dir)
}

/// The count for `filter`: the matches, and (when `lapsed`) how many of
/// them are released or expired holds, each served by its own index (a
/// date range's by `bookings_date`, the holds always by `bookings_lapsed`);
/// the statement, and the holds' part alone for the plans' test.
fn count_sql(filter: &str, lapsed: bool) -> (String, Option<String>) {
    let all = format!("SELECT COUNT(*) FROM bookings b WHERE {filter}");
    if !lapsed {
        return (format!("SELECT ({all}), NULL"), None);
    }
    // Named: left to itself SQLite reads `bookings_status` and then the
    // cancelled rows, where the partial index alone has the answer.
    let lapsed = format!(
        "SELECT COUNT(*) FROM bookings b INDEXED BY bookings_lapsed WHERE {filter} AND {LAPSED}"
    );
    (format!("SELECT ({all}), ({lapsed})"), Some(lapsed))
}

/// The page's ids, from the indexes alone (then only those rows are
/// joined): the SQL and its values (the filter's, the limit, the offset).
fn page_ids_sql(query: &BookingQuery, filter: &str, values: &[Value]) -> (String, Vec<Value>) {
    let offset = u64::from(query.page - 1) * u64::from(query.page_size);
    let mut paged = values.to_vec();
    paged.push(Value::Integer(i64::from(query.page_size)));
    paged.push(Value::Integer(i64::try_from(offset).unwrap_or(i64::MAX)));
    let visible = if query.hides_lapsed() {
        format!(" AND NOT {LAPSED}")
    } else {
        String::new()
    };
    let sql = format!(
        "SELECT b.id FROM bookings b {} WHERE {filter}{visible} ORDER BY {} LIMIT ?{} OFFSET ?{}",
        joins(query.sort),
        order(query),
        paged.len() - 1,
        paged.len()
    );
    (sql, paged)
}

/// The WHERE clause and its values for `query` (a customer text read as
/// local to `region` when it is a phone).
pub(super) fn filters(engine: Engine, query: &BookingQuery, region: &str) -> (String, Vec<Value>) {
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
    if let Some(o) = query.payment_option {
        push("b.payment_option = ?", Value::Text(o.as_str().to_owned()));
    }
    if let Some(s) = query.status {
        push("b.status = ?", Value::Text(s.as_str().to_owned()));
    }
    if let Some(c) = query.customer {
        push("b.customer_id = ?", Value::Integer(c.0));
    }
    // The customers the text finds as the Customers screen does, all of
    // them, searched inside the same query (and snapshot) as the page.
    if let Some((condition, more)) = query
        .customer_text
        .as_deref()
        .and_then(|text| customer_condition(engine, text, region, "b.customer_id", values.len()))
    {
        values.extend(more);
        clauses.push(condition);
    }
    (clauses.join(" AND "), values)
}

#[cfg(test)]
#[path = "listing_plan_tests.rs"]
mod plans;
