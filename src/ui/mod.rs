//! Drawing the desk: one file per screen, form and widget. Pure: reads the
//! state, never decides and never calls the store.

pub mod activity;
pub mod attention;
pub mod board;
pub mod bookings;
pub mod boxes;
pub mod chrome;
pub mod customers;
pub mod detail;
pub mod first_run;
pub mod fit;
pub mod form;
pub mod help;
pub mod hints;
pub mod money;
pub mod palette;
pub mod table;
pub mod theme;
pub mod too_small;

use crate::app::{AppState, Overlay, Screen};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

pub use crate::app::state::{MIN_HEIGHT, MIN_WIDTH};

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
        too_small::render(frame, area, MIN_WIDTH, MIN_HEIGHT);
        return;
    }
    let [tabs, main, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
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
        }
    }
    chrome::status_bar(frame, status, state);
    hints::render(frame, keys, state);
    match &state.overlay {
        None => {}
        Some(Overlay::Help(page)) => help::render(frame, main, state, page.page),
        Some(Overlay::Palette(palette)) => palette::render(frame, main, state, palette),
        Some(Overlay::Form(form)) => form::render(frame, main, form, state),
        Some(Overlay::Detail(open)) => detail::render(frame, main, state, open),
        Some(Overlay::Attention(open)) => attention::render(frame, main, state, open),
    }
}
