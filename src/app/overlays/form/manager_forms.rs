//! The forms for what a manager approves — delete, refund, force a status,
//! merge customers — and who is at the desk (sign in, a manager's PIN at a
//! clerk's desk). Pure.

use super::kinds::{
    APPROVER, APPROVER_PIN, CONFIRM_CUSTOMER, CONFIRM_ID, MANAGER, PIN, REASON, STAFF, STATUS,
    YES_NO, booking_line, choice,
};
use super::{Field, FieldKind, Form, FormKind};
use crate::domain::money::format_amount;
use crate::domain::text;
use crate::domain::{Booking, BookingStatus, CustomerSummary};

/// The statuses a manager may force, in the form's order (never `held` or
/// `expired`: time makes and ends holds).
const FORCEABLE: [BookingStatus; 7] = [
    BookingStatus::Confirmed,
    BookingStatus::Pending,
    BookingStatus::CheckedIn,
    BookingStatus::Completed,
    BookingStatus::NoShow,
    BookingStatus::Cancelled,
    BookingStatus::Declined,
];

/// How a manager-only form is approved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Approval {
    /// No staff: whoever is at the desk says whether they are a manager.
    SaysSo,
    /// A manager is signed in.
    SignedIn,
    /// A clerk is signed in: a manager (one of these names) gives their PIN
    /// there and then.
    ManagerPin(Vec<String>),
}

impl Approval {
    /// The fields the form adds for it.
    fn fields(&self) -> Vec<Field> {
        match self {
            Self::SaysSo => vec![Field::new(MANAGER, choice(&YES_NO), true, "no")],
            Self::SignedIn => Vec::new(),
            Self::ManagerPin(managers) => Form::manager_approval(managers),
        }
    }
}

impl Form {
    /// Delete form: type the id, say you are a manager.
    pub fn delete(b: &Booking, when: &str, approval: &Approval, key: String) -> Self {
        let mut fields = vec![Field::new(
            CONFIRM_ID,
            FieldKind::Text { max: 20 },
            true,
            "",
        )];
        fields.extend(approval.fields());
        Self::new(
            FormKind::Delete(b.id),
            "Delete booking (manager)",
            booking_line(b, when),
            fields,
            key,
        )
    }

    /// Cash-up form: sign off `takings` as they stand (`totals` in words),
    /// approved as `approval` says.
    pub fn sign_off(
        takings: &crate::domain::Takings,
        totals: &str,
        approval: &Approval,
        key: String,
    ) -> Self {
        let date = takings.date;
        Self::new(
            FormKind::SignOffTakings(date, takings.totals.clone()),
            "Sign off takings (manager)",
            format!("{} · {totals}", date.format("%a %d %b %Y")),
            approval.fields(),
            key,
        )
    }

    /// Refund form, approved as `approval` says.
    pub fn refund(b: &Booking, when: &str, approval: &Approval, key: String) -> Self {
        let paid = b.payment.amount.map_or_else(
            || "nothing recorded".to_owned(),
            |a| {
                format!(
                    "{} {}",
                    format_amount(a, &b.payment.currency),
                    b.payment.currency
                )
            },
        );
        Self::new(
            FormKind::Refund(b.id),
            "Refund payment (manager)",
            format!("{} · paid {paid}", booking_line(b, when)),
            approval.fields(),
            key,
        )
    }

    /// Force-status form: a status other than `b`'s, a reason, and the
    /// approval `approval` asks for.
    pub fn force_status(b: &Booking, when: &str, approval: &Approval, key: String) -> Self {
        let statuses: Vec<&str> = FORCEABLE
            .iter()
            .filter(|s| **s != b.status)
            .map(|s| s.label())
            .collect();
        let mut fields = vec![
            Field::new(STATUS, choice(&statuses), true, statuses[0]),
            Field::new(
                REASON,
                FieldKind::Text {
                    max: text::FORCE_REASON.max,
                },
                true,
                "",
            ),
        ];
        fields.extend(approval.fields());
        Self::new(
            FormKind::ForceStatus(b.id),
            "Force status (manager)",
            format!("{} · now {}", booking_line(b, when), b.status),
            fields,
            key,
        )
    }

    /// Merge form: `other` into `keep`, confirmed by typing `other`'s id,
    /// approved as `approval` says.
    pub fn merge_customers(
        keep: &CustomerSummary,
        other: &CustomerSummary,
        approval: &Approval,
        key: String,
    ) -> Self {
        let mut fields = vec![Field::new(
            CONFIRM_CUSTOMER,
            FieldKind::Text { max: 20 },
            true,
            "",
        )];
        fields.extend(approval.fields());
        Self::new(
            FormKind::MergeCustomers(keep.id, other.id),
            "Merge customers (manager)",
            format!(
                "{} (#{}) into {} (#{}): the bookings move, #{} is removed",
                other.name, other.id, keep.name, keep.id, other.id
            ),
            fields,
            key,
        )
    }

    /// Sign-in form: a member of `staff` (names) and their PIN.
    pub fn sign_in(staff: &[String]) -> Self {
        let names: Vec<&str> = staff.iter().map(String::as_str).collect();
        let first = names.first().copied().unwrap_or("");
        Self {
            focus: 1,
            ..Self::new(
                FormKind::SignIn,
                "Sign in",
                "who is at the desk? (ctrl-c quits)".to_owned(),
                vec![
                    Field::new(STAFF, choice(&names), true, first),
                    Field::new(PIN, FieldKind::Pin, true, ""),
                ],
                String::new(),
            )
        }
    }

    /// The fields a clerk fills to have a manager approve a manager-only
    /// change there and then: the manager (of `managers`) and their PIN.
    pub fn manager_approval(managers: &[String]) -> Vec<Field> {
        let names: Vec<&str> = managers.iter().map(String::as_str).collect();
        vec![
            Field::new(
                APPROVER,
                choice(&names),
                true,
                names.first().copied().unwrap_or(""),
            ),
            Field::new(APPROVER_PIN, FieldKind::Pin, true, ""),
        ]
    }
}
