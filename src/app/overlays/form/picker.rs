//! The customer picker in the booking forms: as the clerk types a name,
//! email or phone, the customers on file that match are listed under the
//! fields; `↓` chooses one and `Enter` picks it, so the booking is for that
//! customer (the CLI's `--customer ID`). Typing in a customer field again
//! drops the pick. Its keys are the `Picker` table. Pure.

use crate::domain::{CustomerMatch, CustomerSummary};

/// At most this many customers are listed.
pub const SHOWN: usize = 5;

/// The picker's state inside a form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picker {
    /// The search the listed matches answer; a new one replaces it.
    pub query: String,
    /// Customers on file matching `query`, at most [`SHOWN`].
    pub matches: Vec<CustomerMatch>,
    /// The match `↓` has moved to, if any (`Enter` picks it).
    pub highlight: Option<usize>,
    /// The customer picked: the booking is for them.
    pub picked: Option<CustomerSummary>,
}

impl Picker {
    /// Whether the list is showing: there are matches and nothing is picked.
    pub fn is_open(&self) -> bool {
        self.picked.is_none() && !self.matches.is_empty()
    }

    /// Starts a new search for `query`; returns whether it must be asked
    /// for (it differs from the last one and is long enough).
    pub fn search(&mut self, query: &str) -> bool {
        let query = query.trim();
        if query == self.query {
            return false;
        }
        query.clone_into(&mut self.query);
        self.highlight = None;
        if query.chars().count() < 2 {
            self.matches.clear();
            return false;
        }
        true
    }

    /// Takes the matches found for `query`, if it is still the search.
    pub fn found(&mut self, query: &str, matches: Vec<CustomerMatch>) {
        if query == self.query {
            self.matches = matches;
            self.matches.truncate(SHOWN);
            self.highlight = None;
        }
    }

    /// Moves the highlight by `by` (−1 up, 1 down); up from the first match
    /// leaves the list.
    pub fn step(&mut self, by: i32) {
        let last = self.matches.len().saturating_sub(1);
        self.highlight = match (self.highlight, by) {
            (None, b) if b > 0 => Some(0),
            (Some(0), b) if b < 0 => None,
            (Some(i), b) if b < 0 => Some(i - 1),
            (Some(i), _) => Some((i + 1).min(last)),
            (None, _) => None,
        };
    }

    /// Picks the highlighted match; returns it.
    pub fn pick(&mut self) -> Option<&CustomerSummary> {
        let chosen = self.matches.get(self.highlight?)?.customer.clone();
        self.picked = Some(chosen);
        self.highlight = None;
        self.picked.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CustomerId;

    fn found(n: i64) -> CustomerMatch {
        CustomerMatch {
            customer: CustomerSummary {
                id: CustomerId(n),
                name: format!("Person {n}"),
                first_name: "Person".into(),
                last_name: n.to_string(),
                email: None,
                phone: None,
                created_at: chrono::DateTime::default(),
                updated_at: chrono::DateTime::default(),
            },
            last_visit: None,
        }
    }

    #[test]
    fn a_late_answer_for_an_older_search_is_dropped() {
        let mut p = Picker::default();
        assert!(p.search("Ad"));
        assert!(p.search("Ada"));
        assert!(!p.search(" Ada "), "the same search is not asked twice");
        p.found("Ad", vec![found(1)]);
        assert!(p.matches.is_empty());
        p.found("Ada", vec![found(2)]);
        assert_eq!(p.matches, [found(2)]);
        assert!(!p.search("A"), "one letter is not searched");
        assert!(p.matches.is_empty());
    }

    #[test]
    fn down_then_enter_picks_and_up_from_the_top_leaves_the_list() {
        let mut p = Picker::default();
        p.search("Person");
        p.found("Person", (1..=7).map(found).collect());
        assert_eq!(p.matches.len(), SHOWN);
        assert!(p.pick().is_none(), "nothing highlighted, nothing picked");
        p.step(1);
        p.step(1);
        p.step(-1);
        assert_eq!(p.highlight, Some(0));
        p.step(-1);
        assert_eq!(p.highlight, None);
        for _ in 0..9 {
            p.step(1);
        }
        assert_eq!(p.highlight, Some(SHOWN - 1));
        assert_eq!(p.pick().map(|c| c.id), Some(CustomerId(5)));
        assert!(!p.is_open());
    }
}
