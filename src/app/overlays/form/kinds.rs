//! Each form the desk opens and how it is built from what is selected (the
//! engine call its submit becomes is in `submission`). Pure.

use super::booking_fields::{
    choice_fields, detail_fields, notify_field, payment_option_field, repeat_fields, seats_fields,
    status_field,
};
use super::{ContactNeed, Field, FieldKind, Form, HoldTimer, Picker};
use crate::app::effect::Write;
use crate::domain::availability::Slot;
use crate::domain::catalog::Service;
use crate::domain::money::format_amount;
use crate::domain::series::SeriesKind;
use crate::domain::text;
use crate::domain::typed_date::DateOrder;
use crate::domain::{
    Booking, BookingId, BookingStatus, ClosureId, CustomerId, CustomerSummary, PaymentOption,
    ResourceId, SlotRef, Transition,
};
use chrono::NaiveDate;

/// What a form does when submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    /// Hold seats on a slot.
    Reserve(SlotRef),
    /// Book a slot for a customer.
    NewBooking(SlotRef),
    /// Book someone standing at the desk and check them in: into this slot,
    /// or (`None`) the service's slot running now or next with room.
    WalkIn(Option<SlotRef>),
    /// Confirm a hold, adding its customer.
    ConfirmHold(BookingId),
    /// Change message, answers and add-ons.
    EditBooking(BookingId),
    /// Cancel with a reason.
    Cancel(BookingId),
    /// Decline a request (or a pending booking) with a reason.
    Decline(BookingId),
    /// Release a hold with a reason: refused by the engine if it is no
    /// longer a hold (another desk confirmed it meanwhile).
    Release(BookingId),
    /// Record a payment.
    Payment(BookingId),
    /// Check in, no-show or complete.
    Attendance(BookingId),
    /// Edit a customer.
    EditCustomer(CustomerId),
    /// Delete a booking (manager).
    Delete(BookingId),
    /// Refund a booking's payment (manager).
    Refund(BookingId),
    /// Set a status outside the lifecycle (manager).
    ForceStatus(BookingId),
    /// Merge the second customer into the first (manager).
    MergeCustomers(CustomerId, CustomerId),
    /// Board: go to a date.
    GoToDate,
    /// Bookings: filter the list.
    Filter,
    /// Board: search for the next free slots of a service.
    FindFree,
    /// Today: sign off this day's takings (manager), as shown (these
    /// totals per currency).
    SignOffTakings(NaiveDate, Vec<crate::domain::CurrencyTotal>),
    /// Sign in: who is at the desk.
    SignIn,
    /// Put a customer in a full slot's waitlist.
    JoinWaitlist(SlotRef),
    /// Take someone off a slot's waitlist.
    LeaveWaitlist(SlotRef),
    /// Close a resource (of these, by id and name) or the whole location.
    Closure(Vec<(ResourceId, String)>),
    /// Reopen: remove this desk closure.
    Reopen(ClosureId),
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
    /// Sign this member in with this PIN.
    SignIn { name: String, pin: String },
}

/// The bookings list's filters as a form gives them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BookingFilter {
    /// First date.
    pub from: Option<NaiveDate>,
    /// Last date.
    pub to: Option<NaiveDate>,
    /// Only bookings in this status.
    pub status: Option<BookingStatus>,
    /// Service name (matched against the catalog by the caller).
    pub service: Option<String>,
    /// Text found in the customer's name, email or phone.
    pub customer: Option<String>,
    /// Only bookings whose customer plans to pay so.
    pub payment_option: Option<PaymentOption>,
}

/// The lifecycle steps the status form offers, each where the booking's
/// status allows it (confirming and cancelling have their own keys).
pub const STEPS: [(Transition, &str); 4] = [
    (Transition::CheckIn, "check in"),
    (Transition::NoShow, "no-show"),
    (Transition::Complete, "complete"),
    (Transition::Decline, "decline"),
];

/// The fields that name the customer, which the picker searches and fills.
pub(super) const CUSTOMER_FIELDS: [&str; 4] = [FIRST, LAST, EMAIL, PHONE];
pub(super) const FIRST: &str = "First name";
pub(super) const LAST: &str = "Last name";
pub(super) const EMAIL: &str = "Email";
pub(super) const PHONE: &str = "Phone";
pub(super) const PARTICIPANTS: &str = "Participants";
pub(super) const MESSAGE: &str = "Message";
/// The message the customer's reminder carries (Wix
/// `participantNotification.message`).
pub(super) const NOTIFY: &str = "Message to send";
pub(super) const STATUS: &str = "Status";
pub(super) const REASON: &str = "Reason";
pub(super) const AMOUNT: &str = "Amount";
pub(super) const METHOD: &str = "Method";
pub(super) const REFERENCE: &str = "Reference";
pub(super) const STEP: &str = "Step";
pub(super) const CONFIRM_ID: &str = "Type the booking id";
pub(super) const CONFIRM_CUSTOMER: &str = "Type the id removed";
pub(super) const MANAGER: &str = "Manager";
pub(super) const STAFF: &str = "Name";
pub(super) const PIN: &str = "PIN";
pub(super) const APPROVER: &str = "Manager approving";
pub(super) const APPROVER_PIN: &str = "Manager's PIN";
pub(super) const DATE: &str = "Date";
pub(super) const RESOURCE: &str = "Resource";
pub(super) const PART_OF_DAY: &str = "Time of day";
pub(super) const WEEKDAY: &str = "Weekday";
/// Weekdays as the find-free form offers them.
pub(super) const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
pub(super) const FROM: &str = "From";
pub(super) const TO: &str = "To";
pub(super) const SERVICE: &str = "Service";
pub(super) const CUSTOMER: &str = "Customer";
pub(super) const WHO_LEAVES: &str = "Who leaves";
pub(super) const YES_NO: [&str; 2] = ["no", "yes"];
/// On cancelling a booking in a series: this one, or the later ones too.
pub(super) const WHICH: &str = "Cancel";
pub(super) const THIS_ONE: &str = "this one";

pub(super) fn choice(options: &[&str]) -> FieldKind {
    FieldKind::Choice(options.iter().map(|o| (*o).to_owned()).collect())
}

/// What booking or confirming `service` asks of the customer.
pub(super) fn contact_for(service: &Service) -> ContactNeed {
    if service.require_email_and_phone {
        ContactNeed::Both
    } else {
        ContactNeed::OneOf
    }
}

/// The customer's fields, filled from `c`; the phone and email marked
/// with the `contact` a booking needs (`None`: just editing details).
pub(super) fn customer_fields(
    c: Option<&CustomerSummary>,
    contact: Option<ContactNeed>,
) -> Vec<Field> {
    let contact_field = |label, kind, value: Option<&str>| {
        let mut field = Field::new(label, kind, false, value.unwrap_or(""));
        field.contact = contact;
        field
    };
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
        contact_field(EMAIL, FieldKind::Email, c.and_then(|c| c.email.as_deref())),
        contact_field(PHONE, FieldKind::Phone, c.and_then(|c| c.phone.as_deref())),
    ]
}

/// What cancelling `b` may cover: this one, or (in a series, before its
/// last) this and the later ones still booked, as a choice; `None` outside
/// a series. The desk does not count the later ones (some may have been
/// refused or cancelled): the message after the cancel does.
fn which_field(b: &Booking) -> Option<Field> {
    let place = b.series_place.filter(|p| p.position < p.of)?;
    let following = format!("this and the later {}s", place.kind.unit());
    Some(Field::new(
        WHICH,
        FieldKind::Choice(vec![THIS_ONE.to_owned(), following]),
        true,
        THIS_ONE,
    ))
}

pub(super) fn slot_line(slot: &Slot, when: &str) -> String {
    format!(
        "{} · {} · {when} · {}/{} taken",
        slot.service_name, slot.resource_name, slot.taken, slot.occurrence.capacity
    )
}

pub(super) fn booking_line(b: &Booking, when: &str) -> String {
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
        Self {
            service: Some(slot.occurrence.service_id),
            ..Self::new(
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
    }

    /// New booking form for `slot` of `service`; a `manager` (signed in)
    /// may book a service that takes requests confirmed at once.
    pub fn new_booking(
        slot: &Slot,
        service: &Service,
        when: &str,
        key: String,
        manager: bool,
    ) -> Self {
        let mut fields = customer_fields(None, Some(contact_for(service)));
        fields.extend(seats_fields(service, slot.free().max(1)));
        fields.extend(detail_fields(service, None));
        fields.push(notify_field(None));
        fields.push(payment_option_field("not said", None));
        // A course's sessions are its series already: no Repeat.
        if service.course.is_none() {
            fields.extend(repeat_fields());
        }
        fields.push(status_field(service, manager));
        // A course is booked whole: the form says so.
        let (title, line) = match &service.course {
            Some(course) => (
                "Book the whole course",
                format!(
                    "{} · a seat in each of its {} sessions, the course's price on the first",
                    slot_line(slot, when),
                    course.sessions.len()
                ),
            ),
            None => ("New booking", slot_line(slot, when)),
        };
        Self {
            picker: Some(Picker::default()),
            service: Some(slot.occurrence.service_id),
            ..Self::new(
                FormKind::NewBooking(slot.occurrence.slot_ref()),
                title,
                line,
                fields,
                key,
            )
        }
    }

    /// Walk-in form: the service (`chosen` first, of `services` by name),
    /// a first name (all that is needed), a last name and phone if given,
    /// the seats. With a `slot` (the board's selected one) it books that
    /// slot and the service is the slot's.
    pub fn walk_in(
        services: &[String],
        chosen: &str,
        slot: Option<(&Slot, &str)>,
        key: String,
    ) -> Self {
        let mut fields = Vec::new();
        let service = slot.map(|(s, _)| s.occurrence.service_id);
        let (kind, about, max) = match slot {
            Some((slot, when)) => (
                FormKind::WalkIn(Some(slot.occurrence.slot_ref())),
                slot_line(slot, when),
                slot.free().max(1),
            ),
            None => {
                fields.push(Field::new(
                    SERVICE,
                    FieldKind::Choice(services.to_vec()),
                    true,
                    chosen,
                ));
                (
                    FormKind::WalkIn(None),
                    "the slot running now, or the next with room today".to_owned(),
                    999,
                )
            }
        };
        fields.push(Field::new(FIRST, FieldKind::Name, true, ""));
        fields.push(Field::new(
            LAST,
            FieldKind::Text {
                max: text::FIRST_NAME.max,
            },
            false,
            "",
        ));
        fields.push(Field::new(PHONE, FieldKind::Phone, false, ""));
        fields.push(Field::new(
            PARTICIPANTS,
            FieldKind::Number { min: 1, max },
            true,
            "1",
        ));
        Self {
            service,
            ..Self::new(kind, "Walk-in", about, fields, key)
        }
    }

    /// Confirm-a-hold form: the customer and the required details.
    pub fn confirm_hold(b: &Booking, service: &Service, when: &str, key: String) -> Self {
        let mut fields = customer_fields(b.customer.as_ref(), Some(contact_for(service)));
        fields.extend(choice_fields(service, Some(b), b.participants));
        fields.extend(detail_fields(service, Some(b)));
        fields.push(notify_field(Some(b)));
        Self {
            picker: Some(Picker::default()),
            hold: HoldTimer::of(b),
            ..Self::new(
                FormKind::ConfirmHold(b.id),
                "Confirm hold",
                booking_line(b, when),
                fields,
                key,
            )
        }
    }

    /// Edit a booking's details.
    pub fn edit_booking(b: &Booking, service: &Service, when: &str, key: String) -> Self {
        let mut fields = Vec::new();
        // A class's seats can change (the engine re-checks the room); an
        // appointment always has one; seats counted by price tier stay as
        // booked.
        if service.capacity > 1 && b.choices.is_empty() {
            fields.push(Field::new(
                PARTICIPANTS,
                FieldKind::Number {
                    min: 1,
                    max: service.capacity,
                },
                true,
                &b.participants.to_string(),
            ));
        }
        fields.extend(detail_fields(service, Some(b)));
        Self::new(
            FormKind::EditBooking(b.id),
            "Edit booking",
            booking_line(b, when),
            fields,
            key,
        )
    }

    /// Cancel form; for a hold, the release form with its reason
    /// prefilled, which releases only while it is still a hold.
    pub fn cancel(b: &Booking, when: &str, key: String) -> Self {
        let (kind, title, reason) = if b.status == BookingStatus::Held {
            (FormKind::Release(b.id), "Release hold", "hold released")
        } else {
            (FormKind::Cancel(b.id), "Cancel booking", "")
        };
        let mut fields = vec![Field::new(
            REASON,
            FieldKind::Text {
                max: text::CANCEL_REASON.max,
            },
            true,
            reason,
        )];
        // A course booking is cancelled whole: the form says so, and asks
        // no "this one or the later ones".
        let (title, line) = match b.series_place {
            Some(place) if place.kind == SeriesKind::Course => (
                "Cancel the whole course booking",
                format!(
                    "{} · cancels its booking in every session ({} in all), freeing each seat",
                    booking_line(b, when),
                    place.of
                ),
            ),
            _ => {
                if kind == FormKind::Cancel(b.id) {
                    fields.extend(which_field(b));
                }
                (title, booking_line(b, when))
            }
        };
        Self::new(kind, title, line, fields, key)
    }

    /// Decline form for a request: the reason, kept with it.
    pub fn decline(b: &Booking, when: &str, key: String) -> Self {
        Self::new(
            FormKind::Decline(b.id),
            "Decline request",
            booking_line(b, when),
            vec![Field::new(
                REASON,
                FieldKind::Text {
                    max: text::DECLINE_REASON.max,
                },
                true,
                "",
            )],
            key,
        )
    }

    /// Payment form, the amount prefilled with `due` minor units; another
    /// amount is warned beside the field as it is typed.
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
                        due: Some(due),
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
                Field::new(
                    REFERENCE,
                    FieldKind::Text {
                        max: text::PAYMENT_REFERENCE.max,
                    },
                    false,
                    "",
                ),
            ],
            key,
        )
    }

    /// Check-in / no-show / complete form, offering the steps the status allows.
    pub fn attendance(b: &Booking, when: &str, key: String) -> Self {
        let steps: Vec<&str> = STEPS
            .into_iter()
            .filter(|(t, _)| b.status.apply(*t).is_ok())
            .map(|(_, label)| label)
            .collect();
        let first = steps.first().copied().unwrap_or("check in");
        Self::new(
            FormKind::Attendance(b.id),
            "Change status",
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
            customer_fields(Some(c), None),
            key,
        )
    }

    /// Find-a-free-slot form: the service (`chosen` first, of `services`),
    /// any or one of `resources`, any part of the day or one, any weekday
    /// or one, from a date (empty: today), the seats needed.
    pub fn find_free(
        services: &[String],
        resources: &[String],
        chosen: &str,
        today: NaiveDate,
        order: DateOrder,
    ) -> Self {
        let with_any = |names: Vec<String>| {
            let mut all = vec!["any".to_owned()];
            all.extend(names);
            FieldKind::Choice(all)
        };
        let parts = crate::domain::free_slots::PartOfDay::ALL
            .iter()
            .map(|p| p.label().to_owned())
            .collect();
        let days = WEEKDAYS.iter().map(|d| (*d).to_owned()).collect();
        Self::new(
            FormKind::FindFree,
            "Find a free slot",
            format!(
                "the first with room in the next {} days",
                crate::domain::free_slots::SEARCH_DAYS
            ),
            vec![
                Field::new(SERVICE, FieldKind::Choice(services.to_vec()), true, chosen),
                Field::new(RESOURCE, with_any(resources.to_vec()), true, "any"),
                Field::new(PART_OF_DAY, with_any(parts), true, "any"),
                Field::new(WEEKDAY, with_any(days), true, "any"),
                Field::new(FROM, FieldKind::Date { today, order }, false, ""),
                Field::new(
                    PARTICIPANTS,
                    FieldKind::Number { min: 1, max: 999 },
                    true,
                    "1",
                ),
            ],
            String::new(),
        )
    }

    /// Go-to-date form: empty (today when sent as it is), taking what
    /// people type, counted from the location's `today`.
    pub fn go_to_date(today: NaiveDate, order: DateOrder) -> Self {
        Self::new(
            FormKind::GoToDate,
            "Go to date",
            format!(
                "2026-12-25, {}, {}, tomorrow, mon, +7 (empty: today)",
                order.example().0,
                order.example().1
            ),
            vec![Field::new(
                DATE,
                FieldKind::Date { today, order },
                false,
                "",
            )],
            String::new(),
        )
    }

    /// Bookings filter form, prefilled with `current`; `services` are the
    /// service names to choose from.
    pub fn filter(
        current: &BookingFilter,
        services: &[String],
        today: NaiveDate,
        order: DateOrder,
    ) -> Self {
        let date = |d: Option<NaiveDate>| {
            d.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        let mut statuses = vec!["any".to_owned()];
        statuses.extend(BookingStatus::ALL.iter().map(|s| s.label().to_owned()));
        let mut service_names = vec!["any".to_owned()];
        service_names.extend(services.iter().cloned());
        Self::new(
            FormKind::Filter,
            "Filter bookings",
            format!(
                "dates as 2026-12-25, {}, tomorrow, +7; empty means no limit",
                order.example().0
            ),
            vec![
                Field::new(
                    FROM,
                    FieldKind::Date { today, order },
                    false,
                    &date(current.from),
                ),
                Field::new(
                    TO,
                    FieldKind::Date { today, order },
                    false,
                    &date(current.to),
                ),
                Field::new(
                    STATUS,
                    FieldKind::Choice(statuses),
                    true,
                    current.status.map_or("any", BookingStatus::label),
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
                payment_option_field("any", current.payment_option),
            ],
            String::new(),
        )
    }
}
