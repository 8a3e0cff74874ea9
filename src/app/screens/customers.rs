//! The customers screen: every customer with a fuzzy search (nucleo) and the
//! selected one's bookings. Its keys: the `Customers` table, then `Global`;
//! while typing in the search box, the `Search` table. Pure.

use super::move_index;
use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::keymap::{Context, Key};
use crate::app::state::AppState;
use crate::domain::{Booking, CustomerId, CustomerSummary, PhoneSearch};
use crossterm::event::KeyCode;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// The customers screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomersState {
    /// Every customer, as loaded.
    pub all: Vec<CustomerSummary>,
    /// As typed; matched fuzzily against name, email and phone.
    pub search: String,
    /// Typing goes to the search box.
    pub searching: bool,
    /// Indexes into `all` that match `search`, best first.
    pub matches: Vec<usize>,
    /// Selected row of `matches`.
    pub selected: usize,
    /// Bookings of the customer `history.0`, newest first: the last history
    /// loaded, shown only while that customer is the one selected.
    pub history: Option<(CustomerId, Vec<Booking>)>,
    /// Whether `all` has been loaded at least once.
    pub loaded: bool,
}

impl CustomersState {
    /// The selected customer.
    pub fn selected_customer(&self) -> Option<&CustomerSummary> {
        self.all.get(*self.matches.get(self.selected)?)
    }

    /// The selected customer's bookings, newest first, once loaded: never
    /// another customer's.
    pub fn selected_history(&self) -> Option<&[Booking]> {
        let (of, bookings) = self.history.as_ref()?;
        (Some(*of) == self.selected_customer().map(|c| c.id)).then_some(bookings.as_slice())
    }

    /// Recomputes `matches` for `search`: every customer when empty; for a
    /// phone-like search, the customers whose phone it is or contains, in
    /// any format typed (local numbers read in `phone_region`); else a fuzzy
    /// match on name, email and phone (nucleo), best score first.
    pub fn refilter(&mut self, phone_region: &str) {
        let search = self.search.trim();
        if search.is_empty() {
            self.matches = (0..self.all.len()).collect();
        } else if let Some(phone) = PhoneSearch::new(search, phone_region) {
            self.matches = (0..self.all.len())
                .filter(|&i| {
                    self.all[i]
                        .phone
                        .as_deref()
                        .is_some_and(|p| phone.matches(p))
                })
                .collect();
        } else {
            let mut matcher = Matcher::new(Config::DEFAULT);
            let pattern = Pattern::parse(search, CaseMatching::Ignore, Normalization::Smart);
            let mut buf = Vec::new();
            let mut scored: Vec<(u32, usize)> = self
                .all
                .iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    let hay = format!(
                        "{} {} {}",
                        c.name,
                        c.email.as_deref().unwrap_or(""),
                        c.phone.as_deref().unwrap_or("")
                    );
                    pattern
                        .score(Utf32Str::new(&hay, &mut buf), &mut matcher)
                        .map(|s| (s, i))
                })
                .collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            self.matches = scored.into_iter().map(|(_, i)| i).collect();
        }
        self.selected = self.selected.min(self.matches.len().saturating_sub(1));
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
            let c = &mut state.customers;
            let before = c.selected;
            c.selected = move_index(c.selected, by, c.matches.len());
            match state.customers.selected_customer() {
                Some(customer) if before != state.customers.selected => {
                    vec![Effect::LoadCustomerHistory(customer.id)]
                }
                _ => Vec::new(),
            }
        }
        Action::Search => {
            state.customers.searching = true;
            Vec::new()
        }
        Action::Back if !state.customers.search.is_empty() => {
            state.customers.search.clear();
            let region = state.phone_region().to_owned();
            state.customers.refilter(&region);
            history_of_selected(state)
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

/// Handles a key while typing in the search box: printable keys and
/// backspace edit the search, the rest come from the `Search` table.
pub fn search_key(state: &mut AppState, key: Key) -> Vec<Effect> {
    let region = state.phone_region().to_owned();
    let c = &mut state.customers;
    if let Some(ch) = key.typed_char() {
        c.search.push(ch);
        c.selected = 0;
        c.refilter(&region);
    } else if key.code == KeyCode::Backspace {
        c.search.pop();
        c.refilter(&region);
    } else {
        match state.keymap.lookup(Context::Search, key) {
            Some(Action::Back) => {
                c.searching = false;
                c.search.clear();
                c.refilter(&region);
            }
            Some(Action::Open) => c.searching = false,
            Some(Action::MoveUp) => c.selected = move_index(c.selected, -1, c.matches.len()),
            Some(Action::MoveDown) => c.selected = move_index(c.selected, 1, c.matches.len()),
            _ => return Vec::new(),
        }
    }
    history_of_selected(state)
}

/// Adds pasted text (one line) to the search.
pub fn search_paste(state: &mut AppState, text: &str) -> Vec<Effect> {
    let region = state.phone_region().to_owned();
    let c = &mut state.customers;
    c.search.push_str(text);
    c.selected = 0;
    c.refilter(&region);
    history_of_selected(state)
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

/// Takes every customer, keeping the selected one selected.
pub fn loaded(state: &mut AppState, all: Vec<CustomerSummary>) -> Vec<Effect> {
    let selected = state.customers.selected_customer().map(|c| c.id);
    let region = state.phone_region().to_owned();
    let c = &mut state.customers;
    c.all = all;
    c.loaded = true;
    c.refilter(&region);
    if let Some(id) = selected
        && let Some(pos) = c.matches.iter().position(|&i| c.all[i].id == id)
    {
        c.selected = pos;
    }
    // Ask for the history whenever what is shown is not the selected one's.
    match state.customers.selected_customer() {
        Some(customer) if state.customers.selected_history().is_none() => {
            vec![Effect::LoadCustomerHistory(customer.id)]
        }
        _ => Vec::new(),
    }
}

/// Takes a customer's loaded history.
pub fn history_loaded(state: &mut AppState, customer: CustomerId, bookings: Vec<Booking>) {
    state.customers.history = Some((customer, bookings));
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn customer(id: i64, first: &str, last: &str, email: &str, phone: &str) -> CustomerSummary {
        CustomerSummary {
            id: CustomerId(id),
            name: format!("{first} {last}"),
            first_name: first.into(),
            last_name: last.into(),
            email: Some(email.into()),
            phone: Some(phone.into()),
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
        }
    }

    #[test]
    fn fuzzy_search_finds_customers_by_name_email_or_phone() {
        let mut s = CustomersState {
            all: vec![
                customer(1, "Ada", "Lovelace", "ada@example.com", "+442079460018"),
                customer(2, "Alan", "Turing", "alan@example.org", "+441614960000"),
                customer(3, "Grace", "Hopper", "grace@example.net", "+442079460111"),
            ],
            ..CustomersState::default()
        };
        s.search = "lovlace".into();
        s.refilter("GB");
        assert_eq!(s.selected_customer().map(|c| c.id), Some(CustomerId(1)));
        s.search = "example.org".into();
        s.refilter("GB");
        assert_eq!(s.matches, vec![1]);
        s.search = "7946 0111".into();
        s.refilter("GB");
        assert_eq!(s.selected_customer().map(|c| c.id), Some(CustomerId(3)));
        s.search = String::new();
        s.refilter("GB");
        assert_eq!(s.matches.len(), 3);
    }

    #[test]
    fn a_phone_is_found_in_the_format_the_clerk_types_it() {
        let mut s = CustomersState {
            all: vec![
                customer(1, "Ada", "Lovelace", "ada@example.com", "+442079460018"),
                customer(2, "Alan", "Turing", "alan@example.org", "+447911123458"),
            ],
            ..CustomersState::default()
        };
        for (typed, found) in [
            ("020 7946 0018", 1),
            ("+44 20 7946 0018", 1),
            ("02079460018", 1),
            ("07911 123458", 2),
            ("7911 123", 2),
        ] {
            s.search = typed.into();
            s.refilter("GB");
            assert_eq!(s.matches, vec![found - 1], "{typed}");
        }
        s.search = "020 7946 0019".into();
        s.refilter("GB");
        assert!(s.matches.is_empty(), "no near misses for a whole number");
    }
}
