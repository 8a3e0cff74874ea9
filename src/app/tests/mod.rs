//! Pure tests of the desk's state machine: key → action → new state and
//! effects, with a fixed clock and no terminal or database. The fixtures
//! are here; the tests are grouped by what they drive.

mod board;
mod bookings_list;
mod closure_walk;
mod first_run;
mod lapsed_hold;
mod messages;
mod overlays;
mod quit;
mod screens;
mod scrolling;
mod series;
mod takings;
mod today;
mod type_ahead;
mod waitlist;
mod writes;

use super::*;
use crate::app::Write;
use crate::app::keymap::Keymap;
use crate::app::msg::{CatalogView, DayView};
use crate::app::screens::board::SlotLook;
use crate::app::state::Overlay;
use crate::domain::availability::{Slot, Unavailable};
use crate::domain::catalog::{Location, Resource, Service};
use crate::domain::{
    Booking, BookingError, BookingFor, BookingId, BookingQuery, BookingStatus, CustomerId,
    CustomerMatch, CustomerSummary, EventFilter, EventId, Occurrence, Payment, PaymentStatus,
    ResourceId, ServiceId, SlotRef, TimeSlotId,
};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub(super) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap()
}

pub(super) fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

pub(super) fn slot(
    id: i64,
    resource: i64,
    hour: u32,
    taken: u32,
    unavailable: Option<Unavailable>,
) -> Slot {
    let from = Utc.with_ymd_and_hms(2026, 11, 23, hour, 0, 0).unwrap();
    Slot {
        occurrence: Occurrence {
            time_slot_id: TimeSlotId(id),
            date: day(),
            service_id: ServiceId(1),
            resource_id: ResourceId(resource),
            from,
            to: from + Duration::minutes(60),
            capacity: 1,
        },
        service_name: "Physio".into(),
        resource_name: format!("R{resource}"),
        taken,
        unavailable,
    }
}

pub(super) fn service() -> Service {
    Service {
        id: ServiceId(1),
        key: "physio".into(),
        name: "Physio".into(),
        short_name: None,
        duration_minutes: 60,
        capacity: 1,
        hold_minutes: 15,
        horizon_days: 365,
        min_notice_minutes: 0,
        reminder_hours: 24,
        price: 5500,
        currency: "GBP".into(),
        require_email_and_phone: false,
        questions: Vec::new(),
        add_ons: Vec::new(),
        course: None,
        choices: Vec::new(),
        requires_approval: false,
        active: true,
    }
}

/// A desk showing a day with three slots: free 10:00 and full 11:00 on R1,
/// free 10:00 on R2.
pub(super) fn desk() -> AppState {
    desk_with(Vec::new())
}

/// Ada Lovelace, customer 1.
pub(super) fn ada() -> CustomerSummary {
    CustomerSummary {
        id: CustomerId(1),
        name: "Ada Lovelace".into(),
        first_name: "Ada".into(),
        last_name: "Lovelace".into(),
        email: Some("ada@example.com".into()),
        phone: None,
        created_at: now(),
        updated_at: now(),
    }
}

/// Booking `id` for Ada on slot `time_slot` of the fixture day.
pub(super) fn booking(id: i64, time_slot: i64, status: BookingStatus) -> Booking {
    let s = slot(time_slot, 1, 10, 1, None);
    Booking {
        id: BookingId(id),
        service_id: ServiceId(1),
        service_name: "Physio".into(),
        resource_id: s.occurrence.resource_id,
        resource_name: "R1".into(),
        date: day(),
        time_slot_id: TimeSlotId(time_slot),
        from: s.occurrence.from,
        to: s.occurrence.to,
        participants: 1,
        status,
        hold_expires_at: None,
        cancel_reason: None,
        message: None,
        customer: Some(ada()),
        payment: Payment {
            status: PaymentStatus::Unpaid,
            amount: None,
            currency: "GBP".into(),
            method: None,
            reference: None,
        },
        answers: Vec::new(),
        add_ons: Vec::new(),
        walk_in: false,
        notify: None,
        series_id: None,
        series_place: None,
        choices: Vec::new(),
        payment_option: None,
        decline_reason: None,
        created_at: now(),
        updated_at: now(),
    }
}

/// The desk of [`desk`] with `bookings` on its day.
pub(super) fn desk_with(bookings: Vec<Booking>) -> AppState {
    let mut state = AppState::new(now(), Keymap::default(), "test.db".into(), "k".into());
    init(&mut state);
    let catalog = CatalogView {
        location: Location {
            name: "Studio".into(),
            time_zone: chrono_tz::Europe::London,
            phone_region: "GB".into(),
            currency: "GBP".into(),
        },
        services: vec![service()],
        resources: [1, 2]
            .map(|i| Resource {
                id: ResourceId(i),
                key: format!("r{i}"),
                name: format!("R{i}"),
                kind: "staff".into(),
                active: true,
            })
            .to_vec(),
    };
    let effects = update(&mut state, Msg::CatalogLoaded(Some(Box::new(catalog))));
    assert_eq!(effects, vec![Effect::LoadDay(day())]);
    let view = DayView {
        date: day(),
        slots: vec![
            slot(1, 1, 10, 0, None),
            slot(2, 1, 11, 1, Some(Unavailable::Full)),
            slot(3, 2, 10, 0, None),
        ],
        bookings,
        closures: Vec::new(),
    };
    update(&mut state, Msg::DayLoaded(Box::new(view)));
    state
}

pub(super) fn press(state: &mut AppState, code: KeyCode) -> Vec<Effect> {
    update(state, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

pub(super) fn press_char(state: &mut AppState, c: char) -> Vec<Effect> {
    press(state, KeyCode::Char(c))
}

pub(super) fn status_text(state: &AppState) -> &str {
    state.status.as_ref().map_or("", |s| s.text.as_str())
}

pub(super) fn slot_ref(time_slot: i64) -> SlotRef {
    SlotRef {
        time_slot_id: TimeSlotId(time_slot),
        date: day(),
    }
}
