//! `slotdesk export`: bookings as iCalendar, CSV and JSON lines, filtered;
//! `export customers`; `-o FILE` written whole with mode 0600; one calendar
//! per resource; a re-export byte for byte the same.
#![allow(clippy::unwrap_used)]

use crate::commands::{Desk, ada_monday};
use icalendar::{Calendar, CalendarComponent, Component, EventLike, EventStatus};
use serde_json::Value;
use std::collections::BTreeMap;

/// Ada's physio on Monday 23rd (Ana Silva), Bo's massage on Tuesday
/// (cancelled, with a reason), Cy's pilates (Studio) and a released hold on
/// Tuesday's physio. Returns the ids: Ada, Bo, Cy, the hold.
fn a_few_bookings(desk: &Desk) -> [String; 4] {
    let ada = desk.json(&ada_monday(&[
        "--message",
        "Left knee; since May, \\ worse",
    ]));
    let bo = desk.json(&[
        "book",
        "16@2026-11-24",
        "--first-name",
        "Bo",
        "--last-name",
        "Chen",
        "--phone",
        "020 7946 0018",
    ]);
    desk.ok(&["cancel", &bo["id"].to_string(), "--reason", "ill"]);
    let cy = desk.book_ada(&[]);
    let hold = desk.json(&["hold", "2@2026-11-24"]);
    desk.ok(&["cancel", &hold["id"].to_string(), "--reason", "let go"]);
    [ada, bo, cy, hold].map(|b| b["id"].to_string())
}

/// The events of an iCalendar text by UID.
fn events(text: &str) -> BTreeMap<String, icalendar::Event> {
    let calendar: Calendar = text.parse().unwrap();
    calendar
        .components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some((e.get_uid().unwrap().to_owned(), e)),
            _ => None,
        })
        .collect()
}

fn uid(id: &str) -> String {
    format!("booking-{id}@test-studio.slotdesk")
}

#[test]
fn ics_has_an_event_per_booking_with_a_stable_uid_and_the_status_and_words() {
    let desk = Desk::new();
    let [ada, bo, cy, hold] = a_few_bookings(&desk);
    let before = desk.event_count();
    let text = desk.ok(&["export", "--format", "ics"]);
    assert_eq!(desk.event_count(), before, "an export is a read");
    assert!(
        text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        "{text}"
    );
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split_inclusive('\n') {
        assert!(line.ends_with("\r\n") && line.len() <= 77, "{line:?}");
    }
    let events = events(&text);
    assert_eq!(events.len(), 3, "the released hold is left out: {text}");
    assert!(!events.contains_key(&uid(&hold)));
    let a = &events[&uid(&ada)];
    assert_eq!(a.get_summary(), Some("Physio — Ada Lovelace"));
    assert_eq!(a.get_location(), Some("Ana Silva"));
    assert_eq!(a.get_status(), Some(EventStatus::Confirmed));
    let notes = a.get_description().unwrap();
    assert!(
        notes.contains("message: Left knee; since May, \\ worse"),
        "{notes}"
    );
    assert!(notes.contains("Reason for visit: Knee"), "{notes}");
    assert!(notes.contains("email: ada@example.com"), "{notes}");
    assert!(
        notes.ends_with(&format!("slotdesk booking #{ada}")),
        "{notes}"
    );
    assert!(text.contains("DTSTART:20261123T090000Z\r\n"), "{text}");
    let b = &events[&uid(&bo)];
    assert_eq!(b.get_status(), Some(EventStatus::Cancelled));
    assert!(
        b.get_description()
            .unwrap()
            .contains("phone: +442079460018")
    );
    assert_eq!(events[&uid(&cy)].get_location(), Some("Studio"));
    // Nothing changed: the same bytes.
    assert_eq!(desk.ok(&["export"]), text, "ics is the default format");
}

#[test]
fn filters_pick_resource_service_dates_and_statuses() {
    let desk = Desk::new();
    let [ada, bo, cy, hold] = a_few_bookings(&desk);
    let uids = |args: &[&str]| -> Vec<String> {
        let mut args = args.to_vec();
        args.insert(0, "export");
        events(&desk.ok(&args)).into_keys().collect()
    };
    assert_eq!(uids(&["--resource", "room"]), vec![uid(&cy)]);
    assert_eq!(uids(&["--service", "Massage"]), vec![uid(&bo)]);
    assert_eq!(uids(&["--from", "2026-11-24"]), vec![uid(&bo)]);
    assert_eq!(uids(&["--from", "2026-11-25"]), Vec::<String>::new());
    assert_eq!(
        uids(&["--from", "2026-11-23", "--to", "23/11"]),
        vec![uid(&ada), uid(&cy)]
    );
    assert_eq!(uids(&["--status", "cancelled"]).len(), 2, "the hold too");
    assert!(uids(&["--status", "cancelled"]).contains(&uid(&hold)));
    let mut both = uids(&["--status", "confirmed,cancelled", "--resource", "ana"]);
    both.sort();
    let mut expected = vec![uid(&ada), uid(&bo), uid(&hold)];
    expected.sort();
    assert_eq!(both, expected);
    assert_eq!(
        uids(&["--status", "confirmed", "--status", "Checked In"]).len(),
        2
    );
    let err = desk.fails(4, &["export", "--resource", "nobody"]);
    let slots = desk.fails(4, &["slots", "--service", "physio", "--resource", "nobody"]);
    assert_eq!(err, slots, "the same words as the other commands");
    let err = desk.fails(5, &["export", "--status", "gone"]);
    assert!(err.contains("unknown status"), "{err}");
    let err = desk.fails(5, &["export", "--from", "2026-11-30", "--to", "2026-11-01"]);
    assert!(err.contains("2026-11-30"), "{err}");
    desk.fails(2, &["export", "--format", "pdf"]);
}

#[test]
fn json_lines_are_the_booking_objects_and_csv_parses_back_with_its_header() {
    let desk = Desk::new();
    let [ada, bo, cy, _] = a_few_bookings(&desk);
    let text = desk.ok(&["export", "--format", "json"]);
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for (line, id) in lines.iter().zip([&ada, &cy, &bo]) {
        assert_eq!(*line, desk.json(&["booking", id]));
    }

    let csv_text = desk.ok(&["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "id");
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][column("id")], ada);
    assert_eq!(
        &rows[0][column("message")],
        "Left knee; since May, \\ worse"
    );
    assert_eq!(&rows[0][column("customer.first_name")], "Ada");
    assert_eq!(&rows[2][column("status")], "cancelled");
    assert_eq!(&rows[2][column("customer.phone")], "+442079460018");
    let answers: Value = serde_json::from_str(&rows[0][column("answers")]).unwrap();
    assert_eq!(answers, lines[0]["answers"]);
    assert_eq!(rows[0].len(), header.len());
}

#[test]
fn customers_export_as_csv_and_json_lines_in_id_order() {
    let desk = Desk::new();
    a_few_bookings(&desk);
    let text = desk.ok(&["export", "customers"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "id",
            "first_name",
            "last_name",
            "email",
            "phone",
            "created_at",
            "updated_at"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let names: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(names, ["Ada", "Bo"]);
    assert_eq!(&rows[1][4], "+442079460018");
    assert_eq!(&rows[0][4], "");
    let json = desk.ok(&["export", "customers", "--format", "json"]);
    let first: Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert_eq!(first["email"], "ada@example.com");
    assert_eq!(json.lines().count(), 2);
    desk.fails(2, &["export", "customers", "--format", "ics"]);
}

#[cfg(unix)]
#[test]
fn an_output_file_is_written_whole_with_mode_0600_and_a_bad_path_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let desk = Desk::new();
    a_few_bookings(&desk);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("desk.ics");
    std::fs::write(&file, "old").unwrap();
    let run = desk.run(&["export", "-o", file.to_str().unwrap()]);
    assert!(run.status.success());
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.is_empty(),
        "no progress bar when stderr is no terminal: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, desk.ok(&["export"]));
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file is left");

    let bad = dir.path().join("no-such-dir/out.csv");
    let err = desk.fails(
        1,
        &["export", "--format", "csv", "-o", bad.to_str().unwrap()],
    );
    assert!(err.contains(bad.to_str().unwrap()), "{err}");
    assert!(!bad.exists());
    let customers = dir.path().join("customers.csv");
    desk.ok(&["export", "customers", "-o", customers.to_str().unwrap()]);
    let mode = std::fs::metadata(&customers).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn per_resource_writes_a_calendar_for_each_resource() {
    let desk = Desk::new();
    let [ada, bo, cy, _] = a_few_bookings(&desk);
    let dir = tempfile::tempdir().unwrap();
    let cals = dir.path().join("calendars");
    desk.ok(&["export", "--per-resource", cals.to_str().unwrap()]);
    let ana = std::fs::read_to_string(cals.join("ana.ics")).unwrap();
    let room = std::fs::read_to_string(cals.join("room.ics")).unwrap();
    assert_eq!(
        events(&ana).into_keys().collect::<Vec<_>>(),
        vec![uid(&ada), uid(&bo)]
    );
    assert_eq!(
        events(&room).into_keys().collect::<Vec<_>>(),
        vec![uid(&cy)]
    );
    assert!(
        ana.contains("X-WR-CALNAME:Test Studio — Ana Silva\r\n"),
        "{ana}"
    );
    let err = desk.fails(2, &["export", "--per-resource", "x", "-o", "y.ics"]);
    assert!(err.contains("cannot be used with"), "{err}");
    let err = desk.fails(
        5,
        &[
            "export",
            "--format",
            "csv",
            "--per-resource",
            cals.to_str().unwrap(),
        ],
    );
    assert!(err.contains("--format ics"), "{err}");
}

#[test]
fn hostile_stored_text_stays_inside_its_lines_and_parses_back() {
    let desk = Desk::new();
    let [ada, ..] = a_few_bookings(&desk);
    let long = "Ünïcødé ☕ ;,\\ ".repeat(400);
    let conn = rusqlite::Connection::open(&desk.db).unwrap();
    conn.execute(
        "UPDATE bookings SET message = ?1 WHERE id = ?2",
        rusqlite::params![
            format!("a\u{1b}[2J\r\nEND:VEVENT\nBEGIN:VEVENT;x,y\u{7}{long}"),
            ada.parse::<i64>().unwrap()
        ],
    )
    .unwrap();
    drop(conn);
    let text = desk.ok(&["export"]);
    for line in text.split_inclusive('\n') {
        assert!(line.ends_with("\r\n") && line.len() <= 77, "{line:?}");
        let body = &line[..line.len() - 2];
        assert!(!body.chars().any(char::is_control), "{line:?}");
    }
    let events = events(&text);
    assert_eq!(events.len(), 3, "no event was forged");
    let notes = events[&uid(&ada)].get_description().unwrap().to_owned();
    assert!(
        notes.contains("message: a\u{fffd}[2J\nEND:VEVENT\nBEGIN:VEVENT;x,y\u{fffd}Ünïcødé"),
        "{notes}"
    );
    assert!(
        notes.contains(&long),
        "the 5,000-character message is whole"
    );
}

/// The iCalendar is formatted on a second thread, a chunk of bookings at a
/// time: thousands of them come out whole and in the order the JSON lines
/// (written one by one) have them, to a file and to stdout alike.
#[test]
fn a_large_calendar_keeps_every_booking_in_slot_order() {
    let desk = Desk::made_by(&["init"]);
    desk.ok(&["generate", "--bookings", "6000", "--years", "1"]);
    let json = desk.ok(&["export", "--format", "json"]);
    let order: Vec<String> = json
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].to_string())
        .collect();
    assert!(order.len() > 5000, "{}", order.len());
    let file = desk.db.with_file_name("all.ics");
    desk.ok(&["export", "--format", "ics", "-o", file.to_str().unwrap()]);
    let written = std::fs::read_to_string(&file).unwrap();
    let printed = desk.ok(&["export", "--format", "ics"]);
    assert_eq!(written, printed);
    let uids: Vec<String> = written
        .lines()
        .filter_map(|l| l.strip_prefix("UID:booking-"))
        .map(|l| l.split('@').next().unwrap().to_owned())
        .collect();
    assert_eq!(uids.len(), order.len(), "every booking, once");
    let first_out_of_place = uids.iter().zip(&order).position(|(u, o)| u != o);
    assert_eq!(first_out_of_place, None, "in slot order");
    assert_eq!(written.matches("BEGIN:VEVENT").count(), order.len());
    assert!(written.ends_with("END:VCALENDAR\r\n"));
}

/// `-o` writes a file: through a link to the file it names (the link
/// stays), and never over a device, a pipe or a folder, which are refused
/// as they are — an export run as root once turned /dev/full into a file.
#[cfg(unix)]
#[test]
fn an_output_path_that_is_a_link_is_written_through_and_one_that_is_not_a_file_is_refused() {
    use std::os::unix::fs::FileTypeExt;
    let desk = Desk::new();
    a_few_bookings(&desk);
    let dir = desk.db.parent().unwrap().to_owned();
    let real = dir.join("synced").join("mine.ics");
    std::fs::create_dir(real.parent().unwrap()).unwrap();
    std::fs::write(&real, "old").unwrap();
    let link = dir.join("link.ics");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    for (args, what) in [
        (vec!["export", "-o"], "calendar"),
        (vec!["print", "day", "2026-11-23", "-o"], "day sheet"),
    ] {
        let mut args = args;
        args.push(link.to_str().unwrap());
        desk.ok(&args);
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink(),
            "the {what}'s link stays a link"
        );
        let text = std::fs::read_to_string(&real).unwrap();
        assert_ne!(text, "old", "the {what} is written to the linked file");
        std::fs::write(&real, "old").unwrap();
    }

    let fifo = dir.join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let folder = dir.join("folder");
    std::fs::create_dir(&folder).unwrap();
    for path in [&fifo, &folder] {
        let p = path.to_str().unwrap();
        // A failed write is exit 1 for an export, 5 (invalid) for a page.
        for (code, args) in [
            (1, vec!["export", "-o", p]),
            (5, vec!["print", "day", "-o", p]),
        ] {
            let err = desk.fails(code, &args);
            assert!(err.contains("not a file"), "{args:?}: {err}");
        }
    }
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(std::fs::metadata(&folder).unwrap().is_dir());
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
