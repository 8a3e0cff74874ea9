//! The export's walk over bookings and customers: the same bookings, in
//! the same order and with the same answers and add-ons as the paged list
//! gives, across the walk's batches; the statuses asked for; an error from
//! the caller stops it.
#![allow(clippy::unwrap_used)]

use slotdesk::domain::{Booking, BookingQuery, BookingStatus};
use slotdesk::store::bulk_load::{self, ScaleParams};
use slotdesk::store::{Store, StoreError};

/// A generated history of 1,800 bookings (more than three of the walk's
/// batches).
fn generated() -> (tempfile::TempDir, Store, ScaleParams) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("export.db")).unwrap();
    let params = ScaleParams {
        bookings: 1_800,
        customers: 200,
        history_days: 40,
        ..ScaleParams::default()
    };
    bulk_load::load(&mut store, &params, params.now()).unwrap();
    (dir, store, params)
}

fn walked(store: &Store, query: &BookingQuery, statuses: &[BookingStatus]) -> Vec<Booking> {
    let mut all = Vec::new();
    store
        .each_booking(query, statuses, |b| -> Result<(), StoreError> {
            all.push(b);
            Ok(())
        })
        .unwrap();
    all
}

/// Every page of `query`'s list.
fn paged(store: &Store, query: &BookingQuery) -> Vec<Booking> {
    let mut all = Vec::new();
    for page in 1.. {
        let got = store
            .bookings(&BookingQuery {
                page,
                page_size: 500,
                ..query.clone()
            })
            .unwrap();
        all.extend(got.bookings);
        if page >= got.pagination.total_pages {
            break;
        }
    }
    all
}

#[test]
fn the_walk_gives_the_lists_bookings_in_slot_order_with_their_details() {
    let (_dir, store, _) = generated();
    let everything = BookingQuery::default();
    let walked_all = walked(&store, &everything, &[]);
    assert_eq!(walked_all.len(), 1_800);
    assert_eq!(walked_all, paged(&store, &everything));
    assert!(walked_all.iter().any(|b| !b.answers.is_empty()));
    assert_eq!(store.count_for_export(&everything, &[]).unwrap(), 1_800);

    let visible = BookingQuery {
        hide_lapsed: true,
        ..BookingQuery::default()
    };
    let shown = walked(&store, &visible, &[]);
    assert_eq!(shown, paged(&store, &visible));
    assert!(shown.len() < 1_800, "lapsed holds are left out");
    assert_eq!(
        store.count_for_export(&visible, &[]).unwrap(),
        shown.len() as u64
    );
}

#[test]
fn statuses_asked_for_are_exactly_those_and_expired_brings_unswept_holds() {
    let (_dir, store, _) = generated();
    let query = BookingQuery {
        hide_lapsed: true,
        ..BookingQuery::default()
    };
    let some = [BookingStatus::Completed, BookingStatus::Cancelled];
    let got = walked(&store, &query, &some);
    assert!(!got.is_empty());
    assert!(got.iter().all(|b| some.contains(&b.status)));
    let all = walked(&store, &BookingQuery::default(), &[]);
    let expected = all.iter().filter(|b| some.contains(&b.status)).count();
    assert_eq!(got.len(), expected);
    let expired = walked(&store, &query, &[BookingStatus::Expired]);
    assert!(
        expired
            .iter()
            .all(|b| matches!(b.status, BookingStatus::Expired | BookingStatus::Held))
    );
}

#[test]
fn an_error_from_the_caller_stops_the_walk_and_customers_come_in_id_order() {
    let (_dir, store, _) = generated();
    let mut seen = 0;
    let result = store.each_booking(&BookingQuery::default(), &[], |_| {
        seen += 1;
        if seen == 3 {
            return Err(StoreError::from(slotdesk::domain::BookingError::invalid(
                "stop",
            )));
        }
        Ok(())
    });
    assert!(result.is_err());
    assert_eq!(seen, 3);
    let mut ids = Vec::new();
    store
        .each_customer(|c| -> Result<(), StoreError> {
            ids.push(c.id.0);
            Ok(())
        })
        .unwrap();
    assert_eq!(ids.len(), 200);
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
}
