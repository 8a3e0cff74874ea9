//! The demo's made-up history is not for the hooks: loading it leaves the
//! outbox empty, so a location that configures an SMS hook on a demo
//! database texts no demo customer; what the desk does afterwards is queued
//! as ever.

use super::now;
use crate::demo::load_demo;
use crate::domain::outbox::Target;
use crate::store::Store;

#[test]
fn the_demo_history_is_journalled_but_not_queued_and_a_new_change_is() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("demo.db")).unwrap();
    load_demo(&mut store, now()).unwrap();
    let both = [Target::Command, Target::Url];
    let journal = store.events(None, &crate::domain::EventFilter::default(), 10);
    assert_eq!(journal.unwrap().len(), 10, "the history is journalled");
    assert_eq!(store.outbox_status(&both).unwrap().waiting, 0);
    let customer = store.customers().unwrap()[0].id;
    store
        .edit_customer(
            customer,
            &crate::domain::CustomerPatch {
                first_name: Some("Renamed".into()),
                ..crate::domain::CustomerPatch::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(store.outbox_status(&both).unwrap().waiting, 1);
}
