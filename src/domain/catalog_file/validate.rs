//! Validation of the catalog file into [`Catalog`]: every refusal names the
//! entry and the field, and the file's line (through `catalog_where`). Pure.

use super::spec::{ClosureSpec, File, LocationSpec, ResourceSpec, TimeSlotSpec};
use super::{Catalog, ClosureDef, LocationDef, ResourceDef, ServiceDef, TimeSlotDef};
use crate::domain::catalog_where::{Fault, Step};
use crate::domain::course::ServiceKind;
use crate::domain::customer::is_phone_region;
use crate::domain::money::currency;
use crate::domain::schedule::{OPEN_END, OPEN_START};
use crate::domain::text::{CATALOG_KEY, CATALOG_NAME, CLOSURE_REASON, TextField, printable};
use chrono::{NaiveTime, Weekday};
use chrono_tz::Tz;
use std::collections::HashSet;

impl File {
    pub(super) fn validate(self) -> Result<Catalog, Fault> {
        let location = location(self.location)?;
        let resources = resources(self.resources)?;
        let services = super::services::services(&self.services, &location.currency)?;
        let mut time_slots = time_slots(self.time_slots, &services, &resources)?;
        time_slots.extend(super::sessions::course_sessions(
            &self.services,
            &services,
            &resources,
            location.time_zone,
        )?);
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
pub(super) fn entry(array: &'static str, index: usize, steps: &[Step]) -> Vec<Step> {
    let mut path = vec![Step::Key(array), Step::Index(index)];
    path.extend_from_slice(steps);
    path
}

/// A catalog text field checked with the engine's text rule, or the fault
/// at `path` (`service `physio`: name is required`).
pub(super) fn text_field(
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
pub(super) fn check_unique<'a>(
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
        if service.kind == ServiceKind::Course {
            return Err(at(
                &field("service"),
                "a course's sessions are listed under the service ([[services.sessions]] \
                 with date and start), not in [[time_slots]]"
                    .into(),
            ));
        }
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
