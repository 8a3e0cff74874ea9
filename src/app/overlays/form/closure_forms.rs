//! The closure form (close a resource or the whole location for a day,
//! days or part of a day, with a reason) and the reopen form (remove a
//! desk closure), and the requests they make. Pure.

use super::kinds::{FROM, FormKind, REASON, choice};
use super::{Field, FieldKind, Form};
use crate::app::effect::Write;
use crate::domain::text::CLOSURE_REASON;
use crate::domain::typed_date::DateOrder;
use crate::domain::{ClosureEntry, ClosureId, ClosureRequest, ResourceId};
use chrono::{NaiveDate, NaiveTime};

/// The closure form's fields.
pub(super) const CLOSE: &str = "Close";
pub(super) const UNTIL: &str = "Until";
pub(super) const FROM_TIME: &str = "From time";
pub(super) const UNTIL_TIME: &str = "Until time";
pub(super) const REOPEN: &str = "Reopen";
/// The choice that closes every resource.
pub const WHOLE_LOCATION: &str = "whole location";

impl Form {
    /// The closure form: which resource (`resources` by id and name; first
    /// `selected`, else the whole location), from `date` until an optional
    /// last date (both as people type them, counted from the location's
    /// `today`, slashes in its `order`), optional from–until times for part
    /// of the day, a reason.
    pub fn closure(
        resources: &[(ResourceId, String)],
        selected: Option<ResourceId>,
        date: NaiveDate,
        (today, order): (NaiveDate, DateOrder),
        key: String,
    ) -> Self {
        let mut names = vec![WHOLE_LOCATION.to_owned()];
        names.extend(resources.iter().map(|(_, n)| n.clone()));
        let chosen = selected
            .and_then(|id| resources.iter().find(|(r, _)| *r == id))
            .map_or(WHOLE_LOCATION, |(_, n)| n.as_str());
        Self::new(
            FormKind::Closure(resources.to_vec()),
            "Close",
            "a day, days, or part of a day (both times); bookings it strands are listed next"
                .to_owned(),
            vec![
                Field::new(CLOSE, FieldKind::Choice(names), true, chosen),
                Field::new(
                    FROM,
                    FieldKind::Date { today, order },
                    true,
                    &date.format("%Y-%m-%d").to_string(),
                ),
                Field::new(UNTIL, FieldKind::Date { today, order }, false, ""),
                Field::new(FROM_TIME, FieldKind::Time, false, ""),
                Field::new(UNTIL_TIME, FieldKind::Time, false, ""),
                Field::new(
                    REASON,
                    FieldKind::Text {
                        max: CLOSURE_REASON.max,
                    },
                    true,
                    "",
                ),
            ],
            key,
        )
    }

    /// The reopen form for desk closure `c`.
    pub fn reopen(c: &ClosureEntry, key: String) -> Self {
        Self::new(
            FormKind::Reopen(c.id),
            "Reopen",
            format!(
                "{} · {} · {}",
                c.resource_name.as_deref().unwrap_or(WHOLE_LOCATION),
                c.when(),
                c.reason
            ),
            vec![Field::new(REOPEN, choice(&["yes", "no"]), true, "yes")],
            key,
        )
    }

    /// The closure a valid closure form asks for.
    /// Errors: a message for the form (one time without the other, or the
    /// request's own checks).
    pub(super) fn closure_write(
        &self,
        resources: &[(ResourceId, String)],
    ) -> Result<Write, String> {
        let date = |label| self.date(label);
        let time = |label| NaiveTime::parse_from_str(self.value(label).trim(), "%H:%M").ok();
        let from = date(FROM).ok_or("a first date as YYYY-MM-DD")?;
        let hours = match (time(FROM_TIME), time(UNTIL_TIME)) {
            (Some(s), Some(e)) => Some((s, e)),
            (None, None) => None,
            _ => return Err("give both times for part of a day, or neither for whole days".into()),
        };
        let request = ClosureRequest {
            resource: resources
                .iter()
                .find(|(_, n)| n == self.value(CLOSE))
                .map(|(id, _)| *id),
            from,
            until: date(UNTIL),
            hours,
            reason: self.value(REASON).to_owned(),
        };
        request.checked().map_err(|e| e.to_string())?;
        Ok(Write::AddClosure(request))
    }

    /// The reopen a valid reopen form asks for.
    /// Errors: `no` chosen.
    pub(super) fn reopen_write(&self, id: ClosureId) -> Result<Write, String> {
        if self.value(REOPEN) == "yes" {
            Ok(Write::RemoveClosure(id))
        } else {
            Err("choose yes to reopen, or Esc to keep it closed".to_owned())
        }
    }
}
