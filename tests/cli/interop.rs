//! Interop with real calendar programs (Debian's `calcurse` and `khal`,
//! which `.ci/run` installs; a missing one fails these tests): slotdesk's
//! export imports into calcurse with every event and none skipped and into
//! khal with every event; what calcurse exports and what khal stores import
//! into slotdesk with their expected counts.
#![allow(clippy::unwrap_used)]

use crate::commands::Desk;
use std::path::Path;
use std::process::Command;

/// `program` with `args` and `envs`; its stdout. Panics, naming it, when it
/// is missing or fails.
fn run(program: &str, args: &[&str], envs: &[(&str, &Path)]) -> String {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .env("TZ", "Europe/London")
        .stdin(std::process::Stdio::null());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap_or_else(|e| {
        panic!("{program} is needed for this test (apt-get install {program}; .ci/run installs it): {e}")
    });
    assert!(
        out.status.success(),
        "{program} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A desk with three bookings and one cancelled, exported as iCalendar.
fn exported(dir: &Path) -> (Desk, String) {
    let desk = Desk::new();
    crate::import::a_day_of_bookings(&desk);
    let file = dir.join("week.ics");
    desk.ok(&["export", "--format", "ics", "-o", file.to_str().unwrap()]);
    (desk, file.to_str().unwrap().to_owned())
}

/// calcurse's `N apps / N events / N todos / N skipped` line.
fn calcurse_counts(report: &str) -> (u32, u32, u32) {
    let line = report
        .lines()
        .find(|l| l.contains(" skipped"))
        .unwrap_or_else(|| panic!("no counts in calcurse's report: {report}"));
    let n: Vec<u32> = line
        .split(" / ")
        .map(|part| part.split_whitespace().next().unwrap().parse().unwrap())
        .collect();
    (n[0], n[1], n[3])
}

#[test]
fn the_export_imports_into_calcurse_whole_and_calcurses_export_imports_back() {
    let dir = tempfile::tempdir().unwrap();
    let (_desk, file) = exported(dir.path());
    let data = dir.path().join("calcurse");
    std::fs::create_dir_all(&data).unwrap();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let envs = [("TMPDIR", tmp.as_path()), ("HOME", dir.path())];
    let d = data.to_str().unwrap();
    let report = run("calcurse", &["-D", d, "-i", &file], &envs);
    let (apps, events, skipped) = calcurse_counts(&report);
    assert_eq!((apps + events, skipped), (3, 0), "{report}");
    let listed = run(
        "calcurse",
        &[
            "-D",
            d,
            "-Q",
            "--from",
            "11/20/2026",
            "--days",
            "30",
            "--format-apt",
            "%(start:%Y-%m-%d %H:%M) %m\\n",
        ],
        &envs,
    );
    assert!(listed.contains("Massage — Bo Chen"), "{listed}");
    assert!(listed.contains("Pilates — Zoë Brontë"), "{listed}");

    // calcurse's own export of a therapist's diary, back into slotdesk.
    let theirs = dir.path().join("calcurse-out");
    std::fs::create_dir_all(&theirs).unwrap();
    let t = theirs.to_str().unwrap();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ics/calcurse-export.ics");
    run(
        "calcurse",
        &["-D", t, "-i", fixture.to_str().unwrap()],
        &envs,
    );
    let out_file = dir.path().join("from-calcurse.ics");
    std::fs::write(
        &out_file,
        run("calcurse", &["-D", t, "--export=ical"], &envs),
    )
    .unwrap();
    let desk = Desk::new();
    let out = desk.ok(&[
        "import",
        "bookings",
        out_file.to_str().unwrap(),
        "--resource",
        "ana",
        "--service",
        "massage",
        "--skip-refused",
    ]);
    assert!(
        out.contains("18 rows: 17 imported, 0 skipped, 1 refused — kept"),
        "{out}"
    );
}

#[test]
fn the_export_imports_into_khal_and_khals_events_import_back() {
    let dir = tempfile::tempdir().unwrap();
    let (_desk, file) = exported(dir.path());
    let cal = dir.path().join("khal-cal");
    let config = dir.path().join("config");
    let data = dir.path().join("data");
    for d in [&cal, &config.join("khal"), &data] {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(
        config.join("khal/config"),
        format!(
            "[calendars]\n  [[slotdesk]]\n    path = {}\n[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n\
             longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n\
             local_timezone = Europe/London\ndefault_timezone = Europe/London\n[default]\ndefault_calendar = slotdesk\n\
             [sqlite]\npath = {}\n",
            cal.display(),
            data.join("khal.db").display()
        ),
    )
    .unwrap();
    let envs = [
        ("XDG_CONFIG_HOME", config.as_path()),
        ("XDG_DATA_HOME", data.as_path()),
        ("HOME", dir.path()),
    ];
    run(
        "khal",
        &["import", "--batch", "-a", "slotdesk", &file],
        &envs,
    );
    // Twice: the same UIDs update, they do not duplicate.
    run(
        "khal",
        &["import", "--batch", "-a", "slotdesk", &file],
        &envs,
    );
    let listed = run(
        "khal",
        &[
            "list",
            "-df",
            "",
            "--once",
            "--format",
            "{start}|{end}|{title}|{status}",
            "2026-11-01",
            "2027-01-01",
        ],
        &envs,
    );
    let lines: Vec<&str> = listed.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 3, "{listed}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("2026-11-24 ") && l.contains("Massage — Bo Chen")),
        "{listed}"
    );

    // khal keeps one file per event: those events, as one calendar, back into slotdesk.
    let mut combined =
        String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//khal vdir//EN\r\n");
    let mut names: Vec<_> = std::fs::read_dir(&cal)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let start = text.find("BEGIN:VEVENT").unwrap();
        let end = text.find("END:VEVENT").unwrap() + "END:VEVENT\r\n".len();
        combined.push_str(&text[start..end.min(text.len())]);
    }
    combined.push_str("END:VCALENDAR\r\n");
    let back = dir.path().join("from-khal.ics");
    std::fs::write(&back, combined).unwrap();
    let desk = Desk::new();
    let out = desk.ok(&["import", "bookings", back.to_str().unwrap()]);
    assert!(
        out.contains("3 rows: 3 imported, 0 skipped, 0 refused — kept"),
        "{out}"
    );
}
