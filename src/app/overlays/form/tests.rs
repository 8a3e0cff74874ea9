use super::*;
use crate::app::effect::Write;
use crate::app::keymap::{Key, Keymap};
use crate::domain::{BookingId, CancelRequest, SlotRef, TimeSlotId};
use chrono::NaiveDate;
use crossterm::event::KeyCode;

fn key(code: KeyCode) -> Key {
    Key::plain(code)
}

/// Presses `key` on `form` with the default keymap, in Great Britain.
fn press(form: &mut Form, key: Key) -> FormOutcome {
    form.handle_key(key, &Keymap::default(), "GB")
}

fn type_into(form: &mut Form, text: &str) {
    for c in text.chars() {
        press(form, Key::char(c));
    }
}

fn cancel_form() -> Form {
    Form::new(
        FormKind::Cancel(BookingId(7)),
        "Cancel booking",
        String::new(),
        vec![Field::new("Reason", FieldKind::Text { max: 500 }, true, "")],
        "k-1".into(),
    )
}

#[test]
fn a_phone_field_shows_its_e164_form_as_it_is_typed() {
    let mut form = Form::new(
        FormKind::EditCustomer(crate::domain::CustomerId(1)),
        "Edit customer",
        String::new(),
        vec![Field::new("Phone", FieldKind::Phone, false, "")],
        "k".into(),
    );
    type_into(&mut form, "020 7946 001");
    assert!(form.fields[0].problem.is_some());
    type_into(&mut form, "8");
    assert_eq!(form.fields[0].problem, None);
    assert_eq!(form.fields[0].hint.as_deref(), Some("+442079460018"));
}

#[test]
fn an_email_field_flags_a_bad_address_while_typing() {
    let mut form = Form::new(
        FormKind::EditCustomer(crate::domain::CustomerId(1)),
        "Edit customer",
        String::new(),
        vec![Field::new("Email", FieldKind::Email, false, "")],
        "k".into(),
    );
    type_into(&mut form, "ada@example");
    assert!(
        form.fields[0]
            .problem
            .as_deref()
            .unwrap_or("")
            .contains("not valid")
    );
    type_into(&mut form, ".com");
    assert_eq!(form.fields[0].problem, None);
}

#[test]
fn submitting_with_a_required_field_empty_stays_open_on_that_field() {
    let mut form = cancel_form();
    assert_eq!(press(&mut form, key(KeyCode::Enter)), FormOutcome::Editing);
    assert_eq!(form.fields[0].problem.as_deref(), Some("required"));
    type_into(&mut form, "Client unwell");
    assert_eq!(press(&mut form, key(KeyCode::Enter)), FormOutcome::Submit);
    assert_eq!(
        form.submission(None),
        Ok(Submitted::Write(Write::Cancel(
            BookingId(7),
            CancelRequest {
                reason: "Client unwell".into(),
                idempotency_key: Some("k-1".into()),
                only_hold: false,
            }
        )))
    );
}

#[test]
fn a_second_enter_while_submitting_does_nothing() {
    let mut form = cancel_form();
    type_into(&mut form, "x");
    assert_eq!(press(&mut form, key(KeyCode::Enter)), FormOutcome::Submit);
    form.submitting = true;
    assert_eq!(press(&mut form, key(KeyCode::Enter)), FormOutcome::Editing);
    assert_eq!(press(&mut form, Key::ctrl('s')), FormOutcome::Editing);
}

#[test]
fn escape_asks_before_discarding_typed_input() {
    let mut form = cancel_form();
    assert_eq!(press(&mut form, key(KeyCode::Esc)), FormOutcome::Cancelled);
    let mut form = cancel_form();
    type_into(&mut form, "a");
    assert_eq!(press(&mut form, key(KeyCode::Esc)), FormOutcome::Editing);
    assert!(form.confirm_discard);
    assert_eq!(
        press(&mut form, key(KeyCode::Char('n'))),
        FormOutcome::Editing
    );
    assert!(!form.confirm_discard);
    assert_eq!(form.fields[0].value(), "a", "typed input is kept");
    press(&mut form, key(KeyCode::Esc));
    assert_eq!(
        press(&mut form, key(KeyCode::Char('y'))),
        FormOutcome::Cancelled
    );
}

#[test]
fn tab_and_shift_tab_cycle_fields_and_choices_change_with_space() {
    let mut form = Form::go_to_date(
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default(),
        crate::domain::typed_date::DateOrder::DayMonth,
    );
    form.fields.push(Field::new(
        "Method",
        FieldKind::Choice(vec!["card".into(), "cash".into()]),
        true,
        "card",
    ));
    press(&mut form, key(KeyCode::Tab));
    assert_eq!(form.focus, 1);
    press(&mut form, key(KeyCode::Char(' ')));
    assert_eq!(form.fields[1].value(), "cash");
    press(&mut form, key(KeyCode::BackTab));
    assert_eq!(form.focus, 0);
}

#[test]
fn the_reserve_form_carries_its_idempotency_key_into_the_hold() {
    let slot = SlotRef {
        time_slot_id: TimeSlotId(3),
        date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default(),
    };
    let form = Form::new(
        FormKind::Reserve(slot),
        "Reserve",
        String::new(),
        vec![Field::new(
            "Participants",
            FieldKind::Number { min: 1, max: 8 },
            true,
            "2",
        )],
        "desk-9".into(),
    );
    assert_eq!(
        form.submission(None),
        Ok(Submitted::Write(Write::Hold {
            slot,
            participants: 2,
            key: "desk-9".into()
        }))
    );
}

fn payment_form(due: i64) -> Form {
    Form::new(
        FormKind::Payment(BookingId(7)),
        "Record payment",
        String::new(),
        vec![
            Field::new(
                "Amount",
                FieldKind::Amount {
                    currency: "GBP".into(),
                    due: Some(due),
                },
                true,
                "55.00",
            ),
            Field::new(
                "Method",
                FieldKind::Choice(vec!["cash".into()]),
                true,
                "cash",
            ),
            Field::new("Reference", FieldKind::Text { max: 100 }, false, ""),
        ],
        "k-1".into(),
    )
}

#[test]
fn an_amount_other_than_what_is_due_is_warned_beside_the_field_but_may_be_paid() {
    let mut form = payment_form(5500);
    form.validate("GB");
    assert_eq!(form.fields[0].warning, None);
    press(&mut form, Key::ctrl('u'));
    type_into(&mut form, "50");
    assert_eq!(form.fields[0].problem, None);
    assert_eq!(
        form.fields[0].warning.as_deref(),
        Some("differs from 55.00 due")
    );
    type_into(&mut form, "00000000");
    assert!(
        form.fields[0]
            .problem
            .as_deref()
            .unwrap()
            .contains("maximum")
    );
    press(&mut form, Key::ctrl('u'));
    type_into(&mut form, "55");
    assert_eq!(form.fields[0].warning, None, "55 is 55.00");
    press(&mut form, Key::ctrl('u'));
    type_into(&mut form, "60");
    assert_eq!(press(&mut form, key(KeyCode::Enter)), FormOutcome::Submit);
    match form.submission(None) {
        Ok(Submitted::Write(Write::Pay(_, p))) => {
            assert_eq!(p.amount, 6000);
            assert_eq!(p.idempotency_key.as_deref(), Some("k-1"));
        }
        other => panic!("expected a payment, got {other:?}"),
    }
}
