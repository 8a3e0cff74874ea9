//! Overlays take the keys while open: help, the palette, forms, the detail.

use super::*;

#[test]
fn help_and_palette_open_and_the_palette_runs_an_action() {
    let mut s = desk();
    press(&mut s, KeyCode::Char('?'));
    assert!(matches!(s.overlay, Some(Overlay::Help(_))));
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.overlay, None);
    press(&mut s, KeyCode::Char(':'));
    for c in "activity".chars() {
        press(&mut s, KeyCode::Char(c));
    }
    assert_eq!(
        press(&mut s, KeyCode::Enter),
        vec![Effect::LoadActivity(EventFilter::default())]
    );
    assert_eq!(s.screen, Screen::Activity);
}

#[test]
fn a_key_under_an_overlay_never_reaches_the_screen_below() {
    let mut s = desk();
    // A form types `q` and `2` into its field.
    press_char(&mut s, 'r');
    press(&mut s, KeyCode::Backspace);
    press_char(&mut s, '2');
    press_char(&mut s, 'q');
    assert!(!s.quit);
    assert_eq!(s.screen, Screen::Board);
    assert_eq!(s.form().map(|f| f.fields[0].value()), Some("2q"));
    // The palette types `j` into its filter.
    press(&mut s, KeyCode::Esc);
    press(&mut s, KeyCode::Char('y'));
    press_char(&mut s, ':');
    press_char(&mut s, 'j');
    assert!(matches!(&s.overlay, Some(Overlay::Palette(p)) if p.filter.value() == "j"));
    press(&mut s, KeyCode::Esc);
    // Help ignores keys it has no binding for.
    press_char(&mut s, '?');
    assert!(press_char(&mut s, '2').is_empty());
    assert_eq!(s.screen, Screen::Board);
    assert!(matches!(s.overlay, Some(Overlay::Help(_))));
}

#[test]
fn help_closes_only_on_its_keys() {
    // Its scrolling keys: tests/scrolling.rs.
    let mut s = desk();
    press_char(&mut s, '?');
    press(&mut s, KeyCode::PageDown);
    assert!(s.overlay.is_some());
    press_char(&mut s, 'x');
    assert!(s.overlay.is_some());
    press_char(&mut s, 'q');
    assert!(s.overlay.is_none());
    assert!(!s.quit, "q closes help, it does not quit");
}

#[test]
fn the_detail_takes_its_own_keys_and_acts_on_the_booking_it_shows() {
    let mut s = desk_with(vec![booking(7, 1, BookingStatus::Pending)]);
    press(&mut s, KeyCode::Enter);
    update(
        &mut s,
        Msg::BookingLoaded(Box::new(booking(7, 1, BookingStatus::Pending)), Vec::new()),
    );
    assert!(
        press_char(&mut s, '2').is_empty(),
        "no screen switch under it"
    );
    assert_eq!(s.screen, Screen::Board);
    assert_eq!(
        press_char(&mut s, 'c'),
        vec![Effect::Write(Write::Confirm(BookingId(7), Box::default()))]
    );
    press(&mut s, KeyCode::Esc);
    assert!(s.overlay.is_none());
}

#[test]
fn a_capital_y_discards_a_form_as_a_small_one_does() {
    let mut s = desk();
    press_char(&mut s, 'r');
    press_char(&mut s, '2');
    press(&mut s, KeyCode::Esc);
    assert!(s.form().is_some_and(|f| f.confirm_discard));
    press_char(&mut s, 'Y');
    assert!(s.overlay.is_none());
    assert_eq!(status_text(&s), "reserve (hold): discarded");
}

#[test]
fn a_multi_line_paste_goes_into_the_focused_field_only_and_runs_no_key() {
    let mut s = desk_with(vec![booking(7, 1, BookingStatus::Confirmed)]);
    press_char(&mut s, 'x');
    assert!(s.form().is_some());
    // A reason with line breaks and letters that are board shortcuts.
    let effects = update(
        &mut s,
        Msg::Paste("Client rang\r\nwill rebook\nx D i q\n".into()),
    );
    assert!(effects.is_empty(), "nothing submitted: {effects:?}");
    let form = s.form().expect("the form stays open");
    assert_eq!(form.fields[0].value(), "Client rang will rebook x D i q");
    assert!(!s.quit);
    // Enter then submits the whole reason once.
    let effects = press(&mut s, KeyCode::Enter);
    assert_eq!(
        effects,
        vec![Effect::Write(Write::Cancel(
            BookingId(7),
            crate::domain::CancelRequest {
                reason: "Client rang will rebook x D i q".into(),
                idempotency_key: Some("k-1".into()),
                only_hold: false,
            }
        ))]
    );
}

#[test]
fn a_paste_outside_a_field_changes_nothing_and_says_why() {
    let mut s = desk();
    let before = (s.board.cursor, s.screen);
    assert!(update(&mut s, Msg::Paste("r\nn\n2".into())).is_empty());
    assert_eq!((s.board.cursor, s.screen), before);
    assert!(s.overlay.is_none());
    assert!(status_text(&s).starts_with("nothing here takes pasted text"));
    // The palette takes it as filter text.
    press_char(&mut s, ':');
    update(&mut s, Msg::Paste("pay\n".into()));
    assert!(matches!(&s.overlay, Some(Overlay::Palette(p)) if p.filter.value() == "pay"));
}

#[test]
fn the_palette_filter_edits_where_its_cursor_is() {
    let mut s = desk();
    press_char(&mut s, ':');
    for c in "py".chars() {
        press_char(&mut s, c);
    }
    press(&mut s, KeyCode::Left);
    press_char(&mut s, 'a');
    let Some(Overlay::Palette(p)) = &s.overlay else {
        panic!("the palette stays open");
    };
    assert_eq!((p.filter.value(), p.filter.cursor()), ("pay", 2));
    assert!(
        p.matches().contains(&Action::RecordPayment),
        "{:?}",
        p.matches()
    );
}

fn member(id: i64, name: &str, role: crate::domain::Role) -> crate::domain::StaffMember {
    crate::domain::StaffMember {
        id: crate::domain::StaffId(id),
        name: name.into(),
        role,
        active: true,
    }
}

#[test]
fn with_staff_the_desk_waits_for_a_sign_in_and_locks_again_with_ctrl_l() {
    use crate::domain::Role;
    let mut s = desk();
    let dana = member(1, "Dana Reception", Role::Clerk);
    let morgan = member(2, "Morgan Lead", Role::Manager);
    update(&mut s, Msg::StaffLoaded(vec![dana.clone(), morgan]));
    assert!(s.signed_out());
    assert!(matches!(&s.overlay, Some(Overlay::Form(f)) if f.title == "Sign in"));
    // Screen keys type into the PIN instead; Esc keeps the form; a typed q is a character.
    for c in ['2', 'q'] {
        press_char(&mut s, c);
    }
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.screen, Screen::Board);
    assert!(!s.quit);
    assert!(s.form().is_some_and(|f| f.title == "Sign in"));
    // A wrong PIN: the form says so and forgets what was typed.
    update(&mut s, Msg::SignedIn(Err(BookingError::SignIn.into())));
    let form = s.form().unwrap();
    assert_eq!(form.error.as_deref(), Some("wrong name or PIN"));
    assert_eq!(form.value("PIN"), "");
    for c in "1111".chars() {
        press_char(&mut s, c);
    }
    assert_eq!(
        press(&mut s, KeyCode::Enter),
        vec![Effect::SignIn {
            name: "Dana Reception".into(),
            pin: "1111".into()
        }]
    );
    update(&mut s, Msg::SignedIn(Ok(dana)));
    assert!(s.overlay.is_none());
    assert!(!s.signed_out());
    // A clerk's refund asks for a manager's PIN.
    assert!(
        matches!(s.approval(), crate::app::overlays::form::Approval::ManagerPin(m) if m == ["Morgan Lead"])
    );
    // ctrl-l locks; ctrl-c still quits a locked desk.
    update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL)),
    );
    assert!(s.signed_out());
    assert!(s.form().is_some_and(|f| f.title == "Sign in"));
    update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(s.quit);
}

#[test]
fn with_no_staff_the_desk_runs_as_one_anonymous_user_and_has_nothing_to_lock() {
    let mut s = desk();
    update(&mut s, Msg::StaffLoaded(Vec::new()));
    assert!(!s.signed_out());
    assert!(s.overlay.is_none());
    update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL)),
    );
    assert!(status_text(&s).starts_with("no staff, so nothing to lock"));
    assert_eq!(s.approval(), crate::app::overlays::form::Approval::SaysSo);
}

#[test]
fn help_opened_from_a_booking_detail_returns_to_it() {
    let mut s = desk_with(vec![booking(7, 1, BookingStatus::Confirmed)]);
    press(&mut s, KeyCode::Enter);
    assert_eq!(s.detail().map(|d| d.id), Some(BookingId(7)));
    press_char(&mut s, '?');
    assert!(matches!(s.overlay, Some(Overlay::Help(_))));
    press(&mut s, KeyCode::Esc);
    assert_eq!(
        s.detail().map(|d| d.id),
        Some(BookingId(7)),
        "closing help shows the detail again"
    );
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.overlay, None);
}

fn marked(id: i64) -> crate::domain::NeedsAttention {
    crate::domain::NeedsAttention {
        booking: booking(id, 1, BookingStatus::Confirmed),
        why: "its time slot was removed".into(),
        marked_at: now(),
    }
}

#[test]
fn the_attention_list_opens_with_a_moves_and_opens_the_booking_chosen() {
    let mut state = desk();
    update(&mut state, Msg::AttentionLoaded(vec![marked(7), marked(9)]));
    press_char(&mut state, 'A');
    assert_eq!(state.context(), crate::app::keymap::Context::Attention);
    press_char(&mut state, '1');
    assert_eq!(
        state.context(),
        crate::app::keymap::Context::Attention,
        "screen keys do not reach under the list"
    );
    press(&mut state, KeyCode::Down);
    press(&mut state, KeyCode::Down);
    let effects = press(&mut state, KeyCode::Enter);
    assert_eq!(effects, [Effect::LoadBooking(BookingId(9))]);
    assert_eq!(state.detail().map(|d| d.id), Some(BookingId(9)));
}

#[test]
fn the_attention_list_closes_once_nothing_is_left_on_it() {
    let mut state = desk();
    update(&mut state, Msg::AttentionLoaded(vec![marked(7), marked(9)]));
    press_char(&mut state, 'A');
    press(&mut state, KeyCode::Down);
    update(&mut state, Msg::AttentionLoaded(vec![marked(7)]));
    assert!(matches!(
        &state.overlay,
        Some(Overlay::Attention(open)) if open.selected == 0
    ));
    update(&mut state, Msg::AttentionLoaded(Vec::new()));
    assert!(state.overlay.is_none());
    press_char(&mut state, 'A');
    assert_eq!(status_text(&state), "no booking needs attention");
    press(&mut state, KeyCode::Esc);
}

fn due(id: i64, notify: Option<&str>) -> crate::domain::Reminder {
    let b = booking(id, 1, BookingStatus::Confirmed);
    crate::domain::Reminder {
        booking_id: b.id,
        status: b.status,
        from: b.from,
        to: b.to,
        service_id: b.service_id,
        service_name: b.service_name,
        resource_id: b.resource_id,
        resource_name: b.resource_name,
        customer_name: "Jane Doe".into(),
        phone: Some("+447700900123".into()),
        email: None,
        notify: notify.map(str::to_owned),
        participants: 1,
    }
}

#[test]
fn z_opens_the_reminders_and_s_or_enter_marks_the_selected_one_sent() {
    let mut state = desk();
    press_char(&mut state, 'Z');
    assert_eq!(status_text(&state), "no reminders due");
    assert!(state.overlay.is_none());
    update(
        &mut state,
        Msg::RemindersLoaded(vec![due(7, Some("Bring trainers")), due(9, None)]),
    );
    press_char(&mut state, 'Z');
    assert_eq!(state.context(), crate::app::keymap::Context::Reminders);
    press_char(&mut state, '2');
    assert_eq!(
        state.context(),
        crate::app::keymap::Context::Reminders,
        "screen keys do not reach under the list"
    );
    press(&mut state, KeyCode::Down);
    let effects = press_char(&mut state, 's');
    assert_eq!(
        effects,
        [Effect::Write(crate::app::Write::ReminderSent(BookingId(9)))]
    );
    press(&mut state, KeyCode::Up);
    let effects = press(&mut state, KeyCode::Enter);
    assert_eq!(
        effects,
        [Effect::Write(crate::app::Write::ReminderSent(BookingId(7)))]
    );
    // Once marked, the reload leaves the other; then nothing: it closes.
    update(&mut state, Msg::RemindersLoaded(vec![due(9, None)]));
    assert!(matches!(
        &state.overlay,
        Some(Overlay::Reminders(open)) if open.selected == 0
    ));
    update(&mut state, Msg::RemindersLoaded(Vec::new()));
    assert!(state.overlay.is_none());
}

#[test]
fn esc_closes_the_reminders_and_z_opens_them_on_today_too() {
    let mut state = desk();
    update(&mut state, Msg::RemindersLoaded(vec![due(7, None)]));
    press_char(&mut state, '5');
    press_char(&mut state, 'Z');
    assert_eq!(state.context(), crate::app::keymap::Context::Reminders);
    press(&mut state, KeyCode::Esc);
    assert!(state.overlay.is_none());
}
