//! A real cold start of the desk: the `slotdesk` binary spawned in a
//! 120×40 pseudo-terminal on a database, timed from the spawn until the
//! screen shows a line of the first frame (ratatui writes a frame in one
//! flush, so its last line arriving means the frame is on the screen).

use super::scale_db::Res;
use chrono::{DateTime, Utc};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// One cold start.
pub struct ColdStart {
    /// Spawn to the first frame on the screen.
    pub first_frame: Duration,
    /// The process's resident set then, in KiB.
    pub rss_kib: Option<u64>,
}

/// A line to wait for: the lowest line of `screen` (the in-process first
/// frame, one string per row) with some text and no digits (the clock and
/// counters may differ by the time the binary draws). `None` for a blank
/// screen.
pub fn marker_line(screen: &[String]) -> Option<String> {
    let text = |row: &String| row.trim().to_owned();
    screen
        .iter()
        .rev()
        .map(text)
        .find(|t| t.chars().count() >= 8 && !t.chars().any(|c| c.is_ascii_digit()))
        .or_else(|| screen.iter().rev().map(text).find(|t| !t.is_empty()))
}

/// Spawns `bin` on `db` at `now` (`$SLOTDESK_NOW`) and waits up to
/// `timeout` for `marker` to show; then quits it with `q` (killed if it
/// lingers).
pub fn cold_start(
    bin: &Path,
    db: &Path,
    now: DateTime<Utc>,
    marker: &str,
    timeout: Duration,
) -> Res<ColdStart> {
    let pair = native_pty_system().openpty(PtySize {
        rows: 40,
        cols: 120,
        pixel_width: 0,
        pixel_height: 0,
    })?;
    let mut cmd = CommandBuilder::new(bin);
    cmd.env("SLOTDESK_DB", db);
    cmd.env("SLOTDESK_NOW", now.to_rfc3339());
    cmd.env("SLOTDESK_CONFIG", db.with_extension("no-config.toml"));
    cmd.env("TERM", "xterm-256color");
    let mut reader = pair.master.try_clone_reader()?;
    let mut writer = pair.master.take_writer()?;
    let (tx, rx) = mpsc::channel::<(Vec<u8>, Instant)>();
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(cmd)?;
    drop(pair.slave);
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 64 * 1024];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send((buf[..n].to_vec(), Instant::now())).is_err() {
                break;
            }
        }
    });
    let mut parser = vt100::Parser::new(40, 120, 0);
    let mut seen = None;
    while seen.is_none() {
        let left = timeout.saturating_sub(started.elapsed());
        let Ok((bytes, at)) = rx.recv_timeout(left) else {
            break;
        };
        parser.process(&bytes);
        if parser.screen().contents().contains(marker) {
            seen = Some(at - started);
        }
    }
    let rss_kib = child.process_id().and_then(|pid| {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        status_kib(&status, "VmRSS:")
    });
    // Quit as a user would; kill what does not leave within a second.
    let _ = writer.write_all(b"q");
    let _ = writer.flush();
    let quit_by = Instant::now() + Duration::from_secs(1);
    while child.try_wait()?.is_none() {
        if Instant::now() > quit_by {
            child.kill()?;
            child.wait()?;
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    match seen {
        Some(first_frame) => Ok(ColdStart {
            first_frame,
            rss_kib,
        }),
        None => Err(format!(
            "no first frame showing {marker:?} within {timeout:?}; the screen was:\n{}",
            parser.screen().contents()
        )
        .into()),
    }
}

/// A `Vm…:` line of `/proc/<pid>/status`, in KiB.
pub fn status_kib(status: &str, key: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
