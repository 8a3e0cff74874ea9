//! `walk-in` and `today` on the command line: a first name books and
//! checks in, and the run sheet counts it.
#![allow(clippy::unwrap_used)]

use crate::commands::Desk;

#[test]
fn a_walk_in_on_the_command_line_is_checked_in_and_on_the_run_sheet() {
    let desk = Desk::new();
    let before = desk.json(&["today"]);
    assert_eq!(before["counts"]["walk_ins"], 0);
    let refused = desk.fails(5, &["walk-in", "--service", "physio", "--first-name", " "]);
    assert!(refused.contains("first name is required"), "{refused}");
    let b = desk.json(&[
        "walk-in",
        "--service",
        "physio",
        "--first-name",
        "Sam",
        "--phone",
        "020 7946 0018",
    ]);
    assert_eq!(b["status"], "checked_in");
    assert_eq!(b["walk_in"], true);
    assert_eq!(b["customer"]["name"], "Sam");
    let sheet = desk.json(&["today"]);
    assert_eq!(sheet["counts"]["walk_ins"], 1);
    let rows = sheet["rows"].as_array().unwrap();
    let row = rows
        .iter()
        .find(|r| r["booking"]["walk_in"] == true)
        .unwrap();
    assert!(
        ["arrived", "in_session"].contains(&row["arrival"].as_str().unwrap()),
        "{row}"
    );
    let tomorrow = desk.fails(
        5,
        &[
            "walk-in",
            "--service",
            "physio",
            "--slot",
            "1@2026-11-23",
            "--first-name",
            "Kit",
        ],
    );
    assert!(tomorrow.contains("a walk-in is for today"), "{tomorrow}");
    let plain = desk.ok(&["today"]);
    assert!(plain.contains("Sam (walk-in)"), "{plain}");
    assert!(plain.contains("020 7946 0018"), "{plain}");
    assert!(plain.contains("1 walk-in\n"), "{plain}");
}

#[test]
fn dates_are_typed_as_people_write_them_on_every_command() {
    let desk = Desk::new();
    // The clock is Saturday 21 November 2026; the studio is in London.
    for (typed, want) in [
        ("2026-11-23", "2026-11-23"),
        ("23/11", "2026-11-23"),
        ("23/11/2026", "2026-11-23"),
        ("23.11", "2026-11-23"),
        ("mon", "2026-11-23"),
        ("+2", "2026-11-23"),
        ("tomorrow", "2026-11-22"),
        ("sat", "2026-11-21"),
        ("-1", "2026-11-20"),
    ] {
        let sheet = desk.json(&["today", "--date", typed]);
        assert_eq!(sheet["date"], want, "{typed}");
    }
    let page = desk.json(&["bookings", "--from", "mon", "--to", "+9"]);
    assert!(page["bookings"].is_array());
    for nonsense in ["23/13", "soon", "\u{1b}[31m", "+99999999"] {
        let err = desk.fails(5, &["today", "--date", nonsense]);
        assert!(err.contains("is not understood"), "{nonsense:?}: {err}");
        assert!(!err.contains('\u{1b}'), "{err:?}");
    }
}

#[test]
fn the_run_sheet_prints_as_an_escaped_html_page() {
    let desk = Desk::new();
    desk.ok(&[
        "walk-in",
        "--service",
        "physio",
        "--first-name",
        "<script>alert(1)</script>",
        "--last-name",
        "O'Brien & Co",
    ]);
    let file = desk.db.with_file_name("sheet.html");
    let out = desk.run(&["today", "--html", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "the page goes to the file");
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("@media print"));
    assert!(!html.contains("<script>"), "names are escaped");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(html.contains("O'Brien &amp; Co (walk-in)"), "{html}");
    assert!(html.contains("1 walk-in<"), "{html}");
    let refused = desk.run(&["today", "--html", "/no/such/dir/sheet.html"]);
    assert_eq!(refused.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("cannot write"));
}

#[test]
fn a_closure_today_is_on_the_run_sheet_and_its_printout() {
    let desk = Desk::new();
    desk.ok(&[
        "closure",
        "add",
        "--resource",
        "ana",
        "--from",
        "today",
        "--start",
        "11:00",
        "--end",
        "23:59",
        "--reason",
        "Off <sick>",
    ]);
    let plain = desk.ok(&["today"]);
    assert!(
        plain.contains("closed: Ana Silva 11:00–23:59 “Off <sick>”"),
        "{plain}"
    );
    let tomorrow = desk.ok(&["today", "--date", "tomorrow"]);
    assert!(!tomorrow.contains("closed:"), "{tomorrow}");
    let sheet = desk.json(&["today"]);
    assert_eq!(sheet["closures"][0]["reason"], "Off <sick>");
    let file = desk.db.with_file_name("closed.html");
    desk.ok(&["today", "--html", file.to_str().unwrap()]);
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(
        html.contains("Closed: Ana Silva 11:00–23:59 “Off &lt;sick&gt;”"),
        "{html}"
    );
}
