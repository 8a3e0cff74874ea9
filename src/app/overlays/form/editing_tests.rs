#![cfg(test)]
//! Editing a text field where the cursor is: the keys a receptionist fixes
//! a typo with, and text that is not plain ASCII.

use super::*;
use crate::app::keymap::{Key, Keymap};
use crate::domain::CustomerId;

fn name_form(value: &str) -> Form {
    Form::new(
        FormKind::EditCustomer(CustomerId(1)),
        "Edit customer",
        String::new(),
        vec![
            Field::new("Last name", FieldKind::Name, true, value),
            Field::new("Phone", FieldKind::Phone, false, ""),
        ],
        "k".into(),
    )
}

/// A payment form with its method choice, `card` or `cash`.
fn method_form() -> Form {
    Form::new(
        FormKind::Payment(crate::domain::BookingId(1)),
        "Record payment",
        String::new(),
        vec![Field::new(
            "Method",
            FieldKind::Choice(vec!["card".into(), "cash".into()]),
            true,
            "card",
        )],
        "k".into(),
    )
}

fn press(form: &mut Form, key: &str) -> FormOutcome {
    let key: Key = key.parse().expect("a key name");
    form.handle_key(key, &Keymap::default(), "GB")
}

fn presses(form: &mut Form, keys: &[&str]) {
    for k in keys {
        press(form, k);
    }
}

fn type_text(form: &mut Form, text: &str) {
    for c in text.chars() {
        form.handle_key(Key::char(c), &Keymap::default(), "GB");
    }
}

fn value(form: &Form) -> &str {
    form.fields[0].value()
}

#[test]
fn a_letter_left_out_in_the_middle_is_typed_in_place() {
    let mut form = name_form("");
    type_text(&mut form, "Lovlace");
    presses(&mut form, &["left", "left", "left", "left"]);
    type_text(&mut form, "e");
    assert_eq!(value(&form), "Lovelace");
    assert_eq!(
        form.fields[0].cursor(),
        4,
        "the cursor stays after the letter"
    );
    assert_eq!(press(&mut form, "enter"), FormOutcome::Submit);
}

#[test]
fn home_end_and_their_control_keys_reach_either_end() {
    let mut form = name_form("da");
    press(&mut form, "home");
    type_text(&mut form, "A");
    press(&mut form, "end");
    type_text(&mut form, "m");
    assert_eq!(value(&form), "Adam");
    press(&mut form, "ctrl-a");
    press(&mut form, "delete");
    press(&mut form, "ctrl-e");
    press(&mut form, "backspace");
    assert_eq!(value(&form), "da");
}

#[test]
fn word_moves_and_word_deletes_work_with_control_and_alt() {
    let mut form = name_form("Mary Jane Smith");
    press(&mut form, "ctrl-left");
    press(&mut form, "alt-b");
    assert_eq!(form.fields[0].cursor(), 5, "before `Jane`");
    press(&mut form, "alt-f");
    press(&mut form, "ctrl-right");
    assert_eq!(form.fields[0].cursor(), 15, "at the end");
    press(&mut form, "ctrl-w");
    assert_eq!(value(&form), "Mary Jane ");
    press(&mut form, "ctrl-u");
    assert_eq!(value(&form), "", "ctrl-u clears the field");
    assert!(form.fields[0].problem.is_some(), "revalidated: required");
}

#[test]
fn moving_the_cursor_is_not_a_change_and_never_leaves_the_field() {
    let mut form = name_form("Ada");
    presses(
        &mut form,
        &["left", "left", "left", "left", "home", "ctrl-left"],
    );
    assert_eq!(form.focus, 0);
    assert!(
        !form.is_dirty(),
        "moving about types nothing: Esc does not ask"
    );
    assert_eq!(press(&mut form, "esc"), FormOutcome::Cancelled);
}

#[test]
fn wide_characters_and_emoji_are_stepped_and_deleted_whole() {
    let mut form = name_form("");
    type_text(&mut form, "山田花子");
    press(&mut form, "left");
    press(&mut form, "backspace");
    assert_eq!(value(&form), "山田子");
    // A woman health worker: four scalar values, one grapheme.
    let mut form = name_form("Dr 👩\u{200d}⚕\u{fe0f} Li");
    presses(&mut form, &["left", "left", "left", "backspace"]);
    assert_eq!(value(&form), "Dr  Li");
}

#[test]
fn right_to_left_text_is_kept_in_the_order_typed() {
    let mut form = name_form("");
    type_text(&mut form, "שלום");
    presses(&mut form, &["left", "left"]);
    type_text(&mut form, "x");
    assert_eq!(value(&form), "שלxום");
}

#[test]
fn a_paste_goes_in_at_the_cursor_as_one_line() {
    let mut form = name_form("Ada Lovelace");
    presses(&mut form, &["ctrl-a", "alt-f"]);
    assert!(form.paste("King\nByron\n", "GB"));
    assert_eq!(value(&form), "Ada King Byron Lovelace");
    assert!(!form.paste(" \n\t", "GB"), "nothing but spaces is no paste");
    presses(&mut form, &["end"]);
    assert!(form.paste("\n  Jr.\r\n", "GB"));
    assert_eq!(value(&form), "Ada King Byron Lovelace Jr.");
}

#[test]
fn a_choice_still_steps_with_the_arrows() {
    let mut form = method_form();
    press(&mut form, "right");
    assert_eq!(form.fields[0].value(), "cash");
    press(&mut form, "left");
    assert_eq!(form.fields[0].value(), "card");
    press(&mut form, "ctrl-u");
    assert_eq!(form.fields[0].value(), "card", "a choice is never emptied");
}

#[test]
fn ctrl_c_in_a_form_says_how_to_leave_it_and_changes_nothing() {
    let mut form = name_form("Ada");
    assert_eq!(press(&mut form, "ctrl-c"), FormOutcome::Editing);
    let said = form.error.clone().unwrap_or_default();
    assert!(said.contains("esc") && said.contains("ctrl-c"), "{said}");
    assert_eq!(value(&form), "Ada");
    assert!(!form.is_dirty());
}

#[test]
fn a_huge_paste_is_cut_and_shows_the_fields_limit() {
    let mut form = name_form("");
    let book = "lorem ipsum ".repeat(500_000);
    assert!(form.paste(&book, "GB"));
    let chars = value(&form).chars().count();
    assert!(chars <= crate::app::line_editor::PASTE_MAX, "{chars}");
    assert!(form.fields[0].problem.is_some(), "over the name's limit");
    assert_eq!(form.fields[0].cursor(), chars);
}

#[test]
fn a_key_that_cuts_nothing_changes_nothing() {
    let mut form = name_form("Ada");
    form.error = Some("an old refusal".into());
    press(&mut form, "ctrl-k");
    assert_eq!(value(&form), "Ada");
    assert_eq!(
        form.error.as_deref(),
        Some("an old refusal"),
        "nothing was edited, so nothing is cleared"
    );
}

#[test]
fn q_typed_in_a_choice_is_not_taken_for_quitting() {
    let mut form = method_form();
    press(&mut form, "q");
    assert_eq!(form.error, None);
}
