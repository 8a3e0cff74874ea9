//! A hold that lapses while its confirm form is open: the countdown, one
//! key to book the seat again with what was typed, and the customer kept
//! for the next slot when the seat has gone.

use super::*;
use crate::app::msg::Written;
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

#[test]
fn before_it_lapses_the_form_confirms_the_hold() {
    let mut s = confirming();
    tick(&mut s, now() + Duration::minutes(14));
    assert!(matches!(submit(&mut s), Write::Confirm(BookingId(8), _)));
}

#[test]
fn once_lapsed_one_key_books_the_same_seat_with_what_was_typed() {
    let mut s = confirming();
    tick(&mut s, now() + Duration::minutes(15));
    let Write::Book(req) = submit(&mut s) else {
        panic!("a lapsed hold is booked again, not confirmed");
    };
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
    // The engine books it: the form closes and says what happened.
    let mut booked = booking(9, 1, BookingStatus::Confirmed);
    booked.customer = Some(CustomerSummary {
        name: "Grace Hopper".into(),
        ..ada()
    });
    let done = Written::Booking(Box::new(booked), Some(EventId(40)));
    update(&mut s, Msg::Written(Box::new(Write::Book(req)), Ok(done)));
    assert!(s.overlay.is_none());
    let text = status_text(&s);
    assert_eq!(
        text,
        "booked #9 again for Grace Hopper (hold #8 had lapsed)"
    );
}

#[test]
fn a_confirm_refused_because_the_hold_expired_turns_the_form_to_booking_again() {
    let mut s = confirming();
    let write = submit(&mut s);
    let refusal = Failure::from(BookingError::HoldExpired);
    update(&mut s, Msg::Written(Box::new(write), Err(refusal)));
    let form = s.form().expect("the form stays, with what was typed");
    assert_eq!(form.value("First name"), "Grace");
    assert!(
        form.error
            .as_deref()
            .is_some_and(|e| e.contains("books the seat again")),
        "{:?}",
        form.error
    );
    // The desk's clock says 09:30, but the engine knows better.
    assert!(matches!(submit(&mut s), Write::Book(_)));
}

#[test]
fn when_the_seat_has_gone_too_the_customer_is_kept_for_the_next_slot() {
    let mut s = confirming();
    tick(&mut s, now() + Duration::minutes(20));
    let write = submit(&mut s);
    let full = Failure::from(BookingError::SlotFull);
    assert_eq!(full.kind, ErrorKind::Conflict);
    update(&mut s, Msg::Written(Box::new(write), Err(full)));
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
    assert!(s.kept.is_none(), "used once");
}

#[test]
fn a_refusal_that_is_not_about_the_seat_keeps_the_form_open() {
    let mut s = confirming();
    tick(&mut s, now() + Duration::minutes(20));
    let write = submit(&mut s);
    let dup = Failure::from(BookingError::Duplicate);
    update(&mut s, Msg::Written(Box::new(write), Err(dup)));
    assert!(s.form().is_some());
    assert!(s.kept.is_none());
}

#[test]
fn the_contact_a_service_needs_is_marked_as_the_form_opens() {
    let s = confirming();
    let form = s.form().expect("form");
    let field = |l: &str| form.fields.iter().find(|f| f.label == l).expect(l);
    assert!(field("First name").required && field("Last name").required);
    assert!(field("Email").one_of && field("Phone").one_of);
    let mut both = service();
    both.require_email_and_phone = true;
    let mut s = desk();
    if let Some(c) = s.catalog.as_mut() {
        c.services = vec![both];
    }
    press_char(&mut s, 'n');
    let form = s.form().expect("form");
    let field = |l: &str| form.fields.iter().find(|f| f.label == l).expect(l);
    assert!(field("Email").required && field("Phone").required);
    assert!(!field("Email").one_of);
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
    for c in "020 7946 0018".chars() {
        press_char(&mut s, c);
    }
    let form = s.form().expect("form");
    assert_eq!(problem(form, "Phone"), None, "an email typed is enough");
}
