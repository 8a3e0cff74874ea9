//! Taking in what the runtime loaded or wrote.

use super::{board_load, reload};
use crate::app::board::{Cursor, Grid};
use crate::app::effect::Effect;
use crate::app::msg::{DayView, Msg, WriteKind, Written};
use crate::app::state::{AppState, Overlay, Screen};
use crate::domain::Failure;

/// Applies a runtime answer.
pub fn loaded(state: &mut AppState, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::CatalogLoaded(catalog) => {
            let was_first_run = state.first_run || state.catalog.is_none();
            state.first_run = catalog.is_none();
            let changed = state.catalog.as_ref() != catalog.as_deref();
            state.catalog = catalog.map(|c| *c);
            if state.catalog.is_some() && (was_first_run || changed) {
                if was_first_run {
                    state.board.date = state.today();
                }
                return reload(state);
            }
            Vec::new()
        }
        Msg::DayLoaded(view) => {
            if state.board.week.is_none() && view.date == state.board.date {
                take_view(state, *view);
            }
            Vec::new()
        }
        Msg::WeekLoaded(view) => {
            if state.board.week.is_some() && view.date == state.board.date {
                take_view(state, *view);
            }
            Vec::new()
        }
        Msg::BookingsLoaded(query, page) => {
            if query == state.bookings.query {
                let len = page.bookings.len();
                state.bookings.page = Some(*page);
                state.bookings.selected = state.bookings.selected.min(len.saturating_sub(1));
            }
            Vec::new()
        }
        Msg::BookingLoaded(booking, events) => {
            if matches!(state.overlay, Some(Overlay::Detail)) {
                state.bookings.detail = Some((*booking, events));
            }
            Vec::new()
        }
        Msg::CustomersLoaded(all) => {
            let selected = state.customers.selected_customer().map(|c| c.id);
            state.customers.all = all;
            state.customers.loaded = true;
            state.customers.refilter();
            if let Some(id) = selected
                && let Some(pos) = state
                    .customers
                    .matches
                    .iter()
                    .position(|&i| state.customers.all[i].id == id)
            {
                state.customers.selected = pos;
            }
            match state.customers.selected_customer() {
                Some(c) if selected.is_none() => vec![Effect::LoadCustomerHistory(c.id)],
                _ => Vec::new(),
            }
        }
        Msg::HistoryLoaded(history) => {
            state.customers.history = history;
            Vec::new()
        }
        Msg::ActivityLoaded(events) => {
            state.activity.selected = state.activity.selected.min(events.len().saturating_sub(1));
            state.activity.events = events;
            state.activity.loaded = true;
            Vec::new()
        }
        Msg::HoldsCounted(n) => {
            state.held_count = n;
            Vec::new()
        }
        Msg::Written(result) => written(state, result),
        Msg::LoadFailed(failure) => {
            state.error(failure.message);
            Vec::new()
        }
        _ => Vec::new(),
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
    let selected = state.board.selected_slot().map(|s| s.occurrence.slot_ref());
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
        Some(c) if !fresh => c,
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

fn written(state: &mut AppState, result: Result<Written, Failure>) -> Vec<Effect> {
    match result {
        Ok(written) => {
            if matches!(state.overlay, Some(Overlay::Form(_))) {
                state.overlay = None;
            }
            let message = match &written {
                Written::Booking(b, kind) => {
                    let who = b
                        .customer
                        .as_ref()
                        .map_or(String::new(), |c| format!(" for {}", c.name));
                    let what = match kind {
                        WriteKind::Held => format!(
                            "held #{} until {}",
                            b.id,
                            b.hold_expires_at.map_or(String::new(), |t| t
                                .with_timezone(&state.tz())
                                .format("%H:%M:%S")
                                .to_string())
                        ),
                        WriteKind::Booked => format!("booked #{}{who} ({})", b.id, b.status),
                        WriteKind::Confirmed => format!("confirmed #{}{who}", b.id),
                        WriteKind::Cancelled => format!(
                            "#{} {}",
                            b.id,
                            if b.cancel_reason.as_deref() == Some("hold released") {
                                "hold released"
                            } else {
                                "cancelled"
                            }
                        ),
                        WriteKind::Stepped => format!("#{} is now {}", b.id, b.status),
                        WriteKind::Extended => format!("hold #{} extended", b.id),
                        WriteKind::Moved => {
                            format!("moved #{} to {}", b.id, state.when(b.from, b.to))
                        }
                        WriteKind::Paid => format!("payment recorded on #{}", b.id),
                        WriteKind::Deleted => format!("deleted #{}", b.id),
                        WriteKind::Edited => format!("updated #{}", b.id),
                    };
                    if *kind == WriteKind::Moved {
                        state.board.moving = None;
                    }
                    if *kind == WriteKind::Deleted {
                        state.bookings.detail = None;
                        if matches!(state.overlay, Some(Overlay::Detail)) {
                            state.overlay = None;
                        }
                    }
                    what
                }
                Written::Customer(c) => format!("customer {} updated", c.name),
            };
            state.info(message);
            let mut effects = vec![Effect::CountHolds];
            if state.screen == Screen::Board {
                effects.push(board_load(state));
            }
            effects.extend(
                reload(state)
                    .into_iter()
                    .filter(|e| !matches!(e, Effect::LoadDay(_) | Effect::LoadWeek(..))),
            );
            effects
        }
        Err(Failure { message, .. }) => {
            if let Some(Overlay::Form(form)) = &mut state.overlay {
                form.submitting = false;
                form.error = Some(message.clone());
            }
            state.error(message);
            Vec::new()
        }
    }
}
