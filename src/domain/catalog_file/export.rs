//! The applied catalog written back as a catalog file (`slotdesk catalog
//! export`): location, active resources and services, active time slots
//! (grouped by days and starts), the file's closures, and the closures made
//! at the desk as commented-out entries marked `desk closure`, so a later
//! `catalog apply` of the exported file keeps them (they stay the desk's)
//! and nothing is silently dropped. Applying the output changes nothing.
//! Pure: builds TOML text.

use crate::domain::catalog::{Location, Resource, Service};
use crate::domain::closure::{ClosureEntry, ClosureOrigin};
use crate::domain::course::Course;
use crate::domain::money::format_amount;
use crate::domain::schedule::{OPEN_END, OPEN_START};
use crate::domain::{ResourceId, ServiceId, TimeSlot};
use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// The catalog as applied, to write out.
pub struct Applied<'a> {
    pub location: &'a Location,
    /// Active resources.
    pub resources: &'a [Resource],
    /// Active services.
    pub services: &'a [Service],
    /// Active weekly time slots.
    pub time_slots: &'a [TimeSlot],
    /// Every closure, from the file and the desk.
    pub closures: &'a [ClosureEntry],
}

/// `text` as a TOML string (quoted, escaped).
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

fn weekday_word(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

fn list(items: impl IntoIterator<Item = String>) -> String {
    format!("[{}]", items.into_iter().collect::<Vec<_>>().join(", "))
}

/// One `[[time_slots]]` entry: everything but the days and starts.
#[derive(PartialEq, Eq, PartialOrd, Ord, Clone)]
struct SlotGroup {
    service: String,
    resource: String,
    capacity: Option<u32>,
    valid_from: NaiveDate,
    valid_until: NaiveDate,
}

impl Applied<'_> {
    /// The catalog file text.
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        let l = self.location;
        let _ = write!(
            out,
            "# slotdesk catalog, exported from the database: apply it with\n\
             # `slotdesk catalog apply FILE.toml` (applying it as it is changes nothing).\n\n\
             [location]\nname = {}\ntime_zone = {}\nphone_region = {}\ncurrency = {}\n",
            quoted(&l.name),
            quoted(l.time_zone.name()),
            quoted(&l.phone_region),
            quoted(&l.currency)
        );
        for r in self.resources {
            let _ = write!(
                out,
                "\n[[resources]]\nkey = {}\nname = {}\nkind = {}\n",
                quoted(&r.key),
                quoted(&r.name),
                quoted(&r.kind)
            );
        }
        for s in self.services {
            self.service(&mut out, s);
        }
        self.time_slots(&mut out);
        self.closures(&mut out);
        out
    }

    fn service(&self, out: &mut String, s: &Service) {
        let _ = write!(
            out,
            "\n[[services]]\nkey = {}\nname = {}\n",
            quoted(&s.key),
            quoted(&s.name)
        );
        if let Some(short) = &s.short_name {
            let _ = writeln!(out, "short_name = {}", quoted(short));
        }
        let _ = write!(
            out,
            "duration_minutes = {}\ncapacity = {}\nhold_minutes = {}\nhorizon_days = {}\n\
             min_notice_minutes = {}\nreminder_hours = {}\nprice = {}\n",
            s.duration_minutes,
            s.capacity,
            s.hold_minutes,
            s.horizon_days,
            s.min_notice_minutes,
            s.reminder_hours,
            quoted(&format_amount(s.price, &s.currency))
        );
        if let Some(course) = &s.course {
            let _ = writeln!(out, "kind = \"course\"");
            if let Some(key) = self.resource_keys().get(&course.resource_id) {
                let _ = writeln!(out, "resource = {}", quoted(key));
            }
        }
        if s.currency != self.location.currency {
            let _ = writeln!(out, "currency = {}", quoted(&s.currency));
        }
        if s.require_email_and_phone {
            let _ = writeln!(out, "require_email_and_phone = true");
        }
        if s.requires_approval {
            let _ = writeln!(out, "requires_approval = true");
        }
        if !s.questions.is_empty() {
            let qs = s.questions.iter().map(|q| {
                format!(
                    "{{ name = {}, required = {} }}",
                    quoted(&q.name),
                    q.required
                )
            });
            let _ = writeln!(out, "questions = {}", list(qs));
        }
        if !s.add_ons.is_empty() {
            let adds = s.add_ons.iter().map(|a| {
                format!(
                    "{{ name = {}, price = {} }}",
                    quoted(&a.name),
                    quoted(&format_amount(a.price, &s.currency))
                )
            });
            let _ = writeln!(out, "add_ons = {}", list(adds));
        }
        if !s.choices.is_empty() {
            let tiers = s.choices.iter().map(|c| {
                format!(
                    "{{ key = {}, name = {}, price = {} }}",
                    quoted(&c.key),
                    quoted(&c.name),
                    quoted(&format_amount(c.price, &s.currency))
                )
            });
            let _ = writeln!(out, "choices = {}", list(tiers));
        }
        if let Some(course) = &s.course {
            sessions(out, s, course);
        }
    }

    /// The time slots grouped: one entry per service, resource, capacity
    /// and validity with the same starts on the same days.
    fn time_slots(&self, out: &mut String) {
        let services: HashMap<ServiceId, &Service> =
            self.services.iter().map(|s| (s.id, s)).collect();
        let resources = self.resource_keys();
        // (group, start) → days, then (group, days) → starts.
        let mut days: BTreeMap<(SlotGroup, NaiveTime), Vec<Weekday>> = BTreeMap::new();
        for t in self.time_slots {
            let (Some(service), Some(resource)) =
                (services.get(&t.service_id), resources.get(&t.resource_id))
            else {
                continue;
            };
            if service.course.is_some() {
                // Written as the course's sessions.
                continue;
            }
            let group = SlotGroup {
                service: service.key.clone(),
                resource: (*resource).to_owned(),
                capacity: (t.capacity != service.capacity).then_some(t.capacity),
                valid_from: t.valid_from,
                valid_until: t.valid_until,
            };
            days.entry((group, t.starts_local))
                .or_default()
                .push(t.weekday);
        }
        let mut starts: BTreeMap<(SlotGroup, Vec<u32>), Vec<NaiveTime>> = BTreeMap::new();
        for ((group, start), mut on) in days {
            on.sort_by_key(Weekday::num_days_from_monday);
            on.dedup();
            let key: Vec<u32> = on.iter().map(Weekday::num_days_from_monday).collect();
            starts.entry((group, key)).or_default().push(start);
        }
        for ((g, on), times) in starts {
            let days = on.iter().filter_map(|n| {
                let w = Weekday::try_from(u8::try_from(*n).ok()?).ok()?;
                Some(quoted(weekday_word(w)))
            });
            let _ = write!(
                out,
                "\n[[time_slots]]\nservice = {}\nresource = {}\ndays = {}\nstarts = {}\n",
                quoted(&g.service),
                quoted(&g.resource),
                list(days),
                list(times.iter().map(|t| quoted(&t.format("%H:%M").to_string())))
            );
            if let Some(c) = g.capacity {
                let _ = writeln!(out, "capacity = {c}");
            }
            if g.valid_from != OPEN_START {
                let _ = writeln!(out, "valid_from = {}", quoted(&date(g.valid_from)));
            }
            if g.valid_until != OPEN_END {
                let _ = writeln!(out, "valid_until = {}", quoted(&date(g.valid_until)));
            }
        }
    }

    fn resource_keys(&self) -> HashMap<ResourceId, &str> {
        self.resources
            .iter()
            .map(|r| (r.id, r.key.as_str()))
            .collect()
    }

    /// The file's closures as entries; the desk's as commented-out ones.
    fn closures(&self, out: &mut String) {
        let keys = self.resource_keys();
        // The entry, and whether the file can name its resource (a
        // retired one it cannot).
        let entry = |c: &ClosureEntry| {
            let mut text = String::from("[[closures]]\n");
            let mut named = true;
            if let Some(id) = c.resource_id {
                match keys.get(&id) {
                    Some(key) => {
                        let _ = writeln!(text, "resource = {}", quoted(key));
                    }
                    None => {
                        named = false;
                        let name = c.resource_name.as_deref().unwrap_or("?");
                        let _ = writeln!(text, "resource = {} # retired", quoted(name));
                    }
                }
            }
            let _ = writeln!(text, "from = {}", quoted(&date(c.from)));
            if c.until != c.from {
                let _ = writeln!(text, "until = {}", quoted(&date(c.until)));
            }
            let _ = writeln!(text, "reason = {}", quoted(&c.reason));
            (text, named)
        };
        let commented = |out: &mut String, text: &str| {
            for line in text.lines() {
                let _ = writeln!(out, "# {line}");
            }
        };
        for c in self
            .closures
            .iter()
            .filter(|c| c.origin == ClosureOrigin::Catalog)
        {
            out.push('\n');
            match entry(c) {
                (text, true) => out.push_str(&text),
                (text, false) => {
                    out.push_str("# a closure of a retired resource:\n");
                    commented(out, &text);
                }
            }
        }
        let desk: Vec<&ClosureEntry> = self
            .closures
            .iter()
            .filter(|c| c.origin == ClosureOrigin::Desk)
            .collect();
        if desk.is_empty() {
            return;
        }
        out.push_str(
            "\n# Closures made at the desk: kept across `catalog apply` whatever this\n\
             # file says; reopen one with `slotdesk closure remove ID`. Uncommenting\n\
             # one makes a catalog closure besides it (whole days only).\n",
        );
        for c in desk {
            let _ = write!(out, "\n# desk closure {}: {}\n", c.id, c.when());
            commented(out, &entry(c).0);
        }
    }
}

/// A course's sessions as `[[services.sessions]]` entries under its
/// service: the end only when it is not the start plus the duration, the
/// capacity only when it is not the service's.
fn sessions(out: &mut String, s: &Service, course: &Course) {
    for session in &course.sessions {
        let _ = write!(
            out,
            "\n[[services.sessions]]\ndate = {}\nstart = {}\n",
            quoted(&date(session.date)),
            quoted(&session.starts_local.format("%H:%M").to_string())
        );
        let usual = session.starts_local + chrono::Duration::minutes(i64::from(s.duration_minutes));
        if session.ends_local != usual {
            let _ = writeln!(
                out,
                "end = {}",
                quoted(&session.ends_local.format("%H:%M").to_string())
            );
        }
        if session.capacity != s.capacity {
            let _ = writeln!(out, "capacity = {}", session.capacity);
        }
    }
}

fn date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}
