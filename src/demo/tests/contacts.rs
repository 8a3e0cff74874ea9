//! The demo's customers have contacts only from reserved ranges, and every
//! booking answers its service's required questions.

use super::{all_bookings, demo};
use crate::words::EMAIL_DOMAINS as DOMAINS;

#[test]
fn customers_have_valid_contacts_from_reserved_ranges() {
    let (_dir, store, _) = demo();
    for c in store.customers().unwrap() {
        if let Some(p) = &c.phone {
            assert!(
                p.starts_with("+442079460") || p.starts_with("+441614960"),
                "{p}"
            );
        }
        if let Some(e) = &c.email {
            assert!(DOMAINS.iter().any(|d| e.ends_with(&format!("@{d}"))), "{e}");
        }
    }
    let bookings = all_bookings(&store);
    let services = store.services().unwrap();
    for b in bookings.iter().filter(|b| b.customer.is_some()) {
        let s = services.iter().find(|s| s.id == b.service_id).unwrap();
        for q in s.questions.iter().filter(|q| q.required) {
            assert!(
                b.answers.iter().any(|a| a.name == q.name),
                "booking {} lacks {}",
                b.id,
                q.name
            );
        }
    }
}
