//! The I/O the app asks for: the runtime runs each effect against the store
//! and feeds the result back as a [`Msg`](super::Msg). Pure data.

use crate::domain::CurrencyTotal;
use crate::domain::free_slots::FreeSlotSearch;
use crate::domain::{
    BookRequest, BookingEdit, BookingQuery, ConfirmRequest, CustomerPatch, PaymentInput,
};
use crate::domain::{BookingId, CustomerId, EventId, ResourceId, Role, SlotRef, Transition};
use crate::domain::{
    BookingStatus, CancelRequest, ClosureId, ClosureRequest, EventFilter, SeriesRequest,
    WaitlistEntryId, WaitlistRequest, WalkInRequest,
};
use chrono::NaiveDate;

/// A request for the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// The location, services and resources.
    LoadCatalog,
    /// The board for one day: every slot, the day's bookings, the resources.
    LoadDay(NaiveDate),
    /// Seven days of one resource from a date.
    LoadWeek(ResourceId, NaiveDate),
    /// The bookings of one local date, every status (the run sheet).
    LoadToday(NaiveDate),
    /// The free slots a search asks for (answered as
    /// `Msg::FreeSlotsFound` with `title`).
    FindFreeSlots(FreeSlotSearch, String),
    /// A page of the bookings list.
    LoadBookings(BookingQuery),
    /// One booking with its event history.
    LoadBooking(BookingId),
    /// The Customers screen's list: the first
    /// [`LIST_ROWS`](crate::app::screens::customers::LIST_ROWS) + 1
    /// customers matching a search as typed (trimmed; empty: everyone by
    /// name).
    LoadCustomers(String),
    /// Customers on file matching a picker's search.
    FindCustomers(String),
    /// One customer's bookings.
    LoadCustomerHistory(CustomerId),
    /// The newest events.
    /// The newest events the filter keeps (Activity).
    LoadActivity(EventFilter),
    /// The status bar's counts: how many holds are live now, the bookings
    /// needing attention, the reminders due and the open waitlist (answered
    /// as `HoldsCounted`, `AttentionLoaded`, `RemindersLoaded` and
    /// `WaitlistLoaded`).
    CountHolds,
    /// The active staff, for signing in.
    LoadStaff,
    /// Sign a member in with their PIN; the desk's changes then carry
    /// their name.
    SignIn { name: String, pin: String },
    /// Check whether another desk changed the database.
    PollChanges,
    /// Mark lapsed holds expired.
    Sweep,
    /// A change through the engine.
    Write(Write),
    /// Write the starter catalog to a file beside the database (never over
    /// one already there); answered as `Msg::StarterWritten`.
    WriteStarterCatalog,
    /// One local day's takings (payments and refunds by method, totals per
    /// currency, the sign-off); answered as `Msg::TakingsLoaded`.
    LoadTakings(NaiveDate),
}

/// Who stands behind a manager-only change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Authority {
    /// The role of whoever is at the desk (signed in, or saying so when
    /// there are no staff).
    Role(Role),
    /// A manager who gave their PIN at a clerk's desk; the journal names
    /// both.
    ManagerPin { name: String, pin: String },
}

/// A change through the engine; the result comes back with it as
/// `Msg::Written`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    /// Hold a slot.
    Hold {
        slot: SlotRef,
        /// At least 1 and at most the slot's capacity.
        participants: u32,
        /// The form's idempotency key: a repeated submit holds once.
        key: String,
    },
    /// Book a slot.
    Book(Box<BookRequest>),
    /// Book someone standing at the desk and check them in.
    WalkIn(Box<WalkInRequest>),
    /// Book a series (the same weekly time N weeks), all or none or the
    /// free ones; answered as `Written::Series`.
    BookSeries(Box<SeriesRequest>),
    /// Cancel a booking and the later live ones of its series, one
    /// reason; answered as `Written::CancelledFollowing`.
    CancelFollowing(BookingId, CancelRequest),
    /// Move a booking to a slot and the later live ones of its series by
    /// the same number of days, all or none; answered as
    /// `Written::MovedFollowing`.
    MoveFollowing(BookingId, SlotRef),
    /// Sign off a local day's takings (manager), as shown: refused when
    /// the totals (per currency) are no longer these.
    SignOffTakings(NaiveDate, Vec<CurrencyTotal>, Authority),
    /// Confirm a hold or a pending booking (a form's carries its key).
    Confirm(BookingId, Box<ConfirmRequest>),
    /// Cancel with a reason, under the form's idempotency key.
    Cancel(BookingId, CancelRequest),
    /// A lifecycle step (check in, no-show, complete, decline).
    Transition(BookingId, Transition),
    /// Extend a hold.
    Extend(BookingId),
    /// Move to another slot.
    Move(BookingId, SlotRef),
    /// Record a payment, under the form's idempotency key.
    Pay(BookingId, PaymentInput),
    /// Delete (manager).
    Delete(BookingId, Authority),
    /// Refund the payment (manager).
    Refund(BookingId, Authority),
    /// Merge the second customer into the first, kept (manager).
    MergeCustomers(CustomerId, CustomerId, Authority),
    /// Set a status outside the lifecycle, for a reason (manager).
    ForceStatus(BookingId, BookingStatus, String, Authority),
    /// Undo one change (this desk's last), by its event.
    Undo(EventId),
    /// Edit a customer.
    EditCustomer(CustomerId, CustomerPatch),
    /// Change a booking's message, answers and add-ons.
    Edit(BookingId, BookingEdit),
    /// Put a customer last in a full slot's waitlist.
    JoinWaitlist(Box<WaitlistRequest>),
    /// Take an entry off its waitlist (an open offer's hold is released).
    LeaveWaitlist(WaitlistEntryId),
    /// Close a resource or the location (answered with the bookings it
    /// strands, which the closure walk-through goes through).
    AddClosure(ClosureRequest),
    /// Reopen: remove a desk closure.
    RemoveClosure(ClosureId),
    /// Mark a booking's reminder sent for its current start.
    ReminderSent(BookingId),
    /// Decline a request or a pending booking with the reason.
    Decline(BookingId, Option<String>),
}
