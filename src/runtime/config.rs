//! The desk's config file, `~/.config/slotdesk/config.toml` (or
//! `$SLOTDESK_CONFIG`): key overrides by context and action name, the
//! theme, and the outbox's hooks (`[hooks]`, also read by `slotdesk
//! outbox`). Every setting has a default; no file is needed. A file that is
//! there but wrong stops the desk before it takes the terminal.

use crate::app::keymap::{KeyOverrides, Keymap};
use crate::hooks::Hooks;
use crate::hooks::config::HooksSpec;
use crate::ui::theme::{Theme, ThemeSpec};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file's shape.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `[keys.board] reserve = ["r"]`.
    #[serde(default)]
    pub keys: KeyOverrides,
    /// `[theme] name = "monochrome"`, `[theme.colors] yellow = "#b58900"`.
    #[serde(default)]
    pub theme: ThemeSpec,
    /// `[hooks] command = "…"`, `url = "…"`, `secret = "…"`: where every
    /// event is delivered.
    #[serde(default)]
    pub hooks: HooksSpec,
}

/// What the desk takes from the config file.
#[derive(Debug, Clone, Default)]
pub struct DeskConfig {
    /// The default keys with the file's overrides, checked for clashes.
    pub keymap: Keymap,
    /// The file's theme, or monochrome under `NO_COLOR` when it names none.
    pub theme: Theme,
    /// The outbox's hooks (none: events wait in the outbox).
    pub hooks: Hooks,
}

/// Where the config file is looked for.
pub fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SLOTDESK_CONFIG") {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "slotdesk").map(|d| d.config_dir().join("config.toml"))
}

/// Whether `NO_COLOR` asks for no colour: set and not empty (no-color.org).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The keymap and theme from the config file, or the defaults when there
/// is none (`NO_COLOR` then makes the theme monochrome).
/// Errors: a file that exists but cannot be read or does not parse, a key
/// bound to two actions in one context (one line each), a bad theme; each
/// starting with the file's path.
pub fn load() -> Result<DeskConfig, String> {
    let (text, path) = read()?;
    from_text(&text, no_color(), &path)
}

/// The outbox's hooks from the config file (none without one), for the
/// command line. Errors: as [`load`]'s: the whole file is checked.
pub fn hooks() -> Result<(Hooks, PathBuf), String> {
    let (text, path) = read()?;
    let config = from_text(&text, no_color(), &path)?;
    Ok((config.hooks, path))
}

/// The config file's text ("" when there is none) and its path.
fn read() -> Result<(String, PathBuf), String> {
    let Some(path) = config_path() else {
        return Ok((String::new(), PathBuf::new()));
    };
    match std::fs::read_to_string(&path) {
        Ok(t) => Ok((t, path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((String::new(), path)),
        Err(e) => Err(format!(
            "cannot read the config file {}: {e}",
            path.display()
        )),
    }
}

/// The desk's config from the file's `text` (read from `path`, for the
/// messages).
pub fn from_text(text: &str, no_color: bool, path: &Path) -> Result<DeskConfig, String> {
    let located = |e: String| {
        e.lines()
            .map(|line| format!("{}: {line}", path.display()))
            .collect::<Vec<_>>()
            .join("\n")
    };
    // The parser's own message spans lines (a snippet of the file): one prefix.
    let config: Config = toml::from_str(text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(DeskConfig {
        keymap: Keymap::with_overrides(&config.keys).map_err(located)?,
        theme: config.theme.resolve(no_color).map_err(located)?,
        hooks: config.hooks.resolve().map_err(located)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use crate::app::keymap::{Context, Key};
    use crate::ui::theme::ThemeName;

    #[test]
    fn config_file_rebinds_actions_by_name() {
        let config: Config =
            toml::from_str("[keys.board]\nreserve = [\"v\"]\n[keys.global]\nquit = [\"ctrl-q\"]\n")
                .unwrap();
        let map = Keymap::with_overrides(&config.keys).unwrap();
        assert_eq!(
            map.lookup(Context::Board, Key::char('v')),
            Some(Action::Reserve)
        );
        assert_eq!(map.lookup(Context::Board, Key::char('q')), None);
        assert!(toml::from_str::<Config>("[keys.board]\nfly = [\"f\"]\n").is_err());
    }

    #[test]
    fn a_clash_in_the_file_is_refused_naming_the_file() {
        let path = Path::new("/home/desk/.config/slotdesk/config.toml");
        let err = from_text("[keys.board]\nreserve = [\"c\"]\n", false, path).unwrap_err();
        assert!(
            err.starts_with("/home/desk/.config/slotdesk/config.toml: [keys.board]: `c` is bound to both `reserve`"),
            "{err}"
        );
        assert!(err.contains("`confirm`"), "{err}");
    }

    #[test]
    fn the_hooks_come_from_the_file_and_a_bad_one_names_it() {
        let path = Path::new("/etc/desk/config.toml");
        let hooks = from_text("[hooks]\ncommand = \"./sms.sh\"\n", false, path)
            .unwrap()
            .hooks;
        assert_eq!(hooks.command.as_deref(), Some("./sms.sh"));
        assert!(!from_text("", false, path).unwrap().hooks.any());
        for bad in [
            "[hooks]\nurl = \"https://x.example\"\n",
            "[hooks]\ncommand = \"x\"\ntimeout_seconds = -1\n",
            "[hooks]\ncommand = 3\n",
            "[hooks]\ncommand = \"\"\"\nline one\nline two\"\"\"\n",
        ] {
            let err = from_text(bad, false, path).unwrap_err();
            assert!(err.starts_with("/etc/desk/config.toml: "), "{bad}: {err}");
        }
    }

    #[test]
    fn the_theme_comes_from_the_file_and_no_color() {
        let path = Path::new("config.toml");
        let theme = |text: &str, no_color| from_text(text, no_color, path).unwrap().theme.name;
        assert_eq!(theme("", false), ThemeName::Default);
        assert_eq!(theme("", true), ThemeName::Monochrome);
        assert_eq!(
            theme("[theme]\nname = \"default\"\n", true),
            ThemeName::Default
        );
        assert_eq!(
            theme("[theme]\nname = \"high-contrast\"\n", false),
            ThemeName::HighContrast
        );
        let err = from_text("[theme]\nname = \"neon\"\n", false, path).unwrap_err();
        assert!(err.starts_with("config.toml: "), "{err}");
        assert!(err.contains("neon"), "{err}");
    }
}
