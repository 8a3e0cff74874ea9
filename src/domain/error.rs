//! The errors of the booking rules, worded as the public booking APIs word
//! them
//! (`time slot is full`, `duplicate booking`, `booking not found`). Pure.

use super::attention::AffectedBooking;
use super::ids::BookingId;
use super::series::SeriesRefusal;
use super::status::{BookingStatus, TransitionError};
use chrono::NaiveDate;

/// How an error is reported: the command line maps these to exit codes
/// 3 (conflict), 4 (not found), 5 (invalid input) and 1 (fault); the desk
/// gets the kind with the words, so it can tell a refusal from a fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The request is well formed but the rules refuse it now.
    Conflict,
    /// What the request names does not exist.
    NotFound,
    /// The request itself is malformed or incomplete.
    Invalid,
    /// Not a refusal: the database, the file or the system failed.
    Fault,
}

/// An error as it reaches the desk: its kind and its words. Nothing has
/// changed when one is reported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    pub kind: ErrorKind,
    /// The engine's words (`time slot is full`, …) or the fault's.
    pub message: String,
    /// For a refused lifecycle step or a lapsed hold, the status the engine
    /// found the booking in ([`BookingError::found_status`]); else `None`.
    /// The desk compares it with what it showed to tell a race lost to
    /// another desk.
    pub found: Option<BookingStatus>,
}

impl Failure {
    /// A fault (not a refusal) in `message`'s words.
    pub fn fault(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Fault,
            message: message.into(),
            found: None,
        }
    }
}

impl From<BookingError> for Failure {
    fn from(e: BookingError) -> Self {
        Self {
            kind: e.kind(),
            message: e.to_string(),
            found: e.found_status(),
        }
    }
}

/// A refusal by the booking engine. Nothing has changed when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BookingError {
    /// Capacity: the slot's taken seats would exceed its capacity (ReserveKit 400).
    #[error("time slot is full")]
    SlotFull,
    /// No duplicates: the customer already holds a booking on this slot (ReserveKit 400).
    #[error("duplicate booking")]
    Duplicate,
    /// One thing at a time: another booking occupies the resource at an
    /// overlapping time.
    #[error("time slot is blocked by booking {0} on the same resource")]
    Blocked(BookingId),
    /// The resource or the location is closed that day.
    #[error("time slot is closed: {0}")]
    Closed(String),
    /// The slot has already ended.
    #[error("time slot is in the past")]
    Past,
    /// The slot starts later than the service's booking horizon (days ahead).
    #[error("time slot is too far ahead: this service takes bookings at most {0} days ahead")]
    TooFarAhead(u32),
    /// The slot starts sooner than the service's minimum notice (minutes).
    #[error("time slot starts too soon: this service needs {0} minutes' notice")]
    TooSoon(u32),
    /// A course (Wix "book the entire course") is booked whole, before its
    /// first session starts.
    #[error(
        "course `{course}` has started (its first session was {first}): a course is booked whole before its first session"
    )]
    CourseStarted {
        /// The course service's name.
        course: String,
        /// Its first session's local date and start (`Mon 11 Jan 2027 18:00`).
        first: String,
    },
    /// A waitlist join for a slot that has the seats free now (Wix
    /// `WAITING_LIST` is for full slots): book it instead.
    #[error("time slot has room for {0}: book it instead of waiting")]
    HasRoom(u32),
    /// The customer is already waiting (or holds an offer) on this slot.
    #[error("duplicate booking: already on this slot's waitlist")]
    AlreadyWaiting,
    /// No waitlist entry has this id.
    #[error("waitlist entry not found")]
    WaitlistEntryNotFound,
    /// The hold lapsed before it was confirmed.
    #[error("hold has expired")]
    HoldExpired,
    /// The lifecycle does not allow this change from the current status.
    #[error(transparent)]
    Transition(#[from] TransitionError),
    /// A release of what is no longer a hold (another desk confirmed or
    /// released it, or it lapsed): nothing is cancelled.
    #[error("#{0} is {1} now, no longer a hold, so it was not released")]
    NoLongerHeld(BookingId, BookingStatus),
    /// A status-independent refusal (moving a checked-in booking, paying twice, …).
    #[error("{0}")]
    NotAllowed(String),
    /// ReserveKit 404.
    #[error("booking not found")]
    BookingNotFound,
    /// No event has this id.
    #[error("event not found")]
    EventNotFound,
    /// No customer has this id.
    #[error("customer not found")]
    CustomerNotFound,
    /// No time slot has this id.
    #[error("time slot not found")]
    TimeSlotNotFound,
    /// The time slot exists but does not occur on that date (wrong weekday,
    /// outside its validity, retired, or in a daylight-saving gap).
    #[error("time slot {0} does not occur on {1}")]
    NoOccurrence(i64, NaiveDate),
    /// No service matches the given name or id.
    #[error("service not found: {0}")]
    ServiceNotFound(String),
    /// No resource matches the given name or id.
    #[error("resource not found: {0}")]
    ResourceNotFound(String),
    /// No closure has this id.
    #[error("closure not found")]
    ClosureNotFound,
    /// The location has no catalog yet.
    #[error(
        "no catalog has been applied yet: run `slotdesk catalog apply FILE.toml` or `slotdesk init --demo`"
    )]
    NoCatalog,
    /// Refunds, deletes and forced statuses are for managers.
    #[error("only a manager may {0}")]
    ManagerOnly(&'static str),
    /// A sign-in with a name or PIN that does not match an active member.
    #[error("wrong name or PIN")]
    SignIn,
    /// Once staff exist, changes name who makes them.
    #[error("sign in first: this database has staff, so a change needs a staff name and PIN")]
    SignInNeeded,
    /// An idempotency key already names another request (payment APIs answer
    /// a conflict, never the first result of something else).
    #[error("idempotency key reused with a different request")]
    KeyReused,
    /// Malformed input: the message says which field and why.
    #[error("{0}")]
    Invalid(String),
    /// A catalog change would strand these live bookings (a removed slot,
    /// service or resource, a capacity below the seats sold, a closure over
    /// their day, another time zone); a manager may force it.
    #[error("{}", strands_message(.0))]
    CatalogStrandsBookings(Vec<AffectedBooking>),
    /// Some slots of a series could not be booked (or its later bookings
    /// moved), so none was (all or none; or a partial series none of whose
    /// slots could be booked): each refused slot with its reason, out of
    /// `asked` slots of `unit`s (`week`, `session`).
    #[error("{}", super::series::refused_message(refused, *asked, unit, *write))]
    SeriesRefused {
        refused: Vec<SeriesRefusal>,
        asked: usize,
        unit: &'static str,
        /// Booking the series' slots, or moving one with its later ones.
        write: super::series::SeriesWrite,
    },
}

/// The refusal's words: the count, each booking on its own line, and what a
/// manager can do.
fn strands_message(affected: &[AffectedBooking]) -> String {
    let mut out = format!(
        "this catalog change affects {} live booking{}, so nothing was changed:",
        affected.len(),
        if affected.len() == 1 { "" } else { "s" }
    );
    for a in affected {
        out.push_str("\n  ");
        out.push_str(&a.to_string());
    }
    out.push_str(
        "\nmove or cancel them first, or a manager applies it anyway with --force \
         (they are then listed on the desk as needing attention)",
    );
    out
}

impl BookingError {
    /// Which of the three reported kinds this error is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::SlotFull
            | Self::Duplicate
            | Self::Blocked(_)
            | Self::Closed(_)
            | Self::Past
            | Self::TooFarAhead(_)
            | Self::TooSoon(_)
            | Self::CourseStarted { .. }
            | Self::HoldExpired
            | Self::HasRoom(_)
            | Self::AlreadyWaiting
            | Self::Transition(_)
            | Self::NotAllowed(_)
            | Self::NoLongerHeld(..)
            | Self::KeyReused
            | Self::CatalogStrandsBookings(_)
            | Self::SeriesRefused { .. } => ErrorKind::Conflict,
            Self::BookingNotFound
            | Self::EventNotFound
            | Self::WaitlistEntryNotFound
            | Self::CustomerNotFound
            | Self::TimeSlotNotFound
            | Self::NoOccurrence(..)
            | Self::ServiceNotFound(_)
            | Self::ResourceNotFound(_)
            | Self::ClosureNotFound
            | Self::NoCatalog => ErrorKind::NotFound,
            Self::ManagerOnly(_) | Self::SignIn | Self::SignInNeeded | Self::Invalid(_) => {
                ErrorKind::Invalid
            }
        }
    }

    /// The status the engine found the booking in, for a refusal that
    /// depends on it: a refused lifecycle step's current status, or
    /// `expired` for a hold that lapsed (swept or not); else `None`.
    pub fn found_status(&self) -> Option<BookingStatus> {
        match self {
            Self::Transition(t) => Some(t.from),
            Self::HoldExpired => Some(BookingStatus::Expired),
            Self::NoLongerHeld(_, status) => Some(*status),
            _ => None,
        }
    }

    /// Shorthand for an [`BookingError::Invalid`] with a message.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::Invalid(message.into())
    }
}
