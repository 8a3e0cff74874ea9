//! The catalog TOML file (`slotdesk catalog apply FILE.toml`): its serde shape
//! and its validation into [`Catalog`], with weekly time slots expanded one per
//! weekday and start. Pure.

use super::customer::is_phone_region;
use super::error::BookingError;
use super::money::{currency, parse_amount};
use super::schedule::{OPEN_END, OPEN_START};
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
    date: Option<NaiveDate>,
    starts: Vec<String>,
    capacity: Option<u32>,
    valid_from: Option<NaiveDate>,
    valid_until: Option<NaiveDate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClosureSpec {
    resource: Option<String>,
    from: NaiveDate,
    until: Option<NaiveDate>,
    reason: String,
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
    /// Parses and validates a catalog file's text.
    /// Errors: [`BookingError::Invalid`] naming the entry and field at fault.
    pub fn from_toml(text: &str) -> Result<Self, BookingError> {
        let file: File = toml::from_str(text)
            .map_err(|e| BookingError::invalid(format!("catalog file: {e}")))?;
        let location = location(file.location)?;
        let resources = resources(file.resources)?;
        let services = services(&file.services, &location.currency)?;
        let time_slots = time_slots(file.time_slots, &services, &resources)?;
        let closures = closures(file.closures, &resources)?;
        Ok(Self {
            location,
            resources,
            services,
            time_slots,
            closures,
        })
    }
}

fn invalid(message: impl std::fmt::Display) -> BookingError {
    BookingError::Invalid(format!("catalog file: {message}"))
}

fn location(spec: LocationSpec) -> Result<LocationDef, BookingError> {
    let time_zone: Tz = spec
        .time_zone
        .parse()
        .map_err(|_| invalid(format!("unknown time zone `{}`", spec.time_zone)))?;
    if !is_phone_region(&spec.phone_region) {
        return Err(invalid(format!(
            "unknown phone region `{}`",
            spec.phone_region
        )));
    }
    Ok(LocationDef {
        name: spec.name.trim().to_owned(),
        time_zone,
        phone_region: spec.phone_region,
        currency: currency(&spec.currency)?.code().to_owned(),
    })
}

fn check_unique<'a>(what: &str, keys: impl Iterator<Item = &'a str>) -> Result<(), BookingError> {
    let mut seen = HashSet::new();
    for key in keys {
        if key.trim().is_empty() {
            return Err(invalid(format!("a {what} has an empty key")));
        }
        if !seen.insert(key) {
            return Err(invalid(format!("{what} key `{key}` is used twice")));
        }
    }
    Ok(())
}

fn resources(specs: Vec<ResourceSpec>) -> Result<Vec<ResourceDef>, BookingError> {
    check_unique("resource", specs.iter().map(|r| r.key.as_str()))?;
    Ok(specs
        .into_iter()
        .map(|r| ResourceDef {
            key: r.key,
            name: r.name,
            kind: r.kind,
        })
        .collect())
}

fn services(
    specs: &[ServiceSpec],
    default_currency: &str,
) -> Result<Vec<ServiceDef>, BookingError> {
    check_unique("service", specs.iter().map(|s| s.key.as_str()))?;
    specs
        .iter()
        .map(|s| {
            let at = |m: &str| invalid(format!("service `{}`: {m}", s.key));
            if !(1..=1440).contains(&s.duration_minutes) {
                return Err(at("duration_minutes must be 1 to 1440"));
            }
            if s.capacity == 0 || s.hold_minutes == 0 {
                return Err(at("capacity and hold_minutes must be at least 1"));
            }
            if !(1..=MAX_HORIZON_DAYS).contains(&s.horizon_days) {
                return Err(at(&format!("horizon_days must be 1 to {MAX_HORIZON_DAYS}")));
            }
            if s.min_notice_minutes > MAX_NOTICE_MINUTES {
                return Err(at(&format!(
                    "min_notice_minutes must be 0 to {MAX_NOTICE_MINUTES}"
                )));
            }
            let code = currency(s.currency.as_deref().unwrap_or(default_currency))?
                .code()
                .to_owned();
            let price = parse_amount(&s.price, &code).map_err(|e| at(&e.to_string()))?;
            let add_ons = s
                .add_ons
                .iter()
                .map(|a| Ok((a.name.clone(), parse_amount(&a.price, &code)?)))
                .collect::<Result<Vec<_>, BookingError>>()
                .map_err(|e| at(&e.to_string()))?;
            check_unique("add-on", add_ons.iter().map(|(n, _)| n.as_str()))?;
            Ok(ServiceDef {
                key: s.key.clone(),
                name: s.name.clone(),
                duration_minutes: s.duration_minutes,
                capacity: s.capacity,
                hold_minutes: s.hold_minutes,
                horizon_days: s.horizon_days,
                min_notice_minutes: s.min_notice_minutes,
                price,
                currency: code,
                require_email_and_phone: s.require_email_and_phone,
                questions: s.questions.clone(),
                add_ons,
            })
        })
        .collect()
}

fn weekday(name: &str) -> Result<Weekday, BookingError> {
    name.parse::<Weekday>()
        .map_err(|_| invalid(format!("unknown weekday `{name}` (mon … sun)")))
}

fn time_slots(
    specs: Vec<TimeSlotSpec>,
    services: &[ServiceDef],
    resources: &[ResourceDef],
) -> Result<Vec<TimeSlotDef>, BookingError> {
    let mut out = Vec::new();
    let mut keys = HashSet::new();
    for spec in specs {
        let at = |m: String| {
            invalid(format!(
                "time slot of `{}` on `{}`: {m}",
                spec.service, spec.resource
            ))
        };
        let service = services
            .iter()
            .find(|s| s.key == spec.service)
            .ok_or_else(|| at("unknown service".into()))?;
        if !resources.iter().any(|r| r.key == spec.resource) {
            return Err(at("unknown resource".into()));
        }
        let (days, valid_from, valid_until) = match spec.date {
            Some(date) => {
                if !spec.days.is_empty() {
                    return Err(at("give `days` or `date`, not both".into()));
                }
                (vec![chrono::Datelike::weekday(&date)], date, date)
            }
            None => {
                if spec.days.is_empty() {
                    return Err(at("`days` or `date` is required".into()));
                }
                let days = spec
                    .days
                    .iter()
                    .map(|d| weekday(d))
                    .collect::<Result<Vec<_>, _>>()?;
                (
                    days,
                    spec.valid_from.unwrap_or(OPEN_START),
                    spec.valid_until.unwrap_or(OPEN_END),
                )
            }
        };
        if valid_until < valid_from {
            return Err(at("valid_until is before valid_from".into()));
        }
        for start in &spec.starts {
            let starts_local = NaiveTime::parse_from_str(start, "%H:%M")
                .map_err(|_| at(format!("start `{start}` is not HH:MM")))?;
            let (ends_local, wrapped) = starts_local.overflowing_add_signed(
                chrono::Duration::minutes(i64::from(service.duration_minutes)),
            );
            if wrapped != 0 || ends_local <= starts_local {
                return Err(at(format!("start `{start}` would run past midnight")));
            }
            for &weekday in &days {
                if !keys.insert((
                    spec.service.clone(),
                    spec.resource.clone(),
                    weekday,
                    starts_local,
                    valid_from,
                )) {
                    return Err(at(format!("{weekday} {start} is given twice")));
                }
                out.push(TimeSlotDef {
                    service: spec.service.clone(),
                    resource: spec.resource.clone(),
                    weekday,
                    starts_local,
                    ends_local,
                    capacity: spec.capacity.unwrap_or(service.capacity).max(1),
                    valid_from,
                    valid_until,
                });
            }
        }
    }
    Ok(out)
}

fn closures(
    specs: Vec<ClosureSpec>,
    resources: &[ResourceDef],
) -> Result<Vec<ClosureDef>, BookingError> {
    specs
        .into_iter()
        .map(|c| {
            if let Some(r) = &c.resource
                && !resources.iter().any(|d| &d.key == r)
            {
                return Err(invalid(format!(
                    "closure `{}`: unknown resource `{r}`",
                    c.reason
                )));
            }
            let until = c.until.unwrap_or(c.from);
            if until < c.from {
                return Err(invalid(format!(
                    "closure `{}`: until is before from",
                    c.reason
                )));
            }
            Ok(ClosureDef {
                resource: c.resource,
                from: c.from,
                until,
                reason: c.reason,
            })
        })
        .collect()
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
}
