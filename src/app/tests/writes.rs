//! Writes from the desk: the forms that ask for them, refusals kept in the
//! form, and the message after each.

use super::*;

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
    let effects = press(&mut s, KeyCode::Enter);
    let [Effect::Write(write)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let write = write.clone();
    update(
        &mut s,
        Msg::Written(Box::new(write), Err(BookingError::SlotFull.into())),
    );
    let Some(Overlay::Form(form)) = &s.overlay else {
        panic!("form closed")
    };
    assert_eq!(form.error.as_deref(), Some("time slot is full"));
    assert!(!form.submitting);
    assert_eq!(form.fields[0].value(), "1");
}

#[test]
fn the_message_after_each_write_names_the_booking_and_its_customer() {
    let cases = [
        (
            Write::Book(Box::default()),
            BookingStatus::Confirmed,
            "booked #7 for Ada Lovelace (confirmed)",
        ),
        (
            Write::Confirm(BookingId(7), Box::default()),
            BookingStatus::Confirmed,
            "confirmed #7 for Ada Lovelace",
        ),
        (
            Write::Cancel(
                BookingId(7),
                crate::domain::CancelRequest {
                    reason: "ill".into(),
                    idempotency_key: None,
                    only_hold: false,
                },
            ),
            BookingStatus::Cancelled,
            "#7 cancelled",
        ),
        (
            Write::Extend(BookingId(7)),
            BookingStatus::Held,
            "hold #7 extended",
        ),
        (
            Write::Delete(
                BookingId(7),
                crate::app::Authority::Role(crate::domain::Role::Manager),
            ),
            BookingStatus::Confirmed,
            "deleted #7",
        ),
    ];
    for (write, status, message) in cases {
        let mut s = desk();
        let done = Written::Booking(Box::new(booking(7, 1, status)), None);
        update(&mut s, Msg::Written(Box::new(write), Ok(done)));
        assert_eq!(status_text(&s), message);
    }
}

#[test]
fn an_extended_hold_says_until_when_so_a_shortened_extension_shows() {
    let mut s = desk();
    let mut hold = booking(7, 1, BookingStatus::Held);
    hold.hold_expires_at = Some(now() + chrono::Duration::minutes(20));
    let done = Written::Booking(Box::new(hold), None);
    update(
        &mut s,
        Msg::Written(Box::new(Write::Extend(BookingId(7))), Ok(done)),
    );
    assert_eq!(status_text(&s), "hold #7 extended until 09:50:00");
}

#[test]
fn after_a_hold_in_a_slot_with_bookings_the_selection_is_the_new_hold() {
    // A class slot with Ada's booking #7 selected.
    let mut class = slot(1, 1, 10, 1, None);
    class.occurrence.capacity = 3;
    let mut s = desk();
    let ada = booking(7, 1, BookingStatus::Confirmed);
    let view = |bookings: Vec<Booking>| DayView {
        date: day(),
        slots: vec![class.clone(), slot(3, 2, 10, 0, None)],
        bookings,
        closures: Vec::new(),
    };
    update(&mut s, Msg::DayLoaded(Box::new(view(vec![ada.clone()]))));
    assert_eq!(s.board.selected_booking().map(|b| b.id), Some(BookingId(7)));
    press_char(&mut s, 'r');
    let effects = press(&mut s, KeyCode::Enter);
    let [Effect::Write(write)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let mut hold = booking(8, 1, BookingStatus::Held);
    hold.customer = None;
    let write = Box::new(write.clone());
    let done = Written::Booking(Box::new(hold.clone()), None);
    let effects = update(&mut s, Msg::Written(write, Ok(done)));
    assert!(effects.contains(&Effect::LoadDay(day())));
    // The reload lists Ada's booking first (live, lower id), then the hold.
    update(&mut s, Msg::DayLoaded(Box::new(view(vec![ada, hold]))));
    assert_eq!(
        s.board.selected_booking().map(|b| b.id),
        Some(BookingId(8)),
        "the next c / x / + must act on the hold just made, not on Ada's booking"
    );
    // Tab still cycles through the slot's bookings from there.
    press(&mut s, KeyCode::Tab);
    assert_eq!(s.board.selected_booking().map(|b| b.id), Some(BookingId(7)));
}

#[test]
fn the_picker_books_the_customer_chosen_and_typing_again_drops_the_pick() {
    let mut s = desk();
    press_char(&mut s, 'n');
    let mut effects = Vec::new();
    for c in "Ada".chars() {
        effects = press_char(&mut s, c);
    }
    assert_eq!(effects, vec![Effect::FindCustomers("Ada".into())]);
    let found = CustomerMatch {
        customer: ada(),
        last_visit: Some(now() - Duration::days(10)),
    };
    update(
        &mut s,
        Msg::CustomersFound("Ad".into(), vec![found.clone()]),
    );
    assert!(
        !s.form().unwrap().picker_open(),
        "an older search's answer is dropped"
    );
    update(&mut s, Msg::CustomersFound("Ada".into(), vec![found]));
    assert_eq!(s.context(), crate::app::keymap::Context::Picker);
    // Enter before choosing still submits (and is refused for missing fields).
    press(&mut s, KeyCode::Down);
    assert!(
        press(&mut s, KeyCode::Enter).is_empty(),
        "picking writes nothing"
    );
    let form = s.form().unwrap();
    assert_eq!(form.value("Last name"), "Lovelace");
    assert_eq!(form.value("Email"), "ada@example.com");
    let effects = press(&mut s, KeyCode::Enter);
    let [Effect::Write(Write::Book(req))] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(req.customer, BookingFor::Picked(CustomerId(1)));

    // Typing in a name field again books a typed person instead.
    let mut s = desk();
    press_char(&mut s, 'n');
    for c in "Ada".chars() {
        press_char(&mut s, c);
    }
    update(
        &mut s,
        Msg::CustomersFound(
            "Ada".into(),
            vec![CustomerMatch {
                customer: ada(),
                last_visit: None,
            }],
        ),
    );
    press(&mut s, KeyCode::Down);
    press(&mut s, KeyCode::Enter);
    press(&mut s, KeyCode::Tab);
    press_char(&mut s, 'x');
    let picked = s.form().unwrap().picker.as_ref().unwrap().picked.clone();
    assert_eq!(picked, None);
}

#[test]
fn refund_and_decline_are_on_the_desk_and_say_why_when_they_cannot_be() {
    let mut unpaid = booking(7, 1, BookingStatus::Pending);
    unpaid.payment.status = PaymentStatus::Unpaid;
    let mut s = desk_with(vec![unpaid]);
    assert!(press_char(&mut s, 'R').is_empty());
    assert_eq!(
        status_text(&s),
        "only a paid booking can be refunded; #7 is unpaid"
    );
    // A pending booking's status form offers decline (the key pressed
    // after reading the refusal, not typed straight on).
    update(&mut s, Msg::Tick(now() + Duration::seconds(2)));
    press_char(&mut s, 'i');
    let form = s.form().expect("the status form");
    assert_eq!(form.value("Step"), "decline");
    assert_eq!(
        press(&mut s, KeyCode::Enter),
        vec![Effect::Write(Write::Transition(
            BookingId(7),
            crate::domain::Transition::Decline
        ))]
    );

    let mut paid = booking(8, 1, BookingStatus::Confirmed);
    paid.payment.status = PaymentStatus::Paid;
    paid.payment.amount = Some(5500);
    let mut s = desk_with(vec![paid]);
    press_char(&mut s, 'R');
    assert!(
        s.form()
            .is_some_and(|f| f.subtitle.contains("paid 55.00 GBP"))
    );
    press_char(&mut s, 'y');
    assert_eq!(
        press(&mut s, KeyCode::Enter),
        vec![Effect::Write(Write::Refund(
            BookingId(8),
            crate::app::Authority::Role(crate::domain::Role::Manager)
        ))]
    );
}

#[test]
fn ctrl_z_undoes_this_desks_last_change_once() {
    let mut s = desk();
    let ctrl_z = |s: &mut AppState| {
        update(
            s,
            Msg::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL)),
        )
    };
    assert!(ctrl_z(&mut s).is_empty());
    assert!(status_text(&s).starts_with("nothing to undo"));
    let paid = Written::Booking(
        Box::new(booking(7, 1, BookingStatus::Confirmed)),
        Some(EventId(41)),
    );
    let pay = Write::Pay(
        BookingId(7),
        crate::domain::PaymentInput {
            amount: 5500,
            method: crate::domain::PaymentMethod::Cash,
            reference: None,
            idempotency_key: None,
        },
    );
    update(&mut s, Msg::Written(Box::new(pay), Ok(paid)));
    assert_eq!(
        ctrl_z(&mut s),
        vec![Effect::Write(Write::Undo(EventId(41)))]
    );
    let back = Written::Booking(
        Box::new(booking(7, 1, BookingStatus::Confirmed)),
        Some(EventId(42)),
    );
    update(
        &mut s,
        Msg::Written(Box::new(Write::Undo(EventId(41))), Ok(back)),
    );
    assert_eq!(status_text(&s), "undone: #7 is confirmed now");
    assert!(
        ctrl_z(&mut s).is_empty(),
        "an undo is not undone by the next ctrl-z"
    );
}

#[test]
fn a_refused_pin_is_forgotten_and_the_rest_kept() {
    let mut s = desk();
    let mut form = crate::app::overlays::form::Form::refund(
        &booking(7, 1, BookingStatus::Confirmed),
        "Mon 1 Jun 09:00",
        &crate::app::overlays::form::Approval::ManagerPin(vec!["Morgan Lead".into()]),
        "key".into(),
    );
    for field in &mut form.fields {
        if field.kind == crate::app::overlays::form::FieldKind::Pin {
            field.set_value("9999");
        }
    }
    let typed: Vec<String> = form.fields.iter().map(|f| f.value().to_owned()).collect();
    s.overlay = Some(Overlay::Form(Box::new(form)));
    let refund = Write::Refund(
        BookingId(7),
        crate::app::effect::Authority::ManagerPin {
            name: "Morgan Lead".into(),
            pin: "9999".into(),
        },
    );
    update(
        &mut s,
        Msg::Written(Box::new(refund), Err(BookingError::SignIn.into())),
    );
    let form = s.form().expect("the form stays");
    assert_eq!(form.error.as_deref(), Some("wrong name or PIN"));
    for (field, before) in form.fields.iter().zip(typed) {
        if field.kind == crate::app::overlays::form::FieldKind::Pin {
            assert_eq!(field.value(), "", "{}", field.label);
        } else {
            assert_eq!(field.value(), before, "{}", field.label);
        }
    }
}

#[test]
fn a_manager_forces_a_status_from_the_desk_with_a_reason() {
    let mut s = desk_with(vec![booking(7, 1, BookingStatus::CheckedIn)]);
    press_char(&mut s, 'F');
    let form = s.form().expect("the force form");
    assert_eq!(form.title, "Force status (manager)");
    assert_eq!(
        form.value("Status"),
        "confirmed",
        "the current status is not offered"
    );
    // No reason: the form says so and writes nothing.
    assert!(press(&mut s, KeyCode::Enter).is_empty());
    let form = s.form().expect("the form stays");
    assert_eq!(
        form.fields[form.focus].label, "Reason",
        "it goes to the field missing"
    );
    for c in "checked in the wrong Jane".chars() {
        press_char(&mut s, c);
    }
    // With no staff, whoever is at the desk says they are a manager.
    press(&mut s, KeyCode::Tab);
    press_char(&mut s, 'y');
    assert_eq!(
        press(&mut s, KeyCode::Enter),
        vec![Effect::Write(Write::ForceStatus(
            BookingId(7),
            BookingStatus::Confirmed,
            "checked in the wrong Jane".into(),
            crate::app::Authority::Role(crate::domain::Role::Manager)
        ))]
    );
}

#[test]
fn a_desk_that_lost_its_database_file_opens_no_write_form_and_says_why() {
    let mut s = desk_with(vec![booking(7, 1, BookingStatus::Confirmed)]);
    let _ = update(
        &mut s,
        Msg::DatabaseLost("the database file was replaced".into()),
    );
    for key in ['r', 'n', 'x', 'c', 'p', 'e', 'u', 'm', 'i'] {
        assert!(press_char(&mut s, key).is_empty(), "{key}");
        assert!(s.overlay.is_none(), "{key} opened {:?}", s.overlay);
        assert!(status_text(&s).contains("replaced"), "{key}");
    }
    // Looking about still works.
    let effects = press_char(&mut s, ']');
    assert!(!effects.is_empty(), "a day move still loads");
}
