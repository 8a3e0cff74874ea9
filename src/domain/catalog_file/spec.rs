//! The catalog file's serde shape, as written: every field as it reads in
//! the TOML, before validation. Pure.

use super::QuestionDef;
use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct File {
    pub(super) location: LocationSpec,
    #[serde(default)]
    pub(super) resources: Vec<ResourceSpec>,
    #[serde(default)]
    pub(super) services: Vec<ServiceSpec>,
    #[serde(default)]
    pub(super) time_slots: Vec<TimeSlotSpec>,
    #[serde(default)]
    pub(super) closures: Vec<ClosureSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LocationSpec {
    pub(super) name: String,
    pub(super) time_zone: String,
    pub(super) phone_region: String,
    pub(super) currency: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ResourceSpec {
    pub(super) key: String,
    pub(super) name: String,
    #[serde(default = "default_kind")]
    pub(super) kind: String,
}

fn default_kind() -> String {
    "staff".to_owned()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ServiceSpec {
    pub(super) key: String,
    pub(super) name: String,
    pub(super) short_name: Option<String>,
    pub(super) duration_minutes: u32,
    #[serde(default = "one")]
    pub(super) capacity: u32,
    #[serde(default = "fifteen")]
    pub(super) hold_minutes: u32,
    #[serde(default = "a_year")]
    pub(super) horizon_days: u32,
    #[serde(default)]
    pub(super) min_notice_minutes: u32,
    #[serde(default = "a_day")]
    pub(super) reminder_hours: u32,
    pub(super) price: String,
    pub(super) currency: Option<String>,
    #[serde(default)]
    pub(super) require_email_and_phone: bool,
    #[serde(default)]
    pub(super) questions: Vec<QuestionDef>,
    #[serde(default)]
    pub(super) add_ons: Vec<AddOnSpec>,
    /// `standard` (the default) or `course`.
    pub(super) kind: Option<String>,
    /// A course's one resource (its key).
    pub(super) resource: Option<String>,
    /// A course's sessions.
    #[serde(default)]
    pub(super) sessions: Vec<SessionSpec>,
    #[serde(default)]
    pub(super) choices: Vec<ChoiceSpec>,
    #[serde(default)]
    pub(super) requires_approval: bool,
}

/// One session of a course: a date and a local start, the end from the
/// service's duration unless given, the service's capacity unless given.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SessionSpec {
    #[serde(deserialize_with = "toml_values::date")]
    pub(super) date: NaiveDate,
    #[serde(deserialize_with = "toml_values::time")]
    pub(super) start: String,
    #[serde(default, deserialize_with = "toml_values::optional_time")]
    pub(super) end: Option<String>,
    pub(super) capacity: Option<u32>,
    pub(super) resource: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ChoiceSpec {
    pub(super) key: String,
    pub(super) name: String,
    pub(super) price: String,
}

fn a_day() -> u32 {
    24
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
pub(super) struct AddOnSpec {
    pub(super) name: String,
    pub(super) price: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TimeSlotSpec {
    pub(super) service: String,
    pub(super) resource: String,
    #[serde(default)]
    pub(super) days: Vec<String>,
    #[serde(default, deserialize_with = "toml_values::optional_date")]
    pub(super) date: Option<NaiveDate>,
    #[serde(deserialize_with = "toml_values::starts")]
    pub(super) starts: Vec<String>,
    pub(super) capacity: Option<u32>,
    #[serde(default, deserialize_with = "toml_values::optional_date")]
    pub(super) valid_from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "toml_values::optional_date")]
    pub(super) valid_until: Option<NaiveDate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ClosureSpec {
    pub(super) resource: Option<String>,
    #[serde(deserialize_with = "toml_values::date")]
    pub(super) from: NaiveDate,
    #[serde(default, deserialize_with = "toml_values::optional_date")]
    pub(super) until: Option<NaiveDate>,
    pub(super) reason: String,
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

    /// A time: `"09:00"` as written, a native `09:00:00` as `09:00`
    /// (a native time with seconds other than 0 is written out and refused
    /// later as not HH:MM).
    fn to_time<E: Error>(value: Value) -> Result<String, E> {
        match value {
            Value::String(s) => Ok(s),
            Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (None, Some(t), None) if t.second == 0 && t.nanosecond == 0 => {
                    Ok(format!("{:02}:{:02}", t.hour, t.minute))
                }
                _ => Ok(dt.to_string()),
            },
            _ => Err(E::custom("expected a start time such as \"09:00\"")),
        }
    }

    /// Start times, each as [`to_time`] reads it.
    pub fn starts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        let values = Vec::<Value>::deserialize(d)?;
        values.into_iter().map(to_time).collect()
    }

    /// One time, as [`to_time`] reads it.
    pub fn time<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        to_time(Value::deserialize(d)?)
    }

    /// An optional time (with `#[serde(default)]`).
    pub fn optional_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        to_time(Value::deserialize(d)?).map(Some)
    }
}
