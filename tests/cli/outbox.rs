//! The outbox end to end: the real binary delivering every event to a hook
//! script (`tests/fixtures/hooks/append_stdin.sh`) and to a signed HTTP
//! receiver on 127.0.0.1, a failing hook retried after its backoff, and a
//! deliverer killed (`kill -9`) mid-delivery losing nothing.
#![allow(clippy::unwrap_used)]

use crate::commands::Desk;
use crate::support::{CLI_NOW, slotdesk_at};
use serde_json::Value;
use slotdesk::hooks::signature;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const SECRET: &str = "test secret: not for production";

/// A desk with a config file of its own and the hook's output file.
struct Outbox {
    desk: Desk,
    dir: tempfile::TempDir,
}

impl Outbox {
    /// The test studio with Ada and Grace booked (several events to deliver)
    /// and `hooks` as the config's `[hooks]` table.
    fn new(hooks: &str) -> Self {
        let desk = Desk::new();
        desk.book_ada(&[]);
        book(&desk, "Grace", "Hopper");
        let outbox = Self {
            desk,
            dir: tempfile::tempdir().unwrap(),
        };
        outbox.configure(hooks);
        outbox
    }

    fn configure(&self, hooks: &str) {
        std::fs::write(self.config(), format!("[hooks]\n{hooks}\n")).unwrap();
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("delivered.jsonl")
    }

    /// `slotdesk ARGS` at `now` with this config and the hook's variables.
    fn command(&self, now: &str, args: &[&str]) -> Command {
        let mut cmd = slotdesk_at(&self.desk.db, now);
        cmd.args(args)
            .env("SLOTDESK_CONFIG", self.config())
            .env("HOOK_OUT", self.out())
            .env_remove("HOOK_FAIL")
            .env_remove("HOOK_HANG");
        cmd
    }

    fn ok(&self, now: &str, args: &[&str]) -> String {
        ok(self.command(now, args).output().unwrap(), args)
    }

    /// Every stored event's id.
    fn event_ids(&self) -> BTreeSet<i64> {
        self.desk
            .ok(&["events", "--json", "--limit", "100000"])
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["id"]
                    .as_i64()
                    .unwrap()
            })
            .collect()
    }

    /// What the hook script received, one JSON object a line.
    fn received(&self) -> Vec<Value> {
        std::fs::read_to_string(self.out())
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

/// Books `first last` on the pilates class Ada is in.
fn book(desk: &Desk, first: &str, last: &str) {
    let email = format!("{}@example.com", first.to_lowercase());
    desk.json(&[
        "book",
        "22@2026-11-23",
        "--first-name",
        first,
        "--last-name",
        last,
        "--email",
        &email,
    ]);
}

fn ok(out: Output, args: &[&str]) -> String {
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn hook_command() -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hooks/append_stdin.sh");
    format!("command = \"sh '{}'\"", script.display())
}

/// `CLI_NOW` plus `seconds`.
fn later(seconds: i64) -> String {
    let start = chrono::DateTime::parse_from_rfc3339(CLI_NOW).unwrap();
    (start + chrono::Duration::seconds(seconds)).to_rfc3339()
}

fn ids(events: &[Value]) -> BTreeSet<i64> {
    events.iter().map(|e| e["id"].as_i64().unwrap()).collect()
}

#[test]
fn a_hook_command_gets_every_event_as_json_on_stdin_once() {
    let outbox = Outbox::new(&hook_command());
    let all = outbox.event_ids();
    let waiting = outbox.ok(CLI_NOW, &["outbox"]);
    assert!(
        waiting.starts_with(&format!("{} event(s) waiting", all.len())),
        "{waiting}"
    );
    let said = outbox.ok(CLI_NOW, &["outbox", "deliver"]);
    assert!(
        said.starts_with(&format!(
            "{} delivered, 0 failed; 0 event(s) waiting",
            all.len()
        )),
        "{said}"
    );
    let got = outbox.received();
    assert_eq!(got.len(), all.len(), "each once");
    assert_eq!(ids(&got), all);
    let booked = got.iter().find(|e| e["kind"] == "booking.created").unwrap();
    assert_eq!(booked["subject"], "booking");
    assert_eq!(booked["origin"], "cli");
    assert_eq!(booked["payload"]["customer"]["first_name"], "Ada");
    assert_eq!(booked["payload"]["id"], booked["booking_id"]);
    assert!(booked["at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        outbox.ok(CLI_NOW, &["outbox"]),
        "outbox empty: every event delivered\n"
    );
    assert!(
        outbox
            .ok(CLI_NOW, &["outbox", "deliver"])
            .starts_with("0 delivered, 0 failed")
    );
    // A new event is queued and delivered by the next pass.
    book(&outbox.desk, "Alan", "Turing");
    outbox.ok(CLI_NOW, &["outbox", "deliver"]);
    assert_eq!(ids(&outbox.received()), outbox.event_ids());
}

#[test]
fn a_failing_hook_is_shown_retried_after_its_backoff_and_delivered_once_it_works() {
    let outbox = Outbox::new(&hook_command());
    let all = outbox.event_ids();
    let failed = ok(
        outbox
            .command(CLI_NOW, &["outbox", "deliver"])
            .env("HOOK_FAIL", "no signal")
            .output()
            .unwrap(),
        &["outbox", "deliver"],
    );
    assert!(failed.starts_with("0 delivered, 1 failed"), "{failed}");
    assert!(
        failed.contains("last error: command: exited with status 3: gateway said no: no signal"),
        "{failed}"
    );
    let listed: Value = serde_json::from_str(&outbox.ok(CLI_NOW, &["outbox", "--json"])).unwrap();
    let first = &listed[0];
    assert_eq!(first["target"], "command");
    assert_eq!(first["attempts"], 1);
    assert_eq!(first["next_attempt_at"], "2026-11-21T10:00:30Z");
    assert_eq!(listed.as_array().unwrap().len(), all.len());
    let text = outbox.ok(CLI_NOW, &["outbox"]);
    assert!(text.contains("1 delivery(ies) failing"), "{text}");
    assert!(text.contains("gateway said no"), "{text}");
    assert!(text.contains("Sat 21 Nov 10:00:30"), "{text}");
    // The hook works again, but its backoff has not run out: nothing is sent.
    let resting = outbox.ok(&later(10), &["outbox", "deliver"]);
    assert!(resting.starts_with("0 delivered, 0 failed"), "{resting}");
    assert!(outbox.received().is_empty());
    let done = outbox.ok(&later(30), &["outbox", "deliver"]);
    assert!(
        done.starts_with(&format!("{} delivered", all.len())),
        "{done}"
    );
    assert_eq!(ids(&outbox.received()), all);
    assert_eq!(outbox.received().len(), all.len());
}

#[test]
fn retry_makes_a_failed_delivery_due_now() {
    let outbox = Outbox::new(&hook_command());
    let mut failing = outbox.command(CLI_NOW, &["outbox", "deliver"]);
    ok(failing.env("HOOK_FAIL", "x").output().unwrap(), &[]);
    let first = *outbox.event_ids().first().unwrap();
    let unknown = outbox
        .command(CLI_NOW, &["outbox", "retry", "999999"])
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("event not found"));
    let said = outbox.ok(CLI_NOW, &["outbox", "retry", &first.to_string()]);
    assert_eq!(said, format!("event {first}: 1 delivery due now\n"));
    let all = outbox.ok(CLI_NOW, &["outbox", "retry"]);
    assert!(
        all.starts_with("every waiting delivery is due now ("),
        "{all}"
    );
    assert!(
        outbox
            .ok(CLI_NOW, &["outbox", "deliver"])
            .contains("0 failed")
    );
    assert_eq!(ids(&outbox.received()), outbox.event_ids());
}

#[test]
fn a_bad_hooks_table_is_refused_naming_the_config_file() {
    let outbox = Outbox::new("url = \"ftp://example.org\"\nsecret = \"s\"");
    for args in [&["outbox"][..], &["outbox", "deliver"]] {
        let out = outbox.command(CLI_NOW, args).output().unwrap();
        assert_eq!(out.status.code(), Some(5));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(outbox.config().to_str().unwrap()), "{err}");
        assert!(err.contains("not an http:// or https:// address"), "{err}");
    }
    outbox.configure("");
    let out = outbox
        .command(CLI_NOW, &["outbox", "deliver"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no [hooks] command or url"));
    let said = outbox.ok(CLI_NOW, &["outbox"]);
    assert!(
        said.contains("event(s) waiting in the outbox; no [hooks]"),
        "{said}"
    );
}

/// What the receiver saw of one POST.
#[derive(Debug, Clone)]
struct Seen {
    idempotency_key: String,
    event: Value,
    signed: bool,
}

/// A webhook receiver on 127.0.0.1 that answers 200 to every POST, checks
/// its signature and keeps what it saw; it stops when dropped (or after a
/// minute, whatever happens).
struct Receiver {
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
}

impl Receiver {
    fn listen(addr: SocketAddr) -> Self {
        let listener = TcpListener::bind(addr).unwrap();
        listener.set_nonblocking(true).unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (kept, stopped) = (seen.clone(), stop.clone());
        std::thread::spawn(move || {
            let until = Instant::now() + Duration::from_mins(1);
            while !stopped.load(Ordering::Relaxed) && Instant::now() < until {
                match listener.accept() {
                    Ok((stream, _)) => {
                        if let Some(s) = answer(stream) {
                            kept.lock().unwrap().push(s);
                        }
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        Self { seen, stop }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Reads one request (headers, then a `Content-Length` body) and answers it.
fn answer(stream: std::net::TcpStream) -> Option<Seen> {
    stream.set_nonblocking(false).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end().to_owned();
        if line.is_empty() {
            break;
        }
        headers.push(line);
    }
    let header = |name: &str| {
        headers.iter().find_map(|h| {
            let (k, v) = h.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
    };
    assert!(headers[0].starts_with("POST "), "{headers:?}");
    let length: usize = header("Content-Length")?.parse().ok()?;
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let signed = signature::verify(SECRET, &body, &header(signature::HEADER)?);
    let mut out = stream;
    out.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        .ok()?;
    Some(Seen {
        idempotency_key: header("Idempotency-Key")?,
        event: serde_json::from_slice(&body).ok()?,
        signed,
    })
}

#[test]
fn a_url_down_is_retried_with_backoff_and_then_gets_every_event_signed() {
    // A port with nothing listening: the network is "off".
    let addr = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let outbox = Outbox::new(&format!(
        "url = \"http://{addr}/hooks\"\nsecret = \"{SECRET}\"\ntimeout_seconds = 5"
    ));
    let all = outbox.event_ids();
    let off = outbox.ok(CLI_NOW, &["outbox", "deliver"]);
    assert!(off.starts_with("0 delivered, 1 failed"), "{off}");
    assert!(
        off.contains(&format!("url: cannot reach http://{addr}/hooks")),
        "{off}"
    );
    let receiver = Receiver::listen(addr);
    // Listening now, but the URL rests for its backoff first.
    assert!(
        outbox
            .ok(&later(29), &["outbox", "deliver"])
            .starts_with("0 delivered, 0 failed")
    );
    let on = outbox.ok(&later(30), &["outbox", "deliver"]);
    assert!(
        on.starts_with(&format!("{} delivered, 0 failed", all.len())),
        "{on}"
    );
    let seen = receiver.seen();
    assert_eq!(seen.len(), all.len());
    for s in &seen {
        assert!(s.signed, "{s:?}");
        assert_eq!(s.idempotency_key, s.event["id"].to_string());
    }
    let got: Vec<Value> = seen.into_iter().map(|s| s.event).collect();
    assert_eq!(ids(&got), all);
}

#[test]
fn a_deliverer_killed_mid_hook_loses_no_event() {
    let outbox = Outbox::new(&hook_command());
    let all = outbox.event_ids();
    let hang_at = *all.iter().nth(2).unwrap();
    let hang = outbox.dir.path().join("hang");
    std::fs::write(&hang, "").unwrap();
    let mut deliverer = outbox
        .command(CLI_NOW, &["outbox", "deliver"])
        .env("HOOK_HANG", &hang)
        .env("HOOK_HANG_AT", hang_at.to_string())
        .spawn()
        .unwrap();
    // The hook has written the third event and hangs: kill -9 its deliverer.
    let until = Instant::now() + Duration::from_mins(1);
    while !ids(&outbox.received()).contains(&hang_at) {
        assert!(Instant::now() < until, "the hook never got event {hang_at}");
        std::thread::sleep(Duration::from_millis(20));
    }
    deliverer.kill().unwrap();
    deliverer.wait().unwrap();
    std::fs::remove_file(&hang).unwrap();
    // Its lease keeps the event off the next pass for a while…
    let listed = outbox.ok(CLI_NOW, &["outbox"]);
    assert!(listed.contains("being delivered"), "{listed}");
    outbox.ok(CLI_NOW, &["outbox", "deliver"]);
    let waiting: Value = serde_json::from_str(&outbox.ok(CLI_NOW, &["outbox", "--json"])).unwrap();
    assert_eq!(waiting[0]["event_id"], hang_at);
    // …and once it ends, the event is delivered again (at least once).
    outbox.ok(&later(3600), &["outbox", "deliver"]);
    assert_eq!(
        outbox.ok(CLI_NOW, &["outbox"]),
        "outbox empty: every event delivered\n"
    );
    let got = outbox.received();
    assert_eq!(ids(&got), all, "none is missing");
    let twice = got.iter().filter(|e| e["id"] == hang_at).count();
    assert_eq!(twice, 2, "the one being delivered when killed came again");
}

#[test]
fn two_deliverers_at_once_never_give_one_event_twice() {
    let outbox = Outbox::new("");
    book(&outbox.desk, "Alan", "Turing");
    let each = outbox.dir.path().join("each");
    std::fs::create_dir(&each).unwrap();
    // One file per delivery, named by event id and the hook's process.
    outbox.configure(&format!(
        "command = 'sleep 0.05; cat > \"{}/$SLOTDESK_EVENT_ID.$$\"'",
        each.display()
    ));
    let all = outbox.event_ids();
    let deliverers: Vec<_> = (0..2)
        .map(|_| {
            outbox
                .command(CLI_NOW, &["outbox", "deliver"])
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for d in deliverers {
        assert!(d.wait_with_output().unwrap().status.success());
    }
    let delivered: Vec<i64> = std::fs::read_dir(&each)
        .unwrap()
        .map(|f| {
            let name = f.unwrap().file_name().into_string().unwrap();
            name.split('.').next().unwrap().parse().unwrap()
        })
        .collect();
    assert_eq!(delivered.len(), all.len(), "each event once: {delivered:?}");
    assert_eq!(delivered.into_iter().collect::<BTreeSet<_>>(), all);
}
