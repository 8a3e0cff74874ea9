//! The booking rules of DESIGN.md as pure code: types, lifecycle, schedule,
//! availability and validation. Pure: no I/O, no clock (time arrives as data).

pub mod availability;
pub mod booking;
pub mod catalog;
pub mod catalog_file;
pub mod customer;
pub mod error;
pub mod ids;
pub mod intake;
pub mod journal;
pub mod money;
pub mod query;
pub mod requests;
pub mod schedule;
pub mod status;

pub use availability::{Claim, Slot, SlotState, Unavailable};
pub use booking::{AddOnLine, Answer, Booking, CustomerSummary, Payment};
pub use error::{BookingError, ErrorKind, Failure};
pub use ids::{AddOnId, BookingId, CustomerId, EventId, ResourceId, ServiceId, TimeSlotId};
pub use journal::{CatalogChanges, Event, EventData, EventKind};
pub use query::{BookingPage, BookingQuery, BookingSort, Pagination, SlotQuery};
pub use requests::{
    BookRequest, BookingEdit, ConfirmRequest, CustomerPatch, HoldRequest, InitialStatus,
    PaymentInput,
};
pub use schedule::{Occurrence, SlotRef, TimeSlot};
pub use status::{BookingStatus, PaymentMethod, PaymentStatus, Role, Transition};
