//! Customers through the store on a real SQLite file: phones in E.164 from
//! the location's region, validation that changes nothing, edits with events.
#![allow(clippy::unwrap_used)]

use crate::support::{
    MONDAY, TUESDAY, all_events, book_request, counts, customer, hold_request, jane, kinds_after,
    now, open, rule_error, slot,
};
use slotdesk::domain::customer::CustomerInput;
use slotdesk::domain::{BookingError, BookingFor, CustomerId};
use slotdesk::domain::{CustomerPatch, EventData, EventFilter, EventKind, Role};

fn by_phone(phone: &str) -> CustomerInput {
    CustomerInput {
        first_name: "Ada".into(),
        last_name: "Lovelace".into(),
        email: None,
        phone: Some(phone.into()),
    }
}

#[test]
fn a_phone_given_locally_is_stored_in_e164_for_the_locations_region() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let booked = store
        .book(&book_request(physio, by_phone("020 7946 0018")), now())
        .unwrap();
    let ada = booked.customer.unwrap();
    assert_eq!(ada.phone.as_deref(), Some("+442079460018"));
    assert_eq!(
        store.customer(ada.id).unwrap().phone.as_deref(),
        Some("+442079460018")
    );

    let class = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let again = store
        .book(&book_request(class, by_phone("+44 20 7946 0018")), now())
        .unwrap();
    assert_eq!(again.customer.unwrap().id, ada.id, "found by phone");
    assert_eq!(store.customers().unwrap().len(), 1);
}

#[test]
fn a_wrong_phone_or_email_is_refused_and_changes_nothing() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let existing = store.book(&book_request(physio, jane()), now()).unwrap();
    let jane_id = existing.customer.as_ref().unwrap().id;
    let hold = store
        .hold(
            &hold_request(slot(&store, "physio", "ben", "09:00", MONDAY), 1),
            now(),
        )
        .unwrap();
    let class = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let before = counts(&store);
    let bookings_before = crate::support::all_bookings(&store);

    for phone in ["12345", "phone", "+44 20 7946"] {
        let err = rule_error(store.book(&book_request(class, by_phone(phone)), now()));
        assert!(matches!(err, BookingError::Invalid(_)), "{phone}: {err}");
        assert!(err.to_string().contains("phone"), "{err}");
        let err = rule_error(store.confirm(hold.id, Some(&by_phone(phone)), now()));
        assert!(err.to_string().contains("phone"), "{err}");
    }
    for email in ["jane", "jane@", "jane@localhost", "a b@c.com"] {
        let err =
            rule_error(store.book(&book_request(class, customer("Jo", "Bloggs", email)), now()));
        assert!(matches!(err, BookingError::Invalid(_)), "{email}: {err}");
        assert!(err.to_string().contains("email"), "{err}");
        let patch = CustomerPatch {
            email: Some(email.into()),
            ..CustomerPatch::default()
        };
        let err = rule_error(store.edit_customer(jane_id, &patch, now()));
        assert!(err.to_string().contains("email"), "{err}");
    }
    let patch = CustomerPatch {
        phone: Some("12345".into()),
        ..CustomerPatch::default()
    };
    rule_error(store.edit_customer(jane_id, &patch, now()));

    assert_eq!(counts(&store), before);
    assert_eq!(crate::support::all_bookings(&store), bookings_before);
    assert_eq!(store.customer(jane_id).unwrap(), existing.customer.unwrap());
}

#[test]
fn editing_a_customer_records_customer_updated_and_shows_in_their_bookings() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let booked = store.book(&book_request(physio, jane()), now()).unwrap();
    let id = booked.customer.unwrap().id;
    let before = crate::support::event_count(&store);
    let later = now() + chrono::Duration::hours(2);
    let patch = CustomerPatch {
        last_name: Some("Doe-Smith".into()),
        phone: Some("020 7946 0018".into()),
        ..CustomerPatch::default()
    };
    let edited = store.edit_customer(id, &patch, later).unwrap();
    assert_eq!(edited.name, "Jane Doe-Smith");
    assert_eq!(edited.phone.as_deref(), Some("+442079460018"));
    assert_eq!(edited.updated_at, later);
    let events = all_events(&store);
    assert_eq!(events.len(), before + 1);
    let event = events.last().unwrap();
    assert_eq!(event.kind, EventKind::CustomerUpdated);
    assert_eq!(event.customer_id, Some(id));
    assert_eq!(event.booking_id, None);
    match &event.data {
        EventData::Customer(c) => assert_eq!(c.last_name, "Doe-Smith"),
        other => panic!("a customer payload, not {other:?}"),
    }
    assert_eq!(
        store.booking(booked.id).unwrap().customer.unwrap().name,
        "Jane Doe-Smith"
    );

    let unchanged = store.edit_customer(id, &patch, later).unwrap();
    assert_eq!(unchanged, edited);
    assert_eq!(
        crate::support::event_count(&store),
        before + 1,
        "no change, no event"
    );

    let clear = CustomerPatch {
        phone: Some(String::new()),
        ..CustomerPatch::default()
    };
    assert_eq!(store.edit_customer(id, &clear, later).unwrap().phone, None);
    assert_eq!(crate::support::event_count(&store), before + 2);
}

#[test]
fn editing_an_unknown_customer_is_refused() {
    let (_dir, mut store) = open();
    let patch = CustomerPatch {
        first_name: Some("Nobody".into()),
        ..CustomerPatch::default()
    };
    assert_eq!(
        rule_error(store.edit_customer(CustomerId(4242), &patch, now())),
        BookingError::CustomerNotFound
    );
}

#[test]
fn a_returning_customer_with_a_new_phone_is_found_by_email_and_filled_in() {
    let (_dir, mut store) = open();
    let physio = slot(&store, "physio", "ana", "09:00", MONDAY);
    let first = store.book(&book_request(physio, jane()), now()).unwrap();
    let before = crate::support::event_count(&store);
    let mut with_phone = customer("Jane", "Doe", "Jane@EXAMPLE.com");
    with_phone.phone = Some("07400 123456".into());
    let tuesday = slot(&store, "physio", "ana", "09:00", TUESDAY);
    let second = store
        .book(&book_request(tuesday, with_phone), now())
        .unwrap();
    let who = second.customer.unwrap();
    assert_eq!(who.id, first.customer.unwrap().id);
    assert_eq!(who.phone.as_deref(), Some("+447400123456"));
    assert_eq!(store.customers().unwrap().len(), 1);
    assert_eq!(
        kinds_after(&store, before),
        ["customer.updated", "booking.created"]
    );
}

/// The customer ids in the order the bookings were made.
fn customer_of(booking: &slotdesk::domain::Booking) -> CustomerId {
    booking.customer.as_ref().unwrap().id
}

fn person(first: &str, last: &str, email: Option<&str>, phone: Option<&str>) -> CustomerInput {
    CustomerInput {
        first_name: first.into(),
        last_name: last.into(),
        email: email.map(Into::into),
        phone: phone.map(Into::into),
    }
}

#[test]
fn someone_else_with_an_email_on_file_is_a_new_customer_and_the_typed_name_is_kept() {
    let (_dir, mut store) = open();
    let nine = slot(&store, "physio", "ana", "09:00", MONDAY);
    let ten = slot(&store, "physio", "ana", "10:00", MONDAY);
    let ada = store
        .book(
            &book_request(
                nine,
                person("Ada", "Lovelace", Some("ada@example.com"), None),
            ),
            now(),
        )
        .unwrap();
    let charles_typed = person(
        "Charles",
        "Babbage",
        Some("ADA@example.com"),
        Some("020 7946 0018"),
    );
    let charles = store
        .book(&book_request(ten, charles_typed.clone()), now())
        .unwrap();
    assert_ne!(customer_of(&charles), customer_of(&ada));
    assert_eq!(charles.customer.as_ref().unwrap().name, "Charles Babbage");
    // Ada's record gains nothing of Charles's.
    let on_file = store.customer(customer_of(&ada)).unwrap();
    assert_eq!(on_file.phone, None);
    assert_eq!(on_file.name, "Ada Lovelace");
    // The booking's event keeps the details exactly as typed.
    let created = store.booking_events(charles.id).unwrap();
    let EventData::Booking(change) = &created[0].data else {
        panic!("{:?}", created[0].data)
    };
    assert_eq!(change.customer_as_typed.as_ref(), Some(&charles_typed));
}

#[test]
fn the_same_person_is_found_by_both_names_and_an_email_in_any_case_or_a_phone_in_any_format() {
    let (_dir, mut store) = open();
    let first = store
        .book(
            &book_request(
                slot(&store, "physio", "ana", "09:00", MONDAY),
                person("Zoë", "O'Brien", Some("zoe@example.com"), None),
            ),
            now(),
        )
        .unwrap();
    let zoe = customer_of(&first);
    let again = |store: &mut slotdesk::store::Store, who: CustomerInput, starts: &str| {
        let s = slot(store, "physio", "ana", starts, TUESDAY);
        customer_of(&store.book(&book_request(s, who), now()).unwrap())
    };
    // The email in another case, the name without its accent: Zoë, who
    // also gets the phone she lacked.
    let by_email = again(
        &mut store,
        person(
            "zoe",
            "O'BRIEN",
            Some("ZOE@Example.com"),
            Some("020 7946 0018"),
        ),
        "09:00",
    );
    assert_eq!(by_email, zoe);
    assert_eq!(
        store.customer(zoe).unwrap().phone.as_deref(),
        Some("+442079460018")
    );
    // Now the phone in the international format, no email.
    let by_phone = again(
        &mut store,
        person("Zoë", "O'Brien", None, Some("+44 20 7946 0018")),
        "10:00",
    );
    assert_eq!(by_phone, zoe);
    assert_eq!(store.customers().unwrap().len(), 1);
}

#[test]
fn a_family_sharing_an_email_books_one_class_without_a_duplicate() {
    let (_dir, mut store) = open();
    let class = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let parent = Some("parent@example.com");
    let mut ids = Vec::new();
    for child in ["Amy", "Ben"] {
        let booked = store
            .book(
                &book_request(class, person(child, "Khan", parent, None)),
                now(),
            )
            .unwrap();
        ids.push(customer_of(&booked));
    }
    assert_ne!(ids[0], ids[1], "two children, two customers");
    // The same child again is the same customer: a duplicate.
    let err = rule_error(store.book(
        &book_request(class, person("amy", "khan", parent, None)),
        now(),
    ));
    assert_eq!(err, BookingError::Duplicate);
}

#[test]
fn a_customer_picked_by_id_is_booked_whatever_else_is_on_file() {
    let (_dir, mut store) = open();
    let first = store
        .book(
            &book_request(slot(&store, "physio", "ana", "09:00", MONDAY), jane()),
            now(),
        )
        .unwrap();
    let picked = slotdesk::domain::BookRequest {
        customer: BookingFor::Picked(customer_of(&first)),
        ..book_request(slot(&store, "physio", "ana", "10:00", MONDAY), jane())
    };
    let again = store.book(&picked, now()).unwrap();
    assert_eq!(customer_of(&again), customer_of(&first));
    let events = store.booking_events(again.id).unwrap();
    let EventData::Booking(change) = &events[0].data else {
        panic!()
    };
    assert_eq!(change.customer_as_typed, None, "nothing was typed");
    let missing = slotdesk::domain::BookRequest {
        customer: BookingFor::Picked(CustomerId(999)),
        ..picked
    };
    let before = counts(&store);
    assert_eq!(
        rule_error(store.book(&missing, now())),
        BookingError::CustomerNotFound
    );
    assert_eq!(counts(&store), before);
}

#[test]
fn customers_are_found_by_any_part_of_a_name_email_or_phone_with_their_last_visit() {
    let (_dir, mut store) = open();
    let monday = slot(&store, "physio", "ana", "09:00", MONDAY);
    let tuesday = slot(&store, "physio", "ana", "09:00", TUESDAY);
    let ada = person(
        "Ada",
        "Lovelace",
        Some("ada@example.com"),
        Some("020 7946 0018"),
    );
    store
        .book(&book_request(monday, ada.clone()), now())
        .unwrap();
    store.book(&book_request(tuesday, ada), now()).unwrap();
    let grace = person("Grace", "Hopper", Some("grace@example.net"), None);
    store
        .book(
            &book_request(slot(&store, "physio", "ben", "09:00", MONDAY), grace),
            now(),
        )
        .unwrap();
    let zoe = person("Zoë", "Brontë", None, Some("07911 123458"));
    store
        .book(
            &book_request(slot(&store, "physio", "ben", "10:00", MONDAY), zoe),
            now(),
        )
        .unwrap();
    let names = |text: &str, at| -> Vec<String> {
        store
            .find_customers(text, at, 5)
            .unwrap()
            .into_iter()
            .map(|m| m.customer.name)
            .collect()
    };
    assert_eq!(
        names("", now()),
        ["Zoë Brontë", "Grace Hopper", "Ada Lovelace"],
        "no search: everyone by last name"
    );
    assert_eq!(names("ada", now()), ["Ada Lovelace"]);
    assert_eq!(names("LOVE", now()), ["Ada Lovelace"]);
    assert_eq!(names("ada lov", now()), ["Ada Lovelace"]);
    assert_eq!(names("lov ada", now()), ["Ada Lovelace"]);
    assert_eq!(names("grace@ex", now()), ["Grace Hopper"]);
    assert_eq!(names("example.net", now()), ["Grace Hopper"]);
    assert_eq!(names("020 7946 0018", now()), ["Ada Lovelace"]);
    assert_eq!(names("+44 20 7946", now()), ["Ada Lovelace"]);
    assert_eq!(names("07911 123458", now()), ["Zoë Brontë"]);
    assert_eq!(names("7911 123", now()), ["Zoë Brontë"]);
    assert!(names("020 7946 0019", now()).is_empty(), "no near misses");
    assert_eq!(
        names("ace", now()),
        ["Grace Hopper", "Ada Lovelace"],
        "three letters match anywhere in a name, by last name"
    );
    assert_eq!(names("bronte", now()), ["Zoë Brontë"], "accents ignored");
    assert_eq!(names("zo", now()), ["Zoë Brontë"]);
    assert_eq!(
        names("a", now()),
        ["Ada Lovelace"],
        "one letter: a name's start"
    );
    assert!(
        names("ov", now()).is_empty(),
        "short searches match from the start"
    );
    assert!(
        names("100%", now()).is_empty(),
        "a % is a character, not a wildcard"
    );
    assert!(names("%", now()).is_empty());
    assert!(
        names("\"\"\"", now()).is_empty(),
        "quotes are characters too"
    );
    assert_eq!(store.find_customers("", now(), 2).unwrap().len(), 2);
    // A cancelled booking is no visit.
    let wednesday_slot = slot(&store, "physio", "ana", "09:00", "2026-06-03");
    let ada_again = person("Ada", "Lovelace", Some("ada@example.com"), None);
    let called_off = store
        .book(&book_request(wednesday_slot, ada_again), now())
        .unwrap();
    store.cancel(called_off.id, "rang", now()).unwrap();
    // The last visit is the latest booking that has begun by then.
    let on = |text: &str, at| store.find_customers(text, at, 5).unwrap()[0].last_visit;
    assert_eq!(on("ada", now()), None, "nothing has begun yet");
    let thursday = crate::support::at("2026-06-04T12:00:00Z");
    assert_eq!(
        on("ada", thursday),
        Some(crate::support::at("2026-06-02T08:00:00Z")),
        "Tuesday's, not Wednesday's cancelled one"
    );
}

#[test]
fn an_edited_customer_is_found_by_the_new_name_only() {
    let (_dir, mut store) = open();
    let monday = slot(&store, "physio", "ana", "09:00", MONDAY);
    let ada = person("Ada", "Lovelace", Some("ada@example.com"), None);
    let booking = store.book(&book_request(monday, ada), now()).unwrap();
    let id = booking.customer.expect("a customer").id;
    let patch = CustomerPatch {
        last_name: Some("King".into()),
        ..CustomerPatch::default()
    };
    store.edit_customer(id, &patch, now()).unwrap();
    assert!(
        store
            .find_customers("lovelace", now(), 5)
            .unwrap()
            .is_empty()
    );
    let found = store.find_customers("king", now(), 5).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].customer.name, "Ada King");
}

#[test]
fn a_manager_merges_a_duplicate_customer_into_the_one_kept() {
    let (_dir, mut store) = open();
    let monday = slot(&store, "physio", "ana", "09:00", MONDAY);
    let tuesday = slot(&store, "physio", "ana", "09:00", TUESDAY);
    // The same woman twice: once with an email, once (misspelt) with a phone.
    let kept = store
        .book(
            &book_request(
                monday,
                person("Ada", "Lovelace", Some("ada@example.com"), None),
            ),
            now(),
        )
        .unwrap();
    let other = store
        .book(
            &book_request(
                tuesday,
                person("Ada", "Lovelance", None, Some("020 7946 0018")),
            ),
            now(),
        )
        .unwrap();
    let keep = kept.customer.as_ref().unwrap().id;
    let gone = other.customer.as_ref().unwrap().id;
    let before = counts(&store);
    // A clerk may not; nor may a customer be merged into itself; nothing changes.
    let clerk = store
        .merge_customers(keep, gone, Role::Clerk, now())
        .unwrap_err();
    assert!(clerk.to_string().contains("manager"), "{clerk}");
    assert!(
        store
            .merge_customers(keep, keep, Role::Manager, now())
            .is_err()
    );
    let missing = store
        .merge_customers(keep, CustomerId(999), Role::Manager, now())
        .unwrap_err();
    assert!(
        missing.to_string().contains("customer not found"),
        "{missing}"
    );
    assert_eq!(counts(&store), before);

    let merged = store
        .merge_customers(keep, gone, Role::Manager, now())
        .unwrap();
    assert_eq!(merged.id, keep);
    assert_eq!(merged.email.as_deref(), Some("ada@example.com"));
    assert_eq!(
        merged.phone.as_deref(),
        Some("+442079460018"),
        "a missing phone is taken over"
    );
    assert_eq!(
        store.booking(other.id).unwrap().customer.map(|c| c.id),
        Some(keep),
        "the other's bookings are the kept customer's now"
    );
    assert!(store.customer(gone).is_err(), "the duplicate is gone");
    assert!(
        store
            .find_customers("lovelance", now(), 5)
            .unwrap()
            .is_empty()
    );
    // The journal says so, for both customers and the booking moved.
    let kinds = |filter: EventFilter| -> Vec<EventKind> {
        store
            .latest_events(&filter, 10)
            .unwrap()
            .into_iter()
            .map(|e| e.kind)
            .collect()
    };
    let of = |customer| EventFilter {
        customer: Some(customer),
        ..EventFilter::default()
    };
    assert_eq!(
        kinds(of(keep))[..2],
        [EventKind::CustomerMerged, EventKind::BookingReassigned]
    );
    assert_eq!(kinds(of(gone))[0], EventKind::CustomerMerged);
    let reassigned = &store.booking_events(other.id).unwrap()[1];
    assert_eq!(reassigned.kind, EventKind::BookingReassigned);
    assert!(reassigned.changes.iter().any(|c| c.field == "customer"));
    let undo = store.undo(reassigned.id, now()).unwrap_err();
    assert!(undo.to_string().contains("cannot be undone"), "{undo}");
}

#[test]
fn two_customers_in_the_same_slot_are_not_merged() {
    let (_dir, mut store) = open();
    let class = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let a = store.book(&book_request(class, jane()), now()).unwrap();
    let b = store
        .book(
            &book_request(class, person("Jane", "Doe", None, Some("020 7946 0018"))),
            now(),
        )
        .unwrap();
    let (keep, other) = (a.customer.unwrap().id, b.customer.unwrap().id);
    assert_ne!(keep, other);
    let before = counts(&store);
    let err = store
        .merge_customers(keep, other, Role::Manager, now())
        .unwrap_err();
    assert!(err.to_string().contains("duplicate booking"), "{err}");
    assert_eq!(counts(&store), before);
}

/// `n` more customers named `first` `last{i}`, straight into the file (a
/// large practice's records, faster than booking each).
fn many(store: &slotdesk::store::Store, n: usize, first: &str, last: &str) {
    // Test names: plain letters, no quotes.
    crate::support::engine::Raw::open(store.path())
        .run(&format!(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {} )
             INSERT INTO customers (first_name, last_name, created_at, updated_at)
                 SELECT '{first}', '{last}' || CAST(i AS TEXT), 0, 0 FROM n",
            n.saturating_sub(1)
        ))
        .unwrap();
}

#[test]
fn a_search_finds_a_rare_customer_among_thousands_sharing_a_name_start() {
    let (_dir, mut store) = open();
    many(&store, 2_100, "Lisa", "Smith");
    let class = slot(&store, "yoga", "studio", "18:00", MONDAY);
    store
        .book(
            &book_request(class, person("Li", "Wu", Some("li@example.com"), None)),
            now(),
        )
        .unwrap();
    let names = |text: &str| -> Vec<String> {
        store
            .find_customers(text, now(), 5)
            .unwrap()
            .into_iter()
            .map(|m| m.customer.name)
            .collect()
    };
    assert_eq!(names("li wu"), ["Li Wu"]);
    assert_eq!(names("Wu li"), ["Li Wu"]);
    // Control characters typed or pasted are no error, only not matched.
    assert_eq!(names("li\0 wu"), ["Li Wu"]);
    assert_eq!(names("\0"), names(""), "nothing left to search: everyone");
    assert!(names("\u{7}\u{1b}[31m").is_empty());
    // A huge paste is searched, not refused: its first words count.
    assert_eq!(names(&"lisa smith ".repeat(10_000)).len(), 5);
    assert!(names(&"x".repeat(100_000)).is_empty());
}

#[test]
fn a_customer_id_merged_away_is_never_given_to_someone_new() {
    let (_dir, mut store) = open();
    let monday = slot(&store, "physio", "ana", "09:00", MONDAY);
    let tuesday = slot(&store, "physio", "ana", "09:00", TUESDAY);
    let kept = store.book(&book_request(monday, jane()), now()).unwrap();
    let twin = store
        .book(
            &book_request(tuesday, person("Jane", "Doh", None, Some("020 7946 0018"))),
            now(),
        )
        .unwrap();
    let keep = kept.customer.unwrap().id;
    let gone = twin.customer.unwrap().id;
    assert!(gone.0 > keep.0, "the duplicate is the newest record");
    store
        .merge_customers(keep, gone, Role::Manager, now())
        .unwrap();
    let ben = slot(&store, "physio", "ben", "09:00", MONDAY);
    let next = store
        .book(
            &book_request(
                ben,
                person("Zed", "Stranger", Some("zed@example.com"), None),
            ),
            now(),
        )
        .unwrap();
    let zed = next.customer.unwrap().id;
    assert!(
        zed.0 > gone.0,
        "#{gone} belongs to the merged record's history, not to #{zed}"
    );
    // So a merge prepared before that cannot land on the newcomer.
    let stale = store
        .merge_customers(keep, gone, Role::Manager, now())
        .unwrap_err();
    assert!(stale.to_string().contains("customer not found"), "{stale}");
}
