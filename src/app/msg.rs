//! Everything that reaches `update`: keys, the clock, and the runtime's
//! answers to effects. Pure data.

use super::effect::Write;
use super::overlays::scroll::ScrollRoom;
use crate::domain::availability::Slot;
use crate::domain::catalog::{Location, Resource, Service};
use crate::domain::free_slots::FreeSlotSearch;
use crate::domain::{
    Booking, ClosureAdded, ClosureEntry, CustomerId, CustomerMatch, CustomerSummary, EventId,
    Failure, NeedsAttention, StaffMember, Takings, WaitlistEntry,
};
use crate::domain::{BookingPage, BookingQuery, Event, EventFilter, SeriesBooked};
use chrono::{DateTime, NaiveDate, Utc};
use crossterm::event::KeyEvent;
use std::path::PathBuf;

/// One input to [`update`](super::update).
#[derive(Debug, Clone)]
pub enum Msg {
    /// A key press.
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste): never keys.
    Paste(String),
    /// The terminal's size in columns and rows, at start and on a resize.
    Resized(u16, u16),
    /// How far the overlay on top (the booking detail, help) can scroll,
    /// as the last draw found it; the runtime sends it when it changed.
    ScrollRoom(ScrollRoom),
    /// The clock, about four times a second.
    Tick(DateTime<Utc>),
    /// The catalog as loaded at start and after changes; `None` when the
    /// database has no catalog yet.
    CatalogLoaded(Option<Box<CatalogView>>),
    /// A day of the board.
    DayLoaded(Box<DayView>),
    /// A week of one resource.
    WeekLoaded(Box<DayView>),
    /// The bookings of a local date, every status (the run sheet).
    TodayLoaded(NaiveDate, Vec<Booking>, Vec<ClosureEntry>),
    /// The free slots found for a search, with the list's title.
    FreeSlotsFound(FreeSlotSearch, String, Vec<Slot>),
    /// A page of the bookings list for `query`.
    BookingsLoaded(BookingQuery, Box<BookingPage>),
    /// One booking and its events.
    BookingLoaded(Box<Booking>, Vec<Event>),
    /// The customers a Customers screen search found, by name.
    CustomersLoaded(String, Vec<CustomerMatch>),
    /// One customer's bookings, newest first.
    HistoryLoaded(CustomerId, Vec<Booking>),
    /// The customers on file a picker search found.
    CustomersFound(String, Vec<CustomerMatch>),
    /// The newest events, newest first.
    ActivityLoaded(EventFilter, Vec<Event>),
    /// Live holds now.
    HoldsCounted(u64),
    /// The bookings needing attention, in slot order.
    AttentionLoaded(Vec<NeedsAttention>),
    /// The bookings due a reminder now, soonest first.
    RemindersLoaded(Vec<crate::domain::Reminder>),
    /// The requests awaiting approval, soonest first.
    RequestsLoaded(Vec<crate::domain::Booking>),
    /// Every open waitlist entry and offer on a slot not yet over, by slot
    /// start then queue order.
    WaitlistLoaded(Vec<WaitlistEntry>),
    /// The active staff.
    StaffLoaded(Vec<StaffMember>),
    /// A sign-in's answer: the member, or why not.
    SignedIn(Result<StaffMember, Failure>),
    /// Another desk committed a change.
    DatabaseChanged,
    /// The database answers again after the change poll failed (a server
    /// that went away came back).
    DatabaseBack,
    /// The result of `write`: the booking or customer after it, or why not.
    Written(Box<Write>, Result<Written, Failure>),
    /// A load failed.
    LoadFailed(Failure),
    /// Whether a write has been waiting for another desk's lock for a
    /// while (`true`) or is done waiting (`false`).
    StoreWaiting(bool),
    /// The outbox after the deliverer's pass (sent when it changed).
    OutboxChecked(crate::domain::outbox::OutboxStatus),
    /// The database file is no longer usable by this desk (replaced,
    /// deleted): why, in words; the desk stops writing and says so until it
    /// is closed.
    DatabaseLost(String),
    /// Where the starter catalog file is, or why it could not be written
    /// (in words, with the path).
    StarterWritten(Result<StarterFile, String>),
    /// A day's takings, as `Effect::LoadTakings` asked (kept in
    /// [`AppState::takings`](super::AppState::takings)).
    TakingsLoaded(Box<Takings>),
}

/// The starter catalog file beside the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StarterFile {
    /// Written there now.
    Written(PathBuf),
    /// A file of that name was there already: kept as it is.
    AlreadyThere(PathBuf),
}

/// What a write produced.
#[derive(Debug, Clone)]
pub enum Written {
    /// A booking after the change (for a delete, as it was before), and the
    /// event that recorded the change.
    Booking(Box<Booking>, Option<EventId>),
    /// A customer after the change.
    Customer(Box<CustomerSummary>),
    /// A waitlist entry after the change.
    Waitlist(Box<WaitlistEntry>),
    /// A day's takings with the sign-off just made.
    Takings(Box<Takings>),
    /// A closure made, with the live bookings it strands.
    Closure(Box<ClosureAdded>),
    /// A desk closure removed (reopened), as it was.
    Reopened(Box<ClosureEntry>),
    /// A series booked: its bookings and the weeks refused.
    Series(Box<SeriesBooked>),
    /// A booking cancelled with the later ones of its series, in order.
    CancelledFollowing(Vec<Booking>),
    /// A booking moved with the later ones of its series, in order.
    MovedFollowing(Vec<Booking>),
}

/// The catalog the desk works with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogView {
    /// The location (zone, phone region).
    pub location: Location,
    /// Active services.
    pub services: Vec<Service>,
    /// Active resources.
    pub resources: Vec<Resource>,
}

/// Slots and bookings of a day (or of a week of one resource).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayView {
    /// First date shown.
    pub date: NaiveDate,
    /// Every slot, available or not.
    pub slots: Vec<Slot>,
    /// The bookings on those dates (all statuses), for holds and details.
    pub bookings: Vec<Booking>,
    /// The closures touching those dates (catalog and desk), so the board
    /// can say which closes a slot and reopen a desk one.
    pub closures: Vec<ClosureEntry>,
}
