//! The desk's intents, named as verbs. These are what keys are bound to and
//! what the command palette lists; the keymap file names them in snake_case.
//! Each action's words live here once: a short hint for the key bar and a
//! description for help and the palette.

use serde::{Deserialize, Serialize};

/// Something the user can ask for with a key or from the palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    Palette,
    ShowBoard,
    ShowBookings,
    ShowCustomers,
    ShowActivity,
    /// The run sheet: today's bookings with who has arrived.
    ShowToday,
    /// Book someone standing at the desk into the slot running now (or the
    /// next with room) and check them in.
    WalkIn,
    /// Today: check in the selected booking at once.
    MarkArrived,
    /// Today: mark the selected booking a no-show (after its start).
    MarkNoShow,
    /// Today: complete the selected booking.
    MarkDone,
    /// Today: only one resource's bookings (cycles, then all).
    FilterResource,
    /// Board: the next free slots of a service (from a full slot: its
    /// three nearest alternatives).
    FindFree,
    /// Today: a manager signs off the day's takings (the cash-up).
    SignOffTakings,
    MoveUp,
    MoveDown,
    MoveLeft,
    MoveRight,
    PageUp,
    PageDown,
    /// A scrolled view (the booking detail, help): back to its top.
    Top,
    /// A scrolled view: on to its end.
    Bottom,
    /// Board: the day (or week) before.
    DayBack,
    /// Board: the day (or week) after.
    DayForward,
    Today,
    GoToDate,
    /// Board: the selected resource's week (toggle).
    WeekView,
    /// Board: the next booking within the selected slot.
    NextBooking,
    /// Hold the selected slot for the service's hold minutes.
    Reserve,
    NewBooking,
    /// Confirm the selected hold or pending booking.
    Confirm,
    /// Cancel the selected booking, or release the selected hold.
    Cancel,
    /// Edit the selected booking's message, answers and add-ons.
    EditBooking,
    /// Pick another slot on the board for the selected booking.
    MoveBooking,
    /// Pick another slot for the selected booking of a weekly series and
    /// move its later weeks by the same number of days with it.
    MoveFollowing,
    /// Edit the selected booking's customer, or the selected customer.
    EditCustomer,
    RecordPayment,
    /// Check in, mark a no-show, complete or decline the selected booking.
    CheckIn,
    /// Delete the selected booking (managers only).
    Delete,
    /// Refund the selected booking's payment (managers only).
    Refund,
    /// Extend the selected hold by the service's hold minutes.
    ExtendHold,
    /// Board: put a customer in the selected full slot's waitlist (a form
    /// with the customer picker).
    JoinWaitlist,
    /// Board: take someone off the selected slot's waitlist (a form naming
    /// who leaves).
    LeaveWaitlist,
    /// Search or filter the current list.
    Search,
    /// Open the selected item (or run the palette's, or move here).
    Open,
    /// Close the topmost overlay or step back.
    Back,
    /// Cycle the bookings list's order.
    Sort,
    /// Bookings: the same order the other way (▲ ascending, ▼ descending).
    ReverseSort,
    /// Bookings: the newest bookings first, by when each was made (again:
    /// back to slot order).
    NewestFirst,
    /// Bookings: show or hide released and expired holds (hidden at first).
    ToggleLapsedHolds,
    /// Reload what is on screen.
    Refresh,
    /// Take back this desk's last change, if nothing changed it since.
    Undo,
    /// A manager sets a status the lifecycle would not step to, with a reason.
    ForceStatus,
    /// Customers: mark the selected customer as a duplicate, then merge it
    /// into the one selected next (manager).
    MergeCustomer,
    /// Activity: only the selected event's booking's events.
    FilterBooking,
    /// Activity: only the selected event's customer's events.
    FilterCustomer,
    /// Activity: only the changes the selected event's staff member made.
    FilterStaff,
    /// Sign out and lock the desk until someone signs in.
    Lock,
    /// List the bookings a forced catalog change left needing attention.
    ShowAttention,
    /// Board and Today: list the bookings due a reminder (phone, email,
    /// the message to send).
    ShowReminders,
    /// Reminders: mark the selected booking's reminder sent.
    MarkReminderSent,
    /// Board and Today: list the requests awaiting approval.
    ShowRequests,
    /// Requests: approve the selected one (re-checking the room).
    ApproveRequest,
    /// Requests: decline the selected one, with a reason.
    DeclineRequest,
    /// Board: close the selected slot's resource or the whole location (a
    /// day, days or part of a day), or reopen a slot a desk closure closes.
    CloseResource,
    /// The messages log: the last 100 status-bar messages, whole.
    ShowMessages,
    /// Form: the next field.
    NextField,
    /// Form: the previous field.
    PreviousField,
    /// Form: check every field and send it.
    Submit,
    /// Form: throw away what was typed (after `Back` asked).
    Discard,
    /// Quitting with this desk's holds live: release them, then quit.
    ReleaseAndQuit,
    /// First run: write the starter catalog to a file beside the database,
    /// to edit and apply.
    WriteStarterCatalog,
}

impl Action {
    /// Every action, in palette order; the form's own come last.
    pub const ALL: [Self; 73] = [
        Self::ShowBoard,
        Self::ShowBookings,
        Self::ShowCustomers,
        Self::ShowActivity,
        Self::ShowToday,
        Self::ShowAttention,
        Self::ShowReminders,
        Self::MarkReminderSent,
        Self::ShowRequests,
        Self::ApproveRequest,
        Self::DeclineRequest,
        Self::ShowMessages,
        Self::Reserve,
        Self::NewBooking,
        Self::Confirm,
        Self::Cancel,
        Self::EditBooking,
        Self::MoveBooking,
        Self::MoveFollowing,
        Self::EditCustomer,
        Self::MergeCustomer,
        Self::RecordPayment,
        Self::CheckIn,
        Self::WalkIn,
        Self::MarkArrived,
        Self::MarkNoShow,
        Self::MarkDone,
        Self::FilterResource,
        Self::FindFree,
        Self::SignOffTakings,
        Self::Delete,
        Self::Refund,
        Self::ForceStatus,
        Self::ExtendHold,
        Self::JoinWaitlist,
        Self::LeaveWaitlist,
        Self::CloseResource,
        Self::NextBooking,
        Self::DayBack,
        Self::DayForward,
        Self::Today,
        Self::GoToDate,
        Self::WeekView,
        Self::Search,
        Self::Sort,
        Self::ReverseSort,
        Self::NewestFirst,
        Self::ToggleLapsedHolds,
        Self::Open,
        Self::Back,
        Self::MoveUp,
        Self::MoveDown,
        Self::MoveLeft,
        Self::MoveRight,
        Self::PageUp,
        Self::PageDown,
        Self::Top,
        Self::Bottom,
        Self::Refresh,
        Self::Undo,
        Self::FilterBooking,
        Self::FilterCustomer,
        Self::FilterStaff,
        Self::Lock,
        Self::WriteStarterCatalog,
        Self::Help,
        Self::Palette,
        Self::Quit,
        Self::NextField,
        Self::PreviousField,
        Self::Submit,
        Self::Discard,
        Self::ReleaseAndQuit,
    ];

    /// Whether this action changes the database (or opens a form that
    /// does): refused at once, before anything is typed, when the desk can
    /// no longer write.
    pub fn writes(self) -> bool {
        matches!(
            self,
            Self::Reserve
                | Self::NewBooking
                | Self::Confirm
                | Self::Cancel
                | Self::EditBooking
                | Self::MoveBooking
                | Self::MoveFollowing
                | Self::EditCustomer
                | Self::RecordPayment
                | Self::CheckIn
                | Self::WalkIn
                | Self::MarkArrived
                | Self::MarkNoShow
                | Self::MarkDone
                | Self::SignOffTakings
                | Self::Delete
                | Self::Refund
                | Self::ExtendHold
                | Self::JoinWaitlist
                | Self::LeaveWaitlist
                | Self::Undo
                | Self::ForceStatus
                | Self::MergeCustomer
                | Self::CloseResource
        )
    }

    /// Whether the palette offers it: everything but a form's own keys and
    /// the quit question's, which mean nothing elsewhere, and the ends of a
    /// scrolled overlay, which mean nothing on a screen.
    pub fn in_palette(self) -> bool {
        !matches!(
            self,
            Self::NextField
                | Self::PreviousField
                | Self::Submit
                | Self::Discard
                | Self::ReleaseAndQuit
                | Self::Top
                | Self::Bottom
        )
    }

    /// The palette's list for a typed `filter`: palette actions whose name
    /// or description contains it (all when empty), in palette order.
    pub fn matching(filter: &str) -> Vec<Self> {
        let filter = filter.trim().to_lowercase();
        Self::ALL
            .into_iter()
            .filter(|a| a.in_palette())
            .filter(|a| {
                filter.is_empty()
                    || a.name().replace('_', " ").contains(&filter)
                    || a.describe().to_lowercase().contains(&filter)
            })
            .collect()
    }

    /// The snake_case name used in the config file and the palette.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// `(hint, description)`: the key bar's word and the help's and
    /// palette's line. A keymap binding may word it for its context.
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Self::Quit => ("quit", "quit"),
            Self::Help => ("help", "this help"),
            Self::Palette => ("palette", "palette"),
            Self::ShowBoard => ("board", "day board"),
            Self::ShowBookings => ("bookings", "bookings list"),
            Self::ShowCustomers => ("customers", "customers"),
            Self::ShowActivity => ("activity", "activity log"),
            Self::ShowToday => ("today", "today's run sheet"),
            Self::WalkIn => ("walk-in", "walk-in: book and check in someone here now"),
            Self::MarkArrived => ("arrived", "check in the selected booking"),
            Self::MarkNoShow => ("no-show", "mark the selected booking a no-show"),
            Self::MarkDone => ("done", "complete the selected booking"),
            Self::FilterResource => ("resource", "one resource's bookings, then all"),
            Self::FindFree => ("find free", "next free slot (a full slot: its nearest)"),
            Self::SignOffTakings => ("cash-up", "sign off today's takings (manager)"),
            Self::MoveUp => ("up", "move up"),
            Self::MoveDown => ("down", "move down"),
            Self::MoveLeft => ("left", "move left"),
            Self::MoveRight => ("right", "move right"),
            Self::PageUp => ("page up", "previous page"),
            Self::PageDown => ("page down", "next page"),
            Self::Top => ("top", "to the top"),
            Self::Bottom => ("end", "to the end"),
            Self::DayBack => ("day back", "previous day"),
            Self::DayForward => ("day on", "next day"),
            Self::Today => ("today", "go to today"),
            Self::GoToDate => ("go to", "go to a date"),
            Self::WeekView => ("week", "resource's week"),
            Self::NextBooking => ("next", "next in slot"),
            Self::Reserve => ("reserve", "reserve (hold)"),
            Self::NewBooking => ("book", "new booking"),
            Self::Confirm => ("confirm", "confirm"),
            Self::Cancel => ("cancel", "cancel / release"),
            Self::EditBooking => ("edit", "edit booking"),
            Self::MoveBooking => ("move", "move booking"),
            Self::MoveFollowing => ("move series", "move this and the later ones of its series"),
            Self::EditCustomer => ("customer", "edit customer"),
            Self::RecordPayment => ("pay", "record payment"),
            Self::CheckIn => ("status", "check in, no-show, complete, decline"),
            Self::Delete => ("delete", "delete (manager)"),
            Self::Refund => ("refund", "refund (manager)"),
            Self::ForceStatus => ("force", "force a status (manager)"),
            Self::MergeCustomer => ("merge", "merge a duplicate customer (manager)"),
            Self::ExtendHold => ("extend", "extend hold"),
            Self::JoinWaitlist => ("wait", "join the waitlist of a full slot"),
            Self::LeaveWaitlist => ("leave wait", "take someone off the slot's waitlist"),
            Self::Search => ("search", "search / filter"),
            Self::Open => ("open", "open"),
            Self::Back => ("back", "close / back"),
            Self::Sort => ("sort", "change sort order"),
            Self::ReverseSort => ("reverse", "reverse the sort order"),
            Self::NewestFirst => ("newest", "newest first (by when booked)"),
            Self::ToggleLapsedHolds => (
                "released/expired",
                "show or hide released and expired holds",
            ),
            Self::Refresh => ("reload", "reload"),
            Self::Undo => ("undo", "undo this desk's last change"),
            Self::FilterBooking => ("this booking", "activity of the selected booking"),
            Self::FilterCustomer => ("this customer", "activity of the selected customer"),
            Self::FilterStaff => (
                "by this person",
                "changes made by the selected staff member",
            ),
            Self::Lock => ("lock", "lock the desk (sign out)"),
            Self::ShowAttention => ("attention", "bookings needing attention"),
            Self::ShowReminders => ("reminders", "bookings due a reminder"),
            Self::MarkReminderSent => ("sent", "mark the reminder sent"),
            Self::ShowRequests => ("requests", "requests awaiting approval"),
            Self::ApproveRequest => ("approve", "approve the request (re-checks the room)"),
            Self::DeclineRequest => ("decline", "decline the request, with a reason"),
            Self::CloseResource => ("close", "close or reopen (closure)"),
            Self::ShowMessages => ("messages", "messages log (the last 100, whole)"),
            Self::NextField => ("next field", "next field"),
            Self::PreviousField => ("previous", "previous field"),
            Self::Submit => ("submit", "submit"),
            Self::Discard => ("discard", "discard what was typed"),
            Self::ReleaseAndQuit => ("release & quit", "release this desk's holds, then quit"),
            Self::WriteStarterCatalog => (
                "write a starter catalog",
                "write a starter catalog to edit beside the database",
            ),
        }
    }

    /// What it does, for help and the palette.
    pub fn describe(self) -> &'static str {
        self.words().1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_as_the_same_action_from_a_config_file() {
        for action in Action::ALL {
            let name = action.name();
            assert!(
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name}"
            );
            let read: Action = serde_json::from_value(serde_json::Value::String(name)).unwrap();
            assert_eq!(read, action);
        }
        assert_eq!(Action::MoveBooking.name(), "move_booking");
    }

    #[test]
    fn the_palette_finds_by_name_or_words_and_never_offers_form_keys() {
        assert_eq!(Action::matching("payment"), [Action::RecordPayment]);
        assert_eq!(Action::matching("week"), [Action::WeekView]);
        assert!(Action::matching("").iter().all(|a| a.in_palette()));
        assert!(!Action::matching("").contains(&Action::Submit));
        assert!(Action::matching("submit").is_empty());
    }
}
