//! A hold that lapses while its confirm form is open: the countdown, one
//! key to book the seat again with what was typed, and the customer kept
//! for the next slot when the seat has gone.

use super::*;
use crate::app::msg::Written;
use crate::app::overlays::form::ContactNeed;
use crate::domain::{ErrorKind, Failure, InitialStatus};

/// A desk with hold #8 (no customer yet) on slot 1, expiring at 09:45,
/// selected, and its confirm form open with Grace Hopper typed in.
fn confirming() -> AppState {
    let mut hold = booking(8, 1, BookingStatus::Held);
    hold.customer = None;
    hold.hold_expires_at = Some(now() + Duration::minutes(15));
    let mut s = desk_with(vec![hold]);
    assert_eq!(s.board.selected_booking().map(|b| b.id), Some(BookingId(8)));
    press_char(&mut s, 'c');
    let form = s.form().expect("the confirm form");
    assert!(form.hold.is_some(), "the form knows its hold's expiry");
    for (text, tab) in [
        ("Grace", true),
        ("Hopper", true),
        ("grace@example.com", false),
    ] {
        for c in text.chars() {
            press_char(&mut s, c);
        }
        if tab {
            press(&mut s, KeyCode::Tab);
        }
    }
    s
}

fn tick(s: &mut AppState, at: DateTime<Utc>) {
    update(s, Msg::Tick(at));
}

fn submit(s: &mut AppState) -> Write {
    let effects = press(s, KeyCode::Enter);
    match effects.as_slice() {
        [Effect::Write(w)] => w.clone(),
        other => panic!("expected one write, got {other:?}"),
    }
}

/// The engine's refusal of a confirm on a hold the sweep has marked
/// expired.
fn expired() -> Failure {
    Failure::from(BookingError::Transition(
        BookingStatus::Expired
            .apply(crate::domain::Transition::Confirm)
            .unwrap_err(),
    ))
}

/// Submits a form whose hold has lapsed: the confirm goes first and, once
/// the engine says the hold is gone, the same key press books again.
fn submit_lapsed(s: &mut AppState) -> Box<crate::domain::BookRequest> {
    let confirm = submit(s);
    assert!(
        matches!(confirm, Write::Confirm(BookingId(8), _)),
        "{confirm:?}"
    );
    let effects = update(s, Msg::Written(Box::new(confirm), Err(expired())));
    match effects.as_slice() {
        [Effect::Write(Write::Book(req))] => req.clone(),
        other => panic!("the refusal should book again at once, got {other:?}"),
    }
}

#[test]
fn before_it_lapses_the_form_confirms_the_hold() {
    let mut s = confirming();
    tick(&mut s, now() + Duration::minutes(14));
    assert!(matches!(submit(&mut s), Write::Confirm(BookingId(8), _)));
}

#[test]
fn a_lapse_on_this_desks_clock_alone_still_asks_the_engine_to_confirm() {
    // Another desk may have extended the hold: only the engine knows.
    let mut s = confirming();
    tick(&mut s, now() + Duration::minutes(20));
    let confirm = submit(&mut s);
    assert!(
        matches!(confirm, Write::Confirm(BookingId(8), _)),
        "{confirm:?}"
    );
    let mut confirmed = booking(8, 1, BookingStatus::Confirmed);
    confirmed.customer = Some(CustomerSummary {
        name: "Grace Hopper".into(),
        ..ada()
    });
    let done = Written::Booking(Box::new(confirmed), Some(EventId(41)));
    update(&mut s, Msg::Written(Box::new(confirm), Ok(done)));
    assert_eq!(status_text(&s), "confirmed #8 for Grace Hopper");
}

#[test]
fn once_lapsed_one_key_books_the_same_seat_with_what_was_typed() {
    let mut s = confirming();
    tick(&mut s, now() + Duration::minutes(15));
    let req = submit_lapsed(&mut s);
    assert_eq!(req.slot, Some(slot_ref(1)));
    assert_eq!(req.status, InitialStatus::Confirmed);
    assert_eq!(req.participants, 1);
    let BookingFor::Typed(who) = &req.customer else {
        panic!("{:?}", req.customer)
    };
    assert_eq!(
        (who.first_name.as_str(), who.last_name.as_str()),
        ("Grace", "Hopper")
    );
    assert_eq!(who.email.as_deref(), Some("grace@example.com"));
    assert_ne!(
        req.idempotency_key.as_deref(),
        Some("k-1"),
        "its own key: the refused confirm's never answers it"
    );
    assert!(
        s.form().is_some_and(|f| f.submitting),
        "a second Enter waits"
    );
    assert!(press(&mut s, KeyCode::Enter).is_empty());
    // The engine books it: the form closes and says what happened.
    let mut booked = booking(9, 1, BookingStatus::Confirmed);
    booked.customer = Some(CustomerSummary {
        name: "Grace Hopper".into(),
        ..ada()
    });
    let done = Written::Booking(Box::new(booked), Some(EventId(40)));
    update(&mut s, Msg::Written(Box::new(Write::Book(req)), Ok(done)));
    assert!(s.overlay.is_none());
    assert_eq!(
        status_text(&s),
        "booked #9 again for Grace Hopper (hold #8 had lapsed)"
    );
}

#[test]
fn a_hold_the_engine_says_has_expired_is_booked_again_whatever_the_clock_says() {
    let mut s = confirming();
    let confirm = submit(&mut s);
    let refusal = Failure::from(BookingError::HoldExpired);
    let effects = update(&mut s, Msg::Written(Box::new(confirm), Err(refusal)));
    assert!(
        matches!(effects.as_slice(), [Effect::Write(Write::Book(_))]),
        "{effects:?}"
    );
    let form = s.form().expect("the form stays, with what was typed");
    assert_eq!(form.value("First name"), "Grace");
}

#[test]
fn when_the_seat_has_gone_too_the_customer_is_kept_for_the_next_slot() {
    let mut s = confirming();
    tick(&mut s, now() + Duration::minutes(20));
    let req = submit_lapsed(&mut s);
    let full = Failure::from(BookingError::SlotFull);
    assert_eq!(full.kind, ErrorKind::Conflict);
    update(&mut s, Msg::Written(Box::new(Write::Book(req)), Err(full)));
    assert!(s.overlay.is_none(), "nothing left to do in that form");
    let text = status_text(&s).to_owned();
    assert!(
        text.contains("Grace Hopper") && text.contains("kept"),
        "{text}"
    );
    // The next new booking form, on another slot, has Grace filled in.
    press(&mut s, KeyCode::Right);
    press_char(&mut s, 'n');
    let form = s.form().expect("the new booking form");
    assert_eq!(form.value("First name"), "Grace");
    assert_eq!(form.value("Last name"), "Hopper");
    assert_eq!(form.value("Email"), "grace@example.com");
    assert!(form.subtitle.contains("#8"), "{}", form.subtitle);
    assert_eq!(form.focus, 0, "the clerk sees whose details they are");
    assert!(s.kept.is_none(), "used once");
}

#[test]
fn a_refusal_that_is_not_about_the_seat_keeps_the_form_open() {
    let mut s = confirming();
    let req = submit_lapsed(&mut s);
    let dup = Failure::from(BookingError::Duplicate);
    update(&mut s, Msg::Written(Box::new(Write::Book(req)), Err(dup)));
    assert!(s.form().is_some());
    assert!(s.kept.is_none());
}

#[test]
fn the_contact_a_service_needs_is_marked_as_the_form_opens() {
    let s = confirming();
    let form = s.form().expect("form");
    let field = |l: &str| form.fields.iter().find(|f| f.label == l).expect(l);
    assert!(field("First name").required && field("Last name").required);
    assert_eq!(field("Email").contact, Some(ContactNeed::OneOf));
    assert_eq!(field("Phone").contact, Some(ContactNeed::OneOf));
    let mut both = service();
    both.require_email_and_phone = true;
    let mut s = desk();
    if let Some(c) = s.catalog.as_mut() {
        c.services = vec![both];
    }
    press_char(&mut s, 'n');
    let form = s.form().expect("form");
    let field = |l: &str| form.fields.iter().find(|f| f.label == l).expect(l);
    assert_eq!(field("Email").contact, Some(ContactNeed::Both));
    // Both are needed to confirm, not to book pending.
    press(&mut s, KeyCode::Up);
    press_char(&mut s, ' ');
    let form = s.form().expect("form");
    assert_eq!(form.value("Status"), "pending");
    assert_eq!(form.needs_contact(), None);
}

#[test]
fn submitting_without_a_phone_or_an_email_marks_both_and_typing_one_clears_both() {
    let mut s = desk();
    press_char(&mut s, 'n');
    for c in "Ada".chars() {
        press_char(&mut s, c);
    }
    press(&mut s, KeyCode::Tab);
    for c in "Byron".chars() {
        press_char(&mut s, c);
    }
    assert!(press(&mut s, KeyCode::Enter).is_empty(), "not submitted");
    let form = s.form().expect("form");
    let problem = |f: &crate::app::overlays::form::Form, l: &str| {
        f.fields
            .iter()
            .find(|x| x.label == l)
            .and_then(|x| x.problem.clone())
    };
    assert!(problem(form, "Email").is_some() && problem(form, "Phone").is_some());
    assert_eq!(form.fields[form.focus].label, "Email");
    press(&mut s, KeyCode::Tab);
    for c in "020 7946 0018".chars() {
        press_char(&mut s, c);
    }
    let form = s.form().expect("form");
    assert_eq!(problem(form, "Phone"), None);
    assert_eq!(problem(form, "Email"), None, "a phone typed is enough");
}

#[test]
fn kept_details_are_dropped_after_a_while() {
    let mut s = confirming();
    tick(&mut s, now() + Duration::minutes(20));
    let req = submit_lapsed(&mut s);
    let full = Failure::from(BookingError::SlotFull);
    update(&mut s, Msg::Written(Box::new(Write::Book(req)), Err(full)));
    assert!(s.kept.is_some());
    // Half an hour later the next booking is someone else's.
    tick(&mut s, now() + Duration::minutes(50));
    press(&mut s, KeyCode::Right);
    press_char(&mut s, 'n');
    assert_eq!(s.form().map(|f| f.value("First name")), Some(""));
}

#[test]
fn the_confirm_form_sends_the_message_to_send_with_the_reminder() {
    let mut s = confirming();
    let Some(Overlay::Form(form)) = &mut s.overlay else {
        panic!("the confirm form");
    };
    let field = form
        .fields
        .iter_mut()
        .find(|f| f.label == "Message to send")
        .expect("an optional Message to send field");
    assert!(!field.required);
    field.set_value("Bring your trainers");
    match submit(&mut s) {
        Write::Confirm(BookingId(8), req) => {
            assert_eq!(req.notify.as_deref(), Some("Bring your trainers"));
        }
        other => panic!("expected the confirm, got {other:?}"),
    }
}

#[test]
fn the_new_booking_form_has_an_empty_message_to_send() {
    let mut s = desk_with(Vec::new());
    press_char(&mut s, 'n');
    let form = s.form().expect("the new booking form");
    assert_eq!(form.value("Message to send"), "");
    assert!(form.fields.iter().any(|f| f.label == "Message to send"));
}
