//! Takings: one local day's payments and refunds by method (cash, card,
//! voucher, other) with totals per currency, and the manager's cash-up
//! sign-off (Boseat `PAID` / `REFUNDED` as money in the till). Amounts are
//! minor units; refunds and voided payments subtract. Pure: built from the
//! journal's entries, which the store reads.

use super::ids::{BookingId, EventId};
use super::status::PaymentMethod;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What one journal entry did to the till.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoneyMove {
    /// A payment taken (`booking.paid`): adds.
    Payment,
    /// A payment refunded (`booking.refunded`): subtracts.
    Refund,
    /// A payment undone as a mistake (`booking.undone` of a payment):
    /// subtracts, like a refund.
    Voided,
}

/// One payment, refund or void on the day, from the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TakingsEntry {
    /// The event that recorded it.
    pub event_id: EventId,
    /// When, UTC.
    pub at: DateTime<Utc>,
    pub booking_id: BookingId,
    pub kind: MoneyMove,
    pub method: PaymentMethod,
    /// ISO 4217 code.
    pub currency: String,
    /// Minor units, always positive; [`TakingsEntry::signed`] gives the sign.
    pub amount: i64,
    /// Who recorded it (a staff member's name), when known.
    pub staff: Option<String>,
}

impl TakingsEntry {
    /// The amount as it counts in the till: positive for a payment,
    /// negative for a refund or a void.
    pub fn signed(&self) -> i64 {
        match self.kind {
            MoneyMove::Payment => self.amount,
            MoneyMove::Refund | MoneyMove::Voided => -self.amount,
        }
    }
}

/// One method's takings in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodTakings {
    pub method: PaymentMethod,
    /// ISO 4217 code.
    pub currency: String,
    /// How many payments.
    pub payments: u32,
    /// Their sum, minor units.
    pub taken: i64,
    /// How many refunds and voids.
    pub refunds: u32,
    /// Their sum, minor units (positive: what went back).
    pub refunded: i64,
    /// `taken - refunded`, minor units.
    pub net: i64,
}

/// One currency's totals over every method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrencyTotal {
    /// ISO 4217 code.
    pub currency: String,
    /// Payments, minor units.
    pub taken: i64,
    /// Refunds and voids, minor units (positive).
    pub refunded: i64,
    /// `taken - refunded`, minor units.
    pub net: i64,
}

/// A manager's cash-up sign-off of a day (event `takings.signed_off`),
/// with the totals as they stood then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    /// The event that recorded it.
    pub event_id: EventId,
    /// When, UTC.
    pub at: DateTime<Utc>,
    /// The manager, by name, when staff exist.
    pub staff: Option<String>,
    /// The per-currency totals signed for.
    pub totals: Vec<CurrencyTotal>,
}

/// The payload of a `takings.signed_off` event: the day and what was
/// signed for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TakingsSigned {
    /// The local date signed off.
    pub date: NaiveDate,
    pub by_method: Vec<MethodTakings>,
    pub totals: Vec<CurrencyTotal>,
}

/// One local day's takings at the location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Takings {
    /// The local date (the location's zone decides which payments fall in it).
    pub date: NaiveDate,
    /// By method then currency, methods in the order cash, card, voucher,
    /// other; only those with entries.
    pub by_method: Vec<MethodTakings>,
    /// Per currency, in code order; only those with entries.
    pub totals: Vec<CurrencyTotal>,
    /// Every payment, refund and void, oldest first.
    pub entries: Vec<TakingsEntry>,
    /// The day's latest sign-off, if any.
    pub signed_off: Option<SignOff>,
}

/// The order methods are listed in.
const METHODS: [PaymentMethod; 4] = [
    PaymentMethod::Cash,
    PaymentMethod::Card,
    PaymentMethod::Voucher,
    PaymentMethod::Other,
];

fn method_rank(method: PaymentMethod) -> usize {
    METHODS
        .iter()
        .position(|m| *m == method)
        .unwrap_or(METHODS.len())
}

impl Takings {
    /// The day's takings from its entries (in any order; kept oldest first)
    /// and its latest sign-off.
    pub fn from_entries(
        date: NaiveDate,
        mut entries: Vec<TakingsEntry>,
        signed_off: Option<SignOff>,
    ) -> Self {
        entries.sort_by_key(|e| (e.at, e.event_id));
        let mut by_method: Vec<MethodTakings> = Vec::new();
        for e in &entries {
            let line = match by_method
                .iter_mut()
                .position(|l| l.method == e.method && l.currency == e.currency)
            {
                Some(i) => &mut by_method[i],
                None => {
                    by_method.push(MethodTakings {
                        method: e.method,
                        currency: e.currency.clone(),
                        payments: 0,
                        taken: 0,
                        refunds: 0,
                        refunded: 0,
                        net: 0,
                    });
                    let last = by_method.len() - 1;
                    &mut by_method[last]
                }
            };
            match e.kind {
                MoneyMove::Payment => {
                    line.payments += 1;
                    line.taken += e.amount;
                }
                MoneyMove::Refund | MoneyMove::Voided => {
                    line.refunds += 1;
                    line.refunded += e.amount;
                }
            }
            line.net += e.signed();
        }
        by_method.sort_by(|a, b| {
            (method_rank(a.method), &a.currency).cmp(&(method_rank(b.method), &b.currency))
        });
        let mut totals: Vec<CurrencyTotal> = Vec::new();
        for line in &by_method {
            match totals.iter_mut().find(|t| t.currency == line.currency) {
                Some(t) => {
                    t.taken += line.taken;
                    t.refunded += line.refunded;
                    t.net += line.net;
                }
                None => totals.push(CurrencyTotal {
                    currency: line.currency.clone(),
                    taken: line.taken,
                    refunded: line.refunded,
                    net: line.net,
                }),
            }
        }
        totals.sort_by(|a, b| a.currency.cmp(&b.currency));
        Self {
            date,
            by_method,
            totals,
            entries,
            signed_off,
        }
    }

    /// The net total in `currency`, minor units (0 when nothing was taken in it).
    pub fn net(&self, currency: &str) -> i64 {
        self.totals
            .iter()
            .find(|t| t.currency == currency)
            .map_or(0, |t| t.net)
    }

    /// Whether the day is signed off for the totals as they stand now
    /// (`false` when unsigned, or when money moved after the sign-off).
    pub fn signed_off_as_it_stands(&self) -> bool {
        self.signed_off
            .as_ref()
            .is_some_and(|s| s.totals == self.totals)
    }

    /// The payload a sign-off of these takings records.
    pub fn to_signed(&self) -> TakingsSigned {
        TakingsSigned {
            date: self.date,
            by_method: self.by_method.clone(),
            totals: self.totals.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(
        id: i64,
        kind: MoneyMove,
        method: PaymentMethod,
        currency: &str,
        amount: i64,
    ) -> TakingsEntry {
        TakingsEntry {
            event_id: EventId(id),
            at: DateTime::from_timestamp(1_780_000_000 + id, 0).unwrap(),
            booking_id: BookingId(id),
            kind,
            method,
            currency: currency.to_owned(),
            amount,
            staff: None,
        }
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    #[test]
    fn refunds_and_voids_subtract_per_method_and_currency() {
        use MoneyMove::{Payment, Refund, Voided};
        use PaymentMethod::{Card, Cash, Voucher};
        let t = Takings::from_entries(
            day(),
            vec![
                entry(4, Refund, Card, "GBP", 5500),
                entry(1, Payment, Card, "GBP", 5500),
                entry(2, Payment, Cash, "GBP", 1200),
                entry(3, Payment, Card, "EUR", 3000),
                entry(5, Payment, Voucher, "GBP", 6000),
                entry(6, Voided, Voucher, "GBP", 6000),
                entry(7, Payment, Card, "GBP", 2000),
            ],
            None,
        );
        let lines: Vec<_> = t
            .by_method
            .iter()
            .map(|l| (l.method, l.currency.as_str(), l.payments, l.refunds, l.net))
            .collect();
        assert_eq!(
            lines,
            [
                (Cash, "GBP", 1, 0, 1200),
                (Card, "EUR", 1, 0, 3000),
                (Card, "GBP", 2, 1, 2000),
                (Voucher, "GBP", 1, 1, 0),
            ]
        );
        assert_eq!(t.net("GBP"), 3200);
        assert_eq!(t.net("EUR"), 3000);
        assert_eq!(t.net("USD"), 0);
        let gbp = &t.totals[1];
        assert_eq!((gbp.taken, gbp.refunded, gbp.net), (14_700, 11_500, 3200));
        assert_eq!(t.entries[0].event_id, EventId(1));
    }

    #[test]
    fn a_sign_off_stands_only_while_the_totals_are_unchanged() {
        let mut t = Takings::from_entries(
            day(),
            vec![entry(
                1,
                MoneyMove::Payment,
                PaymentMethod::Cash,
                "GBP",
                1000,
            )],
            None,
        );
        assert!(!t.signed_off_as_it_stands());
        t.signed_off = Some(SignOff {
            event_id: EventId(9),
            at: DateTime::from_timestamp(1_780_001_000, 0).unwrap(),
            staff: Some("Morgan Lead".into()),
            totals: t.totals.clone(),
        });
        assert!(t.signed_off_as_it_stands());
        let later = Takings::from_entries(
            day(),
            vec![
                entry(1, MoneyMove::Payment, PaymentMethod::Cash, "GBP", 1000),
                entry(2, MoneyMove::Refund, PaymentMethod::Cash, "GBP", 1000),
            ],
            t.signed_off.clone(),
        );
        assert!(!later.signed_off_as_it_stands());
    }
}
