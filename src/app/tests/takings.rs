//! Takings reach the desk's state as data (the Today screen draws them).

use super::*;
use crate::domain::Takings;

#[test]
fn loaded_takings_are_kept_for_the_screen_that_shows_them() {
    let mut state = desk();
    assert_eq!(state.takings, None);
    let takings = Takings::from_entries(day(), Vec::new(), None);
    let effects = update(&mut state, Msg::TakingsLoaded(Box::new(takings.clone())));
    assert!(effects.is_empty());
    assert_eq!(state.takings, Some(takings));
}
