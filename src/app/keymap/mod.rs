//! Key bindings: one typed table per context — the four screens, the
//! first-run screen, everywhere, and each overlay (booking detail, needs
//! attention, messages log, customer search, form, its customer picker,
//! discard prompt, quit question, palette, help) — the same tables driving
//! dispatch, the help overlay and the key bar, with user overrides from the
//! config file naming actions (see `overrides`). Pure.

mod key;
mod overrides;

pub use key::Key;
pub use overrides::KeyOverrides;

use super::action::Action;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a binding applies. A screen's table is tried before `Global`; an
/// overlay's table is all there is while it is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    /// Every screen, when nothing is open over it.
    Global,
    Board,
    Bookings,
    Customers,
    Activity,
    /// The run sheet (Today).
    Today,
    /// The first-run screen, while the database has no catalog.
    FirstRun,
    /// The booking detail over a list.
    Detail,
    /// The list of bookings needing attention.
    Attention,
    /// The list of bookings due a reminder.
    Reminders,
    /// The requests awaiting approval.
    Requests,
    /// Free slots found (a search's, or a full slot's nearest).
    FreeSlots,
    /// The walk through the bookings a closure stranded.
    ClosureWalk,
    /// The messages log.
    Messages,
    /// Typing in the customers' search box.
    Search,
    /// A form: printable keys go to the focused field first.
    Form,
    /// A form's customer picker while it lists customers on file.
    Picker,
    /// A form asking whether to throw away what was typed.
    Discard,
    /// Quitting asks what to do with this desk's live holds.
    Quit,
    /// The command palette: printable keys go to its filter first.
    Palette,
    Help,
}

impl Context {
    /// Every context, in help order.
    pub const ALL: [Self; 21] = [
        Self::Board,
        Self::Bookings,
        Self::Customers,
        Self::Activity,
        Self::Today,
        Self::FirstRun,
        Self::Global,
        Self::Detail,
        Self::Attention,
        Self::Reminders,
        Self::Requests,
        Self::FreeSlots,
        Self::Messages,
        Self::Search,
        Self::Form,
        Self::Picker,
        Self::Discard,
        Self::Quit,
        Self::ClosureWalk,
        Self::Palette,
        Self::Help,
    ];

    /// A heading for the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::Board => "Day board",
            Self::Bookings => "Bookings",
            Self::Customers => "Customers",
            Self::Activity => "Activity",
            Self::Today => "Today",
            Self::FirstRun => "No catalog yet",
            Self::Detail => "Booking detail",
            Self::Attention => "Needs attention",
            Self::Reminders => "Reminders due",
            Self::Requests => "Requests awaiting approval",
            Self::FreeSlots => "Free slots found",
            Self::ClosureWalk => "Closure walk-through",
            Self::Messages => "Messages log",
            Self::Search => "Customer search",
            Self::Form => "In forms",
            Self::Picker => "Customers on file",
            Self::Discard => "Discard a form?",
            Self::Quit => "Quit with holds live?",
            Self::Palette => "Palette",
            Self::Help => "This help",
        }
    }

    /// The name the config file gives it: `board` in `[keys.board]`.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// The table tried when this one has no binding for a key: `Global` for
    /// a screen, none for an overlay.
    pub fn fallback(self) -> Option<Self> {
        match self {
            Self::Board
            | Self::Bookings
            | Self::Customers
            | Self::Activity
            | Self::Today
            | Self::FirstRun => Some(Self::Global),
            _ => None,
        }
    }
}

/// One row of a keymap table: keys, what they do, and the words for the key
/// bar (`hint`) and for help (`desc`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// Any of these keys; empty when the user unbound the action.
    pub keys: Vec<Key>,
    pub action: Action,
    /// The key bar's word.
    pub hint: &'static str,
    /// The help's line.
    pub desc: &'static str,
}

impl Binding {
    /// `action` on `keys` (keymap-file names), with the action's own words.
    fn new(action: Action, keys: &[&str]) -> Self {
        let (hint, desc) = action.words();
        Self {
            keys: keys.iter().filter_map(|k| k.parse().ok()).collect(),
            action,
            hint,
            desc,
        }
    }

    /// The same binding worded for its context.
    fn worded(self, hint: &'static str, desc: &'static str) -> Self {
        Self { hint, desc, ..self }
    }
}

/// The live keymap: a table per context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    tables: BTreeMap<Context, Vec<Binding>>,
}

/// The actions on a selected booking, the same on every screen that has one.
fn booking_actions() -> Vec<Binding> {
    vec![
        Binding::new(Action::Confirm, &["c"]),
        Binding::new(Action::Cancel, &["x"]),
        Binding::new(Action::EditBooking, &["e"]),
        Binding::new(Action::MoveBooking, &["m"]),
        Binding::new(Action::MoveFollowing, &["M"]),
        Binding::new(Action::EditCustomer, &["u"]),
        Binding::new(Action::RecordPayment, &["p"]),
        Binding::new(Action::CheckIn, &["i"]),
        Binding::new(Action::Delete, &["D"]),
        Binding::new(Action::Refund, &["R"]),
        Binding::new(Action::ForceStatus, &["F"]),
        Binding::new(Action::ExtendHold, &["+"]),
    ]
}

fn global() -> Vec<Binding> {
    vec![
        Binding::new(Action::ShowBoard, &["1"]),
        Binding::new(Action::ShowBookings, &["2"]),
        Binding::new(Action::ShowCustomers, &["3"]),
        Binding::new(Action::ShowActivity, &["4"]),
        Binding::new(Action::ShowToday, &["5"]),
        Binding::new(Action::ShowAttention, &["A"]),
        Binding::new(Action::ShowMessages, &["L"]),
        Binding::new(Action::MoveUp, &["up", "k"]),
        Binding::new(Action::MoveDown, &["down", "j"]),
        Binding::new(Action::MoveLeft, &["left", "h"]),
        Binding::new(Action::MoveRight, &["right", "l"]),
        Binding::new(Action::PageUp, &["pgup"]),
        Binding::new(Action::PageDown, &["pgdn"]),
        Binding::new(Action::Search, &["/"]),
        Binding::new(Action::Open, &["enter"]),
        Binding::new(Action::Back, &["esc"]),
        Binding::new(Action::Refresh, &["f5"]),
        Binding::new(Action::Lock, &["ctrl-l"]),
        Binding::new(Action::Undo, &["ctrl-z"]),
        Binding::new(Action::Help, &["?"]),
        Binding::new(Action::Palette, &[":"]),
        Binding::new(Action::Quit, &["q", "ctrl-c"]),
    ]
}

fn board() -> Vec<Binding> {
    let mut table = vec![
        Binding::new(Action::DayBack, &["["]),
        Binding::new(Action::DayForward, &["]"]),
        Binding::new(Action::Today, &["t"]),
        Binding::new(Action::GoToDate, &["g"]),
        Binding::new(Action::WeekView, &["w"]),
        Binding::new(Action::Reserve, &["r"]),
        Binding::new(Action::NewBooking, &["n"]),
        Binding::new(Action::WalkIn, &["W"]),
        Binding::new(Action::FindFree, &["f"]),
        Binding::new(Action::NextBooking, &["tab"]),
        Binding::new(Action::JoinWaitlist, &["Q"]),
        Binding::new(Action::LeaveWaitlist, &["X"]),
        Binding::new(Action::CloseResource, &["C"]),
        Binding::new(Action::ShowReminders, &["Z"]),
        Binding::new(Action::ShowRequests, &["V"]),
    ];
    table.extend(booking_actions());
    table
}

fn today() -> Vec<Binding> {
    let mut table = vec![
        Binding::new(Action::MarkArrived, &["i"]),
        Binding::new(Action::MarkNoShow, &["N"]),
        Binding::new(Action::MarkDone, &["d"]),
        Binding::new(Action::WalkIn, &["W"]),
        Binding::new(Action::FilterResource, &["f"]),
        Binding::new(Action::SignOffTakings, &["T"]),
        Binding::new(Action::GoToDate, &["g"]).worded("go to", "go to a date on the board"),
        Binding::new(Action::ToggleLapsedHolds, &["H"])
            .worded("lapsed", "show or hide lapsed holds"),
        Binding::new(Action::Open, &["enter"]),
        Binding::new(Action::ShowReminders, &["Z"]),
        Binding::new(Action::ShowRequests, &["V"]),
    ];
    // The booking keys, but `i` checks in at once here (the status form is
    // `s`).
    table.extend(
        booking_actions()
            .into_iter()
            .filter(|b| b.action != Action::CheckIn),
    );
    table.push(Binding::new(Action::CheckIn, &["s"]));
    table
}

fn bookings() -> Vec<Binding> {
    let mut table = vec![
        Binding::new(Action::Search, &["/"]).worded("filter", "filter the list"),
        Binding::new(Action::Sort, &["s"]),
        Binding::new(Action::ReverseSort, &["S"]),
        Binding::new(Action::NewestFirst, &["N"]),
        Binding::new(Action::ToggleLapsedHolds, &["H"]),
    ];
    table.extend(booking_actions());
    table
}

/// Scrolling a tall overlay: a line, a page, either end.
fn scrolling() -> Vec<Binding> {
    vec![
        Binding::new(Action::MoveUp, &["up", "k"]).worded("up", "scroll up a line"),
        Binding::new(Action::MoveDown, &["down", "j"]).worded("down", "scroll down a line"),
        Binding::new(Action::PageUp, &["pgup"]).worded("page up", "scroll up a page"),
        Binding::new(Action::PageDown, &["pgdn"]).worded("more", "scroll down a page"),
        Binding::new(Action::Top, &["home"]),
        Binding::new(Action::Bottom, &["end"]),
    ]
}

fn detail() -> Vec<Binding> {
    let mut table = vec![Binding::new(Action::Back, &["esc", "enter"]).worded("close", "close")];
    table.extend(scrolling());
    table.extend(booking_actions());
    table.push(Binding::new(Action::Help, &["?"]));
    table.push(Binding::new(Action::Quit, &["q", "ctrl-c"]));
    table
}

fn form() -> Vec<Binding> {
    vec![
        Binding::new(Action::NextField, &["tab", "down"]),
        Binding::new(Action::PreviousField, &["shift-tab", "up"]),
        Binding::new(Action::Submit, &["enter", "ctrl-s"]),
        Binding::new(Action::Back, &["esc"]).worded("cancel", "cancel (asks if typed)"),
    ]
}

impl Default for Keymap {
    /// The default keys of the design.
    fn default() -> Self {
        let tables = BTreeMap::from([
            (Context::Global, global()),
            (Context::Board, board()),
            (Context::Bookings, bookings()),
            (
                Context::Customers,
                vec![
                    Binding::new(Action::Search, &["/"]).worded("search", "search customers"),
                    Binding::new(Action::EditCustomer, &["u", "e"]).worded("edit", "edit customer"),
                    Binding::new(Action::MergeCustomer, &["M"]),
                ],
            ),
            (
                Context::Activity,
                vec![
                    Binding::new(Action::Open, &["enter"])
                        .worded("open booking", "open its booking"),
                    Binding::new(Action::FilterBooking, &["b"]),
                    Binding::new(Action::FilterCustomer, &["c"]),
                    Binding::new(Action::FilterStaff, &["s"]),
                    Binding::new(Action::Back, &["esc"]).worded("all events", "show every event"),
                ],
            ),
            (Context::Today, today()),
            (
                Context::FirstRun,
                vec![Binding::new(Action::WriteStarterCatalog, &["s"])],
            ),
            (Context::Detail, detail()),
            (
                Context::Attention,
                vec![
                    Binding::new(Action::MoveUp, &["up", "k"]),
                    Binding::new(Action::MoveDown, &["down", "j"]),
                    Binding::new(Action::Open, &["enter"])
                        .worded("open", "open the booking (move or cancel it there)"),
                    Binding::new(Action::Back, &["esc", "A"]).worded("close", "close"),
                ],
            ),
            (
                Context::Reminders,
                vec![
                    Binding::new(Action::MoveUp, &["up", "k"]),
                    Binding::new(Action::MoveDown, &["down", "j"]),
                    Binding::new(Action::MarkReminderSent, &["s", "enter"]),
                    Binding::new(Action::Back, &["esc", "Z"]).worded("close", "close"),
                ],
            ),
            (
                Context::Requests,
                vec![
                    Binding::new(Action::MoveUp, &["up", "k"]),
                    Binding::new(Action::MoveDown, &["down", "j"]),
                    Binding::new(Action::ApproveRequest, &["a", "enter"]),
                    Binding::new(Action::DeclineRequest, &["x"]),
                    Binding::new(Action::Back, &["esc", "V"]).worded("close", "close"),
                ],
            ),
            (
                Context::FreeSlots,
                vec![
                    Binding::new(Action::MoveUp, &["up", "k"]),
                    Binding::new(Action::MoveDown, &["down", "j"]),
                    Binding::new(Action::Open, &["enter"])
                        .worded("show", "show it on the board, selected"),
                    Binding::new(Action::Back, &["esc", "f"]).worded("close", "close"),
                ],
            ),
            (
                Context::Messages,
                vec![
                    Binding::new(Action::MoveUp, &["up", "k"]).worded("newer", "newer message"),
                    Binding::new(Action::MoveDown, &["down", "j"]).worded("older", "older message"),
                    Binding::new(Action::PageUp, &["pgup"]).worded("page", "newer page"),
                    Binding::new(Action::PageDown, &["pgdn", "space"]).worded("page", "older page"),
                    Binding::new(Action::Top, &["home"]).worded("newest", "the newest message"),
                    Binding::new(Action::Bottom, &["end"]).worded("oldest", "the oldest message"),
                    Binding::new(Action::Back, &["esc", "L", "enter"])
                        .worded("close", "close the log"),
                    Binding::new(Action::Quit, &["q", "ctrl-c"]),
                ],
            ),
            (
                Context::Search,
                vec![
                    Binding::new(Action::Open, &["enter"]).worded("done", "keep the matches"),
                    Binding::new(Action::Back, &["esc"]).worded("clear", "clear the search"),
                    Binding::new(Action::MoveUp, &["up"]),
                    Binding::new(Action::MoveDown, &["down"]),
                ],
            ),
            (
                Context::ClosureWalk,
                vec![
                    Binding::new(Action::MoveBooking, &["m"]).worded("move", "move (pick a slot)"),
                    Binding::new(Action::Cancel, &["x"]).worded("cancel", "cancel with its reason"),
                    Binding::new(Action::NextBooking, &["s", "tab"])
                        .worded("skip", "skip (stays listed)"),
                    Binding::new(Action::Back, &["esc"]).worded("stop", "stop (rest stay listed)"),
                ],
            ),
            (Context::Form, form()),
            (
                Context::Picker,
                vec![
                    Binding::new(Action::MoveDown, &["down"])
                        .worded("choose", "choose a customer on file"),
                    Binding::new(Action::MoveUp, &["up"]).worded("up", "back up the list"),
                    Binding::new(Action::Open, &["enter"])
                        .worded("pick", "book for the one chosen"),
                    Binding::new(Action::Back, &["esc"]).worded("leave list", "leave the list"),
                ],
            ),
            (
                Context::Discard,
                vec![
                    Binding::new(Action::Discard, &["y", "Y"]),
                    Binding::new(Action::Back, &["n", "esc"])
                        .worded("keep editing", "keep editing (any key)"),
                ],
            ),
            (
                Context::Quit,
                vec![
                    // `q` again releases: the habitual double `q` frees the
                    // seats; keeping them blocked takes a key of its own.
                    Binding::new(Action::ReleaseAndQuit, &["r", "q"]),
                    Binding::new(Action::Quit, &["k", "ctrl-c"])
                        .worded("quit, keep them", "quit and leave the holds to lapse"),
                    Binding::new(Action::Back, &["esc", "n"]).worded("stay", "do not quit"),
                ],
            ),
            (
                Context::Palette,
                vec![
                    Binding::new(Action::MoveUp, &["up"]).worded("↑", "previous action"),
                    Binding::new(Action::MoveDown, &["down"]).worded("↓", "next action"),
                    Binding::new(Action::Open, &["enter"]).worded("run", "run the action"),
                    Binding::new(Action::Back, &["esc"]).worded("close", "close"),
                ],
            ),
            (
                Context::Help,
                vec![
                    Binding::new(Action::Back, &["esc", "?", "q", "enter"])
                        .worded("close", "close help"),
                    Binding::new(Action::PageDown, &["pgdn", "right", "l", "space"])
                        .worded("more", "more keys"),
                    Binding::new(Action::PageUp, &["pgup", "left", "h"])
                        .worded("back", "the keys before"),
                    Binding::new(Action::MoveDown, &["down", "j"])
                        .worded("down", "scroll down a line"),
                    Binding::new(Action::MoveUp, &["up", "k"]).worded("up", "scroll up a line"),
                    Binding::new(Action::Top, &["home"]),
                    Binding::new(Action::Bottom, &["end"]),
                ],
            ),
        ]);
        Self { tables }
    }
}

impl Keymap {
    /// The binding `key` has in `context`, else in its fallback table.
    pub fn binding(&self, context: Context, key: Key) -> Option<&Binding> {
        let find = |c: Context| self.bindings(c).iter().find(|b| b.keys.contains(&key));
        find(context).or_else(|| context.fallback().and_then(find))
    }

    /// The action `key` does in `context` (or its fallback).
    pub fn lookup(&self, context: Context, key: Key) -> Option<Action> {
        self.binding(context, key).map(|b| b.action)
    }

    /// The bindings of one context, for help.
    pub fn bindings(&self, context: Context) -> &[Binding] {
        self.tables.get(&context).map_or(&[], Vec::as_slice)
    }

    /// The binding of `action` in `context` (or its fallback) that has a
    /// key, for the key bar.
    pub fn binding_for(&self, context: Context, action: Action) -> Option<&Binding> {
        let find = |c: Context| {
            self.bindings(c)
                .iter()
                .find(|b| b.action == action && !b.keys.is_empty())
        };
        find(context).or_else(|| context.fallback().and_then(find))
    }

    /// The first key bound to `action` in `context` (or its fallback).
    pub fn key_for(&self, context: Context, action: Action) -> Option<Key> {
        self.binding_for(context, action)
            .and_then(|b| b.keys.first().copied())
    }
}

#[cfg(test)]
mod tests;
