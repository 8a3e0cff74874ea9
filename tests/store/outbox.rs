//! The outbox through the store: every event queued in its own write's
//! transaction (and nothing for a refused one), claims with leases that keep
//! two deliverers off one event, a failure's backoff, retry, and an event
//! leaving the outbox once every target has it.
#![allow(clippy::unwrap_used)]

use crate::support::{MONDAY, all_events, book_request, jane, john, now, open, rule_error, slot};
use chrono::Duration;
use slotdesk::domain::outbox::Target;
use slotdesk::domain::{BookingError, EventId};
use slotdesk::store::Store;

const BOTH: [Target; 2] = [Target::Command, Target::Url];

fn waiting_ids(store: &Store, target: Target) -> Vec<EventId> {
    store
        .deliveries(&[target], 1000)
        .unwrap()
        .iter()
        .map(|d| d.event_id)
        .collect()
}

/// Delivers everything waiting for both targets (the catalog's event).
fn drain(store: &mut Store) {
    for t in BOTH {
        while let Some(c) = store
            .claim_delivery(t, "test", Duration::minutes(1), now())
            .unwrap()
        {
            store.delivered(c.event.id, t, &BOTH, now()).unwrap();
        }
    }
    assert_eq!(store.outbox_status(&BOTH).unwrap().waiting, 0);
}

#[test]
fn every_event_is_queued_by_its_own_write_and_a_refused_write_queues_nothing() {
    let (_dir, mut store) = open();
    drain(&mut store);
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    store.book(&book_request(physio, jane()), now()).unwrap();
    let written: Vec<EventId> = all_events(&store).iter().skip(1).map(|e| e.id).collect();
    assert!(!written.is_empty());
    assert_eq!(waiting_ids(&store, Target::Command), written);
    assert_eq!(waiting_ids(&store, Target::Url), written);
    let full = store.book(&book_request(physio, john()), now());
    assert_eq!(rule_error(full), BookingError::SlotFull);
    assert_eq!(waiting_ids(&store, Target::Command), written);
    // A batch that fails part-way queues none of what it wrote.
    let failed = store.batch(|s| {
        s.book(
            &book_request(slot(s, "physio", "ana", "10:00", MONDAY), john()),
            now(),
        )?;
        Err::<(), _>(BookingError::SlotFull.into())
    });
    assert!(failed.is_err());
    assert_eq!(waiting_ids(&store, Target::Command), written);
}

#[test]
fn a_claim_keeps_other_deliverers_off_the_event_until_its_lease_ends() {
    let (_dir, mut store) = open();
    let first = store
        .claim_delivery(Target::Url, "desk-a", Duration::minutes(1), now())
        .unwrap()
        .unwrap();
    assert_eq!(first.attempts, 0);
    assert_eq!(first.event.kind.as_str(), "catalog.applied");
    // Only one event waits: the second desk finds nothing to do.
    let other = store.claim_delivery(Target::Url, "desk-b", Duration::minutes(1), now());
    assert!(other.unwrap().is_none());
    // The command target has its own state: it may have the event.
    let command = store.claim_delivery(Target::Command, "desk-b", Duration::minutes(1), now());
    assert_eq!(command.unwrap().unwrap().event.id, first.event.id);
    // desk-a was killed mid-delivery: once its lease ends, desk-b has it.
    let later = now() + Duration::minutes(1);
    let taken = store
        .claim_delivery(Target::Url, "desk-b", Duration::minutes(1), later)
        .unwrap()
        .unwrap();
    assert_eq!(taken.event.id, first.event.id);
    let shown = store.deliveries(&[Target::Url], 10).unwrap();
    assert_eq!(shown[0].leased_until, Some(later + Duration::minutes(1)));
}

#[test]
fn a_failure_waits_its_backoff_and_retry_makes_it_due_now() {
    let (_dir, mut store) = open();
    let lease = Duration::minutes(1);
    let c = store
        .claim_delivery(Target::Url, "d", lease, now())
        .unwrap()
        .unwrap();
    let after = store
        .delivery_failed(
            c.event.id,
            Target::Url,
            "cannot reach\nhttp://127.0.0.1:9: refused",
            now(),
        )
        .unwrap()
        .unwrap();
    assert_eq!(after.attempts, 1);
    assert_eq!(after.next_attempt_at, Some(now() + Duration::seconds(30)));
    assert_eq!(
        after.last_error.as_deref(),
        Some("cannot reach http://127.0.0.1:9: refused")
    );
    assert_eq!(after.leased_until, None);
    let status = store.outbox_status(&[Target::Url]).unwrap();
    assert_eq!((status.waiting, status.failing), (1, 1));
    assert!(status.last_error.unwrap().starts_with("url: cannot reach"));
    let early = now() + Duration::seconds(29);
    assert!(
        store
            .claim_delivery(Target::Url, "d", lease, early)
            .unwrap()
            .is_none()
    );
    let due = now() + Duration::seconds(30);
    let again = store
        .claim_delivery(Target::Url, "d", lease, due)
        .unwrap()
        .unwrap();
    assert_eq!(again.attempts, 1);
    store
        .delivery_failed(again.event.id, Target::Url, &"x".repeat(10_000), due)
        .unwrap();
    let shown = &store.deliveries(&[Target::Url], 10).unwrap()[0];
    assert_eq!(shown.attempts, 2);
    assert_eq!(shown.next_attempt_at, Some(due + Duration::seconds(60)));
    assert_eq!(shown.last_error.as_ref().unwrap().chars().count(), 500);
    // Retry: due now, whatever the backoff said; the status still reads
    // (a failed delivery due now has no next attempt time).
    assert_eq!(store.retry_deliveries(Some(again.event.id)).unwrap(), 1);
    let status = store.outbox_status(&[Target::Url]).unwrap();
    assert_eq!(status.failing, 1);
    assert!(status.last_error.is_some_and(|e| e.starts_with("url: xxx")));
    assert!(
        store
            .claim_delivery(Target::Url, "d", lease, due)
            .unwrap()
            .is_some()
    );
    assert_eq!(store.retry_deliveries(None).unwrap(), 1, "the lease let go");
    assert_eq!(
        rule_error(store.retry_deliveries(Some(EventId(999_999)))),
        BookingError::EventNotFound
    );
}

#[test]
fn an_event_leaves_the_outbox_once_every_target_has_it() {
    let (_dir, mut store) = open();
    let lease = Duration::minutes(1);
    let c = store
        .claim_delivery(Target::Command, "d", lease, now())
        .unwrap()
        .unwrap();
    store
        .delivered(c.event.id, Target::Command, &BOTH, now())
        .unwrap();
    assert!(waiting_ids(&store, Target::Command).is_empty());
    assert_eq!(waiting_ids(&store, Target::Url), [c.event.id]);
    assert_eq!(store.outbox_status(&BOTH).unwrap().waiting, 1);
    let u = store
        .claim_delivery(Target::Url, "d", lease, now())
        .unwrap()
        .unwrap();
    store
        .delivered(u.event.id, Target::Url, &BOTH, now())
        .unwrap();
    assert_eq!(store.outbox_status(&BOTH).unwrap().waiting, 0);
    assert!(
        store
            .claim_delivery(Target::Url, "d", lease, now())
            .unwrap()
            .is_none()
    );
    // The event itself stays in the journal.
    assert_eq!(all_events(&store).len(), 1);
    assert_eq!(store.retry_deliveries(Some(c.event.id)).unwrap(), 0);
}

#[test]
fn an_offline_target_rests_for_its_backoff_and_a_success_wakes_it() {
    let (_dir, mut store) = open();
    let lease = Duration::minutes(1);
    store
        .book(
            &book_request(slot(&store, "physio", "ana", "09:00", MONDAY), jane()),
            now(),
        )
        .unwrap();
    let waiting = waiting_ids(&store, Target::Url);
    assert!(waiting.len() >= 2);
    let first = store
        .claim_delivery(Target::Url, "d", lease, now())
        .unwrap()
        .unwrap();
    store
        .delivery_failed(first.event.id, Target::Url, "refused", now())
        .unwrap();
    // The next event was never tried, but the receiver is down: it waits.
    let soon = now() + Duration::seconds(10);
    assert!(
        store
            .claim_delivery(Target::Url, "d", lease, soon)
            .unwrap()
            .is_none()
    );
    // The command target is not resting.
    assert!(
        store
            .claim_delivery(Target::Command, "d", lease, soon)
            .unwrap()
            .is_some()
    );
    let rested = now() + Duration::seconds(30);
    let again = store
        .claim_delivery(Target::Url, "d", lease, rested)
        .unwrap()
        .unwrap();
    assert_eq!(again.event.id, first.event.id, "the oldest first");
    store
        .delivered(again.event.id, Target::Url, &[Target::Url], rested)
        .unwrap();
    let next = store
        .claim_delivery(Target::Url, "d", lease, rested)
        .unwrap()
        .unwrap();
    assert_eq!(next.event.id, waiting[1]);
}
