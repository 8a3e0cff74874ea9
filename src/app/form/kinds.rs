//! Each form the desk opens: how it is built from what is selected, and the
//! engine call its submit becomes. Pure.

use super::{Field, FieldKind, Form};
use crate::app::effect::Write;
use crate::domain::availability::Slot;
use crate::domain::catalog::Service;
use crate::domain::customer::CustomerInput;
use crate::domain::money::{format_amount, parse_amount};
use crate::domain::{
    Booking, BookingId, BookingStatus, CustomerId, CustomerSummary, PaymentMethod, Role, SlotRef,
    Transition,
};
use crate::store::{
    BookRequest, BookingEdit, ConfirmRequest, CustomerPatch, InitialStatus, PaymentInput,
};
use chrono::NaiveDate;

/// What a form does when submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    /// Hold seats on a slot.
    Reserve(SlotRef),
    /// Book a slot for a customer.
    NewBooking(SlotRef),
    /// Confirm a hold, adding its customer.
    ConfirmHold(BookingId),
    /// Change message, answers and add-ons.
    EditBooking(BookingId),
    /// Cancel (or release a hold) with a reason.
    Cancel(BookingId),
    /// Record a payment.
    Payment(BookingId),
    /// Check in, no-show or complete.
    Attendance(BookingId),
    /// Edit a customer.
    EditCustomer(CustomerId),
    /// Delete a booking (manager).
    Delete(BookingId),
    /// Board: go to a date.
    GoToDate,
    /// Bookings: filter the list.
    Filter,
}

/// What a valid submit asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submitted {
    /// A change through the engine.
    Write(Write),
    /// Show the board on this date.
    GoTo(NaiveDate),
    /// Filter the bookings list.
    Filter(BookingFilter),
}

/// The bookings list's filters as a form gives them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BookingFilter {
    /// First date.
    pub from: Option<NaiveDate>,
    /// Last date.
    pub to: Option<NaiveDate>,
    /// One status.
    pub status: Option<BookingStatus>,
    /// Service name (matched against the catalog by the caller).
    pub service: Option<String>,
    /// Customer text.
    pub customer: Option<String>,
}

const FIRST: &str = "First name";
const LAST: &str = "Last name";
const EMAIL: &str = "Email";
const PHONE: &str = "Phone";
const PARTICIPANTS: &str = "Participants";
const MESSAGE: &str = "Message";
const STATUS: &str = "Status";
const REASON: &str = "Reason";
const AMOUNT: &str = "Amount";
const METHOD: &str = "Method";
const REFERENCE: &str = "Reference";
const STEP: &str = "Step";
const CONFIRM_ID: &str = "Type the booking id";
const MANAGER: &str = "Manager";
const DATE: &str = "Date";
const FROM: &str = "From";
const TO: &str = "To";
const SERVICE: &str = "Service";
const CUSTOMER: &str = "Customer";
const YES_NO: [&str; 2] = ["no", "yes"];

fn choice(options: &[&str]) -> FieldKind {
    FieldKind::Choice(options.iter().map(|o| (*o).to_owned()).collect())
}

fn add_on_label(name: &str) -> String {
    format!("Add {name}")
}

fn customer_fields(c: Option<&CustomerSummary>) -> Vec<Field> {
    vec![
        Field::new(
            FIRST,
            FieldKind::Name,
            true,
            c.map_or("", |c| c.first_name.as_str()),
        ),
        Field::new(
            LAST,
            FieldKind::Name,
            true,
            c.map_or("", |c| c.last_name.as_str()),
        ),
        Field::new(
            EMAIL,
            FieldKind::Email,
            false,
            c.and_then(|c| c.email.as_deref()).unwrap_or(""),
        ),
        Field::new(
            PHONE,
            FieldKind::Phone,
            false,
            c.and_then(|c| c.phone.as_deref()).unwrap_or(""),
        ),
    ]
}

/// Intake questions and add-ons of `service`, prefilled from `booking`.
fn detail_fields(service: &Service, booking: Option<&Booking>) -> Vec<Field> {
    let mut fields = Vec::new();
    for q in &service.questions {
        let answer = booking
            .and_then(|b| b.answers.iter().find(|a| a.name == q.name))
            .map_or("", |a| a.value.as_str());
        fields.push(Field::new(
            &q.name,
            FieldKind::Text { max: 500 },
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
        FieldKind::Text { max: 2000 },
        false,
        message,
    ));
    fields
}

fn slot_line(slot: &Slot, when: &str) -> String {
    format!(
        "{} · {} · {when} · {}/{} taken",
        slot.service_name, slot.resource_name, slot.taken, slot.occurrence.capacity
    )
}

fn booking_line(b: &Booking, when: &str) -> String {
    let who = b
        .customer
        .as_ref()
        .map_or("(no customer yet)", |c| c.name.as_str());
    format!(
        "#{} {} · {} · {when} · {who}",
        b.id, b.service_name, b.resource_name
    )
}

impl Form {
    /// Reserve (hold) form for `slot`.
    pub fn reserve(slot: &Slot, when: &str, key: String) -> Self {
        let free = slot.free().max(1);
        Self::new(
            FormKind::Reserve(slot.occurrence.slot_ref()),
            "Reserve (hold)",
            slot_line(slot, when),
            vec![Field::new(
                PARTICIPANTS,
                FieldKind::Number { min: 1, max: free },
                true,
                "1",
            )],
            key,
        )
    }

    /// New booking form for `slot` of `service`.
    pub fn new_booking(slot: &Slot, service: &Service, when: &str, key: String) -> Self {
        let mut fields = customer_fields(None);
        let free = slot.free().max(1);
        fields.push(Field::new(
            PARTICIPANTS,
            FieldKind::Number { min: 1, max: free },
            true,
            "1",
        ));
        fields.extend(detail_fields(service, None));
        fields.push(Field::new(
            STATUS,
            choice(&["confirmed", "pending"]),
            true,
            "confirmed",
        ));
        Self::new(
            FormKind::NewBooking(slot.occurrence.slot_ref()),
            "New booking",
            slot_line(slot, when),
            fields,
            key,
        )
    }

    /// Confirm-a-hold form: the customer and the required details.
    pub fn confirm_hold(b: &Booking, service: &Service, when: &str, key: String) -> Self {
        let mut fields = customer_fields(b.customer.as_ref());
        fields.extend(detail_fields(service, Some(b)));
        Self::new(
            FormKind::ConfirmHold(b.id),
            "Confirm hold",
            booking_line(b, when),
            fields,
            key,
        )
    }

    /// Edit a booking's details.
    pub fn edit_booking(b: &Booking, service: &Service, when: &str, key: String) -> Self {
        Self::new(
            FormKind::EditBooking(b.id),
            "Edit booking",
            booking_line(b, when),
            detail_fields(service, Some(b)),
            key,
        )
    }

    /// Cancel form (a hold's reason prefilled).
    pub fn cancel(b: &Booking, when: &str, key: String) -> Self {
        let (title, reason) = if b.status == BookingStatus::Held {
            ("Release hold", "hold released")
        } else {
            ("Cancel booking", "")
        };
        Self::new(
            FormKind::Cancel(b.id),
            title,
            booking_line(b, when),
            vec![Field::new(
                REASON,
                FieldKind::Text { max: 500 },
                true,
                reason,
            )],
            key,
        )
    }

    /// Payment form, the amount prefilled with `due` minor units.
    pub fn payment(b: &Booking, due: i64, when: &str, key: String) -> Self {
        let currency = b.payment.currency.clone();
        Self::new(
            FormKind::Payment(b.id),
            "Record payment",
            booking_line(b, when),
            vec![
                Field::new(
                    AMOUNT,
                    FieldKind::Amount {
                        currency: currency.clone(),
                    },
                    true,
                    &format_amount(due, &currency),
                ),
                Field::new(
                    METHOD,
                    choice(&["card", "cash", "voucher", "other"]),
                    true,
                    "card",
                ),
                Field::new(REFERENCE, FieldKind::Text { max: 100 }, false, ""),
            ],
            key,
        )
    }

    /// Check-in / no-show / complete form, offering the steps the status allows.
    pub fn attendance(b: &Booking, when: &str, key: String) -> Self {
        let steps: Vec<&str> = [
            (Transition::CheckIn, "check in"),
            (Transition::NoShow, "no-show"),
            (Transition::Complete, "complete"),
        ]
        .into_iter()
        .filter(|(t, _)| b.status.apply(*t).is_ok())
        .map(|(_, label)| label)
        .collect();
        let first = steps.first().copied().unwrap_or("check in");
        Self::new(
            FormKind::Attendance(b.id),
            "Check in / no-show",
            booking_line(b, when),
            vec![Field::new(STEP, choice(&steps), true, first)],
            key,
        )
    }

    /// Edit-customer form.
    pub fn edit_customer(c: &CustomerSummary, key: String) -> Self {
        Self::new(
            FormKind::EditCustomer(c.id),
            "Edit customer",
            format!("customer #{} · {}", c.id, c.name),
            customer_fields(Some(c)),
            key,
        )
    }

    /// Delete form: type the id, say you are a manager.
    pub fn delete(b: &Booking, when: &str, key: String) -> Self {
        Self::new(
            FormKind::Delete(b.id),
            "Delete booking (manager)",
            booking_line(b, when),
            vec![
                Field::new(CONFIRM_ID, FieldKind::Text { max: 20 }, true, ""),
                Field::new(MANAGER, choice(&YES_NO), true, "no"),
            ],
            key,
        )
    }

    /// Go-to-date form.
    pub fn go_to_date(today: NaiveDate) -> Self {
        Self::new(
            FormKind::GoToDate,
            "Go to date",
            "YYYY-MM-DD".to_owned(),
            vec![Field::new(
                DATE,
                FieldKind::Date,
                true,
                &today.format("%Y-%m-%d").to_string(),
            )],
            String::new(),
        )
    }

    /// Bookings filter form, prefilled with `current`; `services` are the
    /// service names to choose from.
    pub fn filter(current: &BookingFilter, services: &[String]) -> Self {
        let date = |d: Option<NaiveDate>| {
            d.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        let mut statuses = vec!["any".to_owned()];
        statuses.extend(BookingStatus::ALL.iter().map(|s| s.as_str().to_owned()));
        let mut service_names = vec!["any".to_owned()];
        service_names.extend(services.iter().cloned());
        Self::new(
            FormKind::Filter,
            "Filter bookings",
            "empty dates mean no limit".to_owned(),
            vec![
                Field::new(FROM, FieldKind::Date, false, &date(current.from)),
                Field::new(TO, FieldKind::Date, false, &date(current.to)),
                Field::new(
                    STATUS,
                    FieldKind::Choice(statuses),
                    true,
                    current.status.map_or("any", |s| s.as_str()),
                ),
                Field::new(
                    SERVICE,
                    FieldKind::Choice(service_names),
                    true,
                    current.service.as_deref().unwrap_or("any"),
                ),
                Field::new(
                    CUSTOMER,
                    FieldKind::Text { max: 100 },
                    false,
                    current.customer.as_deref().unwrap_or(""),
                ),
            ],
            String::new(),
        )
    }

    fn optional(&self, label: &str) -> Option<String> {
        Some(self.value(label).to_owned()).filter(|v| !v.is_empty())
    }

    fn customer_input(&self) -> CustomerInput {
        CustomerInput {
            first_name: self.value(FIRST).to_owned(),
            last_name: self.value(LAST).to_owned(),
            email: self.optional(EMAIL),
            phone: self.optional(PHONE),
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

    /// The request a valid form makes. `service` is the service of the
    /// slot or booking the form is about. Errors: a message for the form
    /// (a mistyped confirmation).
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
                Write::Book(Box::new(BookRequest {
                    slot: Some(*slot),
                    customer: self.customer_input(),
                    participants,
                    message: self.optional(MESSAGE),
                    answers: self.answers(service),
                    add_ons: self.add_ons(service),
                    status: if self.value(STATUS) == "pending" {
                        InitialStatus::Pending
                    } else {
                        InitialStatus::Confirmed
                    },
                    idempotency_key: Some(key),
                }))
            }
            FormKind::ConfirmHold(id) => {
                let service = service.ok_or("unknown service")?;
                Write::Confirm(
                    *id,
                    Box::new(ConfirmRequest {
                        customer: Some(self.customer_input()),
                        answers: self.answers(service),
                        add_ons: self.add_ons(service),
                        message: self.optional(MESSAGE),
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
                    },
                )
            }
            FormKind::Cancel(id) => Write::Cancel(*id, self.value(REASON).to_owned()),
            FormKind::Payment(id) => {
                let currency = match self.fields.first().map(|f| &f.kind) {
                    Some(FieldKind::Amount { currency }) => currency.clone(),
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
                    },
                )
            }
            FormKind::Attendance(id) => {
                let step = match self.value(STEP) {
                    "no-show" => Transition::NoShow,
                    "complete" => Transition::Complete,
                    _ => Transition::CheckIn,
                };
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
            FormKind::Delete(id) => {
                if self.value(CONFIRM_ID) != id.to_string() {
                    return Err(format!("type {id} to confirm the delete"));
                }
                let role = if self.value(MANAGER) == "yes" {
                    Role::Manager
                } else {
                    Role::Clerk
                };
                Write::Delete(*id, role)
            }
            FormKind::Filter => {
                let date = |label| NaiveDate::parse_from_str(self.value(label), "%Y-%m-%d").ok();
                return Ok(Submitted::Filter(BookingFilter {
                    from: date(FROM),
                    to: date(TO),
                    status: self.value(STATUS).parse().ok(),
                    service: self.optional(SERVICE).filter(|s| s != "any"),
                    customer: self.optional(CUSTOMER),
                }));
            }
            FormKind::GoToDate => {
                let date = NaiveDate::parse_from_str(self.value(DATE), "%Y-%m-%d")
                    .map_err(|_| "a date as YYYY-MM-DD".to_owned())?;
                return Ok(Submitted::GoTo(date));
            }
        };
        Ok(Submitted::Write(write))
    }
}
