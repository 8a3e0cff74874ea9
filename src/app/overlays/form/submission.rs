//! What a valid form asks for: the engine call (or the board date, or the
//! list filter) built from the fields' values. Pure.

use super::FieldKind;
use super::Form;
use super::booking_fields::{
    IF_TAKEN, IF_TAKEN_CHOICES, PAYS_BY, REPEAT, WEEKS, add_on_label, choice_label,
};
use super::kinds::{
    AMOUNT, APPROVER, APPROVER_PIN, BookingFilter, CONFIRM_CUSTOMER, CONFIRM_ID, CUSTOMER, DATE,
    EMAIL, FIRST, FROM, FormKind, LAST, MANAGER, MESSAGE, METHOD, NOTIFY, PARTICIPANTS, PHONE, PIN,
    REASON, REFERENCE, SERVICE, STAFF, STATUS, STEP, STEPS, Submitted, THIS_ONE, TO, WHICH,
    WHO_LEAVES,
};
use crate::app::effect::{Authority, Write};
use crate::domain::catalog::Service;
use crate::domain::customer::CustomerInput;
use crate::domain::money::parse_amount;
use crate::domain::series::weekly_slots;
use crate::domain::{
    BookRequest, BookingEdit, ConfirmRequest, CustomerPatch, InitialStatus, PaymentInput,
    WalkInRequest,
};
use crate::domain::{BookingFor, CancelRequest, PaymentMethod, Role, Transition, WaitlistRequest};
use crate::domain::{SeriesKind, SeriesMode, SeriesRequest, SlotRef};

impl Form {
    fn has(&self, label: &str) -> bool {
        self.fields.iter().any(|f| f.label == label)
    }

    /// What a new booking form asks for: `book` on `first`, or when its
    /// Repeat is weekly or every 2 weeks, a series of `book` on the weeks
    /// from `first`. Errors: the weeks outside 2 to 52, said for the form.
    fn book_write(&self, first: SlotRef, book: BookRequest) -> Result<Write, String> {
        let every_weeks = match self.value(REPEAT) {
            "weekly" => 1,
            "every 2 weeks" => 2,
            _ => return Ok(Write::Book(Box::new(book))),
        };
        let weeks = self.value(WEEKS).trim().parse().unwrap_or(0);
        let slots = weekly_slots(first, weeks, every_weeks).map_err(|e| e.to_string())?;
        Ok(Write::BookSeries(Box::new(SeriesRequest {
            kind: SeriesKind::Weekly { every_weeks },
            slots,
            booking: book,
            mode: if self.value(IF_TAKEN) == IF_TAKEN_CHOICES[1] {
                SeriesMode::Partial
            } else {
                SeriesMode::AllOrNone
            },
        })))
    }

    fn optional(&self, label: &str) -> Option<String> {
        Some(self.value(label).to_owned()).filter(|v| !v.is_empty())
    }

    /// Who stands behind a manager-only form: a manager's name and PIN
    /// given there, else the Manager choice's say-so (no staff), else the
    /// signed-in manager.
    fn authority(&self) -> Authority {
        if self.has(APPROVER) {
            Authority::ManagerPin {
                name: self.value(APPROVER).to_owned(),
                pin: self.value(APPROVER_PIN).to_owned(),
            }
        } else if self.has(MANAGER) && self.value(MANAGER) != "yes" {
            Authority::Role(Role::Clerk)
        } else {
            Authority::Role(Role::Manager)
        }
    }

    /// Who the booking is for: the customer picked, else as typed.
    fn booking_for(&self) -> BookingFor {
        match self.picker.as_ref().and_then(|p| p.picked.as_ref()) {
            Some(c) => BookingFor::Picked(c.id),
            None => BookingFor::Typed(CustomerInput {
                first_name: self.value(FIRST).to_owned(),
                last_name: self.value(LAST).to_owned(),
                email: self.optional(EMAIL),
                phone: self.optional(PHONE),
            }),
        }
    }

    fn answers(&self, service: &Service) -> Vec<(String, String)> {
        service
            .questions
            .iter()
            .filter_map(|q| self.optional(&q.name).map(|v| (q.name.clone(), v)))
            .collect()
    }

    fn add_ons(&self, service: &Service) -> Vec<String> {
        service
            .add_ons
            .iter()
            .filter(|a| self.value(&add_on_label(&a.name)) == "yes")
            .map(|a| a.name.clone())
            .collect()
    }

    /// The price tiers given a count above 0, `(key, count)`.
    fn choices(&self, service: &Service) -> Vec<(String, u32)> {
        service
            .choices
            .iter()
            .filter_map(|c| {
                let count = self
                    .value(&choice_label(c, &service.currency))
                    .parse::<u32>()
                    .unwrap_or(0);
                (count > 0).then(|| (c.key.clone(), count))
            })
            .collect()
    }

    /// The people `choices` make, at most the seats free when the form
    /// opened (each count's field allows that many on its own). The engine
    /// checks the room again; this says the numbers in the form.
    /// Errors: more people than seats, with the counts.
    fn seats_of(&self, service: &Service, choices: &[(String, u32)]) -> Result<u32, String> {
        let people = choices
            .iter()
            .fold(0_u32, |sum, (_, n)| sum.saturating_add(*n));
        let free = service.choices.iter().find_map(|c| {
            match self.kind_of(&choice_label(c, &service.currency)) {
                Some(FieldKind::Number { max, .. }) => Some(*max),
                _ => None,
            }
        });
        match free {
            Some(free) if people > free => {
                let counts: Vec<String> = service
                    .choices
                    .iter()
                    .filter_map(|c| {
                        let n = choices.iter().find(|(k, _)| *k == c.key)?.1;
                        Some(format!("{} {n}", c.name))
                    })
                    .collect();
                Err(format!(
                    "these counts make {people} people ({}): {free} seats are free",
                    counts.join(", ")
                ))
            }
            _ => Ok(people),
        }
    }

    /// The request a valid form makes. `service` is the service of the
    /// slot or booking the form is about. A confirm form whose hold the
    /// engine said is gone books the hold's slot afresh with what was typed
    /// (under a key of its own, so the refused confirm never answers it).
    /// Errors: a message for the form (a mistyped confirmation).
    pub fn submission(&self, service: Option<&Service>) -> Result<Submitted, String> {
        let key = self.idempotency_key.clone();
        let participants = self.value(PARTICIPANTS).parse().unwrap_or(1);
        let write = match &self.kind {
            FormKind::Reserve(slot) => Write::Hold {
                slot: *slot,
                participants,
                key,
            },
            FormKind::NewBooking(slot) => {
                let service = service.ok_or("unknown service")?;
                let choices = self.choices(service);
                let participants = if service.choices.is_empty() {
                    participants
                } else if choices.is_empty() {
                    let names: Vec<&str> =
                        service.choices.iter().map(|c| c.name.as_str()).collect();
                    return Err(format!("give a count to one of {}", names.join(", ")));
                } else {
                    self.seats_of(service, &choices)?
                };
                let book = BookRequest {
                    slot: Some(*slot),
                    customer: self.booking_for(),
                    participants,
                    choices,
                    payment_option: self.value(PAYS_BY).parse().ok(),
                    message: self.optional(MESSAGE),
                    notify: self.optional(NOTIFY),
                    answers: self.answers(service),
                    add_ons: self.add_ons(service),
                    status: match self.value(STATUS) {
                        "pending" => InitialStatus::Pending,
                        "requested" => InitialStatus::Requested,
                        _ => InitialStatus::Confirmed,
                    },
                    // Only a signed-in manager's form offers skipping a
                    // service's approval (Wix: owner-only).
                    role: if service.requires_approval && self.value(STATUS) != "requested" {
                        Role::Manager
                    } else {
                        Role::Clerk
                    },
                    idempotency_key: Some(key),
                };
                self.book_write(*slot, book)?
            }
            FormKind::WalkIn(slot) => {
                let service = service.ok_or("choose a service")?;
                Write::WalkIn(Box::new(WalkInRequest {
                    service: service.id,
                    slot: *slot,
                    first_name: self.value(FIRST).to_owned(),
                    last_name: self.value(LAST).to_owned(),
                    phone: self.optional(PHONE),
                    participants,
                    idempotency_key: Some(key),
                }))
            }
            FormKind::ConfirmHold(_)
                if let Some(hold) = self.hold.as_ref().filter(|h| h.refused) =>
            {
                let service = service.ok_or("unknown service")?;
                Write::Book(Box::new(BookRequest {
                    slot: Some(hold.slot),
                    customer: self.booking_for(),
                    participants: hold.participants,
                    message: self.optional(MESSAGE),
                    notify: self.optional(NOTIFY),
                    answers: self.answers(service),
                    add_ons: self.add_ons(service),
                    choices: self.choices(service),
                    payment_option: None,
                    status: InitialStatus::Confirmed,
                    role: Role::Clerk,
                    idempotency_key: Some(format!("{key}-again")),
                }))
            }
            FormKind::ConfirmHold(id) => {
                let service = service.ok_or("unknown service")?;
                Write::Confirm(
                    *id,
                    Box::new(ConfirmRequest {
                        customer: Some(self.booking_for()),
                        answers: self.answers(service),
                        add_ons: self.add_ons(service),
                        choices: self.choices(service),
                        message: self.optional(MESSAGE),
                        notify: self.optional(NOTIFY),
                        idempotency_key: Some(key),
                    }),
                )
            }
            FormKind::EditBooking(id) => {
                let service = service.ok_or("unknown service")?;
                Write::Edit(
                    *id,
                    BookingEdit {
                        message: self.optional(MESSAGE),
                        answers: self.answers(service),
                        add_ons: self.add_ons(service),
                        participants: self.optional(PARTICIPANTS).and_then(|p| p.parse().ok()),
                    },
                )
            }
            FormKind::Cancel(id) if self.has(WHICH) && self.value(WHICH) != THIS_ONE => {
                Write::CancelFollowing(
                    *id,
                    CancelRequest {
                        reason: self.value(REASON).to_owned(),
                        idempotency_key: Some(key),
                        only_hold: false,
                    },
                )
            }
            FormKind::Decline(id) => Write::Decline(*id, self.optional(REASON)),
            FormKind::Cancel(id) | FormKind::Release(id) => Write::Cancel(
                *id,
                CancelRequest {
                    reason: self.value(REASON).to_owned(),
                    idempotency_key: Some(key),
                    only_hold: matches!(self.kind, FormKind::Release(_)),
                },
            ),
            FormKind::Payment(id) => {
                let currency = match self.fields.first().map(|f| &f.kind) {
                    Some(FieldKind::Amount { currency, .. }) => currency.clone(),
                    _ => String::new(),
                };
                let amount =
                    parse_amount(self.value(AMOUNT), &currency).map_err(|e| e.to_string())?;
                let method: PaymentMethod = self.value(METHOD).parse().map_err(|e: String| e)?;
                Write::Pay(
                    *id,
                    PaymentInput {
                        amount,
                        method,
                        reference: self.optional(REFERENCE),
                        idempotency_key: Some(key),
                    },
                )
            }
            FormKind::Attendance(id) => {
                let chosen = self.value(STEP);
                let step = STEPS
                    .into_iter()
                    .find(|(_, label)| *label == chosen)
                    .map_or(Transition::CheckIn, |(t, _)| t);
                Write::Transition(*id, step)
            }
            FormKind::EditCustomer(id) => Write::EditCustomer(
                *id,
                CustomerPatch {
                    first_name: Some(self.value(FIRST).to_owned()),
                    last_name: Some(self.value(LAST).to_owned()),
                    email: Some(self.value(EMAIL).to_owned()),
                    phone: Some(self.value(PHONE).to_owned()),
                },
            ),
            FormKind::Refund(id) => Write::Refund(*id, self.authority()),
            FormKind::SignOffTakings(date, seen) => {
                Write::SignOffTakings(*date, seen.clone(), self.authority())
            }
            FormKind::MergeCustomers(keep, other) => {
                if self.value(CONFIRM_CUSTOMER).trim() != other.to_string() {
                    return Err(format!("type {other} to confirm the merge"));
                }
                Write::MergeCustomers(*keep, *other, self.authority())
            }
            FormKind::ForceStatus(id) => {
                let status = crate::domain::BookingStatus::from_words(self.value(STATUS))?;
                Write::ForceStatus(
                    *id,
                    status,
                    self.value(REASON).trim().to_owned(),
                    self.authority(),
                )
            }
            FormKind::Delete(id) => {
                if self.value(CONFIRM_ID) != id.to_string() {
                    return Err(format!("type {id} to confirm the delete"));
                }
                Write::Delete(*id, self.authority())
            }
            FormKind::Closure(resources) => self.closure_write(resources)?,
            FormKind::Reopen(id) => self.reopen_write(*id)?,
            FormKind::Filter => {
                let (from, to) = (self.date(FROM), self.date(TO));
                crate::domain::query::check_date_range(from, to).map_err(|e| e.to_string())?;
                return Ok(Submitted::Filter(BookingFilter {
                    from,
                    to,
                    status: crate::domain::BookingStatus::from_words(self.value(STATUS)).ok(),
                    payment_option: self.value(PAYS_BY).parse().ok(),
                    service: self.optional(SERVICE).filter(|s| s != "any"),
                    customer: self.optional(CUSTOMER),
                }));
            }
            FormKind::JoinWaitlist(slot) => Write::JoinWaitlist(Box::new(WaitlistRequest {
                slot: *slot,
                customer: self.booking_for(),
                participants,
            })),
            FormKind::LeaveWaitlist(_) => {
                let id = super::waitlist_forms::entry_chosen(self.value(WHO_LEAVES))
                    .ok_or("choose who leaves")?;
                Write::LeaveWaitlist(id)
            }
            FormKind::SignIn => {
                return Ok(Submitted::SignIn {
                    name: self.value(STAFF).to_owned(),
                    pin: self.value(PIN).to_owned(),
                });
            }
            FormKind::FindFree => return Err("a search is sent by the desk".to_owned()),
            FormKind::GoToDate => {
                let date = match self.date(DATE) {
                    Some(d) => d,
                    None if self.value(DATE).trim().is_empty() => match self.kind_of(DATE) {
                        Some(FieldKind::Date { today, .. }) => *today,
                        _ => return Err("no date given".to_owned()),
                    },
                    None => return Err("that is not a date: see the hint beside it".to_owned()),
                };
                return Ok(Submitted::GoTo(date));
            }
        };
        Ok(Submitted::Write(write))
    }
}
