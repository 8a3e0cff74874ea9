//! The bookings list: its filter form (people's words for statuses, a date
//! range that must run forwards), the sort direction and newest-first
//! order, and the released and expired holds it hides unless asked.

use super::*;

/// The bookings screen with its filter form open.
fn filter_form() -> AppState {
    let mut s = desk();
    press_char(&mut s, '2');
    press_char(&mut s, '/');
    assert!(s.form().is_some(), "{}", status_text(&s));
    s
}

fn set_field(s: &mut AppState, label: &str, value: &str) {
    let Some(Overlay::Form(form)) = &mut s.overlay else {
        panic!("no form");
    };
    let field = form.fields.iter_mut().find(|f| f.label == label).unwrap();
    field.set_value(value);
}

fn submitted_query(effects: &[Effect]) -> &BookingQuery {
    match effects {
        [Effect::LoadBookings(q)] => q,
        other => panic!("not a load: {other:?}"),
    }
}

#[test]
fn the_filter_form_offers_statuses_in_peoples_words() {
    let s = filter_form();
    let form = s.form().unwrap();
    let status = form.fields.iter().find(|f| f.label == "Status").unwrap();
    let crate::app::overlays::form::FieldKind::Choice(options) = &status.kind else {
        panic!("status is not a choice");
    };
    assert!(options.contains(&"checked in".to_owned()), "{options:?}");
    assert!(options.contains(&"no-show".to_owned()), "{options:?}");
    assert!(options.iter().all(|o| !o.contains('_')), "{options:?}");
}

#[test]
fn the_filter_takes_a_status_in_peoples_or_machine_words() {
    for (typed, status) in [
        ("checked in", BookingStatus::CheckedIn),
        ("checked_in", BookingStatus::CheckedIn),
        ("no-show", BookingStatus::NoShow),
        ("no_show", BookingStatus::NoShow),
        ("Expired", BookingStatus::Expired),
    ] {
        let mut s = filter_form();
        set_field(&mut s, "Status", typed);
        let effects = press(&mut s, KeyCode::Enter);
        assert_eq!(submitted_query(&effects).status, Some(status), "{typed}");
    }
}

#[test]
fn a_filter_whose_end_is_before_its_start_is_refused_naming_both_dates() {
    let mut s = filter_form();
    set_field(&mut s, "From", "2026-11-25");
    set_field(&mut s, "To", "2026-11-20");
    let effects = press(&mut s, KeyCode::Enter);
    assert!(effects.is_empty(), "{effects:?}");
    let form = s.form().expect("the form stays open");
    let error = form.error.clone().unwrap_or_default();
    assert!(
        error.contains("2026-11-20") && error.contains("2026-11-25"),
        "{error}"
    );
    assert!(error.contains("before"), "{error}");
    assert_eq!(s.bookings.query.to, Some(day() + Duration::days(6)));
    // The same day for both ends is one day, not a refusal.
    set_field(&mut s, "To", "2026-11-25");
    let effects = press(&mut s, KeyCode::Enter);
    let q = submitted_query(&effects);
    let the_25th = Some(day() + Duration::days(2));
    assert_eq!((q.from, q.to), (the_25th, the_25th));
}

/// The bookings screen as first shown, with its first load's query.
fn list() -> (AppState, BookingQuery) {
    let mut s = desk();
    let effects = press_char(&mut s, '2');
    let q = submitted_query(&effects).clone();
    (s, q)
}

#[test]
fn the_list_hides_released_and_expired_holds_at_first_and_one_key_shows_them() {
    let (mut s, first) = list();
    assert!(first.hide_lapsed, "hidden by default");
    let effects = press_char(&mut s, 'H');
    let q = submitted_query(&effects);
    assert!(!q.hide_lapsed);
    assert_eq!(q.page, 1);
    assert_eq!(status_text(&s), "showing released and expired holds");
    let effects = press_char(&mut s, 'H');
    assert!(submitted_query(&effects).hide_lapsed);
    assert_eq!(status_text(&s), "released and expired holds hidden");
}

#[test]
fn a_filter_keeps_holds_hidden_or_shown_as_they_were() {
    let (mut s, _) = list();
    press_char(&mut s, 'H');
    press_char(&mut s, '/');
    let effects = press(&mut s, KeyCode::Enter);
    assert!(!submitted_query(&effects).hide_lapsed);
}

#[test]
fn one_key_reverses_the_sort_and_the_message_says_which_way() {
    let (mut s, first) = list();
    assert!(!first.descending);
    s.bookings.query.page = 2;
    let effects = press_char(&mut s, 'S');
    let q = submitted_query(&effects);
    assert!(q.descending);
    assert_eq!((q.sort, q.page), (first.sort, 1));
    assert_eq!(status_text(&s), "sorted by start ▼ (descending)");
    press_char(&mut s, 'S');
    assert!(!s.bookings.query.descending);
    assert_eq!(status_text(&s), "sorted by start ▲ (ascending)");
    // Cycling the order keeps the direction.
    press_char(&mut s, 'S');
    let effects = press_char(&mut s, 's');
    let q = submitted_query(&effects);
    assert_eq!(
        (q.sort, q.descending),
        (crate::domain::BookingSort::Customer, true)
    );
}

#[test]
fn newest_first_orders_by_when_booked_and_the_same_key_goes_back() {
    let (mut s, first) = list();
    let effects = press_char(&mut s, 'N');
    let q = submitted_query(&effects);
    assert_eq!(
        (q.sort, q.descending, q.page),
        (crate::domain::BookingSort::Created, true, 1)
    );
    assert_eq!((q.from, q.to), (first.from, first.to), "the filters stay");
    assert_eq!(status_text(&s), "newest first (by when booked)");
    let effects = press_char(&mut s, 'N');
    let q = submitted_query(&effects);
    assert_eq!(
        (q.sort, q.descending),
        (crate::domain::BookingSort::Starts, false)
    );
}
