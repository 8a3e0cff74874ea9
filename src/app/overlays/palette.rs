//! The command palette: a typed filter over the actions and a selected row;
//! printable keys go to the filter, the rest come from the `Palette` table.
//! Running an action closes the palette first. Pure.

use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::keymap::{Context, Key};
use crate::app::state::{AppState, Overlay};
use crossterm::event::KeyCode;

/// What the palette holds while open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaletteState {
    /// As typed.
    pub filter: String,
    /// Row of [`Action::matching`] for `filter`.
    pub selected: usize,
}

impl PaletteState {
    /// The actions the filter leaves, in palette order.
    pub fn matches(&self) -> Vec<Action> {
        Action::matching(&self.filter)
    }
}

/// Handles a key while the palette is open.
pub fn key(state: &mut AppState, key: Key) -> Vec<Effect> {
    let Some(Overlay::Palette(mut palette)) = state.overlay.take() else {
        return Vec::new();
    };
    if let Some(c) = key.typed_char() {
        palette.filter.push(c);
        palette.selected = 0;
    } else if key.code == KeyCode::Backspace {
        palette.filter.pop();
        palette.selected = 0;
    } else {
        let matches = palette.matches();
        match state.keymap.lookup(Context::Palette, key) {
            Some(Action::Back) => return Vec::new(),
            Some(Action::Open) => {
                return match matches.get(palette.selected) {
                    Some(a) => crate::app::update::action(state, *a),
                    None => Vec::new(),
                };
            }
            Some(Action::MoveUp) => palette.selected = palette.selected.saturating_sub(1),
            Some(Action::MoveDown) => {
                palette.selected = (palette.selected + 1).min(matches.len().saturating_sub(1));
            }
            _ => {}
        }
    }
    state.overlay = Some(Overlay::Palette(palette));
    Vec::new()
}
