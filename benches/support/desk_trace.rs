//! The desk driven step by step for profiling: the same loop as
//! `Driver::send` (update, then each effect and the updates its answers
//! cause), with every effect, every update and the drawing timed apart.

use super::scale_db::Res;
use chrono::{DateTime, NaiveDate, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use slotdesk::app::{Effect, Msg, update};
use slotdesk::domain::{BookingQuery, SlotQuery};
use slotdesk::runtime::Driver;
use slotdesk::store::Store;
use std::collections::{BTreeMap, VecDeque};
use std::time::{Duration, Instant};

/// Durations by step name (`LoadDay`, `update(DayLoaded)`, `render`, …).
#[derive(Default)]
pub struct Trace {
    pub steps: BTreeMap<&'static str, Vec<Duration>>,
    /// The days `LoadDay` loaded, to time its two queries apart afterwards.
    pub days: Vec<NaiveDate>,
}

impl Trace {
    fn add(&mut self, step: &'static str, took: Duration) {
        self.steps.entry(step).or_default().push(took);
    }

    /// Applies `msg` as `Driver::send` does, then draws, timing each step.
    pub fn send_and_draw(
        &mut self,
        driver: &mut Driver,
        terminal: &mut Terminal<TestBackend>,
        msg: Msg,
    ) -> Res<()> {
        let started = Instant::now();
        let mut queue: VecDeque<Effect> = update(&mut driver.state, msg).into();
        self.add("update(Key)", started.elapsed());
        while let Some(effect) = queue.pop_front() {
            if let Effect::LoadDay(date) = effect {
                self.days.push(date);
            }
            let started = Instant::now();
            let answers = driver.executor.run(&effect, driver.state.now);
            self.add(effect_name(&effect), started.elapsed());
            for answer in answers {
                let name = msg_name(&answer);
                let started = Instant::now();
                queue.extend(update(&mut driver.state, answer));
                self.add(name, started.elapsed());
            }
        }
        let mut render = Duration::ZERO;
        let started = Instant::now();
        terminal.draw(|frame| {
            let started = Instant::now();
            slotdesk::ui::render(frame, &driver.state);
            render = started.elapsed();
        })?;
        let draw = started.elapsed();
        self.add("render", render);
        self.add("diff+flush", draw.saturating_sub(render));
        Ok(())
    }

    /// Times the two store calls of each `LoadDay` apart, as the executor
    /// makes them: every slot of the day, and the day's bookings.
    pub fn split_load_days(&mut self, store: &Store, now: DateTime<Utc>) -> Res<()> {
        for date in std::mem::take(&mut self.days) {
            let started = Instant::now();
            store.slots(
                &SlotQuery {
                    service: None,
                    resource: None,
                    from: date,
                    days: 1,
                    include_unavailable: true,
                },
                now,
            )?;
            self.add("LoadDay: Store::slots", started.elapsed());
            let started = Instant::now();
            store.bookings(&BookingQuery {
                from: Some(date),
                to: Some(date),
                page_size: 500,
                ..BookingQuery::default()
            })?;
            self.add("LoadDay: Store::bookings", started.elapsed());
        }
        Ok(())
    }
}

fn effect_name(effect: &Effect) -> &'static str {
    match effect {
        Effect::LoadCatalog => "LoadCatalog",
        Effect::LoadDay(_) => "LoadDay",
        Effect::LoadWeek(..) => "LoadWeek",
        Effect::LoadToday(_) => "LoadToday",
        Effect::FindFreeSlots(..) => "FindFreeSlots",
        Effect::LoadBookings(_) => "LoadBookings",
        Effect::LoadBooking(_) => "LoadBooking",
        Effect::LoadCustomers(_) => "LoadCustomers",
        Effect::LoadCustomerHistory(_) => "LoadCustomerHistory",
        Effect::FindCustomers(_) => "FindCustomers",
        Effect::LoadStaff => "LoadStaff",
        Effect::SignIn { .. } => "SignIn",
        Effect::LoadActivity(_) => "LoadActivity",
        Effect::CountHolds => "CountHolds",
        Effect::PollChanges => "PollChanges",
        Effect::Sweep => "Sweep",
        Effect::Write(_) => "Write",
        Effect::WriteStarterCatalog => "WriteStarterCatalog",
        Effect::LoadTakings(_) => "LoadTakings",
    }
}

fn msg_name(msg: &Msg) -> &'static str {
    match msg {
        Msg::CatalogLoaded(_) => "update(CatalogLoaded)",
        Msg::DayLoaded(_) => "update(DayLoaded)",
        Msg::WeekLoaded(_) => "update(WeekLoaded)",
        Msg::BookingsLoaded(..) => "update(BookingsLoaded)",
        Msg::LoadFailed(_) => "update(LoadFailed)",
        _ => "update(other)",
    }
}
