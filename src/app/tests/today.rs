//! The Today screen: its load, its one-key steps and their refusals, the
//! resource filter, the walk-in form.

use super::*;
use crate::app::overlays::form::FormKind;
use crate::domain::Transition;

/// The desk on Today with Ada due at 10:00 on R1 (booking 1) and booking 2
/// already checked in at 10:00 on R2; it is 09:30.
fn on_today() -> AppState {
    let mut s = desk();
    let effects = press_char(&mut s, '5');
    assert_eq!(
        effects,
        vec![Effect::LoadToday(day()), Effect::LoadTakings(day())]
    );
    let mut arrived = booking(2, 3, BookingStatus::CheckedIn);
    arrived.resource_id = ResourceId(2);
    arrived.resource_name = "R2".into();
    let other_day = {
        let mut b = booking(9, 1, BookingStatus::Confirmed);
        b.date = day().succ_opt().unwrap();
        b
    };
    // An answer for another day (a load from before midnight) is dropped.
    update(
        &mut s,
        Msg::TodayLoaded(other_day.date, vec![other_day], Vec::new()),
    );
    assert_eq!(s.today_sheet.date, None);
    update(
        &mut s,
        Msg::TodayLoaded(
            day(),
            vec![arrived, booking(1, 1, BookingStatus::Confirmed)],
            Vec::new(),
        ),
    );
    s
}

#[test]
fn one_key_checks_in_and_the_desk_refuses_what_the_engine_would() {
    let mut s = on_today();
    let sheet = s.today_sheet.sheet(s.now).unwrap();
    assert_eq!(sheet.rows.len(), 2);
    assert_eq!(
        s.today_sheet.selected_booking(s.now).map(|b| b.id),
        Some(BookingId(1)),
        "opens on the next one due"
    );
    assert_eq!(
        press_char(&mut s, 'i'),
        vec![Effect::Write(Write::Transition(
            BookingId(1),
            Transition::CheckIn
        ))]
    );
    assert!(press_char(&mut s, 'N').is_empty());
    assert!(
        status_text(&s).contains("has not started yet"),
        "{}",
        status_text(&s)
    );
    // Completing a booking nobody checked in is the lifecycle's refusal.
    assert!(press_char(&mut s, 'd').is_empty());
    assert!(
        status_text(&s).starts_with("#1: cannot complete"),
        "{}",
        status_text(&s)
    );
    // After the start a no-show goes to the engine.
    update(&mut s, Msg::Tick(now() + chrono::Duration::minutes(31)));
    assert_eq!(
        press_char(&mut s, 'N'),
        vec![Effect::Write(Write::Transition(
            BookingId(1),
            Transition::NoShow
        ))]
    );
    press(&mut s, KeyCode::Down);
    assert_eq!(
        press_char(&mut s, 'd'),
        vec![Effect::Write(Write::Transition(
            BookingId(2),
            Transition::Complete
        ))]
    );
}

#[test]
fn the_resource_filter_cycles_and_the_selection_stays_on_its_booking() {
    let mut s = on_today();
    press(&mut s, KeyCode::Down);
    assert_eq!(
        s.today_sheet.selected_booking(s.now).map(|b| b.id),
        Some(BookingId(2))
    );
    press_char(&mut s, 'f');
    assert_eq!(s.today_sheet.filter.resource, Some(ResourceId(1)));
    let ids = |s: &AppState| -> Vec<i64> {
        s.today_sheet
            .sheet(s.now)
            .unwrap()
            .rows
            .iter()
            .map(|r| r.booking.id.0)
            .collect()
    };
    assert_eq!(ids(&s), [1]);
    press_char(&mut s, 'f');
    assert_eq!(ids(&s), [2]);
    assert_eq!(
        s.today_sheet.selected_booking(s.now).map(|b| b.id),
        Some(BookingId(2)),
        "back on the booking selected before"
    );
    press_char(&mut s, 'f');
    assert_eq!(s.today_sheet.filter.resource, None, "then every resource");
    assert_eq!(ids(&s), [1, 2]);
    // Another desk's change reloads the sheet.
    assert!(update(&mut s, Msg::DatabaseChanged).contains(&Effect::LoadToday(day())));
}

#[test]
fn a_walk_in_opens_for_the_selected_bookings_service_and_asks_for_a_first_name() {
    let mut s = on_today();
    press_char(&mut s, 'W');
    let Some(Overlay::Form(form)) = &s.overlay else {
        panic!("the walk-in form opens");
    };
    assert_eq!(form.kind, FormKind::WalkIn(None));
    assert_eq!(form.value("Service"), "Physio");
    let required: Vec<&str> = form
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.label.as_str())
        .collect();
    assert_eq!(required, ["Service", "First name", "Participants"]);
}

#[test]
fn today_loads_its_takings_and_t_opens_the_cash_up_for_a_manager() {
    let mut s = desk();
    let effects = press_char(&mut s, '5');
    assert_eq!(
        effects,
        vec![Effect::LoadToday(day()), Effect::LoadTakings(day())]
    );
    press_char(&mut s, 'T');
    assert!(
        status_text(&s).contains("still loading"),
        "{}",
        status_text(&s)
    );
    let takings = crate::domain::Takings::from_entries(day(), Vec::new(), None);
    update(&mut s, Msg::TakingsLoaded(Box::new(takings)));
    press_char(&mut s, 'T');
    let Some(Overlay::Form(form)) = &s.overlay else {
        panic!("the cash-up form opens: {}", status_text(&s));
    };
    assert_eq!(form.kind, FormKind::SignOffTakings(day(), Vec::new()));
    assert!(form.subtitle.contains("nothing taken"), "{}", form.subtitle);
}

#[test]
fn a_hold_lapsing_above_the_selection_leaves_the_keys_on_the_same_booking() {
    let mut s = desk();
    press_char(&mut s, '5');
    let mut hold = booking(3, 1, BookingStatus::Held);
    hold.customer = None;
    hold.hold_expires_at = Some(now() + chrono::Duration::minutes(5));
    hold.from -= chrono::Duration::hours(1);
    let mut bo = booking(4, 3, BookingStatus::Confirmed);
    bo.resource_id = ResourceId(2);
    bo.resource_name = "R2".into();
    update(
        &mut s,
        Msg::TodayLoaded(
            day(),
            vec![hold, booking(1, 1, BookingStatus::Confirmed), bo],
            Vec::new(),
        ),
    );
    // The rows: the hold, Ada (1), Bo (4). Select Ada.
    s.today_sheet.selected = 0;
    s.today_sheet.selected_id = None;
    press(&mut s, KeyCode::Down);
    assert_eq!(
        s.today_sheet.selected_booking(s.now).map(|b| b.id),
        Some(BookingId(1))
    );
    // The hold lapses at a tick: it leaves the sheet, the rows move up.
    update(&mut s, Msg::Tick(now() + chrono::Duration::minutes(5)));
    assert_eq!(
        s.today_sheet.selected_booking(s.now).map(|b| b.id),
        Some(BookingId(1)),
        "still Ada, not Bo"
    );
    assert_eq!(
        press_char(&mut s, 'i'),
        vec![Effect::Write(Write::Transition(
            BookingId(1),
            Transition::CheckIn
        ))]
    );
}

#[test]
fn past_midnight_the_run_sheet_is_the_new_days() {
    let mut s = on_today();
    let midnight = Utc.with_ymd_and_hms(2026, 11, 24, 0, 0, 1).unwrap();
    let effects = update(&mut s, Msg::Tick(midnight));
    let tomorrow = day().succ_opt().unwrap();
    assert!(
        effects.contains(&Effect::LoadToday(tomorrow)),
        "{effects:?}"
    );
    assert!(
        effects.contains(&Effect::LoadTakings(tomorrow)),
        "{effects:?}"
    );
    assert_eq!(s.today_sheet.date, None, "yesterday's rows are gone");
}

#[test]
fn g_on_today_goes_to_a_typed_date_on_the_board() {
    let mut s = on_today();
    press_char(&mut s, 'g');
    for c in "fri".chars() {
        press_char(&mut s, c);
    }
    let effects = press(&mut s, KeyCode::Enter);
    let friday = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    assert_eq!(effects, vec![Effect::LoadDay(friday)]);
    assert_eq!((s.screen, s.board.date), (Screen::Board, friday));
}

#[test]
fn a_walk_in_with_nowhere_to_go_is_pointed_at_the_waitlist() {
    let mut s = on_today();
    press_char(&mut s, 'W');
    let write = Write::WalkIn(Box::new(crate::domain::WalkInRequest {
        service: ServiceId(1),
        slot: None,
        first_name: "Kai".into(),
        last_name: String::new(),
        phone: None,
        participants: 1,
        idempotency_key: None,
    }));
    let failure = crate::domain::Failure {
        kind: crate::domain::ErrorKind::Conflict,
        message: "time slot is full".into(),
        found: None,
    };
    update(&mut s, Msg::Written(Box::new(write), Err(failure)));
    let Some(Overlay::Form(form)) = &s.overlay else {
        panic!("the walk-in form stays open with what was typed");
    };
    let error = form.error.clone().unwrap_or_default();
    assert!(
        error.starts_with("time slot is full — Q on a full slot"),
        "{error}"
    );
}
