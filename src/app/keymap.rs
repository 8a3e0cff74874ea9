//! Key bindings: one typed table per context, the same tables driving
//! dispatch, the help overlay and the palette, with user overrides from the
//! config file naming actions. Pure.

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// Where a binding applies. Screen contexts are tried before `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    /// Everywhere outside forms and dialogs.
    Global,
    /// The day board.
    Board,
    /// The bookings list.
    Bookings,
    /// The customers screen.
    Customers,
    /// The activity log.
    Activity,
}

impl Context {
    /// Every context, in help order.
    pub const ALL: [Self; 5] = [
        Self::Board,
        Self::Bookings,
        Self::Customers,
        Self::Activity,
        Self::Global,
    ];

    /// A heading for the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::Board => "Day board",
            Self::Bookings => "Bookings",
            Self::Customers => "Customers",
            Self::Activity => "Activity",
        }
    }
}

/// One key with its modifiers, written `r`, `D`, `ctrl-s`, `shift-tab`,
/// `enter`, `esc`, `up`, `pgdn`, `f5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Only CONTROL and ALT matter; SHIFT is part of the character.
    pub modifiers: KeyModifiers,
}

impl Key {
    /// A plain character key.
    pub const fn char(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::NONE,
        }
    }

    /// A key with no modifiers.
    pub const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    /// A control-key.
    pub const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// The key a terminal event stands for, normalised so that `shift-tab`
    /// is `BackTab` and shifted characters carry no SHIFT.
    pub fn from_event(event: &KeyEvent) -> Self {
        let modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => other,
        };
        Self { code, modifiers }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("pgup"),
            KeyCode::PageDown => f.write_str("pgdn"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("del"),
            KeyCode::F(n) => write!(f, "f{n}"),
            _ => f.write_str("?"),
        }
    }
}

impl FromStr for Key {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = s.trim();
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                modifiers |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                modifiers |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "del" | "delete" => KeyCode::Delete,
            f if f.len() > 1 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            c if c.chars().count() == 1 => KeyCode::Char(c.chars().next().unwrap_or(' ')),
            other => return Err(format!("unknown key `{other}`")),
        };
        Ok(Self { code, modifiers })
    }
}

/// One row of a keymap table: keys, what they do, and the help text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// Any of these keys.
    pub keys: Vec<Key>,
    /// The action.
    pub action: Action,
}

/// The live keymap: a table per context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    tables: BTreeMap<Context, Vec<Binding>>,
}

/// User overrides: `[keys.board] reserve = ["r", "ctrl-r"]`.
pub type KeyOverrides = BTreeMap<Context, BTreeMap<Action, Vec<String>>>;

fn keys(spec: &[&str]) -> Vec<Key> {
    spec.iter().filter_map(|k| k.parse().ok()).collect()
}

fn table(rows: &[(Action, &[&str])]) -> Vec<Binding> {
    rows.iter()
        .map(|(action, spec)| Binding {
            keys: keys(spec),
            action: *action,
        })
        .collect()
}

const BOOKING_ACTIONS: [(Action, &[&str]); 9] = [
    (Action::Confirm, &["c"]),
    (Action::Cancel, &["x"]),
    (Action::EditBooking, &["e"]),
    (Action::MoveBooking, &["m"]),
    (Action::EditCustomer, &["u"]),
    (Action::RecordPayment, &["p"]),
    (Action::CheckIn, &["i"]),
    (Action::Delete, &["D"]),
    (Action::ExtendHold, &["+"]),
];

impl Default for Keymap {
    /// The default keys of DESIGN.md.
    fn default() -> Self {
        let mut tables = BTreeMap::new();
        tables.insert(
            Context::Global,
            table(&[
                (Action::ShowBoard, &["1"]),
                (Action::ShowBookings, &["2"]),
                (Action::ShowCustomers, &["3"]),
                (Action::ShowActivity, &["4"]),
                (Action::MoveUp, &["up", "k"]),
                (Action::MoveDown, &["down", "j"]),
                (Action::MoveLeft, &["left", "h"]),
                (Action::MoveRight, &["right", "l"]),
                (Action::PageUp, &["pgup"]),
                (Action::PageDown, &["pgdn"]),
                (Action::Search, &["/"]),
                (Action::Open, &["enter"]),
                (Action::Back, &["esc"]),
                (Action::Refresh, &["f5", "ctrl-l"]),
                (Action::Help, &["?"]),
                (Action::Palette, &[":"]),
                (Action::Quit, &["q", "ctrl-c"]),
            ]),
        );
        let mut board = table(&[
            (Action::DayBack, &["["]),
            (Action::DayForward, &["]"]),
            (Action::Today, &["t"]),
            (Action::GoToDate, &["g"]),
            (Action::WeekView, &["w"]),
            (Action::Reserve, &["r"]),
            (Action::NewBooking, &["n"]),
            (Action::NextBooking, &["tab"]),
        ]);
        board.extend(table(&BOOKING_ACTIONS));
        tables.insert(Context::Board, board);
        let mut bookings = table(&[(Action::Sort, &["s"])]);
        bookings.extend(table(&BOOKING_ACTIONS));
        tables.insert(Context::Bookings, bookings);
        tables.insert(
            Context::Customers,
            table(&[(Action::EditCustomer, &["u", "e"])]),
        );
        tables.insert(Context::Activity, Vec::new());
        Self { tables }
    }
}

impl Keymap {
    /// The defaults with `overrides` applied: each named action's keys in
    /// that context are replaced (an empty list unbinds it).
    /// Errors: an unknown key name.
    pub fn with_overrides(overrides: &KeyOverrides) -> Result<Self, String> {
        let mut map = Self::default();
        for (context, actions) in overrides {
            let table = map.tables.entry(*context).or_default();
            for (action, spec) in actions {
                let keys = spec
                    .iter()
                    .map(|k| k.parse::<Key>())
                    .collect::<Result<Vec<_>, _>>()?;
                match table.iter_mut().find(|b| b.action == *action) {
                    Some(binding) => binding.keys = keys,
                    None => table.push(Binding {
                        keys,
                        action: *action,
                    }),
                }
            }
        }
        Ok(map)
    }

    /// The action `key` does in `context`, falling back to the global table.
    pub fn lookup(&self, context: Context, key: Key) -> Option<Action> {
        let find = |c: Context| {
            self.tables
                .get(&c)?
                .iter()
                .find(|b| b.keys.contains(&key))
                .map(|b| b.action)
        };
        find(context).or_else(|| find(Context::Global))
    }

    /// The bindings of one context, for help.
    pub fn bindings(&self, context: Context) -> &[Binding] {
        self.tables.get(&context).map_or(&[], Vec::as_slice)
    }

    /// The first key bound to `action` in `context` or globally, for hints.
    pub fn key_for(&self, context: Context, action: Action) -> Option<Key> {
        [context, Context::Global].into_iter().find_map(|c| {
            self.bindings(c)
                .iter()
                .find(|b| b.action == action)
                .and_then(|b| b.keys.first().copied())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_keys_follow_the_design() {
        let map = Keymap::default();
        assert_eq!(
            map.lookup(Context::Board, Key::char('r')),
            Some(Action::Reserve)
        );
        assert_eq!(
            map.lookup(Context::Board, Key::char('[')),
            Some(Action::DayBack)
        );
        assert_eq!(
            map.lookup(Context::Bookings, Key::char('x')),
            Some(Action::Cancel)
        );
        assert_eq!(
            map.lookup(Context::Bookings, Key::char('q')),
            Some(Action::Quit)
        );
        assert_eq!(map.lookup(Context::Activity, Key::char('r')), None);
        assert_eq!(
            map.lookup(Context::Board, Key::char('D')),
            Some(Action::Delete)
        );
    }

    #[test]
    fn overrides_replace_an_actions_keys() {
        let mut overrides = KeyOverrides::new();
        overrides
            .entry(Context::Board)
            .or_default()
            .insert(Action::Reserve, vec!["ctrl-r".into(), "R".into()]);
        let map = Keymap::with_overrides(&overrides).unwrap();
        assert_eq!(map.lookup(Context::Board, Key::char('r')), None);
        assert_eq!(
            map.lookup(Context::Board, Key::ctrl('r')),
            Some(Action::Reserve)
        );
        assert_eq!(
            map.key_for(Context::Board, Action::Reserve),
            Some(Key::ctrl('r'))
        );
        overrides
            .entry(Context::Global)
            .or_default()
            .insert(Action::Quit, vec!["nonsense-key".into()]);
        assert!(Keymap::with_overrides(&overrides).is_err());
    }

    #[test]
    fn keys_print_and_parse_alike() {
        for text in [
            "r",
            "D",
            "ctrl-s",
            "shift-tab",
            "enter",
            "esc",
            "pgdn",
            "f5",
            "+",
            "[",
        ] {
            let key: Key = text.parse().unwrap();
            let printed = key.to_string();
            if !["up", "down"].contains(&text) {
                assert_eq!(printed.parse::<Key>().unwrap(), key, "{text}");
            }
        }
    }
}
