//! Validation of a course's sessions (`[[services.sessions]]` under a
//! service with `kind = "course"`) into one-off [`TimeSlotDef`]s, each
//! valid on its one date, all on the course's one resource. Pure.

use super::spec::{ServiceSpec, SessionSpec};
use super::validate::entry;
use super::{ResourceDef, ServiceDef, TimeSlotDef};
use crate::domain::catalog_where::{Fault, Step};
use crate::domain::course::ServiceKind;
use crate::domain::series::MAX_SLOTS;
use crate::domain::text::printable;
use chrono::{Datelike, LocalResult, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;
use std::collections::HashSet;

/// The sessions of every course among `specs` (validated as `services`,
/// in the same order) as one-off time slots.
pub(super) fn course_sessions(
    specs: &[ServiceSpec],
    services: &[ServiceDef],
    resources: &[ResourceDef],
    tz: Tz,
) -> Result<Vec<TimeSlotDef>, Fault> {
    let mut out = Vec::new();
    for (i, (spec, service)) in specs.iter().zip(services).enumerate() {
        if service.kind == ServiceKind::Course {
            out.extend(course(i, spec, service, resources, tz)?);
        }
    }
    Ok(out)
}

fn course(
    i: usize,
    spec: &ServiceSpec,
    service: &ServiceDef,
    resources: &[ResourceDef],
    tz: Tz,
) -> Result<Vec<TimeSlotDef>, Fault> {
    let label = format!("course `{}`", service.key);
    let fault =
        |steps: &[Step], m: &str| Fault::new(entry("services", i, steps), format!("{label}: {m}"));
    let Some(resource) = spec.resource.as_deref() else {
        return Err(fault(
            &[Step::Key("resource")],
            "resource is required: the one resource its sessions are on",
        ));
    };
    if !resources.iter().any(|r| r.key == resource) {
        return Err(fault(
            &[Step::Key("resource")],
            &format!("unknown resource `{}`", printable(resource)),
        ));
    }
    if spec.sessions.is_empty() {
        return Err(fault(
            &[Step::Key("kind")],
            "a course needs at least one session ([[services.sessions]] with date and start)",
        ));
    }
    if spec.sessions.len() > MAX_SLOTS {
        return Err(fault(
            &[Step::Key("sessions"), Step::Index(MAX_SLOTS)],
            &format!(
                "a course has at most {MAX_SLOTS} sessions (this one lists {})",
                spec.sessions.len()
            ),
        ));
    }
    let mut out: Vec<TimeSlotDef> = Vec::new();
    let mut seen = HashSet::new();
    for (j, s) in spec.sessions.iter().enumerate() {
        let at = |name| [Step::Key("sessions"), Step::Index(j), Step::Key(name)];
        let (starts_local, ends_local) =
            times(s, service.duration_minutes).map_err(|(name, m)| fault(&at(name), &m))?;
        let when = format!("session on {} at {}", s.date, starts_local.format("%H:%M"));
        if let Some(other) = s.resource.as_deref()
            && other != resource
        {
            return Err(fault(
                &at("resource"),
                &format!(
                    "{when} is on `{}`: every session of a course is on its resource `{resource}`",
                    printable(other)
                ),
            ));
        }
        if s.capacity == Some(0) {
            return Err(fault(&at("capacity"), "capacity must be at least 1"));
        }
        if let LocalResult::None = tz.from_local_datetime(&s.date.and_time(starts_local)) {
            return Err(fault(
                &at("start"),
                &format!(
                    "{when} falls in the daylight-saving gap (the clocks go forward in {}), \
                     so it would never run",
                    tz.name()
                ),
            ));
        }
        if !seen.insert((s.date, starts_local)) {
            return Err(fault(&at("start"), &format!("{when} is given twice")));
        }
        if let Some(clash) = out.iter().find(|t| {
            t.valid_from == s.date && t.starts_local < ends_local && starts_local < t.ends_local
        }) {
            return Err(fault(
                &at("start"),
                &format!(
                    "{when} overlaps the session at {} that day",
                    clash.starts_local.format("%H:%M")
                ),
            ));
        }
        out.push(one_off(
            service,
            resource,
            s.date,
            starts_local,
            ends_local,
            s.capacity,
        ));
    }
    Ok(out)
}

/// The session's local start and end: the end as given, else the start
/// plus `duration` minutes; or the field at fault and why.
fn times(s: &SessionSpec, duration: u32) -> Result<(NaiveTime, NaiveTime), (&'static str, String)> {
    let read = |name, text: &str| {
        NaiveTime::parse_from_str(text, "%H:%M")
            .map_err(|_| (name, format!("{name} `{}` is not HH:MM", printable(text))))
    };
    let start = read("start", &s.start)?;
    let end = match &s.end {
        Some(text) => {
            let end = read("end", text)?;
            if end <= start {
                return Err((
                    "end",
                    format!("end {text} is not after the start {}", s.start),
                ));
            }
            end
        }
        None => {
            let (end, wrapped) =
                start.overflowing_add_signed(chrono::Duration::minutes(i64::from(duration)));
            if wrapped != 0 || end <= start {
                return Err((
                    "start",
                    format!("start `{}` would run past midnight", printable(&s.start)),
                ));
            }
            end
        }
    };
    Ok((start, end))
}

fn one_off(
    service: &ServiceDef,
    resource: &str,
    date: NaiveDate,
    starts_local: NaiveTime,
    ends_local: NaiveTime,
    capacity: Option<u32>,
) -> TimeSlotDef {
    TimeSlotDef {
        service: service.key.clone(),
        resource: resource.to_owned(),
        weekday: date.weekday(),
        starts_local,
        ends_local,
        capacity: capacity.unwrap_or(service.capacity),
        valid_from: date,
        valid_until: date,
    }
}
