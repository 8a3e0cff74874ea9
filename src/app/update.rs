//! `update(state, msg) -> effects`: routes each message to the overlay or
//! screen it concerns. No I/O and no clock (time arrives in `Msg::Tick`).
//!
//! A key goes to the layer that [`AppState::context`] names: the open
//! overlay (form, palette, help, detail), the customer search box, or the
//! screen's keymap table and then the global one.

use super::action::Action;
use super::booking_actions;
use super::effect::Effect;
use super::keymap::{Context, Key};
use super::msg::{CatalogView, Msg, StarterFile};
use super::overlays::help::HelpState;
use super::overlays::palette::PaletteState;
use super::overlays::{
    attention, closure_walk, detail, form, free_slots, help, messages, palette, scroll,
};
use super::quit;
use super::screens::{self, activity, board, bookings, customers, today};
use super::sign_in;
use super::state::{AppState, MessageKind, Overlay, Screen, TYPE_AHEAD};
use super::waitlist;
use super::written::written;
use chrono::{DateTime, Utc};

/// The effects to run when the desk opens.
pub fn init(state: &mut AppState) -> Vec<Effect> {
    state.board.date = state.today();
    vec![Effect::LoadCatalog, Effect::LoadStaff, Effect::CountHolds]
}

/// Applies `msg` to `state` and returns the I/O it asks for.
pub fn update(state: &mut AppState, msg: Msg) -> Vec<Effect> {
    let effects = route(state, msg);
    // A closure walk-through in progress comes back once nothing is on top.
    closure_walk::resurface(state);
    effects
}

fn route(state: &mut AppState, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(event) => key(state, Key::from_event(&event)),
        Msg::Paste(text) => paste(state, &text),
        Msg::Resized(width, height) => {
            state.terminal_size = Some((width, height));
            Vec::new()
        }
        Msg::ScrollRoom(room) => {
            scroll::take_room(state, room);
            Vec::new()
        }
        Msg::Tick(now) => tick(state, now),
        Msg::DatabaseChanged => {
            let mut effects = vec![Effect::LoadCatalog, Effect::LoadStaff, Effect::CountHolds];
            effects.extend(screens::reload(state));
            effects
        }
        Msg::CatalogLoaded(catalog) => catalog_loaded(state, catalog.map(|c| *c)),
        Msg::DayLoaded(view) => {
            quit::seen(state, &view.bookings);
            board::day_loaded(state, *view);
            Vec::new()
        }
        Msg::WeekLoaded(view) => {
            quit::seen(state, &view.bookings);
            board::week_loaded(state, *view);
            Vec::new()
        }
        Msg::FreeSlotsFound(search, title, slots) => {
            free_slots::found(state, search, title, slots);
            Vec::new()
        }
        Msg::TodayLoaded(date, bookings, closures) => {
            quit::seen(state, &bookings);
            today::loaded(state, date, bookings, closures);
            Vec::new()
        }
        Msg::BookingsLoaded(query, page) => {
            quit::seen(state, &page.bookings);
            bookings::loaded(state, &query, *page);
            Vec::new()
        }
        Msg::BookingLoaded(booking, events) => {
            detail::loaded(state, *booking, events);
            Vec::new()
        }
        Msg::CustomersLoaded(search, found) => customers::loaded(state, &search, found),
        Msg::CustomersFound(query, found) => {
            if let Some(Overlay::Form(form)) = &mut state.overlay
                && let Some(picker) = form.picker.as_mut()
            {
                picker.found(&query, found);
            }
            Vec::new()
        }
        Msg::HistoryLoaded(customer, history) => {
            customers::history_loaded(state, customer, history);
            Vec::new()
        }
        Msg::ActivityLoaded(filter, events) => {
            activity::loaded(state, &filter, events);
            Vec::new()
        }
        Msg::StaffLoaded(staff) => {
            sign_in::staff_loaded(state, staff);
            Vec::new()
        }
        Msg::SignedIn(answer) => {
            sign_in::signed_in(state, answer);
            Vec::new()
        }
        Msg::HoldsCounted(n) => {
            state.held_count = n;
            Vec::new()
        }
        Msg::AttentionLoaded(list) => {
            attention::loaded(state, list);
            Vec::new()
        }
        Msg::RequestsLoaded(list) => {
            crate::app::overlays::requests::loaded(state, list);
            Vec::new()
        }
        Msg::RemindersLoaded(list) => {
            crate::app::overlays::reminders::loaded(state, list);
            Vec::new()
        }
        Msg::WaitlistLoaded(list) => {
            waitlist::loaded(state, list);
            Vec::new()
        }
        Msg::Written(write, result) => written(state, &write, result),
        Msg::LoadFailed(failure) => {
            state.error(failure.message);
            Vec::new()
        }
        Msg::StoreWaiting(waiting) => {
            state.waiting = waiting;
            Vec::new()
        }
        Msg::OutboxChecked(status) => {
            state.outbox = status;
            Vec::new()
        }
        Msg::DatabaseBack => {
            state.info("the database answers again");
            Vec::new()
        }
        Msg::DatabaseLost(why) => {
            state.alert = Some(why);
            Vec::new()
        }
        Msg::StarterWritten(answer) => {
            starter_written(state, answer);
            Vec::new()
        }
        Msg::TakingsLoaded(takings) => {
            state.takings = Some(*takings);
            Vec::new()
        }
    }
}

/// What a key that needs a catalog says on the first-run screen.
const NO_CATALOG_YET: &str = "no catalog yet: load one first (see the screen)";

/// Routes a key to the layer that takes it.
fn key(state: &mut AppState, key: Key) -> Vec<Effect> {
    if state.too_small() {
        // Nothing is on screen to act on; only quitting still works (and
        // the quit question's answers, which the small screen shows).
        if state.context() == Context::Quit {
            return quit::key(state, key);
        }
        if state.keymap.lookup(Context::Global, key) == Some(Action::Quit) {
            return quit::quit(state);
        }
        return Vec::new();
    }
    if let Some(effects) = sign_in::gate(state, key) {
        return effects;
    }
    match state.context() {
        Context::Form | Context::Picker | Context::Discard => form::key(state, key),
        Context::Palette => palette::key(state, key),
        Context::Help => help::key(state, key),
        Context::Detail => detail::key(state, key),
        Context::Attention => attention::key(state, key),
        Context::Reminders => crate::app::overlays::reminders::key(state, key),
        Context::Requests => crate::app::overlays::requests::key(state, key),
        Context::FreeSlots => free_slots::key(state, key),
        Context::ClosureWalk => closure_walk::key(state, key),
        Context::Quit => quit::key(state, key),
        Context::Messages => messages::key(state, key),
        Context::Search => customers::search_key(state, key),
        // Any other key there is one the board would have taken.
        Context::FirstRun if state.keymap.lookup(Context::FirstRun, key).is_none() => {
            state.error(NO_CATALOG_YET);
            Vec::new()
        }
        screen => match state.keymap.lookup(screen, key) {
            Some(a) if typed_ahead(state, key, a) => Vec::new(),
            Some(a) => action(state, a),
            None => Vec::new(),
        },
    }
}

/// Whether `key`, about to run `a`, was typed straight after a form key
/// was refused: a letter meant for the form that never opened (`n` on a
/// blocked slot, then a name) must not cancel, delete or check in someone.
/// Any other key ends the guard.
fn typed_ahead(state: &mut AppState, key: Key, a: Action) -> bool {
    let Some(at) = state.refused_at else {
        return false;
    };
    if key.typed_char().is_none() || state.now - at > TYPE_AHEAD {
        state.refused_at = None;
        return false;
    }
    // The burst goes on as long as the letters keep coming.
    state.refused_at = Some(state.now);
    if !a.writes() {
        return false;
    }
    if let Some(status) = &state.status
        && !status.text.ends_with(IGNORED)
    {
        let text = format!("{}{IGNORED}", status.text);
        state.error(text);
    }
    true
}

/// Said after a refusal when letters typed after it were not run.
const IGNORED: &str = " (the keys typed after it were ignored)";

/// Puts pasted text where typing would go — the form's focused field, the
/// palette's filter, the customer search — as one line. Never runs a key:
/// elsewhere a paste is refused with a message.
fn paste(state: &mut AppState, text: &str) -> Vec<Effect> {
    if state.too_small() {
        return Vec::new();
    }
    let region = state.phone_region().to_owned();
    let took = match (state.context(), &mut state.overlay) {
        (Context::Form | Context::Picker, Some(Overlay::Form(form))) => form.paste(text, &region),
        (Context::Palette, Some(Overlay::Palette(palette))) => {
            let took = palette.filter.paste(text);
            if took {
                palette.selected = 0;
            }
            took
        }
        (Context::Search, _) => return customers::search_paste(state, text),
        _ => false,
    };
    if !took {
        state.error("nothing here takes pasted text: paste into a form field or a search");
    }
    Vec::new()
}

/// Keeps where the starter catalog is, for the first-run screen, and says it.
fn starter_written(state: &mut AppState, answer: Result<StarterFile, String>) {
    match answer {
        Ok(StarterFile::Written(path)) => {
            state.info(format!(
                "starter catalog written to {}: edit it, then apply it",
                path.display()
            ));
            state.starter_catalog = Some(path);
        }
        Ok(StarterFile::AlreadyThere(path)) => {
            state.info(format!(
                "{} is there already (kept as it is): edit it, then apply it",
                path.display()
            ));
            state.starter_catalog = Some(path);
        }
        Err(why) => state.error(why),
    }
}

fn tick(state: &mut AppState, now: DateTime<Utc>) -> Vec<Effect> {
    let new_day = now.with_timezone(&state.tz()).date_naive() != state.today();
    state.now = now;
    let mut effects = vec![Effect::Sweep, Effect::PollChanges];
    if new_day {
        effects.push(Effect::CountHolds);
        // The run sheet is of one day: past midnight it is a new one.
        if state.screen == Screen::Today && !state.first_run {
            state.today_sheet = today::TodayState::default();
            state.takings = None;
            effects.extend(screens::reload(state));
        }
    }
    // The clock moves rows (a hold lapsing leaves the sheet): the
    // selection stays on its booking.
    if state.screen == Screen::Today {
        today::reselect(state);
    }
    effects
}

fn catalog_loaded(state: &mut AppState, catalog: Option<CatalogView>) -> Vec<Effect> {
    let was_first_run = state.first_run || state.catalog.is_none();
    state.first_run = catalog.is_none();
    let changed = state.catalog != catalog;
    state.catalog = catalog;
    if state.catalog.is_some() && (was_first_run || changed) {
        if was_first_run {
            state.board.date = state.today();
        }
        return screens::reload(state);
    }
    Vec::new()
}

/// Performs `a`, from a screen's key, the detail or the palette.
pub fn action(state: &mut AppState, a: Action) -> Vec<Effect> {
    if state.first_run
        && !matches!(
            a,
            Action::Quit
                | Action::Help
                | Action::Palette
                | Action::Back
                | Action::Refresh
                | Action::ShowMessages
                | Action::WriteStarterCatalog
        )
    {
        state.error(NO_CATALOG_YET);
        return Vec::new();
    }
    if a.writes()
        && let Some(alert) = &state.alert
    {
        let alert = alert.clone();
        state.error(alert);
        return Vec::new();
    }
    match a {
        Action::Quit => quit::quit(state),
        Action::Help => {
            // Help over a booking detail goes back to it when closed.
            let under = match state.overlay.take() {
                Some(Overlay::Detail(detail)) => Some(detail),
                _ => None,
            };
            state.overlay = Some(Overlay::Help(HelpState {
                scroll: scroll::Scroll::default(),
                under,
            }));
            Vec::new()
        }
        Action::Palette => {
            state.overlay = Some(Overlay::Palette(PaletteState::default()));
            Vec::new()
        }
        Action::ShowBoard => screens::show(state, Screen::Board),
        Action::ShowBookings => screens::show(state, Screen::Bookings),
        Action::ShowCustomers => screens::show(state, Screen::Customers),
        Action::ShowActivity => screens::show(state, Screen::Activity),
        Action::ShowToday => screens::show(state, Screen::Today),
        Action::WalkIn => booking_actions::walk_in(state),
        Action::FindFree => board::find_free(state),
        Action::MarkArrived
        | Action::MarkNoShow
        | Action::MarkDone
        | Action::FilterResource
        | Action::SignOffTakings => {
            if state.screen == Screen::Today {
                screens::action(state, a)
            } else {
                state.error("that is for the Today screen (5)");
                Vec::new()
            }
        }
        Action::Lock => sign_in::lock(state),
        Action::ShowAttention => attention::open(state),
        Action::ShowReminders => crate::app::overlays::reminders::open(state),
        Action::ShowRequests => crate::app::overlays::requests::open(state),
        Action::CloseResource => closure_walk::open(state),
        Action::ShowMessages => messages::open(state),
        Action::Undo => match state.last_change {
            Some(event) => vec![Effect::Write(crate::app::effect::Write::Undo(event))],
            None => {
                state.error("nothing to undo: this desk has made no change since it opened (or it was undone)");
                Vec::new()
            }
        },
        Action::Refresh => {
            let mut effects = vec![Effect::LoadCatalog, Effect::CountHolds];
            effects.extend(screens::reload(state));
            effects
        }
        Action::DayBack
        | Action::DayForward
        | Action::Today
        | Action::GoToDate
        | Action::WeekView
        | Action::NextBooking => board::action(state, a),
        Action::Reserve
        | Action::NewBooking
        | Action::Confirm
        | Action::Cancel
        | Action::EditBooking
        | Action::MoveBooking
        | Action::MoveFollowing
        | Action::EditCustomer
        | Action::RecordPayment
        | Action::CheckIn
        | Action::Delete
        | Action::Refund
        | Action::ForceStatus
        | Action::ExtendHold
        | Action::JoinWaitlist
        | Action::LeaveWaitlist => {
            let effects = booking_actions::act(state, a);
            let refused = state.overlay.is_none()
                && effects.is_empty()
                && state
                    .status
                    .as_ref()
                    .is_some_and(|s| s.kind == MessageKind::Error);
            state.refused_at = refused.then_some(state.now);
            effects
        }
        // One screen's own actions, offered by the palette everywhere.
        Action::FilterBooking
        | Action::FilterCustomer
        | Action::FilterStaff
        | Action::MergeCustomer => {
            let (home, elsewhere) = match a {
                Action::MergeCustomer => {
                    (Screen::Customers, "merging is on the Customers screen (3)")
                }
                _ => (
                    Screen::Activity,
                    "that filter is for the Activity screen (4)",
                ),
            };
            if state.screen == home {
                screens::action(state, a)
            } else {
                state.error(elsewhere);
                Vec::new()
            }
        }
        // Move mode outlives a visit to another screen; Back ends it anywhere.
        Action::Back if state.board.moving.is_some() => board::cancel_move(state),
        Action::MoveUp
        | Action::MoveDown
        | Action::MoveLeft
        | Action::MoveRight
        | Action::PageUp
        | Action::PageDown
        | Action::Search
        | Action::Sort
        | Action::ReverseSort
        | Action::NewestFirst
        | Action::ToggleLapsedHolds
        | Action::Open
        | Action::Back => screens::action(state, a),
        Action::WriteStarterCatalog if state.first_run => vec![Effect::WriteStarterCatalog],
        Action::WriteStarterCatalog => {
            state.error(
                "this database has its catalog: a starter is written from the first-run screen \
                 (or print one with `slotdesk catalog template`)",
            );
            Vec::new()
        }
        // A form's own keys mean nothing on a screen, nor the ends of a
        // scrolled overlay, which takes those itself.
        Action::NextField
        | Action::PreviousField
        | Action::Submit
        | Action::Discard
        | Action::ReleaseAndQuit
        | Action::MarkReminderSent
        | Action::ApproveRequest
        | Action::DeclineRequest
        | Action::Top
        | Action::Bottom => Vec::new(),
    }
}
