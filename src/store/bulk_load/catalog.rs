//! The generated catalog file: six services, resources in a cycle of ten
//! roles with their weekly time slots, and closures. Pure: builds TOML text.

use super::ScaleParams;
use chrono::{Datelike, NaiveDate, Weekday};
use std::fmt::Write as _;

struct ServiceSpec {
    key: &'static str,
    name: &'static str,
    minutes: u32,
    capacity: u32,
    price: &'static str,
    extras: &'static str,
}

const SERVICES: [ServiceSpec; 6] = [
    ServiceSpec {
        key: "physio",
        name: "Physiotherapy",
        minutes: 45,
        capacity: 1,
        price: "55.00",
        extras: "questions = [{ name = \"Any injuries we should know about?\" }]\n\
                 add_ons = [{ name = \"Kinesiology taping\", price = \"8.50\" }]",
    },
    ServiceSpec {
        key: "massage",
        name: "Sports massage",
        minutes: 60,
        capacity: 1,
        price: "65.00",
        extras: "add_ons = [{ name = \"Hot stones\", price = \"10.00\" }]",
    },
    ServiceSpec {
        key: "nutrition",
        name: "Nutrition consultation",
        minutes: 30,
        capacity: 1,
        price: "40.00",
        extras: "",
    },
    ServiceSpec {
        key: "yoga",
        name: "Yoga class",
        minutes: 60,
        capacity: 12,
        price: "15.00",
        extras: "",
    },
    ServiceSpec {
        key: "pilates",
        name: "Reformer pilates",
        minutes: 50,
        capacity: 8,
        price: "24.00",
        extras: "",
    },
    ServiceSpec {
        key: "spin",
        name: "Spin class",
        minutes: 45,
        capacity: 10,
        price: "12.00",
        extras: "",
    },
];

const STAFF_NAMES: [&str; 14] = [
    "Amara Okafor",
    "Ben Carter",
    "Chloe Nguyen",
    "Dev Patel",
    "Elena Rossi",
    "Finn Walsh",
    "Grace Mensah",
    "Hugo Laurent",
    "Isla Murray",
    "Jonas Berg",
    "Kemi Adeyemi",
    "Liam Byrne",
    "Maya Cohen",
    "Noah Fischer",
];

const ROOM_NAMES: [&str; 3] = ["Studio", "Reformer Room", "Spin Studio"];

const WEEKDAYS: &str = "[\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]";
const APPOINTMENT_STARTS: [&str; 9] = [
    "09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00",
];
const CLASS_STARTS: [&str; 8] = [
    "07:00", "08:00", "09:30", "12:15", "13:15", "17:30", "18:30", "19:30",
];

/// The resource's name, kind, and its (service key, starts) per day; Saturday
/// takes the first eight starts. Starts are an hour apart or more and no
/// service lasts over an hour, so a resource's time slots never overlap.
fn role(i: u32) -> (String, &'static str, Vec<(&'static str, Vec<&'static str>)>) {
    let staff = |n: usize| {
        let name = STAFF_NAMES[n % STAFF_NAMES.len()];
        match n / STAFF_NAMES.len() {
            0 => name.to_owned(),
            round => format!("{name} {}", round + 1),
        }
    };
    let round = (i / 10) as usize;
    let room = |k: usize| format!("{} {}", ROOM_NAMES[k], round + 1);
    let all = || APPOINTMENT_STARTS.to_vec();
    match i % 10 {
        r @ 0..=2 => (
            staff(round * 7 + r as usize),
            "staff",
            vec![("physio", all())],
        ),
        r @ 3..=4 => (
            staff(round * 7 + r as usize),
            "staff",
            vec![("massage", all())],
        ),
        5 => (staff(round * 7 + 5), "staff", vec![("nutrition", all())]),
        6 => (
            staff(round * 7 + 6),
            "staff",
            vec![
                ("physio", APPOINTMENT_STARTS[..4].to_vec()),
                ("massage", APPOINTMENT_STARTS[4..].to_vec()),
            ],
        ),
        7 => (room(0), "room", vec![("yoga", CLASS_STARTS.to_vec())]),
        8 => (room(1), "room", vec![("pilates", CLASS_STARTS.to_vec())]),
        _ => (room(2), "room", vec![("spin", CLASS_STARTS.to_vec())]),
    }
}

fn quoted(items: &[&str]) -> String {
    let inner: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", inner.join(", "))
}

/// The catalog file: services, resources with their weekly time slots (Mon–Fri
/// nine or eight, Saturday eight), and closures: Christmas, Boxing Day and New
/// Year's Day for the whole location, and a week of annual leave a year for
/// each staff member.
pub(super) fn catalog_toml(params: &ScaleParams) -> String {
    let mut out = String::from(
        "[location]\nname = \"Scale Test Studio\"\ntime_zone = \"Europe/London\"\n\
         phone_region = \"GB\"\ncurrency = \"GBP\"\n",
    );
    for s in &SERVICES {
        let _ = write!(
            out,
            "\n[[services]]\nkey = \"{}\"\nname = \"{}\"\nduration_minutes = {}\ncapacity = {}\n\
             price = \"{}\"\n{}\n",
            s.key, s.name, s.minutes, s.capacity, s.price, s.extras
        );
    }
    let mut rng = fastrand::Rng::with_seed(params.seed ^ 0x00C1_05ED);
    let years = params.first_on().year()..=params.last_on().year();
    for i in 0..params.resources {
        let key = format!("res-{:02}", i + 1);
        let (name, kind, offers) = role(i);
        let _ = write!(
            out,
            "\n[[resources]]\nkey = \"{key}\"\nname = \"{name}\"\nkind = \"{kind}\"\n"
        );
        let mut saturday_left = 8;
        for (service, starts) in offers {
            let _ = write!(
                out,
                "\n[[time_slots]]\nservice = \"{service}\"\nresource = \"{key}\"\ndays = {WEEKDAYS}\nstarts = {}\n",
                quoted(&starts)
            );
            let sat: Vec<&str> = starts.iter().copied().take(saturday_left).collect();
            saturday_left -= sat.len();
            if !sat.is_empty() {
                let _ = write!(
                    out,
                    "\n[[time_slots]]\nservice = \"{service}\"\nresource = \"{key}\"\ndays = [\"sat\"]\nstarts = {}\n",
                    quoted(&sat)
                );
            }
        }
        if kind == "staff" {
            for year in years.clone() {
                let Some(monday) = NaiveDate::from_isoywd_opt(year, rng.u32(10..=46), Weekday::Mon)
                else {
                    continue;
                };
                let _ = write!(
                    out,
                    "\n[[closures]]\nresource = \"{key}\"\nfrom = \"{monday}\"\nuntil = \"{}\"\nreason = \"Annual leave\"\n",
                    monday + chrono::Duration::days(5)
                );
            }
        }
    }
    for year in years {
        let _ = write!(
            out,
            "\n[[closures]]\nfrom = \"{year}-12-25\"\nuntil = \"{year}-12-26\"\nreason = \"Christmas\"\n\
             \n[[closures]]\nfrom = \"{year}-01-01\"\nreason = \"New Year's Day\"\n"
        );
    }
    out
}
