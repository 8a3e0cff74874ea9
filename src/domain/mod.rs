//! The booking engine's rules and the types every layer shares: lifecycle,
//! schedule, availability, validation, the requests and queries the store
//! takes, and the journal. Pure: no I/O, no clock (time arrives as data).
//!
//! # The rules
//!
//! Every write checks them in one transaction (the store runs the checks
//! here inside it); their refusals are [`BookingError`]s:
//!
//! - **Capacity.** A slot's taken seats are the participants of its
//!   bookings that hold capacity: `held` (until the hold lapses), `pending`,
//!   `confirmed`, `checked_in`. A booking that would take more seats than
//!   the slot has is refused: `time slot is full` ([`availability::check_room`]).
//! - **One thing at a time.** Once a slot has a capacity-holding booking,
//!   every other slot of the same resource that overlaps it is blocked
//!   ([`availability::evaluate`]).
//! - **No duplicates.** One customer may hold only one capacity-holding
//!   booking on a slot: `duplicate booking` ([`availability::check_duplicate`]).
//! - **Holds lapse.** A hold stops counting at `hold_expires_at` (the
//!   service's hold minutes, 15 by default) whether or not a sweep has yet
//!   marked it `expired`; the sweep records `booking.expired`
//!   ([`availability::Claim::holds_capacity`]).
//! - **Closed and past slots** cannot be booked; a walk-in may take the
//!   current slot until it ends.
//! - **The lifecycle** is one table ([`BookingStatus::apply`]); any other
//!   step is refused with the current status and the allowed ones.
//!
//! Across desks, every check-then-write is one `BEGIN IMMEDIATE`
//! transaction that also writes its event, so no interleaving breaks a rule
//! and a refused write changes nothing.

pub mod attention;
pub mod availability;
pub mod booking;
pub mod catalog;
pub mod catalog_file;
pub mod catalog_where;
pub mod check;
pub mod choices;
pub mod closure;
pub mod course;
pub mod customer;
pub mod error;
pub mod export;
pub mod free_slots;
pub mod idempotency;
pub mod ids;
pub mod import;
pub mod intake;
pub mod journal;
pub mod limits;
pub mod money;
pub mod outbox;
pub mod query;
pub mod reminders;
pub mod requests;
pub mod run_sheet;
pub mod schedule;
pub mod series;
pub mod shell;
pub mod staff;
pub mod status;
pub mod takings;
pub mod text;
pub mod typed_date;
pub mod waitlist;
pub mod wall_clock;

pub use attention::{AffectedBooking, AttentionReason, CatalogApplied, NeedsAttention};
pub use availability::{Claim, Slot, SlotState, Unavailable};
pub use booking::{AddOnLine, Answer, Booking, CustomerSummary, Payment};
pub use closure::{ClosureAdded, ClosureEntry, ClosureOrigin, ClosureRequest};
pub use customer::{PhoneSearch, display_phone};
pub use error::{BookingError, ErrorKind, Failure};
pub use ids::{
    AddOnId, BookingId, ClosureId, CustomerId, EventId, ResourceId, ServiceId, StaffId, TimeSlotId,
    WaitlistEntryId,
};
pub use journal::{
    Actor, BookingChange, CatalogChanges, Change, Event, EventData, EventKind, Origin,
};
pub use query::{
    BookingPage, BookingQuery, BookingSort, CustomerMatch, EventFilter, Pagination, SlotQuery,
};
pub use reminders::Reminder;
pub use requests::{
    BookRequest, BookingEdit, BookingFor, CancelRequest, ConfirmRequest, CustomerPatch,
    HoldRequest, InitialStatus, PaymentInput, WalkInRequest,
};
pub use schedule::{Occurrence, SlotRef, TimeSlot};
pub use series::{
    SeriesBooked, SeriesId, SeriesKind, SeriesMode, SeriesPlace, SeriesRefusal, SeriesRequest,
};
pub use staff::StaffMember;
pub use status::{BookingStatus, PaymentMethod, PaymentOption, PaymentStatus, Role, Transition};
pub use takings::{CurrencyTotal, MethodTakings, MoneyMove, SignOff, Takings, TakingsEntry};
pub use waitlist::{WaitlistEntry, WaitlistRequest, WaitlistStatus};
