//! The config file's key overrides applied to the default tables, and the
//! check that no key does two things in one context. Pure.
//!
//! A key may do one thing per table. A screen's table may reuse a key of
//! the `Global` table, and the form's customer picker one of the form's:
//! the first table is tried before its fallback, so the screen's meaning
//! wins there and the global one still works on every other screen (that is
//! how a screen gives a key its own meaning). Two actions on one key in the
//! same table are refused, whether both came from the file or one is a
//! default the file did not move. In a context with a text field (a form,
//! its picker, the customer search, the palette) a key the field edits
//! with is refused too.

use super::{Binding, Context, Key, Keymap};
use crate::app::action::Action;
use crate::app::line_editor::is_editing_key;
use std::collections::{BTreeMap, BTreeSet};

/// The contexts whose text fields take editing keys before the table: a
/// key bound there that a field also takes would silently win or lose.
const TYPING: [Context; 4] = [
    Context::Form,
    Context::Picker,
    Context::Search,
    Context::Palette,
];

/// User overrides: `[keys.board] reserve = ["r", "ctrl-r"]`: per context,
/// each named action's keys (keymap-file key names; empty unbinds it).
pub type KeyOverrides = BTreeMap<Context, BTreeMap<Action, Vec<String>>>;

/// Two actions bound to one key in one context's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    /// The table both actions are in.
    pub context: Context,
    /// The key they share.
    pub key: Key,
    /// The two actions, in table order, each with whether the config file
    /// set its keys (`true`) or it kept its default (`false`).
    pub actions: [(Action, bool); 2],
}

impl Clash {
    /// The refusal in words: the key, both actions, the context, and how to
    /// free the key (`confirm = []` unbinds a default).
    pub fn message(&self) -> String {
        let section = format!("[keys.{}]", self.context.name());
        let [(a, a_set), (b, b_set)] = self.actions;
        let (a, b) = (a.name(), b.name());
        let key = self.key.to_string().escape_debug().to_string();
        let place = self.context.title().to_lowercase();
        match (a_set, b_set) {
            (true, true) => format!(
                "{section}: `{key}` is bound to both `{a}` and `{b}` ({place}); \
                 a key does one thing in a context: give one of them another key"
            ),
            (false, false) => {
                format!("{section}: `{key}` is bound to both `{a}` and `{b}` by default ({place})")
            }
            _ => {
                let (set, default) = if a_set { (a, b) } else { (b, a) };
                format!(
                    "{section}: `{key}` is bound to both `{set}` (set in the file) and `{default}` \
                     (its default key, {place}); give `{set}` another key, or free `{key}` \
                     with `{default} = []` (or other keys for `{default}`) under {section}"
                )
            }
        }
    }
}

impl Keymap {
    /// The defaults with `overrides` applied: each named action's keys in
    /// that context are replaced (an empty list unbinds it).
    /// Errors: an unknown key name (with its section and action), or keys
    /// that would do two things in one context ([`Clash::message`], one
    /// line per clash).
    pub fn with_overrides(overrides: &KeyOverrides) -> Result<Self, String> {
        let mut map = Self::default();
        let mut set = BTreeSet::new();
        for (context, actions) in overrides {
            let table = map.tables.entry(*context).or_default();
            for (action, spec) in actions {
                let keys = spec
                    .iter()
                    .map(|k| k.parse::<Key>())
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| {
                        let (section, action) = (context.name(), action.name());
                        // The file's own spelling, never raw to the terminal.
                        format!("[keys.{section}] {action}: {}", e.escape_debug())
                    })?;
                if TYPING.contains(context)
                    && let Some(key) = keys.iter().find(|k| is_editing_key(**k))
                {
                    return Err(format!(
                        "[keys.{}] {}: `{}` edits the text being typed there (a typed \
                         character, the arrows, home/end, ctrl-a/e/b/f/d/h/k/u/w/y, alt-b/f/d): \
                         give `{}` another key, such as a function key or ctrl-s",
                        context.name(),
                        action.name(),
                        key.to_string().escape_debug(),
                        action.name()
                    ));
                }
                set.insert((*context, *action));
                match table.iter_mut().find(|b| b.action == *action) {
                    Some(binding) => binding.keys = keys,
                    None => table.push(Binding {
                        keys,
                        ..Binding::new(*action, &[])
                    }),
                }
            }
        }
        let clashes = map.clashes(|context, action| set.contains(&(context, action)));
        if clashes.is_empty() {
            Ok(map)
        } else {
            Err(clashes
                .iter()
                .map(Clash::message)
                .collect::<Vec<_>>()
                .join("\n"))
        }
    }

    /// Every key bound to two different actions within one context's
    /// table, in help order; `from_file` says whether the config file set
    /// an action's keys there. Shadowing a fallback table's key is not a
    /// clash (see the module's note).
    pub fn clashes(&self, from_file: impl Fn(Context, Action) -> bool) -> Vec<Clash> {
        let mut out = Vec::new();
        for context in Context::ALL {
            let mut seen: Vec<(Key, Action)> = Vec::new();
            for binding in self.bindings(context) {
                for key in &binding.keys {
                    match seen.iter().find(|(k, _)| k == key) {
                        Some((_, first)) if *first != binding.action => out.push(Clash {
                            context,
                            key: *key,
                            actions: [
                                (*first, from_file(context, *first)),
                                (binding.action, from_file(context, binding.action)),
                            ],
                        }),
                        Some(_) => {}
                        None => seen.push((*key, binding.action)),
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overrides(context: Context, pairs: &[(Action, &[&str])]) -> KeyOverrides {
        let mut out = KeyOverrides::new();
        for (action, keys) in pairs {
            out.entry(context)
                .or_default()
                .insert(*action, keys.iter().map(|k| (*k).to_owned()).collect());
        }
        out
    }

    #[test]
    fn the_default_keymap_binds_no_key_twice_in_any_context() {
        assert_eq!(Keymap::default().clashes(|_, _| false), []);
    }

    #[test]
    fn two_actions_set_to_one_key_are_refused_naming_both_the_key_and_the_context() {
        let file = overrides(
            Context::Board,
            &[
                (Action::Reserve, &["ctrl-r"]),
                (Action::NewBooking, &["ctrl-r"]),
            ],
        );
        let err = Keymap::with_overrides(&file).unwrap_err();
        assert!(err.contains("[keys.board]"), "{err}");
        assert!(err.contains("`ctrl-r`"), "{err}");
        assert!(
            err.contains("`reserve`") && err.contains("`new_booking`"),
            "{err}"
        );
        assert!(err.contains("give one of them another key"), "{err}");
    }

    #[test]
    fn a_key_set_onto_another_actions_default_is_refused_with_how_to_free_it() {
        // `c` confirms on the board by default.
        let file = overrides(Context::Board, &[(Action::Reserve, &["c"])]);
        let err = Keymap::with_overrides(&file).unwrap_err();
        assert_eq!(
            err,
            "[keys.board]: `c` is bound to both `reserve` (set in the file) and `confirm` \
             (its default key, day board); give `reserve` another key, or free `c` with \
             `confirm = []` (or other keys for `confirm`) under [keys.board]"
        );
        // Freed as the message says, it is accepted.
        let file = overrides(
            Context::Board,
            &[(Action::Reserve, &["c"]), (Action::Confirm, &[])],
        );
        let map = Keymap::with_overrides(&file).unwrap();
        assert_eq!(
            map.lookup(Context::Board, Key::char('c')),
            Some(Action::Reserve)
        );
    }

    #[test]
    fn every_clash_is_listed_one_per_line() {
        let mut file = overrides(Context::Board, &[(Action::Reserve, &["c", "x"])]);
        file.extend(overrides(Context::Global, &[(Action::Help, &["q"])]));
        let err = Keymap::with_overrides(&file).unwrap_err();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 3, "{err}");
        assert!(lines[0].starts_with("[keys.board]: `c`"), "{err}");
        assert!(lines[1].starts_with("[keys.board]: `x`"), "{err}");
        assert!(lines[2].starts_with("[keys.global]: `q`"), "{err}");
    }

    #[test]
    fn a_screen_key_may_shadow_a_global_one_there_only() {
        // `q` quits everywhere; on the board it now reserves.
        let file = overrides(Context::Board, &[(Action::Reserve, &["q"])]);
        let map = Keymap::with_overrides(&file).unwrap();
        assert_eq!(
            map.lookup(Context::Board, Key::char('q')),
            Some(Action::Reserve)
        );
        assert_eq!(
            map.lookup(Context::Bookings, Key::char('q')),
            Some(Action::Quit)
        );
    }

    #[test]
    fn an_unknown_key_names_its_section_and_action() {
        let file = overrides(Context::Global, &[(Action::Quit, &["hyper-q"])]);
        let err = Keymap::with_overrides(&file).unwrap_err();
        assert_eq!(err, "[keys.global] quit: unknown key `hyper-q`");
    }

    #[test]
    fn keys_the_file_spells_with_control_characters_are_quoted_not_sent_raw() {
        let file = overrides(Context::Global, &[(Action::Quit, &["\u{1b}[2J"])]);
        let err = Keymap::with_overrides(&file).unwrap_err();
        assert!(
            !err.contains('\u{1b}') && err.contains(r"\u{1b}[2J"),
            "{err}"
        );
        let file = overrides(
            Context::Board,
            &[
                (Action::Reserve, &["\u{7}"]),
                (Action::NewBooking, &["\u{7}"]),
            ],
        );
        let err = Keymap::with_overrides(&file).unwrap_err();
        assert!(!err.contains('\u{7}') && err.contains(r"`\u{7}`"), "{err}");
    }

    #[test]
    fn a_key_text_fields_edit_with_is_refused_where_they_take_it() {
        for (context, action, key) in [
            (Context::Form, Action::Submit, "ctrl-a"),
            (Context::Form, Action::NextField, "s"),
            (Context::Picker, Action::Open, "left"),
            (Context::Search, Action::Back, "ctrl-u"),
        ] {
            let err =
                Keymap::with_overrides(&overrides(context, &[(action, &[key])])).expect_err(key);
            assert!(
                err.contains(&format!("[keys.{}]", context.name()))
                    && err.contains(&action.name())
                    && err.contains(&key.parse::<Key>().unwrap().to_string()),
                "{err}"
            );
        }
        // Outside the text-taking contexts the same key is fine, and in a
        // form a function key is.
        Keymap::with_overrides(&overrides(
            Context::Board,
            &[(Action::Reserve, &["ctrl-a"])],
        ))
        .unwrap();
        Keymap::with_overrides(&overrides(Context::Form, &[(Action::Submit, &["f2"])])).unwrap();
    }
}
