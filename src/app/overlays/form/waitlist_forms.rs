//! The waitlist's forms: joining a full slot's queue (the customer picker,
//! seats) and choosing who leaves it. Pure.

use super::kinds::{PARTICIPANTS, WHO_LEAVES, contact_for, customer_fields, slot_line};
use super::{Field, FieldKind, Form, FormKind, Picker};
use crate::domain::availability::Slot;
use crate::domain::catalog::Service;
use crate::domain::waitlist::ordinal;
use crate::domain::{WaitlistEntry, WaitlistEntryId, WaitlistStatus};

/// A queue entry as the leave form lists it: `#7 Ada Lovelace (1st)`,
/// `#8 Bob Lee (offered)`.
fn entry_label(e: &WaitlistEntry) -> String {
    let place = match (e.status, e.position) {
        (WaitlistStatus::Waiting, Some(n)) => ordinal(n),
        (status, _) => status.as_str().to_owned(),
    };
    format!("#{} {} ({place})", e.id, e.customer.name)
}

/// The entry a leave form's choice names (its `#ID` at the front).
pub(super) fn entry_chosen(label: &str) -> Option<WaitlistEntryId> {
    let digits: String = label
        .strip_prefix('#')?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok().map(WaitlistEntryId)
}

impl Form {
    /// Join the waitlist of the full `slot` of `service`, behind `waiting`
    /// others: a customer on file (the picker) or typed, and the seats.
    pub fn join_waitlist(
        slot: &Slot,
        service: &Service,
        when: &str,
        waiting: usize,
        key: String,
    ) -> Self {
        let mut fields = customer_fields(None, Some(contact_for(service)));
        fields.push(Field::new(
            PARTICIPANTS,
            FieldKind::Number {
                min: 1,
                max: slot.occurrence.capacity.max(1),
            },
            true,
            "1",
        ));
        let behind = match waiting {
            0 => "nobody waiting yet".to_owned(),
            n => format!("{n} waiting"),
        };
        Self {
            picker: Some(Picker::default()),
            ..Self::new(
                FormKind::JoinWaitlist(slot.occurrence.slot_ref()),
                "Join the waitlist",
                format!("{} · {behind}", slot_line(slot, when)),
                fields,
                key,
            )
        }
    }

    /// Choose who leaves `slot`'s queue (`queue` in order, not empty).
    pub fn leave_waitlist(slot: &Slot, queue: &[WaitlistEntry], when: &str, key: String) -> Self {
        let labels: Vec<String> = queue.iter().map(entry_label).collect();
        let first = labels.first().cloned().unwrap_or_default();
        Self::new(
            FormKind::LeaveWaitlist(slot.occurrence.slot_ref()),
            "Leave the waitlist",
            slot_line(slot, when),
            vec![Field::new(
                WHO_LEAVES,
                FieldKind::Choice(labels),
                true,
                &first,
            )],
            key,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choice_names_its_entry_by_id() {
        assert_eq!(
            entry_chosen("#17 Ada Lovelace (1st)"),
            Some(WaitlistEntryId(17))
        );
        assert_eq!(entry_chosen("Ada"), None);
        assert_eq!(entry_chosen("#x"), None);
    }
}
