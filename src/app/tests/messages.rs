//! The messages log (every status-bar message, newest first, the last
//! 100) and a refusal that lost a race to another desk, told in people's
//! words with the view reloaded.

use super::*;
use crate::app::state::{MESSAGE_LOG_LEN, MessageKind};
use crate::domain::Transition;
use crate::domain::status::TransitionError;

fn logged(s: &AppState) -> Vec<&str> {
    s.messages.iter().map(|m| m.text.as_str()).collect()
}

#[test]
fn every_message_goes_into_the_log_newest_first_with_its_time_and_kind() {
    let mut s = desk();
    s.messages.clear();
    s.info("held #1");
    update(&mut s, Msg::Tick(now() + Duration::seconds(5)));
    s.error("time slot is full");
    assert_eq!(logged(&s), ["time slot is full", "held #1"]);
    assert_eq!(s.messages[0].at, now() + Duration::seconds(5));
    assert_eq!(s.messages[0].kind, MessageKind::Error);
    assert_eq!(s.messages[1].at, now());
    assert_eq!(s.messages[1].kind, MessageKind::Info);
}

#[test]
fn the_log_keeps_the_last_hundred_messages() {
    let mut s = desk();
    for i in 0..150 {
        s.info(format!("message {i}"));
    }
    assert_eq!(s.messages.len(), MESSAGE_LOG_LEN);
    assert_eq!(MESSAGE_LOG_LEN, 100);
    assert_eq!(s.messages.front().unwrap().text, "message 149");
    assert_eq!(s.messages.back().unwrap().text, "message 50");
}

#[test]
fn a_message_repeated_in_a_row_is_logged_once_with_a_count() {
    let mut s = desk();
    s.messages.clear();
    s.error("database is locked");
    update(&mut s, Msg::Tick(now() + Duration::seconds(1)));
    s.error("database is locked");
    s.info("database is locked");
    assert_eq!(s.messages.len(), 2, "an info is not the same message");
    assert_eq!(s.messages[1].times, 2);
    assert_eq!(s.messages[1].at, now() + Duration::seconds(1));
}

#[test]
fn two_faults_taking_turns_are_logged_once_each_with_their_counts() {
    // A server gone away: the change poll and another read fail at every
    // poll, in turn; the log must not fill with them.
    let mut s = desk();
    s.messages.clear();
    s.info("held #1");
    for _ in 0..50 {
        s.error("database postgres://desk@pc/slotdesk: lost its connection to the server");
        s.error("database error: connection closed");
    }
    assert_eq!(s.messages.len(), 3, "{:?}", logged(&s));
    assert_eq!(s.messages[0].text, "database error: connection closed");
    assert_eq!((s.messages[0].times, s.messages[1].times), (50, 50));
    assert_eq!(s.messages[2].text, "held #1");
}

#[test]
fn a_database_that_answers_again_says_so_in_place_of_the_last_fault() {
    let mut s = desk();
    s.error("database postgres://desk@pc/slotdesk: cannot be reached (Connection refused)");
    assert!(update(&mut s, Msg::DatabaseBack).is_empty());
    let status = s.status.as_ref().unwrap();
    assert_eq!(status.text, "the database answers again");
    assert_eq!(status.kind, MessageKind::Info);
}

#[test]
fn the_log_opens_on_its_key_scrolls_and_closes_with_esc() {
    let mut s = desk();
    for i in 0..30 {
        s.info(format!("message {i}"));
    }
    assert!(press_char(&mut s, 'L').is_empty());
    assert_eq!(s.context(), crate::app::keymap::Context::Messages);
    let scroll = |s: &AppState| match &s.overlay {
        Some(Overlay::Messages(m)) => m.scroll,
        other => panic!("not the log: {other:?}"),
    };
    assert_eq!(scroll(&s), 0);
    press_char(&mut s, 'k');
    assert_eq!(scroll(&s), 0, "the newest is the top");
    press_char(&mut s, 'j');
    press(&mut s, KeyCode::Down);
    assert_eq!(scroll(&s), 2);
    press(&mut s, KeyCode::PageDown);
    press(&mut s, KeyCode::PageDown);
    press(&mut s, KeyCode::PageDown);
    assert_eq!(scroll(&s), 29, "stops at the oldest");
    press(&mut s, KeyCode::PageUp);
    assert!(scroll(&s) < 29);
    // Opening it is not itself a message; nothing below moves.
    assert_eq!(s.messages.len(), 30);
    assert_eq!(s.screen, Screen::Board);
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.overlay, None);
    press_char(&mut s, 'L');
    press_char(&mut s, 'L');
    assert_eq!(s.overlay, None, "its key closes it too");
}

#[test]
fn the_log_is_in_help_and_the_palette() {
    let s = desk();
    let keymap = &s.keymap;
    assert!(crate::app::keymap::Context::ALL.contains(&crate::app::keymap::Context::Messages));
    assert!(
        keymap
            .bindings(crate::app::keymap::Context::Messages)
            .iter()
            .any(|b| b.action == Action::Back)
    );
    assert!(Action::matching("messages").contains(&Action::ShowMessages));
}

/// The desk with booking 7 shown in `shown` on the board, after a write of
/// `write` was refused with `refusal`.
fn lost_race(shown: BookingStatus, write: Write, refusal: BookingError) -> (AppState, Vec<Effect>) {
    let mut s = desk_with(vec![booking(7, 1, shown)]);
    let effects = update(&mut s, Msg::Written(Box::new(write), Err(refusal.into())));
    (s, effects)
}

fn transition_from(from: BookingStatus, attempted: Transition) -> BookingError {
    TransitionError { from, attempted }.into()
}

#[test]
fn a_confirm_lost_to_another_desk_says_another_desk_confirmed_it_and_reloads() {
    let (s, effects) = lost_race(
        BookingStatus::Held,
        Write::Confirm(BookingId(7), Box::default()),
        transition_from(BookingStatus::Confirmed, Transition::Confirm),
    );
    assert_eq!(status_text(&s), "another desk confirmed #7 a moment ago");
    assert!(effects.contains(&Effect::LoadDay(day())), "{effects:?}");
    assert!(effects.contains(&Effect::CountHolds), "{effects:?}");
    assert_eq!(s.messages[0].text, "another desk confirmed #7 a moment ago");
}

#[test]
fn each_status_another_desk_left_is_told_in_peoples_words() {
    use BookingStatus as S;
    let id = BookingId(7);
    let cases = [
        (
            S::Held,
            Write::Confirm(id, Box::default()),
            S::Cancelled,
            "#7 was already cancelled at another desk",
        ),
        (
            S::Confirmed,
            Write::Transition(id, Transition::CheckIn),
            S::CheckedIn,
            "another desk checked #7 in a moment ago",
        ),
        (
            S::Confirmed,
            Write::Transition(id, Transition::NoShow),
            S::NoShow,
            "another desk marked #7 as a no-show a moment ago",
        ),
        (
            S::CheckedIn,
            Write::Transition(id, Transition::Complete),
            S::Completed,
            "another desk completed #7 a moment ago",
        ),
        (
            S::Pending,
            Write::Transition(id, Transition::Decline),
            S::Declined,
            "another desk declined #7 a moment ago",
        ),
        (
            S::Held,
            Write::Transition(id, Transition::MarkPending),
            S::Pending,
            "another desk made #7 pending a moment ago",
        ),
        (
            S::Held,
            Write::Confirm(id, Box::default()),
            S::Expired,
            "the hold on #7 has expired",
        ),
    ];
    for (shown, write, found, words) in cases {
        let attempted = match &write {
            Write::Transition(_, t) => *t,
            _ => Transition::Confirm,
        };
        let (s, effects) = lost_race(shown, write, transition_from(found, attempted));
        assert_eq!(status_text(&s), words, "{shown:?} → {found:?}");
        assert!(
            effects.contains(&Effect::LoadDay(day())),
            "{words}: {effects:?}"
        );
    }
}

#[test]
fn a_hold_that_lapsed_before_the_sweep_says_it_has_expired() {
    let (s, effects) = lost_race(
        BookingStatus::Held,
        Write::Extend(BookingId(7)),
        BookingError::HoldExpired,
    );
    assert_eq!(status_text(&s), "the hold on #7 has expired");
    assert!(effects.contains(&Effect::LoadDay(day())));
}

#[test]
fn a_race_lost_in_a_form_says_so_in_the_form_too() {
    let b = booking(7, 1, BookingStatus::Pending);
    let mut s = desk_with(vec![b.clone()]);
    s.overlay = Some(Overlay::Form(Box::new(
        crate::app::overlays::form::Form::attendance(&b, "Mon", "k".into()),
    )));
    update(
        &mut s,
        Msg::Written(
            Box::new(Write::Transition(BookingId(7), Transition::Decline)),
            Err(transition_from(BookingStatus::Declined, Transition::Decline).into()),
        ),
    );
    let form = s.form().expect("the form stays with what was typed");
    assert_eq!(
        form.error.as_deref(),
        Some("another desk declined #7 a moment ago")
    );
}

#[test]
fn a_refusal_that_is_no_race_keeps_the_engines_words_and_reloads_nothing() {
    // The desk showed the status the engine found: not a race.
    let (s, effects) = lost_race(
        BookingStatus::Cancelled,
        Write::Transition(BookingId(7), Transition::CheckIn),
        transition_from(BookingStatus::Cancelled, Transition::CheckIn),
    );
    assert!(status_text(&s).starts_with("cannot check in a booking that is cancelled"));
    assert!(effects.is_empty());
    // A booking this desk never showed.
    let (s, _) = lost_race(
        BookingStatus::Held,
        Write::Transition(BookingId(99), Transition::CheckIn),
        transition_from(BookingStatus::Confirmed, Transition::Confirm),
    );
    assert!(status_text(&s).starts_with("cannot confirm a booking that is confirmed"));
    // Not about a status at all.
    let (s, effects) = lost_race(
        BookingStatus::Held,
        Write::Confirm(BookingId(7), Box::default()),
        BookingError::SlotFull,
    );
    assert_eq!(status_text(&s), "time slot is full");
    assert!(effects.is_empty());
}

#[test]
fn the_log_goes_to_either_end_and_q_quits_from_it() {
    let mut s = desk();
    for i in 0..30 {
        s.info(format!("message {i}"));
    }
    press_char(&mut s, 'L');
    press(&mut s, KeyCode::End);
    let scroll = |s: &AppState| match &s.overlay {
        Some(Overlay::Messages(log)) => log.scroll,
        other => panic!("{other:?}"),
    };
    assert_eq!(scroll(&s), s.messages.len() - 1);
    press(&mut s, KeyCode::Home);
    assert_eq!(scroll(&s), 0);
    press_char(&mut s, 'q');
    assert!(s.quit, "q quits from the log as from a screen");
}
