//! Participant choices (Wix `participantsChoices`): a service's price tiers
//! (adult, child, concession, …) and a booking's count per tier. The
//! booking's participants is the sum of its counts and its price the sum of
//! count × tier price; a tier the service does not have is refused (Wix
//! `INVALID_SERVICE_CHOICES`). Pure.

use super::error::BookingError;
use serde::{Deserialize, Serialize};

/// A price tier of a service, as the catalog gives it
/// (`[[services.choices]] key = "child" name = "Child" price = "8.00"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Stable key, what `--choice KEY=COUNT` names.
    pub key: String,
    /// For people.
    pub name: String,
    /// Price of one participant of this tier, minor units of the service's
    /// currency.
    pub price: i64,
}

/// How many of one tier a booking takes, at the tier's price when booked
/// (`booking --json`: `choices: [{key, name, count, price}]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceLine {
    pub key: String,
    pub name: String,
    /// Participants of this tier, 0 to the slot's capacity.
    pub count: u32,
    /// Price of one, minor units.
    pub price: i64,
}

/// The counts asked for, checked against the service's `tiers`: every key
/// one of them (any case), none twice, each count at most `capacity`.
/// Lines come back in the catalog's order, zero counts left out.
/// Errors (invalid input): `unknown choice 'teen' for Family swim: choose
/// adult, child`, a key given twice, a count over capacity.
pub fn resolve(
    tiers: &[Choice],
    service_name: &str,
    asked: &[(String, u32)],
    capacity: u32,
) -> Result<Vec<ChoiceLine>, BookingError> {
    let mut counts = vec![None::<u32>; tiers.len()];
    for (key, count) in asked {
        let key = key.trim();
        let Some(i) = tiers.iter().position(|t| t.key.eq_ignore_ascii_case(key)) else {
            return Err(unknown(tiers, service_name, key));
        };
        if counts[i].is_some() {
            return Err(BookingError::invalid(format!(
                "choice '{}' is given twice",
                tiers[i].key
            )));
        }
        if *count > capacity {
            return Err(BookingError::invalid(format!(
                "choice '{}' must be 0 to {capacity} (the slot's capacity)",
                tiers[i].key
            )));
        }
        counts[i] = Some(*count);
    }
    Ok(tiers
        .iter()
        .zip(counts)
        .filter_map(|(t, c)| {
            c.filter(|n| *n > 0).map(|count| ChoiceLine {
                key: t.key.clone(),
                name: t.name.clone(),
                count,
                price: t.price,
            })
        })
        .collect())
}

fn unknown(tiers: &[Choice], service_name: &str, key: &str) -> BookingError {
    let shown: String = key.chars().filter(|c| !c.is_control()).take(40).collect();
    if tiers.is_empty() {
        return BookingError::invalid(format!(
            "unknown choice '{shown}' for {service_name}: it has no choices"
        ));
    }
    let keys: Vec<&str> = tiers.iter().map(|t| t.key.as_str()).collect();
    BookingError::invalid(format!(
        "unknown choice '{shown}' for {service_name}: choose {}",
        keys.join(", ")
    ))
}

/// Participants the lines add up to (never overflows: counts are at most a
/// slot's capacity, summed wide).
pub fn participants(lines: &[ChoiceLine]) -> u64 {
    lines.iter().map(|l| u64::from(l.count)).sum()
}

/// What the lines cost together, minor units (saturating).
pub fn total(lines: &[ChoiceLine]) -> i64 {
    lines.iter().fold(0_i64, |sum, l| {
        sum.saturating_add(l.price.saturating_mul(i64::from(l.count)))
    })
}

/// The participants a booking with choices takes: their sum, which a
/// `given` count must agree with.
/// Errors (invalid input): no participant at all, a `given` that disagrees,
/// a sum over `capacity`.
pub fn participants_of(
    lines: &[ChoiceLine],
    given: Option<u32>,
    capacity: u32,
) -> Result<u32, BookingError> {
    let sum = participants(lines);
    if let Some(g) = given
        && u64::from(g) != sum
    {
        return Err(BookingError::invalid(format!(
            "participants {g} disagrees with the choices, which add up to {sum}"
        )));
    }
    match u32::try_from(sum) {
        Ok(0) => Err(BookingError::invalid(
            "the choices add up to no participants: give at least one a count",
        )),
        Ok(n) if n <= capacity => Ok(n),
        _ => Err(BookingError::invalid(format!(
            "the choices add up to {sum} participants; the slot's capacity is {capacity}"
        ))),
    }
}

/// One `KEY=COUNT` as typed (`child=2`). Errors: the form it takes, or a
/// count that is not a whole number 0 to 4,294,967,295.
pub fn parse_pair(typed: &str) -> Result<(String, u32), String> {
    let shown: String = typed.chars().filter(|c| !c.is_control()).take(40).collect();
    let Some((key, count)) = typed.split_once('=') else {
        return Err(format!("choice '{shown}' is not of the form 'KEY=COUNT'"));
    };
    let key = key.trim();
    if key.is_empty() {
        return Err(format!(
            "choice '{shown}' names no tier: it takes the form 'KEY=COUNT'"
        ));
    }
    let count = count.trim().parse::<u32>().map_err(|_| {
        format!("choice '{shown}': the count must be a whole number from 0 to the slot's capacity")
    })?;
    Ok((key.to_owned(), count))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiers() -> Vec<Choice> {
        vec![
            Choice {
                key: "adult".into(),
                name: "Adult".into(),
                price: 1200,
            },
            Choice {
                key: "child".into(),
                name: "Child".into(),
                price: 800,
            },
        ]
    }

    #[test]
    fn counts_resolve_in_catalog_order_and_sum_to_participants_and_price() {
        let asked = vec![("child".to_owned(), 2), ("Adult".to_owned(), 1)];
        let lines = resolve(&tiers(), "Family swim", &asked, 8).unwrap();
        assert_eq!(lines[0].key, "adult");
        assert_eq!(lines[1].count, 2);
        assert_eq!(participants(&lines), 3);
        assert_eq!(total(&lines), 1200 + 2 * 800);
        assert_eq!(participants_of(&lines, None, 8), Ok(3));
        assert_eq!(participants_of(&lines, Some(3), 8), Ok(3));
    }

    #[test]
    fn an_unknown_tier_names_the_ones_there_are() {
        let e = resolve(&tiers(), "Family swim", &[("teen".into(), 1)], 8).unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown choice 'teen' for Family swim: choose adult, child"
        );
        let e = resolve(&[], "Physio", &[("child".into(), 1)], 1).unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown choice 'child' for Physio: it has no choices"
        );
    }

    #[test]
    fn twice_over_capacity_disagreeing_or_empty_are_refused() {
        let twice = vec![("child".to_owned(), 1), ("CHILD".to_owned(), 1)];
        assert!(resolve(&tiers(), "F", &twice, 8).is_err());
        assert!(resolve(&tiers(), "F", &[("child".into(), 9)], 8).is_err());
        assert!(resolve(&tiers(), "F", &[("child".into(), u32::MAX)], 8).is_err());
        let lines = resolve(&tiers(), "F", &[("child".into(), 2)], 8).unwrap();
        assert!(participants_of(&lines, Some(3), 8).is_err());
        assert!(participants_of(&lines, Some(1), 1).is_err());
        let none = resolve(&tiers(), "F", &[("child".into(), 0)], 8).unwrap();
        assert!(none.is_empty());
        assert!(participants_of(&none, None, 8).is_err());
    }

    #[test]
    fn typed_pairs_take_only_key_equals_a_whole_count() {
        assert_eq!(parse_pair("child=2"), Ok(("child".into(), 2)));
        assert_eq!(parse_pair(" child = 0 "), Ok(("child".into(), 0)));
        for bad in [
            "child=-1",
            "child=99999999999",
            "=2",
            "child",
            "child=",
            "child=2.5",
        ] {
            assert!(parse_pair(bad).is_err(), "{bad}");
        }
        assert!(!parse_pair("\u{7}x").unwrap_err().contains('\u{7}'));
    }

    #[test]
    fn totals_saturate_instead_of_overflowing() {
        let lines = vec![ChoiceLine {
            key: "a".into(),
            name: "A".into(),
            count: u32::MAX,
            price: i64::MAX,
        }];
        assert_eq!(total(&lines), i64::MAX);
    }
}
