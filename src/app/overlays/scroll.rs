//! Where a scrolled overlay (the booking detail, help) is: its first line
//! shown, moved by a line, a page or to either end, within the room the
//! last draw found. Only the drawing knows how many lines there are at the
//! terminal's size; the runtime passes what it found as
//! [`Msg::ScrollRoom`](crate::app::Msg::ScrollRoom). Pure.

use crate::app::action::Action;
use crate::app::state::{AppState, Overlay};

/// How far a view can scroll, as the last draw found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScrollRoom {
    /// The greatest first line: the lines that do not fit (0: all fit).
    pub max: usize,
    /// How many lines show at once (at least 1).
    pub page: usize,
}

/// A scrolled view's place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    /// The first line shown (0: the top); at most the room's `max` once
    /// it is known (the drawing keeps it within what there is until then).
    pub offset: usize,
    /// The room the last draw found; `None` before it is drawn.
    pub room: Option<ScrollRoom>,
}

/// A page's lines before the first draw says.
const FIRST_PAGE: usize = 10;

impl Scroll {
    /// Moves for `action` — `MoveUp`/`MoveDown` a line, `PageUp`/`PageDown`
    /// a page less one line (kept in view), `Top`, `Bottom` — and says
    /// whether `action` was one of them.
    pub fn apply(&mut self, action: Action) -> bool {
        let page = self.room.map_or(FIRST_PAGE, |r| r.page).max(2) - 1;
        let max = self.room.map_or(usize::MAX, |r| r.max);
        self.offset = match action {
            Action::MoveUp => self.offset.saturating_sub(1),
            Action::MoveDown => self.offset.saturating_add(1),
            Action::PageUp => self.offset.saturating_sub(page),
            Action::PageDown => self.offset.saturating_add(page),
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            _ => return false,
        }
        .min(max);
        true
    }

    /// Takes the room the last draw found, the place kept within it.
    pub fn fit(&mut self, room: ScrollRoom) {
        self.room = Some(room);
        self.offset = self.offset.min(room.max);
    }
}

/// The scroll of the overlay on top, if it scrolls.
fn top_scroll(state: &mut AppState) -> Option<&mut Scroll> {
    match &mut state.overlay {
        Some(Overlay::Detail(d)) => Some(&mut d.scroll),
        Some(Overlay::Help(h)) => Some(&mut h.scroll),
        _ => None,
    }
}

/// Gives the overlay on top the room the last draw found for it.
pub fn take_room(state: &mut AppState, room: ScrollRoom) {
    if let Some(scroll) = top_scroll(state) {
        scroll.fit(room);
    }
}

/// The room the overlay on top last took, so the runtime tells it only a
/// change.
pub fn room(state: &AppState) -> Option<ScrollRoom> {
    match &state.overlay {
        Some(Overlay::Detail(d)) => d.scroll.room,
        Some(Overlay::Help(h)) => h.scroll.room,
        _ => None,
    }
}
