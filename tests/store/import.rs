//! Imports through the store: an import writes with the connection's
//! triggers off (no hook hears of imported history, and new customers are
//! indexed for search once, at the end), and every write after it, kept or
//! refused, has them back.
#![allow(clippy::unwrap_used)]

use crate::support::{MONDAY, book_request, customer, now, open, slot};
use slotdesk::domain::import::{ImportedCustomer, RowRefusal};
use slotdesk::domain::outbox::Target;
use slotdesk::store::{ImportOptions, Store};

const BOTH: [Target; 2] = [Target::Command, Target::Url];

fn waiting(store: &Store) -> u64 {
    store.outbox_status(&BOTH).unwrap().waiting
}

fn found(store: &Store, text: &str) -> Vec<String> {
    store
        .find_customers(text, now(), 50)
        .unwrap()
        .into_iter()
        .map(|m| format!("{} {}", m.customer.first_name, m.customer.last_name))
        .collect()
}

fn row(line: u64, first: &str, last: &str) -> ImportedCustomer {
    ImportedCustomer {
        line,
        key: Some(format!("customer:{line}")),
        input: customer(
            first,
            last,
            &format!("{first}.{last}@example.com").to_lowercase(),
        ),
    }
}

fn import(store: &mut Store, rows: Vec<Result<ImportedCustomer, RowRefusal>>) -> bool {
    store
        .import_customers(rows, &ImportOptions::default(), now(), &mut |_| {})
        .unwrap()
        .applied
}

#[test]
fn imported_customers_are_found_reach_no_hook_and_later_writes_have_their_triggers() {
    let (_dir, mut store) = open();
    let queued = waiting(&store);
    assert!(import(
        &mut store,
        vec![Ok(row(2, "Zoë", "Brontë")), Ok(row(3, "Seán", "O'Brien"))]
    ));
    assert_eq!(found(&store, "bront"), ["Zoë Brontë"]);
    assert_eq!(found(&store, "brien"), ["Seán O'Brien"]);
    assert_eq!(waiting(&store), queued, "imported history is not news");

    // A refused file is rolled back whole, and its triggers come back too.
    let refused = vec![
        Ok(row(2, "Ada", "Lovelace")),
        Err(RowRefusal {
            line: 3,
            reason: "not a date".into(),
        }),
    ];
    assert!(!import(&mut store, refused));
    assert!(found(&store, "lovelace").is_empty());

    // The desk's own write on the same connection: queued and searchable.
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let who = customer("Grace", "Hopper", "grace@example.com");
    store.book(&book_request(physio, who), now()).unwrap();
    assert_eq!(found(&store, "hopper"), ["Grace Hopper"]);
    assert!(waiting(&store) > queued, "the booking's events are queued");
}
