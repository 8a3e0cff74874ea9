//! Switching screens, the clock, quitting, the bookings filter and the
//! customers screen.

use super::*;
use crate::app::screens::customers::LIST_ROWS;
use crate::domain::{Event, EventData, EventKind};

#[test]
fn screens_switch_with_number_keys_and_load_what_they_show() {
    let mut s = desk();
    let effects = press(&mut s, KeyCode::Char('2'));
    assert_eq!(s.screen, Screen::Bookings);
    assert!(matches!(effects.as_slice(), [Effect::LoadBookings(q)] if q.from == Some(day())));
    assert_eq!(
        press(&mut s, KeyCode::Char('4')),
        vec![Effect::LoadActivity(EventFilter::default())]
    );
    assert_eq!(
        press(&mut s, KeyCode::Char('3')),
        vec![Effect::LoadCustomers(String::new())]
    );
}

#[test]
fn ticks_sweep_and_poll_and_another_desks_change_reloads_the_screen() {
    let mut s = desk();
    let later = now() + Duration::seconds(1);
    assert_eq!(
        update(&mut s, Msg::Tick(later)),
        vec![Effect::Sweep, Effect::PollChanges]
    );
    assert_eq!(s.now, later);
    let effects = update(&mut s, Msg::DatabaseChanged);
    assert!(effects.contains(&Effect::LoadDay(day())));
    assert!(effects.contains(&Effect::CountHolds));
}

#[test]
fn quitting_sets_quit_for_the_runtime_to_stop_after_the_frame() {
    let mut s = desk();
    assert!(press(&mut s, KeyCode::Char('q')).is_empty());
    assert!(s.quit);
}

#[test]
fn a_filter_typed_in_its_form_loads_page_one_of_the_matching_bookings() {
    let mut s = desk();
    press_char(&mut s, '2');
    s.bookings.query.page = 3;
    assert!(press_char(&mut s, '/').is_empty());
    assert!(matches!(s.overlay, Some(Overlay::Form(_))));
    for _ in 0..4 {
        press(&mut s, KeyCode::Tab);
    }
    for c in "ada".chars() {
        press_char(&mut s, c);
    }
    let effects = press(&mut s, KeyCode::Enter);
    let expected = BookingQuery {
        from: Some(day()),
        to: Some(day() + Duration::days(6)),
        customer_text: Some("ada".into()),
        hide_lapsed: true,
        page: 1,
        ..BookingQuery::default()
    };
    assert_eq!(effects, vec![Effect::LoadBookings(expected)]);
    assert_eq!(s.overlay, None);
    assert_eq!(s.bookings.filter.customer.as_deref(), Some("ada"));
}

#[test]
fn editing_a_customer_on_the_customers_screen_needs_no_booking() {
    let mut s = desk();
    press_char(&mut s, '3');
    let effects = update(&mut s, listed("", &[ada()]));
    assert_eq!(effects, vec![Effect::LoadCustomerHistory(CustomerId(1))]);
    update(&mut s, Msg::HistoryLoaded(CustomerId(1), Vec::new()));
    press_char(&mut s, 'u');
    let Some(form) = s.form() else {
        panic!("no form: {}", status_text(&s))
    };
    assert_eq!(
        form.kind,
        crate::app::overlays::form::FormKind::EditCustomer(CustomerId(1))
    );
}

#[test]
fn keys_typed_blind_on_a_too_small_terminal_do_nothing_but_quit() {
    let mut s = desk();
    update(&mut s, Msg::Resized(60, 20));
    assert!(s.too_small());
    assert!(press_char(&mut s, 'r').is_empty());
    assert!(press(&mut s, KeyCode::Enter).is_empty());
    assert!(press_char(&mut s, '2').is_empty());
    assert!(s.overlay.is_none());
    assert_eq!(s.screen, Screen::Board);
    update(&mut s, Msg::Resized(80, 24));
    assert!(!s.too_small());
    press_char(&mut s, 'r');
    assert!(s.form().is_some(), "back to normal at 80x24");
    press(&mut s, KeyCode::Esc);
    update(&mut s, Msg::Resized(79, 40));
    press_char(&mut s, 'q');
    assert!(s.quit, "q still quits");
}

/// The Customers screen's answer to `search`: `customers`, no visits.
fn listed(search: &str, customers: &[CustomerSummary]) -> Msg {
    let found = customers
        .iter()
        .map(|c| CustomerMatch {
            customer: c.clone(),
            last_visit: None,
        })
        .collect();
    Msg::CustomersLoaded(search.into(), found)
}

/// Customer `id` named `first` `last`.
fn someone(id: i64, first: &str, last: &str) -> CustomerSummary {
    CustomerSummary {
        id: CustomerId(id),
        name: format!("{first} {last}"),
        first_name: first.into(),
        last_name: last.into(),
        ..ada()
    }
}

#[test]
fn the_customers_panel_never_shows_another_customers_history() {
    let mut s = desk();
    press_char(&mut s, '3');
    let amelia = someone(1, "Amelia", "Hughes");
    let samuel = someone(2, "Samuel", "Ahmed");
    update(&mut s, listed("", &[amelia.clone(), samuel.clone()]));
    let mut ameliass = booking(7, 1, BookingStatus::Confirmed);
    ameliass.customer = Some(amelia.clone());
    update(&mut s, Msg::HistoryLoaded(CustomerId(1), vec![ameliass]));
    // Search for Samuel: until his history loads, none is shown.
    press_char(&mut s, '/');
    for c in "samuel".chars() {
        press_char(&mut s, c);
    }
    update(&mut s, listed("samuel", std::slice::from_ref(&samuel)));
    press(&mut s, KeyCode::Enter);
    assert_eq!(
        s.customers.selected_customer().map(|c| c.id),
        Some(CustomerId(2))
    );
    assert_eq!(s.customers.selected_history(), None);
    assert!(
        press(&mut s, KeyCode::Enter).is_empty(),
        "no detail of Amelia's booking"
    );
    assert!(s.overlay.is_none());
    // Away and back: the list reloads, and Samuel's history is asked for.
    press_char(&mut s, '1');
    assert_eq!(
        press_char(&mut s, '3'),
        vec![Effect::LoadCustomers("samuel".into())],
        "the search kept is asked again"
    );
    let effects = update(&mut s, listed("samuel", &[amelia, samuel]));
    assert_eq!(effects, vec![Effect::LoadCustomerHistory(CustomerId(2))]);
    // A late answer for Amelia is not shown as Samuel's.
    update(
        &mut s,
        Msg::HistoryLoaded(CustomerId(1), vec![booking(7, 1, BookingStatus::Confirmed)]),
    );
    assert_eq!(s.customers.selected_history(), None);
    update(&mut s, Msg::HistoryLoaded(CustomerId(2), Vec::new()));
    assert_eq!(s.customers.selected_history(), Some(&[][..]));
}

#[test]
fn each_search_keystroke_asks_the_store_and_late_answers_are_dropped() {
    let mut s = desk();
    press_char(&mut s, '3');
    let amelia = someone(1, "Amelia", "Hughes");
    let samuel = someone(2, "Samuel", "Ahmed");
    update(&mut s, listed("", &[samuel.clone(), amelia.clone()]));
    assert_eq!(
        s.customers.selected_customer().map(|c| c.id),
        Some(CustomerId(2))
    );
    press_char(&mut s, '/');
    assert_eq!(
        press_char(&mut s, 'h'),
        vec![Effect::LoadCustomers("h".into())]
    );
    assert_eq!(
        press_char(&mut s, 'u'),
        vec![Effect::LoadCustomers("hu".into())]
    );
    // The answer to "h" arrives after "hu" was typed: not shown.
    assert!(update(&mut s, listed("h", &[samuel.clone(), amelia.clone()])).is_empty());
    assert_eq!(s.customers.shown.as_deref(), Some(""));
    let effects = update(&mut s, listed("hu", std::slice::from_ref(&amelia)));
    assert_eq!(effects, vec![Effect::LoadCustomerHistory(CustomerId(1))]);
    assert_eq!(
        s.customers.selected_customer().map(|c| c.id),
        Some(CustomerId(1))
    );
    // Backspace asks again; the customer selected stays selected.
    assert_eq!(
        press(&mut s, KeyCode::Backspace),
        vec![Effect::LoadCustomers("h".into())]
    );
    update(&mut s, listed("h", &[samuel, amelia]));
    assert_eq!(
        s.customers.selected_customer().map(|c| c.id),
        Some(CustomerId(1))
    );
    assert_eq!(s.customers.selected, 1);
    // Nothing found: nobody is selected and no history is shown.
    press_char(&mut s, 'z');
    update(&mut s, listed("hz", &[]));
    assert_eq!(s.customers.selected_customer(), None);
    assert_eq!(s.customers.selected_history(), None);
}

#[test]
fn the_search_box_edits_where_its_cursor_is_and_a_paste_goes_in_there() {
    let mut s = desk();
    press_char(&mut s, '3');
    press_char(&mut s, '/');
    for c in "Lovlace".chars() {
        press_char(&mut s, c);
    }
    for _ in 0..4 {
        assert!(
            press(&mut s, KeyCode::Left).is_empty(),
            "a move asks nothing"
        );
    }
    assert_eq!(
        press_char(&mut s, 'e'),
        vec![Effect::LoadCustomers("Lovelace".into())]
    );
    assert_eq!(s.customers.search.cursor(), 4);
    // ctrl-a and a paste: one line, in at the cursor, with its space kept.
    update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::CONTROL)),
    );
    assert_eq!(
        update(&mut s, Msg::Paste("Ada\n".into())),
        vec![Effect::LoadCustomers("Ada Lovelace".into())]
    );
    // ctrl-w takes the word before the cursor.
    assert_eq!(
        update(
            &mut s,
            Msg::Key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL))
        ),
        vec![Effect::LoadCustomers("Lovelace".into())]
    );
    assert!(s.customers.searching, "still typing");
}

#[test]
fn more_customers_than_listed_are_counted_as_more() {
    let mut s = desk();
    press_char(&mut s, '3');
    let many: Vec<CustomerSummary> = (1..=LIST_ROWS as i64 + 1)
        .map(|i| someone(i, "Pat", &format!("Smith{i:04}")))
        .collect();
    update(&mut s, listed("", &many));
    assert_eq!(s.customers.rows.len(), LIST_ROWS);
    assert!(s.customers.more);
    update(&mut s, listed("", &many[..3]));
    assert!(!s.customers.more);
}

/// An event of `kind` about booking `booking` of customer `customer`,
/// signed by `staff`.
fn event(id: i64, booking: Option<i64>, customer: Option<i64>, staff: Option<&str>) -> Event {
    Event {
        id: EventId(id),
        at: now(),
        kind: EventKind::BookingCreated,
        booking_id: booking.map(BookingId),
        customer_id: customer.map(CustomerId),
        data: EventData::Unreadable(serde_json::Value::Null),
        origin: None,
        staff: staff.map(str::to_owned),
        changes: Vec::new(),
    }
}

#[test]
fn activity_narrows_to_the_selected_events_booking_customer_or_staff_member() {
    let mut s = desk();
    assert_eq!(
        press_char(&mut s, '4'),
        vec![Effect::LoadActivity(EventFilter::default())]
    );
    let events = vec![
        event(3, None, Some(7), None),
        event(2, Some(12), Some(7), Some("Dana Reception")),
    ];
    update(&mut s, Msg::ActivityLoaded(EventFilter::default(), events));
    // The first event has no booking and no staff member: said, nothing asked.
    assert!(press_char(&mut s, 'b').is_empty());
    assert_eq!(status_text(&s), "this event is not about a booking");
    assert!(press_char(&mut s, 's').is_empty());
    assert_eq!(status_text(&s), "no staff member signed this event");
    press_char(&mut s, 'j');
    let by_dana = EventFilter {
        staff: Some("Dana Reception".into()),
        ..EventFilter::default()
    };
    assert_eq!(
        press_char(&mut s, 's'),
        vec![Effect::LoadActivity(by_dana.clone())]
    );
    assert_eq!(s.activity.selected, 0);
    // A late answer for every event is not shown as Dana's.
    update(
        &mut s,
        Msg::ActivityLoaded(EventFilter::default(), vec![event(3, None, Some(7), None)]),
    );
    assert!(s.activity.events.len() == 2 && s.activity.events[1].staff.is_some());
    update(
        &mut s,
        Msg::ActivityLoaded(
            by_dana.clone(),
            vec![event(2, Some(12), Some(7), Some("Dana Reception"))],
        ),
    );
    // Filters add up; Esc shows every event again.
    let both = EventFilter {
        booking: Some(BookingId(12)),
        ..by_dana
    };
    assert_eq!(press_char(&mut s, 'b'), vec![Effect::LoadActivity(both)]);
    assert_eq!(
        press(&mut s, KeyCode::Esc),
        vec![Effect::LoadActivity(EventFilter::default())]
    );
    // Elsewhere the filters say where they work.
    press_char(&mut s, '1');
    assert!(press_char(&mut s, 'b').is_empty() || s.screen == Screen::Board);
}

#[test]
fn a_duplicate_customer_is_marked_then_merged_into_the_one_kept() {
    let mut s = desk();
    press_char(&mut s, '3');
    let kept = someone(1, "Ada", "Lovelace");
    let twin = someone(2, "Ada", "Lovelance");
    update(&mut s, listed("", &[kept.clone(), twin.clone()]));
    // M on the duplicate marks it; M again on it says to choose another.
    press_char(&mut s, 'j');
    assert!(press_char(&mut s, 'M').is_empty());
    assert_eq!(
        s.customers.merging.as_ref().map(|c| c.id),
        Some(CustomerId(2))
    );
    assert!(
        status_text(&s).contains("the customer to keep"),
        "{}",
        status_text(&s)
    );
    press_char(&mut s, 'M');
    assert!(s.overlay.is_none());
    assert!(
        status_text(&s).contains("another customer"),
        "{}",
        status_text(&s)
    );
    // Esc drops the mark; mark again, then M on the one kept asks to confirm.
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.customers.merging, None);
    press_char(&mut s, 'M');
    press_char(&mut s, 'k');
    press_char(&mut s, 'M');
    let form = s.form().expect("the merge form");
    assert_eq!(form.title, "Merge customers (manager)");
    assert!(
        form.subtitle.contains("Ada Lovelance (#2)"),
        "{}",
        form.subtitle
    );
    assert!(
        form.subtitle.contains("Ada Lovelace (#1)"),
        "{}",
        form.subtitle
    );
    // The id of the customer removed must be typed; with no staff, say manager.
    for c in "2".chars() {
        press_char(&mut s, c);
    }
    press(&mut s, KeyCode::Tab);
    press_char(&mut s, 'y');
    assert_eq!(
        press(&mut s, KeyCode::Enter),
        vec![Effect::Write(crate::app::effect::Write::MergeCustomers(
            CustomerId(1),
            CustomerId(2),
            crate::app::Authority::Role(crate::domain::Role::Manager)
        ))]
    );
    // Done: the mark is dropped and the message names both.
    update(
        &mut s,
        Msg::Written(
            Box::new(crate::app::effect::Write::MergeCustomers(
                CustomerId(1),
                CustomerId(2),
                crate::app::Authority::Role(crate::domain::Role::Manager),
            )),
            Ok(crate::app::msg::Written::Customer(Box::new(kept))),
        ),
    );
    assert_eq!(s.customers.merging, None);
    assert_eq!(status_text(&s), "merged #2 into Ada Lovelace (#1)");
}

#[test]
fn a_reloaded_list_asks_again_for_the_selected_customers_history() {
    let mut s = desk();
    press_char(&mut s, '3');
    update(&mut s, listed("", &[ada()]));
    update(&mut s, Msg::HistoryLoaded(CustomerId(1), Vec::new()));
    // After a write (a merge moved bookings to Ada), the list reloads: her
    // history is asked for again, and the one shown stays until it comes.
    assert_eq!(
        update(&mut s, listed("", &[ada()])),
        vec![Effect::LoadCustomerHistory(CustomerId(1))]
    );
    assert_eq!(s.customers.selected_history(), Some(&[][..]));
}

#[test]
fn a_span_in_the_repeated_hour_of_a_dst_day_names_its_zone() {
    // desk() is in Europe/London; the clocks go back on Sunday 25 October 2026.
    let state = desk();
    let bst = Utc.with_ymd_and_hms(2026, 10, 25, 0, 0, 0).unwrap();
    assert_eq!(
        state.when(bst, bst + Duration::minutes(60)),
        "Sun 25 Oct 01:00 BST–01:00 GMT"
    );
    let nov = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    assert_eq!(
        state.when(nov, nov + Duration::minutes(60)),
        "Mon 23 Nov 09:00–10:00"
    );
}
