#![cfg(test)]
//! The iCalendar and CSV shapes of a booking: status mapping, UID, hostile
//! text through the `icalendar` parser and back, folding and line endings.
#![allow(clippy::unwrap_used)]

use super::*;
use crate::domain::booking::Answer;
use crate::domain::choices::ChoiceLine;
use chrono::{TimeZone, Utc};
use icalendar::{CalendarComponent, DatePerhapsTime};

fn booking() -> Booking {
    let mut b = sample();
    b.id = BookingId(1234);
    b.service_name = "Physio assessment".into();
    b.resource_name = "Tom Whitfield".into();
    b.from = Utc.with_ymd_and_hms(2026, 12, 7, 10, 0, 0).unwrap();
    b.to = Utc.with_ymd_and_hms(2026, 12, 7, 10, 45, 0).unwrap();
    b.created_at = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
    b.updated_at = Utc.with_ymd_and_hms(2026, 11, 2, 9, 30, 15).unwrap();
    let c = b.customer.as_mut().unwrap();
    c.first_name = "Ada".into();
    c.last_name = "Lovelace".into();
    c.name = "Ada Lovelace".into();
    c.email = Some("ada@example.com".into());
    c.phone = Some("+442079460018".into());
    b.message = Some("Knee pain".into());
    b.payment.status = PaymentStatus::Unpaid;
    b.payment.amount = None;
    b.payment.currency = "GBP".into();
    b
}

/// The one event of `text`, parsed by the crate.
fn parse_one(text: &str) -> icalendar::Event {
    let calendar: Calendar = text.parse().unwrap();
    let mut events = calendar.components.into_iter().filter_map(|c| match c {
        CalendarComponent::Event(e) => Some(e),
        _ => None,
    });
    let event = events.next().unwrap();
    assert!(events.next().is_none());
    event
}

fn calendar_of(b: &Booking) -> String {
    format!(
        "{}{}{ICS_END}",
        ics_start("Harbour"),
        ics_event(b, "harbour")
    )
}

#[test]
fn statuses_map_to_confirmed_tentative_and_cancelled() {
    use BookingStatus as S;
    for (status, expected) in [
        (S::Confirmed, EventStatus::Confirmed),
        (S::CheckedIn, EventStatus::Confirmed),
        (S::Completed, EventStatus::Confirmed),
        (S::NoShow, EventStatus::Confirmed),
        (S::Held, EventStatus::Tentative),
        (S::Pending, EventStatus::Tentative),
        (S::Requested, EventStatus::Tentative),
        (S::Cancelled, EventStatus::Cancelled),
        (S::Declined, EventStatus::Cancelled),
        (S::Expired, EventStatus::Cancelled),
    ] {
        assert_eq!(ics_status(status), expected, "{status:?}");
    }
}

#[test]
fn the_uid_names_the_booking_and_the_location_and_never_changes() {
    assert_eq!(
        booking_uid(BookingId(1234), &location_key("Harbour Physio & Pilates")),
        "booking-1234@harbour-physio-pilates.slotdesk"
    );
    assert_eq!(location_key("  !!  "), "location");
    assert_eq!(location_key("Café Ünïcode"), "café-ünïcode");
    let once = ics_event(&booking(), "harbour");
    assert_eq!(once, ics_event(&booking(), "harbour"));
    let event = parse_one(&calendar_of(&booking()));
    assert_eq!(event.get_uid(), Some("booking-1234@harbour.slotdesk"));
}

#[test]
fn lapsed_holds_are_left_out_unless_their_status_is_asked_for() {
    let mut hold = booking();
    hold.customer = None;
    hold.status = BookingStatus::Cancelled;
    assert!(is_lapsed(&hold));
    assert!(!StatusFilter::default().keeps(&hold));
    assert!(StatusFilter(vec![BookingStatus::Cancelled]).keeps(&hold));
    let mut cancelled = booking();
    cancelled.status = BookingStatus::Cancelled;
    assert!(StatusFilter::default().keeps(&cancelled));
    assert!(!StatusFilter(vec![BookingStatus::Confirmed]).keeps(&cancelled));
    hold.status = BookingStatus::Expired;
    assert!(!StatusFilter::default().keeps(&hold));
}

#[test]
fn the_event_has_times_in_utc_the_stamp_of_its_last_change_and_its_words() {
    let text = calendar_of(&booking());
    assert!(text.contains("\r\nDTSTART:20261207T100000Z\r\n"), "{text}");
    assert!(text.contains("\r\nDTEND:20261207T104500Z\r\n"), "{text}");
    assert!(text.contains("\r\nDTSTAMP:20261102T093015Z\r\n"), "{text}");
    assert!(
        text.contains("\r\nLAST-MODIFIED:20261102T093015Z\r\n"),
        "{text}"
    );
    assert!(!text.contains("VTIMEZONE"));
    let event = parse_one(&text);
    assert_eq!(
        event.get_summary(),
        Some("Physio assessment — Ada Lovelace")
    );
    assert_eq!(event.get_location(), Some("Tom Whitfield"));
    assert_eq!(event.get_status(), Some(EventStatus::Confirmed));
    assert_eq!(
        event.get_start(),
        Some(DatePerhapsTime::from(booking().from))
    );
    let description = event.get_description().unwrap();
    assert_eq!(
        description,
        "confirmed · 1 participant\nphone: +442079460018\nemail: ada@example.com\n\
         message: Knee pain\npayment: unpaid\nslotdesk booking #1234"
    );
}

#[test]
fn a_hold_with_tiers_answers_and_a_payment_says_so() {
    let mut b = booking();
    b.customer = None;
    b.status = BookingStatus::Held;
    b.participants = 3;
    b.choices = vec![
        ChoiceLine {
            key: "adult".into(),
            name: "Adult".into(),
            count: 2,
            price: 900,
        },
        ChoiceLine {
            key: "child".into(),
            name: "Child".into(),
            count: 1,
            price: 500,
        },
    ];
    b.answers = vec![Answer {
        name: "Reason".into(),
        value: "Knee".into(),
    }];
    b.payment.status = PaymentStatus::Paid;
    b.payment.amount = Some(2300);
    assert_eq!(summary(&b), "Physio assessment — hold");
    let text = description(&b);
    assert!(
        text.starts_with("held · 3 participants (2 × Adult, 1 × Child)\n"),
        "{text}"
    );
    assert!(text.contains("\nReason: Knee\n"), "{text}");
    assert!(
        text.contains("\npayment: paid 23.00 GBP (card)\n"),
        "{text}"
    );
    assert!(!text.contains("phone"), "{text}");
}

#[test]
fn hostile_text_round_trips_through_the_parser_in_folded_crlf_lines() {
    let mut b = booking();
    let long: String = "Ünïcødé ☕ ;,\\ ".repeat(400);
    assert!(long.chars().count() >= 5000);
    b.message = Some(format!("semi; comma, back\\slash\nsecond line\n\n{long}"));
    b.answers = vec![Answer {
        name: "Notes; more".into(),
        value: "a,b\\c\nd".into(),
    }];
    b.service_name = "Pilates; mat, \\ class".into();
    b.customer.as_mut().unwrap().name = "Zoë O'Brien-Łukasz 🎉".into();
    b.resource_name = "Room 1, upstairs; left\\".into();
    let text = calendar_of(&b);
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split_inclusive('\n') {
        assert!(line.ends_with("\r\n"), "not CRLF: {line:?}");
        assert!(line.len() <= 77, "{} octets: {line:?}", line.len() - 2);
    }
    assert!(!text.replace("\r\n", "").contains(['\r', '\n']));
    let event = parse_one(&text);
    assert_eq!(event.get_description(), Some(description(&b).as_str()));
    assert_eq!(event.get_summary(), Some(summary(&b).as_str()));
    assert_eq!(event.get_location(), Some("Room 1, upstairs; left\\"));
}

#[test]
fn control_characters_become_replacement_characters_and_cr_a_line_break() {
    let mut b = booking();
    b.message = Some("one\r\ntwo\rthree\u{1b}[2J\u{7}\tend".into());
    let event = parse_one(&calendar_of(&b));
    let description = event.get_description().unwrap();
    assert!(
        description.contains("message: one\ntwo\nthree\u{fffd}[2J\u{fffd}\tend"),
        "{description:?}"
    );
}

#[test]
fn the_calendar_name_is_escaped_and_the_calendar_parses_empty() {
    let text = format!("{}{ICS_END}", ics_start("Harbour; Physio, & Co\\"));
    assert!(
        text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        "{text}"
    );
    let calendar: Calendar = text.parse().unwrap();
    assert_eq!(calendar.get_name(), Some("Harbour; Physio, & Co\\"));
    assert!(calendar.components.is_empty());
}

#[test]
fn csv_columns_are_the_json_names_flattened_with_id_first() {
    let columns = csv_columns();
    assert_eq!(columns[0], "id");
    for c in [
        "customer.first_name",
        "customer.phone",
        "payment.status",
        "payment.amount",
        "answers",
        "add_ons",
        "choices",
        "status",
        "from",
        "series_place.position",
    ] {
        assert!(columns.iter().any(|x| x == c), "{c} missing: {columns:?}");
    }
    assert!(!columns.iter().any(|x| x == "customer"));
    let mut hold = booking();
    hold.customer = None;
    hold.answers = vec![Answer {
        name: "Reason".into(),
        value: "Knee, \"left\"".into(),
    }];
    let row = csv_row(&hold, &columns);
    assert_eq!(row.len(), columns.len());
    let at = |name: &str| &row[columns.iter().position(|c| c == name).unwrap()];
    assert_eq!(at("id"), "1234");
    assert_eq!(at("customer.first_name"), "");
    assert_eq!(at("participants"), "1");
    assert_eq!(at("walk_in"), "false");
    assert_eq!(at("from"), "2026-12-07T10:00:00Z");
    let answers: serde_json::Value = serde_json::from_str(at("answers")).unwrap();
    assert_eq!(answers[0]["value"], "Knee, \"left\"");
    assert_eq!(at("add_ons"), "[]");
}

#[test]
fn a_customer_row_has_the_seven_columns() {
    let c = booking().customer.unwrap();
    let row = customer_row(&c);
    assert_eq!(row[0], "1");
    assert_eq!(row[1], "Ada");
    assert_eq!(row[4], "+442079460018");
    assert_eq!(row[5], "1970-01-01T00:00:00Z");
    let mut no_phone = c;
    no_phone.phone = None;
    assert_eq!(customer_row(&no_phone)[4], "");
}

/// RFC 5545 §3.1: no line over 75 octets, a continuation's leading space
/// counted. The icalendar crate's folding lets a last piece reach 76 (the
/// cold trial found 679 such lines in a year's export); unfolded, the
/// event reads the same as before refolding.
#[test]
fn no_line_is_longer_than_75_octets_and_unfolding_gives_the_crates_text() {
    for len in 60..260 {
        for fill in ["a", "é", "€", "𝄞"] {
            let mut b = booking();
            b.message = Some(fill.repeat(len / fill.len()) + &"x".repeat(len % 7));
            let text = ics_event(&b, "loc");
            for line in text.split("\r\n") {
                assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
            }
            let unfold = |t: &str| t.replace("\r\n ", "");
            assert_eq!(
                unfold(&text),
                unfold(&crate_event(&b, "loc")),
                "{fill} × {len}"
            );
        }
    }
}
