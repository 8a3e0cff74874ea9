//! Letters typed straight after a refused form key were meant for the form
//! that never opened: they must not change someone's booking.

use super::*;

/// Ada's confirmed #7 on the full 11:00 slot, selected.
fn on_the_full_slot() -> AppState {
    let mut s = desk_with(vec![booking(7, 2, BookingStatus::Confirmed)]);
    press(&mut s, KeyCode::Down);
    assert_eq!(s.board.selected_booking().map(|b| b.id), Some(BookingId(7)));
    s
}

#[test]
fn a_name_typed_after_a_refused_new_booking_key_cancels_nobody() {
    let mut s = on_the_full_slot();
    press_char(&mut s, 'n');
    assert!(s.overlay.is_none(), "the full slot opens no form");
    // The clerk types on, reading the name off a card: `x` would cancel #7.
    for c in "Max".chars() {
        assert!(press_char(&mut s, c).is_empty());
    }
    assert!(
        s.overlay.is_none(),
        "no cancel form opened: {:?}",
        s.overlay
    );
    assert!(status_text(&s).ends_with("(the keys typed after it were ignored)"));
}

#[test]
fn moving_about_still_works_and_a_pause_or_another_key_ends_the_guard() {
    let mut s = on_the_full_slot();
    press_char(&mut s, 'n');
    press(&mut s, KeyCode::Up);
    press(&mut s, KeyCode::Down);
    press_char(&mut s, 'x');
    assert!(
        matches!(&s.overlay, Some(Overlay::Form(f)) if f.title == "Cancel booking"),
        "an arrow key between: x means cancel again"
    );
    let mut s = on_the_full_slot();
    press_char(&mut s, 'n');
    update(&mut s, Msg::Tick(now() + Duration::milliseconds(1500)));
    press_char(&mut s, 'x');
    assert!(
        matches!(&s.overlay, Some(Overlay::Form(_))),
        "after a pause too"
    );
}
