//! Newtype ids for every stored row, so a booking id cannot be passed where a
//! customer id is expected. Pure.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// A booking's id (ReserveKit booking `id`).
    BookingId
);
id_type!(
    /// A customer's id (ReserveKit `customer.id`).
    CustomerId
);
id_type!(
    /// A service's id (ReserveKit `service_id`, Boseat `productId`).
    ServiceId
);
id_type!(
    /// A resource's id (Boseat `spaceId`).
    ResourceId
);
id_type!(
    /// A weekly time slot's id (ReserveKit `time_slot_id`).
    TimeSlotId
);
id_type!(
    /// An add-on's id (Boseat `additionalProducts` entry).
    AddOnId
);
id_type!(
    /// A staff member's id.
    StaffId
);
id_type!(
    /// A closure's id (never reused).
    ClosureId
);
id_type!(
    /// An event's id: increases with every change, so `events --since` pages the log.
    EventId
);
id_type!(
    /// A waitlist entry's id (one customer waiting on one slot); never reused.
    WaitlistEntryId
);
