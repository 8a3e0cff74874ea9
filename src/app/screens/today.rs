//! The Today screen: the run sheet of the location's today (every booking
//! in time order with its arrival state, who is next per resource, the
//! day's counts), one key each to check in, mark a no-show and complete,
//! walk-ins, a resource filter. Its keys: the `Today` table, then
//! `Global`. Pure.

use super::move_index;
use crate::app::action::Action;
use crate::app::effect::{Effect, Write};
use crate::app::overlays::form::Form;
use crate::app::state::{AppState, Overlay};
use crate::domain::run_sheet::{Arrival, RunSheet, SheetFilter};
use crate::domain::{Booking, BookingId, ClosureEntry, Transition};
use chrono::NaiveDate;

/// The Today screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TodayState {
    /// The date of `bookings`; `None` before the first load.
    pub date: Option<NaiveDate>,
    /// That day's bookings, every status, as loaded.
    pub bookings: Vec<Booking>,
    /// That day's closures, as loaded.
    pub closures: Vec<ClosureEntry>,
    /// Which rows show.
    pub filter: SheetFilter,
    /// The selected row of the sheet.
    pub selected: usize,
    /// The booking selected, kept across reloads and the clock moving rows.
    pub selected_id: Option<BookingId>,
}

impl TodayState {
    /// The sheet as it stands at `now`, once loaded.
    pub fn sheet(&self, now: chrono::DateTime<chrono::Utc>) -> Option<RunSheet> {
        let date = self.date?;
        Some(
            RunSheet::new(date, &self.bookings, self.filter, now)
                .with_closures(&self.closures, self.filter),
        )
    }

    /// The selected booking at `now`: the one selected by id while the
    /// sheet still shows it (rows move as holds lapse), else the row at the
    /// selected place.
    pub fn selected_booking(&self, now: chrono::DateTime<chrono::Utc>) -> Option<&Booking> {
        let sheet = self.sheet(now)?;
        let id = self
            .selected_id
            .filter(|id| sheet.position(*id).is_some())
            .or_else(|| sheet.rows.get(self.selected).map(|r| r.booking.id))?;
        self.bookings.iter().find(|b| b.id == id)
    }
}

/// The load for the location's today.
pub fn load(state: &AppState) -> Effect {
    Effect::LoadToday(state.today())
}

/// Takes a day's bookings, if it is still the day shown, keeping the same
/// booking selected.
pub fn loaded(
    state: &mut AppState,
    date: NaiveDate,
    bookings: Vec<Booking>,
    closures: Vec<ClosureEntry>,
) {
    if date != state.today() {
        return;
    }
    let now = state.now;
    let t = &mut state.today_sheet;
    let first = t.date.is_none();
    t.date = Some(date);
    t.bookings = bookings;
    t.closures = closures;
    if first && let Some(sheet) = t.sheet(now) {
        // Opened on who needs the desk now: the first late, else the next.
        let rows = &sheet.rows;
        let at = rows
            .iter()
            .position(|r| r.arrival == Arrival::Late)
            .or_else(|| rows.iter().position(|r| r.next));
        t.selected_id = at.and_then(|i| rows.get(i)).map(|r| r.booking.id);
    }
    reselect(state);
}

/// Puts the selection back on the booking selected before, wherever the
/// sheet now has it.
pub fn reselect(state: &mut AppState) {
    let now = state.now;
    let t = &mut state.today_sheet;
    let Some(sheet) = t.sheet(now) else {
        return;
    };
    let len = sheet.rows.len();
    if let Some(at) = t.selected_id.and_then(|id| sheet.position(id)) {
        t.selected = at;
    }
    t.selected = t.selected.min(len.saturating_sub(1));
    t.selected_id = sheet.rows.get(t.selected).map(|r| r.booking.id);
}

/// Performs a Today action.
pub fn action(state: &mut AppState, a: Action) -> Vec<Effect> {
    match a {
        Action::MoveUp | Action::MoveDown => {
            let by = if a == Action::MoveUp { -1 } else { 1 };
            let len = state
                .today_sheet
                .sheet(state.now)
                .map_or(0, |s| s.rows.len());
            let t = &mut state.today_sheet;
            t.selected = move_index(t.selected, by, len);
            t.selected_id = None;
            reselect(state);
            Vec::new()
        }
        Action::MarkArrived => step(state, Transition::CheckIn),
        Action::MarkNoShow => step(state, Transition::NoShow),
        Action::MarkDone => step(state, Transition::Complete),
        Action::FilterResource => {
            let resources: Vec<_> = state
                .catalog
                .as_ref()
                .map(|c| c.resources.iter().map(|r| (r.id, r.name.clone())).collect())
                .unwrap_or_default();
            let t = &mut state.today_sheet;
            let at = t
                .filter
                .resource
                .and_then(|r| resources.iter().position(|(id, _)| *id == r));
            let next = match at {
                None => resources.first(),
                Some(i) => resources.get(i + 1),
            };
            t.filter.resource = next.map(|(id, _)| *id);
            let said = next.map_or_else(
                || "every resource".to_owned(),
                |(_, name)| format!("only {name} (f: the next, then all)"),
            );
            reselect(state);
            state.info(said);
            Vec::new()
        }
        Action::ToggleLapsedHolds => {
            let t = &mut state.today_sheet;
            t.filter.show_lapsed = !t.filter.show_lapsed;
            let said = if t.filter.show_lapsed {
                "showing lapsed and released holds"
            } else {
                "lapsed and released holds hidden"
            };
            reselect(state);
            state.info(said);
            Vec::new()
        }
        Action::Back if state.today_sheet.filter.resource.is_some() => {
            state.today_sheet.filter.resource = None;
            reselect(state);
            state.info("every resource");
            Vec::new()
        }
        Action::SignOffTakings => sign_off(state),
        Action::Open => match state.today_sheet.selected_booking(state.now).map(|b| b.id) {
            Some(id) => crate::app::overlays::detail::open(state, id),
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// Asks the engine for `t` on the selected booking at once, after the
/// checks the desk can make itself (the lifecycle, a no-show before the
/// start).
fn step(state: &mut AppState, t: Transition) -> Vec<Effect> {
    let Some(b) = state.today_sheet.selected_booking(state.now).cloned() else {
        state.error("select a booking first");
        return Vec::new();
    };
    if let Err(e) = b.status.apply(t) {
        state.error(format!("#{}: {e}", b.id));
        return Vec::new();
    }
    if t == Transition::NoShow && state.now < b.from {
        let starts = state.when(b.from, b.to);
        state.error(format!(
            "#{} has not started yet ({starts}): a no-show is marked after the start",
            b.id
        ));
        return Vec::new();
    }
    vec![Effect::Write(Write::Transition(b.id, t))]
}

/// `T`: the cash-up form for today's takings as loaded, approved as the
/// desk's staff say (a manager signed in, a manager's PIN at a clerk's
/// desk, or the manager choice with no staff).
fn sign_off(state: &mut AppState) -> Vec<Effect> {
    let today = state.today();
    let Some(takings) = state.takings.clone().filter(|t| t.date == today) else {
        state.error("today's takings are still loading");
        return Vec::new();
    };
    if takings.signed_off_as_it_stands() {
        state.error("today's takings are already signed off as they stand");
        return Vec::new();
    }
    let totals = crate::app::written::takings_words(&takings);
    let key = state.next_key();
    let approval = state.approval();
    let form = Form::sign_off(&takings, &totals, &approval, key);
    state.overlay = Some(Overlay::Form(Box::new(form)));
    Vec::new()
}
