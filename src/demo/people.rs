//! The demo's customers: names, and contacts from reserved example domains
//! and Ofcom's drama phone ranges only. Pure: the same index, the same person.

use crate::domain::customer::CustomerInput;
use crate::words::{EMAIL_DOMAINS, PEOPLE};

/// The first customers are the studio's regulars, who fill most classes.
pub(super) const REGULARS: usize = 20;

/// Customer `i`'s details: emails at the reserved example domains, phones
/// only from Ofcom's drama ranges (London 020 7946 0xxx, Manchester
/// 0161 496 0xxx); a few have no phone or no email.
pub(super) fn person(i: usize) -> CustomerInput {
    let (first, last) = PEOPLE[i % PEOPLE.len()];
    let clean = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let local = if i % 4 == 3 {
        format!(
            "{}{}",
            clean(first).chars().next().unwrap_or('x'),
            clean(last)
        )
    } else {
        format!("{}.{}", clean(first), clean(last))
    };
    let digits = (i * 37 + 11) % 1000;
    let phone = match (i % 3, i % 5) {
        (2, 0) => format!("+44 161 496 0{digits:03}"),
        (2, _) => format!("0161 496 0{digits:03}"),
        (_, 0) => format!("+44 20 7946 0{digits:03}"),
        _ => format!("020 7946 0{digits:03}"),
    };
    CustomerInput {
        first_name: first.to_owned(),
        last_name: last.to_owned(),
        email: has_email(i).then(|| format!("{local}@{}", EMAIL_DOMAINS[i % EMAIL_DOMAINS.len()])),
        phone: has_phone(i).then_some(phone),
    }
}

/// Whether customer `i` can be booked where the service asks for both.
pub(super) fn has_email_and_phone(i: usize) -> bool {
    has_email(i) && has_phone(i)
}

fn has_email(i: usize) -> bool {
    i % 13 != 9
}

fn has_phone(i: usize) -> bool {
    i % 11 != 6
}
