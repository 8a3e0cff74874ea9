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
    assert_eq!(form.fields[0].value, "1");
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
            Write::Cancel(BookingId(7), "ill".into()),
            BookingStatus::Cancelled,
            "#7 cancelled",
        ),
        (
            Write::Extend(BookingId(7)),
            BookingStatus::Held,
            "hold #7 extended",
        ),
        (
            Write::Delete(BookingId(7), crate::domain::Role::Manager),
            BookingStatus::Confirmed,
            "deleted #7",
        ),
    ];
    for (write, status, message) in cases {
        let mut s = desk();
        let done = Written::Booking(Box::new(booking(7, 1, status)));
        update(&mut s, Msg::Written(Box::new(write), Ok(done)));
        assert_eq!(status_text(&s), message);
    }
}
