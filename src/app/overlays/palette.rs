//! The command palette: a typed filter over the actions and a selected row;
//! editing keys go to the filter, the rest come from the `Palette` table.
//! Running an action closes the palette first. Pure.

use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::keymap::{Context, Key};
use crate::app::line_editor::LineEditor;
use crate::app::state::{AppState, Overlay};

/// What the palette holds while open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaletteState {
    /// As typed, with its cursor.
    pub filter: LineEditor,
    /// Row of [`Action::matching`] for `filter`.
    pub selected: usize,
}

impl PaletteState {
    /// The actions the filter leaves, in palette order.
    pub fn matches(&self) -> Vec<Action> {
        Action::matching(self.filter.value())
    }
}

/// Handles a key while the palette is open.
pub fn key(state: &mut AppState, key: Key) -> Vec<Effect> {
    let Some(Overlay::Palette(mut palette)) = state.overlay.take() else {
        return Vec::new();
    };
    if let Some(changed) = palette.filter.edit(key) {
        if changed {
            palette.selected = 0;
        }
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
