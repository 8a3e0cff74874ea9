use super::*;
use crate::domain::booking::{CustomerSummary, Payment};
use crate::domain::ids::{CustomerId, ServiceId, TimeSlotId};
use crate::domain::status::PaymentStatus;
use chrono::{Duration, TimeZone};

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0).unwrap()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// Booking `id` for `who` on resource `resource` at `h:00` for an hour.
fn booking(id: i64, resource: i64, h: u32, status: BookingStatus, who: &str) -> Booking {
    Booking {
        id: BookingId(id),
        service_id: ServiceId(1),
        service_name: "Physio".into(),
        resource_id: ResourceId(resource),
        resource_name: format!("R{resource}"),
        date: day(),
        time_slot_id: TimeSlotId(resource * 100 + i64::from(h)),
        from: at(h, 0),
        to: at(h, 0) + Duration::hours(1),
        participants: 1,
        status,
        hold_expires_at: None,
        cancel_reason: None,
        message: None,
        customer: (!who.is_empty()).then(|| CustomerSummary {
            id: CustomerId(id),
            name: who.into(),
            first_name: who.into(),
            last_name: String::new(),
            email: None,
            phone: None,
            created_at: at(0, 0),
            updated_at: at(0, 0),
        }),
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
        created_at: at(0, 0),
        updated_at: at(0, 0),
    }
}

#[test]
fn arrival_follows_the_status_and_the_clock() {
    use BookingStatus::*;
    let b = |s| booking(1, 1, 10, s, "Ada");
    let cases = [
        (Confirmed, at(9, 59), Arrival::Due),
        (Pending, at(9, 0), Arrival::Due),
        (Confirmed, at(10, 0), Arrival::Late),
        (Confirmed, at(12, 0), Arrival::Late),
        (CheckedIn, at(9, 50), Arrival::Arrived),
        (CheckedIn, at(10, 0), Arrival::InSession),
        (CheckedIn, at(10, 59), Arrival::InSession),
        (CheckedIn, at(11, 0), Arrival::Ended),
        (Completed, at(11, 0), Arrival::Done),
        (NoShow, at(10, 30), Arrival::NoShow),
        (Cancelled, at(9, 0), Arrival::Cancelled),
        (Declined, at(9, 0), Arrival::Cancelled),
        (Expired, at(9, 0), Arrival::Lapsed),
    ];
    for (status, now, want) in cases {
        assert_eq!(Arrival::of(&b(status), now), want, "{status:?} at {now}");
    }
    let mut hold = booking(2, 1, 10, Held, "");
    hold.hold_expires_at = Some(at(9, 15));
    assert_eq!(Arrival::of(&hold, at(9, 14)), Arrival::Held);
    assert_eq!(
        Arrival::of(&hold, at(9, 15)),
        Arrival::Lapsed,
        "lapsed at expiry"
    );
    let released = booking(3, 1, 10, Cancelled, "");
    assert_eq!(Arrival::of(&released, at(9, 0)), Arrival::Lapsed);
}

#[test]
fn the_sheet_is_in_time_order_counts_the_day_and_marks_who_is_next_per_resource() {
    use BookingStatus::*;
    let mut walk_in = booking(5, 2, 9, CheckedIn, "Sam");
    walk_in.walk_in = true;
    let bookings = vec![
        booking(1, 1, 11, Confirmed, "Cy"),
        booking(2, 1, 9, Completed, "Ada"),
        booking(3, 1, 10, Confirmed, "Bo"),
        booking(4, 2, 10, Confirmed, "Di"),
        walk_in,
        booking(6, 2, 11, NoShow, "Ed"),
        booking(7, 1, 12, Expired, ""),
        booking(8, 2, 12, Cancelled, "Fay"),
    ];
    let now = at(10, 10);
    let sheet = RunSheet::new(day(), &bookings, SheetFilter::default(), now);
    let order: Vec<i64> = sheet.rows.iter().map(|r| r.booking.id.0).collect();
    assert_eq!(order, [2, 5, 3, 4, 1, 6, 8], "by start, then resource");
    assert_eq!(sheet.hidden, 1, "the lapsed hold is left out");
    let arrival = |id| sheet.rows[sheet.position(BookingId(id)).unwrap()].arrival;
    assert_eq!(arrival(3), Arrival::Late);
    assert_eq!(arrival(5), Arrival::Ended, "checked in, its hour over");
    let next: Vec<i64> = sheet
        .rows
        .iter()
        .filter(|r| r.next)
        .map(|r| r.booking.id.0)
        .collect();
    assert_eq!(next, [3, 4], "the late one on R1 is next, and Di on R2");
    assert_eq!(
        sheet.counts,
        SheetCounts {
            expected: 6,
            arrived: 2,
            late: 2,
            no_show: 1,
            walk_ins: 1,
        }
    );
    let r2 = RunSheet::new(
        day(),
        &bookings,
        SheetFilter {
            resource: Some(ResourceId(2)),
            show_lapsed: true,
        },
        now,
    );
    assert!(
        r2.rows
            .iter()
            .all(|r| r.booking.resource_id == ResourceId(2))
    );
    assert_eq!(r2.counts.expected, 3);
    let all = RunSheet::new(
        day(),
        &bookings,
        SheetFilter {
            resource: None,
            show_lapsed: true,
        },
        now,
    );
    assert_eq!((all.rows.len(), all.hidden), (8, 0));
}
