//! Series through the store: a weekly series booked all or none or
//! partially in one transaction, refusals named per week, the idempotency
//! key naming the series, cancelling this and the following ones, and a
//! race between a series and a single booking.
#![allow(clippy::unwrap_used)]

use crate::support::{
    MONDAY, all_bookings, all_events, book_request, counts, customer, date, jane, john,
    kinds_after, now, open, rule_error, slot,
};
use slotdesk::domain::customer::CustomerInput;
use slotdesk::domain::series::weekly_slots;
use slotdesk::domain::{
    BookRequest, BookingError, BookingStatus, CancelRequest, EventData, EventKind, InitialStatus,
    SeriesBooked, SeriesKind, SeriesMode, SeriesRequest, SlotRef,
};
use slotdesk::store::Store;

/// Six Mondays of Ana's 09:00 physio from [`MONDAY`] (2026-06-01 to 07-06).
fn six_mondays(store: &Store) -> Vec<SlotRef> {
    weekly_slots(slot(store, "physio", "ana", "09:00", MONDAY), 6, 1).unwrap()
}

fn weekly(slots: Vec<SlotRef>, who: CustomerInput, mode: SeriesMode) -> SeriesRequest {
    SeriesRequest {
        kind: SeriesKind::Weekly { every_weeks: 1 },
        slots,
        booking: BookRequest {
            slot: None,
            ..book_request(slot_placeholder(), who)
        },
        mode,
    }
}

fn slot_placeholder() -> SlotRef {
    SlotRef {
        time_slot_id: slotdesk::domain::TimeSlotId(0),
        date: date(MONDAY),
    }
}

/// Jane's six Mondays, all booked.
fn janes_six_mondays(store: &mut Store) -> SeriesBooked {
    let weeks = six_mondays(store);
    store
        .book_series(&weekly(weeks, jane(), SeriesMode::AllOrNone), now())
        .unwrap()
}

/// John takes week 4 (2026-06-22) of Ana's Monday 09:00 first.
fn clash_in_week_four(store: &mut Store) -> Vec<SlotRef> {
    let weeks = six_mondays(store);
    store.book(&book_request(weeks[3], john()), now()).unwrap();
    weeks
}

#[test]
fn all_or_none_with_a_clash_in_week_four_books_nothing_and_names_the_week() {
    let (_dir, mut store) = open();
    let weeks = clash_in_week_four(&mut store);
    let before = counts(&store);
    let e = rule_error(store.book_series(&weekly(weeks, jane(), SeriesMode::AllOrNone), now()));
    let BookingError::SeriesRefused { refused, asked, .. } = &e else {
        panic!("expected a series refusal, got {e}");
    };
    assert_eq!(*asked, 6);
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].position, 4);
    assert_eq!(refused[0].slot.date, date("2026-06-22"));
    assert_eq!(refused[0].reason, "time slot is full");
    let text = e.to_string();
    assert!(text.contains("1 of 6 weeks cannot be booked"), "{text}");
    assert!(text.contains("week 4, Mon 22 Jun 2026"), "{text}");
    assert_eq!(
        counts(&store),
        before,
        "nothing booked, no customer, no event"
    );
}

#[test]
fn partial_with_a_clash_in_week_four_books_five_and_names_the_sixth() {
    let (_dir, mut store) = open();
    let weeks = clash_in_week_four(&mut store);
    let events_before = all_events(&store).len();
    let made = store
        .book_series(&weekly(weeks.clone(), jane(), SeriesMode::Partial), now())
        .unwrap();
    assert_eq!(made.booked.len(), 5);
    assert_eq!(made.refused.len(), 1);
    assert_eq!(made.refused[0].slot, weeks[3]);
    assert_eq!(made.refused[0].reason, "time slot is full");
    let positions: Vec<u32> = made
        .booked
        .iter()
        .map(|b| b.series_place.unwrap().position)
        .collect();
    assert_eq!(positions, [1, 2, 3, 5, 6]);
    let jane_id = made.booked[0].customer.as_ref().unwrap().id;
    for b in &made.booked {
        assert_eq!(b.series_id, Some(made.series_id));
        assert_eq!(b.series_place.unwrap().of, 6);
        assert_eq!(b.status, BookingStatus::Confirmed);
        assert_eq!(b.customer.as_ref().unwrap().id, jane_id, "one customer");
    }
    assert_eq!(
        made.booked[2].series_place.unwrap().to_string(),
        "series: week 3 of 6"
    );
    // One booking.created per week booked (and one customer.created), each
    // carrying the series.
    let kinds = kinds_after(&store, events_before);
    assert_eq!(
        kinds.iter().filter(|k| *k == "booking.created").count(),
        5,
        "{kinds:?}"
    );
    let created = all_events(&store)
        .into_iter()
        .rev()
        .find(|e| e.kind == EventKind::BookingCreated)
        .unwrap();
    let EventData::Booking(change) = created.data else {
        panic!("a booking event");
    };
    assert_eq!(change.booking.series_id, Some(made.series_id));
    assert_eq!(store.series_bookings(made.series_id).unwrap().len(), 5);
}

#[test]
fn each_refused_week_says_why_closed_or_not_occurring() {
    let (_dir, mut store) = open();
    // Ben is away on Wednesday 2026-06-03 (week 1); 2026-06-10 on is open.
    let wednesdays =
        weekly_slots(slot(&store, "physio", "ben", "09:00", "2026-06-03"), 3, 1).unwrap();
    let made = store
        .book_series(&weekly(wednesdays, jane(), SeriesMode::Partial), now())
        .unwrap();
    assert_eq!(made.booked.len(), 2);
    assert_eq!(made.refused[0].position, 1);
    assert!(
        made.refused[0].reason.contains("closed: Training day"),
        "{:?}",
        made.refused
    );

    // A slot named on a date it does not occur on (a Tuesday for a Monday
    // time slot) is refused with a reason, not skipped.
    let mut odd = six_mondays(&store)[..2].to_vec();
    odd.push(SlotRef {
        date: date("2026-06-16"),
        ..odd[0]
    });
    let made = store
        .book_series(&weekly(odd, john(), SeriesMode::Partial), now())
        .unwrap();
    assert_eq!(made.booked.len(), 2);
    assert!(
        made.refused[0]
            .reason
            .contains("does not occur on 2026-06-16"),
        "{:?}",
        made.refused
    );
}

#[test]
fn a_partial_series_none_of_whose_weeks_can_be_booked_is_refused_and_changes_nothing() {
    let (_dir, mut store) = open();
    let weeks = six_mondays(&store);
    store
        .book_series(&weekly(weeks.clone(), john(), SeriesMode::AllOrNone), now())
        .unwrap();
    let before = counts(&store);
    let e = rule_error(store.book_series(&weekly(weeks, jane(), SeriesMode::Partial), now()));
    assert!(
        e.to_string().contains("6 of 6 weeks cannot be booked"),
        "{e}"
    );
    assert_eq!(counts(&store), before);
}

#[test]
fn a_malformed_series_is_refused_whole_before_any_week() {
    let (_dir, mut store) = open();
    let before = counts(&store);
    let mut req = weekly(six_mondays(&store), jane(), SeriesMode::Partial);
    req.booking.participants = 0;
    let e = rule_error(store.book_series(&req, now()));
    assert!(matches!(e, BookingError::Invalid(_)), "{e}");
    let mut req = weekly(six_mondays(&store), jane(), SeriesMode::Partial);
    req.booking.message = Some("line one\u{7}bell".into());
    assert!(matches!(
        rule_error(store.book_series(&req, now())),
        BookingError::Invalid(_)
    ));
    let mut req = weekly(Vec::new(), jane(), SeriesMode::Partial);
    assert!(matches!(
        rule_error(store.book_series(&req, now())),
        BookingError::Invalid(_)
    ));
    req.slots = vec![six_mondays(&store)[0]; 2];
    assert!(matches!(
        rule_error(store.book_series(&req, now())),
        BookingError::Invalid(_)
    ));
    // Confirming needs a phone or an email: every week would refuse alike.
    let nameless = CustomerInput {
        email: None,
        ..jane()
    };
    let req = weekly(six_mondays(&store), nameless, SeriesMode::Partial);
    assert!(matches!(
        rule_error(store.book_series(&req, now())),
        BookingError::Invalid(_)
    ));
    assert_eq!(counts(&store), before);
}

#[test]
fn a_pending_series_for_a_name_alone_goes_to_one_customer() {
    let (_dir, mut store) = open();
    let mut req = weekly(
        six_mondays(&store),
        customer("Sam", "Lee", "x@example.com"),
        SeriesMode::AllOrNone,
    );
    if let slotdesk::domain::BookingFor::Typed(input) = &mut req.booking.customer {
        input.email = None;
    }
    req.booking.status = InitialStatus::Pending;
    let made = store.book_series(&req, now()).unwrap();
    assert_eq!(made.booked.len(), 6);
    assert_eq!(store.customers().unwrap().len(), 1);
}

#[test]
fn the_same_key_returns_the_same_series_and_another_request_under_it_is_a_conflict() {
    let (_dir, mut store) = open();
    let weeks = clash_in_week_four(&mut store);
    let mut req = weekly(weeks, jane(), SeriesMode::Partial);
    req.booking.idempotency_key = Some("series-1".into());
    let first = store.book_series(&req, now()).unwrap();
    let before = counts(&store);
    let again = store.book_series(&req, now()).unwrap();
    assert_eq!(again, first);
    assert_eq!(counts(&store), before, "nothing more booked");
    req.mode = SeriesMode::AllOrNone;
    assert_eq!(
        rule_error(store.book_series(&req, now())),
        BookingError::KeyReused
    );
    // A key a single booking used is not a series' key.
    let mut single = book_request(slot(&store, "physio", "ben", "09:00", MONDAY), john());
    single.idempotency_key = Some("single-1".into());
    store.book(&single, now()).unwrap();
    req.booking.idempotency_key = Some("single-1".into());
    assert_eq!(
        rule_error(store.book_series(&req, now())),
        BookingError::KeyReused
    );
    // And a series' key is not a single booking's.
    single.idempotency_key = Some("series-1".into());
    assert_eq!(
        rule_error(store.book(&single, now())),
        BookingError::KeyReused
    );
}

#[test]
fn cancel_following_cancels_this_and_the_later_weeks_in_one_step_with_one_reason() {
    let (_dir, mut store) = open();
    let made = janes_six_mondays(&mut store);
    let events_before = all_events(&store).len();
    let fourth = made.booked[3].id;
    let cancelled = store
        .cancel_following(
            fourth,
            &CancelRequest {
                reason: "moving away".into(),
                ..CancelRequest::default()
            },
            now(),
        )
        .unwrap();
    let ids: Vec<_> = cancelled.iter().map(|b| b.id).collect();
    assert_eq!(
        ids,
        [made.booked[3].id, made.booked[4].id, made.booked[5].id]
    );
    let statuses: Vec<_> = store
        .series_bookings(made.series_id)
        .unwrap()
        .iter()
        .map(|b| (b.status, b.cancel_reason.clone()))
        .collect();
    let kept = (BookingStatus::Confirmed, None);
    let gone = (BookingStatus::Cancelled, Some("moving away".to_owned()));
    assert_eq!(
        statuses,
        [
            kept.clone(),
            kept.clone(),
            kept,
            gone.clone(),
            gone.clone(),
            gone
        ]
    );
    assert_eq!(kinds_after(&store, events_before), ["booking.cancelled"; 3]);

    // A refusal on any of them cancels none: the first is cancelled already.
    let before = counts(&store);
    let again = store.cancel_following(
        made.booked[3].id,
        &CancelRequest {
            reason: "again".into(),
            ..CancelRequest::default()
        },
        now(),
    );
    assert!(again.is_err());
    assert_eq!(counts(&store), before);
    let blank = store.cancel_following(made.booked[0].id, &CancelRequest::default(), now());
    assert!(blank.is_err());
    assert_eq!(counts(&store), before);

    // A booking in no series is cancelled alone.
    let single = store
        .book(
            &book_request(slot(&store, "physio", "ben", "09:00", MONDAY), john()),
            now(),
        )
        .unwrap();
    let alone = store
        .cancel_following(
            single.id,
            &CancelRequest {
                reason: "ill".into(),
                ..CancelRequest::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(alone.len(), 1);
}

#[test]
fn a_series_racing_a_single_booking_from_another_process_cannot_overbook() {
    let (_dir, store) = open();
    let path = store.path().to_owned();
    let weeks = six_mondays(&store);
    drop(store);
    for round in 0..3 {
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
        let series = {
            let (path, barrier, weeks) = (path.clone(), barrier.clone(), weeks.clone());
            std::thread::spawn(move || {
                let mut mine = Store::open(&path).unwrap();
                barrier.wait();
                mine.book_series(&weekly(weeks, jane(), SeriesMode::AllOrNone), now())
                    .is_ok()
            })
        };
        let single = {
            let (path, barrier, week) = (path.clone(), barrier.clone(), weeks[3]);
            std::thread::spawn(move || {
                let mut mine = Store::open(&path).unwrap();
                barrier.wait();
                mine.book(&book_request(week, john()), now()).is_ok()
            })
        };
        let (series_won, single_won) = (series.join().unwrap(), single.join().unwrap());
        assert!(series_won != single_won, "round {round}: exactly one wins");
        let mut store = Store::open(&path).unwrap();
        let live: Vec<_> = all_bookings(&store)
            .into_iter()
            .filter(|b| b.status == BookingStatus::Confirmed)
            .collect();
        for w in &weeks {
            assert!(
                live.iter().filter(|b| b.slot_ref() == *w).count() <= 1,
                "round {round}: {w} overbooked"
            );
        }
        assert_eq!(live.len(), if series_won { 6 } else { 1 });
        for b in live {
            store.cancel(b.id, "next round", now()).unwrap();
        }
    }
}

#[test]
fn move_following_shifts_this_and_the_later_weeks_by_the_same_days_all_or_none() {
    let (_dir, mut store) = open();
    let made = janes_six_mondays(&mut store);
    // Week 4 (Mon 22 Jun) to Tuesday 23 Jun: weeks 5 and 6 go to Tuesdays too.
    let tuesday = slot(&store, "physio", "ana", "09:00", "2026-06-23");
    // John has Tuesday 7 Jul, where week 6 would land: nothing moves.
    let blocker = store
        .book(
            &book_request(
                SlotRef {
                    date: date("2026-07-07"),
                    ..tuesday
                },
                john(),
            ),
            now(),
        )
        .unwrap();
    let before = counts(&store);
    let e = rule_error(store.move_following(made.booked[3].id, tuesday, now()));
    assert!(e.to_string().contains("week 6, Tue 07 Jul 2026"), "{e}");
    assert!(
        e.to_string().starts_with(
            "the series was not moved: 1 of 3 weeks cannot be moved, so nothing was moved:"
        ),
        "{e}"
    );
    assert_eq!(counts(&store), before, "nothing moved");
    store.cancel(blocker.id, "made room", now()).unwrap();

    let moved = store
        .move_following(made.booked[3].id, tuesday, now())
        .unwrap();
    let dates: Vec<String> = moved.iter().map(|b| b.date.to_string()).collect();
    assert_eq!(dates, ["2026-06-23", "2026-06-30", "2026-07-07"]);
    assert!(moved.iter().all(|b| b.time_slot_id == tuesday.time_slot_id));
    let kept = store.series_bookings(made.series_id).unwrap();
    assert_eq!(kept[2].date, date("2026-06-15"), "week 3 stays");

    // On by a week on the same slot: the later ones move first, so none
    // lands on a week of its own still booked.
    let first = kept[0].slot_ref();
    let on = store
        .move_following(
            kept[0].id,
            SlotRef {
                date: date("2026-06-08"),
                ..first
            },
            now(),
        )
        .unwrap();
    let dates: Vec<String> = on.iter().map(|b| b.date.to_string()).collect();
    assert_eq!(
        dates,
        [
            "2026-06-08",
            "2026-06-15",
            "2026-06-22",
            "2026-06-30",
            "2026-07-07",
            "2026-07-14"
        ],
        "the Tuesdays stay Tuesdays"
    );
}
