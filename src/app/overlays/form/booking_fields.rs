//! The fields a booking form is built from beyond the customer's: the
//! seats (one count, or one per price tier), the intake answers, add-ons
//! and message, the reminder's message, how the customer pays, a new
//! booking's repeat (a series) and the status it starts in. `kinds` puts
//! them in order; `submission` reads them back by these labels. Pure.

use super::kinds::{MESSAGE, NOTIFY, PARTICIPANTS, STATUS, YES_NO, choice};
use super::{Field, FieldKind};
use crate::domain::catalog::Service;
use crate::domain::choices::Choice;
use crate::domain::money::format_amount;
use crate::domain::text;
use crate::domain::{Booking, PaymentOption};

/// A new booking's repeat: none, weekly or fortnightly (a series).
pub(super) const REPEAT: &str = "Repeat";
pub(super) const REPEATS: [&str; 3] = ["no", "weekly", "every 2 weeks"];
/// How many weeks a series books, 2 to 52.
pub(super) const WEEKS: &str = "Weeks";
/// A series' all or none, or the free weeks.
pub(super) const IF_TAKEN: &str = "If a week is taken";
pub(super) const IF_TAKEN_CHOICES: [&str; 2] = ["book none", "book the free ones"];

/// The payment option field's label: how the customer plans to pay.
pub(super) const PAYS_BY: &str = "Pays by";

/// The payment option field (Wix `selectedPaymentOption`): `none` (the
/// first choice, meaning not said or any) or one of the options.
pub(super) fn payment_option_field(none: &'static str, current: Option<PaymentOption>) -> Field {
    let mut options = vec![none.to_owned()];
    options.extend(PaymentOption::ALL.iter().map(|o| o.as_str().to_owned()));
    Field::new(
        PAYS_BY,
        FieldKind::Choice(options),
        true,
        current.map_or(none, PaymentOption::as_str),
    )
}

pub(super) fn add_on_label(name: &str) -> String {
    format!("Add {name}")
}

/// The label of a price tier's count field: its name and its price each
/// (`Child (8.00 each)`).
pub(super) fn choice_label(c: &Choice, currency: &str) -> String {
    format!("{} ({} each)", c.name, format_amount(c.price, currency))
}

/// One count field per price tier of `service` (Wix
/// `participantsChoices`), 0 to `max`, prefilled from `booking`.
pub(super) fn choice_fields(service: &Service, booking: Option<&Booking>, max: u32) -> Vec<Field> {
    service
        .choices
        .iter()
        .map(|c| {
            let count = booking
                .and_then(|b| b.choices.iter().find(|l| l.key == c.key))
                .map_or(0, |l| l.count);
            Field::new(
                &choice_label(c, &service.currency),
                FieldKind::Number { min: 0, max },
                true,
                &count.to_string(),
            )
        })
        .collect()
}

/// Intake questions and add-ons of `service`, prefilled from `booking`.
pub(super) fn detail_fields(service: &Service, booking: Option<&Booking>) -> Vec<Field> {
    let mut fields = Vec::new();
    for q in &service.questions {
        let answer = booking
            .and_then(|b| b.answers.iter().find(|a| a.name == q.name))
            .map_or("", |a| a.value.as_str());
        fields.push(Field::new(
            &q.name,
            FieldKind::Text {
                max: text::ANSWER.max,
            },
            q.required,
            answer,
        ));
    }
    for a in &service.add_ons {
        let taken = booking.is_some_and(|b| b.add_ons.iter().any(|l| l.name == a.name));
        fields.push(Field::new(
            &add_on_label(&a.name),
            choice(&YES_NO),
            false,
            if taken { "yes" } else { "no" },
        ));
    }
    let message = booking.and_then(|b| b.message.as_deref()).unwrap_or("");
    fields.push(Field::new(
        MESSAGE,
        FieldKind::Text {
            max: text::MESSAGE.max,
        },
        false,
        message,
    ));
    fields
}

/// A new booking's series fields: repeat (no, weekly, every 2 weeks), how
/// many weeks (2 to 52) and what to do when a week is taken.
pub(super) fn repeat_fields() -> Vec<Field> {
    vec![
        Field::new(REPEAT, choice(&REPEATS), true, REPEATS[0]),
        Field::new(
            WEEKS,
            FieldKind::Number {
                min: crate::domain::series::MIN_WEEKS,
                max: crate::domain::series::MAX_WEEKS,
            },
            false,
            "6",
        ),
        Field::new(
            IF_TAKEN,
            choice(&IF_TAKEN_CHOICES),
            true,
            IF_TAKEN_CHOICES[0],
        ),
    ]
}

/// The optional message to send with the reminder, prefilled from `booking`.
pub(super) fn notify_field(booking: Option<&Booking>) -> Field {
    Field::new(
        NOTIFY,
        FieldKind::Text {
            max: text::MESSAGE.max,
        },
        false,
        booking.and_then(|b| b.notify.as_deref()).unwrap_or(""),
    )
}

/// A new booking's seats: one count, 1 to `free`, or (a service with
/// price tiers) one count per tier.
pub(super) fn seats_fields(service: &Service, free: u32) -> Vec<Field> {
    if service.choices.is_empty() {
        vec![Field::new(
            PARTICIPANTS,
            FieldKind::Number { min: 1, max: free },
            true,
            "1",
        )]
    } else {
        choice_fields(service, None, free)
    }
}

/// The status a new booking of `service` starts in. A service that takes
/// requests books them at the desk too: `requested`, or for a signed-in
/// `manager` also `confirmed` at once (Wix: owner-only); any other,
/// confirmed (first) or pending.
pub(super) fn status_field(service: &Service, manager: bool) -> Field {
    let (statuses, first): (&[&str], &str) = if service.requires_approval && manager {
        (&["requested", "confirmed"], "requested")
    } else if service.requires_approval {
        (&["requested"], "requested")
    } else {
        (&["confirmed", "pending"], "confirmed")
    };
    Field::new(STATUS, choice(statuses), true, first)
}
