//! Pure tests of the desk's state machine: key → action → new state and
//! effects, with a fixed clock and no terminal or database.

use super::*;
use crate::app::Write;
use crate::app::board::Tone;
use crate::app::keymap::Keymap;
use crate::app::msg::{CatalogView, DayView};
use crate::app::state::Overlay;
use crate::domain::availability::{Slot, Unavailable};
use crate::domain::catalog::{Location, Resource, Service};
use crate::domain::{BookingError, Occurrence, ResourceId, ServiceId, TimeSlotId};
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
        bookings: Vec::new(),
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
    press(&mut s, KeyCode::Enter);
    update(&mut s, Msg::Written(Err(BookingError::SlotFull.into())));
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
    assert_eq!(s.overlay, Some(Overlay::Help));
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
fn slot_tones_follow_their_state() {
    let s = desk();
    let view = s.board.view.as_ref().unwrap();
    let tones: Vec<Tone> = view
        .slots
        .iter()
        .map(|x| crate::app::board::tone(x, &view.bookings, s.now))
        .collect();
    assert_eq!(tones, vec![Tone::Free, Tone::Full, Tone::Free]);
}

#[test]
fn quitting_sets_quit_and_asks_the_runtime_to_stop() {
    let mut s = desk();
    assert_eq!(press(&mut s, KeyCode::Char('q')), vec![Effect::Quit]);
    assert!(s.quit);
}
