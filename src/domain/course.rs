//! Courses (Wix "book the entire course"): a service whose sessions are a
//! fixed list of dates and local times on one resource, each session a
//! one-off time slot (valid on its one date). One course booking takes a
//! seat in every session, so the course seats as many as its tightest
//! session, and it cannot be booked once its first session has started.
//! Pure: no I/O, no clock.

use super::error::BookingError;
use super::ids::{ResourceId, TimeSlotId};
use super::schedule::{SlotRef, TimeSlot};
use super::series::SeriesRefusal;
use chrono::{DateTime, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use std::fmt;

/// What kind of service it is: an ordinary one (its time slots are booked
/// one by one) or a course (its sessions are booked together).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    /// Slots booked one at a time (the default).
    #[default]
    Standard,
    /// A fixed list of sessions booked whole.
    Course,
}

impl ServiceKind {
    /// The word the catalog file and the database use: `standard`, `course`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::Course => "course",
        }
    }

    /// The kind a word names, or `None` for any other word.
    pub fn parse(word: &str) -> Option<Self> {
        match word.trim() {
            "standard" => Some(Self::Standard),
            "course" => Some(Self::Course),
            _ => None,
        }
    }
}

/// One session of a course: its one-off time slot, in local time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CourseSession {
    pub time_slot_id: TimeSlotId,
    /// The local date it runs on.
    pub date: NaiveDate,
    /// Local start (wall clock).
    pub starts_local: NaiveTime,
    /// Local end (wall clock).
    pub ends_local: NaiveTime,
    /// Seats in this session.
    pub capacity: u32,
}

impl CourseSession {
    /// Its slot, `TIME_SLOT_ID@DATE`.
    pub fn slot_ref(&self) -> SlotRef {
        SlotRef {
            time_slot_id: self.time_slot_id,
            date: self.date,
        }
    }

    /// Its start as a UTC instant in `tz` (the first of a repeated hour),
    /// or `None` when it falls in a daylight-saving gap.
    pub fn starts_at(&self, tz: Tz) -> Option<DateTime<Utc>> {
        match tz.from_local_datetime(&self.date.and_time(self.starts_local)) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
            LocalResult::None => None,
        }
    }
}

/// A course's sessions, in date and time order, all on one resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Course {
    /// The one resource every session is on.
    pub resource_id: ResourceId,
    /// At least one, in order.
    pub sessions: Vec<CourseSession>,
}

/// Which session of how many a slot is: `session 2 of 6`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SessionNumber {
    /// 1-based.
    pub number: usize,
    /// Sessions in the course.
    pub of: usize,
}

impl fmt::Display for SessionNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "session {} of {}", self.number, self.of)
    }
}

impl Course {
    /// The course made of a course service's active one-off time slots
    /// (`slots`, any order), or `None` when it has none.
    pub fn from_time_slots(slots: &[TimeSlot]) -> Option<Self> {
        let mut sessions: Vec<CourseSession> = slots
            .iter()
            .filter(|t| t.active)
            .map(|t| CourseSession {
                time_slot_id: t.id,
                date: t.valid_from,
                starts_local: t.starts_local,
                ends_local: t.ends_local,
                capacity: t.capacity,
            })
            .collect();
        sessions.sort_by_key(|s| (s.date, s.starts_local, s.time_slot_id));
        let resource_id = slots.iter().find(|t| t.active)?.resource_id;
        Some(Self {
            resource_id,
            sessions,
        })
    }

    /// Which session `slot` is, or `None` when it is none of them.
    pub fn session_of(&self, slot: SlotRef) -> Option<SessionNumber> {
        self.sessions
            .iter()
            .position(|s| s.slot_ref() == slot)
            .map(|i| SessionNumber {
                number: i + 1,
                of: self.sessions.len(),
            })
    }

    /// The seats of the tightest session: as many as the course seats.
    pub fn capacity(&self) -> u32 {
        self.sessions.iter().map(|s| s.capacity).min().unwrap_or(0)
    }

    /// Every session's slot, in order.
    pub fn slots(&self) -> Vec<SlotRef> {
        self.sessions.iter().map(CourseSession::slot_ref).collect()
    }

    /// Refuses booking the course `name` at `now` once its first session
    /// has started (a course is booked whole, before it begins).
    /// Errors: [`BookingError::CourseStarted`].
    pub fn check_not_started(
        &self,
        name: &str,
        tz: Tz,
        now: DateTime<Utc>,
    ) -> Result<(), BookingError> {
        let Some(first) = self.sessions.first() else {
            return Ok(());
        };
        match first.starts_at(tz) {
            Some(start) if start > now => Ok(()),
            _ => Err(BookingError::CourseStarted {
                course: name.to_owned(),
                first: format!(
                    "{} {}",
                    first.date.format("%a %d %b %Y"),
                    first.starts_local.format("%H:%M")
                ),
            }),
        }
    }
}

/// Whether a booking on the session `session` of a course (or on an
/// ordinary service's slot, `None`) carries the price: a course's price,
/// its add-ons included, is paid once, on its first session's booking; the
/// other sessions' bookings are due nothing.
pub fn carries_price(session: Option<SessionNumber>) -> bool {
    session.is_none_or(|n| n.number == 1)
}

/// The refusal of a course booking: which sessions (of `of`) cannot take
/// it and why, in the engine's words (`time slot is full`); `asked` is the
/// session whose slot was booked.
pub fn refused_message(course: &str, refused: &[SeriesRefusal], of: usize, asked: usize) -> String {
    let mut out = format!(
        "course `{course}` cannot be booked: a course booking takes a seat in every session, \
         and {} of its {of} sessions cannot take it (session {asked} was asked for), \
         so nothing was booked:",
        refused.len()
    );
    for r in refused {
        out.push_str("\n  ");
        out.push_str(&r.line("session"));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::ids::ServiceId;
    use chrono::Datelike;

    fn slot(id: i64, date: &str, start: &str, capacity: u32) -> TimeSlot {
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
        let starts_local = NaiveTime::parse_from_str(start, "%H:%M").unwrap();
        TimeSlot {
            id: TimeSlotId(id),
            service_id: ServiceId(1),
            resource_id: ResourceId(7),
            weekday: date.weekday(),
            starts_local,
            ends_local: starts_local + chrono::Duration::minutes(60),
            capacity,
            valid_from: date,
            valid_until: date,
            active: true,
        }
    }

    fn course() -> Course {
        Course::from_time_slots(&[
            slot(12, "2027-01-18", "18:00", 8),
            slot(11, "2027-01-11", "18:00", 10),
            slot(13, "2027-01-25", "18:00", 10),
        ])
        .unwrap()
    }

    #[test]
    fn sessions_are_numbered_in_date_order_whatever_their_ids() {
        let c = course();
        let second = SlotRef {
            time_slot_id: TimeSlotId(12),
            date: NaiveDate::from_ymd_opt(2027, 1, 18).unwrap(),
        };
        assert_eq!(c.session_of(second).unwrap().to_string(), "session 2 of 3");
        let elsewhere = SlotRef {
            time_slot_id: TimeSlotId(12),
            date: NaiveDate::from_ymd_opt(2027, 1, 19).unwrap(),
        };
        assert_eq!(c.session_of(elsewhere), None);
    }

    #[test]
    fn the_course_seats_as_many_as_its_tightest_session() {
        assert_eq!(course().capacity(), 8);
    }

    #[test]
    fn a_course_without_active_sessions_is_none() {
        let mut retired = slot(1, "2027-01-11", "18:00", 8);
        retired.active = false;
        assert_eq!(Course::from_time_slots(&[retired]), None);
        assert_eq!(Course::from_time_slots(&[]), None);
    }

    #[test]
    fn a_course_is_bookable_until_its_first_session_starts() {
        let c = course();
        let tz: Tz = "Europe/London".parse().unwrap();
        let start = Utc.with_ymd_and_hms(2027, 1, 11, 18, 0, 0).unwrap();
        let before = start - chrono::Duration::seconds(1);
        assert!(c.check_not_started("Pilates", tz, before).is_ok());
        let refused = c.check_not_started("Pilates", tz, start).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "course `Pilates` has started (its first session was Mon 11 Jan 2027 18:00): \
             a course is booked whole before its first session"
        );
    }

    #[test]
    fn kinds_read_and_write_the_same_words() {
        for k in [ServiceKind::Standard, ServiceKind::Course] {
            assert_eq!(ServiceKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(ServiceKind::parse("class"), None);
    }
}
