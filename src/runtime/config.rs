//! The desk's config file, `~/.config/slotdesk/config.toml` (or
//! `$SLOTDESK_CONFIG`): key overrides by context and action name, the
//! theme, the outbox's hooks (`[hooks]`, also read by `slotdesk
//! outbox`), and the database to open (`[database] url`, read by every
//! command). Every setting has a default; no file is needed. A file that is
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
    /// `[database] url = "postgres://…"`: the database opened when neither
    /// `--db` nor `$SLOTDESK_DB` names one (read by [`database`]).
    #[serde(default)]
    pub database: DatabaseSpec,
}

/// The file's `[database]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSpec {
    /// A PostgreSQL server's database (`postgres://USER:PASSWORD@HOST/DB`)
    /// or a database file's path.
    pub url: Option<String>,
}

/// The longest `[database] url` taken, in bytes.
const LONGEST_URL: usize = 2048;

impl DatabaseSpec {
    /// The database it names, trimmed. Errors: empty, longer than
    /// [`LONGEST_URL`], or holding a control character (a line break).
    fn resolve(&self) -> Result<Option<PathBuf>, String> {
        let Some(url) = &self.url else {
            return Ok(None);
        };
        let url = url.trim();
        if url.is_empty() {
            return Err("[database] url is empty: remove the line or name a database".to_owned());
        }
        if url.len() > LONGEST_URL {
            return Err(format!(
                "[database] url is longer than {LONGEST_URL} characters"
            ));
        }
        if url.chars().any(char::is_control) {
            return Err(
                "[database] url holds a control character (a line break?): write it on one line"
                    .to_owned(),
            );
        }
        Ok(Some(PathBuf::from(url)))
    }
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

/// The tables of the file every command reads; the rest is the desk's.
#[derive(Debug, Default, Deserialize)]
struct CommandsPart {
    #[serde(default)]
    database: DatabaseSpec,
}

/// The database the config file names (`[database] url`), for a command
/// or the desk given no `--db` and no `$SLOTDESK_DB`; `None` without a file
/// or a url. Only that table is read, so a desk setting gone wrong never
/// stops a command. Beside it, a warning when the url holds a password and
/// others may read the file (the server's own `.pgpass` rule), for stderr
/// and the desk's status bar.
/// Errors: the file unreadable, not TOML, or its url refused (see
/// [`DatabaseSpec`]); each starting with the file's path.
pub fn database() -> Result<(Option<PathBuf>, Option<String>), String> {
    let (text, path) = read()?;
    let part: CommandsPart = toml::from_str(&text)
        .map_err(|e| format!("{}: {}", path.display(), without_passwords(&e.to_string())))?;
    let url = part
        .database
        .resolve()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let warning = url
        .as_ref()
        .filter(|url| names_a_password(&url.to_string_lossy()) && others_may_read(&path))
        .map(|_| {
            format!(
                "{} holds a database password and others may read it: chmod 600 it",
                path.display()
            )
        });
    Ok((url, warning))
}

/// `text` (a parser's message quoting the file) with the password of any
/// URL in it left out: on each line, what lies between a `scheme://USER:`
/// and the line's last `@`.
fn without_passwords(text: &str) -> String {
    text.lines()
        .map(|line| {
            let Some(start) = line.find("://").map(|i| i + 3) else {
                return line.to_owned();
            };
            let Some(at) = line.rfind('@').filter(|at| *at > start) else {
                return line.to_owned();
            };
            match line[start..at].find(':') {
                Some(colon) => format!("{}{}", &line[..start + colon], &line[at..]),
                None => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `url` is a server's URL with a password in it (what is shown of
/// it leaves one out).
fn names_a_password(url: &str) -> bool {
    let url = Path::new(url);
    crate::store::names_a_server(url) && crate::store::shown_db(url) != url
}

/// Whether anyone but the file's owner may read `path`.
fn others_may_read(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o044 != 0)
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
    let config: Config = toml::from_str(text)
        .map_err(|e| format!("{}: {}", path.display(), without_passwords(&e.to_string())))?;
    Ok(DeskConfig {
        keymap: Keymap::with_overrides(&config.keys).map_err(located)?,
        theme: config.theme.resolve(no_color).map_err(located)?,
        hooks: config.hooks.resolve().map_err(located)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_does_not_parse_is_quoted_without_the_urls_password() {
        let text = "[database]\nurl = \"postgres://desk:s3cr3t@localhost/slotdesk\n";
        let err = toml::from_str::<Config>(text).unwrap_err().to_string();
        assert!(err.contains("s3cr3t"), "the parser quotes the line: {err}");
        let told = without_passwords(&err);
        assert!(!told.contains("s3cr3t"), "{told}");
        assert!(
            told.contains("postgres://desk@localhost/slotdesk"),
            "{told}"
        );
        assert_eq!(without_passwords("no url here"), "no url here");
    }
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
