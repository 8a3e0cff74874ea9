//! Series: several slots booked for one customer in one step and linked by
//! a series id — a weekly series ("six weekly physio sessions", every 1 or
//! 2 weeks) or a course's fixed sessions (Wix "book the entire course").
//! Here: the request, its outcome, and the dates of a weekly series. Pure.

use super::booking::Booking;
use super::error::BookingError;
use super::idempotency::book_fingerprint;
use super::ids::TimeSlotId;
use super::requests::BookRequest;
use super::schedule::SlotRef;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::fmt;

/// The fewest weeks a weekly series books.
pub const MIN_WEEKS: u32 = 2;
/// The most weeks a weekly series books (a year).
pub const MAX_WEEKS: u32 = 52;
/// The most slots one series request may name (a course's sessions too).
pub const MAX_SLOTS: usize = 366;

/// A series' id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SeriesId(pub i64);

impl fmt::Display for SeriesId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What links a series' bookings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum SeriesKind {
    /// The same weekly time, every `every_weeks` (1 or 2) weeks.
    Weekly { every_weeks: u32 },
    /// A course's fixed list of sessions.
    Course,
}

impl SeriesKind {
    /// The stored word: `weekly` or `course`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Weekly { .. } => "weekly",
            Self::Course => "course",
        }
    }

    /// What one of its bookings is called for people: `week` or `session`.
    pub fn unit(self) -> &'static str {
        match self {
            Self::Weekly { .. } => "week",
            Self::Course => "session",
        }
    }

    /// The every-N-weeks of a weekly series; `None` for a course.
    pub fn every_weeks(self) -> Option<u32> {
        match self {
            Self::Weekly { every_weeks } => Some(every_weeks),
            Self::Course => None,
        }
    }

    /// The kind as stored (`kind`, `every_weeks`); `None` for an unknown word.
    pub fn from_stored(kind: &str, every_weeks: Option<u32>) -> Option<Self> {
        match kind {
            "weekly" => Some(Self::Weekly {
                every_weeks: every_weeks.unwrap_or(1),
            }),
            "course" => Some(Self::Course),
            _ => None,
        }
    }
}

/// What happens when some slots of a series cannot be booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesMode {
    /// One refused slot refuses the whole series; nothing is booked.
    #[default]
    AllOrNone,
    /// The slots that can be booked are; the rest are listed with reasons.
    Partial,
}

/// A booking's place in its series, for people: "week 3 of 6".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesPlace {
    pub kind: SeriesKind,
    /// 1-based position in the series as asked for (refused slots keep
    /// their positions, so a partial series may skip numbers).
    pub position: u32,
    /// How many slots the series asked for.
    pub of: u32,
}

impl SeriesPlace {
    /// Whether a move of this booking can take later weeks with it: a
    /// weekly series' booking before its last (a course's sessions are
    /// fixed in the catalog and never move).
    pub fn has_later_weeks(self) -> bool {
        matches!(self.kind, SeriesKind::Weekly { .. }) && self.position < self.of
    }
}

impl fmt::Display for SeriesPlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            SeriesKind::Weekly { .. } => "series",
            SeriesKind::Course => "course",
        };
        write!(
            f,
            "{what}: {} {} of {}",
            self.kind.unit(),
            self.position,
            self.of
        )
    }
}

/// A request for a series: the slots, in order, booked for one customer
/// in ONE transaction. `booking` gives the customer, seats, note, answers,
/// add-ons and status of every booking (its `slot` is ignored); its
/// `idempotency_key` is the series' key: the same key with the same
/// request returns the same series, with a different request it is a
/// conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesRequest {
    pub kind: SeriesKind,
    /// 1 to [`MAX_SLOTS`] slots, no slot twice.
    pub slots: Vec<SlotRef>,
    pub booking: BookRequest,
    pub mode: SeriesMode,
}

/// One slot of a series that could not be booked, and why in the engine's
/// words (`time slot is full`, `duplicate booking`, `time slot is closed: …`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesRefusal {
    /// 1-based position in the series as asked for.
    pub position: u32,
    #[serde(with = "slot_text")]
    pub slot: SlotRef,
    pub reason: String,
}

impl SeriesRefusal {
    /// One line for people: `week 4, Thu 24 Dec 2026 (3@2026-12-24): time
    /// slot is full`, with `unit` the series kind's ([`SeriesKind::unit`]).
    pub fn line(&self, unit: &str) -> String {
        format!(
            "{unit} {}, {} ({}): {}",
            self.position,
            self.slot.date.format("%a %d %b %Y"),
            self.slot,
            self.reason
        )
    }
}

/// A series as booked: its id, the bookings made (in series order) and the
/// slots refused (only ever non-empty for [`SeriesMode::Partial`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesBooked {
    pub series_id: SeriesId,
    pub kind: SeriesKind,
    pub booked: Vec<Booking>,
    pub refused: Vec<SeriesRefusal>,
}

/// The slots of a weekly series: `first`, then the same time slot every
/// `every_weeks` weeks, `weeks` slots in all. Whether each occurs (DST gap,
/// validity, closure) is the engine's to say, slot by slot.
/// Errors (invalid input): `weeks` outside [`MIN_WEEKS`]..=[`MAX_WEEKS`],
/// `every_weeks` not 1 or 2, or a date past the calendar's end.
pub fn weekly_slots(
    first: SlotRef,
    weeks: u32,
    every_weeks: u32,
) -> Result<Vec<SlotRef>, BookingError> {
    if !(MIN_WEEKS..=MAX_WEEKS).contains(&weeks) {
        return Err(BookingError::invalid(format!(
            "a weekly series is {MIN_WEEKS} to {MAX_WEEKS} weeks (got {weeks})"
        )));
    }
    if !(1..=2).contains(&every_weeks) {
        return Err(BookingError::invalid(format!(
            "a weekly series repeats every 1 or 2 weeks (got {every_weeks})"
        )));
    }
    (0..weeks)
        .map(|i| {
            let date = first
                .date
                .checked_add_days(Days::new(u64::from(i * every_weeks * 7)))
                .filter(|d| *d <= super::schedule::OPEN_END)
                .ok_or_else(|| BookingError::invalid("a weekly series runs past the year 9999"))?;
            Ok(SlotRef {
                time_slot_id: first.time_slot_id,
                date,
            })
        })
        .collect()
}

/// Checks a series request's shape before anything is written.
/// Errors (invalid input): no slots, more than [`MAX_SLOTS`], a slot twice.
pub fn check_slots(slots: &[SlotRef]) -> Result<(), BookingError> {
    if slots.is_empty() {
        return Err(BookingError::invalid("a series needs at least one slot"));
    }
    if slots.len() > MAX_SLOTS {
        return Err(BookingError::invalid(format!(
            "a series is at most {MAX_SLOTS} slots (got {})",
            slots.len()
        )));
    }
    for (i, s) in slots.iter().enumerate() {
        if slots[..i].contains(s) {
            return Err(BookingError::invalid(format!(
                "slot {s} is named twice in the series"
            )));
        }
    }
    Ok(())
}

/// The series request's fingerprint for its idempotency key: everything it
/// asks for.
pub fn series_fingerprint(req: &SeriesRequest) -> String {
    let mut booking = req.booking.clone();
    booking.slot = None;
    booking.idempotency_key = None;
    json!({
        "series": req.kind,
        "mode": req.mode,
        "slots": req.slots.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "booking": book_fingerprint(&booking),
        "notify": booking.notify,
    })
    .to_string()
}

/// The refusal of a whole series: how many slots could not be booked, each
/// on its own line.
pub fn refused_message(
    refused: &[SeriesRefusal],
    asked: usize,
    unit: &str,
    write: SeriesWrite,
) -> String {
    let done = write.done();
    let mut out = format!(
        "the series was not {done}: {} of {asked} {unit}{} cannot be {done}, so nothing was {done}:",
        refused.len(),
        if asked == 1 { "" } else { "s" }
    );
    for r in refused {
        out.push_str("\n  ");
        out.push_str(&r.line(unit));
    }
    out
}

/// What a refused series write was asked to do: book its slots, or move
/// a booking with its later ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesWrite {
    Book,
    Move,
}

impl SeriesWrite {
    /// Its past participle for the refusal: `booked`, `moved`.
    pub fn done(self) -> &'static str {
        match self {
            Self::Book => "booked",
            Self::Move => "moved",
        }
    }
}

/// A slot reference (de)serialized as `TIME_SLOT_ID@YYYY-MM-DD`.
mod slot_text {
    use super::SlotRef;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(slot: &SlotRef, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(slot)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SlotRef, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The slot `TIME_SLOT_ID@DATE`, for tests and callers building series by hand.
pub fn slot(time_slot_id: i64, date: NaiveDate) -> SlotRef {
    SlotRef {
        time_slot_id: TimeSlotId(time_slot_id),
        date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn weekly_slots_step_by_one_or_two_weeks() {
        let first = slot(3, d(2026, 12, 3));
        let weekly = weekly_slots(first, 6, 1).expect("six weeks");
        assert_eq!(weekly.len(), 6);
        assert_eq!(weekly[1].date, d(2026, 12, 10));
        assert_eq!(weekly[5].date, d(2027, 1, 7));
        assert!(weekly.iter().all(|s| s.time_slot_id == TimeSlotId(3)));
        let fortnightly = weekly_slots(first, 3, 2).expect("three fortnights");
        assert_eq!(
            fortnightly.iter().map(|s| s.date).collect::<Vec<_>>(),
            [d(2026, 12, 3), d(2026, 12, 17), d(2026, 12, 31)]
        );
    }

    #[test]
    fn weekly_slots_refuse_counts_outside_the_limits_and_say_them() {
        let first = slot(3, d(2026, 12, 3));
        for weeks in [0, 1, 53, u32::MAX] {
            let e = weekly_slots(first, weeks, 1).expect_err("out of range");
            assert!(e.to_string().contains("2 to 52 weeks"), "{e}");
        }
        for every in [0, 3, u32::MAX] {
            let e = weekly_slots(first, 4, every).expect_err("out of range");
            assert!(e.to_string().contains("every 1 or 2 weeks"), "{e}");
        }
        let late = slot(3, d(9999, 12, 1));
        assert!(weekly_slots(late, 52, 2).is_err());
    }

    #[test]
    fn a_series_names_each_slot_once() {
        let a = slot(1, d(2026, 12, 3));
        assert!(check_slots(&[]).is_err());
        assert!(check_slots(&[a, a]).is_err());
        assert!(check_slots(&[a]).is_ok());
        let many = vec![a; MAX_SLOTS + 1];
        assert!(check_slots(&many).is_err());
    }

    #[test]
    fn a_place_reads_as_week_of_and_a_refusal_names_its_slot() {
        let place = SeriesPlace {
            kind: SeriesKind::Weekly { every_weeks: 1 },
            position: 3,
            of: 6,
        };
        assert_eq!(place.to_string(), "series: week 3 of 6");
        let r = SeriesRefusal {
            position: 4,
            slot: slot(3, d(2026, 12, 24)),
            reason: "time slot is full".into(),
        };
        let text = refused_message(std::slice::from_ref(&r), 6, "week", SeriesWrite::Book);
        assert!(text.contains("1 of 6 weeks"), "{text}");
        assert!(
            text.contains("week 4, Thu 24 Dec 2026 (3@2026-12-24): time slot is full"),
            "{text}"
        );
        let json = serde_json::to_string(&r).expect("json");
        assert!(json.contains("\"slot\":\"3@2026-12-24\""), "{json}");
        let back: SeriesRefusal = serde_json::from_str(&json).expect("back");
        assert_eq!(back, r);
    }
}
