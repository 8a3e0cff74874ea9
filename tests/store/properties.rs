//! Random sequences of hold / book / confirm / cancel / move / time passing /
//! sweep / joining and leaving waitlists on a few slots of a capacity-1 and
//! a capacity-3 service that share resources, checking capacity, one thing
//! at a time, lapsing holds, one event per change, and that every seat a
//! write frees goes to the waitlist (each offer once, a live hold in the
//! customer's name) after every step against the bookings list, computed
//! independently of the engine.
#![allow(clippy::unwrap_used)]

use crate::support::{
    TUESDAY, all_bookings, all_events, at, book_request, customer, hold_request, slot,
};
use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use slotdesk::domain::customer::CustomerInput;
use slotdesk::domain::{Booking, BookingId, BookingStatus, CustomerSummary, SlotRef, TimeSlotId};
use slotdesk::domain::{BookingFor, EventData, EventKind, InitialStatus, SlotQuery};
use slotdesk::domain::{WaitlistEntry, WaitlistEntryId, WaitlistRequest, WaitlistStatus};
use slotdesk::store::{Store, StoreError};
use std::collections::HashMap;

/// The slots the sequences play on, all on Tuesday 2026-06-02: Ana's physio
/// (9:00, 10:00) around her 9:30 massage, Ben's 10:00 physio overlapping his
/// 10:30 class, and the studio's overlapping 18:00 and 18:30 classes.
const SLOTS: [(&str, &str, &str); 7] = [
    ("physio", "ana", "09:00"),
    ("massage", "ana", "09:30"),
    ("physio", "ana", "10:00"),
    ("physio", "ben", "10:00"),
    ("yoga", "ben", "10:30"),
    ("yoga", "studio", "18:00"),
    ("yoga", "studio", "18:30"),
];

#[derive(Debug, Clone)]
enum Op {
    Hold {
        slot: usize,
        participants: u32,
    },
    Book {
        slot: usize,
        who: usize,
        participants: u32,
        pending: bool,
    },
    Confirm {
        booking: usize,
        who: Option<usize>,
    },
    Cancel {
        booking: usize,
    },
    Move {
        booking: usize,
        slot: usize,
    },
    Advance {
        minutes: i64,
    },
    Sweep,
    Join {
        slot: usize,
        who: usize,
        participants: u32,
    },
    Leave {
        entry: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let slot = 0..SLOTS.len();
    let seats = 1..=3_u32;
    prop_oneof![
        3 => (slot.clone(), seats.clone()).prop_map(|(slot, participants)| Op::Hold { slot, participants }),
        3 => (slot.clone(), 0..4_usize, seats, any::<bool>()).prop_map(|(slot, who, participants, pending)| {
            Op::Book { slot, who, participants, pending }
        }),
        2 => (0..8_usize, proptest::option::of(0..4_usize)).prop_map(|(booking, who)| Op::Confirm { booking, who }),
        1 => (0..8_usize).prop_map(|booking| Op::Cancel { booking }),
        2 => (0..8_usize, slot).prop_map(|(booking, slot)| Op::Move { booking, slot }),
        2 => (1..=20_i64).prop_map(|minutes| Op::Advance { minutes }),
        1 => Just(Op::Sweep),
        3 => (0..SLOTS.len(), 0..4_usize, 1..=2_u32).prop_map(|(slot, who, participants)| {
            Op::Join { slot, who, participants }
        }),
        1 => (0..8_usize).prop_map(|entry| Op::Leave { entry }),
    ]
}

/// Four customers; the last is the first again with the email in capitals.
fn who(n: usize) -> CustomerInput {
    match n {
        0 => customer("Jane", "Doe", "jane@example.com"),
        1 => customer("John", "Smith", "john@example.com"),
        2 => customer("Ada", "Lovelace", "ada@example.org"),
        _ => customer("Jane", "Doe", "JANE@EXAMPLE.COM"),
    }
}

/// Whether `b` holds capacity at `now` (a lapsed hold does not).
fn counts_at(b: &Booking, now: DateTime<Utc>) -> bool {
    match b.status {
        BookingStatus::Held => b.hold_expires_at.is_some_and(|t| now < t),
        BookingStatus::Pending | BookingStatus::Confirmed | BookingStatus::CheckedIn => true,
        _ => false,
    }
}

struct World {
    store: Store,
    slots: Vec<SlotRef>,
    capacity: HashMap<TimeSlotId, u32>,
    made: Vec<BookingId>,
    entries: Vec<WaitlistEntryId>,
    now: DateTime<Utc>,
}

impl World {
    fn booking(&self, n: usize) -> BookingId {
        if self.made.is_empty() {
            BookingId(999_999)
        } else {
            self.made[n % self.made.len()]
        }
    }

    /// Runs `op`; `Ok` holds the bookings that must each have a new event.
    fn apply(&mut self, op: &Op) -> Result<Vec<BookingId>, StoreError> {
        let now = self.now;
        match *op {
            Op::Hold { slot, participants } => {
                let b = self
                    .store
                    .hold(&hold_request(self.slots[slot], participants), now)?;
                self.made.push(b.id);
                Ok(vec![b.id])
            }
            Op::Book {
                slot,
                who: w,
                participants,
                pending,
            } => {
                let mut req = book_request(self.slots[slot], who(w));
                req.participants = participants;
                if pending {
                    req.status = InitialStatus::Pending;
                }
                let b = self.store.book(&req, now)?;
                self.made.push(b.id);
                Ok(vec![b.id])
            }
            Op::Confirm { booking, who: w } => {
                let id = self.booking(booking);
                let input = w.map(who);
                Ok(vec![self.store.confirm(id, input.as_ref(), now)?.id])
            }
            Op::Cancel { booking } => {
                let id = self.booking(booking);
                Ok(vec![self.store.cancel(id, "changed plans", now)?.id])
            }
            Op::Move { booking, slot } => {
                let id = self.booking(booking);
                Ok(vec![self.store.move_booking(id, self.slots[slot], now)?.id])
            }
            Op::Advance { minutes } => {
                self.now += Duration::minutes(minutes);
                Ok(Vec::new())
            }
            Op::Sweep => self.store.sweep_expired_holds(now),
            Op::Join {
                slot,
                who: w,
                participants,
            } => {
                let request = WaitlistRequest {
                    slot: self.slots[slot],
                    customer: BookingFor::Typed(who(w)),
                    participants,
                };
                let e = self.store.join_waitlist(&request, now)?;
                self.entries.push(e.id);
                Ok(Vec::new())
            }
            Op::Leave { entry } => {
                let id = self
                    .entries
                    .get(entry % self.entries.len().max(1))
                    .copied()
                    .unwrap_or(WaitlistEntryId(999_999));
                self.store.leave_waitlist(id, now)?;
                Ok(Vec::new())
            }
        }
    }
}

/// What a step may change: the bookings, the customers, the event count.
#[derive(Debug, PartialEq)]
struct Snapshot {
    bookings: Vec<Booking>,
    customers: Vec<CustomerSummary>,
    events: usize,
    waitlist: Vec<WaitlistEntry>,
}

fn snapshot(store: &Store, slots: &[SlotRef]) -> Snapshot {
    Snapshot {
        bookings: all_bookings(store),
        customers: store.customers().unwrap(),
        events: all_events(store).len(),
        waitlist: slots
            .iter()
            .flat_map(|s| store.waitlist(*s).unwrap())
            .collect(),
    }
}

/// Every slot of the test day as the engine lists it at `w.now`.
fn listed(w: &World) -> Vec<slotdesk::domain::Slot> {
    w.store
        .slots(
            &SlotQuery {
                service: None,
                resource: None,
                from: crate::support::date(TUESDAY),
                days: 1,
                include_unavailable: true,
            },
            w.now,
        )
        .unwrap()
}

/// After a write (which sweeps, then settles the waitlist): each open offer
/// is a hold in its customer's name on its slot, no entry was offered
/// twice, and no bookable slot has free seats a waiting party fits.
fn check_waitlist(w: &World) -> Result<(), TestCaseError> {
    let listed = listed(w);
    for s in &w.slots {
        let queue = w.store.waitlist(*s).unwrap();
        for e in queue.iter().filter(|e| e.status == WaitlistStatus::Offered) {
            let hold = w.store.booking(e.offer_booking_id.unwrap()).unwrap();
            prop_assert_eq!(hold.status, BookingStatus::Held, "offer {}", e.id);
            prop_assert_eq!(hold.slot_ref(), *s);
            prop_assert_eq!(hold.customer.map(|c| c.id), Some(e.customer.id));
        }
        let shown = listed
            .iter()
            .find(|l| l.occurrence.slot_ref() == *s)
            .unwrap();
        let smallest = queue
            .iter()
            .filter(|e| e.status == WaitlistStatus::Waiting)
            .map(|e| e.participants)
            .min();
        if let (None, Some(n)) = (&shown.unavailable, smallest) {
            prop_assert!(
                shown.free() < n,
                "slot {} has {} free and a party of {} waiting",
                s,
                shown.free(),
                n
            );
        }
    }
    let mut offered: Vec<i64> = all_events(&w.store)
        .into_iter()
        .filter(|e| e.kind == EventKind::WaitlistOffered)
        .filter_map(|e| match e.data {
            EventData::Waitlist(w) => Some(w.id.0),
            _ => None,
        })
        .collect();
    let all = offered.len();
    offered.sort_unstable();
    offered.dedup();
    prop_assert_eq!(offered.len(), all, "an entry was offered twice");
    Ok(())
}

/// Rules 1 and 2 at `w.now`, from the bookings list alone, and the store's
/// own `taken` agreeing with it.
fn check_rules(w: &World) -> Result<(), TestCaseError> {
    let live: Vec<Booking> = all_bookings(&w.store)
        .into_iter()
        .filter(|b| counts_at(b, w.now))
        .collect();
    let mut taken: HashMap<SlotRef, u32> = HashMap::new();
    for b in &live {
        *taken.entry(b.slot_ref()).or_default() += b.participants;
    }
    for (s, seats) in &taken {
        let capacity = w.capacity[&s.time_slot_id];
        prop_assert!(*seats <= capacity, "slot {s} holds {seats} > {capacity}");
    }
    for a in &live {
        for b in &live {
            let overlap = a.from < b.to && b.from < a.to;
            prop_assert!(
                a.id == b.id
                    || a.resource_id != b.resource_id
                    || a.slot_ref() == b.slot_ref()
                    || !overlap,
                "bookings {} and {} overlap on resource {}",
                a.id,
                b.id,
                a.resource_id
            );
        }
    }
    let listed = listed(w);
    for s in &w.slots {
        let shown = listed
            .iter()
            .find(|l| l.occurrence.slot_ref() == *s)
            .unwrap();
        prop_assert_eq!(
            shown.taken,
            taken.get(s).copied().unwrap_or(0),
            "taken of {}",
            s
        );
    }
    Ok(())
}

fn run(ops: &[Op]) -> Result<(), TestCaseError> {
    let (_dir, store) = crate::support::open();
    let slots: Vec<SlotRef> = SLOTS
        .iter()
        .map(|(service, resource, starts)| slot(&store, service, resource, starts, TUESDAY))
        .collect();
    let capacity = store
        .time_slots()
        .unwrap()
        .into_iter()
        .map(|t| (t.id, t.capacity))
        .collect();
    let mut w = World {
        store,
        slots,
        capacity,
        made: Vec::new(),
        entries: Vec::new(),
        now: at("2026-06-01T12:00:00Z"),
    };
    for op in ops {
        let before = snapshot(&w.store, &w.slots);
        let waitlist_op = matches!(op, Op::Join { .. } | Op::Leave { .. });
        let result = w.apply(op);
        let wrote = match &result {
            Ok(ids) => waitlist_op || !ids.is_empty(),
            Err(_) => false,
        };
        match result {
            Ok(_) if waitlist_op => {
                prop_assert!(
                    all_events(&w.store).len() > before.events,
                    "{:?} wrote no event",
                    op
                );
            }
            Ok(ids) if ids.is_empty() => {
                prop_assert_eq!(
                    &snapshot(&w.store, &w.slots),
                    &before,
                    "{:?} changed something",
                    op
                );
            }
            Ok(ids) => {
                let added = &all_events(&w.store)[before.events..];
                for id in ids {
                    prop_assert!(
                        added.iter().any(|e| e.booking_id == Some(id)),
                        "{:?} wrote no event for booking {}",
                        op,
                        id
                    );
                }
            }
            Err(e) => {
                prop_assert!(
                    e.kind() != slotdesk::domain::ErrorKind::Fault,
                    "{:?} failed in the database: {}",
                    op,
                    e
                );
                prop_assert_eq!(
                    &snapshot(&w.store, &w.slots),
                    &before,
                    "refused {:?} changed something",
                    op
                );
            }
        }
        if matches!(op, Op::Sweep) {
            let unswept = all_bookings(&w.store).into_iter().any(|b| {
                b.status == BookingStatus::Held && b.hold_expires_at.is_some_and(|t| t <= w.now)
            });
            prop_assert!(!unswept, "a lapsed hold survived the sweep");
        }
        check_rules(&w)?;
        if wrote {
            check_waitlist(&w)?;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_sequences_never_overbook_a_slot_or_double_book_a_resource(
        ops in proptest::collection::vec(op(), 1..24)
    ) {
        run(&ops)?;
    }
}
