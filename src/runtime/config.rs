//! The desk's config file, `~/.config/slotdesk/config.toml` (or
//! `$SLOTDESK_CONFIG`): key overrides by context and action name. Every
//! setting has a default; no file is needed.

use crate::app::keymap::{KeyOverrides, Keymap};
use serde::Deserialize;
use std::path::PathBuf;

/// The file's shape.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `[keys.board] reserve = ["r"]`.
    #[serde(default)]
    pub keys: KeyOverrides,
}

/// Where the config file is looked for.
pub fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SLOTDESK_CONFIG") {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "slotdesk").map(|d| d.config_dir().join("config.toml"))
}

/// The keymap from the config file, or the defaults when there is none.
/// Errors: a file that exists but does not parse, with where and why.
pub fn load_keymap() -> Result<Keymap, String> {
    let Some(path) = config_path() else {
        return Ok(Keymap::default());
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Keymap::default()),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let config: Config = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Keymap::with_overrides(&config.keys).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use crate::app::keymap::{Context, Key};

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
}
