//! `slotdesk import customers|bookings`: files from other systems through a
//! column map, a report line per row with its line number, the whole file
//! or nothing, dry runs that change nothing, and re-imports that change
//! nothing.
#![allow(clippy::unwrap_used)]

use crate::commands::Desk;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

/// The lines of `out` that report `line N`.
fn line(out: &str, n: u64) -> Vec<&str> {
    let tag = format!("line {n} ");
    out.lines().filter(|l| l.starts_with(&tag)).collect()
}

fn customers_json(desk: &Desk) -> Vec<serde_json::Value> {
    let all: serde_json::Value = serde_json::from_str(&desk.ok(&["customers", "--json"])).unwrap();
    all.as_array()
        .unwrap()
        .iter()
        .map(|m| m["customer"].clone())
        .collect()
}

/// The events waiting for the hooks, read from the file (`outbox --json`
/// lists deliveries, and there are none without hooks).
fn waiting_in_outbox(desk: &Desk) -> i64 {
    rusqlite::Connection::open(&desk.db)
        .unwrap()
        .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
        .unwrap()
}

fn run_out(desk: &Desk, args: &[&str]) -> (Option<i32>, String, String) {
    let out = desk.run(args);
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn customers_from_another_system_go_through_the_map_and_the_identity_rule() {
    let desk = Desk::new();
    let file = fixture("clients-from-another-system.csv");
    let mapping = fixture("clients-mapping.toml");
    let events = desk.event_count();
    let queued = waiting_in_outbox(&desk);
    let args = ["import", "customers", &file, "--mapping", &mapping];

    // One bad phone keeps the whole file out, and says which line.
    let (code, out, err) = run_out(&desk, &args);
    assert_ne!(code, Some(0), "{out}");
    assert!(
        line(&out, 5)[0].contains("refused") && line(&out, 5)[0].contains("phone"),
        "{out}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(desk.event_count(), events, "a refused file changes nothing");
    assert!(customers_json(&desk).is_empty());

    // A dry run with --skip-refused reports the same and changes nothing.
    let mut dry = args.to_vec();
    dry.extend(["--dry-run", "--skip-refused"]);
    let out = desk.ok(&dry);
    assert!(out.contains("a dry run: nothing was changed"), "{out}");
    assert_eq!(desk.event_count(), events);

    let mut keep = args.to_vec();
    keep.push("--skip-refused");
    let out = desk.ok(&keep);
    assert!(
        out.contains("6 rows: 4 imported, 1 skipped, 1 refused"),
        "{out}"
    );
    // ZOE BRONTE with the same email in capitals is Zoë Brontë.
    assert!(line(&out, 6)[0].contains("skipped"), "{out}");
    let people = customers_json(&desk);
    assert_eq!(people.len(), 4, "{people:?}");
    let zoe = people.iter().find(|c| c["first_name"] == "Zoë").unwrap();
    assert_eq!(zoe["phone"], "+442079460018");
    assert_eq!(zoe["email"], "zoe@example.com");
    let sean = people.iter().find(|c| c["last_name"] == "Seán").unwrap();
    assert_eq!(sean["first_name"], "O'Brien, Jr");
    assert!(
        people
            .iter()
            .any(|c| c["first_name"] == "Cher" && c["last_name"] == "")
    );

    // The desk's search finds them (its index is written once, after the
    // rows), and imported people are no news for the hooks.
    let found = desk.ok(&["customers", "bront"]);
    assert!(found.contains("Brontë"), "{found}");
    let found = desk.ok(&["customers", "brien"]);
    assert!(found.contains("Seán"), "{found}");
    assert_eq!(waiting_in_outbox(&desk), queued);

    // Again: nothing changes.
    let events = desk.event_count();
    let out = desk.ok(&keep);
    assert!(out.contains("0 imported, 5 skipped, 1 refused"), "{out}");
    assert_eq!(desk.event_count(), events);
    assert_eq!(customers_json(&desk).len(), 4);
}

#[test]
fn a_map_naming_a_missing_column_or_an_unknown_field_is_refused_with_the_columns() {
    let desk = Desk::new();
    let file = fixture("clients-from-another-system.csv");
    let err = desk.fails(
        5,
        &["import", "customers", &file, "--map", "email=Email Address"],
    );
    assert!(
        err.contains("no such column") && err.contains("“E-mail”"),
        "{err}"
    );
    let err = desk.fails(5, &["import", "customers", &file, "--map", "shoe=E-mail"]);
    assert!(err.contains("not a field"), "{err}");
    let err = desk.fails(5, &["import", "customers", &file, "--map", "nonsense"]);
    assert!(err.contains("FIELD=COLUMN"), "{err}");
    let err = desk.fails(5, &["import", "customers", "/no/such/file.csv"]);
    assert!(err.contains("/no/such/file.csv"), "{err}");
}

#[test]
fn appointments_are_placed_by_the_rules_and_refused_rows_name_their_line() {
    let desk = Desk::new();
    let file = fixture("appointments.csv");
    let args = [
        "import",
        "bookings",
        &file,
        "--resource",
        "ana",
        "--skip-refused",
    ];
    let out = desk.ok(&args);
    assert!(
        out.contains("10 rows: 6 imported, 0 skipped, 4 refused — kept"),
        "{out}"
    );
    // The notes run over two lines: the next row is line 4.
    assert!(line(&out, 2)[0].contains("imported"), "{out}");
    assert!(line(&out, 5)[0].contains("blocked by booking"), "{out}");
    assert!(line(&out, 7)[0].contains("time slot is full"), "{out}");
    assert!(line(&out, 9)[0].contains("is not a date"), "{out}");
    // A party too big for a one-off time slot is refused, and the slot it
    // made goes with it: the next row at that time makes it again.
    assert!(line(&out, 11)[0].contains("participants"), "{out}");
    assert!(line(&out, 12)[0].contains("imported"), "{out}");

    let list = desk.json(&["bookings", "--from", "2026-11-20", "--to", "2026-11-30"]);
    let rows = list["bookings"].as_array().unwrap();
    assert_eq!(rows.len(), 6);
    let zoe = rows
        .iter()
        .find(|b| b["customer"]["first_name"] == "Zoë")
        .unwrap();
    // The catalog's 09:00 physio slot is the one taken.
    assert_eq!(zoe["time_slot_id"], 1);
    assert_eq!(zoe["message"], "Knee, left / second line");
    assert_eq!(zoe["customer"]["phone"], "+442079460018");
    let jose = rows
        .iter()
        .find(|b| b["customer"]["first_name"] == "José")
        .unwrap();
    assert_eq!(jose["from"], "2026-11-23T11:15:00Z");
    assert_eq!(jose["to"], "2026-11-23T12:05:00Z");
    assert_eq!(jose["service_name"], "Massage");
    let old = rows
        .iter()
        .find(|b| b["customer"]["first_name"] == "Old")
        .unwrap();
    assert_eq!(old["status"], "completed");
    let gone = rows
        .iter()
        .find(|b| b["customer"]["first_name"] == "Gone")
        .unwrap();
    assert_eq!(gone["status"], "cancelled");
    desk.ok(&["check"]);

    // José's one-off time slot outlives a catalog apply.
    desk.ok(&[
        "catalog",
        "apply",
        crate::support::studio_catalog().to_str().unwrap(),
    ]);
    let again = desk.ok(&args);
    assert!(
        again.contains("0 imported, 6 skipped, 4 refused"),
        "{again}"
    );
    desk.ok(&["check"]);
    let slots = desk.json(&[
        "slots",
        "--service",
        "massage",
        "--from",
        "2026-11-23",
        "--days",
        "1",
        "--all",
    ]);
    assert!(
        slots
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["from"] == "2026-11-23T11:15:00Z"),
        "{slots}"
    );
}

#[test]
fn a_dry_run_of_bookings_changes_nothing_and_events_go_to_no_hook() {
    let desk = Desk::new();
    let file = fixture("appointments.csv");
    let events = desk.event_count();
    let queued = waiting_in_outbox(&desk);
    let out = desk.ok(&[
        "import",
        "bookings",
        &file,
        "--resource",
        "ana",
        "--skip-refused",
        "--dry-run",
    ]);
    assert!(out.contains("would import"), "{out}");
    assert!(
        out.contains(" would import, 0 skipped,") && !out.contains(" imported, "),
        "a dry run's counts say what it would do: {out}"
    );
    assert_eq!(desk.event_count(), events);
    let list = desk.json(&["bookings"]);
    assert_eq!(list["pagination"]["total_count"], 0);
    desk.ok(&[
        "import",
        "bookings",
        &file,
        "--resource",
        "ana",
        "--skip-refused",
    ]);
    assert_eq!(waiting_in_outbox(&desk), queued, "the catalog's event only");
    // The journal says where they came from.
    let events = desk.ok(&["events", "--json"]);
    assert!(
        events
            .lines()
            .filter(|l| l.contains("\"origin\":\"import\""))
            .count()
            >= 5,
        "{events}"
    );
}

#[test]
fn a_calendar_imports_as_bookings_or_closures_once() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    let ics: PathBuf = dir.path().join("ana.ics");
    std::fs::write(
        &ics,
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//calcurse//NONSGML v4.7.1//EN\n\
BEGIN:VEVENT\nDTSTART:20261123T111500\nDURATION:P0DT0H50M0S\nSUMMARY:Zoë Brontë\nEND:VEVENT\n\
BEGIN:VEVENT\nDTSTART:20261124T140000\nDURATION:P0DT1H0M0S\nRRULE:FREQ=WEEKLY;COUNT=3\nSUMMARY:José Núñez\nEND:VEVENT\n\
BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261127\nSUMMARY:Training day\nEND:VEVENT\nEND:VCALENDAR\n",
    )
    .unwrap();
    let ics = ics.to_str().unwrap();
    let args = [
        "import",
        "bookings",
        ics,
        "--resource",
        "ana",
        "--service",
        "massage",
    ];
    let (code, out, _) = run_out(&desk, &args);
    assert_ne!(code, Some(0));
    assert!(
        out.contains(
            "5 rows: 4 would import, 0 skipped, 1 refused — nothing was imported \
             (the bookings and customers numbered above were not kept)"
        ),
        "{out}"
    );
    assert!(line(&out, 15)[0].contains("--as-closures"), "{out}");
    let mut keep = args.to_vec();
    keep.push("--skip-refused");
    let out = desk.ok(&keep);
    assert!(out.contains("4 imported"), "{out}");
    let out = desk.ok(&keep);
    assert!(out.contains("0 imported, 4 skipped, 1 refused"), "{out}");
    let closures = desk.ok(&[
        "import",
        "bookings",
        ics,
        "--resource",
        "ana",
        "--as-closures",
    ]);
    assert!(
        closures.contains("1 imported, 4 skipped, 0 refused"),
        "{closures}"
    );
    let list = desk.ok(&["closures", "--json"]);
    assert!(list.contains("Training day"), "{list}");
    desk.ok(&["check"]);
}

fn ics_fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ics")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

/// Imports `path` as Ana's massages, keeping what fits.
fn import_onto_ana(desk: &Desk, path: &str) -> String {
    desk.ok(&[
        "import",
        "bookings",
        path,
        "--resource",
        "ana",
        "--service",
        "massage",
        "--skip-refused",
    ])
}

/// The bookings' starts (UTC) and customers' names, in start order.
fn starts(desk: &Desk) -> Vec<(String, String)> {
    let list = desk.json(&["bookings", "--page-size", "500"]);
    list["bookings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["from"].as_str().unwrap().to_owned(),
                b["customer"]["name"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[test]
fn each_calendar_fixture_imports_with_its_expected_counts() {
    for (file, rows, imported) in [
        // 11 sessions, a weekly group from 2 Dec to 6 Jan (6), a CPD day.
        ("calcurse-export.ics", 18, 17),
        // khal: 9 single events, the weekly group (6), the CPD day.
        ("khal-export.ics", 16, 15),
        // edge-cases.md: 17 timed occurrences (one cancelled) and Christmas Eve.
        ("edge-cases.ics", 18, 17),
    ] {
        let desk = Desk::new();
        let path = ics_fixture(file);
        let args = [
            "import",
            "bookings",
            &path,
            "--resource",
            "ana",
            "--service",
            "massage",
            "--skip-refused",
        ];
        let out = desk.ok(&args);
        let counts = format!(
            "{rows} rows: {imported} imported, 0 skipped, {} refused — kept",
            rows - imported
        );
        assert!(out.contains(&counts), "{file}: {out}");
        assert!(out.contains("all-day event"), "{file}: {out}");
        desk.ok(&["check"]);
        let again = desk.ok(&args);
        assert!(
            again.contains(&format!("0 imported, {imported} skipped")),
            "{file}: {again}"
        );
        let closures = desk.ok(&[
            "import",
            "bookings",
            &path,
            "--resource",
            "ana",
            "--as-closures",
        ]);
        assert!(
            closures.contains(&format!("1 imported, {imported} skipped, 0 refused")),
            "{file}: {closures}"
        );
    }
}

#[test]
fn calendar_times_land_where_the_file_says_across_zones_and_the_clock_change() {
    let desk = Desk::new();
    let path = ics_fixture("edge-cases.ics");
    import_onto_ana(&desk, &path);
    let got: Vec<String> = starts(&desk).into_iter().map(|(from, _)| from).collect();
    for want in [
        "2026-12-07T10:00:00Z", // E1, Z
        "2026-12-08T14:00:00Z", // E2, TZID London
        "2026-12-10T14:00:00Z", // E3, 09:00 New York
        "2026-12-01T16:00:00Z", // E6 weekly …
        "2026-12-29T16:00:00Z", // … UNTIL is inclusive
        "2027-01-25T09:00:00Z", // E5, the 4th of COUNT=4
        "2027-03-22T09:00:00Z", // E8 in GMT
        "2027-03-29T08:00:00Z", // E8 in BST: still 09:00 in London
        "2027-04-20T13:00:00Z", // E9
    ] {
        assert!(got.iter().any(|g| g == want), "{want} not in {got:?}");
    }
    // EXDATE: not 22 December.
    assert!(!got.iter().any(|g| g == "2026-12-22T16:00:00Z"), "{got:?}");
    let cancelled = desk.json(&["bookings", "--status", "cancelled"]);
    assert_eq!(cancelled["pagination"]["total_count"], 1);
    assert_eq!(cancelled["bookings"][0]["from"], "2026-12-09T11:00:00Z");
}

#[test]
fn a_calcurse_calendar_names_its_clients() {
    let desk = Desk::new();
    let path = ics_fixture("calcurse-export.ics");
    import_onto_ana(&desk, &path);
    let all = starts(&desk);
    let zoe: Vec<_> = all.iter().filter(|(_, n)| n == "Zoë Brontë").collect();
    assert_eq!(zoe.len(), 2, "{all:?}");
    // One customer for both of Zoë's sessions.
    let people = customers_json(&desk);
    assert_eq!(
        people.iter().filter(|c| c["first_name"] == "Zoë").count(),
        1,
        "{people:?}"
    );
    assert!(all.iter().any(|(_, n)| n == "Dr Ümit Kaya"));
    // A summary that names no one is kept as the booking's message.
    let list = desk.json(&["bookings", "--from", "2026-12-17", "--to", "2026-12-17"]);
    assert!(
        list["bookings"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Initial consultation (telephone)"),
        "{list}"
    );
}

/// A slot of `service` on `date` with room, by the `slots` command.
fn slot_of(desk: &Desk, service: &str, date: &str, nth: usize) -> String {
    let slots = desk.json(&["slots", "--service", service, "--from", date, "--days", "1"]);
    let s = &slots.as_array().unwrap()[nth];
    format!("{}@{}", s["time_slot_id"], s["date"].as_str().unwrap())
}

/// Text with folds undone and what differs by database alone (UIDs and
/// booking ids) blanked.
fn without_ids(ics: &str) -> String {
    let unfolded = ics.replace("\r\n ", "");
    unfolded
        .lines()
        .map(|l| {
            if l.starts_with("UID:") {
                "UID:…".to_owned()
            } else {
                let mut l = l.to_owned();
                while let Some(i) = l.find("booking #") {
                    let end = l[i + 9..]
                        .find(|c: char| !c.is_ascii_digit())
                        .map_or(l.len(), |e| i + 9 + e);
                    l.replace_range(i..end, "booking …");
                }
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) fn a_day_of_bookings(desk: &Desk) {
    let massage = slot_of(desk, "massage", "2026-11-24", 0);
    desk.ok(&[
        "book",
        &massage,
        "--first-name",
        "Bo",
        "--last-name",
        "Chen",
        "--phone",
        "020 7946 0018",
        "--message",
        "Left knee; since May, \\ worse",
    ]);
    let pilates = slot_of(desk, "pilates", "2026-11-23", 0);
    desk.ok(&[
        "book",
        &pilates,
        "--first-name",
        "Zoë",
        "--last-name",
        "Brontë",
        "--email",
        "zoe@example.com",
        "--participants",
        "2",
    ]);
    let later = slot_of(desk, "massage", "2026-11-25", 0);
    desk.ok(&[
        "book",
        &later,
        "--first-name",
        "Cy",
        "--last-name",
        "Dee",
        "--email",
        "cy@example.com",
    ]);
}

#[test]
fn an_export_imported_into_an_empty_database_exports_the_same_apart_from_ids() {
    for format in ["ics", "csv"] {
        let first = Desk::new();
        a_day_of_bookings(&first);
        if format == "csv" {
            // A CSV carries payments and cancel reasons too.
            let list = first.json(&["bookings"]);
            let ids: Vec<String> = list["bookings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b["id"].to_string())
                .collect();
            first.ok(&[
                "pay",
                &ids[0],
                "--amount",
                "60.00",
                "--method",
                "card",
                "--reference",
                "T-991",
            ]);
            first.ok(&["cancel", &ids[1], "--reason", "ill; will call back"]);
        }
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(format!("all.{format}"));
        let file = file.to_str().unwrap();
        first.ok(&["export", "--format", format, "-o", file]);
        let exported = std::fs::read_to_string(file).unwrap();
        assert!(
            exported.contains("Zoë") && exported.contains("Left knee"),
            "{exported}"
        );

        let second = Desk::new();
        let out = second.ok(&["import", "bookings", file]);
        assert!(
            out.contains("3 rows: 3 imported, 0 skipped, 0 refused"),
            "{format}: {out}"
        );
        let again = second.ok(&["export", "--format", format]);
        if format == "ics" {
            assert_eq!(exported.matches("BEGIN:VEVENT").count(), 3);
            assert_eq!(without_ids(&again), without_ids(&exported));
        } else {
            // The ids are the other database's; every other cell agrees.
            let rows = |text: &str| -> Vec<BTreeMap<String, String>> {
                let mut r = csv::Reader::from_reader(text.as_bytes());
                let heads = r.headers().unwrap().clone();
                r.records()
                    .map(|rec| {
                        heads
                            .iter()
                            .zip(rec.unwrap().iter())
                            .filter(|(h, _)| !matches!(*h, "id" | "customer.id" | "time_slot_id"))
                            .map(|(h, v)| (h.to_owned(), v.to_owned()))
                            .collect()
                    })
                    .collect()
            };
            assert_eq!(rows(&exported).len(), 3);
            assert_eq!(rows(&again), rows(&exported));
        }
        // And once more changes nothing.
        let out = second.ok(&["import", "bookings", file]);
        assert!(out.contains("0 imported, 3 skipped"), "{format}: {out}");
    }
}

#[test]
fn windows_line_ends_blank_lines_and_quoted_breaks_keep_line_numbers_and_huge_fields_are_cut() {
    let desk = Desk::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("windows.csv");
    let huge = "N".repeat(1_000_000);
    std::fs::write(
        &file,
        format!(
            "First,Surname,Email,Notes\r\nZoë,Brontë,zoe@example.com,\r\n\r\nBad,Email,nope,\"two\r\nlines\"\r\n\
             Al,Cole,al@example.com,\r\n{huge},Long,long@example.com,\r\n"
        ),
    )
    .unwrap();
    let (_, out, _) = run_out(
        &desk,
        &["import", "customers", file.to_str().unwrap(), "--dry-run"],
    );
    assert!(line(&out, 2)[0].contains("Zoë"), "{out}");
    assert!(line(&out, 4)[0].contains("refused"), "{out}");
    assert!(line(&out, 6)[0].contains("Al Cole"), "{out}");
    assert!(
        line(&out, 7)[0].contains("refused"),
        "{}",
        &out[..out.len().min(2000)]
    );
    assert!(
        out.len() < 2000,
        "a huge field is not printed back whole: {} bytes",
        out.len()
    );
}
