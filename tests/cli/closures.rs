//! `slotdesk closure add|remove`, `closures` and `catalog export`: closing
//! from the command line prints the bookings it strands (exit 0), reopening
//! removes a desk closure, and the exported catalog marks the desk's.
#![allow(clippy::unwrap_used)]

use crate::commands::{Desk, ada_monday};

/// Ada's 09:00 physio on Monday 23 November.
fn ada_at_nine(desk: &Desk) -> String {
    desk.json(&ada_monday(&[]))["id"].to_string()
}

/// Closes Ana from `start` to `end` on Monday 23 November, off sick;
/// returns what it printed.
fn close_ana(desk: &Desk, start: &str, end: &str) -> String {
    desk.ok(&[
        "closure",
        "add",
        "--resource",
        "ana",
        "--from",
        "2026-11-23",
        "--start",
        start,
        "--end",
        end,
        "--reason",
        "Off sick",
    ])
}

/// The state word `slots --all` prints for `slot`.
fn state(desk: &Desk, slot: &str) -> String {
    let slots = desk.json(&[
        "slots",
        "--service",
        "physio",
        "--from",
        "2026-11-23",
        "--days",
        "1",
        "--all",
    ]);
    slots
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["slot"] == slot)
        .unwrap()["reason"]
        .as_str()
        .unwrap_or("available")
        .to_owned()
}

#[test]
fn closing_part_of_a_day_prints_the_bookings_it_strands_and_closes_only_those_hours() {
    let desk = Desk::new();
    let id = ada_at_nine(&desk);
    let before = desk.event_count();
    let text = close_ana(&desk, "08:30", "10:00");
    assert!(
        text.contains("Ana Silva, Mon 23 Nov 2026 08:30–10:00: Off sick (desk)"),
        "{text}"
    );
    assert!(text.contains("it strands 1 live booking"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with(&id) && l.contains("Ada Lovelace")),
        "{text}"
    );
    // closure.added and the booking's needs_attention.
    assert_eq!(desk.event_count(), before + 2);
    assert_eq!(desk.json(&["booking", &id])["status"], "confirmed");
    assert_eq!(state(&desk, "1@2026-11-23"), "closed");
    assert_eq!(state(&desk, "8@2026-11-23"), "available");

    let json = desk.json(&[
        "closure",
        "add",
        "--from",
        "2026-11-24",
        "--until",
        "2026-11-25",
        "--reason",
        "Flood",
    ]);
    assert_eq!(json["closure"]["resource_id"], serde_json::Value::Null);
    assert_eq!(json["closure"]["origin"], "desk");
    assert_eq!(json["stranded"].as_array().unwrap().len(), 0);
}

#[test]
fn closures_list_both_origins_and_only_a_desk_closure_is_reopened() {
    let desk = Desk::new();
    ada_at_nine(&desk);
    let made = desk.json(&[
        "closure",
        "add",
        "--resource",
        "Ana Silva",
        "--from",
        "2026-11-23",
        "--reason",
        "Off sick",
    ]);
    assert_eq!(made["stranded"][0]["customer"]["name"], "Ada Lovelace");
    let id = made["closure"]["id"].to_string();
    let list = desk.json(&["closures"]);
    let origins: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["origin"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(origins, ["desk", "catalog"]);
    assert_eq!(list[1]["reason"], "Christmas Day");
    let text = desk.ok(&["closures"]);
    assert!(
        text.contains(&format!(
            "closure {id}: Ana Silva, Mon 23 Nov 2026: Off sick (desk)"
        )),
        "{text}"
    );

    let catalog_id = list[1]["id"].to_string();
    let err = desk.fails(3, &["closure", "remove", &catalog_id]);
    assert!(err.contains("comes from the catalog file"), "{err}");
    let text = desk.ok(&["closure", "remove", &id]);
    assert!(text.starts_with("reopened: removed closure"), "{text}");
    assert_eq!(state(&desk, "1@2026-11-23"), "full");
    let err = desk.fails(4, &["closure", "remove", &id]);
    assert!(err.contains("closure not found"), "{err}");
    let events = desk.ok(&["events"]);
    let removed = events.lines().last().unwrap();
    assert!(removed.contains("closure.removed"), "{events}");
    assert!(
        removed.contains(&format!("closure {id} “Off sick”")),
        "{events}"
    );
}

#[test]
fn a_bad_closure_is_refused_and_changes_nothing() {
    let desk = Desk::new();
    let before = desk.event_count();
    for (args, words) in [
        (
            &["--from", "2026-11-23", "--start", "9am", "--end", "10:00"][..],
            "HH:MM",
        ),
        (
            &["--from", "2026-11-23", "--start", "10:00", "--end", "09:00"][..],
            "not after its start",
        ),
        (
            &["--from", "2026-11-23", "--until", "2026-11-22"][..],
            "before its first date",
        ),
        (
            &[
                "--from",
                "2026-11-23",
                "--until",
                "2026-11-24",
                "--start",
                "09:00",
                "--end",
                "10:00",
            ][..],
            "one date",
        ),
        (&["--from", "2026-11-20"][..], "before today"),
        (
            &["--from", "2026-11-23", "--resource", "nobody"][..],
            "resource not found",
        ),
    ] {
        let mut full = vec!["closure", "add", "--reason", "Away"];
        full.extend_from_slice(args);
        let code = if words == "resource not found" { 4 } else { 5 };
        let err = desk.fails(code, &full);
        assert!(err.contains(words), "{args:?}: {err}");
    }
    // --start needs --end: a usage error.
    let out = desk.run(&[
        "closure",
        "add",
        "--from",
        "2026-11-23",
        "--start",
        "09:00",
        "--reason",
        "x",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(desk.event_count(), before);
}

#[test]
fn the_exported_catalog_marks_desk_closures_and_a_re_apply_keeps_them() {
    let desk = Desk::new();
    close_ana(&desk, "11:00", "18:00");
    let exported = desk.ok(&["catalog", "export"]);
    assert!(
        exported.contains("[[closures]]\nfrom = \"2026-12-25\"\nreason = \"Christmas Day\""),
        "{exported}"
    );
    assert!(
        exported.contains(
            "# desk closure 2: Mon 23 Nov 2026 11:00–18:00\n# [[closures]]\n# resource = \"ana\""
        ),
        "{exported}"
    );
    assert!(
        exported.contains("starts = [\"09:00\", \"10:00\"]"),
        "{exported}"
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("exported.toml");
    std::fs::write(&file, &exported).unwrap();
    let applied = desk.ok(&["catalog", "apply", file.to_str().unwrap()]);
    assert!(applied.contains("nothing changed"), "{applied}");
    assert_eq!(desk.json(&["closures"]).as_array().unwrap().len(), 2);
    // The same again from a fresh database: the same file.
    let other = Desk::new();
    other.ok(&["catalog", "apply", file.to_str().unwrap()]);
    let again = other.ok(&["catalog", "export"]);
    let without_desk = exported
        .split("\n# Closures made at the desk")
        .next()
        .unwrap();
    assert_eq!(again.trim_end(), without_desk.trim_end());
}

#[test]
fn the_demo_catalog_exported_applies_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let run = |args: &[&str]| {
        let out = crate::support::slotdesk_at(&db, crate::support::CLI_NOW)
            .args(args)
            .env("SLOTDESK_STAFF", "Morgan Lead")
            .env("SLOTDESK_PIN", "2222")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["init", "--demo"]);
    let exported = run(&["catalog", "export"]);
    // Questions, add-ons, short names, a one-off session, a course and
    // its sessions (the last one's longer end): all written out.
    for part in [
        "questions = [",
        "add_ons = [",
        "short_name = ",
        "valid_until = ",
        "kind = \"course\"\nresource = \"studio\"\n",
        "[[services.sessions]]\ndate = \"2027-02-11\"\nstart = \"19:30\"\nend = \"21:00\"\n",
    ] {
        assert!(exported.contains(part), "{part}: {exported}");
    }
    let file = dir.path().join("exported.toml");
    std::fs::write(&file, &exported).unwrap();
    let applied = run(&["catalog", "apply", file.to_str().unwrap()]);
    assert!(applied.contains("nothing changed"), "{applied}");
}
