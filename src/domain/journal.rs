//! The journal: one event per change, of a kind from one closed list
//! (ReserveKit and Boseat webhook names, `booking.created`, …), with the
//! object as it stood after the change as a typed payload. One serialiser
//! writes every payload, whoever records it. Pure.

use super::booking::{Booking, CustomerSummary};
use super::closure::ClosureEntry;
use super::customer::CustomerInput;
use super::ids::{BookingId, CustomerId, EventId};
use super::staff::StaffMember;
use super::status::BookingStatus;
use super::takings::TakingsSigned;
use super::waitlist::WaitlistEntry;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What happened. Stored, printed and serialised as its dotted name
/// ([`EventKind::as_str`]: `booking.created`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum EventKind {
    BookingCreated,
    /// Details changed (message, answers, add-ons), or a hold made pending.
    BookingUpdated,
    BookingConfirmed,
    BookingDeclined,
    BookingCancelled,
    /// A hold lapsed (recorded by the sweep).
    BookingExpired,
    BookingCheckedIn,
    BookingNoShow,
    BookingCompleted,
    BookingHoldExtended,
    BookingMoved,
    BookingPaid,
    BookingRefunded,
    /// Its payload is the booking as it stood before the delete.
    BookingDeleted,
    /// A change undone: the booking back as it was before it.
    BookingUndone,
    /// The booking now belongs to another customer: its own was merged
    /// into that one. Not undoable.
    BookingReassigned,
    /// A manager set the status outside the lifecycle table (Wix's
    /// owner-only status), with a reason; capacity and duplicates still
    /// checked.
    BookingStatusForced,
    /// A manager forced a catalog change that strands this live booking
    /// (its note says why); it is listed as needing attention until moved
    /// or cancelled. Not undoable.
    BookingNeedsAttention,
    /// The customer was sent their reminder for the booking's start (the
    /// desk marked it sent). Not undoable.
    BookingReminderSent,
    CustomerCreated,
    CustomerUpdated,
    /// Two records of one person made one (manager): recorded for the
    /// customer removed (its last state) and for the one kept (after).
    CustomerMerged,
    CatalogApplied,
    StaffAdded,
    StaffRemoved,
    StaffPinChanged,
    /// A customer joined a full slot's waitlist.
    WaitlistJoined,
    /// A seat freed and was held in a waiting customer's name (the offer),
    /// in the transaction that freed it.
    WaitlistOffered,
    /// The offer's hold was confirmed.
    WaitlistAccepted,
    /// The offer's hold lapsed unconfirmed; the next in line is offered.
    WaitlistLapsed,
    /// The customer is off the queue: asked to leave, declined the offer
    /// (the desk released its hold) or booked a seat while waiting; the
    /// payload's status says which.
    WaitlistLeft,
    /// A manager signed off a day's takings (the cash-up), with the totals
    /// as they stood.
    TakingsSignedOff,
    /// A resource or the whole location closed at the desk (a day, days,
    /// or part of a day), with a reason.
    ClosureAdded,
    /// A desk closure removed: reopened.
    ClosureRemoved,
}

/// What an event is about, which decides the shape of its payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Booking,
    Customer,
    Catalog,
    Staff,
    Waitlist,
    /// A day's takings (the cash-up).
    Takings,
    /// A closure.
    Closure,
}

impl EventKind {
    /// Every kind, bookings first.
    pub const ALL: [Self; 34] = [
        Self::BookingCreated,
        Self::BookingUpdated,
        Self::BookingConfirmed,
        Self::BookingDeclined,
        Self::BookingCancelled,
        Self::BookingExpired,
        Self::BookingCheckedIn,
        Self::BookingNoShow,
        Self::BookingCompleted,
        Self::BookingHoldExtended,
        Self::BookingMoved,
        Self::BookingPaid,
        Self::BookingRefunded,
        Self::BookingDeleted,
        Self::BookingUndone,
        Self::BookingReassigned,
        Self::BookingStatusForced,
        Self::BookingNeedsAttention,
        Self::BookingReminderSent,
        Self::CustomerCreated,
        Self::CustomerUpdated,
        Self::CustomerMerged,
        Self::CatalogApplied,
        Self::StaffAdded,
        Self::StaffRemoved,
        Self::StaffPinChanged,
        Self::WaitlistJoined,
        Self::WaitlistOffered,
        Self::WaitlistAccepted,
        Self::WaitlistLapsed,
        Self::WaitlistLeft,
        Self::TakingsSignedOff,
        Self::ClosureAdded,
        Self::ClosureRemoved,
    ];

    /// The stored name: `booking.created`, `customer.updated`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BookingCreated => "booking.created",
            Self::BookingUpdated => "booking.updated",
            Self::BookingConfirmed => "booking.confirmed",
            Self::BookingDeclined => "booking.declined",
            Self::BookingCancelled => "booking.cancelled",
            Self::BookingExpired => "booking.expired",
            Self::BookingCheckedIn => "booking.checked_in",
            Self::BookingNoShow => "booking.no_show",
            Self::BookingCompleted => "booking.completed",
            Self::BookingHoldExtended => "booking.hold_extended",
            Self::BookingMoved => "booking.moved",
            Self::BookingPaid => "booking.paid",
            Self::BookingRefunded => "booking.refunded",
            Self::BookingDeleted => "booking.deleted",
            Self::BookingUndone => "booking.undone",
            Self::BookingReassigned => "booking.reassigned",
            Self::BookingStatusForced => "booking.status_forced",
            Self::BookingNeedsAttention => "booking.needs_attention",
            Self::BookingReminderSent => "booking.reminder_sent",
            Self::CustomerCreated => "customer.created",
            Self::CustomerUpdated => "customer.updated",
            Self::CustomerMerged => "customer.merged",
            Self::CatalogApplied => "catalog.applied",
            Self::StaffAdded => "staff.added",
            Self::StaffRemoved => "staff.removed",
            Self::StaffPinChanged => "staff.pin_changed",
            Self::WaitlistJoined => "waitlist.joined",
            Self::WaitlistOffered => "waitlist.offered",
            Self::WaitlistAccepted => "waitlist.accepted",
            Self::WaitlistLapsed => "waitlist.lapsed",
            Self::WaitlistLeft => "waitlist.left",
            Self::TakingsSignedOff => "takings.signed_off",
            Self::ClosureAdded => "closure.added",
            Self::ClosureRemoved => "closure.removed",
        }
    }

    /// The name after the subject in people's words: `created`, `checked
    /// in`, `no-show` (a status's [`BookingStatus::label`]), `PIN changed`.
    pub fn verb(self) -> String {
        if let Some(status) = self.status_after() {
            return status.label().to_owned();
        }
        if self == Self::StaffPinChanged {
            return "PIN changed".to_owned();
        }
        let name = self.as_str();
        name.split_once('.')
            .map_or(name, |(_, verb)| verb)
            .replace('_', " ")
    }

    /// The whole kind in people's words, subject first: `booking checked
    /// in`, `customer merged`, `staff PIN changed` (the stored and JSON name
    /// is [`Self::as_str`]).
    pub fn words(self) -> String {
        let subject = self.as_str().split('.').next().unwrap_or_default();
        format!("{subject} {}", self.verb())
    }

    /// The status every booking of this kind is in afterwards, for kinds
    /// named after one (`booking.confirmed` → `confirmed`).
    pub fn status_after(self) -> Option<BookingStatus> {
        match self {
            Self::BookingConfirmed => Some(BookingStatus::Confirmed),
            Self::BookingDeclined => Some(BookingStatus::Declined),
            Self::BookingCancelled => Some(BookingStatus::Cancelled),
            Self::BookingExpired => Some(BookingStatus::Expired),
            Self::BookingCheckedIn => Some(BookingStatus::CheckedIn),
            Self::BookingNoShow => Some(BookingStatus::NoShow),
            Self::BookingCompleted => Some(BookingStatus::Completed),
            _ => None,
        }
    }

    /// Whether a change of this kind can be undone: not a delete (the
    /// booking is gone), an expiry (time did it), a refund (a manager's), an
    /// undo (undo the change again instead) or a reassignment (its customer
    /// was merged away), nor customer and catalog changes.
    pub fn undoable(self) -> bool {
        self.subject() == Subject::Booking
            && !matches!(
                self,
                Self::BookingDeleted
                    | Self::BookingExpired
                    | Self::BookingRefunded
                    | Self::BookingUndone
                    | Self::BookingReassigned
                    | Self::BookingNeedsAttention
                    | Self::BookingReminderSent
            )
    }

    /// What the payload of this kind is.
    pub fn subject(self) -> Subject {
        match self {
            Self::CustomerCreated | Self::CustomerUpdated | Self::CustomerMerged => {
                Subject::Customer
            }
            Self::CatalogApplied => Subject::Catalog,
            Self::StaffAdded | Self::StaffRemoved | Self::StaffPinChanged => Subject::Staff,
            Self::WaitlistJoined
            | Self::WaitlistOffered
            | Self::WaitlistAccepted
            | Self::WaitlistLapsed
            | Self::WaitlistLeft => Subject::Waitlist,
            Self::TakingsSignedOff => Subject::Takings,
            Self::ClosureAdded | Self::ClosureRemoved => Subject::Closure,
            _ => Subject::Booking,
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl From<EventKind> for &'static str {
    fn from(kind: EventKind) -> Self {
        kind.as_str()
    }
}

impl TryFrom<String> for EventKind {
    type Error = String;
    fn try_from(name: String) -> Result<Self, Self::Error> {
        name.parse()
    }
}

impl FromStr for EventKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown event kind `{s}`"))
    }
}

/// What applying a catalog changed; all zero when the file was applied before.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogChanges {
    /// Rows created.
    pub added: usize,
    /// Rows whose fields changed.
    pub updated: usize,
    /// Rows the file no longer names: marked inactive (kept for history) or,
    /// for closures, removed.
    pub retired: usize,
}

impl CatalogChanges {
    /// Whether anything changed.
    pub fn is_empty(&self) -> bool {
        self.added + self.updated + self.retired == 0
    }
}

/// A booking event's payload: the booking after the change (for
/// `booking.deleted`, before it) and, when the change named its customer by
/// typing, the details exactly as typed, whatever customer they landed on.
/// Serialised as the booking object with one more field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingChange {
    #[serde(flatten)]
    pub booking: Booking,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_as_typed: Option<CustomerInput>,
    /// Why, when the change needed a reason (a forced status).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An event's payload: the object as it stood after the change (for
/// `booking.deleted`, before it). Serialised as the object itself, the same
/// JSON as `booking --json` or `customer --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum EventData {
    Booking(Box<BookingChange>),
    Customer(CustomerSummary),
    Catalog(CatalogChanges),
    /// A staff member as added, removed or given a new PIN (never the PIN).
    Staff(StaffMember),
    /// A waitlist entry after the change.
    Waitlist(Box<WaitlistEntry>),
    /// A day's takings as signed off.
    Takings(TakingsSigned),
    /// A closure as added or as it was when removed.
    Closure(ClosureEntry),
    /// A stored payload that is not its kind's shape (an older slotdesk's
    /// generated databases wrote a short one), kept as it was so the rest of
    /// the journal still reads.
    Unreadable(serde_json::Value),
}

impl EventData {
    /// The stored text: compact JSON of the object.
    /// Errors: none for these types in practice (no maps with non-text
    /// keys), but a failure is reported rather than stored as nothing.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// Reads stored text as the payload of `kind`; text that is not that
    /// payload's shape is kept as [`EventData::Unreadable`] (as JSON when it
    /// parses, else as a string), never an error.
    pub fn from_json(kind: EventKind, text: &str) -> Self {
        let typed = match kind.subject() {
            Subject::Booking => serde_json::from_str(text).map(Self::Booking),
            Subject::Customer => serde_json::from_str(text).map(Self::Customer),
            Subject::Catalog => serde_json::from_str(text).map(Self::Catalog),
            Subject::Staff => serde_json::from_str(text).map(Self::Staff),
            Subject::Waitlist => serde_json::from_str(text).map(Self::Waitlist),
            Subject::Takings => serde_json::from_str(text).map(Self::Takings),
            Subject::Closure => serde_json::from_str(text).map(Self::Closure),
        };
        typed.unwrap_or_else(|_| {
            Self::Unreadable(
                serde_json::from_str(text)
                    .unwrap_or_else(|_| serde_json::Value::String(text.to_owned())),
            )
        })
    }

    /// A booking payload for `booking`, with the customer as typed if the
    /// change named one by typing.
    pub fn booking_change(booking: Booking, customer_as_typed: Option<CustomerInput>) -> Self {
        Self::Booking(Box::new(BookingChange {
            booking,
            customer_as_typed,
            note: None,
        }))
    }

    /// Why the change was made, when it needed a reason.
    pub fn note(&self) -> Option<&str> {
        match self {
            Self::Booking(b) => b.note.as_deref(),
            _ => None,
        }
    }

    /// The booking it is about, if any.
    pub fn booking(&self) -> Option<&Booking> {
        match self {
            Self::Booking(b) => Some(&b.booking),
            _ => None,
        }
    }

    /// The booking's id, if it is about one.
    pub fn booking_id(&self) -> Option<BookingId> {
        self.booking().map(|b| b.id)
    }

    /// The customer it concerns: the customer itself, or the booking's.
    pub fn customer_id(&self) -> Option<CustomerId> {
        match self {
            Self::Booking(b) => b.booking.customer.as_ref().map(|c| c.id),
            Self::Customer(c) => Some(c.id),
            Self::Waitlist(w) => Some(w.customer.id),
            Self::Catalog(_)
            | Self::Staff(_)
            | Self::Takings(_)
            | Self::Closure(_)
            | Self::Unreadable(_) => None,
        }
    }
}

/// Where a change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Desk,
    Cli,
    /// Data brought in: an import, or the demo's made-up history.
    Import,
}

impl Origin {
    /// The stored word: `desk`, `cli`, `import`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Desk => "desk",
            Self::Cli => "cli",
            Self::Import => "import",
        }
    }
}

impl FromStr for Origin {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [Self::Desk, Self::Cli, Self::Import]
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| format!("unknown origin `{s}`"))
    }
}

/// Who makes the changes a store writes: where from, and which staff
/// member (by name) when someone is signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub origin: Origin,
    pub staff: Option<String>,
}

/// One field that a change altered: its value before and after, as the
/// payload's JSON writes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub field: String,
    pub before: serde_json::Value,
    pub after: serde_json::Value,
}

/// The top-level fields that differ between two payloads of the same thing
/// (`before` the change and `after` it), by field name, leaving
/// out `updated_at` (every change moves it) and `customer_as_typed` (not a
/// field of the thing). Anything but two objects has no fields to compare.
pub fn changes(before: &serde_json::Value, after: &serde_json::Value) -> Vec<Change> {
    let (Some(before), Some(after)) = (before.as_object(), after.as_object()) else {
        return Vec::new();
    };
    after
        .iter()
        .filter(|(field, _)| !matches!(field.as_str(), "updated_at" | "customer_as_typed"))
        .filter_map(|(field, value)| {
            let old = before
                .get(field)
                .cloned()
                .unwrap_or(serde_json::Value::Null);
            (old != *value).then(|| Change {
                field: field.clone(),
                before: old,
                after: value.clone(),
            })
        })
        .collect()
}

/// One recorded change (ReserveKit/Boseat webhook event).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Increases with every change; never reused.
    pub id: EventId,
    /// When it was recorded, UTC.
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    pub booking_id: Option<BookingId>,
    pub customer_id: Option<CustomerId>,
    pub data: EventData,
    /// `None` for events older than the journal's origin column.
    pub origin: Option<Origin>,
    /// The staff member signed in, by name as it was then.
    pub staff: Option<String>,
    /// For a change to something that existed: what it altered.
    pub changes: Vec<Change>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_stored_name_and_serde() {
        for kind in EventKind::ALL {
            assert_eq!(kind.as_str().parse::<EventKind>(), Ok(kind));
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        assert!("booking.teleported".parse::<EventKind>().is_err());
    }

    #[test]
    fn every_kind_has_peoples_words_without_underscores() {
        assert_eq!(EventKind::BookingNoShow.verb(), "no-show");
        assert_eq!(EventKind::BookingNoShow.words(), "booking no-show");
        assert_eq!(
            EventKind::BookingHoldExtended.words(),
            "booking hold extended"
        );
        assert_eq!(EventKind::StaffPinChanged.words(), "staff PIN changed");
        for kind in EventKind::ALL {
            assert!(!kind.words().contains('_'), "{}", kind.words());
            assert!(!kind.verb().contains('_'), "{}", kind.verb());
        }
    }

    #[test]
    fn a_kinds_payload_shape_follows_its_subject() {
        assert_eq!(EventKind::BookingPaid.subject(), Subject::Booking);
        assert_eq!(EventKind::CustomerUpdated.subject(), Subject::Customer);
        assert_eq!(EventKind::CatalogApplied.subject(), Subject::Catalog);
        assert_eq!(EventKind::BookingCheckedIn.verb(), "checked in");
        let changes = EventData::Catalog(CatalogChanges {
            added: 3,
            updated: 0,
            retired: 1,
        });
        let text = changes.to_json().unwrap();
        assert_eq!(text, r#"{"added":3,"updated":0,"retired":1}"#);
        assert_eq!(
            EventData::from_json(EventKind::CatalogApplied, &text),
            changes
        );
    }

    #[test]
    fn changes_list_the_fields_that_differ_but_not_the_clock() {
        let before =
            serde_json::json!({"id": 7, "status": "held", "message": null, "updated_at": 1});
        let after =
            serde_json::json!({"id": 7, "status": "confirmed", "message": "hi", "updated_at": 2});
        let found = changes(&before, &after);
        let fields: Vec<&str> = found.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["message", "status"]);
        assert_eq!(found[1].before, "held");
        assert_eq!(found[1].after, "confirmed");
        assert!(changes(&after, &after).is_empty());
        assert!(changes(&serde_json::Value::Null, &after).is_empty());
    }

    #[test]
    fn a_payload_of_another_shape_is_kept_as_it_was_stored() {
        // What an older slotdesk's bulk loader wrote for booking.created.
        let short = r#"{"date":"2026-11-23","id":7,"status":"confirmed"}"#;
        let data = EventData::from_json(EventKind::BookingCreated, short);
        assert!(matches!(data, EventData::Unreadable(_)), "{data:?}");
        assert_eq!(data.to_json().unwrap(), short);
        assert_eq!(data.booking(), None);
        let garbage = EventData::from_json(EventKind::CustomerUpdated, "not json");
        assert_eq!(garbage, EventData::Unreadable("not json".into()));
    }
}
