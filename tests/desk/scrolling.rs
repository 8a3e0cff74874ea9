//! The booking detail and help scroll when taller than the screen: the
//! short facts first, a long message last and wrapped, a scrollbar and
//! where it is; help at 80×24 as one list to its end.
#![allow(clippy::unwrap_used)]

use crate::support::{Desk, now};
use crossterm::event::KeyCode;
use ratatui::layout::Rect;
use slotdesk::app::Msg;
use slotdesk::domain::{BookingEdit, BookingId, PaymentInput, PaymentMethod};

/// Four paragraphs a clerk pasted into the note; the form folds their line
/// breaks into spaces, as the note is one line.
fn long_message() -> String {
    [
        "Lucy rang on Friday to say the tightness in both hamstrings has come back after her half marathon on Sunday, worse on the left, and the calves cramp at night.",
        "She has been stretching twice a day as shown last time, with a foam roller, and taking ibuprofen before runs, which she would like to stop. No numbness or tingling.",
        "Her GP referred her again and asked for a short letter after this visit. She prefers deep pressure but bruised last time: go gently around the left knee.",
        "Last visit's notes: trigger points in both gastrocnemius, left more than right; ankle dorsiflexion limited on the left; hip flexors tight. She was given calf raises and a hamstring bridge to do three times a week.",
        "She asked whether she should rest until the next race in six weeks or keep running easy miles. She would also like advice on shoes: her current pair has done about 800 km.",
        "Her partner may bring her, and would like to wait in the studio; the Pilates class at 10:00 is small today, so the bench by the window is free.",
        "Her work has her at a desk most of the day and she has started standing for an hour after lunch; she asked whether that helps or makes the calves worse, and whether a wobble cushion is worth buying.",
        "She would like to book a follow-up in two weeks on a Saturday morning if Tom has one; if not, a Wednesday evening after six works too, and she is happy to go on the waiting list.",
        "If she cancels, her employer's scheme still pays the fee when she gives a day's notice; remind her of that when she confirms by phone tomorrow, and note which number she used.",
        "She mentioned that she is allergic to some massage oils with nut extracts: use the unscented lotion from the cupboard, not the almond oil.",
        "Parking: she will use the river car park and may be five minutes late; please keep the room. Invoice to her employer's health scheme, reference on file.",
    ]
    .join(" ")
}

/// Booking #62 (confirmed, with an answer) with a long message and a card
/// payment, its detail open over the bookings list.
fn detail_with_long_message() -> Desk {
    let mut desk = Desk::demo();
    let id = BookingId(62);
    let store = &mut desk.driver.executor.store;
    let b = store.booking(id).unwrap();
    let edit = BookingEdit {
        message: Some(long_message()),
        answers: b
            .answers
            .iter()
            .map(|a| (a.name.clone(), a.value.clone()))
            .collect(),
        add_ons: b.add_ons.iter().map(|a| a.name.clone()).collect(),
        participants: None,
    };
    store.edit_booking(id, &edit, now()).unwrap();
    let payment = PaymentInput {
        amount: 5500,
        method: PaymentMethod::Card,
        reference: Some("T-4471".into()),
        idempotency_key: None,
    };
    store.pay(id, &payment, now()).unwrap();
    desk.press(KeyCode::Char('2'));
    let at = desk
        .driver
        .state
        .bookings
        .page
        .as_ref()
        .unwrap()
        .bookings
        .iter()
        .position(|b| b.id == id)
        .unwrap();
    for _ in 0..at {
        desk.press(KeyCode::Down);
    }
    desk.press(KeyCode::Enter);
    assert_eq!(desk.driver.state.detail().unwrap().id, id);
    desk
}

/// What the runtime does after drawing at `width`×`height`: tells the
/// overlay how far it scrolls.
fn drawn_at(desk: &mut Desk, width: u16, height: u16) {
    if let Some(room) =
        slotdesk::ui::scroll_room(&desk.driver.state, Rect::new(0, 0, width, height))
    {
        desk.driver.send(Msg::ScrollRoom(room));
    }
}

#[test]
fn a_long_message_comes_after_the_answers_and_payment_and_scrolls_into_view() {
    let mut desk = detail_with_long_message();
    for (w, h) in [(120, 40), (80, 24)] {
        let top = desk.screen(w, h);
        // The short facts show at once, above the message.
        for fact in [
            "Payment",
            "paid · £55.00 · card",
            "Answers",
            "Reason for visit",
            "Message",
            "Lucy rang on Friday",
        ] {
            assert!(top.contains(fact), "{fact} at {w}x{h}:\n{top}");
        }
        assert!(top.find("Payment").unwrap() < top.find("Message").unwrap());
        assert!(top.contains("↓ more"), "{top}");
        assert!(!top.contains("reference on file."), "{top}");
        insta::assert_snapshot!(
            format!("detail_long_message_{w}x{h}"),
            desk.draw(w, h).backend()
        );
        // Page by page to the end, as the real desk does.
        drawn_at(&mut desk, w, h);
        let mut pages = 0;
        while !desk.screen(w, h).contains("reference on file.") {
            desk.press(KeyCode::PageDown);
            drawn_at(&mut desk, w, h);
            pages += 1;
            assert!(pages < 10, "never reached the end");
        }
        let end = desk.screen(w, h);
        assert!(end.contains("↑ back up"), "{end}");
        desk.press(KeyCode::End);
        insta::assert_snapshot!(
            format!("detail_long_message_end_{w}x{h}"),
            desk.draw(w, h).backend()
        );
        desk.press(KeyCode::Home);
        assert!(desk.screen(w, h).contains("Lucy rang on Friday"));
    }
}

#[test]
fn help_at_80x24_is_one_list_that_scrolls_to_its_end() {
    let mut desk = Desk::demo();
    desk.press(KeyCode::Char('?'));
    let top = desk.screen(80, 24);
    assert!(top.contains("Day board"), "{top}");
    assert!(top.contains("↓ more"), "{top}");
    assert!(!top.contains("This help"), "{top}");
    desk.press(KeyCode::End);
    let end = desk.screen(80, 24);
    assert!(end.contains("This help"), "{end}");
    assert!(end.contains("to the end"), "{end}");
    assert!(end.contains("↑ back"), "{end}");
    insta::assert_snapshot!("help_end_80x24", desk.draw(80, 24).backend());
    drawn_at(&mut desk, 80, 24);
    desk.press(KeyCode::Up);
    assert!(
        desk.screen(80, 24).contains("↑↓ more"),
        "one key up from the end"
    );
}
