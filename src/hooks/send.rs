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
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .env("SLOTDESK_EVENT_ID", event.id.to_string())
        .env("SLOTDESK_EVENT_KIND", event.kind)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run: {e}"))?;
    // Written and read on threads: a hook that reads nothing or writes a
    // lot to stderr must not block this one.
    let writer = child.stdin.take().map(|mut stdin| {
        let body = event.body.as_bytes().to_vec();
        std::thread::spawn(move || {
            let _ = stdin.write_all(&body);
        })
    });
    let reader = child.stderr.take().map(|mut stderr| {
        std::thread::spawn(move || {
            let mut said = Vec::new();
            let _ = stderr.by_ref().take(64 * 1024).read_to_end(&mut said);
            // Drain the rest so the hook never blocks on a full pipe.
            let _ = std::io::copy(&mut stderr, &mut std::io::sink());
            String::from_utf8_lossy(&said).into_owned()
        })
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("timed out after {} s", timeout.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("cannot wait for it: {e}")),
        }
    };
    if let Some(w) = writer {
        let _ = w.join();
    }
    let said = reader.and_then(|r| r.join().ok()).unwrap_or_default();
    if status.success() {
        return Ok(());
    }
    let how = status.code().map_or_else(
        || "was ended by a signal".to_owned(),
        |code| format!("exited with status {code}"),
    );
    Err(format!("{how}{}", first_words(&said)))
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
