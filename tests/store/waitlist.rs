//! The waitlist on a real SQLite file: joining only a full slot, offers made
//! in the transaction that frees a seat (cancel, lapse, move, no-show), a
//! lapsed offer passing to the next in line, the taken-off rule, and two
//! connections freeing seats at once never offering one seat twice.
#![allow(clippy::unwrap_used)]

use crate::support::{
    MONDAY, at, book_request, counts, customer, event_count, hold_request, kinds_after, now, open,
    rule_error, slot,
};
use chrono::{DateTime, Duration, Utc};
use slotdesk::domain::{
    Booking, BookingError, BookingFor, BookingStatus, SlotRef, Transition, WaitlistEntry,
    WaitlistStatus,
};
use slotdesk::store::{Store, WaitlistRequest};

/// The Monday 18:00 yoga class (capacity 3) in the studio.
fn class(store: &Store) -> SlotRef {
    slot(store, "yoga", "studio", "18:00", MONDAY)
}

/// A person with a phone the desk can call.
fn person(first: &str) -> slotdesk::domain::customer::CustomerInput {
    let mut c = customer(
        first,
        "Waiting",
        &format!("{}@example.com", first.to_lowercase()),
    );
    c.phone = Some("020 7946 0018".into());
    c
}

/// Books the class full: three confirmed seats, returned.
fn fill(store: &mut Store, slot: SlotRef) -> Vec<Booking> {
    ["Ann", "Bea", "Cat"]
        .iter()
        .map(|n| {
            store
                .book(
                    &book_request(slot, customer(n, "Seated", &format!("{n}@seated.example"))),
                    now(),
                )
                .unwrap()
        })
        .collect()
}

fn join(
    store: &mut Store,
    slot: SlotRef,
    first: &str,
    seats: u32,
    at: DateTime<Utc>,
) -> WaitlistEntry {
    store
        .join_waitlist(
            &WaitlistRequest {
                slot,
                customer: BookingFor::Typed(person(first)),
                participants: seats,
            },
            at,
        )
        .unwrap()
}

fn status_of(store: &Store, e: &WaitlistEntry) -> WaitlistStatus {
    store.waitlist_entry(e.id).unwrap().status
}

/// The booking an offered entry holds, checked to be a hold in its name.
fn offer(store: &Store, e: &WaitlistEntry) -> Booking {
    let now_e = store.waitlist_entry(e.id).unwrap();
    assert_eq!(now_e.status, WaitlistStatus::Offered, "{now_e:?}");
    let hold = store.booking(now_e.offer_booking_id.unwrap()).unwrap();
    assert_eq!(hold.status, BookingStatus::Held);
    assert_eq!(hold.customer.as_ref().unwrap().id, e.customer.id);
    assert_eq!(hold.slot_ref(), e.slot_ref());
    hold
}

#[test]
fn only_a_full_slot_can_be_waited_for_and_refusals_change_nothing() {
    let (_dir, mut store) = open();
    let class = class(&store);
    let request = |first: &str, seats| WaitlistRequest {
        slot: class,
        customer: BookingFor::Typed(person(first)),
        participants: seats,
    };
    let before = counts(&store);
    let err = rule_error(store.join_waitlist(&request("Ada", 1), now()));
    assert_eq!(err, BookingError::HasRoom(3));
    assert_eq!(
        err.to_string(),
        "time slot has room for 3: book it instead of waiting"
    );
    assert_eq!(counts(&store), before);

    let seated = fill(&mut store, class);
    let ada = join(&mut store, class, "Ada", 1, now());
    assert_eq!(
        (ada.status, ada.position),
        (WaitlistStatus::Waiting, Some(1))
    );

    let before = counts(&store);
    let twice = rule_error(store.join_waitlist(&request("Ada", 1), now()));
    assert_eq!(twice, BookingError::AlreadyWaiting);
    assert!(twice.to_string().starts_with("duplicate booking"));
    let seated_one = WaitlistRequest {
        slot: class,
        customer: BookingFor::Picked(seated[0].customer.as_ref().unwrap().id),
        participants: 1,
    };
    assert_eq!(
        rule_error(store.join_waitlist(&seated_one, now())),
        BookingError::Duplicate
    );
    let too_many = rule_error(store.join_waitlist(&request("Bob", 4), now()));
    assert!(matches!(too_many, BookingError::Invalid(_)), "{too_many}");
    let mut no_contact = person("Cy");
    no_contact.email = None;
    no_contact.phone = None;
    let nameless = WaitlistRequest {
        customer: BookingFor::Typed(no_contact),
        ..request("Cy", 1)
    };
    assert!(matches!(
        rule_error(store.join_waitlist(&nameless, now())),
        BookingError::Invalid(_)
    ));
    assert_eq!(counts(&store), before);
    assert_eq!(store.waitlist(class).unwrap().len(), 1);
}

#[test]
fn a_cancel_offers_the_seat_to_the_first_in_line_in_the_same_transaction() {
    let (_dir, mut store) = open();
    let class = class(&store);
    let seated = fill(&mut store, class);
    let ada = join(&mut store, class, "Ada", 1, now());
    let bob = join(&mut store, class, "Bob", 1, now() + Duration::minutes(1));
    assert_eq!(store.waitlist_entry(bob.id).unwrap().position, Some(2));

    let skip = event_count(&store);
    let later = now() + Duration::minutes(10);
    store.cancel(seated[0].id, "flu", later).unwrap();
    assert_eq!(
        kinds_after(&store, skip),
        ["booking.cancelled", "booking.created", "waitlist.offered"]
    );
    let hold = offer(&store, &ada);
    assert_eq!(hold.hold_expires_at, Some(later + Duration::minutes(15)));
    assert_eq!(
        store.waitlist_entry(ada.id).unwrap().offer_expires_at,
        hold.hold_expires_at
    );
    // Still full: the seat is Ada's to take, Bob still waits, first now.
    assert_eq!(status_of(&store, &bob), WaitlistStatus::Waiting);
    assert_eq!(store.waitlist_entry(bob.id).unwrap().position, Some(1));
    assert_eq!(
        rule_error(store.hold(&hold_request(class, 1), later)),
        BookingError::SlotFull
    );
    let queue = store.waitlist(class).unwrap();
    assert_eq!(
        queue.iter().map(|e| e.id).collect::<Vec<_>>(),
        [ada.id, bob.id]
    );

    // Accepting is confirming the hold.
    store
        .confirm(hold.id, None, later + Duration::minutes(2))
        .unwrap();
    assert_eq!(status_of(&store, &ada), WaitlistStatus::Accepted);
    assert_eq!(status_of(&store, &bob), WaitlistStatus::Waiting);
}

#[test]
fn a_lapsed_offer_is_recorded_and_the_next_in_line_is_offered() {
    let (_dir, mut store) = open();
    let class = class(&store);
    let seated = fill(&mut store, class);
    let ada = join(&mut store, class, "Ada", 1, now());
    let bob = join(&mut store, class, "Bob", 1, now());
    store.cancel(seated[1].id, "moved away", now()).unwrap();
    let first = offer(&store, &ada);

    let skip = event_count(&store);
    let lapsed_at = first.hold_expires_at.unwrap();
    assert_eq!(store.sweep_expired_holds(lapsed_at).unwrap(), [first.id]);
    assert_eq!(
        kinds_after(&store, skip),
        [
            "booking.expired",
            "waitlist.lapsed",
            "booking.created",
            "waitlist.offered"
        ]
    );
    assert_eq!(status_of(&store, &ada), WaitlistStatus::Lapsed);
    let second = offer(&store, &bob);
    assert_eq!(
        second.hold_expires_at,
        Some(lapsed_at + Duration::minutes(15))
    );
}

#[test]
fn a_hold_the_sweep_expires_frees_its_seat_for_the_queue() {
    let (_dir, mut store) = open();
    let class = class(&store);
    let two = fill(&mut store, class);
    store
        .cancel(two[2].id, "make room for a hold", now())
        .unwrap();
    let hold = store.hold(&hold_request(class, 1), now()).unwrap();
    let ada = join(&mut store, class, "Ada", 1, now());
    store
        .sweep_expired_holds(hold.hold_expires_at.unwrap())
        .unwrap();
    assert_eq!(
        store.booking(hold.id).unwrap().status,
        BookingStatus::Expired
    );
    offer(&store, &ada);
}

#[test]
fn releasing_an_offer_at_the_desk_declines_it_and_offers_the_next() {
    let (_dir, mut store) = open();
    let class = class(&store);
    let seated = fill(&mut store, class);
    let ada = join(&mut store, class, "Ada", 1, now());
    let bob = join(&mut store, class, "Bob", 1, now());
    store.cancel(seated[0].id, "flu", now()).unwrap();
    let held = offer(&store, &ada);
    store.cancel(held.id, "Ada cannot come", now()).unwrap();
    assert_eq!(status_of(&store, &ada), WaitlistStatus::Declined);
    offer(&store, &bob);
}

#[test]
fn a_move_out_and_a_no_show_each_offer_the_seat() {
    let (_dir, mut store) = open();
    let class = class(&store);
    let seated = fill(&mut store, class);
    let ada = join(&mut store, class, "Ada", 1, now());
    let bob = join(&mut store, class, "Bob", 1, now());
    let morning = slot(&store, "yoga", "ben", "10:30", MONDAY);
    store.move_booking(seated[0].id, morning, now()).unwrap();
    let ada_hold = offer(&store, &ada);
    store.confirm(ada_hold.id, None, now()).unwrap();

    // 18:05 local (17:05 UTC): Bea has not come.
    let started = at("2026-06-01T17:05:00Z");
    store
        .transition(seated[1].id, Transition::CheckIn, started)
        .unwrap();
    store
        .transition(seated[2].id, Transition::NoShow, started)
        .unwrap();
    let bob_hold = offer(&store, &bob);
    assert_eq!(
        bob_hold.hold_expires_at,
        Some(started + Duration::minutes(15))
    );
}

#[test]
fn a_seat_goes_to_the_first_whose_party_fits_and_leaving_an_offer_passes_it_on() {
    let (_dir, mut store) = open();
    let class = class(&store);
    let seated = fill(&mut store, class);
    let pair = join(&mut store, class, "Pat", 2, now());
    let ada = join(&mut store, class, "Ada", 1, now());
    let bob = join(&mut store, class, "Bob", 1, now());
    store.cancel(seated[0].id, "flu", now()).unwrap();
    offer(&store, &ada);
    assert_eq!(status_of(&store, &pair), WaitlistStatus::Waiting);

    let skip = event_count(&store);
    let left = store.leave_waitlist(ada.id, now()).unwrap();
    assert_eq!(left.status, WaitlistStatus::Left);
    assert_eq!(
        kinds_after(&store, skip),
        [
            "booking.cancelled",
            "waitlist.left",
            "booking.created",
            "waitlist.offered"
        ]
    );
    offer(&store, &bob);
    // A waiting entry leaves too; a closed one cannot.
    store.leave_waitlist(pair.id, now()).unwrap();
    let again = rule_error(store.leave_waitlist(pair.id, now()));
    assert!(matches!(again, BookingError::NotAllowed(_)), "{again}");
}

#[test]
fn a_waiting_customer_who_books_that_day_is_taken_off() {
    let (_dir, mut store) = open();
    let class = class(&store);
    let morning = slot(&store, "yoga", "ben", "10:30", MONDAY);
    // Dee already has the morning class, and waits for the evening too.
    let dee_morning = store
        .book(&book_request(morning, person("Dee")), now())
        .unwrap();
    fill(&mut store, class);
    let dee = join(&mut store, class, "Dee", 1, now());
    let ada = join(&mut store, class, "Ada", 1, now());
    assert_eq!(dee.customer.id, dee_morning.customer.unwrap().id);

    store
        .cancel(dee_morning.id, "wants the evening", now())
        .unwrap();
    assert_eq!(status_of(&store, &dee), WaitlistStatus::Waiting);
    // Ada gives up and books the morning class instead: off the queue.
    let skip = event_count(&store);
    store
        .book(&book_request(morning, person("Ada")), now())
        .unwrap();
    assert_eq!(
        kinds_after(&store, skip),
        ["booking.created", "waitlist.left"]
    );
    assert_eq!(status_of(&store, &ada), WaitlistStatus::Booked);
    assert_eq!(store.waitlist(class).unwrap().len(), 1);
}

#[test]
fn an_offer_lasts_at_most_until_the_slot_ends_and_none_is_made_after() {
    let (_dir, mut store) = open();
    let class = class(&store);
    let seated = fill(&mut store, class);
    let ada = join(&mut store, class, "Ada", 1, now());
    // 18:50 local: ten minutes of class left.
    let late = at("2026-06-01T17:50:00Z");
    store
        .transition(seated[0].id, Transition::NoShow, late)
        .unwrap();
    let hold = offer(&store, &ada);
    assert_eq!(hold.hold_expires_at, Some(at("2026-06-01T18:00:00Z")));
    assert!(
        store
            .open_waitlist(late)
            .unwrap()
            .iter()
            .any(|e| e.id == ada.id)
    );
    assert!(
        store
            .open_waitlist(at("2026-06-01T18:00:00Z"))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn two_connections_freeing_seats_at_once_never_offer_one_seat_twice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let mut store = Store::create(&path).unwrap();
    store
        .apply_catalog(&crate::support::catalog(), at(crate::support::SETUP_AT))
        .unwrap();
    let class = class(&store);
    let seated = fill(&mut store, class);
    let queue: Vec<WaitlistEntry> = ["Ada", "Bob", "Cy", "Dee", "Eve"]
        .iter()
        .map(|n| join(&mut store, class, n, 1, now()))
        .collect();
    drop(store);

    let barrier = std::sync::Arc::new(std::sync::Barrier::new(seated.len()));
    let threads: Vec<_> = seated
        .iter()
        .map(|b| {
            let (path, barrier, id) = (path.clone(), barrier.clone(), b.id);
            std::thread::spawn(move || {
                let mut mine = Store::open(&path).unwrap();
                barrier.wait();
                mine.cancel(id, "race", now()).unwrap();
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let store = Store::open(&path).unwrap();
    let statuses: Vec<WaitlistStatus> = queue.iter().map(|e| status_of(&store, e)).collect();
    assert_eq!(
        statuses,
        [
            WaitlistStatus::Offered,
            WaitlistStatus::Offered,
            WaitlistStatus::Offered,
            WaitlistStatus::Waiting,
            WaitlistStatus::Waiting
        ]
    );
    let holds: Vec<_> = crate::support::all_bookings(&store)
        .into_iter()
        .filter(|b| b.status == BookingStatus::Held)
        .collect();
    assert_eq!(holds.len(), 3, "one hold per freed seat");
    let offered_events = crate::support::all_events(&store)
        .into_iter()
        .filter(|e| e.kind == slotdesk::domain::EventKind::WaitlistOffered)
        .count();
    assert_eq!(offered_events, 3);
}

#[test]
fn fewer_seats_on_a_booking_offer_the_seat_and_a_merge_keeps_the_queue() {
    let (_dir, mut store) = open();
    let class = class(&store);
    let mut pair = book_request(class, customer("Pat", "Pair", "pat@example.com"));
    pair.participants = 2;
    let pair = store.book(&pair, now()).unwrap();
    store
        .book(
            &book_request(class, customer("Sol", "Solo", "sol@example.com")),
            now(),
        )
        .unwrap();
    let ada = join(&mut store, class, "Ada", 1, now());
    let twin = join(&mut store, class, "Bob", 1, now());
    let edit = slotdesk::domain::BookingEdit {
        participants: Some(1),
        ..slotdesk::domain::BookingEdit::default()
    };
    store.edit_booking(pair.id, &edit, now()).unwrap();
    offer(&store, &ada);

    // Bob's record merged into Ada's: his place goes with it, once.
    store
        .merge_customers(
            ada.customer.id,
            twin.customer.id,
            slotdesk::domain::Role::Manager,
            now(),
        )
        .unwrap();
    assert_eq!(status_of(&store, &twin), WaitlistStatus::Left);
    assert_eq!(
        store.waitlist_entry(twin.id).unwrap().customer.id,
        ada.customer.id
    );
}

#[test]
fn undoing_a_cancel_whose_seat_was_offered_is_refused_and_changes_nothing() {
    let (_dir, mut store) = open();
    let class = class(&store);
    let seated = fill(&mut store, class);
    let ada = join(&mut store, class, "Ada", 1, now());
    store.cancel(seated[0].id, "flu", now()).unwrap();
    let hold = offer(&store, &ada);
    assert_eq!(store.offer_of(hold.id).unwrap().map(|e| e.id), Some(ada.id));
    assert_eq!(store.offer_of(seated[1].id).unwrap(), None);
    let cancelled = store.latest_booking_event(seated[0].id).unwrap().unwrap();
    let before = counts(&store);
    let refused = rule_error(store.undo(cancelled, now())).to_string();
    assert!(refused.contains("time slot is full"), "{refused}");
    assert_eq!(counts(&store), before);
    offer(&store, &ada);
}
