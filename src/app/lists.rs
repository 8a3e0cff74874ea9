//! The list screens' state: bookings (filters, sort, pages, detail),
//! customers (fuzzy search with nucleo, history) and activity. Pure.

use super::form::BookingFilter;
use crate::domain::{Booking, BookingId, CustomerSummary};
use crate::domain::{BookingPage, BookingQuery, Event};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// The bookings screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BookingsState {
    /// The filters, sort and page asked for.
    pub query: BookingQuery,
    /// The page shown; `None` before the first load.
    pub page: Option<BookingPage>,
    /// Selected row on the page.
    pub selected: usize,
    /// The booking open in the detail overlay, with its events.
    pub detail: Option<(Booking, Vec<Event>)>,
    /// The filters as last typed (the query holds them resolved).
    pub filter: BookingFilter,
}

impl BookingsState {
    /// The selected booking.
    pub fn selected_booking(&self) -> Option<&Booking> {
        self.page.as_ref()?.bookings.get(self.selected)
    }
}

/// The customers screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomersState {
    /// Every customer, as loaded.
    pub all: Vec<CustomerSummary>,
    /// The search text.
    pub search: String,
    /// Typing goes to the search box.
    pub searching: bool,
    /// Indexes into `all` that match `search`, best first.
    pub matches: Vec<usize>,
    /// Selected row of `matches`.
    pub selected: usize,
    /// The selected customer's bookings, newest first.
    pub history: Vec<Booking>,
    /// Whether `all` has been loaded at least once.
    pub loaded: bool,
}

impl CustomersState {
    /// The selected customer.
    pub fn selected_customer(&self) -> Option<&CustomerSummary> {
        self.all.get(*self.matches.get(self.selected)?)
    }

    /// Recomputes `matches` for `search`: every customer when empty, else
    /// a fuzzy match on name, email and phone (nucleo), best score first.
    pub fn refilter(&mut self) {
        let search = self.search.trim();
        if search.is_empty() {
            self.matches = (0..self.all.len()).collect();
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

/// The activity screen: newest events first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActivityState {
    /// The events shown.
    pub events: Vec<Event>,
    /// Selected row.
    pub selected: usize,
    /// Whether `events` has been loaded at least once.
    pub loaded: bool,
}

impl ActivityState {
    /// The booking of the selected event, if it has one.
    pub fn selected_booking(&self) -> Option<BookingId> {
        self.events.get(self.selected)?.booking_id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CustomerId;
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
        s.refilter();
        assert_eq!(s.selected_customer().map(|c| c.id), Some(CustomerId(1)));
        s.search = "example.org".into();
        s.refilter();
        assert_eq!(s.matches, vec![1]);
        s.search = "4960111".into();
        s.refilter();
        assert_eq!(s.selected_customer().map(|c| c.id), Some(CustomerId(3)));
        s.search = String::new();
        s.refilter();
        assert_eq!(s.matches.len(), 3);
    }
}
