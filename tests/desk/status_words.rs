//! Every screen says a booking's status in people's words (`checked in`,
//! `no-show`), never the stored names (`checked_in`, `no_show`): each
//! screen, overlay and message is drawn with bookings in every status and
//! events of every kind, and no word with an underscore may appear.
#![allow(clippy::unwrap_used)]

use crate::support::{Desk, now};
use crossterm::event::KeyCode;
use slotdesk::app::effect::Write;
use slotdesk::app::overlays::attention::AttentionList;
use slotdesk::app::overlays::detail::DetailState;
use slotdesk::app::overlays::form::{Approval, BookingFilter, Form};
use slotdesk::app::overlays::messages::MessagesState;
use slotdesk::app::{AppState, Msg, Overlay, Screen, Written, update};
use slotdesk::domain::status::TransitionError;
use slotdesk::domain::{
    Booking, BookingError, BookingStatus, EventKind, NeedsAttention, Transition,
};

const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];

/// The words on `screen` that have an underscore between letters.
fn machine_words(screen: &str) -> Vec<String> {
    screen
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| {
            let inner = w.trim_matches('_');
            inner.contains('_') && inner.chars().any(|c| c.is_ascii_alphabetic())
        })
        .map(str::to_owned)
        .collect()
}

fn assert_peoples_words(desk: &Desk, what: &str) {
    for (w, h) in SIZES {
        let screen = desk.screen(w, h);
        let found = machine_words(&screen);
        assert!(
            found.is_empty(),
            "{what} at {w}x{h} shows {found:?}:\n{screen}"
        );
    }
}

/// Every booking the desk has loaded, in `status`.
fn set_everywhere(state: &mut AppState, status: BookingStatus) {
    let all = |b: &mut Booking| b.status = status;
    state
        .board
        .view
        .iter_mut()
        .flat_map(|v| v.bookings.iter_mut())
        .for_each(all);
    state
        .bookings
        .page
        .iter_mut()
        .flat_map(|p| p.bookings.iter_mut())
        .for_each(all);
    state
        .customers
        .history
        .iter_mut()
        .flat_map(|(_, h)| h.iter_mut())
        .for_each(all);
    for (i, e) in state.activity.events.iter_mut().enumerate() {
        e.kind = EventKind::ALL[i % EventKind::ALL.len()];
        if let slotdesk::domain::EventData::Booking(change) = &mut e.data {
            change.booking.status = status;
        }
    }
    state.bookings.query.status = Some(status);
    for a in &mut state.attention {
        a.booking.status = status;
    }
}

/// The demo desk with every screen loaded once (board, bookings with their
/// first customer's history, customers, activity) and one booking needing
/// attention.
fn loaded_desk() -> (Desk, Booking) {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('4'));
    desk.press(KeyCode::Char('3'));
    desk.press(KeyCode::Char('2'));
    let booking = desk.driver.state.bookings.page.clone().unwrap().bookings[0].clone();
    desk.driver.state.attention = vec![NeedsAttention {
        booking: booking.clone(),
        why: "its time slot is removed".into(),
        marked_at: now(),
    }];
    (desk, booking)
}

#[test]
fn every_screen_says_each_status_in_peoples_words() {
    let (mut desk, booking) = loaded_desk();
    let events = desk.driver.state.activity.events.clone();
    for status in BookingStatus::ALL {
        set_everywhere(&mut desk.driver.state, status);
        let mut b = booking.clone();
        b.status = status;
        for screen in Screen::ALL {
            desk.driver.state.screen = screen;
            desk.driver.state.overlay = None;
            assert_peoples_words(&desk, &format!("{screen:?} with {status:?}"));
        }
        desk.driver.state.screen = Screen::Bookings;
        let mut history = events.clone();
        for (i, e) in history.iter_mut().enumerate() {
            e.kind = EventKind::ALL[i % EventKind::ALL.len()];
        }
        let mut detail = DetailState::new(b.id);
        detail.loaded = Some((b.clone(), history));
        desk.driver.state.overlay = Some(Overlay::Detail(Box::new(detail)));
        assert_peoples_words(&desk, &format!("the detail of a booking {status:?}"));
        let filter = BookingFilter {
            status: Some(status),
            ..BookingFilter::default()
        };
        let form = Form::filter(
            &filter,
            &[],
            desk.driver.state.today(),
            slotdesk::domain::typed_date::DateOrder::DayMonth,
        );
        desk.driver.state.overlay = Some(Overlay::Form(Box::new(form)));
        assert_peoples_words(&desk, &format!("the filter form on {status:?}"));
        let form = Form::force_status(&b, "Mon 23 Nov", &Approval::SignedIn, "k".into());
        desk.driver.state.overlay = Some(Overlay::Form(Box::new(form)));
        assert_peoples_words(&desk, &format!("the force form from {status:?}"));
        desk.driver.state.overlay = Some(Overlay::Attention(AttentionList::default()));
        assert_peoples_words(&desk, &format!("the attention list with {status:?}"));
        desk.driver.state.overlay = None;
    }
}

#[test]
fn every_message_about_a_status_is_in_peoples_words() {
    let (mut desk, booking) = loaded_desk();
    for status in BookingStatus::ALL {
        let mut b = booking.clone();
        b.status = status;
        for write in [
            Write::Transition(b.id, Transition::CheckIn),
            Write::Book(Box::default()),
            Write::Undo(slotdesk::domain::EventId(1)),
        ] {
            update(
                &mut desk.driver.state,
                Msg::Written(
                    Box::new(write),
                    Ok(Written::Booking(Box::new(b.clone()), None)),
                ),
            );
            assert_peoples_words(&desk, &format!("the message after a write to {status:?}"));
        }
        for attempted in Transition::ALL {
            let refusal = BookingError::from(TransitionError {
                from: status,
                attempted,
            });
            update(
                &mut desk.driver.state,
                Msg::Written(
                    Box::new(Write::Transition(b.id, attempted)),
                    Err(refusal.into()),
                ),
            );
            assert_peoples_words(&desk, &format!("refusing {attempted:?} from {status:?}"));
        }
    }
    desk.driver.state.overlay = Some(Overlay::Messages(MessagesState::default()));
    assert_peoples_words(&desk, "the messages log");
}

#[test]
fn a_screen_word_with_an_underscore_is_caught() {
    assert_eq!(
        machine_words("a checked_in · no_show x"),
        ["checked_in", "no_show"]
    );
    assert!(machine_words("───── __ a_ 12_3").is_empty());
}
