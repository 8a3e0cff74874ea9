//! The bookings screen: a filtered, sorted page of bookings (ReserveKit's
//! list with `pagination`) and its filter form; sorted either way or newest
//! first, released and expired holds hidden until asked. Its keys: the
//! `Bookings` table, then `Global`. Pure.

use super::move_index;
use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::overlays::form::{BookingFilter, Form};
use crate::app::state::{AppState, Overlay, Screen};
use crate::domain::typed_date::DateOrder;
use crate::domain::{Booking, BookingId, BookingPage, BookingQuery, BookingSort};
use chrono::Duration;

/// The bookings screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BookingsState {
    /// The filters, sort and page asked for.
    pub query: BookingQuery,
    /// The page shown; `None` before the first load.
    pub page: Option<BookingPage>,
    /// Selected row on the page.
    pub selected: usize,
    /// The booking to select when the next page loads (the one just
    /// written), else the one selected before it.
    pub select_next: Option<BookingId>,
    /// The filters as last typed (the query holds them resolved).
    pub filter: BookingFilter,
}

impl BookingsState {
    /// The selected booking.
    pub fn selected_booking(&self) -> Option<&Booking> {
        self.page.as_ref()?.bookings.get(self.selected)
    }
}

/// Before the first load: the week from today.
pub fn first_shown(state: &mut AppState) {
    if state.bookings.page.is_some() {
        return;
    }
    let today = state.today();
    state.bookings.filter = BookingFilter {
        from: Some(today),
        to: Some(today + Duration::days(6)),
        ..BookingFilter::default()
    };
    state.bookings.query = BookingQuery {
        from: state.bookings.filter.from,
        to: state.bookings.filter.to,
        hide_lapsed: true,
        ..BookingQuery::default()
    };
}

/// Performs a bookings-list action: rows, pages, sort, filter, open.
pub fn action(state: &mut AppState, a: Action) -> Vec<Effect> {
    match a {
        Action::MoveUp | Action::MoveDown => {
            let by = if a == Action::MoveUp { -1 } else { 1 };
            let len = state.bookings.page.as_ref().map_or(0, |p| p.bookings.len());
            state.bookings.selected = move_index(state.bookings.selected, by, len);
            Vec::new()
        }
        Action::PageUp => page(state, -1),
        Action::PageDown => page(state, 1),
        Action::Sort | Action::ReverseSort => {
            let q = &mut state.bookings.query;
            if a == Action::Sort {
                q.sort = q.sort.next();
            } else {
                q.descending = !q.descending;
            }
            let way = if q.descending {
                "▼ (descending)"
            } else {
                "▲ (ascending)"
            };
            let said = format!("sorted by {} {way}", q.sort.label());
            reload_from_page_one(state, said)
        }
        Action::NewestFirst => {
            let q = &mut state.bookings.query;
            let said = if q.sort == BookingSort::Created && q.descending {
                (q.sort, q.descending) = (BookingSort::Starts, false);
                "sorted by start ▲ (ascending)"
            } else {
                (q.sort, q.descending) = (BookingSort::Created, true);
                "newest first (by when booked)"
            };
            reload_from_page_one(state, said.to_owned())
        }
        Action::ToggleLapsedHolds => {
            let q = &mut state.bookings.query;
            q.hide_lapsed = !q.hide_lapsed;
            let said = if q.hide_lapsed {
                "released and expired holds hidden"
            } else {
                "showing released and expired holds"
            };
            reload_from_page_one(state, said.to_owned())
        }
        Action::Search => {
            let names: Vec<String> = state
                .catalog
                .as_ref()
                .map(|c| c.services.iter().map(|s| s.name.clone()).collect())
                .unwrap_or_default();
            let order = DateOrder::of_region(state.phone_region());
            state.overlay = Some(Overlay::Form(Box::new(Form::filter(
                &state.bookings.filter,
                &names,
                state.today(),
                order,
            ))));
            Vec::new()
        }
        Action::Open => match state.bookings.selected_booking().map(|b| b.id) {
            Some(id) => crate::app::overlays::detail::open(state, id),
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// Says `said` and asks for page 1 of the list as its query now stands.
fn reload_from_page_one(state: &mut AppState, said: String) -> Vec<Effect> {
    state.bookings.query.page = 1;
    state.bookings.selected = 0;
    state.info(said);
    vec![Effect::LoadBookings(state.bookings.query.clone())]
}

fn page(state: &mut AppState, by: i32) -> Vec<Effect> {
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

/// Applies a filter from its form: resolves the service by name and asks
/// for page 1.
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
    q.payment_option = filter.payment_option;
    q.service = service;
    q.customer_text.clone_from(&filter.customer);
    q.page = 1;
    state.bookings.selected = 0;
    state.bookings.filter = filter;
    state.screen = Screen::Bookings;
    vec![Effect::LoadBookings(state.bookings.query.clone())]
}

/// Takes a loaded page, if it is still the one asked for, keeping the
/// selection on the same booking (or on the one just written) when the page
/// still has it.
pub fn loaded(state: &mut AppState, query: &BookingQuery, page: BookingPage) {
    if *query != state.bookings.query {
        return;
    }
    let list = &mut state.bookings;
    let keep = list
        .select_next
        .take()
        .or_else(|| list.selected_booking().map(|b| b.id));
    let len = page.bookings.len();
    let at = keep.and_then(|id| page.bookings.iter().position(|b| b.id == id));
    list.selected = at.unwrap_or(list.selected).min(len.saturating_sub(1));
    list.page = Some(page);
}
