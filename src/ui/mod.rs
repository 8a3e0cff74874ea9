//! Drawing the desk: one file per screen, form and widget. Pure: reads the
//! state, never decides and never calls the store.

pub mod activity;
pub mod attention;
pub mod board;
pub mod bookings;
pub mod boxes;
pub mod chrome;
pub mod closure_walk;
pub mod customers;
pub mod detail;
pub mod first_run;
pub mod fit;
pub mod form;
pub mod free_slots;
pub mod help;
pub mod hints;
pub mod line;
pub mod messages;
pub mod money;
pub mod palette;
pub mod quit;
pub mod reminders;
pub mod requests;
pub mod service_labels;
pub mod table;
pub mod theme;
pub mod today;
pub mod too_small;

use crate::app::overlays::scroll::ScrollRoom;
use crate::app::{AppState, Overlay, Screen};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

pub use crate::app::state::{MIN_HEIGHT, MIN_WIDTH};

/// The tab bar, the screen, the status bar and the key hints of a desk
/// drawn in `area`. A message too long for the status bar's row takes a
/// second one.
fn areas(state: &AppState, area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(chrome::status_rows(state, area.width)),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// How far the overlay on top (the booking detail, help) scrolls when the
/// desk is drawn in `area`; `None` when none is open that scrolls, or the
/// terminal is too small to draw the desk.
pub fn scroll_room(state: &AppState, area: Rect) -> Option<ScrollRoom> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [_, main, _, _] = areas(state, area);
    match &state.overlay {
        Some(Overlay::Help(_)) => Some(help::scroll_room(main, state)),
        Some(Overlay::Detail(open)) => detail::scroll_room(main, state, open),
        _ => None,
    }
}

/// Draws the desk for `state` ([`render`]) and paints it in `theme`.
pub fn draw(frame: &mut Frame, state: &AppState, theme: &theme::Theme) {
    render(frame, state);
    theme.paint(frame.buffer_mut());
}

/// Draws the whole desk for `state` in the default palette: tab bar, the screen (or the first-run
/// screen), status bar and key hints, then the overlay on top.
pub fn render(frame: &mut Frame, state: &AppState) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let asking = match &state.overlay {
            Some(Overlay::Quit(prompt)) => Some(quit::one_line(state, prompt)),
            _ => None,
        };
        too_small::render(frame, area, MIN_WIDTH, MIN_HEIGHT, asking.as_deref());
        return;
    }
    let [tabs, main, status, keys] = areas(state, area);
    chrome::tab_bar(frame, tabs, state);
    if state.first_run {
        first_run::render(frame, main, state);
    } else if state.signed_out() {
        // A locked desk shows nothing of the day, only the sign-in form.
        frame.render_widget(boxes::note("signed out"), main);
    } else {
        match state.screen {
            Screen::Board => board::render(frame, main, state),
            Screen::Bookings => bookings::render(frame, main, state),
            Screen::Customers => customers::render(frame, main, state),
            Screen::Activity => activity::render(frame, main, state),
            Screen::Today => today::render(frame, main, state),
        }
    }
    chrome::status_bar(frame, status, state);
    hints::render(frame, keys, state);
    match &state.overlay {
        None => {}
        Some(Overlay::Help(open)) => help::render(frame, main, state, open.scroll.offset),
        Some(Overlay::Palette(palette)) => palette::render(frame, main, state, palette),
        Some(Overlay::Form(form)) => form::render(frame, main, form, state),
        Some(Overlay::Detail(open)) => detail::render(frame, main, state, open),
        Some(Overlay::Attention(open)) => attention::render(frame, main, state, open),
        Some(Overlay::Reminders(open)) => reminders::render(frame, main, state, open),
        Some(Overlay::Requests(open)) => requests::render(frame, main, state, open),
        Some(Overlay::Quit(prompt)) => quit::render(frame, main, state, prompt),
        Some(Overlay::Messages(open)) => messages::render(frame, main, state, open),
        Some(Overlay::FreeSlots(list)) => free_slots::render(frame, main, state, list),
        Some(Overlay::ClosureWalk) => closure_walk::render(frame, main, state),
    }
}
