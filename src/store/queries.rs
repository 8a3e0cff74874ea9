//! Reading bookings: the row shape, one booking by id with its answers and
//! add-ons, and the bookings of some days (the board). Lists with filters
//! and pages are in `listing`.

use super::Store;
use super::codec::{date_col, day, instant, json_col, parsed, parsed_opt, ts};
use super::error::Result;
use crate::domain::{
    AddOnId, AddOnLine, Answer, Booking, BookingError, BookingId, CustomerId, CustomerSummary,
    Payment, ResourceId, SeriesId, SeriesKind, SeriesPlace, ServiceId, TimeSlotId,
};
use crate::store::db::{self, Db, Engine, Optional, Value, from_iter};
use chrono::NaiveDate;
use chrono::{DateTime, Utc};

/// The columns [`booking_row`] reads, in its order.
macro_rules! booking_columns {
    () => {
        "SELECT b.id, b.service_id, s.name, b.resource_id, r.name, b.date,
    b.time_slot_id, b.starts_at, b.ends_at, b.participants, b.status, b.hold_expires_at,
    b.cancel_reason, b.message, b.payment_status, b.payment_amount, b.payment_currency,
    b.payment_method, b.payment_reference, b.created_at, b.updated_at,
    c.id, c.first_name, c.last_name, c.email, c.phone, c.created_at, c.updated_at,
    b.walk_in, b.notify, b.series_id, b.series_position, sr.kind, sr.every_weeks, sr.size,
    b.choices, b.payment_option, b.decline_reason"
    };
}

/// The tables [`booking_columns`] reads from.
macro_rules! booking_tables {
    () => {
        "
  FROM bookings b
  JOIN services s ON s.id = b.service_id
  JOIN resources r ON r.id = b.resource_id
  LEFT JOIN customers c ON c.id = b.customer_id
  LEFT JOIN series sr ON sr.id = b.series_id"
    };
}

/// Bookings as [`booking_row`] reads them; a `WHERE` may follow.
pub(super) const BOOKING_SELECT: &str = concat!(booking_columns!(), booking_tables!());

/// One booking by id (`?1`), and after its columns whether it has answers
/// and add-ons (so a booking without them, every new hold, is one round
/// trip to a server, not three).
const ONE_BOOKING: &str = concat!(
    booking_columns!(),
    ",
    EXISTS (SELECT 1 FROM booking_answers ba WHERE ba.booking_id = b.id),
    EXISTS (SELECT 1 FROM booking_add_ons bo WHERE bo.booking_id = b.id)",
    booking_tables!(),
    " WHERE b.id = ?1"
);

pub(super) fn booking_row(r: &db::Row<'_>) -> db::Result<Booking> {
    let customer = match r.get::<Option<i64>>(21)? {
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
        hold_expires_at: r.get::<Option<i64>>(11)?.map(instant),
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
        walk_in: r.get(28)?,
        notify: r.get(29)?,
        series_id: r.get::<Option<i64>>(30)?.map(SeriesId),
        series_place: series_place(r, 31)?,
        choices: json_col(r, 35)?,
        payment_option: parsed_opt(r, 36)?,
        decline_reason: r.get(37)?,
        created_at: instant(r.get(19)?),
        updated_at: instant(r.get(20)?),
    })
}

/// Reads `series_position, kind, every_weeks, size` starting at `at`:
/// `None` for a booking outside a series.
fn series_place(r: &db::Row<'_>, at: usize) -> db::Result<Option<SeriesPlace>> {
    let (Some(position), Some(kind), Some(of)) = (
        r.get::<Option<u32>>(at)?,
        r.get::<Option<String>>(at + 1)?,
        r.get::<Option<u32>>(at + 3)?,
    ) else {
        return Ok(None);
    };
    Ok(
        SeriesKind::from_stored(&kind, r.get(at + 2)?).map(|kind| SeriesPlace {
            kind,
            position,
            of,
        }),
    )
}

/// Reads the customer columns `id, first, last, email, phone, created, updated`
/// starting at `at`.
pub(super) fn customer_columns(r: &db::Row<'_>, at: usize, id: i64) -> db::Result<CustomerSummary> {
    let first_name: String = r.get(at + 1)?;
    let last_name: String = r.get(at + 2)?;
    Ok(CustomerSummary {
        id: CustomerId(id),
        // A walk-in may have no last name.
        name: format!("{first_name} {last_name}").trim_end().to_owned(),
        first_name,
        last_name,
        email: r.get(at + 3)?,
        phone: r.get(at + 4)?,
        created_at: instant(r.get(at + 5)?),
        updated_at: instant(r.get(at + 6)?),
    })
}

/// The booking with `id`, with answers and add-ons. Errors: `booking not found`.
pub(super) fn load_booking(conn: &Db, id: BookingId) -> Result<Booking> {
    let (mut booking, answers, add_ons) = conn
        .prepare_cached(ONE_BOOKING)?
        .query_row([id.0], |r| {
            Ok((booking_row(r)?, r.get::<bool>(38)?, r.get::<bool>(39)?))
        })
        .optional()?
        .ok_or(BookingError::BookingNotFound)?;
    attach(
        conn,
        std::slice::from_mut(&mut booking),
        Details { answers, add_ons },
    )?;
    Ok(booking)
}

/// Which details [`attach`] reads.
#[derive(Clone, Copy)]
struct Details {
    answers: bool,
    add_ons: bool,
}

/// Fills in the answers and add-ons of `bookings` with one query each.
pub(super) fn attach_details(conn: &Db, bookings: &mut [Booking]) -> Result<()> {
    attach(
        conn,
        bookings,
        Details {
            answers: true,
            add_ons: true,
        },
    )
}

/// A condition that `column` is one of some ids, with its parameters, and
/// whether its statement is kept for the next list: one id is `= ?1`; on
/// PostgreSQL a list is one text parameter the server splits (one statement
/// for every list, planned once); on SQLite the ids are written out (a
/// statement made for the list, which SQLite prepares in microseconds).
pub(super) struct OneOf {
    pub condition: String,
    pub values: Vec<Value>,
    pub kept: bool,
}

/// [`OneOf`] for `column` and `ids` (not empty) on `engine`.
pub(super) fn one_of(engine: Engine, column: &str, ids: &[i64]) -> OneOf {
    let listed = || ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    match (ids, engine) {
        ([one], _) => OneOf {
            condition: format!("{column} = ?1"),
            values: vec![Value::Integer(*one)],
            kept: true,
        },
        (_, Engine::Postgres) => OneOf {
            condition: format!("{column} = ANY (CAST(string_to_array(?1, ',') AS BIGINT[]))"),
            values: vec![Value::Text(listed())],
            kept: true,
        },
        (_, Engine::Sqlite) => OneOf {
            condition: format!("{column} IN ({})", listed()),
            values: Vec::new(),
            kept: false,
        },
    }
}

/// [`attach_details`], reading only the details `which` names.
fn attach(conn: &Db, bookings: &mut [Booking], which: Details) -> Result<()> {
    if bookings.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = bookings.iter().map(|b| b.id.0).collect();
    let of = one_of(conn.engine(), "booking_id", &ids);
    if which.answers {
        read_answers(conn, bookings, &of)?;
    }
    if which.add_ons {
        read_add_ons(conn, bookings, &of)?;
    }
    Ok(())
}

/// The answers of `bookings`, whose ids `of` names.
fn read_answers(conn: &Db, bookings: &mut [Booking], of: &OneOf) -> Result<()> {
    let answers = format!(
        "SELECT booking_id, name, value FROM booking_answers WHERE {}
         ORDER BY booking_id, position",
        of.condition
    );
    with_statement(conn, &answers, of.kept, |stmt| {
        let rows = stmt.query_map(from_iter(of.values.iter()), |r| {
            Ok((r.get::<i64>(0)?, r.get(1)?, r.get(2)?))
        })?;
        for row in rows {
            let (id, name, value) = row?;
            if let Some(b) = bookings.iter_mut().find(|b| b.id.0 == id) {
                b.answers.push(Answer { name, value });
            }
        }
        Ok(())
    })
}

/// The add-ons of `bookings`, as [`read_answers`].
fn read_add_ons(conn: &Db, bookings: &mut [Booking], of: &OneOf) -> Result<()> {
    let add_ons = format!(
        "SELECT booking_id, add_on_id, name, price FROM booking_add_ons WHERE {}
         ORDER BY booking_id, name",
        of.condition
    );
    with_statement(conn, &add_ons, of.kept, |stmt| {
        let rows = stmt.query_map(from_iter(of.values.iter()), |r| {
            Ok((r.get::<i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
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
pub(super) fn with_statement<T>(
    conn: &Db,
    sql: &str,
    cached: bool,
    f: impl FnOnce(&mut db::Stmt<'_>) -> Result<T>,
) -> Result<T> {
    if cached {
        let mut stmt = conn.prepare_cached(sql)?;
        f(&mut stmt)
    } else {
        f(&mut conn.prepare(sql)?)
    }
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
            .query_map(crate::store::db::params![day(from), day(to), resource.map(|r| r.0)], booking_row)?
            .collect::<db::Result<Vec<_>>>()?;
        attach_details(&self.conn, &mut bookings)?;
        Ok(bookings)
    }

    /// The requests awaiting approval (Wix `CREATED`) whose slot has not
    /// ended at `now`, soonest first, at most 500 (the desk's requests
    /// list; index `bookings_requested`). Empty before a catalog.
    pub fn requests_awaiting(&self, now: DateTime<Utc>) -> Result<Vec<Booking>> {
        let mut bookings = self
            .conn
            .prepare_cached(&format!(
                "{BOOKING_SELECT} WHERE b.status = 'requested' AND b.starts_at >= ?1
                     AND b.ends_at > ?2
                 ORDER BY b.starts_at, b.id LIMIT 500"
            ))?
            .query_map(
                crate::store::db::params![ts(now - LONGEST_REQUEST), ts(now)],
                booking_row,
            )?
            .collect::<db::Result<Vec<_>>>()?;
        attach_details(&self.conn, &mut bookings)?;
        Ok(bookings)
    }
}

/// No slot is longer than a day, so a request whose slot has not ended
/// started at most this long ago (keeps the read on the partial index).
const LONGEST_REQUEST: chrono::Duration = chrono::Duration::hours(24);
