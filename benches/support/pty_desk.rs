//! The real `slotdesk` binary in a 120×40 pseudo-terminal, driven key by
//! key: every chunk the desk writes is timestamped as it is read, fed to a
//! `vt100` screen and sorted into the status bar clock's once-a-second
//! update or anything else. A key is timed from its write to the last byte
//! of the frame that shows its effect: the screen shows the expected change
//! and the output then stays quiet for [`QUIET`].

use super::scale_db::Res;
use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

pub const ROWS: u16 = 40;
pub const COLS: u16 = 120;
/// Output silent this long after the expected change: the frame is done.
pub const QUIET: Duration = Duration::from_millis(30);
/// A key with no visible effect within this long changed nothing.
const NO_CHANGE: Duration = Duration::from_millis(400);
/// A key whose frame is still incomplete after this long fails the run.
const STUCK: Duration = Duration::from_secs(10);

/// Keys as a terminal sends them.
pub const PAGE_DOWN: &str = "\x1b[6~";
pub const PAGE_UP: &str = "\x1b[5~";
pub const TAB: &str = "\t";
pub const ENTER: &str = "\r";
pub const CTRL_U: &str = "\x15";

/// One read from the terminal.
struct Chunk {
    bytes: Vec<u8>,
    at: Instant,
}

/// What the desk wrote over a stretch of time.
#[derive(Default, Debug, Clone, Copy)]
pub struct Output {
    pub bytes: usize,
    pub chunks: usize,
    /// Chunks that changed nothing but the times in the status bar.
    pub clock_chunks: usize,
    pub clock_bytes: usize,
    /// Chunks that changed nothing on screen at all.
    pub empty_chunks: usize,
    /// The largest chunk.
    pub largest: usize,
}

/// What a chunk changed on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    /// Only times (`hh:mm`) in the status bar: the clock's update.
    Clock,
    /// Nothing visible.
    Nothing,
    /// Anything else.
    Content,
}

/// Whether a frame shows a key's effect: the screen's rows before the key
/// and now.
pub type Check = dyn Fn(&[String], &[String]) -> bool;

/// A key's outcome.
pub enum Timed {
    /// Key write → last byte of its frame (and → its first byte), the
    /// frame's bytes and writes.
    Frame {
        took: Duration,
        first: Duration,
        bytes: usize,
        writes: usize,
    },
    /// Nothing on screen changed (a cursor at its edge).
    NoChange,
}

/// A running desk in a pseudo-terminal.
pub struct PtyDesk {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    chunks: Receiver<Chunk>,
    parser: vt100::Parser,
    /// When the last clock-only update arrived.
    pub last_clock: Option<Instant>,
    pub spawned: Instant,
}

impl PtyDesk {
    /// Spawns `bin` on `db` with `envs` (the clock, the data folder, the
    /// config file) and nothing of the caller's `SLOTDESK_*` sign-in.
    pub fn spawn(bin: &Path, db: &Path, envs: &[(&str, &std::ffi::OsStr)]) -> Res<Self> {
        let pair = native_pty_system().openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })?;
        let mut cmd = CommandBuilder::new(bin);
        cmd.env_remove("SLOTDESK_STAFF");
        cmd.env_remove("SLOTDESK_PIN");
        cmd.env("SLOTDESK_DB", db);
        cmd.env("TERM", "xterm-256color");
        for (key, value) in envs {
            cmd.env(key, value);
        }
        let mut reader = pair.master.try_clone_reader()?;
        let writer = pair.master.take_writer()?;
        let (tx, chunks) = mpsc::channel();
        let spawned = Instant::now();
        let child = pair.slave.spawn_command(cmd)?;
        drop(pair.slave);
        // The master stays open as long as the reader's clone does.
        let master = pair.master;
        std::thread::spawn(move || {
            let _master = master;
            let mut buf = vec![0u8; 64 * 1024];
            while let Ok(n) = reader.read(&mut buf) {
                let chunk = Chunk {
                    bytes: buf[..n].to_vec(),
                    at: Instant::now(),
                };
                if n == 0 || tx.send(chunk).is_err() {
                    break;
                }
            }
        });
        Ok(Self {
            child,
            writer,
            chunks,
            parser: vt100::Parser::new(ROWS, COLS, 0),
            last_clock: None,
            spawned,
        })
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// The screen as text.
    pub fn text(&self) -> String {
        self.parser.screen().contents()
    }

    /// The screen's rows, [`ROWS`] of them.
    pub fn rows(&self) -> Vec<String> {
        self.parser.screen().rows(0, COLS).collect()
    }

    /// Everything on screen but the status bar's `hh:mm:ss` (its text is
    /// kept with the digits of times masked, its colours are not).
    fn signature(&self) -> Vec<u8> {
        let screen = self.parser.screen();
        let status = ROWS - 2;
        let mut sig = Vec::new();
        for (row, formatted) in screen.rows_formatted(0, COLS).enumerate() {
            if row == usize::from(status) {
                continue;
            }
            sig.extend_from_slice(&formatted);
            sig.push(b'\n');
        }
        let line = screen
            .rows(0, COLS)
            .nth(usize::from(status))
            .unwrap_or_default();
        sig.extend(mask_times(&line).bytes());
        sig
    }

    /// Takes one chunk (waiting up to `timeout`): when it came, its size and
    /// what it changed; `None` on a timeout. Errors: the desk closed the
    /// terminal.
    fn pump(&mut self, timeout: Duration) -> Res<Option<(Instant, usize, Change)>> {
        let chunk = match self.chunks.recv_timeout(timeout) {
            Ok(c) => c,
            Err(RecvTimeoutError::Timeout) => return Ok(None),
            Err(RecvTimeoutError::Disconnected) => {
                return Err(
                    format!("the desk closed the terminal; screen:\n{}", self.text()).into(),
                );
            }
        };
        let before = (self.signature(), self.parser.screen().contents_formatted());
        self.parser.process(&chunk.bytes);
        let change = if self.signature() != before.0 {
            Change::Content
        } else if self.parser.screen().contents_formatted() != before.1 {
            self.last_clock = Some(chunk.at);
            Change::Clock
        } else {
            Change::Nothing
        };
        Ok(Some((chunk.at, chunk.bytes.len(), change)))
    }

    /// Reads until `check(screen text)` holds; fails after `timeout` with
    /// the screen.
    pub fn wait_for(
        &mut self,
        what: &str,
        timeout: Duration,
        check: impl Fn(&str) -> bool,
    ) -> Res<()> {
        let deadline = Instant::now() + timeout;
        while !check(&self.text()) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(
                    format!("no {what} within {timeout:?}; screen:\n{}", self.text()).into(),
                );
            }
            self.pump(left.min(Duration::from_millis(50)))?;
        }
        Ok(())
    }

    /// Reads until nothing arrives for `quiet`.
    pub fn drain(&mut self, quiet: Duration) -> Res<()> {
        while self.pump(quiet)?.is_some() {}
        Ok(())
    }

    /// Reads for `span` with no keys: what the desk wrote.
    pub fn idle(&mut self, span: Duration) -> Res<Output> {
        let until = Instant::now() + span;
        let mut out = Output::default();
        loop {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok(out);
            }
            if let Some((_, bytes, change)) = self.pump(left)? {
                out.bytes += bytes;
                out.chunks += 1;
                out.largest = out.largest.max(bytes);
                match change {
                    Change::Clock => {
                        out.clock_chunks += 1;
                        out.clock_bytes += bytes;
                    }
                    Change::Nothing => out.empty_chunks += 1,
                    Change::Content => {}
                }
            }
        }
    }

    /// Waits (up to 1.5 s) for the clock's next update when the last one
    /// is old enough that the next would fall inside a key's frame.
    fn dodge_clock(&mut self) -> Res<()> {
        let due = self
            .last_clock
            .is_none_or(|at| at.elapsed() > Duration::from_millis(750));
        if !due {
            return Ok(());
        }
        let seen = self.last_clock;
        let until = Instant::now() + Duration::from_millis(1500);
        while self.last_clock == seen && Instant::now() < until {
            self.pump(until.saturating_duration_since(Instant::now()))?;
        }
        Ok(())
    }

    /// Writes `key` and times it to the last byte of the frame in which
    /// `done(before, after)` (the screen's rows) holds, or to any change of the
    /// screen when `done` is `None`; clock-only updates are not part of a
    /// frame.
    pub fn time_key(&mut self, key: &str, done: Option<&Check>) -> Res<Timed> {
        self.drain(Duration::from_millis(5))?;
        self.dodge_clock()?;
        let before_rows = self.rows();
        let before_sig = self.signature();
        self.writer.write_all(key.as_bytes())?;
        self.writer.flush()?;
        let sent = Instant::now();
        let mut first = None;
        let mut last = None;
        let mut bytes = 0;
        let mut writes = 0;
        let mut shown = false;
        loop {
            let wait = if shown {
                QUIET
            } else {
                Duration::from_millis(20)
            };
            match self.pump(wait)? {
                Some((at, n, change)) => {
                    if change != Change::Clock {
                        first = first.or(Some(at));
                        last = Some(at);
                        bytes += n;
                        writes += 1;
                    }
                    if !shown {
                        shown = match done {
                            Some(check) => check(&before_rows, &self.rows()),
                            None => self.signature() != before_sig,
                        };
                    }
                }
                None if shown => {
                    let since =
                        |at: Option<Instant>| at.unwrap_or(sent).saturating_duration_since(sent);
                    return Ok(Timed::Frame {
                        took: since(last),
                        first: since(first),
                        bytes,
                        writes,
                    });
                }
                None if done.is_none() && sent.elapsed() > NO_CHANGE => return Ok(Timed::NoChange),
                None if sent.elapsed() > STUCK => {
                    return Err(format!(
                        "key {key:?}: frame not complete after {STUCK:?}; screen:\n{}",
                        self.text()
                    )
                    .into());
                }
                None => {}
            }
        }
    }

    /// Types `keys` and reads until `check` holds and the output is quiet
    /// (setting up, not timed).
    pub fn setup(&mut self, keys: &str, what: &str, check: impl Fn(&str) -> bool) -> Res<()> {
        self.writer.write_all(keys.as_bytes())?;
        self.writer.flush()?;
        self.wait_for(what, STUCK, check)?;
        self.drain(QUIET)
    }

    /// The process's CPU time so far (user + system), from `/proc`.
    pub fn cpu_time(&self) -> Option<Duration> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid()?)).ok()?;
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        let ticks: u64 =
            fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        // USER_HZ is 100 on every Linux that matters here.
        Some(Duration::from_millis(ticks * 10))
    }

    /// A `Vm…:` line of the process's `/proc/<pid>/status`, in KiB.
    pub fn status_kib(&self, key: &str) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()?)).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    }

    /// Quits with `q`; kills a desk that lingers.
    pub fn quit(mut self) -> Res<()> {
        let _ = self.writer.write_all(b"q");
        let _ = self.writer.flush();
        let by = Instant::now() + Duration::from_secs(5);
        while self.child.try_wait()?.is_none() {
            if Instant::now() > by {
                self.child.kill()?;
                self.child.wait()?;
                return Err("the desk did not quit on q within 5 s".into());
            }
            let _ = self.pump(Duration::from_millis(20));
        }
        Ok(())
    }
}

impl Drop for PtyDesk {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// `text` with every `dd:dd` time's digits replaced by `#`.
fn mask_times(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = chars.clone();
    for i in 0..chars.len().saturating_sub(4) {
        let w = &chars[i..i + 5];
        if w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && w[2] == ':'
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
        {
            for j in [i, i + 1, i + 3, i + 4] {
                out[j] = '#';
            }
        }
    }
    out.into_iter().collect()
}

/// The number after `prefix` on `screen` (`page 3 of 9` → 3 for `page `).
pub fn number_after(screen: &str, prefix: &str) -> Option<u64> {
    let rest = &screen[screen.find(prefix)? + prefix.len()..];
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}
