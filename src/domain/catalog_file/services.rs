//! Validation of the catalog file's services into [`ServiceDef`]s: each
//! field, its questions and add-ons, and what must differ between services
//! (keys, names, short names). Pure.

use super::spec::ServiceSpec;
use super::validate::{check_unique, entry, text_field};
use super::{MAX_HORIZON_DAYS, MAX_NOTICE_MINUTES, MAX_REMINDER_HOURS, QuestionDef, ServiceDef};
use crate::domain::catalog_where::{Fault, Step};
use crate::domain::choices::Choice;
use crate::domain::course::ServiceKind;
use crate::domain::money::{currency, parse_amount};
use crate::domain::text::{CATALOG_KEY, CATALOG_NAME, QUESTION, SHORT_NAME, printable};

pub(super) fn services(
    specs: &[ServiceSpec],
    default_currency: &str,
) -> Result<Vec<ServiceDef>, Fault> {
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
    short_names_unique(&out)?;
    Ok(out)
}

/// Refuses a short name that another service also has, or that is another
/// service's name (any case): two services would look the same in a
/// narrow column.
fn short_names_unique(services: &[ServiceDef]) -> Result<(), Fault> {
    let at = |i| entry("services", i, &[Step::Key("short_name")]);
    let label = |s: &ServiceDef| format!("service `{}`", s.key);
    check_unique(
        services.iter().enumerate().filter_map(|(i, s)| {
            s.short_name
                .as_deref()
                .map(|short| (at(i), label(s), short))
        }),
        |v| format!("short_name `{v}` is used twice (any case)"),
    )?;
    for (i, s) in services.iter().enumerate() {
        let Some(short) = s.short_name.as_deref() else {
            continue;
        };
        let same =
            |o: &&ServiceDef| o.key != s.key && o.name.to_lowercase() == short.to_lowercase();
        if let Some(other) = services.iter().find(same) {
            return Err(Fault::new(
                at(i),
                format!(
                    "{}: short_name `{short}` is the name of service `{}`",
                    label(s),
                    other.key
                ),
            ));
        }
    }
    Ok(())
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
    let short_name = match &s.short_name {
        None => None,
        Some(text) => {
            let short = SHORT_NAME
                .check(text)
                .map_err(|e| fault(field("short_name"), &e))?;
            if short.is_empty() {
                return Err(fault(
                    field("short_name"),
                    &"short_name is empty (leave it out to use the name)",
                ));
            }
            Some(short.to_owned())
        }
    };
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
    if s.reminder_hours > MAX_REMINDER_HOURS {
        return Err(fault(
            field("reminder_hours"),
            &format!(
                "reminder_hours must be 0 (no reminders) to {MAX_REMINDER_HOURS} (thirty days)"
            ),
        ));
    }
    let kind = match s.kind.as_deref() {
        None => ServiceKind::Standard,
        Some(word) => ServiceKind::parse(word).ok_or_else(|| {
            fault(
                field("kind"),
                &format!("kind `{}` is not `standard` or `course`", printable(word)),
            )
        })?,
    };
    if kind == ServiceKind::Standard {
        if s.resource.is_some() {
            return Err(fault(
                field("resource"),
                &"resource is for a course (kind = \"course\"); an ordinary service's \
                  resources are named in its [[time_slots]]",
            ));
        }
        if !s.sessions.is_empty() {
            return Err(fault(
                field("sessions"),
                &"sessions are for a course: add kind = \"course\" and its resource",
            ));
        }
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
    let choices = choices(s, &label, &code, &at)?;
    Ok(ServiceDef {
        key,
        name,
        short_name,
        duration_minutes: s.duration_minutes,
        capacity: s.capacity,
        hold_minutes: s.hold_minutes,
        horizon_days: s.horizon_days,
        min_notice_minutes: s.min_notice_minutes,
        reminder_hours: s.reminder_hours,
        price,
        currency: code,
        require_email_and_phone: s.require_email_and_phone,
        questions,
        add_ons,
        kind,
        choices,
        requires_approval: s.requires_approval,
    })
}

/// The service's price tiers: keys as catalog keys, names as names, each
/// key once (any case), prices in the service's currency.
fn choices(
    s: &ServiceSpec,
    label: &str,
    code: &str,
    at: &dyn Fn(&[Step]) -> Vec<Step>,
) -> Result<Vec<Choice>, Fault> {
    let mut choices: Vec<Choice> = Vec::new();
    for (j, c) in s.choices.iter().enumerate() {
        let path = |name| at(&[Step::Key("choices"), Step::Index(j), Step::Key(name)]);
        let key = text_field(label, CATALOG_KEY, &c.key, path("key"))?;
        if choices.iter().any(|k| k.key.eq_ignore_ascii_case(&key)) {
            return Err(Fault::new(
                path("key"),
                format!("{label}: choice `{key}` is given twice (any case)"),
            ));
        }
        let name = text_field(
            label,
            CATALOG_NAME.named("choice name"),
            &c.name,
            path("name"),
        )?;
        let price = parse_amount(&c.price, code)
            .map_err(|e| Fault::new(path("price"), format!("{label}: {e}")))?;
        choices.push(Choice { key, name, price });
    }
    Ok(choices)
}
