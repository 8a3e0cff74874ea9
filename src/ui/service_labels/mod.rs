//! Service names squeezed into narrow columns so that different services
//! stay different: the name when it fits, else the catalog's short name,
//! else an abbreviation that keeps what tells the names apart
//! (`Physio assess…` / `Physio follow…`, `PhAs` / `PhFU`). Widths are
//! terminal cells; a wide character is never split. Pure.

mod forms;

pub use forms::without_note;
#[cfg(test)]
mod tests;

use crate::app::AppState;
use crate::domain::ServiceId;
use crate::domain::text::printable;
use crate::ui::fit;
use forms::{compact, cut, middle, squeeze};
use std::cell::RefCell;
use std::collections::HashMap;

/// A service's names as the labels see them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Names<'a> {
    /// The catalog name (`Physiotherapy follow-up`).
    pub name: &'a str,
    /// The catalog's `short_name`, if any.
    pub short_name: Option<&'a str>,
}

/// The labels of the catalog's services for one frame, worked out once
/// per width asked for.
#[derive(Debug)]
pub struct ServiceLabels<'a> {
    services: Vec<(ServiceId, Names<'a>)>,
    by_width: RefCell<HashMap<usize, Vec<String>>>,
}

impl<'a> ServiceLabels<'a> {
    /// The active services of `state`'s catalog (none before it loads).
    pub fn new(state: &'a AppState) -> Self {
        let services = state.catalog.as_ref().map_or_else(Vec::new, |c| {
            c.services
                .iter()
                .map(|s| {
                    let names = Names {
                        name: &s.name,
                        short_name: s.short_name.as_deref(),
                    };
                    (s.id, names)
                })
                .collect()
        });
        Self::of(services)
    }

    /// These services, by id.
    pub fn of(services: Vec<(ServiceId, Names<'a>)>) -> Self {
        Self {
            services,
            by_width: RefCell::new(HashMap::new()),
        }
    }

    /// Service `id`'s label in at most `width` cells ([`labels`]). A
    /// service not listed (retired since) is labelled by `name` among the
    /// listed ones, so it still differs from them.
    pub fn label(&self, id: ServiceId, name: &str, width: usize) -> String {
        let Some(at) = self.services.iter().position(|(sid, _)| *sid == id) else {
            let mut all: Vec<Names<'_>> = self.services.iter().map(|(_, n)| *n).collect();
            all.push(Names {
                name,
                short_name: None,
            });
            return labels(&all, width).pop().unwrap_or_default();
        };
        let mut cache = self.by_width.borrow_mut();
        let shown = cache.entry(width).or_insert_with(|| {
            let all: Vec<Names<'_>> = self.services.iter().map(|(_, n)| *n).collect();
            labels(&all, width)
        });
        shown.get(at).cloned().unwrap_or_default()
    }
}

/// One label per entry of `services`, in order, each at most `width`
/// cells: the name whole when it fits, or without its `(…)` note; else
/// the short name (whole, then cut); else the name cut at its end; else its words cut alike
/// (`Physio assess…`), run together (`PhAs`) or its two ends
/// (`理学…価`). Each service takes the first of these that no other
/// service's label also reads (ignoring case); when none is left, a letter
/// of its name or a digit ends its label instead. Two different services
/// get the same label only when `width` is 0.
pub fn labels(services: &[Names<'_>], width: usize) -> Vec<String> {
    let candidates: Vec<Vec<String>> = services.iter().map(|s| candidates(*s, width)).collect();
    let mut pick = vec![0; services.len()];
    let current = |pick: &[usize]| -> Vec<String> {
        candidates
            .iter()
            .zip(pick)
            .map(|(c, &i)| c.get(i).cloned().unwrap_or_default())
            .collect()
    };
    loop {
        let shown = current(&pick);
        let mut moved = false;
        for i in clashing(&shown) {
            if pick[i] + 1 < candidates[i].len() {
                pick[i] += 1;
                moved = true;
            }
        }
        if !moved {
            let mut shown = shown;
            separate(&mut shown, services, width);
            return shown;
        }
    }
}

/// The indexes of labels another label also reads, ignoring case.
fn clashing(labels: &[String]) -> Vec<usize> {
    let mut count: HashMap<String, usize> = HashMap::new();
    for l in labels {
        *count.entry(l.to_lowercase()).or_default() += 1;
    }
    (0..labels.len())
        .filter(|&i| count.get(&labels[i].to_lowercase()).is_some_and(|n| *n > 1))
        .collect()
}

/// What `s` may be shown as in `width` cells, most readable first, each
/// once and none empty or only `…`.
fn candidates(s: Names<'_>, width: usize) -> Vec<String> {
    let name = printable(s.name);
    let name = name.trim();
    let short = s.short_name.map(printable);
    let short = short.as_deref().map(str::trim);
    let plain = without_note(name);
    let mut out: Vec<String> = Vec::new();
    let mut add = |c: Option<String>| {
        if let Some(c) = c.map(|c| without_dangling_hyphen(&c))
            && !c.is_empty()
            && c != "…"
            && fit::width(&c) <= width
            && !out.contains(&c)
        {
            out.push(c);
        }
    };
    add(Some(name.to_owned()));
    add(Some(plain.to_owned()));
    if let Some(short) = short {
        add(Some(short.to_owned()));
        add(Some(fit::title(short, width)));
    }
    add(Some(fit::title(name, width)));
    let texts: Vec<&str> = short.into_iter().chain([plain]).collect();
    for text in &texts {
        for words_to in [6, 5, 4, 3] {
            add(squeeze(text, words_to, width));
        }
    }
    for text in &texts {
        add(compact(text, width));
    }
    for text in &texts {
        add(middle(text, width));
    }
    add(Some(cut(name, width)));
    out
}

/// `Follow-…` as `Follow…`: a word cut just after its hyphen.
fn without_dangling_hyphen(label: &str) -> String {
    match label.strip_suffix("-…") {
        Some(stem) if !stem.is_empty() => format!("{stem}…"),
        _ => label.to_owned(),
    }
}

/// Makes labels still read alike differ: each after the first that reads
/// so ends instead in a letter of its service's name, or a digit or a
/// letter, that no other label then reads.
fn separate(labels: &mut [String], services: &[Names<'_>], width: usize) {
    for i in 0..labels.len() {
        let folded = labels[i].to_lowercase();
        if !labels[..i].iter().any(|l| l.to_lowercase() == folded) {
            continue;
        }
        let name = printable(services[i].name);
        let marks = name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .chain('2'..='9')
            .chain('a'..='z');
        for mark in marks {
            let mark = mark.to_string();
            let Some(room) = width.checked_sub(fit::width(&mark)) else {
                continue;
            };
            let label = format!("{}{mark}", cut(labels[i].trim_end_matches('…'), room));
            let taken = labels
                .iter()
                .enumerate()
                .any(|(j, l)| j != i && l.to_lowercase() == label.to_lowercase());
            if !taken {
                labels[i] = label;
                break;
            }
        }
    }
}
