//! `[hooks]` in the config file: where every event is delivered.
//!
//! ```toml
//! [hooks]
//! command = "/usr/local/bin/send-sms"   # the event's JSON on stdin; exit 0 = delivered
//! url = "https://example.org/slotdesk"  # POST of the JSON, signed with `secret`
//! secret = "a long random text"
//! timeout_seconds = 10                  # per attempt, either target (default 10)
//! ```

use crate::domain::outbox::Target;
use serde::Deserialize;
use std::time::Duration;

/// The file's `[hooks]` table as written.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HooksSpec {
    pub command: Option<String>,
    pub url: Option<String>,
    pub secret: Option<String>,
    pub timeout_seconds: Option<u64>,
}

/// The hooks to deliver to, checked: a command run by `sh -c`, a URL
/// (`http://` or `https://`) with the secret that signs its bodies, and the
/// time one attempt may take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hooks {
    pub command: Option<String>,
    pub url: Option<String>,
    pub secret: String,
    pub timeout: Duration,
}

/// The wait for one attempt when the file names none.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// The longest `timeout_seconds` taken.
pub const LONGEST_TIMEOUT_SECONDS: u64 = 600;

/// The longest command or URL taken (characters).
const LONGEST_SETTING: usize = 4_000;

impl Default for Hooks {
    fn default() -> Self {
        Self {
            command: None,
            url: None,
            secret: String::new(),
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

impl Hooks {
    /// The configured targets, in delivery order (none: nothing is
    /// delivered, and events wait in the outbox).
    pub fn targets(&self) -> Vec<Target> {
        Target::ALL
            .into_iter()
            .filter(|t| match t {
                Target::Command => self.command.is_some(),
                Target::Url => self.url.is_some(),
            })
            .collect()
    }

    /// Whether any target is configured.
    pub fn any(&self) -> bool {
        self.command.is_some() || self.url.is_some()
    }
}

fn setting(name: &str, value: Option<String>) -> Result<Option<String>, String> {
    let Some(value) = value else {
        return Ok(None);
    };
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(format!(
            "[hooks] {name} is empty: remove the line or give a {name}"
        ));
    }
    if trimmed.chars().count() > LONGEST_SETTING {
        return Err(format!(
            "[hooks] {name} is longer than {LONGEST_SETTING} characters"
        ));
    }
    if trimmed.chars().any(|c| c.is_control() && c != '\t') {
        return Err(format!(
            "[hooks] {name} holds a control character (a line break?): write it on one line"
        ));
    }
    Ok(Some(trimmed.to_owned()))
}

impl HooksSpec {
    /// Checks the table. Errors (one line, to be prefixed with the file's
    /// path): an empty, multi-line or huge command or URL; a URL that is not
    /// `http://` or `https://` with a host; a URL without a `secret`; a
    /// timeout of 0 or over [`LONGEST_TIMEOUT_SECONDS`].
    pub fn resolve(self) -> Result<Hooks, String> {
        let command = setting("command", self.command)?;
        let url = setting("url", self.url)?;
        if let Some(url) = &url {
            let rest = url
                .strip_prefix("https://")
                .or_else(|| url.strip_prefix("http://"));
            let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
            if host.is_none_or(str::is_empty) || url.contains(char::is_whitespace) {
                return Err(format!(
                    "[hooks] url `{url}` is not an http:// or https:// address"
                ));
            }
        }
        let secret = self.secret.unwrap_or_default();
        if url.is_some() && secret.trim().is_empty() {
            return Err(
                "[hooks] url needs a secret (secret = \"…\") to sign what it sends".to_owned(),
            );
        }
        let timeout = match self.timeout_seconds {
            None => DEFAULT_TIMEOUT,
            Some(s) if (1..=LONGEST_TIMEOUT_SECONDS).contains(&s) => Duration::from_secs(s),
            Some(s) => {
                return Err(format!(
                    "[hooks] timeout_seconds must be from 1 to {LONGEST_TIMEOUT_SECONDS}, not {s}"
                ));
            }
        };
        Ok(Hooks {
            command,
            url,
            secret,
            timeout,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hooks(text: &str) -> Result<Hooks, String> {
        #[derive(Deserialize)]
        struct File {
            hooks: HooksSpec,
        }
        toml::from_str::<File>(text)
            .map_err(|e| e.to_string())?
            .hooks
            .resolve()
    }

    #[test]
    fn a_command_and_a_signed_url_are_taken() {
        let h = hooks(
            "[hooks]\ncommand = \" ./hook.sh \"\nurl = \"http://127.0.0.1:9/in\"\nsecret = \"s\"\ntimeout_seconds = 3\n",
        )
        .unwrap();
        assert_eq!(h.command.as_deref(), Some("./hook.sh"));
        assert_eq!(h.targets(), [Target::Command, Target::Url]);
        assert_eq!(h.timeout, Duration::from_secs(3));
        assert!(!Hooks::default().any());
    }

    #[test]
    fn bad_hooks_are_refused_with_what_is_wrong() {
        let cases = [
            ("command = \"\"", "command is empty"),
            ("command = \"a\\nb\"", "control character"),
            ("url = \"ftp://x\"\nsecret = \"s\"", "not an http"),
            ("url = \"https://\"\nsecret = \"s\"", "not an http"),
            ("url = \"https://x y\"\nsecret = \"s\"", "not an http"),
            ("url = \"https://x\"", "needs a secret"),
            ("command = \"x\"\ntimeout_seconds = 0", "timeout_seconds"),
            (
                "command = \"x\"\ntimeout_seconds = 99999999999",
                "timeout_seconds",
            ),
            ("commands = \"x\"", "unknown field"),
        ];
        for (body, words) in cases {
            let err = hooks(&format!("[hooks]\n{body}\n")).unwrap_err();
            assert!(err.contains(words), "{body}: {err}");
        }
        let long = "x".repeat(5000);
        assert!(
            hooks(&format!("[hooks]\ncommand = \"{long}\"\n"))
                .unwrap_err()
                .contains("longer")
        );
    }
}
