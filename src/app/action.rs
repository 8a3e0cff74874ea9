//! The desk's intents, named as verbs. These are what keys are bound to and
//! what the command palette lists; the keymap file names them in snake_case.

use serde::{Deserialize, Serialize};

/// Something the user can ask for with a key or from the palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave the desk.
    Quit,
    /// Show or hide the key help.
    Help,
    /// Open the command palette.
    Palette,
    /// Day board screen.
    ShowBoard,
    /// Bookings screen.
    ShowBookings,
    /// Customers screen.
    ShowCustomers,
    /// Activity screen.
    ShowActivity,
    /// Move the selection up.
    MoveUp,
    /// Move the selection down.
    MoveDown,
    /// Move the selection left.
    MoveLeft,
    /// Move the selection right.
    MoveRight,
    /// Previous page.
    PageUp,
    /// Next page.
    PageDown,
    /// Board: the day before.
    DayBack,
    /// Board: the day after.
    DayForward,
    /// Board: today.
    Today,
    /// Board: go to a typed date.
    GoToDate,
    /// Board: week view of the selected resource (toggle).
    WeekView,
    /// Cycle the selected booking within a slot.
    NextBooking,
    /// Reserve (hold) the selected slot.
    Reserve,
    /// New booking on the selected slot.
    NewBooking,
    /// Confirm the selected hold or pending booking.
    Confirm,
    /// Cancel the selected booking, or release the selected hold.
    Cancel,
    /// Edit the selected booking's details (message, answers, add-ons).
    EditBooking,
    /// Move the selected booking: pick the target on the board.
    MoveBooking,
    /// Edit the selected booking's customer, or the selected customer.
    EditCustomer,
    /// Record a payment for the selected booking.
    RecordPayment,
    /// Check in (or mark no-show) the selected booking.
    CheckIn,
    /// Delete the selected booking (manager).
    Delete,
    /// Extend the selected hold by the service's hold minutes.
    ExtendHold,
    /// Search or filter the current list.
    Search,
    /// Open the selected item.
    Open,
    /// Close the topmost overlay or step back.
    Back,
    /// Cycle the list's sort order.
    Sort,
    /// Reload what is on screen.
    Refresh,
}

impl Action {
    /// Every action, in palette order.
    pub const ALL: [Self; 35] = [
        Self::ShowBoard,
        Self::ShowBookings,
        Self::ShowCustomers,
        Self::ShowActivity,
        Self::Reserve,
        Self::NewBooking,
        Self::Confirm,
        Self::Cancel,
        Self::EditBooking,
        Self::MoveBooking,
        Self::EditCustomer,
        Self::RecordPayment,
        Self::CheckIn,
        Self::Delete,
        Self::ExtendHold,
        Self::NextBooking,
        Self::DayBack,
        Self::DayForward,
        Self::Today,
        Self::GoToDate,
        Self::WeekView,
        Self::Search,
        Self::Sort,
        Self::Open,
        Self::Back,
        Self::MoveUp,
        Self::MoveDown,
        Self::MoveLeft,
        Self::MoveRight,
        Self::PageUp,
        Self::PageDown,
        Self::Refresh,
        Self::Help,
        Self::Palette,
        Self::Quit,
    ];

    /// The palette's list for a typed `filter`: actions whose name or
    /// description contains it (all when empty), in palette order.
    pub fn matching(filter: &str) -> Vec<Self> {
        let filter = filter.trim().to_lowercase();
        Self::ALL
            .into_iter()
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

    /// What it does, for help and the palette.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Quit => "quit",
            Self::Help => "this help",
            Self::Palette => "palette",
            Self::ShowBoard => "day board",
            Self::ShowBookings => "bookings list",
            Self::ShowCustomers => "customers",
            Self::ShowActivity => "activity log",
            Self::MoveUp => "move up",
            Self::MoveDown => "move down",
            Self::MoveLeft => "move left",
            Self::MoveRight => "move right",
            Self::PageUp => "previous page",
            Self::PageDown => "next page",
            Self::DayBack => "previous day",
            Self::DayForward => "next day",
            Self::Today => "go to today",
            Self::GoToDate => "go to a date",
            Self::WeekView => "resource's week",
            Self::NextBooking => "next in slot",
            Self::Reserve => "reserve (hold)",
            Self::NewBooking => "new booking",
            Self::Confirm => "confirm",
            Self::Cancel => "cancel / release",
            Self::EditBooking => "edit booking",
            Self::MoveBooking => "move booking",
            Self::EditCustomer => "edit customer",
            Self::RecordPayment => "record payment",
            Self::CheckIn => "check in / no-show",
            Self::Delete => "delete (manager)",
            Self::ExtendHold => "extend hold",
            Self::Search => "search / filter",
            Self::Open => "open",
            Self::Back => "close / back",
            Self::Sort => "change sort order",
            Self::Refresh => "reload",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_listed_once_with_a_snake_case_name() {
        let mut names: Vec<String> = Action::ALL.iter().map(|a| a.name()).collect();
        assert!(
            names
                .iter()
                .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        );
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
        assert_eq!(Action::MoveBooking.name(), "move_booking");
    }
}
