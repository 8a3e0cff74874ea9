//! The frame around every screen: the tab bar on top (the four screens and
//! the location) and the status bar at the bottom (location, today's date,
//! live clock, holds, bookings needing attention, the last message, the
//! banner).

use super::{fit, theme};
use crate::app::keymap::Context;
use crate::app::state::MessageKind;
use crate::app::{Action, AppState, Screen};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Below this width the status bar leaves the location to the tab bar.
const WIDE: u16 = 100;

fn show_action(screen: Screen) -> Action {
    match screen {
        Screen::Board => Action::ShowBoard,
        Screen::Bookings => Action::ShowBookings,
        Screen::Customers => Action::ShowCustomers,
        Screen::Activity => Action::ShowActivity,
    }
}

fn location(state: &AppState) -> Option<&str> {
    state.catalog.as_ref().map(|c| c.location.name.as_str())
}

/// The tab bar: `1 Day board  2 Bookings …` with the current screen
/// highlighted, and the location's name on the right.
pub fn tab_bar(frame: &mut Frame, area: Rect, state: &AppState) {
    let mut spans = Vec::new();
    for screen in Screen::ALL {
        let active = screen == state.screen && !state.first_run;
        let style = if active {
            theme::TAB_ACTIVE
        } else {
            theme::TAB
        };
        let key = state
            .keymap
            .key_for(Context::Global, show_action(screen))
            .map(|k| format!(" {k}"))
            .unwrap_or_default();
        let key_style = if active { style } else { theme::KEY };
        spans.push(Span::styled(key, key_style));
        spans.push(Span::styled(format!(" {} ", screen.title()), style));
        spans.push(Span::raw(" "));
    }
    let used: usize = spans.iter().map(Span::width).sum();
    frame.render_widget(Line::from(spans), area);
    let room = usize::from(area.width).saturating_sub(used + 2);
    let name = location(state).unwrap_or("no catalog yet");
    // Who is at the desk, before the location, once there are staff.
    let who = match (&state.signed_in, state.signed_out()) {
        (Some(me), _) => format!("{} ({}) · ", me.name, me.role),
        (None, true) => "locked · ".to_owned(),
        (None, false) => String::new(),
    };
    let text = if fit::width(&who) + fit::width(name) <= room {
        format!("{who}{name}")
    } else {
        name.to_owned()
    };
    if room >= 8 {
        let right = Line::styled(format!("{} ", fit::truncate(&text, room)), theme::TITLE)
            .alignment(Alignment::Right);
        frame.render_widget(right, area);
    }
}

/// `banner` fitted to `max`: a `label: value` banner keeps its label and
/// loses the start of its value (a path says the most at its end).
fn banner_text(banner: &str, max: usize) -> String {
    match banner.split_once(": ") {
        Some((label, value)) if fit::width(label) + 12 <= max => {
            let room = max - fit::width(label) - 2;
            format!("{label}: {}", fit::truncate_start(value, room))
        }
        _ => fit::truncate_start(banner, max),
    }
}

/// The status bar: `location · Mon 23 Nov 2026 · 09:30:00 GMT · 2 held ·
/// message`, then the banner on the right as room allows.
pub fn status_bar(frame: &mut Frame, area: Rect, state: &AppState) {
    let sep = || Span::styled(" · ", theme::DIM);
    let mut spans = vec![Span::raw(" ")];
    // Waiting on another desk's lock comes first, so it is never cut off.
    if state.waiting && state.alert.is_none() {
        spans.push(Span::styled("waiting for another desk…", theme::HELD));
        spans.push(sep());
    }
    if area.width >= WIDE
        && let Some(name) = location(state)
    {
        spans.push(Span::styled(name.to_owned(), theme::TITLE));
        spans.push(sep());
    }
    if !state.first_run {
        // Today at the location, beside the clock; the board's own heading
        // says which day it shows.
        spans.push(Span::raw(state.today().format("%a %d %b %Y").to_string()));
        spans.push(sep());
    }
    let local = state.now.with_timezone(&state.tz());
    spans.push(Span::styled(
        local.format("%H:%M:%S %Z").to_string(),
        theme::TITLE,
    ));
    spans.push(sep());
    let held_style = if state.held_count > 0 {
        theme::HELD
    } else {
        theme::DIM
    };
    spans.push(Span::styled(
        format!("{} held", state.held_count),
        held_style,
    ));
    if !state.attention.is_empty() {
        // Stays until each is moved or cancelled, whatever the message says.
        let key = state
            .keymap
            .key_for(Context::Global, Action::ShowAttention)
            .map(|k| format!(" ({k})"))
            .unwrap_or_default();
        spans.push(sep());
        spans.push(Span::styled(
            format!("{} need attention{key}", state.attention.len()),
            theme::ERROR,
        ));
    }

    let used: usize = spans.iter().map(Span::width).sum();
    let mut room = usize::from(area.width).saturating_sub(used + 1);
    // The file's fault outranks everything; a wait for another desk's lock
    // outranks the last message.
    // The lost file's alert has the key line to itself.
    let shown = state.status.as_ref().map(|status| {
        (
            status.text.as_str(),
            match status.kind {
                MessageKind::Error => theme::ERROR,
                MessageKind::Info => theme::INFO,
            },
        )
    });
    if let Some((text, style)) = shown
        && room > 6
    {
        let text = fit::truncate(text, room - 3);
        room = room.saturating_sub(fit::width(&text) + 3);
        spans.push(sep());
        spans.push(Span::styled(text, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if let Some(banner) = &state.banner
        && room >= 16
    {
        let text = banner_text(banner, room - 3);
        let right = Line::styled(format!("{text} "), theme::DIM).alignment(Alignment::Right);
        frame.render_widget(right, area);
    }
}
