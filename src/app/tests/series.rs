//! Series at the desk: the new-booking form's Repeat books a weekly series
//! (all or none, or the free weeks), the message names the weeks not
//! booked, and cancelling a series booking offers "this and the later weeks".

use super::*;
use crate::app::msg::Written;
use crate::app::overlays::form::FieldKind;
use crate::domain::{SeriesBooked, SeriesId, SeriesKind, SeriesMode, SeriesPlace, SeriesRefusal};

/// Sets the field `label` of the open form to `value`.
fn set(s: &mut AppState, label: &str, value: &str) {
    let Some(Overlay::Form(form)) = &mut s.overlay else {
        panic!("no form open");
    };
    let field = form
        .fields
        .iter_mut()
        .find(|f| f.label == label)
        .unwrap_or_else(|| panic!("no field {label}"));
    field.set_value(value);
}

fn new_booking_for_ada(s: &mut AppState) {
    press_char(s, 'n');
    set(s, "First name", "Ada");
    set(s, "Last name", "Lovelace");
    set(s, "Email", "ada@example.com");
}

#[test]
fn repeat_weekly_books_a_series_of_the_weeks_from_the_slot() {
    let mut s = desk();
    new_booking_for_ada(&mut s);
    assert_eq!(s.form().unwrap().value("Repeat"), "no");
    set(&mut s, "Repeat", "every 2 weeks");
    set(&mut s, "Weeks", "3");
    set(&mut s, "If a week is taken", "book the free ones");
    let effects = press(&mut s, KeyCode::Enter);
    let Some(Effect::Write(Write::BookSeries(req))) = effects.first() else {
        panic!("expected a series write, got {effects:?}");
    };
    assert_eq!(req.kind, SeriesKind::Weekly { every_weeks: 2 });
    assert_eq!(req.mode, SeriesMode::Partial);
    let dates: Vec<String> = req.slots.iter().map(|s| s.date.to_string()).collect();
    assert_eq!(dates, ["2026-11-23", "2026-12-07", "2026-12-21"]);
    assert!(
        req.slots
            .iter()
            .all(|s| s.time_slot_id == slot_ref(1).time_slot_id)
    );
    assert!(
        req.booking.idempotency_key.is_some(),
        "a resubmit is the same series"
    );
}

#[test]
fn no_repeat_is_a_single_booking_and_weeks_out_of_range_stay_in_the_form() {
    let mut s = desk();
    new_booking_for_ada(&mut s);
    let effects = press(&mut s, KeyCode::Enter);
    assert!(
        matches!(effects.first(), Some(Effect::Write(Write::Book(_)))),
        "{effects:?}"
    );

    let mut s = desk();
    new_booking_for_ada(&mut s);
    set(&mut s, "Repeat", "weekly");
    for bad in ["1", "53", "99999999999", "", "six"] {
        set(&mut s, "Weeks", bad);
        let effects = press(&mut s, KeyCode::Enter);
        assert!(
            !effects.iter().any(|e| matches!(e, Effect::Write(_))),
            "{bad:?}: {effects:?}"
        );
        assert!(s.form().is_some(), "{bad:?}: the form stays open");
    }
}

#[test]
fn the_message_after_a_partial_series_names_the_weeks_not_booked() {
    let mut s = desk();
    let place = |position| SeriesPlace {
        kind: SeriesKind::Weekly { every_weeks: 1 },
        position,
        of: 3,
    };
    let mut first = booking(7, 1, BookingStatus::Confirmed);
    first.series_id = Some(SeriesId(2));
    first.series_place = Some(place(1));
    let mut third = booking(9, 1, BookingStatus::Confirmed);
    third.series_place = Some(place(3));
    let made = SeriesBooked {
        series_id: SeriesId(2),
        kind: SeriesKind::Weekly { every_weeks: 1 },
        booked: vec![first, third],
        refused: vec![SeriesRefusal {
            position: 2,
            slot: SlotRef {
                date: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
                ..slot_ref(1)
            },
            reason: "time slot is full".into(),
        }],
    };
    let write = Write::BookSeries(Box::new(crate::domain::SeriesRequest {
        kind: SeriesKind::Weekly { every_weeks: 1 },
        slots: Vec::new(),
        booking: crate::domain::BookRequest::default(),
        mode: SeriesMode::Partial,
    }));
    update(
        &mut s,
        Msg::Written(Box::new(write), Ok(Written::Series(Box::new(made)))),
    );
    assert_eq!(
        status_text(&s),
        "booked series 2: 2 of 3 weeks for Ada Lovelace · not booked: week 2 Mon 30 Nov (time slot is full)"
    );
    assert_eq!(s.board.booking, Some(BookingId(7)));
}

/// Booking #7, week 4 of 6 of weekly series 2.
fn week_4_of_6() -> Booking {
    let mut b = booking(7, 1, BookingStatus::Confirmed);
    b.series_id = Some(SeriesId(2));
    b.series_place = Some(SeriesPlace {
        kind: SeriesKind::Weekly { every_weeks: 1 },
        position: 4,
        of: 6,
    });
    b
}

#[test]
fn cancelling_a_series_booking_asks_this_one_or_this_and_the_following() {
    let mut b = week_4_of_6();
    let mut s = desk_with(vec![b.clone()]);
    press_char(&mut s, 'x');
    let form = s.form().expect("cancel form");
    let Some(FieldKind::Choice(options)) = form.kind_of("Cancel").cloned() else {
        panic!("no which-ones choice");
    };
    assert_eq!(options, ["this one", "this and the later weeks"]);
    set(&mut s, "Reason", "moving away");
    // "this one" is the default: a plain cancel.
    let mut one = s.clone();
    let effects = press(&mut one, KeyCode::Enter);
    assert!(
        matches!(effects.first(), Some(Effect::Write(Write::Cancel(..)))),
        "{effects:?}"
    );
    set(&mut s, "Cancel", &options[1]);
    let effects = press(&mut s, KeyCode::Enter);
    let Some(Effect::Write(Write::CancelFollowing(id, req))) = effects.first() else {
        panic!("expected cancel following, got {effects:?}");
    };
    assert_eq!((*id, req.reason.as_str()), (BookingId(7), "moving away"));

    let done = Written::CancelledFollowing(vec![
        b.clone(),
        booking(8, 1, BookingStatus::Cancelled),
        booking(9, 1, BookingStatus::Cancelled),
    ]);
    update(
        &mut s,
        Msg::Written(
            Box::new(Write::CancelFollowing(b.id, req.clone())),
            Ok(done),
        ),
    );
    assert_eq!(
        status_text(&s),
        "cancelled #7 and the 2 later weeks of series 2"
    );

    // The last of a series, or a booking in none, is asked nothing more.
    b.series_place = Some(SeriesPlace {
        position: 6,
        ..b.series_place.unwrap()
    });
    let mut s = desk_with(vec![b]);
    press_char(&mut s, 'x');
    assert!(s.form().unwrap().kind_of("Cancel").is_none());
}

#[test]
fn shift_m_moves_a_series_booking_with_its_later_weeks() {
    let b = week_4_of_6();
    // Outside a series, or on its last week, M says why and moves nothing.
    let mut alone = desk_with(vec![booking(7, 1, BookingStatus::Confirmed)]);
    press_char(&mut alone, 'M');
    assert_eq!(alone.board.moving, None);
    assert!(
        status_text(&alone).contains("not in a series with later weeks: m moves it alone"),
        "{}",
        status_text(&alone)
    );

    let mut s = desk_with(vec![b.clone()]);
    let logged = s.messages.len();
    press_char(&mut s, 'M');
    assert_eq!(s.board.moving, Some(BookingId(7)));
    assert_eq!(
        s.messages.len(),
        logged + 1,
        "one message: {:?}",
        s.messages
    );
    assert!(s.board.moving_following);
    assert!(
        status_text(&s).contains("and the later weeks of series 2"),
        "{}",
        status_text(&s)
    );
    press(&mut s, KeyCode::Down);
    let to = s.board.selected_slot().unwrap().occurrence.slot_ref();
    let effects = press(&mut s, KeyCode::Enter);
    let Some(Effect::Write(write @ Write::MoveFollowing(id, slot))) = effects.first().cloned()
    else {
        panic!("expected a move of the following, got {effects:?}");
    };
    assert_eq!((id, slot), (BookingId(7), to));
    let mut moved = b.clone();
    moved.time_slot_id = to.time_slot_id;
    moved.date = to.date;
    let done = Written::MovedFollowing(vec![
        moved,
        booking(8, 1, BookingStatus::Confirmed),
        booking(9, 1, BookingStatus::Confirmed),
    ]);
    update(&mut s, Msg::Written(Box::new(write), Ok(done)));
    assert_eq!(s.board.moving, None);
    assert!(!s.board.moving_following);
    assert!(
        status_text(&s).starts_with("moved #7 and the 2 later weeks of series 2"),
        "{}",
        status_text(&s)
    );

    // m on the same booking still moves it alone.
    let mut one = desk_with(vec![b]);
    press_char(&mut one, 'm');
    assert!(!one.board.moving_following);
    press(&mut one, KeyCode::Down);
    let effects = press(&mut one, KeyCode::Enter);
    assert!(
        matches!(effects.first(), Some(Effect::Write(Write::Move(..)))),
        "{effects:?}"
    );
}

#[test]
fn a_form_opened_before_the_next_day_loaded_still_books_its_own_slot() {
    // `]` asks for the next day; the database is slow (or away), so the
    // board still shows this one and `n` opens the form for its slot.
    let mut s = desk();
    press_char(&mut s, ']');
    new_booking_for_ada(&mut s);
    assert!(s.form().unwrap().subtitle.contains("Mon 23 Nov"));
    // The next day loads behind the form (the server answers again).
    let mut tuesday = slot(1, 1, 10, 0, None);
    tuesday.occurrence.date = day() + Duration::days(1);
    let next = DayView {
        date: day() + Duration::days(1),
        slots: vec![tuesday],
        bookings: Vec::new(),
        closures: Vec::new(),
    };
    update(&mut s, Msg::DayLoaded(Box::new(next)));
    let effects = press(&mut s, KeyCode::Enter);
    let Some(Effect::Write(Write::Book(req))) = effects.first() else {
        panic!(
            "the form books the slot it was opened for: {effects:?}, {:?}",
            s.form().map(|f| &f.error)
        );
    };
    assert_eq!(req.slot, Some(slot_ref(1)));
}
