//! The end-to-end harness: the real `slotdesk` binary in a pseudo-terminal
//! (`TERM=xterm-256color`), its output read on a thread into a `vt100`
//! screen, keys typed as the bytes a terminal sends. Timeouts are generous
//! for a slow 2-core CI, and every timeout panics with the screen it saw.
//! `E2E_DUMP=1 cargo test --test e2e -- --nocapture` prints each
//! awaited screen.
#![allow(dead_code, clippy::unwrap_used, clippy::missing_panics_doc)]

use crate::binary::{no_config, slotdesk_at};
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::sleep;
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// How long a screen text or an exit may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(15);
/// How often the screen is looked at while waiting.
const POLL: Duration = Duration::from_millis(50);
/// The instant every scenario starts at: Monday 23 November 2026, 09:30 in
/// London (the desk's clock then runs at real speed).
pub const NOW: &str = "2026-11-23T09:30:00Z";

/// Keys as a terminal sends them.
pub const ENTER: &str = "\r";
pub const TAB: &str = "\t";
pub const BACKTAB: &str = "\x1b[Z";
pub const UP: &str = "\x1b[A";
pub const DOWN: &str = "\x1b[B";
pub const RIGHT: &str = "\x1b[C";
pub const LEFT: &str = "\x1b[D";
pub const CTRL_S: &str = "\x13";
/// Clears the focused form field.
pub const CTRL_U: &str = "\x15";

/// What the reader thread has seen.
struct Seen {
    parser: vt100::Parser,
    raw: Vec<u8>,
    eof: bool,
}

/// A running `slotdesk` in a pseudo-terminal. Dropping it hangs up on the
/// process (SIGHUP, then SIGKILL) if it is still running.
pub struct Tty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    _master: Box<dyn MasterPty + Send>,
    seen: Arc<Mutex<Seen>>,
    exit: Option<ExitStatus>,
}

impl Tty {
    /// Starts `slotdesk ARGS` in a `cols`×`rows` terminal with `envs` on top
    /// of a clean environment (no `SLOTDESK_DB`, `SLOTDESK_NOW`, ...).
    pub fn spawn(args: &[&str], envs: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        Self::spawn_program(env!("CARGO_BIN_EXE_slotdesk"), args, envs, cols, rows)
    }

    /// Like [`Tty::spawn`], running `program` (a shell that sets a limit
    /// and then runs the desk, say) instead of the binary itself.
    pub fn spawn_program(
        program: &str,
        args: &[&str],
        envs: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Self {
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system().openpty(size).unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        for key in [
            "SLOTDESK_DB",
            "SLOTDESK_NOW",
            "SLOTDESK_TEST_PANIC",
            "NO_COLOR",
        ] {
            cmd.env_remove(key);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("SLOTDESK_CONFIG", no_config());
        // The desk's daily backups go to the tests' own data folder.
        cmd.env("XDG_DATA_HOME", test_data_home());
        for (key, value) in envs {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let seen = Arc::new(Mutex::new(Seen {
            parser: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
            eof: false,
        }));
        let sink = Arc::clone(&seen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                let n = match reader.read(&mut buf) {
                    Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                    Ok(n) => n,
                    Err(_) => 0, // EIO once the process has closed the terminal
                };
                let mut seen = sink.lock().unwrap_or_else(PoisonError::into_inner);
                if n == 0 {
                    seen.eof = true;
                    return;
                }
                seen.parser.process(&buf[..n]);
                seen.raw.extend_from_slice(&buf[..n]);
            }
        });
        Self {
            child,
            writer,
            _master: pair.master,
            seen,
            exit: None,
        }
    }

    fn seen(&self) -> MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The screen as text, one line per row, trailing blanks trimmed.
    pub fn screen_text(&self) -> String {
        self.seen().parser.screen().contents()
    }

    /// How many cells of the screen have a colour of their own (text or
    /// background other than the terminal's default), and how many are
    /// bold, reversed or dim (`[coloured, bold, reversed, dim]`).
    pub fn cell_looks(&self) -> [usize; 4] {
        let seen = self.seen();
        let screen = seen.parser.screen();
        let (rows, cols) = screen.size();
        let mut out = [0; 4];
        for row in 0..rows {
            for col in 0..cols {
                let Some(cell) = screen.cell(row, col) else {
                    continue;
                };
                let flags = [
                    cell.fgcolor() != vt100::Color::Default
                        || cell.bgcolor() != vt100::Color::Default,
                    cell.bold(),
                    cell.inverse(),
                    cell.dim(),
                ];
                for (n, on) in out.iter_mut().zip(flags) {
                    *n += usize::from(on);
                }
            }
        }
        out
    }

    /// Every byte the process wrote so far.
    pub fn raw_output(&self) -> Vec<u8> {
        self.seen().raw.clone()
    }

    /// Panics saying what was awaited, with the screen as it is.
    pub fn fail(&self, what: &str) -> ! {
        panic!(
            "{what}\n──── screen ────\n{}\n────────────────",
            self.screen_text()
        )
    }

    /// Polls the screen until `check` holds or `timeout` passes.
    pub fn wait_until(&self, timeout: Duration, mut check: impl FnMut(&str) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if check(&self.screen_text()) {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            sleep(POLL);
        }
    }

    /// Whether `text` shows on the screen within `timeout`.
    pub fn wait_for_text(&self, text: &str, timeout: Duration) -> bool {
        self.wait_until(timeout, |screen| screen.contains(text))
    }

    /// Waits up to [`WAIT`] for `text`, failing with the screen otherwise.
    /// With `E2E_DUMP` set, prints the screen once the text shows.
    pub fn expect_text(&self, text: &str) {
        if !self.wait_for_text(text, WAIT) {
            self.fail(&format!("timed out after {WAIT:?} waiting for {text:?}"));
        }
        if std::env::var_os("E2E_DUMP").is_some() {
            eprintln!("──── saw {text:?} ────\n{}", self.screen_text());
        }
    }

    /// Types `keys`: characters, or the constants above.
    pub fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Goes to `day` (`YYYY-MM-DD`) with `g` and waits for `expect` on
    /// the board.
    pub fn go_to_day(&mut self, day: &str, expect: &str) {
        self.press("g");
        self.expect_text("Go to date");
        self.press(CTRL_U);
        self.press(day);
        self.press(ENTER);
        self.expect_text(expect);
    }

    /// Presses Esc alone. The short pause is the one fixed sleep here: it
    /// keeps crossterm from reading Esc and the next key as Alt+key.
    pub fn press_esc(&mut self) {
        self.press("\x1b");
        sleep(Duration::from_millis(200));
    }

    /// The operating system's id of the process.
    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    /// Sends SIGTERM (with the system's `kill`, no `libc`).
    pub fn terminate(&self) {
        let pid = self.pid().to_string();
        let ok = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(ok.success(), "kill -TERM {pid} failed");
    }

    /// Waits for the process to exit, then for the reader to take in all it
    /// wrote; `None` if it is still running after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        while self.exit.is_none() {
            self.exit = self.child.try_wait().unwrap();
            if self.exit.is_none() {
                if Instant::now() >= deadline {
                    return None;
                }
                sleep(POLL);
            }
        }
        let drained = Instant::now() + Duration::from_secs(5);
        while !self.seen().eof && Instant::now() < drained {
            sleep(POLL);
        }
        self.exit.clone()
    }

    /// Like [`Tty::wait_exit`] with [`WAIT`], failing with the screen.
    pub fn expect_exit(&mut self) -> ExitStatus {
        match self.wait_exit(WAIT) {
            Some(status) => status,
            None => self.fail(&format!("still running after {WAIT:?}")),
        }
    }
}

impl Drop for Tty {
    fn drop(&mut self) {
        if self.exit.is_some() || matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        let _ = self.child.kill(); // SIGHUP
        if self.wait_exit(Duration::from_secs(3)).is_none() {
            let pid = self.pid().to_string();
            let _ = Command::new("kill").args(["-KILL", &pid]).status();
            let _ = self.child.wait();
        }
    }
}

/// The data folder the desks under test use (their daily backups).
pub fn test_data_home() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("slotdesk-tests-data")
}

/// Runs the `slotdesk` command line on `db` at [`NOW`]; returns stdout,
/// failing with stderr when it exits non-zero.
pub fn slotdesk(db: &Path, args: &[&str]) -> String {
    // The demo has staff: commands run as its manager.
    let out = slotdesk_at(db, NOW)
        .args(args)
        .env("SLOTDESK_STAFF", "Morgan Lead")
        .env("SLOTDESK_PIN", "2222")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "slotdesk {args:?} failed: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

/// A temp dir holding `desk.db` with the demo studio and its bookings
/// around [`NOW`].
pub fn demo_db() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    slotdesk(&db, &["init", "--demo"]);
    (dir, db)
}

/// Opens the desk on `db` at [`NOW`] in a `cols`×`rows` terminal, signed
/// in (from the environment) as the demo's manager, and waits for the day
/// board to show.
pub fn open_desk(db: &Path, cols: u16, rows: u16) -> Tty {
    let db = db.to_str().unwrap();
    let env = [
        ("SLOTDESK_NOW", NOW),
        ("SLOTDESK_STAFF", "Morgan Lead"),
        ("SLOTDESK_PIN", "2222"),
    ];
    let tty = Tty::spawn(&["--db", db], &env, cols, rows);
    tty.expect_text("Day board");
    tty.expect_text("Priya Sharma");
    tty
}
