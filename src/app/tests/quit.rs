//! Quitting with this desk's holds live asks first and can release them.

use super::*;
use crate::app::msg::Written;
use crate::domain::Failure;

/// A desk that has just held slot 1 as #8, until 09:45.
fn holding() -> AppState {
    let mut s = desk();
    press_char(&mut s, 'r');
    let effects = press(&mut s, KeyCode::Enter);
    let [Effect::Write(write)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let mut hold = booking(8, 1, BookingStatus::Held);
    hold.customer = None;
    hold.hold_expires_at = Some(now() + Duration::minutes(15));
    let done = Written::Booking(Box::new(hold), Some(EventId(1)));
    update(&mut s, Msg::Written(Box::new(write.clone()), Ok(done)));
    s
}

fn released(id: i64) -> Written {
    let mut b = booking(id, 1, BookingStatus::Cancelled);
    b.cancel_reason = Some("hold released".into());
    Written::Booking(Box::new(b), Some(EventId(2)))
}

#[test]
fn with_no_live_hold_q_quits_at_once() {
    let mut s = desk();
    press_char(&mut s, 'q');
    assert!(s.quit);
    // A hold that has lapsed by now blocks nothing: no question.
    let mut s = holding();
    update(&mut s, Msg::Tick(now() + Duration::minutes(16)));
    press_char(&mut s, 'q');
    assert!(s.quit);
}

#[test]
fn with_a_live_hold_q_asks_and_esc_stays() {
    let mut s = holding();
    press_char(&mut s, 'q');
    assert!(!s.quit, "it asks first");
    assert!(matches!(s.overlay, Some(Overlay::Quit(_))));
    press(&mut s, KeyCode::Esc);
    assert!(!s.quit && s.overlay.is_none());
    // Asked again, k quits and leaves the hold to lapse.
    press_char(&mut s, 'q');
    press_char(&mut s, 'k');
    assert!(s.quit);
    // The habitual double q releases the hold first.
    let mut s = holding();
    press_char(&mut s, 'q');
    let effects = press_char(&mut s, 'q');
    assert!(
        matches!(effects.as_slice(), [Effect::Write(Write::Cancel(..))]),
        "{effects:?}"
    );
}

#[test]
fn r_releases_each_hold_then_quits_once_all_are_answered() {
    let mut s = holding();
    // ctrl-c quits as q does, so it asks too.
    update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(
        matches!(s.overlay, Some(Overlay::Quit(_))),
        "{:?}",
        s.overlay
    );
    let effects = press_char(&mut s, 'r');
    let [Effect::Write(release @ Write::Cancel(id, req))] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(*id, BookingId(8));
    assert_eq!(req.reason, "hold released");
    assert!(!s.quit, "not before the engine answers");
    update(
        &mut s,
        Msg::Written(Box::new(release.clone()), Ok(released(8))),
    );
    assert!(s.quit);
}

#[test]
fn a_release_refused_because_it_is_no_longer_a_hold_still_quits() {
    let mut s = holding();
    press_char(&mut s, 'q');
    let effects = press_char(&mut s, 'r');
    let [Effect::Write(release @ Write::Cancel(_, req))] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(
        req.only_hold,
        "a release never cancels a booking confirmed meanwhile"
    );
    let refusal = Failure::from(BookingError::NoLongerHeld(
        BookingId(8),
        BookingStatus::Confirmed,
    ));
    update(
        &mut s,
        Msg::Written(Box::new(release.clone()), Err(refusal)),
    );
    assert!(s.quit, "nothing of this desk's is left blocking a seat");
}

#[test]
fn a_release_that_fails_for_a_fault_keeps_the_desk_open_and_q_still_leaves() {
    let mut s = holding();
    press_char(&mut s, 'q');
    let effects = press_char(&mut s, 'r');
    let [Effect::Write(release)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let fault = Failure::fault("disk I/O error");
    update(&mut s, Msg::Written(Box::new(release.clone()), Err(fault)));
    assert!(!s.quit);
    let Some(Overlay::Quit(prompt)) = &s.overlay else {
        panic!("{:?}", s.overlay)
    };
    assert_eq!(prompt.refused.len(), 1);
    press_char(&mut s, 'k');
    assert!(s.quit);
}

#[test]
fn while_releases_are_on_their_way_ctrl_c_still_leaves() {
    let mut s = holding();
    press_char(&mut s, 'q');
    press_char(&mut s, 'r');
    assert!(
        press(&mut s, KeyCode::Esc).is_empty() && !s.quit,
        "esc waits"
    );
    update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(s.quit);
}

#[test]
fn a_hold_confirmed_at_another_desk_is_dropped_when_the_board_reloads() {
    let mut s = holding();
    let mut confirmed = booking(8, 1, BookingStatus::Confirmed);
    confirmed.customer = Some(ada());
    let view = DayView {
        date: day(),
        slots: vec![slot(1, 1, 10, 1, None)],
        bookings: vec![confirmed],
        closures: Vec::new(),
    };
    update(&mut s, Msg::DayLoaded(Box::new(view)));
    press_char(&mut s, 'q');
    assert!(s.quit);
}

#[test]
fn a_hold_that_lapses_while_the_question_is_open_is_not_released() {
    let mut s = holding();
    press_char(&mut s, 'q');
    update(&mut s, Msg::Tick(now() + Duration::minutes(16)));
    assert!(
        press_char(&mut s, 'r').is_empty(),
        "nothing left to release"
    );
    assert!(s.quit);
}

#[test]
fn a_desk_that_lost_its_file_quits_without_offering_releases_it_cannot_make() {
    let mut s = holding();
    s.alert = Some("the database file was replaced".into());
    press_char(&mut s, 'q');
    assert!(s.quit);
}

#[test]
fn on_a_too_small_terminal_q_asks_too_and_its_answers_work() {
    let mut s = holding();
    update(&mut s, Msg::Resized(60, 20));
    press_char(&mut s, 'q');
    assert!(!s.quit && matches!(s.overlay, Some(Overlay::Quit(_))));
    let effects = press_char(&mut s, 'r');
    assert!(matches!(
        effects.as_slice(),
        [Effect::Write(Write::Cancel(..))]
    ));
}

#[test]
fn a_hold_confirmed_or_released_here_is_no_longer_asked_about() {
    let mut s = holding();
    update(
        &mut s,
        Msg::Written(
            Box::new(Write::Cancel(
                BookingId(8),
                crate::domain::CancelRequest {
                    reason: "hold released".into(),
                    idempotency_key: None,
                    only_hold: false,
                },
            )),
            Ok(released(8)),
        ),
    );
    press_char(&mut s, 'q');
    assert!(s.quit);
}

#[test]
fn the_release_form_asks_for_a_release_and_a_hold_confirmed_meanwhile_is_told_as_a_race() {
    let mut s = holding();
    let mut hold = booking(8, 1, BookingStatus::Held);
    hold.customer = None;
    hold.hold_expires_at = Some(now() + Duration::minutes(15));
    let view = DayView {
        date: day(),
        slots: vec![slot(1, 1, 10, 1, None)],
        bookings: vec![hold],
        closures: Vec::new(),
    };
    update(&mut s, Msg::DayLoaded(Box::new(view)));
    press_char(&mut s, 'x');
    assert_eq!(s.form().map(|f| f.title.as_str()), Some("Release hold"));
    let effects = press(&mut s, KeyCode::Enter);
    let [Effect::Write(release @ Write::Cancel(id, req))] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(
        req.only_hold,
        "the release form never cancels a confirmed booking"
    );
    let refusal = Failure::from(BookingError::NoLongerHeld(*id, BookingStatus::Confirmed));
    update(
        &mut s,
        Msg::Written(Box::new(release.clone()), Err(refusal)),
    );
    assert_eq!(status_text(&s), "another desk confirmed #8 a moment ago");
}
