//! Courses (Wix "book the entire course"): booking any session's slot of a
//! course books every session, all or none, through the series engine in
//! the same transaction (a series of kind `course`), refused once the
//! first session has started; cancelling any booking of a course booking
//! cancels every session's in one transaction; a single session cannot be
//! held, moved, walked into, waited for or given other seats.

use super::Store;
use super::catalog::{location, service, time_slot};
use super::error::Result;
use super::series::book_series_in;
use crate::domain::catalog::Service;
use crate::domain::course::Course;
use crate::domain::{
    BookRequest, Booking, BookingError, BookingId, CancelRequest, SeriesBooked, SeriesKind,
    SeriesMode, SeriesRequest, SlotRef,
};
use crate::store::db::Db;
use chrono::{DateTime, Utc};

impl Store {
    /// Books the whole course that `req.slot` is a session of, for one
    /// customer, in ONE transaction: a booking on every session (each
    /// through the single booking's rules), linked by a new series of kind
    /// `course`; all or none. The course's price is carried by the first
    /// session's booking ([`crate::domain::course::carries_price`]).
    /// Errors: not a course's session (`NotAllowed`); the course has started
    /// ([`BookingError::CourseStarted`]); a session that cannot take the
    /// seats (full, blocked, closed, a duplicate, …) refuses the course,
    /// naming the session and the engine's reason (`time slot is full`);
    /// otherwise as [`Store::book`].
    pub fn book_course(&mut self, req: &BookRequest, now: DateTime<Utc>) -> Result<SeriesBooked> {
        let slot = req
            .slot
            .ok_or_else(|| BookingError::invalid("a slot is required"))?;
        self.write(now, |conn| {
            let service = service(conn, time_slot(conn, slot.time_slot_id)?.service_id)?;
            let Some(course) = &service.course else {
                return Err(BookingError::NotAllowed(format!(
                    "{} is not a course: book its slot as it is",
                    service.name
                ))
                .into());
            };
            book_whole(conn, &service, course, req, slot, now)
        })
    }

    /// Cancels booking `id` with `request`'s reason; when it is a course
    /// booking's, every other live (pending or confirmed) booking of that
    /// course booking too, in ONE transaction: the course's seats free in
    /// every session. Returns the bookings cancelled, `id`'s first.
    /// Errors: as [`Store::cancel_with`] for any of them (then none is
    /// cancelled).
    pub fn cancel_course_aware(
        &mut self,
        id: BookingId,
        request: &CancelRequest,
        now: DateTime<Utc>,
    ) -> Result<Vec<Booking>> {
        self.cancel_with_more(id, request, now, |store, first| {
            if is_course(first) {
                others_live(store, first)
            } else {
                Ok(Vec::new())
            }
        })
    }
}

/// Whether `b` is one session's booking of a course booking.
pub(super) fn is_course(b: &Booking) -> bool {
    b.series_place.is_some_and(|p| p.kind == SeriesKind::Course)
}

/// The other bookings of `b`'s series still holding a seat, in order.
pub(super) fn others_live(store: &Store, b: &Booking) -> Result<Vec<BookingId>> {
    let Some(series) = b.series_id else {
        return Ok(Vec::new());
    };
    Ok(store
        .series_bookings(series)?
        .into_iter()
        .filter(|x| x.id != b.id && x.status.holds_capacity())
        .map(|x| x.id)
        .collect())
}

/// When `slot` is a course's session, the whole course booked as `req`
/// asks (in the caller's transaction) and the booking on `slot`; `None`
/// for an ordinary service's slot. Errors: as [`Store::book_course`].
pub(super) fn book_if_course(
    conn: &Db,
    req: &BookRequest,
    slot: SlotRef,
    now: DateTime<Utc>,
) -> Result<Option<Booking>> {
    let service = service(conn, time_slot(conn, slot.time_slot_id)?.service_id)?;
    let Some(course) = &service.course else {
        return Ok(None);
    };
    let mut booked = book_whole(conn, &service, course, req, slot, now)?.booked;
    let at = booked
        .iter()
        .position(|b| b.time_slot_id == slot.time_slot_id && b.date == slot.date)
        .unwrap_or_default();
    Ok(Some(booked.swap_remove(at)))
}

/// Refuses a step on one session of a course that only the whole course
/// may take (`what`: `held`, `moved`, `walked into`, `waited for`,
/// `given other seats`).
/// Errors: `NotAllowed` naming the course when `service` is one.
pub(super) fn refuse_one_session(service: &Service, what: &str) -> Result<()> {
    match service.course {
        Some(_) => Err(BookingError::NotAllowed(format!(
            "{} is a course, booked whole: a booking takes a seat in every session, \
             so one session cannot be {what}",
            service.name
        ))
        .into()),
        None => Ok(()),
    }
}

fn book_whole(
    conn: &Db,
    service: &Service,
    course: &Course,
    req: &BookRequest,
    slot: SlotRef,
    now: DateTime<Utc>,
) -> Result<SeriesBooked> {
    let Some(asked) = course.session_of(slot) else {
        return Err(BookingError::NoOccurrence(slot.time_slot_id.0, slot.date).into());
    };
    let tz = location(conn)?.time_zone;
    course.check_not_started(&service.name, tz, now)?;
    let series = SeriesRequest {
        kind: SeriesKind::Course,
        slots: course.slots(),
        booking: BookRequest {
            slot: None,
            ..req.clone()
        },
        mode: SeriesMode::AllOrNone,
    };
    book_series_in(conn, &series, now).map_err(|e| match e {
        super::StoreError::Booking(BookingError::SeriesRefused { refused, .. }) => {
            BookingError::NotAllowed(crate::domain::course::refused_message(
                &service.name,
                &refused,
                course.sessions.len(),
                asked.number,
            ))
            .into()
        }
        e => e,
    })
}
