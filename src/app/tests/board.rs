//! The day board: the cursor, days and weeks, slot looks, move mode.

use super::*;

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
    let moved = Written::Booking(Box::new(booking(7, 3, BookingStatus::Confirmed)), None);
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
fn esc_on_another_screen_still_cancels_a_move() {
    let mut s = desk_with(vec![booking(7, 1, BookingStatus::Confirmed)]);
    press_char(&mut s, 'm');
    press_char(&mut s, '2');
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.board.moving, None);
    assert_eq!(status_text(&s), "move cancelled");
}

#[test]
fn go_to_date_reads_what_people_type_and_an_empty_field_is_today() {
    let mut s = desk();
    let go = |s: &mut AppState, typed: &str| {
        press_char(s, 'g');
        for c in typed.chars() {
            press_char(s, c);
        }
        let effects = press(s, KeyCode::Enter);
        (s.board.date, effects)
    };
    // The fixture's today is Monday 23 November 2026.
    let (date, effects) = go(&mut s, "fri");
    assert_eq!(date, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
    assert_eq!(effects, vec![Effect::LoadDay(date)]);
    assert_eq!(
        go(&mut s, "25/12").0,
        NaiveDate::from_ymd_opt(2026, 12, 25).unwrap()
    );
    assert_eq!(
        go(&mut s, "+7").0,
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    );
    assert_eq!(go(&mut s, "").0, day(), "empty is today");
    // Nonsense stays in the form with the problem beside it.
    press_char(&mut s, 'g');
    for c in "32/12".chars() {
        press_char(&mut s, c);
    }
    assert!(press(&mut s, KeyCode::Enter).is_empty());
    let Some(Overlay::Form(form)) = &s.overlay else {
        panic!("the form stays open");
    };
    let problem = form.fields[0].problem.clone().unwrap_or_default();
    assert!(problem.contains("try 2026-12-25, 25/12"), "{problem}");
}

#[test]
fn finding_a_free_slot_while_moving_looks_for_the_moving_bookings_service() {
    let mut s = desk();
    s.board.moving = Some(BookingId(7));
    s.board.moving_service = Some(ServiceId(2));
    let effects = press_char(&mut s, 'f');
    let [Effect::FindFreeSlots(search, title)] = effects.as_slice() else {
        panic!("a search, not the form: {effects:?}");
    };
    assert_eq!(
        search.service,
        ServiceId(2),
        "not the cursor's slot's service"
    );
    assert!(title.contains("to move #7"), "{title}");
    assert!(s.overlay.is_none());
}

#[test]
fn esc_closes_go_to_date_without_asking_to_discard_what_was_typed() {
    let mut s = desk();
    press_char(&mut s, 'g');
    for c in "31/02".chars() {
        press_char(&mut s, c);
    }
    press(&mut s, KeyCode::Esc);
    assert!(s.overlay.is_none(), "closed, no discard question");
    // The next key is the board's again.
    press_char(&mut s, 't');
    assert_eq!(s.board.date, day());
}
