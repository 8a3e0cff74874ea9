//! What each action does to the desk: screens, movement, days, lists,
//! overlays. Booking actions are in `booking_actions`.

use super::{board_load, booking_actions, reload};
use crate::app::action::Action;
use crate::app::board::BoardState;
use crate::app::effect::Effect;
use crate::app::form::{BookingFilter, Form};
use crate::app::state::{AppState, Overlay, Screen};
use crate::domain::BookingQuery;
use chrono::Duration;

/// Performs `a`.
pub fn action(state: &mut AppState, a: Action) -> Vec<Effect> {
    if state.first_run
        && !matches!(
            a,
            Action::Quit | Action::Help | Action::Palette | Action::Back | Action::Refresh
        )
    {
        state.error("no catalog yet: load one first (see the screen)");
        return Vec::new();
    }
    match a {
        Action::Quit => {
            state.quit = true;
            vec![Effect::Quit]
        }
        Action::Help => {
            state.overlay = Some(Overlay::Help);
            Vec::new()
        }
        Action::Palette => {
            state.overlay = Some(Overlay::Palette {
                filter: String::new(),
                selected: 0,
            });
            Vec::new()
        }
        Action::ShowBoard => show(state, Screen::Board),
        Action::ShowBookings => show(state, Screen::Bookings),
        Action::ShowCustomers => show(state, Screen::Customers),
        Action::ShowActivity => show(state, Screen::Activity),
        Action::MoveUp => step(state, -1, 0),
        Action::MoveDown => step(state, 1, 0),
        Action::MoveLeft => step(state, 0, -1),
        Action::MoveRight => step(state, 0, 1),
        Action::PageUp => page(state, -1),
        Action::PageDown => page(state, 1),
        Action::DayBack => shift_day(state, -1),
        Action::DayForward => shift_day(state, 1),
        Action::Today => {
            state.screen = Screen::Board;
            go_to(state, state.today())
        }
        Action::GoToDate => {
            state.overlay = Some(Overlay::Form(Box::new(Form::go_to_date(state.board.date))));
            Vec::new()
        }
        Action::WeekView => week_view(state),
        Action::NextBooking => {
            state.board.booking_index += 1;
            Vec::new()
        }
        Action::Search => search(state),
        Action::Open => booking_actions::open(state),
        Action::Back => back(state),
        Action::Sort => {
            let q = &mut state.bookings.query;
            q.sort = q.sort.next();
            q.page = 1;
            let query = q.clone();
            state.info(format!("sorted by {}", query.sort.label()));
            vec![Effect::LoadBookings(query)]
        }
        Action::Refresh => {
            let mut e = vec![Effect::LoadCatalog, Effect::CountHolds];
            e.extend(reload(state));
            e
        }
        other => booking_actions::booking_action(state, other),
    }
}

fn show(state: &mut AppState, screen: Screen) -> Vec<Effect> {
    state.screen = screen;
    state.overlay = None;
    if screen == Screen::Bookings && state.bookings.page.is_none() {
        let today = state.today();
        state.bookings.filter = BookingFilter {
            from: Some(today),
            to: Some(today + Duration::days(6)),
            ..BookingFilter::default()
        };
        state.bookings.query = BookingQuery {
            from: state.bookings.filter.from,
            to: state.bookings.filter.to,
            page_size: 50,
            ..BookingQuery::default()
        };
    }
    reload(state)
}

/// Moves the board to `date`, keeping the view until the new day loads.
pub fn go_to(state: &mut AppState, date: chrono::NaiveDate) -> Vec<Effect> {
    state.board.date = match state.board.week {
        Some(_) => BoardState::week_start(date),
        None => date,
    };
    vec![board_load(state)]
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
        return vec![board_load(state)];
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
    vec![board_load(state)]
}

fn step(state: &mut AppState, dr: i32, dc: i32) -> Vec<Effect> {
    match state.screen {
        Screen::Board => {
            let b = &mut state.board;
            b.cursor = b.grid.step(b.cursor, dr, dc);
            b.booking_index = 0;
            Vec::new()
        }
        Screen::Bookings => {
            let len = state.bookings.page.as_ref().map_or(0, |p| p.bookings.len());
            state.bookings.selected = move_index(state.bookings.selected, dr, len);
            Vec::new()
        }
        Screen::Customers => {
            let c = &mut state.customers;
            let before = c.selected;
            c.selected = move_index(c.selected, dr, c.matches.len());
            match state.customers.selected_customer() {
                Some(customer) if before != state.customers.selected => {
                    vec![Effect::LoadCustomerHistory(customer.id)]
                }
                _ => Vec::new(),
            }
        }
        Screen::Activity => {
            state.activity.selected =
                move_index(state.activity.selected, dr, state.activity.events.len());
            Vec::new()
        }
    }
}

fn move_index(at: usize, by: i32, len: usize) -> usize {
    let next = at as i64 + i64::from(by);
    next.clamp(0, len.saturating_sub(1) as i64) as usize
}

fn page(state: &mut AppState, by: i32) -> Vec<Effect> {
    match state.screen {
        Screen::Bookings => {
            let total = state
                .bookings
                .page
                .as_ref()
                .map_or(1, |p| p.pagination.total_pages);
            let q = &mut state.bookings.query;
            let next = (i64::from(q.page) + i64::from(by)).clamp(1, i64::from(total.max(1))) as u32;
            if next == q.page {
                return Vec::new();
            }
            q.page = next;
            state.bookings.selected = 0;
            vec![Effect::LoadBookings(q.clone())]
        }
        Screen::Board => {
            for _ in 0..4 {
                step(state, by, 0);
            }
            Vec::new()
        }
        _ => {
            for _ in 0..10 {
                step(state, by, 0);
            }
            Vec::new()
        }
    }
}

fn search(state: &mut AppState) -> Vec<Effect> {
    match state.screen {
        Screen::Customers => {
            state.customers.searching = true;
            Vec::new()
        }
        Screen::Bookings => {
            let names: Vec<String> = state
                .catalog
                .as_ref()
                .map(|c| c.services.iter().map(|s| s.name.clone()).collect())
                .unwrap_or_default();
            state.overlay = Some(Overlay::Form(Box::new(Form::filter(
                &state.bookings.filter,
                &names,
            ))));
            Vec::new()
        }
        Screen::Board => action(state, Action::GoToDate),
        Screen::Activity => Vec::new(),
    }
}

/// Applies a bookings filter from its form and reloads page 1.
pub fn apply_filter(state: &mut AppState, filter: BookingFilter) -> Vec<Effect> {
    let service = filter.service.as_deref().and_then(|name| {
        state
            .catalog
            .as_ref()?
            .services
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.id)
    });
    let q = &mut state.bookings.query;
    q.from = filter.from;
    q.to = filter.to;
    q.status = filter.status;
    q.service = service;
    q.customer_text.clone_from(&filter.customer);
    q.page = 1;
    state.bookings.selected = 0;
    state.bookings.filter = filter;
    state.screen = Screen::Bookings;
    vec![Effect::LoadBookings(state.bookings.query.clone())]
}

fn back(state: &mut AppState) -> Vec<Effect> {
    if state.board.moving.take().is_some() {
        state.info("move cancelled");
    } else if state.screen == Screen::Customers && !state.customers.search.is_empty() {
        state.customers.search.clear();
        state.customers.refilter();
    } else if state.board.week.is_some() && state.screen == Screen::Board {
        state.board.week = None;
        return vec![board_load(state)];
    }
    Vec::new()
}
