//! Amounts in minor currency units (pence, cents), parsed from and printed as
//! decimal text with the currency's ISO 4217 exponent. Pure.

use super::error::BookingError;
use iso_currency::Currency;
use rust_decimal::Decimal;
use std::str::FromStr;

/// The ISO 4217 currency for `code` (`GBP`), or an invalid-input error.
pub fn currency(code: &str) -> Result<Currency, BookingError> {
    Currency::from_code(&code.trim().to_ascii_uppercase())
        .ok_or_else(|| BookingError::invalid(format!("unknown currency `{code}`")))
}

fn exponent(code: &str) -> Result<u32, BookingError> {
    Ok(currency(code)?.exponent().map_or(0, u32::from))
}

/// Parses a decimal amount (`45`, `45.5`, `45.00`) into minor units of
/// `currency` (4500 for GBP). Refuses negatives and more decimals than the
/// currency has.
pub fn parse_amount(text: &str, currency_code: &str) -> Result<i64, BookingError> {
    let exp = exponent(currency_code)?;
    let bad = || BookingError::invalid(format!("amount `{text}` is not a valid amount"));
    let value = Decimal::from_str(text.trim()).map_err(|_| bad())?;
    if value.is_sign_negative() {
        return Err(BookingError::invalid("amount cannot be negative"));
    }
    if value.normalize().scale() > exp {
        return Err(BookingError::invalid(format!(
            "amount `{text}` has more than {exp} decimal places for {currency_code}"
        )));
    }
    let minor = value * Decimal::from(10_i64.pow(exp));
    i64::try_from(minor.trunc().mantissa() / 10_i128.pow(minor.trunc().scale())).map_err(|_| bad())
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
    fn minor_units_print_with_the_currency_exponent() {
        assert_eq!(format_amount(4500, "GBP"), "45.00");
        assert_eq!(format_amount(5, "GBP"), "0.05");
        assert_eq!(format_amount(1200, "JPY"), "1200");
    }
}
