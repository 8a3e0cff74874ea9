//! Money as the desk shows it: an amount in minor units with its
//! currency's sign or code. Pure.

use crate::domain::money::format_amount;

/// `minor` units of `currency` with its sign: `£65.00`, `€9.50`, `65.00 CHF`.
pub fn amount(minor: i64, currency: &str) -> String {
    let amount = format_amount(minor, currency);
    match currency {
        "GBP" => format!("£{amount}"),
        "EUR" => format!("€{amount}"),
        "USD" => format!("${amount}"),
        other => format!("{amount} {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_carry_their_currency_sign_or_code() {
        assert_eq!(amount(6500, "GBP"), "£65.00");
        assert_eq!(amount(950, "EUR"), "€9.50");
        assert_eq!(amount(6500, "CHF"), "65.00 CHF");
    }
}
