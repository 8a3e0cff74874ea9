//! One attempt to give one event to one hook: the command (run by `sh -c`,
//! the JSON on stdin, `SLOTDESK_EVENT_ID` and `SLOTDESK_EVENT_KIND` in its
//! environment; exit 0 within the timeout = delivered) or the URL (POST of
//! the JSON with its signature and `Idempotency-Key`; a 2xx answer within
//! the timeout = delivered). The error is in words for the status bar.

use super::config::Hooks;
use super::signature;
use crate::domain::outbox::Target;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One event as sent: its id (the idempotency key), kind and JSON body.
#[derive(Debug, Clone, Copy)]
pub struct Outgoing<'a> {
    pub id: i64,
    pub kind: &'a str,
    pub body: &'a str,
}

/// Gives `event` to `target` of `hooks` once.
/// Errors: why it was not delivered, in words (`exited with status 3:
/// …`, `timed out after 10 s`, `http://… answered 503 Service
/// Unavailable`, `cannot reach http://…: …`); a target not configured is
/// an error too.
pub fn send(hooks: &Hooks, target: Target, event: Outgoing<'_>) -> Result<(), String> {
    match target {
        Target::Command => match &hooks.command {
            Some(command) => run_command(command, event, hooks.timeout),
            None => Err("no [hooks] command is configured".to_owned()),
        },
        Target::Url => match &hooks.url {
            Some(url) => post(url, &hooks.secret, event, hooks.timeout),
            None => Err("no [hooks] url is configured".to_owned()),
        },
    }
}

/// The first line of what a failed hook said, cut to a status bar's width.
fn first_words(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty());
    line.map(|l| {
        let cut: String = l.chars().filter(|c| !c.is_control()).take(200).collect();
        format!(": {cut}")
    })
    .unwrap_or_default()
}

fn run_command(command: &str, event: Outgoing<'_>, timeout: Duration) -> Result<(), String> {
    let mut shell = Command::new("sh");
    shell
        .arg("-c")
        .arg(command)
        .env("SLOTDESK_EVENT_ID", event.id.to_string())
        .env("SLOTDESK_EVENT_KIND", event.kind)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // A group of its own, so a timeout ends everything the hook started.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut shell, 0);
    let mut child = shell.spawn().map_err(|e| format!("cannot run: {e}"))?;
    // Written and read on threads: a hook that reads nothing or writes a
    // lot to stderr must not block this one.
    if let Some(mut stdin) = child.stdin.take() {
        let body = event.body.as_bytes().to_vec();
        std::thread::spawn(move || {
            let _ = stdin.write_all(&body);
        });
    }
    // What it says on stderr comes by a channel: something the hook left
    // running in the background may hold the pipe open for long after.
    let (said_tx, said_rx) = std::sync::mpsc::channel();
    if let Some(mut stderr) = child.stderr.take() {
        std::thread::spawn(move || {
            let mut said = Vec::new();
            let _ = stderr.by_ref().take(64 * 1024).read_to_end(&mut said);
            let _ = said_tx.send(String::from_utf8_lossy(&said).into_owned());
            // Drain the rest so the hook never blocks on a full pipe.
            let _ = std::io::copy(&mut stderr, &mut std::io::sink());
        });
    }
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= timeout => {
                end_group(child.id());
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("timed out after {} s", timeout.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("cannot wait for it: {e}")),
        }
    };
    if status.success() {
        return Ok(());
    }
    let said = said_rx
        .recv_timeout(Duration::from_millis(500))
        .unwrap_or_default();
    let how = status.code().map_or_else(
        || "was ended by a signal".to_owned(),
        |code| format!("exited with status {code}"),
    );
    Err(format!("{how}{}", first_words(&said)))
}

/// Ends the process group `id` leads (the hook and whatever it started),
/// by `kill`, as std has no call for a group.
fn end_group(id: u32) {
    #[cfg(unix)]
    {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{id}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    #[cfg(not(unix))]
    let _ = id;
}

fn post(url: &str, secret: &str, event: Outgoing<'_>, timeout: Duration) -> Result<(), String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .user_agent(concat!("slotdesk/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let answer = agent
        .post(url)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", event.id.to_string())
        .header("X-Slotdesk-Event", event.kind)
        .header(
            signature::HEADER,
            signature::sign(secret, event.body.as_bytes()),
        )
        .send(event.body)
        .map_err(|e| format!("cannot reach {url}: {e}"))?;
    let status = answer.status();
    if status.is_success() {
        return Ok(());
    }
    let reason = status.canonical_reason().unwrap_or_default();
    Err(format!("{url} answered {} {reason}", status.as_u16())
        .trim_end()
        .to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hooks(command: &str, seconds: u64) -> Hooks {
        Hooks {
            command: Some(command.to_owned()),
            timeout: Duration::from_secs(seconds),
            ..Hooks::default()
        }
    }

    fn run(command: &str, body: &str) -> Result<(), String> {
        let event = Outgoing {
            id: 7,
            kind: "booking.created",
            body,
        };
        send(&hooks(command, 2), Target::Command, event)
    }

    #[test]
    fn exit_zero_delivers_and_anything_else_says_why() {
        assert_eq!(
            run("test \"$SLOTDESK_EVENT_ID\" = 7 && cat > /dev/null", "{}"),
            Ok(())
        );
        assert_eq!(
            run("echo 'gateway:\u{7} busy' >&2; echo more >&2; exit 3", "{}"),
            Err("exited with status 3: gateway: busy".to_owned())
        );
        assert_eq!(
            run("kill -9 $$", "{}"),
            Err("was ended by a signal".to_owned())
        );
        // A hook that reads nothing of a large body is not blocked by it.
        assert_eq!(run("exit 0", &"x".repeat(1 << 20)), Ok(()));
        let none = send(
            &Hooks::default(),
            Target::Url,
            Outgoing {
                id: 1,
                kind: "k",
                body: "",
            },
        );
        assert!(none.unwrap_err().contains("no [hooks] url"));
    }

    #[test]
    fn a_hook_past_its_timeout_is_ended_with_what_it_started() {
        let err = send(
            &hooks("sleep 30 & sleep 30", 1),
            Target::Command,
            Outgoing {
                id: 1,
                kind: "k",
                body: "{}",
            },
        );
        assert_eq!(err, Err("timed out after 1 s".to_owned()));
        // Left running in the background with stderr open: not waited for.
        assert_eq!(
            run("(sleep 3 >&2 &); exit 4", "{}"),
            Err("exited with status 4".to_owned())
        );
    }

    #[test]
    fn a_url_that_refuses_is_an_error_in_words() {
        let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = free.local_addr().unwrap();
        drop(free);
        let url = format!("http://{addr}/in");
        let hooks = Hooks {
            url: Some(url.clone()),
            secret: "s".into(),
            timeout: Duration::from_secs(2),
            ..Hooks::default()
        };
        let err = send(
            &hooks,
            Target::Url,
            Outgoing {
                id: 1,
                kind: "k",
                body: "{}",
            },
        );
        assert!(
            err.unwrap_err()
                .starts_with(&format!("cannot reach {url}: "))
        );
    }
}
