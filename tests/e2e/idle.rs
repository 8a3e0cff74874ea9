//! End to end: a desk left alone writes to the terminal only what changed
//! on screen — the status bar's clock, once a second — not a frame on every
//! 250 ms tick.

use crate::support::{Tty, WAIT, demo_db, open_desk};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long the idle desk is watched.
const WATCH: Duration = Duration::from_secs(4);
/// How often its output is looked at.
const SAMPLE: Duration = Duration::from_millis(20);
/// The most one update may write: the clock's digits (and any hold's
/// countdown) take tens of bytes; a 120×40 frame takes several thousand.
const SMALL: usize = 1024;

/// The bursts of output over `span`: when each showed (since the start)
/// and its bytes. Bursts closer than [`SAMPLE`] count as one, so a slow
/// machine can only see fewer.
fn bursts(desk: &Tty, span: Duration) -> Vec<(Duration, usize)> {
    let start = Instant::now();
    let mut seen = desk.raw_output().len();
    let mut out = Vec::new();
    while start.elapsed() < span {
        sleep(SAMPLE);
        let now = desk.raw_output().len();
        if now > seen {
            out.push((start.elapsed(), now - seen));
            seen = now;
        }
    }
    out
}

/// Waits until the desk has written nothing for 700 ms (its loads and the
/// check at open are done), up to [`WAIT`]: a desk that never goes quiet
/// is then caught by what follows, with what it wrote.
fn settle(desk: &Tty) {
    let deadline = Instant::now() + WAIT;
    let mut len = desk.raw_output().len();
    let mut since = Instant::now();
    while since.elapsed() < Duration::from_millis(700) && Instant::now() < deadline {
        sleep(SAMPLE);
        let now = desk.raw_output().len();
        if now != len {
            len = now;
            since = Instant::now();
        }
    }
}

#[test]
fn an_idle_desk_writes_only_the_clock_once_a_second() {
    let (_dir, db) = demo_db();
    let mut desk = open_desk(&db, 120, 40);
    settle(&desk);
    let seen = bursts(&desk, WATCH);
    let listed: Vec<String> = seen
        .iter()
        .map(|(at, n)| format!("{n} B at {} ms", at.as_millis()))
        .collect();
    // One clock update a second, and one more where the watch's edges
    // split a second; a frame per tick would be 16.
    let most = WATCH.as_secs() as usize + 1;
    assert!(
        seen.len() <= most,
        "an idle desk wrote {} times in {WATCH:?} (at most {most}): {}",
        seen.len(),
        listed.join(", ")
    );
    assert!(
        seen.iter().all(|(_, n)| *n <= SMALL),
        "an idle desk wrote more than a clock update ({SMALL} B) at once: {}",
        listed.join(", ")
    );
    // The clock still runs: the desk is drawing, not stuck.
    assert!(!seen.is_empty(), "the clock did not move in {WATCH:?}");
    desk.press("q");
    assert!(desk.expect_exit().success());
}
