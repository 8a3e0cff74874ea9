//! Pure tests of the desk's state machine: key → action → new state and
//! effects, with a fixed clock and no terminal or database.

use super::*;
use crate::app::Write;
use crate::app::keymap::Keymap;
use crate::app::msg::{CatalogView, DayView};
use crate::app::screens::board::SlotLook;
use crate::app::state::Overlay;
use crate::domain::availability::{Slot, Unavailable};
use crate::domain::catalog::{Location, Resource, Service};
use crate::domain::{
    Booking, BookingError, BookingId, BookingQuery, BookingStatus, CustomerId, CustomerSummary,
    Occurrence, Payment, PaymentStatus, ResourceId, ServiceId, SlotRef, TimeSlotId,
};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn slot(id: i64, resource: i64, hour: u32, taken: u32, unavailable: Option<Unavailable>) -> Slot {
    let from = Utc.with_ymd_and_hms(2026, 11, 23, hour, 0, 0).unwrap();
    Slot {
        occurrence: Occurrence {
            time_slot_id: TimeSlotId(id),
            date: day(),
            service_id: ServiceId(1),
            resource_id: ResourceId(resource),
            from,
            to: from + Duration::minutes(60),
            capacity: 1,
        },
        service_name: "Physio".into(),
        resource_name: format!("R{resource}"),
        taken,
        unavailable,
    }
}

fn service() -> Service {
    Service {
        id: ServiceId(1),
        key: "physio".into(),
        name: "Physio".into(),
        duration_minutes: 60,
        capacity: 1,
        hold_minutes: 15,
        price: 5500,
        currency: "GBP".into(),
        require_email_and_phone: false,
        questions: Vec::new(),
        add_ons: Vec::new(),
        active: true,
    }
}

/// A desk showing a day with three slots: free 10:00 and full 11:00 on R1,
/// free 10:00 on R2.
fn desk() -> AppState {
    desk_with(Vec::new())
}

/// Ada Lovelace, customer 1.
fn ada() -> CustomerSummary {
    CustomerSummary {
        id: CustomerId(1),
        name: "Ada Lovelace".into(),
        first_name: "Ada".into(),
        last_name: "Lovelace".into(),
        email: Some("ada@example.com".into()),
        phone: None,
        created_at: now(),
        updated_at: now(),
    }
}

/// Booking `id` for Ada on slot `time_slot` of the fixture day.
fn booking(id: i64, time_slot: i64, status: BookingStatus) -> Booking {
    let s = slot(time_slot, 1, 10, 1, None);
    Booking {
        id: BookingId(id),
        service_id: ServiceId(1),
        service_name: "Physio".into(),
        resource_id: s.occurrence.resource_id,
        resource_name: "R1".into(),
        date: day(),
        time_slot_id: TimeSlotId(time_slot),
        from: s.occurrence.from,
        to: s.occurrence.to,
        participants: 1,
        status,
        hold_expires_at: None,
        cancel_reason: None,
        message: None,
        customer: Some(ada()),
        payment: Payment {
            status: PaymentStatus::Unpaid,
            amount: None,
            currency: "GBP".into(),
            method: None,
            reference: None,
        },
        answers: Vec::new(),
        add_ons: Vec::new(),
        created_at: now(),
        updated_at: now(),
    }
}

/// The desk of [`desk`] with `bookings` on its day.
fn desk_with(bookings: Vec<Booking>) -> AppState {
    let mut state = AppState::new(now(), Keymap::default(), "test.db".into(), "k".into());
    init(&mut state);
    let catalog = CatalogView {
        location: Location {
            name: "Studio".into(),
            time_zone: chrono_tz::Europe::London,
            phone_region: "GB".into(),
            currency: "GBP".into(),
        },
        services: vec![service()],
        resources: [1, 2]
            .map(|i| Resource {
                id: ResourceId(i),
                key: format!("r{i}"),
                name: format!("R{i}"),
                kind: "staff".into(),
                active: true,
            })
            .to_vec(),
    };
    let effects = update(&mut state, Msg::CatalogLoaded(Some(Box::new(catalog))));
    assert_eq!(effects, vec![Effect::LoadDay(day())]);
    let view = DayView {
        date: day(),
        slots: vec![
            slot(1, 1, 10, 0, None),
            slot(2, 1, 11, 1, Some(Unavailable::Full)),
            slot(3, 2, 10, 0, None),
        ],
        bookings,
    };
    update(&mut state, Msg::DayLoaded(Box::new(view)));
    state
}

fn press(state: &mut AppState, code: KeyCode) -> Vec<Effect> {
    update(state, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

#[test]
fn the_board_opens_on_the_first_slot_from_now_and_moves_with_hjkl() {
    let mut s = desk();
    assert_eq!(
        s.board.selected_slot().map(|x| x.occurrence.time_slot_id),
        Some(TimeSlotId(1))
    );
    press(&mut s, KeyCode::Char('j'));
    assert_eq!(
        s.board.selected_slot().map(|x| x.occurrence.time_slot_id),
        Some(TimeSlotId(2))
    );
    press(&mut s, KeyCode::Char('l'));
    assert_eq!(
        s.board.selected_slot().map(|x| x.occurrence.time_slot_id),
        Some(TimeSlotId(3))
    );
    press(&mut s, KeyCode::Char('l'));
    assert_eq!(
        s.board.selected_slot().map(|x| x.occurrence.time_slot_id),
        Some(TimeSlotId(3)),
        "no column further right"
    );
}

#[test]
fn day_keys_ask_for_the_next_and_previous_days() {
    let mut s = desk();
    assert_eq!(
        press(&mut s, KeyCode::Char(']')),
        vec![Effect::LoadDay(day() + Duration::days(1))]
    );
    assert_eq!(
        press(&mut s, KeyCode::Char('[')),
        vec![Effect::LoadDay(day())]
    );
    assert_eq!(
        press(&mut s, KeyCode::Char('[')),
        vec![Effect::LoadDay(day() - Duration::days(1))]
    );
    assert_eq!(
        press(&mut s, KeyCode::Char('t')),
        vec![Effect::LoadDay(day())]
    );
}

#[test]
fn reserving_opens_a_form_whose_submit_asks_for_a_hold_with_the_forms_key() {
    let mut s = desk();
    assert!(press(&mut s, KeyCode::Char('r')).is_empty());
    assert!(matches!(s.overlay, Some(Overlay::Form(_))));
    let effects = press(&mut s, KeyCode::Enter);
    let [
        Effect::Write(Write::Hold {
            participants, key, ..
        }),
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert_eq!((*participants, key.as_str()), (1, "k-1"));
    assert!(
        press(&mut s, KeyCode::Enter).is_empty(),
        "a double Enter books once"
    );
}

#[test]
fn reserving_a_full_slot_says_so_without_a_form() {
    let mut s = desk();
    press(&mut s, KeyCode::Down);
    assert!(press(&mut s, KeyCode::Char('r')).is_empty());
    assert!(s.overlay.is_none());
    assert!(
        s.status
            .as_ref()
            .is_some_and(|st| st.text.starts_with("time slot is full"))
    );
}

#[test]
fn a_refused_submit_keeps_the_form_and_what_was_typed() {
    let mut s = desk();
    press(&mut s, KeyCode::Char('r'));
    let effects = press(&mut s, KeyCode::Enter);
    let [Effect::Write(write)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let write = write.clone();
    update(
        &mut s,
        Msg::Written(Box::new(write), Err(BookingError::SlotFull.into())),
    );
    let Some(Overlay::Form(form)) = &s.overlay else {
        panic!("form closed")
    };
    assert_eq!(form.error.as_deref(), Some("time slot is full"));
    assert!(!form.submitting);
    assert_eq!(form.fields[0].value, "1");
}

#[test]
fn screens_switch_with_number_keys_and_load_what_they_show() {
    let mut s = desk();
    let effects = press(&mut s, KeyCode::Char('2'));
    assert_eq!(s.screen, Screen::Bookings);
    assert!(matches!(effects.as_slice(), [Effect::LoadBookings(q)] if q.from == Some(day())));
    assert_eq!(
        press(&mut s, KeyCode::Char('4')),
        vec![Effect::LoadActivity]
    );
    assert_eq!(
        press(&mut s, KeyCode::Char('3')),
        vec![Effect::LoadCustomers]
    );
}

#[test]
fn help_and_palette_open_and_the_palette_runs_an_action() {
    let mut s = desk();
    press(&mut s, KeyCode::Char('?'));
    assert!(matches!(s.overlay, Some(Overlay::Help(_))));
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.overlay, None);
    press(&mut s, KeyCode::Char(':'));
    for c in "activity".chars() {
        press(&mut s, KeyCode::Char(c));
    }
    assert_eq!(press(&mut s, KeyCode::Enter), vec![Effect::LoadActivity]);
    assert_eq!(s.screen, Screen::Activity);
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
fn slot_looks_follow_their_state() {
    let s = desk();
    let view = s.board.view.as_ref().unwrap();
    let looks: Vec<SlotLook> = view
        .slots
        .iter()
        .map(|x| crate::app::screens::board::look(x, &view.bookings, s.now))
        .collect();
    assert_eq!(looks, vec![SlotLook::Free, SlotLook::Full, SlotLook::Free]);
}

#[test]
fn quitting_sets_quit_for_the_runtime_to_stop_after_the_frame() {
    let mut s = desk();
    assert!(press(&mut s, KeyCode::Char('q')).is_empty());
    assert!(s.quit);
}

fn press_char(state: &mut AppState, c: char) -> Vec<Effect> {
    press(state, KeyCode::Char(c))
}

fn status_text(state: &AppState) -> &str {
    state.status.as_ref().map_or("", |s| s.text.as_str())
}

fn slot_ref(time_slot: i64) -> SlotRef {
    SlotRef {
        time_slot_id: TimeSlotId(time_slot),
        date: day(),
    }
}

#[test]
fn move_mode_enter_on_another_slot_asks_to_move_that_booking_there() {
    let mut s = desk_with(vec![booking(7, 1, BookingStatus::Confirmed)]);
    assert!(press_char(&mut s, 'm').is_empty(), "same day: no reload");
    assert_eq!(s.board.moving, Some(BookingId(7)));
    assert!(status_text(&s).starts_with("moving booking #7"));
    press_char(&mut s, 'l');
    let effects = press(&mut s, KeyCode::Enter);
    assert_eq!(
        effects,
        vec![Effect::Write(Write::Move(BookingId(7), slot_ref(3)))]
    );
    let moved = Written::Booking(Box::new(booking(7, 3, BookingStatus::Confirmed)));
    let write = Write::Move(BookingId(7), slot_ref(3));
    let effects = update(&mut s, Msg::Written(Box::new(write), Ok(moved)));
    assert_eq!(s.board.moving, None);
    assert!(
        status_text(&s).starts_with("moved #7 to Mon 23 Nov"),
        "{}",
        status_text(&s)
    );
    assert!(effects.contains(&Effect::LoadDay(day())));
}

#[test]
fn esc_in_move_mode_cancels_the_move_and_enter_then_opens_the_booking() {
    let mut s = desk_with(vec![booking(7, 1, BookingStatus::Confirmed)]);
    press_char(&mut s, 'm');
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.board.moving, None);
    assert_eq!(status_text(&s), "move cancelled");
    assert_eq!(
        press(&mut s, KeyCode::Enter),
        vec![Effect::LoadBooking(BookingId(7))]
    );
    assert_eq!(s.detail().map(|d| d.id), Some(BookingId(7)));
}

#[test]
fn week_view_shows_the_selected_resources_week_and_days_move_by_weeks() {
    let mut s = desk();
    press_char(&mut s, 'l');
    let monday = day();
    assert_eq!(
        press_char(&mut s, 'w'),
        vec![Effect::LoadWeek(ResourceId(2), monday)]
    );
    assert_eq!(s.board.week, Some(ResourceId(2)));
    assert_eq!(
        press_char(&mut s, ']'),
        vec![Effect::LoadWeek(ResourceId(2), monday + Duration::days(7))]
    );
    assert_eq!(
        press_char(&mut s, 'w'),
        vec![Effect::LoadDay(monday + Duration::days(7))]
    );
    assert_eq!(s.board.week, None);
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
        page: 1,
        ..BookingQuery::default()
    };
    assert_eq!(effects, vec![Effect::LoadBookings(expected)]);
    assert_eq!(s.overlay, None);
    assert_eq!(s.bookings.filter.customer.as_deref(), Some("ada"));
}

#[test]
fn the_message_after_each_write_names_the_booking_and_its_customer() {
    let cases = [
        (
            Write::Book(Box::default()),
            BookingStatus::Confirmed,
            "booked #7 for Ada Lovelace (confirmed)",
        ),
        (
            Write::Confirm(BookingId(7), Box::default()),
            BookingStatus::Confirmed,
            "confirmed #7 for Ada Lovelace",
        ),
        (
            Write::Cancel(BookingId(7), "ill".into()),
            BookingStatus::Cancelled,
            "#7 cancelled",
        ),
        (
            Write::Extend(BookingId(7)),
            BookingStatus::Held,
            "hold #7 extended",
        ),
        (
            Write::Delete(BookingId(7), crate::domain::Role::Manager),
            BookingStatus::Confirmed,
            "deleted #7",
        ),
    ];
    for (write, status, message) in cases {
        let mut s = desk();
        let done = Written::Booking(Box::new(booking(7, 1, status)));
        update(&mut s, Msg::Written(Box::new(write), Ok(done)));
        assert_eq!(status_text(&s), message);
    }
}

#[test]
fn a_key_under_an_overlay_never_reaches_the_screen_below() {
    let mut s = desk();
    // A form types `q` and `2` into its field.
    press_char(&mut s, 'r');
    press(&mut s, KeyCode::Backspace);
    press_char(&mut s, '2');
    press_char(&mut s, 'q');
    assert!(!s.quit);
    assert_eq!(s.screen, Screen::Board);
    assert_eq!(s.form().map(|f| f.fields[0].value.as_str()), Some("2q"));
    // The palette types `j` into its filter.
    press(&mut s, KeyCode::Esc);
    press(&mut s, KeyCode::Char('y'));
    press_char(&mut s, ':');
    press_char(&mut s, 'j');
    assert!(matches!(&s.overlay, Some(Overlay::Palette(p)) if p.filter == "j"));
    press(&mut s, KeyCode::Esc);
    // Help ignores keys it has no binding for.
    press_char(&mut s, '?');
    assert!(press_char(&mut s, '2').is_empty());
    assert_eq!(s.screen, Screen::Board);
    assert!(matches!(s.overlay, Some(Overlay::Help(_))));
}

#[test]
fn help_pages_on_and_back_round_and_closes_only_on_its_keys() {
    let mut s = desk();
    press_char(&mut s, '?');
    press(&mut s, KeyCode::PageDown);
    press_char(&mut s, 'l');
    assert!(matches!(s.overlay, Some(Overlay::Help(h)) if h.page == 2));
    press(&mut s, KeyCode::PageUp);
    assert!(matches!(s.overlay, Some(Overlay::Help(h)) if h.page == 1));
    press_char(&mut s, 'x');
    assert!(s.overlay.is_some());
    press_char(&mut s, 'q');
    assert!(s.overlay.is_none());
    assert!(!s.quit, "q closes help, it does not quit");
}

#[test]
fn the_detail_takes_its_own_keys_and_acts_on_the_booking_it_shows() {
    let mut s = desk_with(vec![booking(7, 1, BookingStatus::Pending)]);
    press(&mut s, KeyCode::Enter);
    update(
        &mut s,
        Msg::BookingLoaded(Box::new(booking(7, 1, BookingStatus::Pending)), Vec::new()),
    );
    assert!(
        press_char(&mut s, '2').is_empty(),
        "no screen switch under it"
    );
    assert_eq!(s.screen, Screen::Board);
    assert_eq!(
        press_char(&mut s, 'c'),
        vec![Effect::Write(Write::Confirm(BookingId(7), Box::default()))]
    );
    press(&mut s, KeyCode::Esc);
    assert!(s.overlay.is_none());
}

#[test]
fn editing_a_customer_on_the_customers_screen_needs_no_booking() {
    let mut s = desk();
    press_char(&mut s, '3');
    let effects = update(&mut s, Msg::CustomersLoaded(vec![ada()]));
    assert_eq!(effects, vec![Effect::LoadCustomerHistory(CustomerId(1))]);
    update(&mut s, Msg::HistoryLoaded(Vec::new()));
    press_char(&mut s, 'u');
    let Some(form) = s.form() else {
        panic!("no form: {}", status_text(&s))
    };
    assert_eq!(
        form.kind,
        crate::app::overlays::form::FormKind::EditCustomer(CustomerId(1))
    );
}
