use super::*;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn window() -> Window {
    Window {
        from: None,
        to: None,
        horizon: utc("2027-12-01T00:00:00Z"),
    }
}

fn read_ok(text: &str) -> Vec<ImportedBooking> {
    read(text.as_bytes(), chrono_tz::Europe::London, window())
        .unwrap()
        .into_iter()
        .map(Result::unwrap)
        .collect()
}

/// What calcurse writes: no UID, no DTSTAMP, DURATION, floating times, LF.
const CALCURSE: &str = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//calcurse//NONSGML v4.7.1//EN\n\
BEGIN:VEVENT\nDTSTART:20261207T100000\nDURATION:P0DT0H50M0S\nSUMMARY:Zoë Brontë\nEND:VEVENT\n\
BEGIN:VEVENT\nDTSTART:20270322T090000\nDURATION:P0DT1H0M0S\nRRULE:FREQ=WEEKLY;COUNT=3\nSUMMARY:José Núñez\nDESCRIPTION:knee\\, left\\nsecond line\nEND:VEVENT\n\
END:VCALENDAR\n";

#[test]
fn calcurse_floating_times_are_the_locations_and_durations_end_them() {
    let rows = read_ok(CALCURSE);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0].from, utc("2026-12-07T10:00:00Z"));
    assert_eq!(rows[0].to, utc("2026-12-07T10:50:00Z"));
    assert_eq!(rows[0].line, 4);
    let p = rows[0].person.as_ref().unwrap();
    assert_eq!(
        (p.first_name.as_str(), p.last_name.as_str()),
        ("Zoë", "Brontë")
    );
    // No UID: start, end and summary make the key.
    assert_eq!(
        rows[0].key,
        format!(
            "ics:{}/{}/Zoë Brontë",
            rows[0].from.timestamp(),
            rows[0].to.timestamp()
        )
    );
    // Weekly at 09:00 London across the clocks going forward (28 March 2027).
    let starts: Vec<_> = rows[1..].iter().map(|r| r.from).collect();
    assert_eq!(
        starts,
        [
            utc("2027-03-22T09:00:00Z"),
            utc("2027-03-29T08:00:00Z"),
            utc("2027-04-05T08:00:00Z")
        ]
    );
    assert_eq!(rows[1].message.as_deref(), Some("knee, left\nsecond line"));
    assert!(rows[1..].iter().all(|r| r.line == 9));
}

#[test]
fn khal_tzid_uid_attendee_status_and_overrides() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//PIMUTILS.ORG//NONSGML khal / icalendar //EN\r\n\
BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\nBEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n\
BEGIN:VEVENT\r\nUID:abc@khal\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=America/New_York:20261208T090000\r\nDTEND;TZID=America/New_York:20261208T100000\r\n\
SUMMARY:Check-up\r\nATTENDEE;CN=\"Ada Lovelace\":mailto:ada@example.com\r\nSTATUS:TENTATIVE\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:abc@khal\r\nRECURRENCE-ID;TZID=America/New_York:20261209T090000\r\nDTSTART;TZID=America/New_York:20261209T110000\r\nDTEND;TZID=America/New_York:20261209T120000\r\nSUMMARY:Check-up (moved)\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:gone@khal\r\nDTSTART:20261210T150000Z\r\nDTEND:20261210T160000Z\r\nSUMMARY:Old one\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
    let rows = read_ok(text);
    let starts: Vec<_> = rows.iter().map(|r| (r.from, r.key.clone())).collect();
    let t8 = utc("2026-12-08T14:00:00Z");
    let t10 = utc("2026-12-10T14:00:00Z");
    let moved = utc("2026-12-09T16:00:00Z");
    let replaced = utc("2026-12-09T14:00:00Z").timestamp();
    assert_eq!(
        starts,
        [
            (t8, format!("ics:abc@khal@{}", t8.timestamp())),
            (t10, format!("ics:abc@khal@{}", t10.timestamp())),
            (moved, format!("ics:abc@khal@{replaced}")),
            (utc("2026-12-10T15:00:00Z"), "ics:gone@khal".to_owned()),
        ]
    );
    let p = rows[0].person.as_ref().unwrap();
    assert_eq!(p.email.as_deref(), Some("ada@example.com"));
    assert_eq!(p.first_name, "Ada");
    assert_eq!(rows[0].status, Some(BookingStatus::Pending));
    assert_eq!(rows[0].message.as_deref(), Some("Check-up"));
    assert_eq!(rows[3].status, Some(BookingStatus::Cancelled));
}

#[test]
fn a_fold_inside_a_utf8_character_and_all_day_events() {
    // "Zoë" with its two-byte ë folded between its bytes.
    let mut bytes = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261207T100000Z\r\nDTEND:20261207T110000Z\r\nSUMMARY:Zo\xc3\r\n \xabX\r\nEND:VEVENT\r\n".to_vec();
    bytes.extend_from_slice(b"BEGIN:VEVENT\r\nUID:day\r\nDTSTART;VALUE=DATE:20261224\r\nSUMMARY:Christmas Eve\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    let rows = read(&bytes, chrono_tz::Europe::London, window()).unwrap();
    let rows: Vec<_> = rows.into_iter().map(Result::unwrap).collect();
    assert_eq!(rows[0].title, "Zo\u{00eb}X");
    assert!(rows[1].all_day);
    assert_eq!(rows[1].from, utc("2026-12-24T00:00:00Z"));
    assert_eq!(rows[1].to, utc("2026-12-25T00:00:00Z"));
}

#[test]
fn bad_events_are_refused_with_their_line_and_bad_files_whole() {
    let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20261207T100000Z\nSUMMARY:no end\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:b\nDTSTART;TZID=Mars/Olympus:20261207T100000\nDURATION:PT1H\nSUMMARY:x\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:c\nDTSTART:20261207T100000Z\nDTEND:20261207T090000Z\nSUMMARY:x\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:d\nDTSTART:20261207T100000Z\nDURATION:PT1H\nRRULE:FREQ=MINUTELY\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n";
    let rows = read(text.as_bytes(), chrono_tz::Europe::London, window()).unwrap();
    let refused: Vec<_> = rows.into_iter().map(Result::unwrap_err).collect();
    assert_eq!(
        refused.iter().map(|r| r.line).collect::<Vec<_>>(),
        [2, 7, 13, 19]
    );
    assert!(refused[0].reason.contains("no DTEND"), "{:?}", refused[0]);
    assert!(
        refused[1].reason.contains("unknown time zone"),
        "{:?}",
        refused[1]
    );
    assert!(
        refused[2].reason.contains("ends before"),
        "{:?}",
        refused[2]
    );
    assert!(
        refused[3].reason.contains("repeats more than"),
        "{:?}",
        refused[3]
    );
    for bad in [
        &b"hello"[..],
        b"BEGIN:VCALENDAR\nEND:VCALENDAR\n",
        b"\xff\xfe",
        b"",
    ] {
        assert!(read(bad, chrono_tz::Europe::London, window()).is_err());
    }
}

#[test]
fn names_in_summaries() {
    assert_eq!(name_in("Session: Zoë Brontë"), Some("Zoë Brontë"));
    assert_eq!(name_in("Massage — Zoë Brontë"), Some("Zoë Brontë"));
    assert_eq!(
        name_in("Weekly group: Mindful Mondays (Wed) – Dr Ümit Kaya"),
        Some("Dr Ümit Kaya")
    );
    assert_eq!(
        name_in("Couples session: Ana & Luís Gonçalves"),
        Some("Ana & Luís Gonçalves")
    );
    assert_eq!(name_in("José Núñez"), Some("José Núñez"));
    assert_eq!(name_in("Session: Smith, Jane; follow-up"), None);
    assert_eq!(
        name_in("Initial consultation (telephone) with prospective client referred by Dr Müller"),
        None
    );
    assert_eq!(name_in("Session: 王小明 🙂"), None);
    assert_eq!(name_in(""), None);
    assert_eq!(name_in("Room 101"), None);
}
