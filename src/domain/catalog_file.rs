//! The catalog TOML file (`slotdesk catalog apply FILE.toml`): its serde shape
//! and its validation into [`Catalog`], with weekly time slots expanded one per
//! weekday and start. Pure.

use super::catalog_where::{Fault, Step, locate, parse_error};
use super::customer::is_phone_region;
use super::error::BookingError;
use super::money::{currency, parse_amount};
use super::schedule::{OPEN_END, OPEN_START};
use super::text::{CATALOG_KEY, CATALOG_NAME, CLOSURE_REASON, QUESTION, TextField, printable};
use chrono::{NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::Deserialize;
use std::collections::HashSet;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    location: LocationSpec,
    #[serde(default)]
    resources: Vec<ResourceSpec>,
    #[serde(default)]
    services: Vec<ServiceSpec>,
    #[serde(default)]
    time_slots: Vec<TimeSlotSpec>,
    #[serde(default)]
    closures: Vec<ClosureSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LocationSpec {
    name: String,
    time_zone: String,
    phone_region: String,
    currency: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResourceSpec {
    key: String,
    name: String,
    #[serde(default = "default_kind")]
    kind: String,
}

fn default_kind() -> String {
    "staff".to_owned()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceSpec {
    key: String,
    name: String,
    duration_minutes: u32,
    #[serde(default = "one")]
    capacity: u32,
    #[serde(default = "fifteen")]
    hold_minutes: u32,
    #[serde(default = "a_year")]
    horizon_days: u32,
    #[serde(default)]
    min_notice_minutes: u32,
    price: String,
    currency: Option<String>,
    #[serde(default)]
    require_email_and_phone: bool,
    #[serde(default)]
    questions: Vec<QuestionDef>,
    #[serde(default)]
    add_ons: Vec<AddOnSpec>,
}

fn one() -> u32 {
    1
}

fn fifteen() -> u32 {
    15
}

fn a_year() -> u32 {
    365
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AddOnSpec {
    name: String,
    price: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimeSlotSpec {
    service: String,
    resource: String,
    #[serde(default)]
    days: Vec<String>,
    #[serde(default, deserialize_with = "toml_values::optional_date")]
    date: Option<NaiveDate>,
    #[serde(deserialize_with = "toml_values::starts")]
    starts: Vec<String>,
    capacity: Option<u32>,
    #[serde(default, deserialize_with = "toml_values::optional_date")]
    valid_from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "toml_values::optional_date")]
    valid_until: Option<NaiveDate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClosureSpec {
    resource: Option<String>,
    #[serde(deserialize_with = "toml_values::date")]
    from: NaiveDate,
    #[serde(default, deserialize_with = "toml_values::optional_date")]
    until: Option<NaiveDate>,
    reason: String,
}

/// Dates and times as TOML writes them, quoted (`"2026-12-25"`, `"09:00"`)
/// or native (`2026-12-25`, `09:00:00`).
mod toml_values {
    use chrono::NaiveDate;
    use serde::Deserialize;
    use serde::de::{Deserializer, Error};
    use toml::Value;

    fn to_date<E: Error>(value: &Value) -> Result<NaiveDate, E> {
        let bad = || E::custom("expected a date (YYYY-MM-DD), such as 2026-12-25");
        match value {
            Value::String(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| bad()),
            Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                        .ok_or_else(bad)
                }
                _ => Err(bad()),
            },
            _ => Err(bad()),
        }
    }

    /// A date, quoted or native.
    pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        to_date(&Value::deserialize(d)?)
    }

    /// An optional date, quoted or native (with `#[serde(default)]`).
    pub fn optional_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        to_date(&Value::deserialize(d)?).map(Some)
    }

    /// Start times: `"09:00"` as written, a native `09:00:00` as `09:00`
    /// (a native time with seconds other than 0 is written out and refused
    /// later as not HH:MM).
    pub fn starts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        let values = Vec::<Value>::deserialize(d)?;
        values
            .into_iter()
            .map(|v| match v {
                Value::String(s) => Ok(s),
                Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                    (None, Some(t), None) if t.second == 0 && t.nanosecond == 0 => {
                        Ok(format!("{:02}:{:02}", t.hour, t.minute))
                    }
                    _ => Ok(dt.to_string()),
                },
                _ => Err(D::Error::custom("expected a start time such as \"09:00\"")),
            })
            .collect()
    }
}

/// A validated catalog, ready to apply. Keys are the file's stable names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    pub location: LocationDef,
    /// Resources by key.
    pub resources: Vec<ResourceDef>,
    /// Services by key.
    pub services: Vec<ServiceDef>,
    /// One entry per weekday and start.
    pub time_slots: Vec<TimeSlotDef>,
    pub closures: Vec<ClosureDef>,
}

/// The location as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocationDef {
    pub name: String,
    /// IANA zone.
    pub time_zone: Tz,
    /// ISO 3166 phone region.
    pub phone_region: String,
    /// ISO 4217 currency.
    pub currency: String,
}

/// A resource as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceDef {
    /// Stable key.
    pub key: String,
    pub name: String,
    /// `staff`, `room`, …
    pub kind: String,
}

/// The furthest booking horizon a service may set, days (ten years).
pub const MAX_HORIZON_DAYS: u32 = 3660;

/// The longest minimum notice a service may set, minutes (a year).
pub const MAX_NOTICE_MINUTES: u32 = 525_600;

/// A service as the file gives it; prices in minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceDef {
    /// Stable key.
    pub key: String,
    pub name: String,
    /// Minutes, 1 to 1440.
    pub duration_minutes: u32,
    /// Seats per slot, at least 1.
    pub capacity: u32,
    /// Hold length, minutes, at least 1.
    pub hold_minutes: u32,
    /// How far ahead its slots may be booked, days, 1 to
    /// [`MAX_HORIZON_DAYS`] (default 365).
    pub horizon_days: u32,
    /// How soon before a slot starts it may still be booked, minutes, 0 to
    /// [`MAX_NOTICE_MINUTES`] (default 0: until it ends, walk-ins included).
    pub min_notice_minutes: u32,
    /// Minor units.
    pub price: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// Needs both email and phone to confirm.
    pub require_email_and_phone: bool,
    /// Intake questions.
    pub questions: Vec<QuestionDef>,
    /// `(name, price in minor units)`.
    pub add_ons: Vec<(String, i64)>,
}

/// An intake question.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionDef {
    /// Question text.
    pub name: String,
    /// Must be answered.
    #[serde(default)]
    pub required: bool,
}

/// One weekly time slot, natural key `(service, resource, weekday, start, valid_from)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeSlotDef {
    /// The service's `key`.
    pub service: String,
    /// The resource's `key`.
    pub resource: String,
    pub weekday: Weekday,
    /// Wall-clock time in the location's zone.
    pub starts_local: NaiveTime,
    /// Local end (start + service duration, same day).
    pub ends_local: NaiveTime,
    /// Seats per occurrence, at least 1.
    pub capacity: u32,
    /// First date, inclusive.
    pub valid_from: NaiveDate,
    /// Last date, inclusive.
    pub valid_until: NaiveDate,
}

/// A closure as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosureDef {
    /// Resource key, or `None` for the whole location.
    pub resource: Option<String>,
    /// First date.
    pub from: NaiveDate,
    /// Last date.
    pub until: NaiveDate,
    /// Reason shown to staff.
    pub reason: String,
}

impl Catalog {
    /// Parses and validates a catalog file's text: TOML, with dates quoted
    /// (`"2026-12-25"`) or native (`2026-12-25`) and starts quoted
    /// (`"09:00"`) or native (`09:00:00`).
    /// Errors: [`BookingError::Invalid`] naming the line, the entry and the
    /// field (`catalog line 12: service `physio`: capacity must be at least
    /// 1`): TOML syntax, unknown or mistyped fields, an empty or overlong
    /// name or one with a control character, a key or a name used twice
    /// (any case), questions or add-ons differing only in case, a capacity
    /// of 0, a time slot with no starts, unknown references.
    pub fn from_toml(text: &str) -> Result<Self, BookingError> {
        let file: File = toml::from_str(text).map_err(|e| parse_error(text, &e))?;
        file.validate().map_err(|fault| locate(text, &fault))
    }
}

impl File {
    fn validate(self) -> Result<Catalog, Fault> {
        let location = location(self.location)?;
        let resources = resources(self.resources)?;
        let services = services(&self.services, &location.currency)?;
        let time_slots = time_slots(self.time_slots, &services, &resources)?;
        let closures = closures(self.closures, &resources)?;
        Ok(Catalog {
            location,
            resources,
            services,
            time_slots,
            closures,
        })
    }
}

/// The path of entry `index` of table array `array`, then `steps`.
fn entry(array: &'static str, index: usize, steps: &[Step]) -> Vec<Step> {
    let mut path = vec![Step::Key(array), Step::Index(index)];
    path.extend_from_slice(steps);
    path
}

/// A catalog text field checked with the engine's text rule, or the fault
/// at `path` (`service `physio`: name is required`).
fn text_field(
    label: &str,
    field: TextField,
    value: &str,
    path: Vec<Step>,
) -> Result<String, Fault> {
    field
        .check_required(value)
        .map(str::to_owned)
        .map_err(|e| Fault::new(path, format!("{label}: {e}")))
}

fn location(spec: LocationSpec) -> Result<LocationDef, Fault> {
    let at = |field: &'static str| vec![Step::Key("location"), Step::Key(field)];
    let name = text_field("location", CATALOG_NAME, &spec.name, at("name"))?;
    let time_zone: Tz = spec.time_zone.parse().map_err(|_| {
        Fault::new(
            at("time_zone"),
            format!("location: unknown time zone `{}`", spec.time_zone),
        )
    })?;
    if !is_phone_region(&spec.phone_region) {
        return Err(Fault::new(
            at("phone_region"),
            format!("location: unknown phone region `{}`", spec.phone_region),
        ));
    }
    let currency = currency(&spec.currency)
        .map_err(|e| Fault::new(at("currency"), format!("location: {e}")))?
        .code()
        .to_owned();
    Ok(LocationDef {
        name,
        time_zone,
        phone_region: spec.phone_region,
        currency,
    })
}

/// Refuses a second use (ignoring case and surrounding spaces) of a
/// `what` in `items`: `(path, label, value)`, with `message(value)` as the
/// refusal (`key `physio` is used twice (any case)`).
fn check_unique<'a>(
    items: impl Iterator<Item = (Vec<Step>, String, &'a str)>,
    message: impl Fn(&str) -> String,
) -> Result<(), Fault> {
    let mut seen = HashSet::new();
    for (path, label, value) in items {
        if !seen.insert(value.trim().to_lowercase()) {
            return Err(Fault::new(path, format!("{label}: {}", message(value))));
        }
    }
    Ok(())
}

fn resources(specs: Vec<ResourceSpec>) -> Result<Vec<ResourceDef>, Fault> {
    let mut out = Vec::new();
    for (i, r) in specs.into_iter().enumerate() {
        let at = |field| entry("resources", i, &[Step::Key(field)]);
        let key = text_field(
            &format!("resource {}", i + 1),
            CATALOG_KEY,
            &r.key,
            at("key"),
        )?;
        let label = format!("resource `{key}`");
        out.push(ResourceDef {
            name: text_field(&label, CATALOG_NAME, &r.name, at("name"))?,
            kind: text_field(&label, CATALOG_NAME.named("kind"), &r.kind, at("kind"))?,
            key,
        });
    }
    let at = |i, field| entry("resources", i, &[Step::Key(field)]);
    let label = |r: &ResourceDef| format!("resource `{}`", r.key);
    check_unique(
        out.iter()
            .enumerate()
            .map(|(i, r)| (at(i, "key"), label(r), r.key.as_str())),
        |v| format!("key `{v}` is used twice (any case)"),
    )?;
    check_unique(
        out.iter()
            .enumerate()
            .map(|(i, r)| (at(i, "name"), label(r), r.name.as_str())),
        |v| format!("name `{v}` is used twice (any case)"),
    )?;
    Ok(out)
}

fn services(specs: &[ServiceSpec], default_currency: &str) -> Result<Vec<ServiceDef>, Fault> {
    let mut out = Vec::new();
    for (i, s) in specs.iter().enumerate() {
        out.push(service(i, s, default_currency)?);
    }
    let at = |i, field| entry("services", i, &[Step::Key(field)]);
    let label = |s: &ServiceDef| format!("service `{}`", s.key);
    check_unique(
        out.iter()
            .enumerate()
            .map(|(i, s)| (at(i, "key"), label(s), s.key.as_str())),
        |v| format!("key `{v}` is used twice (any case)"),
    )?;
    check_unique(
        out.iter()
            .enumerate()
            .map(|(i, s)| (at(i, "name"), label(s), s.name.as_str())),
        |v| format!("name `{v}` is used twice (any case)"),
    )?;
    Ok(out)
}

fn service(i: usize, s: &ServiceSpec, default_currency: &str) -> Result<ServiceDef, Fault> {
    let at = |steps: &[Step]| entry("services", i, steps);
    let field = |name| at(&[Step::Key(name)]);
    let key = text_field(
        &format!("service {}", i + 1),
        CATALOG_KEY,
        &s.key,
        field("key"),
    )?;
    let label = format!("service `{key}`");
    let fault = |path, m: &dyn std::fmt::Display| Fault::new(path, format!("{label}: {m}"));
    let name = text_field(&label, CATALOG_NAME, &s.name, field("name"))?;
    if !(1..=1440).contains(&s.duration_minutes) {
        return Err(fault(
            field("duration_minutes"),
            &"duration_minutes must be 1 to 1440",
        ));
    }
    if s.capacity == 0 {
        return Err(fault(field("capacity"), &"capacity must be at least 1"));
    }
    if s.hold_minutes == 0 {
        return Err(fault(
            field("hold_minutes"),
            &"hold_minutes must be at least 1",
        ));
    }
    if !(1..=MAX_HORIZON_DAYS).contains(&s.horizon_days) {
        return Err(fault(
            field("horizon_days"),
            &format!("horizon_days must be 1 to {MAX_HORIZON_DAYS}"),
        ));
    }
    if s.min_notice_minutes > MAX_NOTICE_MINUTES {
        return Err(fault(
            field("min_notice_minutes"),
            &format!("min_notice_minutes must be 0 to {MAX_NOTICE_MINUTES}"),
        ));
    }
    let code = currency(s.currency.as_deref().unwrap_or(default_currency))
        .map_err(|e| fault(field("currency"), &e))?
        .code()
        .to_owned();
    let price = parse_amount(&s.price, &code).map_err(|e| fault(field("price"), &e))?;
    let mut questions = Vec::new();
    for (j, q) in s.questions.iter().enumerate() {
        let path = at(&[Step::Key("questions"), Step::Index(j), Step::Key("name")]);
        let text = text_field(&label, QUESTION, &q.name, path.clone())?;
        if questions
            .iter()
            .any(|known: &QuestionDef| known.name.eq_ignore_ascii_case(&text))
        {
            return Err(fault(
                path,
                &format!("question `{}` is asked twice (any case)", q.name),
            ));
        }
        questions.push(QuestionDef {
            name: text,
            required: q.required,
        });
    }
    let mut add_ons: Vec<(String, i64)> = Vec::new();
    for (j, a) in s.add_ons.iter().enumerate() {
        let path = |name| at(&[Step::Key("add_ons"), Step::Index(j), Step::Key(name)]);
        let text = text_field(
            &label,
            CATALOG_NAME.named("add-on name"),
            &a.name,
            path("name"),
        )?;
        if add_ons
            .iter()
            .any(|(known, _)| known.eq_ignore_ascii_case(&text))
        {
            return Err(fault(
                path("name"),
                &format!("add-on `{}` is given twice (any case)", a.name),
            ));
        }
        let price = parse_amount(&a.price, &code).map_err(|e| fault(path("price"), &e))?;
        add_ons.push((text, price));
    }
    Ok(ServiceDef {
        key,
        name,
        duration_minutes: s.duration_minutes,
        capacity: s.capacity,
        hold_minutes: s.hold_minutes,
        horizon_days: s.horizon_days,
        min_notice_minutes: s.min_notice_minutes,
        price,
        currency: code,
        require_email_and_phone: s.require_email_and_phone,
        questions,
        add_ons,
    })
}

fn time_slots(
    specs: Vec<TimeSlotSpec>,
    services: &[ServiceDef],
    resources: &[ResourceDef],
) -> Result<Vec<TimeSlotDef>, Fault> {
    let mut out = Vec::new();
    let mut keys = HashSet::new();
    for (i, spec) in specs.into_iter().enumerate() {
        let at = |steps: &[Step], m: String| {
            Fault::new(
                entry("time_slots", i, steps),
                format!(
                    "time slot of `{}` on `{}`: {m}",
                    printable(&spec.service),
                    printable(&spec.resource)
                ),
            )
        };
        let field = |name| [Step::Key(name)];
        let service = services
            .iter()
            .find(|s| s.key == spec.service)
            .ok_or_else(|| at(&field("service"), "unknown service".into()))?;
        if !resources.iter().any(|r| r.key == spec.resource) {
            return Err(at(&field("resource"), "unknown resource".into()));
        }
        let (days, valid_from, valid_until) = match spec.date {
            Some(date) => {
                if !spec.days.is_empty() {
                    return Err(at(&field("days"), "give `days` or `date`, not both".into()));
                }
                (vec![chrono::Datelike::weekday(&date)], date, date)
            }
            None => {
                if spec.days.is_empty() {
                    return Err(at(&field("days"), "`days` or `date` is required".into()));
                }
                let mut days = Vec::new();
                for (j, d) in spec.days.iter().enumerate() {
                    days.push(d.parse::<Weekday>().map_err(|_| {
                        at(
                            &[Step::Key("days"), Step::Index(j)],
                            format!("unknown weekday `{}` (mon … sun)", printable(d)),
                        )
                    })?);
                }
                (
                    days,
                    spec.valid_from.unwrap_or(OPEN_START),
                    spec.valid_until.unwrap_or(OPEN_END),
                )
            }
        };
        if valid_until < valid_from {
            return Err(at(
                &field("valid_until"),
                "valid_until is before valid_from".into(),
            ));
        }
        if spec.capacity == Some(0) {
            return Err(at(&field("capacity"), "capacity must be at least 1".into()));
        }
        if spec.starts.is_empty() {
            return Err(at(
                &field("starts"),
                "starts is empty: give at least one HH:MM".into(),
            ));
        }
        for (j, start) in spec.starts.iter().enumerate() {
            let start_at = [Step::Key("starts"), Step::Index(j)];
            let start_text = printable(start);
            let starts_local = NaiveTime::parse_from_str(start, "%H:%M")
                .map_err(|_| at(&start_at, format!("start `{start_text}` is not HH:MM")))?;
            let (ends_local, wrapped) = starts_local.overflowing_add_signed(
                chrono::Duration::minutes(i64::from(service.duration_minutes)),
            );
            if wrapped != 0 || ends_local <= starts_local {
                return Err(at(
                    &start_at,
                    format!("start `{start_text}` would run past midnight"),
                ));
            }
            for &weekday in &days {
                if !keys.insert((
                    spec.service.clone(),
                    spec.resource.clone(),
                    weekday,
                    starts_local,
                    valid_from,
                )) {
                    return Err(at(
                        &start_at,
                        format!("{weekday} {start_text} is given twice"),
                    ));
                }
                out.push(TimeSlotDef {
                    service: spec.service.clone(),
                    resource: spec.resource.clone(),
                    weekday,
                    starts_local,
                    ends_local,
                    capacity: spec.capacity.unwrap_or(service.capacity),
                    valid_from,
                    valid_until,
                });
            }
        }
    }
    Ok(out)
}

fn closures(specs: Vec<ClosureSpec>, resources: &[ResourceDef]) -> Result<Vec<ClosureDef>, Fault> {
    let mut out = Vec::new();
    for (i, c) in specs.into_iter().enumerate() {
        let at = |field| entry("closures", i, &[Step::Key(field)]);
        let label = format!("closure {}", i + 1);
        let reason = text_field(&label, CLOSURE_REASON, &c.reason, at("reason"))?;
        if let Some(r) = &c.resource
            && !resources.iter().any(|d| &d.key == r)
        {
            return Err(Fault::new(
                at("resource"),
                format!("{label}: unknown resource `{}`", printable(r)),
            ));
        }
        let until = c.until.unwrap_or(c.from);
        if until < c.from {
            return Err(Fault::new(
                at("until"),
                format!("{label}: until is before from"),
            ));
        }
        out.push(ClosureDef {
            resource: c.resource,
            from: c.from,
            until,
            reason,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
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
}
