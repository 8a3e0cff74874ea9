//! The catalog file: parsing and every refusal, with its line.

use super::*;

const SMALL: &str = r#"
        [location]
        name = "Test Studio"
        time_zone = "Europe/London"
        phone_region = "GB"
        currency = "GBP"

        [[resources]]
        key = "ana"
        name = "Ana"

        [[services]]
        key = "physio"
        name = "Physio"
        duration_minutes = 45
        price = "55.00"
        add_ons = [{ name = "Taping", price = "8.50" }]

        [[time_slots]]
        service = "physio"
        resource = "ana"
        days = ["mon", "wed"]
        starts = ["09:00", "10:00"]

        [[closures]]
        from = "2026-12-25"
        reason = "Christmas Day"
    "#;

#[test]
fn time_slots_expand_one_per_weekday_and_start() {
    let c = Catalog::from_toml(SMALL).unwrap();
    assert_eq!(c.time_slots.len(), 4);
    assert_eq!(
        c.time_slots[0].ends_local,
        NaiveTime::from_hms_opt(9, 45, 0).unwrap()
    );
    assert_eq!(c.services[0].price, 5500);
    assert_eq!(c.services[0].add_ons, vec![("Taping".to_owned(), 850)]);
    assert_eq!(c.closures[0].until, c.closures[0].from);
}

/// `key = value`, as a commented-out setting reads (not a sentence).
fn is_setting(line: &str) -> bool {
    line.split_once(" = ").is_some_and(|(key, _)| {
        !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
    })
}

#[test]
fn the_starter_catalog_is_valid_as_shipped() {
    let c = Catalog::from_toml(STARTER).unwrap();
    assert_eq!(c.location.name, "My Clinic");
    assert_eq!(c.resources.len(), 2);
    assert_eq!(c.services.len(), 2);
    assert!(!c.time_slots.is_empty());
    // Its commented-out examples are valid too, once uncommented.
    let uncommented = STARTER
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.starts_with('[') || is_setting(rest) => rest,
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let all = Catalog::from_toml(&uncommented).unwrap();
    assert_eq!(all.closures.len(), 2, "{uncommented}");
}

#[test]
fn bad_entries_are_named_in_the_error() {
    let bad_zone = SMALL.replace("Europe/London", "Mars/Olympus");
    assert!(
        Catalog::from_toml(&bad_zone)
            .unwrap_err()
            .to_string()
            .contains("Mars/Olympus")
    );
    let bad_day = SMALL.replace("\"wed\"", "\"wensday\"");
    assert!(
        Catalog::from_toml(&bad_day)
            .unwrap_err()
            .to_string()
            .contains("wensday")
    );
    let late = SMALL.replace("\"10:00\"", "\"23:30\"");
    assert!(
        Catalog::from_toml(&late)
            .unwrap_err()
            .to_string()
            .contains("past midnight")
    );
    let unknown = SMALL.replace(
        "resource = \"ana\"\n        days",
        "resource = \"bob\"\n        days",
    );
    assert!(
        Catalog::from_toml(&unknown)
            .unwrap_err()
            .to_string()
            .contains("unknown resource")
    );
}

/// The error `SMALL` with `from` replaced by `to` gets (`from` must be in it).
fn refusal(from: &str, to: &str) -> String {
    assert!(SMALL.contains(from), "{from}");
    Catalog::from_toml(&SMALL.replacen(from, to, 1))
        .unwrap_err()
        .to_string()
}

#[test]
fn a_time_slot_capacity_of_0_is_refused_with_its_line() {
    let e = refusal(
        "starts = [\"09:00\", \"10:00\"]",
        "starts = [\"09:00\"]\n        capacity = 0",
    );
    assert_eq!(
        e,
        "catalog line 24: time slot of `physio` on `ana`: capacity must be at least 1"
    );
    let e = refusal(
        "duration_minutes = 45",
        "duration_minutes = 45\n        capacity = 0",
    );
    assert_eq!(
        e,
        "catalog line 16: service `physio`: capacity must be at least 1"
    );
}

#[test]
fn empty_names_are_refused_with_their_line_and_field() {
    let e = refusal("name = \"Physio\"", "name = \"  \"");
    assert_eq!(e, "catalog line 14: service `physio`: name is required");
    let e = refusal("name = \"Ana\"", "name = \"\"");
    assert_eq!(e, "catalog line 10: resource `ana`: name is required");
    let e = refusal("name = \"Test Studio\"", "name = \"\"");
    assert_eq!(e, "catalog line 3: location: name is required");
    let e = refusal("name = \"Taping\"", "name = \"\"");
    assert_eq!(
        e,
        "catalog line 17: service `physio`: add-on name is required"
    );
    let e = refusal("reason = \"Christmas Day\"", "reason = \"\"");
    assert_eq!(e, "catalog line 27: closure 1: reason is required");
    let e = refusal("key = \"physio\"", "key = \"\"");
    assert_eq!(e, "catalog line 13: service 1: key is required");
}

#[test]
fn control_characters_and_overlong_names_are_refused() {
    let e = refusal("name = \"Physio\"", "name = \"Phys\\u001b[2Jio\"");
    assert_eq!(
        e,
        "catalog line 14: service `physio`: name contains a control character: U+001B (escape)"
    );
    let long = format!("name = \"{}\"", "x".repeat(101));
    let e = refusal("name = \"Ana\"", &long);
    assert_eq!(
        e,
        "catalog line 10: resource `ana`: name is longer than 100 characters"
    );
}

#[test]
fn duplicate_service_names_and_keys_are_refused_ignoring_case() {
    let twin = "[[services]]\n        key = \"physio2\"\n        name = \"PHYSIO\"\n        duration_minutes = 30\n        price = \"1\"\n\n        [[time_slots]]";
    let e = refusal("[[time_slots]]", twin);
    assert_eq!(
        e,
        "catalog line 21: service `physio2`: name `PHYSIO` is used twice (any case)"
    );
    let twin = twin.replace("physio2", "Physio").replace("PHYSIO", "Other");
    let e = refusal("[[time_slots]]", &twin);
    assert_eq!(
        e,
        "catalog line 20: service `Physio`: key `Physio` is used twice (any case)"
    );
    let twin =
        "[[resources]]\n        key = \"ana2\"\n        name = \"ana\"\n\n        [[services]]";
    let e = refusal("[[services]]", twin);
    assert_eq!(
        e,
        "catalog line 14: resource `ana2`: name `ana` is used twice (any case)"
    );
}

/// `SMALL` with `line` added after the service's name.
fn with_service_line(line: &str) -> String {
    SMALL.replacen(
        "name = \"Physio\"",
        &format!("name = \"Physio\"\n        {line}"),
        1,
    )
}

/// A second service (`massage`) with `line` added, before the time slots.
fn with_second_service(line: &str) -> String {
    SMALL.replacen(
        "[[time_slots]]",
        &format!(
            "[[services]]\n        key = \"massage\"\n        name = \"Massage\"\n        {line}\n        duration_minutes = 30\n        price = \"1\"\n\n        [[time_slots]]"
        ),
        1,
    )
}

#[test]
fn a_short_name_is_optional_trimmed_and_kept() {
    assert_eq!(
        Catalog::from_toml(SMALL).unwrap().services[0].short_name,
        None
    );
    let c = Catalog::from_toml(&with_service_line("short_name = \" Phys \"")).unwrap();
    assert_eq!(c.services[0].short_name.as_deref(), Some("Phys"));
    let wide = "理学療法評価理学療法評価";
    let c = Catalog::from_toml(&with_service_line(&format!("short_name = \"{wide}\""))).unwrap();
    assert_eq!(c.services[0].short_name.as_deref(), Some(wide));
}

#[test]
fn a_short_name_is_1_to_12_printable_characters_refused_with_its_line() {
    let e = |line: &str| {
        Catalog::from_toml(&with_service_line(line))
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        e("short_name = \"  \""),
        "catalog line 15: service `physio`: short_name is empty (leave it out to use the name)"
    );
    assert_eq!(
        e("short_name = \"Physiotherapy\""),
        "catalog line 15: service `physio`: short_name is longer than 12 characters"
    );
    assert_eq!(
        e("short_name = \"Ph\\u0007ys\""),
        "catalog line 15: service `physio`: short_name contains a control character: U+0007 (bell)"
    );
    assert!(e("short_name = 3").starts_with("catalog line 15: "));
}

#[test]
fn a_short_name_differs_from_every_other_services_name_and_short_name() {
    let twice = with_service_line("short_name = \"Phys\"");
    let e = Catalog::from_toml(&twice.replacen(
        "[[time_slots]]",
        "[[services]]\n        key = \"massage\"\n        name = \"Sports massage\"\n        short_name = \"PHYS\"\n        duration_minutes = 30\n        price = \"1\"\n\n        [[time_slots]]",
        1,
    ))
    .unwrap_err()
    .to_string();
    assert_eq!(
        e,
        "catalog line 23: service `massage`: short_name `PHYS` is used twice (any case)"
    );
    let e = Catalog::from_toml(&with_second_service("short_name = \"physio\""))
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "catalog line 22: service `massage`: short_name `physio` is the name of service `physio`"
    );
    // Its own name is no clash.
    let c = Catalog::from_toml(&with_second_service("short_name = \"MASSAGE\"")).unwrap();
    assert_eq!(c.services[1].short_name.as_deref(), Some("MASSAGE"));
}

#[test]
fn questions_or_add_ons_differing_only_in_case_are_refused() {
    let e = refusal(
        "add_ons = ",
        "questions = [{ name = \"Reason\" }, { name = \" reason \" }]\n        add_ons = ",
    );
    assert_eq!(
        e,
        "catalog line 17: service `physio`: question ` reason ` is asked twice (any case)"
    );
    let e = refusal(
        "{ name = \"Taping\", price = \"8.50\" }",
        "{ name = \"Taping\", price = \"8.50\" }, { name = \"TAPING\", price = \"1\" }",
    );
    assert_eq!(
        e,
        "catalog line 17: service `physio`: add-on `TAPING` is given twice (any case)"
    );
}

#[test]
fn a_time_slot_without_starts_is_refused() {
    let e = refusal("starts = [\"09:00\", \"10:00\"]", "starts = []");
    assert_eq!(
        e,
        "catalog line 23: time slot of `physio` on `ana`: starts is empty: give at least one HH:MM"
    );
    let e = refusal("\"10:00\"", "\"10h\"");
    assert_eq!(
        e,
        "catalog line 23: time slot of `physio` on `ana`: start `10h` is not HH:MM"
    );
}

#[test]
fn toml_native_dates_and_times_are_taken_like_quoted_ones() {
    let native = SMALL
        .replace(
            "from = \"2026-12-25\"",
            "from = 2026-12-25\n        until = 2026-12-26",
        )
        .replace(
            "starts = [\"09:00\", \"10:00\"]",
            "starts = [09:00:00, \"10:00\"]\n        valid_from = 2026-01-05",
        );
    let c = Catalog::from_toml(&native).unwrap();
    assert_eq!(
        c.closures[0].from,
        NaiveDate::from_ymd_opt(2026, 12, 25).unwrap()
    );
    assert_eq!(
        c.closures[0].until,
        NaiveDate::from_ymd_opt(2026, 12, 26).unwrap()
    );
    assert_eq!(
        c.time_slots[0].starts_local,
        NaiveTime::from_hms_opt(9, 0, 0).unwrap()
    );
    assert_eq!(
        c.time_slots[0].valid_from,
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
    );
    let e = refusal("from = \"2026-12-25\"", "from = 2026-12-25T10:00:00");
    assert!(e.starts_with("catalog line 26: "), "{e}");
    assert!(e.contains("a date (YYYY-MM-DD)"), "{e}");
}

#[test]
fn a_syntax_or_shape_error_names_its_line_on_one_line() {
    let e = refusal("duration_minutes = 45", "duration_minutes = \"long\"");
    assert!(
        e.starts_with("catalog line 15: `duration_minutes`: "),
        "{e}"
    );
    let e = refusal("days = [\"mon\", \"wed\"]", "days = [\"mon\", 3]");
    assert!(e.starts_with("catalog line 22: `days`: "), "{e}");
    assert!(!e.contains('\n'), "{e}");
    let e = refusal("[[closures]]", "[[closures]\n");
    assert!(e.starts_with("catalog line 25: "), "{e}");
}

mod fuzz {
    use super::super::Catalog;
    use super::SMALL;
    use proptest::prelude::*;

    /// Pieces a catalog is made of, for splicing into a valid one.
    const PIECES: &[&str] = &[
        "\n",
        "[[services]]",
        "[[time_slots]]",
        "[[closures]]",
        "[location]",
        "=",
        "\"",
        "capacity = 0",
        "starts = []",
        "from = 2026-12-25",
        "09:00:00",
        "2026-02-30",
        "9999999999999999999999",
        "-1",
        "\\u001b",
        "{",
        "[",
        "]",
        "}",
        ",",
        "key = \"physio\"",
        "price = \"79228162514264337593543950335\"",
        "duration_minutes = 4294967295",
        "time_zone = \"Mars/Olympus\"",
        "é",
        "\u{0}",
        "\u{1b}",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_text_never_panics(text in any::<String>()) {
            let _ = Catalog::from_toml(&text);
        }

        #[test]
        fn a_mangled_catalog_never_panics_and_any_refusal_names_a_line_or_the_file(
            edits in proptest::collection::vec(
                (any::<prop::sample::Index>(), 0usize..40, prop::sample::select(PIECES)),
                1..6,
            )
        ) {
            let mut text = SMALL.to_owned();
            for (at, cut, piece) in edits {
                let bounds: Vec<usize> = (0..=text.len()).filter(|i| text.is_char_boundary(*i)).collect();
                let start = bounds[at.index(bounds.len())];
                let end = bounds.iter().copied().find(|b| *b >= start + cut).unwrap_or(text.len());
                text.replace_range(start..end, piece);
            }
            if let Err(e) = Catalog::from_toml(&text) {
                let e = e.to_string();
                prop_assert!(e.starts_with("catalog line ") || e.starts_with("catalog file: "), "{}", e);
                prop_assert!(!e.contains('\n'), "{}", e);
            }
        }
    }
}

#[test]
fn a_reminder_window_defaults_to_24_hours_and_0_turns_it_off() {
    assert_eq!(
        Catalog::from_toml(SMALL).unwrap().services[0].reminder_hours,
        24
    );
    let c = Catalog::from_toml(&with_service_line("reminder_hours = 0")).unwrap();
    assert_eq!(c.services[0].reminder_hours, 0);
    let c = Catalog::from_toml(&with_service_line("reminder_hours = 720")).unwrap();
    assert_eq!(c.services[0].reminder_hours, 720);
}

#[test]
fn a_reminder_window_over_thirty_days_is_refused_with_its_line() {
    let e = Catalog::from_toml(&with_service_line("reminder_hours = 721"))
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "catalog line 15: service `physio`: reminder_hours must be 0 (no reminders) to 720 (thirty days)"
    );
    let negative = Catalog::from_toml(&with_service_line("reminder_hours = -1"))
        .unwrap_err()
        .to_string();
    assert!(negative.starts_with("catalog line 15: "), "{negative}");
}

/// [`SMALL`] with a four-week evening course in a `studio` room.
fn with_course(course: &str) -> String {
    SMALL.replacen(
        "[[services]]",
        &format!(
            r#"[[resources]]
        key = "studio"
        name = "Studio"
        kind = "room"

        {course}

        [[services]]"#
        ),
        1,
    )
}

const COURSE: &str = r#"[[services]]
        key = "pilates-course"
        name = "Pilates course"
        kind = "course"
        resource = "studio"
        duration_minutes = 60
        capacity = 8
        price = "90.00"

        [[services.sessions]]
        date = "2027-01-11"
        start = "18:00"

        [[services.sessions]]
        date = 2027-01-18
        start = 18:00:00
        capacity = 6

        [[services.sessions]]
        date = "2027-01-25"
        start = "18:30"
        end = "20:00""#;

#[test]
fn a_courses_sessions_are_one_off_time_slots_on_its_resource() {
    let c = Catalog::from_toml(&with_course(COURSE)).unwrap();
    let course = c
        .services
        .iter()
        .find(|s| s.key == "pilates-course")
        .unwrap();
    assert_eq!(course.kind, crate::domain::course::ServiceKind::Course);
    let sessions: Vec<&TimeSlotDef> = c
        .time_slots
        .iter()
        .filter(|t| t.service == "pilates-course")
        .collect();
    assert_eq!(sessions.len(), 3);
    let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let d = |day| NaiveDate::from_ymd_opt(2027, 1, day).unwrap();
    assert!(sessions.iter().all(|t| t.resource == "studio"
        && t.valid_from == t.valid_until
        && t.weekday == Weekday::Mon));
    assert_eq!(
        sessions
            .iter()
            .map(|t| (t.valid_from, t.starts_local, t.ends_local, t.capacity))
            .collect::<Vec<_>>(),
        vec![
            (d(11), hm(18, 0), hm(19, 0), 8),
            (d(18), hm(18, 0), hm(19, 0), 6),
            (d(25), hm(18, 30), hm(20, 0), 8),
        ]
    );
    let physio = c.services.iter().find(|s| s.key == "physio").unwrap();
    assert_eq!(physio.kind, crate::domain::course::ServiceKind::Standard);
}

/// The refusal of [`COURSE`] with `from` replaced by `to`.
fn course_refusal(from: &str, to: &str) -> String {
    assert!(COURSE.contains(from), "{from}");
    Catalog::from_toml(&with_course(&COURSE.replacen(from, to, 1)))
        .unwrap_err()
        .to_string()
}

#[test]
fn a_course_without_sessions_or_a_resource_is_refused_with_its_line() {
    let no_sessions = COURSE.split("\n\n").next().unwrap();
    let e = Catalog::from_toml(&with_course(no_sessions))
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "catalog line 20: course `pilates-course`: a course needs at least one session \
         ([[services.sessions]] with date and start)"
    );
    let e = course_refusal("resource = \"studio\"\n", "");
    assert!(e.contains("resource is required"), "{e}");
    let e = course_refusal("resource = \"studio\"", "resource = \"attic\"");
    assert!(e.contains("unknown resource `attic`"), "{e}");
}

#[test]
fn duplicate_overlapping_or_elsewhere_sessions_are_refused() {
    let e = course_refusal("date = 2027-01-18", "date = 2027-01-11");
    assert_eq!(
        e,
        "catalog line 32: course `pilates-course`: session on 2027-01-11 at 18:00 is given twice"
    );
    let e = course_refusal("start = 18:00:00", "start = \"18:30\"\n        date2 = 1");
    assert!(e.contains("unknown field `date2`"), "{e}");
    let e = course_refusal("date = \"2027-01-25\"", "date = \"2027-01-11\"");
    assert_eq!(
        e,
        "catalog line 37: course `pilates-course`: session on 2027-01-11 at 18:30 overlaps \
         the session at 18:00 that day"
    );
    let e = course_refusal("capacity = 6", "capacity = 6\n        resource = \"ana\"");
    assert!(
        e.contains("is on `ana`: every session of a course is on its resource `studio`"),
        "{e}"
    );
    let e = course_refusal("capacity = 6", "capacity = 0");
    assert!(e.contains("capacity must be at least 1"), "{e}");
}

#[test]
fn a_session_in_a_daylight_saving_gap_or_past_midnight_is_refused() {
    let e = course_refusal(
        "date = \"2027-01-11\"\n        start = \"18:00\"",
        "date = \"2027-03-28\"\n        start = \"01:30\"",
    );
    assert!(
        e.contains(
            "session on 2027-03-28 at 01:30 falls in the daylight-saving gap \
             (the clocks go forward in Europe/London), so it would never run"
        ),
        "{e}"
    );
    let e = course_refusal("start = \"18:00\"", "start = \"23:30\"");
    assert!(e.contains("start `23:30` would run past midnight"), "{e}");
    let e = course_refusal("end = \"20:00\"", "end = \"18:00\"");
    assert!(e.contains("end 18:00 is not after the start 18:30"), "{e}");
    let e = course_refusal("end = \"20:00\"", "end = \"8pm\"");
    assert!(e.contains("end `8pm` is not HH:MM"), "{e}");
    let e = course_refusal("start = \"18:00\"", "start = \"18:00\\u001b\"");
    assert!(e.contains("start `18:00␛` is not HH:MM"), "{e}");
}

#[test]
fn a_kind_is_standard_or_course_and_sessions_are_a_courses_alone() {
    let e = course_refusal("kind = \"course\"", "kind = \"class\"");
    assert!(
        e.contains("kind `class` is not `standard` or `course`"),
        "{e}"
    );
    let e = course_refusal("kind = \"course\"\n", "");
    assert!(e.contains("resource is for a course"), "{e}");
    let e = course_refusal("kind = \"course\"\n        resource = \"studio\"\n", "");
    assert!(e.contains("sessions are for a course"), "{e}");
    let with_slot = format!(
        "{}\n        [[time_slots]]\n        service = \"pilates-course\"\n        \
         resource = \"studio\"\n        days = [\"mon\"]\n        starts = [\"09:00\"]\n",
        with_course(COURSE)
    );
    let e = Catalog::from_toml(&with_slot).unwrap_err().to_string();
    assert!(
        e.contains("a course's sessions are listed under the service"),
        "{e}"
    );
    let standard = course_refusal("kind = \"course\"", "kind = \"standard\"");
    assert!(standard.contains("resource is for a course"), "{standard}");
}

#[test]
fn hostile_session_fields_are_refused_with_their_line_never_a_panic() {
    for (from, to, words) in [
        ("start = \"18:00\"", "start = \"\"", "start `` is not HH:MM"),
        (
            "start = \"18:00\"",
            "start = \"25:00\"",
            "start `25:00` is not HH:MM",
        ),
        ("start = \"18:00\"", "start = 18", "expected a start time"),
        (
            "date = \"2027-01-11\"",
            "date = \"11/01/2027\"",
            "expected a date",
        ),
        (
            "date = \"2027-01-11\"",
            "date = \"+275760-09-13\"",
            "expected a date",
        ),
        ("capacity = 6", "capacity = -1", "capacity"),
        ("capacity = 6", "capacity = 99999999999", "capacity"),
        (
            "kind = \"course\"",
            "kind = \"\"",
            "kind `` is not `standard` or `course`",
        ),
        (
            "kind = \"course\"",
            "kind = \"course\\u0007\"",
            "is not `standard` or `course`",
        ),
    ] {
        let e = course_refusal(from, to);
        assert!(e.starts_with("catalog line "), "{to}: {e}");
        assert!(e.contains(words), "{to}: {e}");
    }
}

#[test]
fn a_course_of_more_sessions_than_one_booking_can_take_is_refused() {
    let session =
        "\n        [[services.sessions]]\n        date = \"2027-01-11\"\n        start = \"{t}\"\n";
    let mut many = String::from(COURSE.split("\n\n").next().unwrap());
    many.push('\n');
    let mut day = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    for _ in 0..=crate::domain::series::MAX_SLOTS {
        many.push_str(
            &session
                .replace("2027-01-11", &day.to_string())
                .replace("{t}", "18:00"),
        );
        day = day.succ_opt().unwrap();
    }
    let e = Catalog::from_toml(&with_course(&many))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("a course has at most 366 sessions (this one lists 367)"),
        "{e}"
    );
}
#[test]
fn price_tiers_read_in_order_with_prices_in_minor_units() {
    let c = Catalog::from_toml(&with_service_line(
        r#"choices = [{ key = "adult", name = "Adult", price = "12.00" }, { key = "child", name = "Child", price = "8" }]"#,
    ))
    .unwrap();
    let tiers = &c.services[0].choices;
    assert_eq!(tiers.len(), 2);
    assert_eq!((tiers[0].key.as_str(), tiers[0].price), ("adult", 1200));
    assert_eq!((tiers[1].name.as_str(), tiers[1].price), ("Child", 800));
    assert!(
        Catalog::from_toml(SMALL).unwrap().services[0]
            .choices
            .is_empty()
    );
}

#[test]
fn a_tier_twice_a_bad_price_or_an_unknown_field_is_refused_with_its_line() {
    let twice = Catalog::from_toml(&with_service_line(
        r#"choices = [{ key = "child", name = "Child", price = "8" }, { key = "CHILD", name = "Kid", price = "8" }]"#,
    ))
    .unwrap_err()
    .to_string();
    assert!(twice.contains("choice `CHILD` is given twice"), "{twice}");
    for bad in [
        r#"choices = [{ key = "child", name = "Child", price = "-8" }]"#,
        r#"choices = [{ key = "child", name = "", price = "8" }]"#,
        r#"choices = [{ key = "", name = "Child", price = "8" }]"#,
        r#"choices = [{ key = "child", name = "Child", price = "8", age = 3 }]"#,
        "choices = [{ key = \"child\", name = \"Ch\\u0007ild\", price = \"8\" }]",
    ] {
        let e = Catalog::from_toml(&with_service_line(bad))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("catalog line 15"), "{bad}: {e}");
    }
}
