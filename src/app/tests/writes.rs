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
    let done = Written::Booking(Box::new(hold.clone()));
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
