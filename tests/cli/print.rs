//! `print day` and `print bookings`: printable HTML pages of the day board
//! and the bookings list, checked as HTML (no browser in the tests).
#![allow(clippy::unwrap_used)]

use crate::commands::Desk;

#[test]
fn the_day_page_lists_every_slot_and_booking_of_a_demo_day() {
    let demo = Desk::demo();
    let html = demo.ok(&["print", "day", "mon"]);
    assert!(html.starts_with("<!doctype html>"), "{html}");
    assert!(html.contains("@media print"));
    assert!(html.contains("A4 landscape"));
    assert!(
        html.contains("day sheet · Monday 23 November 2026"),
        "{html}"
    );
    assert!(html.contains("printed Sat 21 Nov 2026 10:00"), "{html}");
    // Every slot of every service that day, as `slots --all` lists them.
    let mut slots = 0;
    for service in demo.json(&["services"]).as_array().unwrap() {
        let key = service["key"].as_str().unwrap();
        let listed = demo.json(&[
            "slots",
            "--service",
            key,
            "--from",
            "mon",
            "--days",
            "1",
            "--all",
        ]);
        for s in listed.as_array().unwrap() {
            let service = s["service_name"].as_str().unwrap();
            assert!(html.contains(&format!(" {service} <span")), "{service}");
            slots += 1;
        }
    }
    assert!(slots > 10, "the demo day has slots: {slots}");
    assert_eq!(html.matches("<div class=\"slot").count(), slots, "{html}");
    // Every booking that day but lapsed holds, with its id, name, phone in
    // the national format, status and payment.
    let page = demo.json(&["bookings", "--date", "mon", "--page-size", "500"]);
    let bookings = page["bookings"].as_array().unwrap();
    assert!(bookings.len() > 5);
    for b in bookings {
        let id = format!("#{}<", b["id"]);
        let lapsed =
            b["status"] == "expired" || (b["status"] == "cancelled" && b["customer"].is_null());
        assert_eq!(html.contains(&id), !lapsed, "{b}");
    }
    assert!(html.contains("020 7946 "), "phones in the national format");
    assert!(!html.contains("+44"), "{html}");
    assert!(html.contains(" · confirmed · "), "{html}");
    assert!(html.contains("taken, full") || html.contains("free"));
    // One column per resource (the demo has three).
    assert_eq!(html.matches("<th>").count(), 3, "{html}");
}

#[test]
fn a_closure_is_on_the_day_page_and_closes_its_slots() {
    let desk = Desk::new();
    desk.ok(&[
        "closure",
        "add",
        "--resource",
        "ana",
        "--from",
        "mon",
        "--start",
        "09:00",
        "--end",
        "12:00",
        "--reason",
        "Off <sick>",
    ]);
    let html = desk.ok(&["print", "day", "mon"]);
    assert!(
        html.contains("Closed: Ana Silva 09:00–12:00 “Off &lt;sick&gt;”"),
        "{html}"
    );
    assert!(html.contains("<div class=\"slot closed\">"), "{html}");
    assert!(html.contains("closed: Off &lt;sick&gt;"), "{html}");
    let christmas = desk.ok(&["print", "day", "2026-12-25"]);
    assert!(
        christmas.contains("Closed: the whole location all day “Christmas Day”"),
        "{christmas}"
    );
}

#[test]
fn daylight_saving_days_print_the_local_times() {
    let desk = Desk::new();
    // London leaves summer time on 25 October 2026 and enters it on
    // 28 March 2027: the 09:00 physio is 09:00 on both (09:00 and 08:00 UTC).
    for day in ["2026-10-24", "2026-10-25", "2026-10-26", "2027-03-28"] {
        let html = desk.ok(&["print", "day", day]);
        assert!(
            html.contains("<td class=\"time\">09:00</td>"),
            "{day}: {html}"
        );
        assert!(html.contains("09:00–09:45 Physio"), "{day}: {html}");
        assert!(html.contains("09:30–10:30 Massage"), "{day}: {html}");
        assert!(html.contains("10:00–10:45 Physio"), "{day}: {html}");
        assert!(!html.contains("08:00"), "{day}: {html}");
        assert!(html.contains("times in Europe/London"), "{day}");
    }
}

#[test]
fn an_empty_day_says_so() {
    let desk = Desk::new();
    let quiet = desk.ok(&["print", "day", "tue"]);
    assert!(quiet.contains("No bookings on this day."), "{quiet}");
    assert!(quiet.contains(" · 0 bookings, 0 seats taken · "), "{quiet}");
    assert_eq!(
        desk.ok(&["print", "day", "--date", "tue"]),
        quiet,
        "as today --date takes it"
    );
    assert!(
        quiet.contains("<div class=\"slot\">"),
        "free slots still shown"
    );
    // The studio room has classes on Mondays and Wednesdays only.
    let nothing = desk.ok(&["print", "day", "tue", "--resource", "room"]);
    assert!(
        nothing.contains("No slots and no bookings on this day."),
        "{nothing}"
    );
    assert!(!nothing.contains("<table"), "{nothing}");
}

#[test]
fn hostile_names_and_messages_print_as_text() {
    let desk = Desk::new();
    desk.ok(&[
        "book",
        "1@2026-11-23",
        "--first-name",
        "<script>alert(1)</script>",
        "--last-name",
        "\"><img src=x onerror=alert(1)>",
        "--phone",
        "020 7946 0018",
        "--answer",
        "reason for visit=Knee",
        "--message",
        "</li></ul><b>bold</b> & more",
    ]);
    let day = desk.ok(&["print", "day", "mon"]);
    assert!(day.contains(" · 1 booking, 1 seat taken · "), "{day}");
    let list = desk.ok(&["print", "bookings", "--from", "mon", "--to", "mon"]);
    assert!(list.contains("on Mon 23 Nov 2026 · 1 booking · "), "{list}");
    // A hold made today for Monday says until when, with its day.
    let pilates = desk.json(&[
        "slots",
        "--service",
        "pilates",
        "--from",
        "mon",
        "--days",
        "1",
    ]);
    desk.ok(&["hold", pilates[0]["slot"].as_str().unwrap()]);
    let held = desk.ok(&["print", "day", "mon"]);
    assert!(
        held.contains("<b>(no name yet)</b> · 1 seat · held until Sat 21 Nov 2026 10:15 · unpaid"),
        "{held}"
    );
    for html in [&day, &list] {
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<b>bold"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(
            html.contains("\"&gt;&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
        assert!(
            html.contains("&lt;/li&gt;&lt;/ul&gt;&lt;b&gt;bold"),
            "{html}"
        );
        assert!(html.contains("bold&lt;/b&gt; &amp; more"), "{html}");
        assert!(html.contains("020 7946 0018"), "{html}");
    }
}

#[cfg(unix)]
#[test]
fn a_page_written_to_a_file_is_for_its_owner_only() {
    use std::os::unix::fs::PermissionsExt as _;
    let desk = Desk::new();
    desk.ok(&[&crate::commands::ada_monday(&[])[..]].concat());
    for (args, name) in [
        (vec!["print", "day", "mon"], "day.html"),
        (vec!["print", "bookings"], "list.html"),
    ] {
        let file = desk.db.with_file_name(name);
        std::fs::write(&file, "old").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let path = file.to_str().unwrap();
        let out = desk.run(&[&args[..], &["-o", path]].concat());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "the page goes to the file");
        let html = std::fs::read_to_string(&file).unwrap();
        assert!(
            html.contains("Ada Lovelace") && html.ends_with("</html>\n"),
            "{html}"
        );
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{name}");
        let leftovers: Vec<_> = std::fs::read_dir(file.parent().unwrap())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
    let refused = desk.fails(5, &["print", "day", "-o", "/no/such/dir/day.html"]);
    assert!(
        refused.contains("cannot write /no/such/dir/day.html"),
        "{refused}"
    );
}

#[test]
fn an_unknown_resource_or_date_is_refused_as_the_bookings_list_refuses_it() {
    let desk = Desk::new();
    let listed = desk.fails(4, &["bookings", "--resource", "nobody"]);
    assert!(listed.contains("resource not found: nobody"), "{listed}");
    let day = desk.fails(4, &["print", "day", "--resource", "nobody"]);
    assert_eq!(day, listed);
    let list = desk.fails(4, &["print", "bookings", "--resource", "nobody"]);
    assert_eq!(list, listed);
    for nonsense in ["soon", "31/02", "+99999999", "\u{1b}[31m"] {
        let err = desk.fails(5, &["print", "day", nonsense]);
        assert!(err.contains("is not understood"), "{nonsense:?}: {err}");
        assert!(!err.contains('\u{1b}'), "{err:?}");
    }
    let backwards = desk.fails(5, &["bookings", "--from", "mon", "--to", "sat"]);
    let err = desk.fails(5, &["print", "bookings", "--from", "mon", "--to", "sat"]);
    assert_eq!(err, backwards);
}

#[test]
fn the_bookings_page_prints_every_match_not_one_page() {
    let desk = Desk::made_by(&["init"]);
    let run = |args: &[&str]| desk.ok(args);
    run(&[
        "generate",
        "--bookings",
        "1100",
        "--resources",
        "6",
        "--years",
        "1",
    ]);
    let html = run(&["print", "bookings"]);
    assert_eq!(html.matches("<tr><td class=\"id\">").count(), 1100);
    assert!(
        html.contains("all bookings · 1100 bookings"),
        "{}",
        &html[..2000]
    );
    assert!(html.ends_with("</table>\n</body></html>\n"));
    let page = desk.json(&["bookings", "--status", "completed"]);
    let completed = run(&["print", "bookings", "--status", "completed"]);
    assert_eq!(
        completed.matches("<tr><td class=\"id\">").count() as u64,
        page["pagination"]["total_count"].as_u64().unwrap()
    );
    assert!(
        completed.contains("status completed · "),
        "{}",
        &completed[..2000]
    );
    // Six resources print as sections, not six narrow columns.
    let day = run(&["print", "day", "-3"]);
    assert!(day.contains("<div class=\"sections\">"), "{day}");
    assert_eq!(day.matches("<section><h2>").count(), 6, "{day}");
}
