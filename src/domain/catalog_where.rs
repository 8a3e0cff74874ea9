//! Where in a catalog file a fault lies: a path of keys and indexes
//! (`services[2].capacity`) looked up in the file's spans (toml's
//! `DeTable`) to the line it is on, so every refusal of a catalog names its
//! line (`catalog line 12: service `physio`: capacity must be at least 1`).
//! Pure.

use super::error::BookingError;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One step of a path into the file: a key of a table or an index of an
/// array (an `[[services]]` entry, a start in `starts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Key(&'static str),
    Index(usize),
}

/// A refusal of one part of the file: where (as deep as known) and the
/// words (`service `physio`: capacity must be at least 1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub path: Vec<Step>,
    pub message: String,
}

impl Fault {
    /// A fault at `path` with `message`.
    pub fn new(path: Vec<Step>, message: impl Into<String>) -> Self {
        Self {
            path,
            message: message.into(),
        }
    }
}

/// The 1-based line of byte `offset` in `text` (past the end: the last).
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    // Lines are what the newlines before `offset` split it into.
    text.as_bytes()[..end].split(|b| *b == b'\n').count()
}

/// The byte span of the deepest part of `path` present in `root`: the
/// field itself, else its entry (a field left to its default), else the
/// table array.
fn span(root: &DeTable<'_>, path: &[Step]) -> Option<std::ops::Range<usize>> {
    let Some((Step::Key(first), rest)) = path.split_first() else {
        return None;
    };
    let mut at: &Spanned<DeValue<'_>> = root.get(*first)?;
    for step in rest {
        let next = match (step, at.get_ref()) {
            (Step::Key(k), DeValue::Table(t)) => t.get(*k),
            (Step::Index(i), DeValue::Array(a)) => a.get(*i),
            _ => None,
        };
        match next {
            Some(n) => at = n,
            None => break,
        }
    }
    Some(at.span())
}

/// `fault` as the engine reports it: `catalog line N: …` when the file
/// parses and the path is found in it, else `catalog file: …`.
pub fn locate(text: &str, fault: &Fault) -> BookingError {
    let line = DeTable::parse(text)
        .ok()
        .and_then(|root| span(root.get_ref(), &fault.path))
        .map(|s| line_of(text, s.start));
    match line {
        Some(n) => BookingError::Invalid(format!("catalog line {n}: {}", fault.message)),
        None => BookingError::Invalid(format!("catalog file: {}", fault.message)),
    }
}

/// The key (innermost) whose value holds byte `offset`: `duration_minutes`.
/// Every table is searched: an `[[services]]` entry's own span is its
/// header, not its keys.
fn key_at(value: &DeValue<'_>, offset: usize) -> Option<String> {
    match value {
        DeValue::Table(t) => t.iter().find_map(|(k, v)| {
            key_at(v.get_ref(), offset)
                .or_else(|| v.span().contains(&offset).then(|| k.get_ref().to_string()))
        }),
        DeValue::Array(a) => a.iter().find_map(|v| key_at(v.get_ref(), offset)),
        _ => None,
    }
}

/// A TOML syntax or shape error as the engine reports it: `catalog line N:
/// …` with toml's words on one line, after the field they are about when
/// the file parses (`catalog line 19: `duration_minutes`: invalid type:
/// string "x", expected u32`).
pub fn parse_error(text: &str, e: &toml::de::Error) -> BookingError {
    let words = e.message().trim().replace('\n', " ");
    let Some(s) = e.span() else {
        return BookingError::Invalid(format!("catalog file: {words}"));
    };
    let key = DeTable::parse(text)
        .ok()
        .and_then(|root| key_at(&DeValue::Table(root.into_inner()), s.start))
        .filter(|k| !words.contains(&format!("`{k}`")))
        .map_or_else(String::new, |k| {
            format!("`{}`: ", super::text::printable(&k))
        });
    BookingError::Invalid(format!(
        "catalog line {}: {key}{words}",
        line_of(text, s.start)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[location]\nname = \"A\"\n\n[[services]]\nkey = \"a\"\n\n[[services]]\nkey = \"b\"\ncapacity = 0\nstarts = [\"09:00\", \"x\"]\n";

    #[test]
    fn a_path_finds_its_field_else_its_entry() {
        use Step::{Index, Key};
        let fault = |path| locate(TEXT, &Fault::new(path, "bad")).to_string();
        assert_eq!(
            fault(vec![Key("services"), Index(1), Key("capacity")]),
            "catalog line 9: bad"
        );
        assert_eq!(
            fault(vec![Key("services"), Index(1), Key("starts"), Index(1)]),
            "catalog line 10: bad"
        );
        assert_eq!(
            fault(vec![Key("location"), Key("name")]),
            "catalog line 2: bad"
        );
        // A field left to its default: the entry's own line or after.
        let missing = fault(vec![Key("services"), Index(0), Key("capacity")]);
        assert!(
            missing == "catalog line 4: bad" || missing == "catalog line 5: bad",
            "{missing}"
        );
        assert_eq!(fault(vec![Key("closures"), Index(0)]), "catalog file: bad");
        assert_eq!(
            locate("not = [toml", &Fault::new(vec![Key("x")], "bad")).to_string(),
            "catalog file: bad"
        );
    }

    #[test]
    fn lines_count_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }
}
