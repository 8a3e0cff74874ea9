//! The bookings list through the store on a real SQLite file: filters (date
//! range, status, service, customer) and ReserveKit's pagination numbers.
#![allow(clippy::unwrap_used)]

use crate::support::{
    MONDAY, TUESDAY, book_request, customer, date, hold_request, jane, john, now, open, rule_error,
    slot,
};
use slotdesk::domain::{Booking, BookingError, BookingStatus};
use slotdesk::domain::{BookingQuery, BookingSort, InitialStatus, Pagination};
use slotdesk::store::Store;

/// Six bookings over three days, three services, four statuses, three
/// customers and one hold without a customer.
fn six_bookings() -> (tempfile::TempDir, Store, Vec<Booking>) {
    let (dir, mut store) = open();
    let mut ada = customer("Ada", "Lovelace", "ada@example.org");
    ada.phone = Some("020 7946 0018".into());
    let mut made = Vec::new();
    let s = slot(&store, "physio", "ana", "09:00", MONDAY);
    made.push(store.book(&book_request(s, jane()), now()).unwrap());
    let class = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let mut pending = book_request(class, john());
    pending.status = InitialStatus::Pending;
    made.push(store.book(&pending, now()).unwrap());
    made.push(store.book(&book_request(class, ada), now()).unwrap());
    let s = slot(&store, "physio", "ben", "09:00", TUESDAY);
    let cancelled = store.book(&book_request(s, john()), now()).unwrap();
    made.push(store.cancel(cancelled.id, "clash", now()).unwrap());
    let s = slot(&store, "massage", "ana", "09:30", TUESDAY);
    made.push(store.book(&book_request(s, jane()), now()).unwrap());
    let s = slot(&store, "yoga", "ben", "10:30", "2026-06-04");
    made.push(store.hold(&hold_request(s, 2), now()).unwrap());
    (dir, store, made)
}

fn ids(store: &Store, query: &BookingQuery) -> Vec<i64> {
    let mut out: Vec<i64> = store
        .bookings(query)
        .unwrap()
        .bookings
        .iter()
        .map(|b| b.id.0)
        .collect();
    out.sort_unstable();
    out
}

fn pick(made: &[Booking], which: &[usize]) -> Vec<i64> {
    which.iter().map(|&i| made[i].id.0).collect()
}

#[test]
fn bookings_filter_by_local_date_range() {
    let (_dir, store, made) = six_bookings();
    let monday = BookingQuery {
        from: Some(date(MONDAY)),
        to: Some(date(MONDAY)),
        ..BookingQuery::default()
    };
    assert_eq!(ids(&store, &monday), pick(&made, &[0, 1, 2]));
    let from_tuesday = BookingQuery {
        from: Some(date(TUESDAY)),
        ..BookingQuery::default()
    };
    assert_eq!(ids(&store, &from_tuesday), pick(&made, &[3, 4, 5]));
    let until_tuesday = BookingQuery {
        to: Some(date(TUESDAY)),
        ..BookingQuery::default()
    };
    assert_eq!(ids(&store, &until_tuesday), pick(&made, &[0, 1, 2, 3, 4]));
}

#[test]
fn bookings_filter_by_status_and_service() {
    let (_dir, store, made) = six_bookings();
    let by_status = |status| BookingQuery {
        status: Some(status),
        ..BookingQuery::default()
    };
    assert_eq!(
        ids(&store, &by_status(BookingStatus::Cancelled)),
        pick(&made, &[3])
    );
    assert_eq!(
        ids(&store, &by_status(BookingStatus::Pending)),
        pick(&made, &[1])
    );
    assert_eq!(
        ids(&store, &by_status(BookingStatus::Held)),
        pick(&made, &[5])
    );
    assert_eq!(
        ids(&store, &by_status(BookingStatus::Confirmed)),
        pick(&made, &[0, 2, 4])
    );
    let yoga = store.find_service("yoga").unwrap().id;
    let by_service = BookingQuery {
        service: Some(yoga),
        ..BookingQuery::default()
    };
    assert_eq!(ids(&store, &by_service), pick(&made, &[1, 2, 5]));
    let yoga_on_monday = BookingQuery {
        service: Some(yoga),
        from: Some(date(MONDAY)),
        to: Some(date(MONDAY)),
        status: Some(BookingStatus::Confirmed),
        ..BookingQuery::default()
    };
    assert_eq!(ids(&store, &yoga_on_monday), pick(&made, &[2]));
}

#[test]
fn bookings_filter_by_text_in_the_customers_name_email_or_phone() {
    let (_dir, store, made) = six_bookings();
    let text = |t: &str| BookingQuery {
        customer_text: Some(t.into()),
        ..BookingQuery::default()
    };
    assert_eq!(ids(&store, &text("jane")), pick(&made, &[0, 4]));
    assert_eq!(ids(&store, &text("John Smith")), pick(&made, &[1, 3]));
    assert_eq!(ids(&store, &text("example.org")), pick(&made, &[2]));
    assert_eq!(ids(&store, &text("7946")), pick(&made, &[2]));
    // A phone in any format the clerk types, as the Customers screen finds it.
    for phone in [
        "020 7946 0018",
        "02079460018",
        "+44 20 7946 0018",
        "+442079460018",
    ] {
        assert_eq!(ids(&store, &text(phone)), pick(&made, &[2]), "{phone}");
    }
    assert_eq!(ids(&store, &text("020 7946 0019")), Vec::<i64>::new());
    assert_eq!(ids(&store, &text("100%")), Vec::<i64>::new());
    let page = store.bookings(&text("jane")).unwrap();
    assert_eq!(page.pagination.total_count, 2);
    let jane_id = made[0].customer.as_ref().unwrap().id;
    let by_customer = BookingQuery {
        customer: Some(jane_id),
        ..BookingQuery::default()
    };
    assert_eq!(ids(&store, &by_customer), pick(&made, &[0, 4]));
}

#[test]
fn pages_report_total_count_and_total_pages_as_reservekit_does() {
    let (_dir, store, made) = six_bookings();
    let page = |page, page_size| {
        store
            .bookings(&BookingQuery {
                page,
                page_size,
                ..BookingQuery::default()
            })
            .unwrap()
    };
    let first = page(1, 4);
    assert_eq!(
        first.pagination,
        Pagination {
            current_page: 1,
            total_pages: 2,
            total_count: 6,
            page_size: 4
        }
    );
    assert_eq!(first.bookings.len(), 4);
    let second = page(2, 4);
    assert_eq!(second.pagination.current_page, 2);
    assert_eq!(second.bookings.len(), 2);
    let mut seen: Vec<i64> = first
        .bookings
        .iter()
        .chain(&second.bookings)
        .map(|b| b.id.0)
        .collect();
    seen.sort_unstable();
    assert_eq!(seen, pick(&made, &[0, 1, 2, 3, 4, 5]));
    assert!(page(3, 4).bookings.is_empty());
    assert_eq!(page(1, 6).pagination.total_pages, 1);
    assert_eq!(page(1, 5).pagination.total_pages, 2);
    assert_eq!(page(1, 1).pagination.total_pages, 6);

    let nothing = store
        .bookings(&BookingQuery {
            status: Some(BookingStatus::Completed),
            ..BookingQuery::default()
        })
        .unwrap();
    assert_eq!(nothing.pagination.total_count, 0);
    assert_eq!(nothing.pagination.total_pages, 1);

    for (p, size) in [(0, 10), (1, 0), (1, 501)] {
        let err = rule_error(store.bookings(&BookingQuery {
            page: p,
            page_size: size,
            ..BookingQuery::default()
        }));
        assert!(matches!(err, BookingError::Invalid(_)), "{err}");
    }
}

#[test]
fn bookings_list_in_slot_order_either_way() {
    let (_dir, store, _made) = six_bookings();
    let list = |descending| {
        store
            .bookings(&BookingQuery {
                sort: BookingSort::Starts,
                descending,
                ..BookingQuery::default()
            })
            .unwrap()
            .bookings
    };
    let ascending = list(false);
    assert!(ascending.windows(2).all(|w| w[0].from <= w[1].from));
    let mut descending = list(true);
    assert!(descending.windows(2).all(|w| w[0].from >= w[1].from));
    descending.reverse();
    let froms = |v: &[Booking]| v.iter().map(|b| b.from).collect::<Vec<_>>();
    assert_eq!(froms(&descending), froms(&ascending));
}

#[test]
fn the_remembered_count_follows_this_desks_and_another_desks_writes() {
    let (_dir, mut store, _) = six_bookings();
    let all = BookingQuery::default();
    assert_eq!(store.bookings(&all).unwrap().pagination.total_count, 6);
    let s = slot(&store, "yoga", "studio", "18:00", MONDAY);
    store.hold(&hold_request(s, 1), now()).unwrap();
    assert_eq!(store.bookings(&all).unwrap().pagination.total_count, 7);
    let mut other = Store::open(store.path()).unwrap();
    let s = slot(&other, "physio", "ben", "10:00", TUESDAY);
    other.hold(&hold_request(s, 1), now()).unwrap();
    assert_eq!(store.bookings(&all).unwrap().pagination.total_count, 8);
}

#[test]
fn the_remembered_count_follows_writes_inside_one_batch() {
    // A batch (the demo's load, an import) commits once: the count seen
    // inside it must follow its own writes before anything is committed.
    let (_dir, mut store, _) = six_bookings();
    let all = BookingQuery::default();
    let s = slot(&store, "yoga", "studio", "18:00", MONDAY);
    let counts = store
        .batch(|st| {
            let before = st.bookings(&all)?.pagination.total_count;
            st.hold(&hold_request(s, 1), now())?;
            let after = st.bookings(&all)?.pagination.total_count;
            Ok((before, after))
        })
        .unwrap();
    assert_eq!(counts, (6, 7));
}

#[test]
fn bookings_between_dates_lists_every_status_of_those_days_in_slot_order() {
    let (_dir, store, made) = six_bookings();
    let monday = store
        .bookings_between(date(MONDAY), date(MONDAY), None)
        .unwrap();
    let expected: Vec<i64> = made
        .iter()
        .filter(|b| b.date == date(MONDAY))
        .map(|b| b.id.0)
        .collect();
    assert_eq!(monday.iter().map(|b| b.id.0).collect::<Vec<_>>(), expected);
    assert!(monday.windows(2).all(|w| w[0].from <= w[1].from));
    let tuesday = store
        .bookings_between(date(TUESDAY), date(TUESDAY), None)
        .unwrap();
    assert!(tuesday.iter().any(|b| b.status == BookingStatus::Cancelled));
}

#[test]
fn the_customer_filter_lists_every_booking_however_many_customers_match() {
    let (_dir, store, made) = six_bookings();
    // 2,100 customers named Jones, each with a cancelled booking like Jane's.
    let mut conn = crate::support::engine::Raw::open(store.path());
    conn.run(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2100)
         INSERT INTO customers (first_name, last_name, created_at, updated_at)
             SELECT 'Pat', 'Jones', 0, 0 FROM n;",
    )
    .unwrap();
    conn.run(&format!(
        "INSERT INTO bookings (service_id, time_slot_id, resource_id, date, starts_at, ends_at,
             participants, status, payment_currency, created_at, updated_at, customer_id)
         SELECT b.service_id, b.time_slot_id, b.resource_id, b.date, b.starts_at, b.ends_at,
             1, 'cancelled', b.payment_currency, b.created_at, b.updated_at, c.id
         FROM bookings b, customers c WHERE b.id = {} AND c.last_name = 'Jones'",
        made[0].id.0
    ))
    .unwrap();
    let page = store
        .bookings(&BookingQuery {
            customer_text: Some("jones".into()),
            ..BookingQuery::default()
        })
        .unwrap();
    assert_eq!(page.pagination.total_count, 2_100);
}

#[test]
fn pages_of_different_bookings_do_not_pile_up_kept_statements_on_a_server() {
    let (_dir, store, made) = six_bookings();
    let page = |size: u32, page: u32| BookingQuery {
        page_size: size,
        page,
        ..BookingQuery::default()
    };
    // One booking on a page, and several: each shape's statements.
    store.bookings(&page(1, 1)).unwrap();
    store.bookings(&page(2, 1)).unwrap();
    let first = store.statements_kept();
    // Every page names other ids: a statement of its own, used once.
    for size in 1..=made.len() as u32 {
        for n in 1..=3 {
            store.bookings(&page(size, n)).unwrap();
        }
    }
    let after = store.statements_kept();
    assert!(first == after, "kept {first:?}, then {after:?}");
}
