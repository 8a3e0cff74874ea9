//! The closure walk-through as pure state: a closure that strands
//! bookings opens the walk; cancel (reason filled in), move and skip each
//! go on to the next, the walk coming back on top after the form or the
//! move; `C` opens the closure form, or on a desk-closed slot the reopen
//! form.

use super::*;
use crate::app::msg::Written;
use crate::domain::{ClosureAdded, ClosureEntry, ClosureId, ClosureOrigin, ClosureRequest};
use chrono::NaiveTime;

fn off_sick() -> ClosureEntry {
    ClosureEntry {
        id: ClosureId(4),
        resource_id: Some(ResourceId(1)),
        resource_name: Some("R1".into()),
        from: day(),
        until: day(),
        starts_local: NaiveTime::from_hms_opt(9, 45, 0),
        ends_local: NaiveTime::from_hms_opt(18, 0, 0),
        reason: "Off sick".into(),
        origin: ClosureOrigin::Desk,
    }
}

/// The fixture desk after a closure of R1 stranded bookings 7 and 8.
fn walking() -> AppState {
    let mut state = desk_with(vec![
        booking(7, 1, BookingStatus::Confirmed),
        booking(8, 2, BookingStatus::Confirmed),
    ]);
    let added = ClosureAdded {
        closure: off_sick(),
        stranded: vec![
            booking(7, 1, BookingStatus::Confirmed),
            booking(8, 2, BookingStatus::Confirmed),
        ],
    };
    let write = Write::AddClosure(request());
    let effects = update(
        &mut state,
        Msg::Written(Box::new(write), Ok(Written::Closure(Box::new(added)))),
    );
    assert!(effects.contains(&Effect::CountHolds), "{effects:?}");
    state
}

fn request() -> ClosureRequest {
    ClosureRequest {
        resource: Some(ResourceId(1)),
        from: day(),
        until: None,
        hours: Some((
            NaiveTime::from_hms_opt(9, 45, 0).unwrap(),
            NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        )),
        reason: "Off sick".into(),
    }
}

fn at(state: &AppState) -> Option<BookingId> {
    state
        .closure_walk
        .as_ref()
        .and_then(|w| w.current())
        .map(|b| b.id)
}

fn done(state: &mut AppState, write: Write, id: i64) {
    let b = booking(id, 1, BookingStatus::Cancelled);
    update(
        state,
        Msg::Written(Box::new(write), Ok(Written::Booking(Box::new(b), None))),
    );
}

#[test]
fn a_closure_that_strands_bookings_opens_the_walk_on_the_first() {
    let state = walking();
    assert_eq!(state.overlay, Some(Overlay::ClosureWalk));
    assert_eq!(state.context(), crate::app::keymap::Context::ClosureWalk);
    assert_eq!(at(&state), Some(BookingId(7)));
    assert!(
        status_text(&state).contains("2 bookings to move or cancel"),
        "{}",
        status_text(&state)
    );
}

#[test]
fn a_closure_that_strands_nothing_just_says_so() {
    let mut state = desk();
    state.last_change = Some(EventId(3));
    let added = ClosureAdded {
        closure: off_sick(),
        stranded: Vec::new(),
    };
    update(
        &mut state,
        Msg::Written(
            Box::new(Write::AddClosure(request())),
            Ok(Written::Closure(Box::new(added))),
        ),
    );
    assert_eq!(state.overlay, None);
    assert_eq!(state.closure_walk, None);
    assert!(status_text(&state).ends_with("no booking is affected"));
    // ctrl-z does not reach back past the closure.
    assert_eq!(state.last_change, None);
}

#[test]
fn cancel_fills_in_the_reason_and_once_done_the_walk_goes_on() {
    let mut state = walking();
    press_char(&mut state, 'x');
    let form = state.form().unwrap();
    assert_eq!(form.title, "Cancel booking");
    assert_eq!(form.value("Reason"), "Off sick");
    let effects = press(&mut state, KeyCode::Enter);
    let Some(Effect::Write(write @ Write::Cancel(id, _))) = effects.first().cloned() else {
        panic!("{effects:?}");
    };
    assert_eq!(id, BookingId(7));
    done(&mut state, write, 7);
    assert_eq!(state.overlay, Some(Overlay::ClosureWalk));
    assert_eq!(at(&state), Some(BookingId(8)));
    let walk = state.closure_walk.as_ref().unwrap();
    assert_eq!(walk.counts(), (0, 1, 0));
}

#[test]
fn a_form_given_up_or_a_move_cancelled_brings_the_walk_back_on_the_same_booking() {
    let mut state = walking();
    press_char(&mut state, 'x');
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.overlay, Some(Overlay::ClosureWalk));
    assert_eq!(at(&state), Some(BookingId(7)));
    press_char(&mut state, 'm');
    assert_eq!(state.board.moving, Some(BookingId(7)));
    assert_eq!(state.overlay, None);
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.board.moving, None);
    assert_eq!(state.overlay, Some(Overlay::ClosureWalk));
    assert_eq!(at(&state), Some(BookingId(7)));
}

#[test]
fn moving_each_one_ends_the_walk_with_what_was_done() {
    let mut state = walking();
    press_char(&mut state, 's');
    assert_eq!(at(&state), Some(BookingId(8)));
    press_char(&mut state, 'm');
    assert_eq!(state.board.moving, Some(BookingId(8)));
    // Enter on a slot of the board moves it there.
    let effects = press(&mut state, KeyCode::Enter);
    let Some(Effect::Write(write @ Write::Move(..))) = effects.first().cloned() else {
        panic!("{effects:?}");
    };
    done(&mut state, write, 8);
    assert_eq!(state.closure_walk, None);
    assert_eq!(state.overlay, None);
    assert_eq!(
        status_text(&state),
        "moved #8 to Mon 23 Nov 10:00–11:00 · closure walk-through done: 1 moved, 0 cancelled; \
         1 left, listed as needing attention (A)"
    );
}

#[test]
fn a_refused_move_keeps_the_booking_to_do() {
    let mut state = walking();
    press_char(&mut state, 'm');
    let write = Write::Move(BookingId(7), slot_ref(3));
    update(
        &mut state,
        Msg::Written(
            Box::new(write),
            Err(crate::domain::Failure {
                kind: crate::domain::ErrorKind::Conflict,
                message: "time slot is full".into(),
                found: None,
            }),
        ),
    );
    let walk = state.closure_walk.as_ref().unwrap();
    assert_eq!(walk.outcomes, vec![None, None]);
    assert_eq!(state.board.moving, Some(BookingId(7)));
}

#[test]
fn esc_stops_the_walk_and_says_what_is_left() {
    let mut state = walking();
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.closure_walk, None);
    assert_eq!(state.overlay, None);
    assert!(status_text(&state).contains("2 left, listed as needing attention (A)"));
}

#[test]
fn c_opens_the_closure_form_for_the_selected_resource_and_checks_the_times() {
    let mut state = desk();
    press_char(&mut state, 'C');
    let form = state.form().unwrap();
    assert_eq!(form.title, "Close");
    assert_eq!(form.value("Close"), "R1");
    assert_eq!(form.value("From"), "2026-11-23");
    // One time without the other is refused in the form.
    for _ in 0..3 {
        press(&mut state, KeyCode::Tab);
    }
    for c in "11:00".chars() {
        press_char(&mut state, c);
    }
    for _ in 0..2 {
        press(&mut state, KeyCode::Tab);
    }
    for c in "Off sick".chars() {
        press_char(&mut state, c);
    }
    assert!(press(&mut state, KeyCode::Enter).is_empty());
    let error = state.form().unwrap().error.clone().unwrap_or_default();
    assert!(error.contains("both times"), "{error}");
    press(&mut state, KeyCode::BackTab);
    for c in "18:00".chars() {
        press_char(&mut state, c);
    }
    let effects = press(&mut state, KeyCode::Enter);
    let mut wanted = request();
    wanted.hours = Some((
        NaiveTime::from_hms_opt(11, 0, 0).unwrap(),
        NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
    ));
    assert_eq!(effects, vec![Effect::Write(Write::AddClosure(wanted))]);
}

#[test]
fn c_on_a_slot_a_desk_closure_closes_reopens_it() {
    let mut state = desk();
    let closed = Unavailable::Closed {
        reason: "Off sick".into(),
    };
    let view = DayView {
        date: day(),
        slots: vec![slot(1, 1, 10, 0, Some(closed)), slot(3, 2, 10, 0, None)],
        bookings: Vec::new(),
        closures: vec![off_sick()],
    };
    update(&mut state, Msg::DayLoaded(Box::new(view)));
    press_char(&mut state, 'C');
    assert_eq!(state.form().map(|f| f.title.as_str()), Some("Reopen"));
    let effects = press(&mut state, KeyCode::Enter);
    assert_eq!(
        effects,
        vec![Effect::Write(Write::RemoveClosure(ClosureId(4)))]
    );
    update(
        &mut state,
        Msg::Written(
            Box::new(Write::RemoveClosure(ClosureId(4))),
            Ok(Written::Reopened(Box::new(off_sick()))),
        ),
    );
    assert!(
        status_text(&state).starts_with("reopened R1"),
        "{}",
        status_text(&state)
    );
    // A catalog closure is not the desk's to reopen.
    let mut catalog = off_sick();
    catalog.origin = ClosureOrigin::Catalog;
    let view = DayView {
        date: day(),
        slots: vec![slot(
            1,
            1,
            10,
            0,
            Some(Unavailable::Closed {
                reason: "Off sick".into(),
            }),
        )],
        bookings: Vec::new(),
        closures: vec![catalog],
    };
    update(&mut state, Msg::DayLoaded(Box::new(view)));
    press_char(&mut state, 'C');
    assert_eq!(state.overlay, None);
    assert!(status_text(&state).contains("catalog file"));
}
