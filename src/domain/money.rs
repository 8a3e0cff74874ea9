//! Amounts in minor currency units (pence, cents), parsed from and printed as
//! decimal text with the currency's ISO 4217 exponent. Pure.

use super::error::BookingError;
use iso_currency::Currency;
use rust_decimal::Decimal;

/// The ISO 4217 currency for `code` (`GBP`), or an invalid-input error.
pub fn currency(code: &str) -> Result<Currency, BookingError> {
    Currency::from_code(&code.trim().to_ascii_uppercase())
        .ok_or_else(|| BookingError::invalid(format!("unknown currency `{code}`")))
}

fn exponent(code: &str) -> Result<u32, BookingError> {
    Ok(currency(code)?.exponent().map_or(0, u32::from))
}

/// The largest amount slotdesk takes, in major units (1,000,000.00 GBP): far
/// above any one booking, and small enough that minor units of every ISO 4217
/// currency fit an `i64` with room for sums.
pub const MAX_MAJOR_UNITS: i64 = 1_000_000;

/// Parses a plain decimal amount (`45`, `45.5`, `45.00`; surrounding spaces
/// ignored) into minor units of `currency` (4500 for GBP), from 0 to
/// [`MAX_MAJOR_UNITS`] major units.
/// Errors (invalid input): anything but ASCII digits with at most one `.`
/// between digits (no sign, exponent, separators, `NaN`, `.5` or `5.`), more
/// decimals than the currency has, above the maximum, an unknown currency.
pub fn parse_amount(text: &str, currency_code: &str) -> Result<i64, BookingError> {
    let exp = exponent(currency_code)?;
    let shown: String = text
        .chars()
        .take(40)
        .collect::<String>()
        .escape_debug()
        .to_string();
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(BookingError::invalid(
            "amount is empty: give one such as 45 or 45.50",
        ));
    }
    let (whole, fraction) = match trimmed.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (trimmed, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !fraction.is_none_or(digits) {
        return Err(BookingError::invalid(format!(
            "amount `{shown}` is not a plain decimal amount such as 45 or 45.50"
        )));
    }
    let fraction = fraction.unwrap_or("");
    let places = usize::try_from(exp).unwrap_or(usize::MAX);
    if fraction.len() > places {
        return Err(BookingError::invalid(format!(
            "amount `{shown}` has more than {exp} decimal places for {currency_code}"
        )));
    }
    let too_large = || {
        BookingError::invalid(format!(
            "amount `{shown}` is more than the maximum of {MAX_MAJOR_UNITS} {currency_code}"
        ))
    };
    let whole = whole.trim_start_matches('0');
    // Longer than the maximum's digits is over it; shorter always parses.
    if whole.len() > MAX_MAJOR_UNITS.to_string().len() {
        return Err(too_large());
    }
    let scale = 10_i64.checked_pow(exp).ok_or_else(too_large)?;
    let major: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| too_large())?
    };
    let minor_part: i64 = format!("{fraction:0<places$}").parse().unwrap_or(0);
    let minor = major
        .checked_mul(scale)
        .and_then(|m| m.checked_add(minor_part))
        .ok_or_else(too_large)?;
    if minor > MAX_MAJOR_UNITS.saturating_mul(scale) {
        return Err(too_large());
    }
    Ok(minor)
}

/// What a booking owes in minor units: `per_seat` for each of `seats`, plus
/// each of `extras` (add-on prices). Saturates at `i64::MAX` rather than
/// overflowing, so no seat count or price can make it panic or wrap.
pub fn amount_due(per_seat: i64, seats: u32, extras: impl IntoIterator<Item = i64>) -> i64 {
    extras.into_iter().fold(
        per_seat.saturating_mul(i64::from(seats)),
        i64::saturating_add,
    )
}

/// Prints `minor` units of `currency` as decimal text (4500 GBP → `45.00`).
pub fn format_amount(minor: i64, currency_code: &str) -> String {
    let exp = exponent(currency_code).unwrap_or(2);
    Decimal::new(minor, exp).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_into_minor_units_by_currency_exponent() {
        assert_eq!(parse_amount("45.00", "GBP"), Ok(4500));
        assert_eq!(parse_amount("45", "GBP"), Ok(4500));
        assert_eq!(parse_amount("0.5", "EUR"), Ok(50));
        assert_eq!(parse_amount("1200", "JPY"), Ok(1200));
        assert!(parse_amount("12.5", "JPY").is_err());
        assert!(parse_amount("4.999", "GBP").is_err());
        assert!(parse_amount("-1", "GBP").is_err());
        assert!(parse_amount("ten", "GBP").is_err());
        assert!(parse_amount("10", "XYZ").is_err());
    }

    #[test]
    fn amounts_beyond_the_maximum_are_refused_without_a_panic() {
        for huge in [
            "792281625142643375935439504",
            "79228162514264337593543950335",
            "1000000.01",
            "99999999999999999999.99",
        ] {
            let err = parse_amount(huge, "GBP").unwrap_err();
            assert!(err.to_string().contains("1000000"), "{huge}: {err}");
        }
        assert_eq!(parse_amount("1000000", "GBP"), Ok(100_000_000));
        assert_eq!(parse_amount("1000000.00", "GBP"), Ok(100_000_000));
        assert_eq!(parse_amount("1000000", "JPY"), Ok(1_000_000));
    }

    #[test]
    fn only_plain_decimals_are_amounts() {
        for bad in [
            "",
            " ",
            "1e3",
            "1E3",
            "1_000",
            "1,000",
            "NaN",
            "nan",
            "inf",
            "-5",
            "+5",
            "-0",
            ".5",
            "5.",
            "4 5",
            "4. 5",
            "0x10",
            "\u{661}",
            "5\n0",
            "45.00 GBP",
            "£45",
        ] {
            let err = parse_amount(bad, "GBP").unwrap_err();
            assert_eq!(err.kind(), crate::domain::ErrorKind::Invalid, "{bad:?}");
        }
        assert_eq!(parse_amount(" 45.50 ", "GBP"), Ok(4550));
        assert_eq!(parse_amount("0", "GBP"), Ok(0));
        assert_eq!(parse_amount("007.10", "GBP"), Ok(710));
    }

    proptest::proptest! {
        #[test]
        fn the_amount_parser_never_panics(text in ".*", code in "[A-Za-z]{0,4}") {
            let _ = parse_amount(&text, &code);
        }

        #[test]
        fn the_amount_parser_never_panics_on_number_like_text(text in "[-+0-9.eE_, ]{0,40}") {
            let _ = parse_amount(&text, "GBP");
        }

        #[test]
        fn printed_amounts_parse_back(
            minor in 0..=MAX_MAJOR_UNITS * 10_000,
            code in proptest::sample::select(vec!["GBP", "JPY", "BHD", "CLF", "EUR"]),
        ) {
            let exp = exponent(code).unwrap();
            let minor = minor % (MAX_MAJOR_UNITS * 10_i64.pow(exp) + 1);
            proptest::prop_assert_eq!(parse_amount(&format_amount(minor, code), code), Ok(minor));
        }
    }

    #[test]
    fn what_is_due_is_seats_times_price_plus_extras_and_never_overflows() {
        assert_eq!(amount_due(1500, 3, [800, 200]), 5500);
        assert_eq!(amount_due(10_000_000_000, u32::MAX, []), i64::MAX);
        assert_eq!(amount_due(1, 1, [i64::MAX]), i64::MAX);
    }

    #[test]
    fn minor_units_print_with_the_currency_exponent() {
        assert_eq!(format_amount(4500, "GBP"), "45.00");
        assert_eq!(format_amount(5, "GBP"), "0.05");
        assert_eq!(format_amount(1200, "JPY"), "1200");
    }
}
