//! The day board screen: a day (or one resource's week) of slots in a grid,
//! a cursor and the booking selected within its slot, and move mode. Its
//! keys: the `Board` table, then `Global`. Pure.

mod grid;
mod look;

pub use grid::{Column, ColumnKey, Cursor, Grid, Row};
pub use look::{SlotLook, bookings_on, countdown, live_hold, look};

use crate::app::action::Action;
use crate::app::effect::{Effect, Write};
use crate::app::keymap::Context;
use crate::app::msg::DayView;
use crate::app::overlays::form::Form;
use crate::app::overlays::free_slots::{FOUND, NEAREST};
use crate::app::state::{AppState, Screen};
use crate::domain::availability::Slot;
use crate::domain::free_slots::{FreeSlotSearch, PartOfDay};
use crate::domain::typed_date::DateOrder;
use crate::domain::{Booking, BookingId, ResourceId, ServiceId, SlotRef};
use chrono::{Datelike, Duration, NaiveDate};

/// The board screen's state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BoardState {
    /// The day shown (the Monday in week view).
    pub date: NaiveDate,
    /// Week view of this resource, if on.
    pub week: Option<ResourceId>,
    /// The loaded slots and bookings; `None` while loading.
    pub view: Option<DayView>,
    /// The layout of `view`.
    pub grid: Grid,
    pub cursor: Cursor,
    /// The booking selected within the selected slot, by id, so a reload
    /// that reorders the slot's bookings cannot move the selection onto
    /// someone else's; `None` (or a booking no longer there) means the first.
    pub booking: Option<BookingId>,
    /// Moving this booking: the next `Open` on a slot moves it there.
    pub moving: Option<BookingId>,
    /// The service of the booking being moved: only its slots take it.
    pub moving_service: Option<ServiceId>,
    /// The move takes the later weeks of its series with it (`M`), each
    /// by the same number of days.
    pub moving_following: bool,
    /// The slot to select when its day next loads (a free slot chosen
    /// from a list).
    pub select_slot: Option<SlotRef>,
}

impl BoardState {
    /// The selected slot.
    pub fn selected_slot(&self) -> Option<&Slot> {
        let view = self.view.as_ref()?;
        view.slots.get(self.grid.at(self.cursor)?)
    }

    /// The bookings of the selected slot, live first.
    pub fn selected_bookings(&self) -> Vec<&Booking> {
        match (self.selected_slot(), &self.view) {
            (Some(slot), Some(view)) => bookings_on(slot, &view.bookings),
            _ => Vec::new(),
        }
    }

    /// The selected booking of the selected slot.
    pub fn selected_booking(&self) -> Option<&Booking> {
        let on = self.selected_bookings();
        self.booking
            .and_then(|id| on.iter().find(|b| b.id == id))
            .or_else(|| on.first())
            .copied()
    }

    /// Selects the booking after the selected one in its slot, round.
    fn next_booking(&mut self) {
        let on: Vec<BookingId> = self.selected_bookings().iter().map(|b| b.id).collect();
        let at = self
            .selected_booking()
            .and_then(|b| on.iter().position(|id| *id == b.id));
        self.booking = at.and_then(|i| on.get((i + 1) % on.len())).copied();
    }

    /// The first date of a week view starting on `date`: its Monday.
    pub fn week_start(date: NaiveDate) -> NaiveDate {
        date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
    }

    /// The load for the board as it is set (day or week).
    pub fn load(&self) -> Effect {
        match self.week {
            Some(resource) => Effect::LoadWeek(resource, self.date),
            None => Effect::LoadDay(self.date),
        }
    }
}

/// Performs a board action: days and weeks, the cursor, the booking within
/// a slot, and move mode's `Open` and `Back`.
pub fn action(state: &mut AppState, a: Action) -> Vec<Effect> {
    match a {
        Action::DayBack => shift_day(state, -1),
        Action::DayForward => shift_day(state, 1),
        Action::Today => {
            state.screen = Screen::Board;
            go_to(state, state.today())
        }
        Action::GoToDate | Action::Search => {
            state.overlay = Some(crate::app::state::Overlay::Form(Box::new(
                Form::go_to_date(state.today(), DateOrder::of_region(state.phone_region())),
            )));
            Vec::new()
        }
        Action::WeekView => week_view(state),
        Action::NextBooking => {
            state.board.next_booking();
            Vec::new()
        }
        Action::MoveUp => step(state, -1, 0),
        Action::MoveDown => step(state, 1, 0),
        Action::MoveLeft => step(state, 0, -1),
        Action::MoveRight => step(state, 0, 1),
        Action::PageUp | Action::PageDown => {
            let by = if a == Action::PageUp { -1 } else { 1 };
            for _ in 0..4 {
                step(state, by, 0);
            }
            Vec::new()
        }
        Action::Open => open(state),
        Action::Back => back(state),
        _ => Vec::new(),
    }
}

/// Moves the board to `date`, keeping the view until the new day loads.
pub fn go_to(state: &mut AppState, date: NaiveDate) -> Vec<Effect> {
    state.board.date = match state.board.week {
        Some(_) => BoardState::week_start(date),
        None => date,
    };
    vec![state.board.load()]
}

fn shift_day(state: &mut AppState, days: i64) -> Vec<Effect> {
    state.screen = Screen::Board;
    let step = if state.board.week.is_some() {
        7 * days
    } else {
        days
    };
    go_to(state, state.board.date + Duration::days(step))
}

fn week_view(state: &mut AppState) -> Vec<Effect> {
    state.screen = Screen::Board;
    if state.board.week.take().is_some() {
        state.info("day view");
        return vec![state.board.load()];
    }
    let resource = state
        .board
        .selected_slot()
        .map(|s| s.occurrence.resource_id)
        .or_else(|| {
            state
                .catalog
                .as_ref()
                .and_then(|c| c.resources.first())
                .map(|r| r.id)
        });
    let Some(resource) = resource else {
        return Vec::new();
    };
    state.board.week = Some(resource);
    state.board.date = BoardState::week_start(state.board.date);
    state.info("week view: [ ] move by a week, w for the day view");
    vec![state.board.load()]
}

fn step(state: &mut AppState, dr: i32, dc: i32) -> Vec<Effect> {
    let b = &mut state.board;
    b.cursor = b.grid.step(b.cursor, dr, dc);
    b.booking = None;
    Vec::new()
}

/// `Enter`: move the booking here in move mode, else open the selected
/// booking's detail.
fn open(state: &mut AppState) -> Vec<Effect> {
    if let Some(id) = state.board.moving {
        let following = state.board.moving_following;
        return match state.board.selected_slot() {
            Some(slot) if following => vec![Effect::Write(Write::MoveFollowing(
                id,
                slot.occurrence.slot_ref(),
            ))],
            Some(slot) => vec![Effect::Write(Write::Move(id, slot.occurrence.slot_ref()))],
            None => Vec::new(),
        };
    }
    match state.board.selected_booking().map(|b| b.id) {
        Some(id) => crate::app::overlays::detail::open(state, id),
        None => Vec::new(),
    }
}

fn back(state: &mut AppState) -> Vec<Effect> {
    if state.board.moving.is_some() {
        cancel_move(state);
    } else if state.board.week.take().is_some() {
        return vec![state.board.load()];
    }
    Vec::new()
}

/// Leaves move mode, from whichever screen `Back` was pressed on.
pub fn cancel_move(state: &mut AppState) -> Vec<Effect> {
    state.board.moving_following = false;
    if state.board.moving.take().is_some() {
        state.info("move cancelled");
    }
    Vec::new()
}

/// Move mode: show the booking's day on the board; `Open` on a slot moves it.
pub fn start_move(state: &mut AppState, b: &Booking) -> Vec<Effect> {
    let said = format!(
        "moving booking #{}: pick a slot of {} and press Enter (Esc to cancel)",
        b.id, b.service_name
    );
    enter_move(state, b, false, said)
}

/// `M`: move mode for a booking of a weekly series and its later weeks;
/// `Open` on a slot moves it there and each later week by as many days.
/// Outside a weekly series, or on its last week, it says so and `m` is the
/// way.
pub fn start_move_following(state: &mut AppState, b: &Booking) -> Vec<Effect> {
    let weekly = b.series_place.filter(|p| p.has_later_weeks());
    let (Some(place), Some(series)) = (weekly, b.series_id) else {
        let m = state
            .keymap
            .key_for(Context::Board, Action::MoveBooking)
            .map_or_else(|| "move".to_owned(), |k| k.to_string());
        state.error(format!(
            "#{} is not in a series with later weeks: {m} moves it alone",
            b.id
        ));
        return Vec::new();
    };
    let unit = place.kind.unit();
    let said = format!(
        "moving booking #{} ({unit} {} of {}) and the later {unit}s of series {series}: \
         pick a slot of {} and press Enter (Esc to cancel)",
        b.id, place.position, place.of, b.service_name
    );
    enter_move(state, b, true, said)
}

/// Move mode for `b` (with its later weeks when `following`), saying
/// `said`: the board opens on the booking's own slot, where a move starts.
fn enter_move(state: &mut AppState, b: &Booking, following: bool, said: String) -> Vec<Effect> {
    if !b.status.can_move() {
        state.error(format!("cannot move a booking that is {}", b.status));
        return Vec::new();
    }
    state.board.moving = Some(b.id);
    state.board.moving_service = Some(b.service_id);
    state.board.moving_following = following;
    state.board.booking = Some(b.id);
    state.overlay = None;
    state.info(said);
    if state.screen == Screen::Board && state.board.date == b.date {
        return Vec::new();
    }
    state.screen = Screen::Board;
    state.board.week = None;
    state.board.date = b.date;
    vec![state.board.load()]
}

/// Takes a loaded day, if the board still shows that day.
pub fn day_loaded(state: &mut AppState, view: DayView) {
    if state.board.week.is_none() && view.date == state.board.date {
        take_view(state, view);
    }
}

/// Takes a loaded week, if the board still shows that week.
pub fn week_loaded(state: &mut AppState, view: DayView) {
    if state.board.week.is_some() && view.date == state.board.date {
        take_view(state, view);
    }
}
/// Takes a loaded day or week, keeping the selected slot where it still is.
fn take_view(state: &mut AppState, view: DayView) {
    let tz = state.tz();
    let resources: Vec<_> = state
        .catalog
        .as_ref()
        .map(|c| c.resources.iter().map(|r| (r.id, r.name.clone())).collect())
        .unwrap_or_default();
    let wanted = state.board.select_slot.take();
    let selected = wanted.or_else(|| state.board.selected_slot().map(|s| s.occurrence.slot_ref()));
    let fresh = state
        .board
        .view
        .as_ref()
        .is_none_or(|v| v.date != view.date);
    let week = state.board.week.map(|_| view.date);
    let grid = Grid::build(&view.slots, &resources, week, tz);
    let keep = selected.and_then(|r| {
        let i = view
            .slots
            .iter()
            .position(|s| s.occurrence.slot_ref() == r)?;
        grid.cells.iter().enumerate().find_map(|(row, cells)| {
            cells
                .iter()
                .position(|c| *c == Some(i))
                .map(|col| Cursor { row, col })
        })
    });
    let cursor = match keep {
        Some(c) if !fresh || wanted.is_some() => c,
        _ => {
            let now_time =
                (view.date == state.today()).then(|| state.now.with_timezone(&tz).time());
            // Keep the column when changing day, if the new day has slots there.
            let start = grid.start_at(now_time);
            let col = state
                .board
                .cursor
                .col
                .min(grid.columns.len().saturating_sub(1));
            if fresh
                && state.board.view.is_some()
                && grid
                    .cells
                    .iter()
                    .any(|r| r.get(col).is_some_and(Option::is_some))
            {
                let nearest = (0..grid.rows.len())
                    .filter(|&r| grid.cells[r][col].is_some())
                    .min_by_key(|&r| r.abs_diff(start.row));
                nearest.map_or(start, |row| Cursor { row, col })
            } else {
                start
            }
        }
    };
    state.board.grid = grid;
    state.board.cursor = cursor;
    state.board.view = Some(view);
}

/// Next free slot: while moving a booking, its own service's slots from
/// the cursor on; on a slot that cannot be booked (full, blocked, closed,
/// past), its service's three nearest slots with room from its start on;
/// elsewhere the search form, for the selected slot's service.
pub fn find_free(state: &mut AppState) -> Vec<Effect> {
    let Some(catalog) = state.catalog.as_ref() else {
        state.error("there is no catalog yet: no service to look for");
        return Vec::new();
    };
    let services: Vec<String> = catalog.services.iter().map(|s| s.name.clone()).collect();
    let resources: Vec<String> = catalog.resources.iter().map(|r| r.name.clone()).collect();
    let slot = (state.screen == Screen::Board)
        .then(|| state.board.selected_slot().cloned())
        .flatten();
    // Moving a booking: the slots it can move to, its own service's, from
    // the one under the cursor on.
    if let (Some(id), Some(service)) = (state.board.moving, state.board.moving_service) {
        let name = state
            .service(service)
            .map_or_else(|| "its service".to_owned(), |s| s.name.clone());
        let search = FreeSlotSearch {
            service,
            resource: None,
            part_of_day: None,
            weekday: None,
            from: slot
                .as_ref()
                .map_or(state.today(), |s| s.occurrence.date.max(state.today())),
            after: slot
                .as_ref()
                .map(|s| s.occurrence.from - chrono::Duration::seconds(1)),
            seats: 1,
            limit: FOUND,
            window: window_of(state, service),
        };
        return vec![Effect::FindFreeSlots(
            search,
            format!("free slots of {name} to move #{id} to"),
        )];
    }
    if let Some(full) = slot.as_ref().filter(|s| s.unavailable.is_some()) {
        let search = FreeSlotSearch {
            service: full.occurrence.service_id,
            resource: None,
            part_of_day: None,
            weekday: None,
            from: full.occurrence.date.max(state.today()),
            // The same start on another resource is as near as can be.
            after: Some(full.occurrence.from - chrono::Duration::seconds(1)),
            seats: 1,
            limit: NEAREST,
            window: window_of(state, full.occurrence.service_id),
        };
        let at = full
            .occurrence
            .from
            .with_timezone(&state.tz())
            .format("%H:%M");
        let title = format!("nearest free {} after {at}", full.service_name);
        return vec![Effect::FindFreeSlots(search, title)];
    }
    let chosen = slot.as_ref().map_or_else(
        || services.first().cloned().unwrap_or_default(),
        |s| s.service_name.clone(),
    );
    let order = DateOrder::of_region(state.phone_region());
    let form = Form::find_free(&services, &resources, &chosen, state.today(), order);
    state.overlay = Some(crate::app::state::Overlay::Form(Box::new(form)));
    Vec::new()
}

/// The search the find-free form asks for, or why not.
pub fn free_search(state: &AppState, form: &Form) -> Result<Effect, String> {
    let catalog = state.catalog.as_ref().ok_or("there is no catalog yet")?;
    let service = catalog
        .services
        .iter()
        .find(|s| s.name == form.value("Service"))
        .ok_or("choose a service")?;
    let resource = catalog
        .resources
        .iter()
        .find(|r| r.name == form.value("Resource"))
        .map(|r| r.id);
    let part_of_day = PartOfDay::ALL
        .into_iter()
        .find(|p| p.label() == form.value("Time of day"));
    let weekday = form.value("Weekday").parse::<chrono::Weekday>().ok();
    let from = match form.date("From") {
        Some(d) => d,
        None if form.value("From").trim().is_empty() => state.today(),
        None => return Err("that is not a date: see the hint beside it".to_owned()),
    };
    let seats = form.value("Participants").parse().unwrap_or(1);
    let mut title = format!("free slots of {}", service.name);
    for part in [
        form.value("Resource"),
        form.value("Time of day"),
        form.value("Weekday"),
    ] {
        if part != "any" {
            title.push_str(" · ");
            title.push_str(part);
        }
    }
    Ok(Effect::FindFreeSlots(
        FreeSlotSearch {
            service: service.id,
            resource,
            part_of_day,
            weekday,
            from,
            after: None,
            seats,
            limit: FOUND,
            window: (service.horizon_days, service.min_notice_minutes),
        },
        title,
    ))
}

/// Service `id`'s booking window, `(horizon days, notice minutes)`; the
/// widest when it is not in the catalog.
fn window_of(state: &AppState, id: ServiceId) -> (u32, u32) {
    state
        .service(id)
        .map_or((3660, 0), |s| (s.horizon_days, s.min_notice_minutes))
}
