//! The customers screen: customers found in the store as the clerk types
//! (a name or email fragment, or a phone in any format; everyone by name
//! when the search is empty), at most [`LIST_ROWS`] at a time, and the
//! selected one's bookings. Its keys: the `Customers` table, then `Global`;
//! while typing in the search box, the `Search` table. Pure.

use super::move_index;
use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::keymap::{Context, Key};
use crate::app::line_editor::LineEditor;
use crate::app::overlays::form::Form;
use crate::app::state::{AppState, Overlay};
use crate::domain::{Booking, CustomerId, CustomerMatch, CustomerSummary};

/// At most this many customers are listed for a search; more matching
/// means the clerk narrows by typing more.
pub const LIST_ROWS: usize = 200;

/// The customers screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomersState {
    /// As typed, with its cursor.
    pub search: LineEditor,
    /// Typing goes to the search box.
    pub searching: bool,
    /// The search (trimmed) that `rows` answer, once one has loaded.
    pub shown: Option<String>,
    /// The customers found, by last then first name, at most [`LIST_ROWS`].
    pub rows: Vec<CustomerMatch>,
    /// More customers match than `rows` holds.
    pub more: bool,
    /// Selected row of `rows`.
    pub selected: usize,
    /// Bookings of the customer `history.0`, newest first: the last history
    /// loaded, shown only while that customer is the one selected.
    pub history: Option<(CustomerId, Vec<Booking>)>,
    /// A customer marked as a duplicate, to merge into the next one chosen.
    pub merging: Option<CustomerSummary>,
}

impl CustomersState {
    /// The selected row: a customer with their last visit.
    pub fn selected_match(&self) -> Option<&CustomerMatch> {
        self.rows.get(self.selected)
    }

    /// The selected customer.
    pub fn selected_customer(&self) -> Option<&CustomerSummary> {
        self.selected_match().map(|m| &m.customer)
    }

    /// The selected customer's bookings, newest first, once loaded: never
    /// another customer's.
    pub fn selected_history(&self) -> Option<&[Booking]> {
        let (of, bookings) = self.history.as_ref()?;
        (Some(*of) == self.selected_customer().map(|c| c.id)).then_some(bookings.as_slice())
    }

    /// The load for the search as typed now.
    pub fn load(&self) -> Effect {
        Effect::LoadCustomers(self.search.value().trim().to_owned())
    }
}

/// Performs a customers action: rows, search, edit, back.
pub fn action(state: &mut AppState, a: Action) -> Vec<Effect> {
    match a {
        Action::MoveUp | Action::MoveDown | Action::PageUp | Action::PageDown => {
            let by = match a {
                Action::MoveUp => -1,
                Action::MoveDown => 1,
                Action::PageUp => -10,
                _ => 10,
            };
            step(state, by)
        }
        Action::Search => {
            state.customers.searching = true;
            Vec::new()
        }
        Action::MergeCustomer => merge(state),
        Action::Back if state.customers.merging.is_some() => {
            state.customers.merging = None;
            state.info("merge dropped");
            Vec::new()
        }
        Action::Back if !state.customers.search.value().is_empty() => {
            state.customers.search.clear();
            vec![state.customers.load()]
        }
        Action::Open => match state
            .customers
            .selected_history()
            .and_then(|h| h.first())
            .map(|b| b.id)
        {
            Some(id) => crate::app::overlays::detail::open(state, id),
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// `MergeCustomer`: marks the selected customer as the duplicate, or, with
/// one marked, asks to merge it into the selected one.
fn merge(state: &mut AppState) -> Vec<Effect> {
    let Some(selected) = state.customers.selected_customer().cloned() else {
        state.error("no customer selected");
        return Vec::new();
    };
    match state.customers.merging.clone() {
        None => {
            state.info(format!(
                "marked #{} to merge: M on the customer to keep",
                selected.id
            ));
            state.customers.merging = Some(selected);
            Vec::new()
        }
        Some(other) if other.id == selected.id => {
            state.error(format!(
                "#{} is the one marked: M on another customer",
                other.id
            ));
            Vec::new()
        }
        Some(other) => {
            let key = state.next_key();
            let approval = state.approval();
            let form = Form::merge_customers(&selected, &other, &approval, key);
            state.overlay = Some(Overlay::Form(Box::new(form)));
            Vec::new()
        }
    }
}

/// Handles a key while typing in the search box: editing keys edit the
/// search where its cursor is (and ask for its customers), the rest come
/// from the `Search` table.
pub fn search_key(state: &mut AppState, key: Key) -> Vec<Effect> {
    let c = &mut state.customers;
    match c.search.edit(key) {
        Some(true) => return vec![c.load()],
        Some(false) => return Vec::new(),
        None => {}
    }
    match state.keymap.lookup(Context::Search, key) {
        Some(Action::Back) => {
            c.searching = false;
            c.search.clear();
            vec![c.load()]
        }
        Some(Action::Open) => {
            c.searching = false;
            Vec::new()
        }
        Some(Action::MoveUp) => step(state, -1),
        Some(Action::MoveDown) => step(state, 1),
        _ => Vec::new(),
    }
}

/// Moves the selection by `by` rows, asking for the history of the
/// customer it lands on.
fn step(state: &mut AppState, by: i32) -> Vec<Effect> {
    let c = &mut state.customers;
    let before = c.selected;
    c.selected = move_index(c.selected, by, c.rows.len());
    if c.selected == before {
        return Vec::new();
    }
    history_of_selected(state)
}

/// Puts pasted text into the search at its cursor, as one line.
pub fn search_paste(state: &mut AppState, text: &str) -> Vec<Effect> {
    if !state.customers.search.paste(text) {
        return Vec::new();
    }
    vec![state.customers.load()]
}

/// Asks for the selected customer's history, or clears it when none is.
fn history_of_selected(state: &mut AppState) -> Vec<Effect> {
    match state.customers.selected_customer() {
        Some(customer) => vec![Effect::LoadCustomerHistory(customer.id)],
        None => {
            state.customers.history = None;
            Vec::new()
        }
    }
}

/// Takes the customers found for `search`, if it is still the search
/// typed (a late answer to an older one is dropped): the customer
/// selected before stays selected when found again, else the first row.
pub fn loaded(state: &mut AppState, search: &str, mut found: Vec<CustomerMatch>) -> Vec<Effect> {
    let c = &mut state.customers;
    if search != c.search.value().trim() {
        return Vec::new();
    }
    let selected = c.selected_customer().map(|x| x.id);
    // The same search answered again is a reload after a change.
    let reload = c.shown.as_deref() == Some(search);
    c.more = found.len() > LIST_ROWS;
    found.truncate(LIST_ROWS);
    c.rows = found;
    c.shown = Some(search.to_owned());
    c.selected = selected
        .and_then(|id| c.rows.iter().position(|m| m.customer.id == id))
        .unwrap_or(0);
    // A reload follows a change that may have moved bookings (a merge,
    // another desk): the history again, the one shown staying until it
    // comes. A keystroke asks only when the selection's is not shown.
    if reload || state.customers.selected_history().is_none() {
        history_of_selected(state)
    } else {
        Vec::new()
    }
}

/// Takes a customer's loaded history.
pub fn history_loaded(state: &mut AppState, customer: CustomerId, bookings: Vec<Booking>) {
    state.customers.history = Some((customer, bookings));
}
