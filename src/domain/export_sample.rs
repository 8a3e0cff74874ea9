//! A booking with every optional part present, whose JSON shape gives the
//! CSV export its columns (so a hold's row has the same columns as a paid
//! booking's, empty where it has nothing).

use crate::domain::booking::{Booking, CustomerSummary, Payment};
use crate::domain::ids::{BookingId, CustomerId, ResourceId, ServiceId, TimeSlotId};
use crate::domain::series::{SeriesId, SeriesKind, SeriesPlace};
use crate::domain::status::{BookingStatus, PaymentMethod, PaymentOption, PaymentStatus};
use chrono::{DateTime, NaiveDate};

/// Every field and every nested object filled.
pub(super) fn sample() -> Booking {
    let at = DateTime::UNIX_EPOCH;
    Booking {
        id: BookingId(1),
        service_id: ServiceId(1),
        service_name: String::new(),
        resource_id: ResourceId(1),
        resource_name: String::new(),
        date: NaiveDate::MIN,
        time_slot_id: TimeSlotId(1),
        from: at,
        to: at,
        participants: 1,
        status: BookingStatus::Confirmed,
        hold_expires_at: Some(at),
        cancel_reason: Some(String::new()),
        message: Some(String::new()),
        customer: Some(CustomerSummary {
            id: CustomerId(1),
            name: String::new(),
            first_name: String::new(),
            last_name: String::new(),
            email: Some(String::new()),
            phone: Some(String::new()),
            created_at: at,
            updated_at: at,
        }),
        payment: Payment {
            status: PaymentStatus::Paid,
            amount: Some(0),
            currency: String::new(),
            method: Some(PaymentMethod::Card),
            reference: Some(String::new()),
        },
        answers: Vec::new(),
        add_ons: Vec::new(),
        walk_in: false,
        notify: Some(String::new()),
        series_id: Some(SeriesId(1)),
        series_place: Some(SeriesPlace {
            kind: SeriesKind::Weekly { every_weeks: 1 },
            position: 1,
            of: 1,
        }),
        choices: Vec::new(),
        payment_option: Some(PaymentOption::Desk),
        decline_reason: Some(String::new()),
        created_at: at,
        updated_at: at,
    }
}
