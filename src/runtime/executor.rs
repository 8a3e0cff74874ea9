//! Runs the app's effects against the store and turns the results into
//! messages. SQLite calls are sub-millisecond, so they run inline.

use crate::app::overlays::form::PICKER_ROWS;
use crate::app::screens::activity::ACTIVITY_ROWS;
use crate::app::screens::customers::LIST_ROWS;
use crate::app::{Authority, CatalogView, DayView, Effect, Msg, Write, Written};
use crate::domain::free_slots::{SEARCH_DAYS, pick_free};
use crate::domain::{Actor, BookingError, Failure, Origin, Role};
use crate::domain::{BookingQuery, SlotQuery};
use crate::store::{FileFault, Store, StoreError};
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// Runs effects against one store, remembering the data version it last saw
/// and who is signed in at this desk.
pub struct Executor {
    pub store: Store,
    data_version: Option<i64>,
    signed_in: Option<String>,
    /// Whether the last change poll failed (a server gone away): the next
    /// one that answers says the database is back.
    poll_failed: bool,
    /// When the change poll last asked the database.
    last_poll: std::time::Instant,
}

/// While the database does not answer, the tick's poll and sweep ask again
/// only this often (not four times a second), each a new connection tried.
pub const RETRY_AWAY: std::time::Duration = std::time::Duration::from_secs(2);

impl Executor {
    /// An executor over `store`.
    pub fn new(store: Store) -> Self {
        // The baseline the change poll compares with, taken at once: a
        // change by another desk before the first tick is not missed.
        let data_version = store.data_version().ok();
        Self {
            store,
            data_version,
            signed_in: None,
            poll_failed: false,
            last_poll: std::time::Instant::now(),
        }
    }

    /// Signs the desk's changes as `staff`'s.
    fn sign(&mut self, staff: Option<String>) -> Result<(), StoreError> {
        self.store.act_as(&Actor {
            origin: Origin::Desk,
            staff: staff.clone(),
        })?;
        self.signed_in = staff;
        Ok(())
    }

    /// The role behind a manager-only change; a manager who gave their PIN
    /// at a clerk's desk signs this change as `Manager for Clerk`.
    fn authorise(&mut self, authority: &Authority) -> Result<Role, StoreError> {
        let (name, pin) = match authority {
            Authority::Role(role) => return Ok(*role),
            Authority::ManagerPin { name, pin } => (name, pin),
        };
        let manager = self.store.sign_in(name, pin)?;
        if manager.role != Role::Manager {
            return Err(BookingError::ManagerOnly("approve this").into());
        }
        let clerk = self.signed_in.clone().unwrap_or_default();
        self.store.act_as(&Actor {
            origin: Origin::Desk,
            staff: Some(format!("{} for {clerk}", manager.name)),
        })?;
        Ok(Role::Manager)
    }

    /// Runs `effect` at `now`; returns the messages for `update`.
    pub fn run(&mut self, effect: &Effect, now: DateTime<Utc>) -> Vec<Msg> {
        match self.try_run(effect, now) {
            Ok(msgs) => msgs,
            // A read's fault in the words a write's has: the server that
            // cannot be reached, the file that is locked.
            Err(e) => vec![Msg::LoadFailed(failure(
                &e.on_file(&self.store.shown_path()),
            ))],
        }
    }

    fn try_run(&mut self, effect: &Effect, now: DateTime<Utc>) -> Result<Vec<Msg>, StoreError> {
        let store = &mut self.store;
        Ok(match effect {
            Effect::LoadCatalog => vec![Msg::CatalogLoaded(catalog(store)?.map(Box::new))],
            Effect::LoadDay(date) => {
                vec![Msg::DayLoaded(Box::new(view(store, *date, 1, None, now)?))]
            }
            Effect::LoadWeek(resource, from) => {
                vec![Msg::WeekLoaded(Box::new(view(
                    store,
                    *from,
                    7,
                    Some(*resource),
                    now,
                )?))]
            }
            Effect::FindFreeSlots(search, title) => {
                let slots = store.slots(
                    &SlotQuery {
                        service: Some(search.service),
                        resource: search.resource,
                        from: search.from,
                        days: SEARCH_DAYS,
                        include_unavailable: false,
                    },
                    now,
                )?;
                let tz = store.location()?.time_zone;
                let found = pick_free(&slots, search, tz, now);
                vec![Msg::FreeSlotsFound(search.clone(), title.clone(), found)]
            }
            Effect::LoadToday(date) => vec![Msg::TodayLoaded(
                *date,
                store.bookings_between(*date, *date, None)?,
                store.closures_on(*date, *date)?,
            )],
            Effect::LoadBookings(query) => {
                vec![Msg::BookingsLoaded(
                    query.clone(),
                    Box::new(store.bookings(query)?),
                )]
            }
            Effect::LoadBooking(id) => {
                let booking = store.booking(*id)?;
                let events = store.booking_events(*id)?;
                vec![Msg::BookingLoaded(Box::new(booking), events)]
            }
            Effect::LoadCustomers(search) => {
                let found = store.find_customers(search, now, LIST_ROWS + 1)?;
                vec![Msg::CustomersLoaded(search.clone(), found)]
            }
            Effect::FindCustomers(query) => {
                let found = store.find_customers(query, now, PICKER_ROWS)?;
                vec![Msg::CustomersFound(query.clone(), found)]
            }
            Effect::LoadCustomerHistory(id) => {
                let page = store.bookings(&BookingQuery {
                    customer: Some(*id),
                    descending: true,
                    page_size: 200,
                    ..BookingQuery::default()
                })?;
                vec![Msg::HistoryLoaded(*id, page.bookings)]
            }
            Effect::LoadActivity(filter) => vec![Msg::ActivityLoaded(
                filter.clone(),
                store.latest_events(filter, ACTIVITY_ROWS)?,
            )],
            Effect::CountHolds => vec![
                Msg::HoldsCounted(store.live_hold_count(now)?),
                Msg::AttentionLoaded(store.needs_attention()?),
                Msg::RemindersLoaded(store.reminders_due(now)?),
                Msg::RequestsLoaded(store.requests_awaiting(now)?),
                Msg::WaitlistLoaded(store.open_waitlist(now)?),
            ],
            // The database did not answer: the poll asks again every
            // RETRY_AWAY, and the sweep waits for it to answer.
            Effect::Sweep if self.poll_failed => Vec::new(),
            Effect::PollChanges if self.poll_failed && self.last_poll.elapsed() < RETRY_AWAY => {
                Vec::new()
            }
            Effect::PollChanges => {
                self.last_poll = std::time::Instant::now();
                if let Err(e) = store.check_file() {
                    return Ok(vec![Msg::DatabaseLost(lost_words(&store.shown_path(), &e))]);
                }
                let version = store.data_version();
                let failed = std::mem::replace(&mut self.poll_failed, version.is_err());
                let version = version?;
                let changed = self.data_version.is_some_and(|v| v != version);
                self.data_version = Some(version);
                let mut msgs = Vec::new();
                if failed {
                    msgs.push(Msg::DatabaseBack);
                }
                if changed {
                    msgs.push(Msg::DatabaseChanged);
                }
                msgs
            }
            // Never waits for another desk's lock: a lapsed hold stops
            // counting anyway, and the next write sweeps it.
            // A lost file is said by the change poll; the sweep stays quiet.
            Effect::Sweep if store.is_lost() => Vec::new(),
            Effect::Sweep => match store.try_sweep(now)? {
                Some(ids) if !ids.is_empty() => vec![Msg::DatabaseChanged],
                _ => Vec::new(),
            },
            Effect::LoadStaff => vec![Msg::StaffLoaded(
                store.staff()?.into_iter().filter(|m| m.active).collect(),
            )],
            Effect::SignIn { name, pin } => match store.sign_in(name, pin) {
                Ok(member) => {
                    self.sign(Some(member.name.clone()))?;
                    vec![Msg::SignedIn(Ok(member))]
                }
                Err(e) => vec![Msg::SignedIn(Err(failure(&e)))],
            },
            Effect::LoadTakings(date) => {
                vec![Msg::TakingsLoaded(Box::new(store.takings(*date)?))]
            }
            Effect::WriteStarterCatalog => {
                vec![Msg::StarterWritten(super::starter::write_starter(
                    store.path(),
                ))]
            }
            Effect::Write(write) => {
                let result = self.write(write, now);
                // A manager's approval signed one change; the desk's own
                // signature comes back.
                if matches!(
                    write,
                    Write::Delete(_, Authority::ManagerPin { .. })
                        | Write::Refund(_, Authority::ManagerPin { .. })
                        | Write::SignOffTakings(_, _, Authority::ManagerPin { .. })
                        | Write::ForceStatus(.., Authority::ManagerPin { .. })
                        | Write::MergeCustomers(.., Authority::ManagerPin { .. })
                ) {
                    self.sign(self.signed_in.clone())?;
                }
                vec![Msg::Written(Box::new(write.clone()), result)]
            }
        })
    }

    fn write(&mut self, write: &Write, now: DateTime<Utc>) -> Result<Written, Failure> {
        let store = &mut self.store;
        let booking = |r: Result<crate::domain::Booking, StoreError>, store: &Store| {
            let b = r.map_err(|e| failure(&e))?;
            let event = store.latest_booking_event(b.id).map_err(|e| failure(&e))?;
            Ok(Written::Booking(Box::new(b), event))
        };
        match write {
            Write::Hold {
                slot,
                participants,
                key,
            } => {
                let req = crate::domain::HoldRequest {
                    slot: *slot,
                    participants: *participants,
                    idempotency_key: Some(key.clone()),
                };
                {
                    let r = store.hold(&req, now);
                    booking(r, store)
                }
            }
            Write::Book(req) => {
                let r = store.book(req, now);
                booking(r, store)
            }
            Write::WalkIn(req) => {
                let r = store.walk_in(req, now);
                booking(r, store)
            }
            Write::BookSeries(req) => store
                .book_series(req, now)
                .map(|made| Written::Series(Box::new(made)))
                .map_err(|e| failure(&e)),
            Write::CancelFollowing(id, request) => store
                .cancel_following(*id, request, now)
                .map(Written::CancelledFollowing)
                .map_err(|e| failure(&e)),
            Write::MoveFollowing(id, to) => store
                .move_following(*id, *to, now)
                .map(Written::MovedFollowing)
                .map_err(|e| failure(&e)),
            Write::Confirm(id, req) => {
                let r = store.confirm_with(*id, req, now);
                booking(r, store)
            }
            Write::Cancel(id, request) => {
                // A course booking's every session goes with it.
                let r = store
                    .cancel_course_aware(*id, request, now)
                    .and_then(|all| {
                        all.into_iter()
                            .next()
                            .ok_or_else(|| BookingError::BookingNotFound.into())
                    });
                booking(r, store)
            }
            Write::Transition(id, t) => {
                let r = store.transition(*id, *t, now);
                booking(r, store)
            }
            Write::Decline(id, reason) => {
                let r = store.decline(*id, reason.as_deref(), now);
                booking(r, store)
            }
            Write::ReminderSent(id) => {
                let r = store.mark_reminder_sent(*id, now);
                booking(r, store)
            }
            Write::Extend(id) => {
                let r = store.extend_hold(*id, now);
                booking(r, store)
            }
            Write::Move(id, slot) => {
                let r = store.move_booking(*id, *slot, now);
                booking(r, store)
            }
            Write::Pay(id, payment) => {
                let r = store.pay(*id, payment, now);
                booking(r, store)
            }
            Write::Delete(id, authority) => {
                let role = self.authorise(authority).map_err(|e| failure(&e))?;
                let store = &mut self.store;
                let r = store.delete(*id, role, now);
                booking(r, store)
            }
            Write::SignOffTakings(date, seen, authority) => {
                let role = self.authorise(authority).map_err(|e| failure(&e))?;
                let store = &mut self.store;
                let t = store
                    .sign_off_takings_seen(*date, Some(seen), role, now)
                    .map_err(|e| failure(&e))?;
                Ok(Written::Takings(Box::new(t)))
            }
            Write::Refund(id, authority) => {
                let role = self.authorise(authority).map_err(|e| failure(&e))?;
                let store = &mut self.store;
                let r = store.refund(*id, role, now);
                booking(r, store)
            }
            Write::ForceStatus(id, status, reason, authority) => {
                let role = self.authorise(authority).map_err(|e| failure(&e))?;
                let store = &mut self.store;
                let r = store.force_status(*id, *status, reason, role, now);
                booking(r, store)
            }
            Write::Undo(event) => {
                let r = store.undo(*event, now);
                booking(r, store)
            }
            Write::Edit(id, edit) => {
                let r = store.edit_booking(*id, edit, now);
                booking(r, store)
            }
            Write::MergeCustomers(keep, other, authority) => {
                let role = self.authorise(authority).map_err(|e| failure(&e))?;
                self.store
                    .merge_customers(*keep, *other, role, now)
                    .map(|c| Written::Customer(Box::new(c)))
                    .map_err(|e| failure(&e))
            }
            Write::AddClosure(request) => store
                .add_closure(request, now)
                .map(|added| Written::Closure(Box::new(added)))
                .map_err(|e| failure(&e)),
            Write::RemoveClosure(id) => store
                .remove_closure(*id, now)
                .map(|gone| Written::Reopened(Box::new(gone)))
                .map_err(|e| failure(&e)),
            Write::EditCustomer(id, patch) => store
                .edit_customer(*id, patch, now)
                .map(|c| Written::Customer(Box::new(c)))
                .map_err(|e| failure(&e)),
            Write::JoinWaitlist(request) => store
                .join_waitlist(request, now)
                .map(|e| Written::Waitlist(Box::new(e)))
                .map_err(|e| failure(&e)),
            Write::LeaveWaitlist(id) => store
                .leave_waitlist(*id, now)
                .map(|e| Written::Waitlist(Box::new(e)))
                .map_err(|e| failure(&e)),
        }
    }
}

/// The desk's words for a database file it lost: short enough for one
/// line at 120 columns with an ordinary path.
fn lost_words(path: &std::path::Path, e: &StoreError) -> String {
    let path = path.display();
    match e.file_fault() {
        Some(FileFault::Replaced) => {
            format!("{path} was replaced by another file: this desk stopped writing; reopen it")
        }
        Some(FileFault::Deleted) => {
            format!("{path} was deleted: this desk stopped writing; restore a backup")
        }
        _ => e.to_string(),
    }
}

/// The error as the desk reports it: its kind, and the engine's words for
/// a refusal or the fault's own.
fn failure(e: &StoreError) -> Failure {
    Failure {
        kind: e.kind(),
        message: e.to_string(),
        found: match e {
            StoreError::Booking(b) => b.found_status(),
            _ => None,
        },
    }
}

fn catalog(store: &Store) -> Result<Option<CatalogView>, StoreError> {
    let location = match store.location() {
        Ok(l) => l,
        Err(StoreError::Booking(BookingError::NoCatalog)) => return Ok(None),
        Err(e) => return Err(e),
    };
    Ok(Some(CatalogView {
        location,
        services: store.services()?,
        resources: store.resources()?,
    }))
}

fn view(
    store: &Store,
    date: NaiveDate,
    days: u32,
    resource: Option<crate::domain::ResourceId>,
    now: DateTime<Utc>,
) -> Result<DayView, StoreError> {
    let mut slots = store.slots(
        &SlotQuery {
            service: None,
            resource,
            from: date,
            days,
            include_unavailable: true,
        },
        now,
    )?;
    let last = date + Duration::days(i64::from(days) - 1);
    let bookings = store.bookings_between(date, last, resource)?;
    crate::domain::availability::count_past_seats(&mut slots, &bookings);
    Ok(DayView {
        date,
        slots,
        bookings,
        closures: store.closures_on(date, last)?,
    })
}
