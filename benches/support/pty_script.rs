//! The keys the pseudo-terminal bench types, and how it knows each key's
//! frame is complete: a day move when the heading names the new day and the
//! selected slot's panel shows a slot of it (loaded, not the old day's
//! grid kept until then); paging when the page counter changed; a cursor
//! move when anything on screen but the clock changed.

use super::pty_desk::{self, CTRL_U, Check, ENTER, PAGE_DOWN, PAGE_UP, PtyDesk, ROWS, TAB, Timed};
use super::scale_db::Res;
use chrono::{Duration, NaiveDate};

const UP: &str = "\x1b[A";
const DOWN: &str = "\x1b[B";
const RIGHT: &str = "\x1b[C";
const LEFT: &str = "\x1b[D";

/// What a key does, for the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    DayMove,
    BoardCursor,
    ListCursor,
    PageAll,
    PageYear,
}

impl Kind {
    pub const ALL: [Self; 5] = [
        Self::DayMove,
        Self::BoardCursor,
        Self::ListCursor,
        Self::PageAll,
        Self::PageYear,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::DayMove => "board: day move [ ]",
            Self::BoardCursor => "board: cursor arrows",
            Self::ListCursor => "bookings: cursor ↑ ↓",
            Self::PageAll => "bookings: pgdn/pgup, all bookings",
            Self::PageYear => "bookings: pgdn/pgup, one year",
        }
    }
}

/// One timed key.
pub struct Sample {
    pub kind: Kind,
    /// Key write → last byte of its frame.
    pub took: std::time::Duration,
    /// Key write → first byte of its frame.
    pub first: std::time::Duration,
    /// The frame's bytes and writes.
    pub bytes: usize,
    pub writes: usize,
    /// The day the board moved to, for a day move.
    pub day: Option<NaiveDate>,
    /// The key changed nothing (a cursor at an edge): not a frame.
    pub unchanged: bool,
}

/// The day the board shows, followed as the keys move it.
pub struct Board {
    date: NaiveDate,
}

impl Board {
    pub fn new(date: NaiveDate) -> Self {
        Self { date }
    }

    /// The board's heading for its day (`Friday 20 November 2026`).
    pub fn heading(&self) -> String {
        self.date.format("%A %d %B %Y").to_string()
    }

    /// The check that the day `days` away is on screen, loaded.
    fn moved(&mut self, days: i64) -> impl Fn(&[String], &[String]) -> bool + use<> {
        self.date += Duration::days(days);
        let long = self.heading();
        let short = self.date.format("%a %d %b %Y").to_string();
        move |_, rows| {
            // Above the status bar, which shows today's date.
            let main = rows[..usize::from(ROWS - 2)].join("\n");
            main.contains(&long) && (main.contains(&short) || main.contains("No slot selected"))
        }
    }
}

/// The first `page N of` number on screen.
fn page(rows: &[String]) -> Option<u64> {
    let text = rows.join("\n");
    text.match_indices("page ")
        .find_map(|(at, p)| pty_desk::number_after(&text[at..], p))
}

fn page_turned(before: &[String], after: &[String]) -> bool {
    page(after).is_some_and(|p| page(before) != Some(p))
}

/// Times `key`; `check` as [`PtyDesk::time_key`] takes it.
fn timed(
    desk: &mut PtyDesk,
    out: &mut Vec<Sample>,
    kind: Kind,
    key: &str,
    check: Option<&Check>,
) -> Res<()> {
    let sample = match desk.time_key(key, check)? {
        Timed::Frame {
            took,
            first,
            bytes,
            writes,
        } => Sample {
            kind,
            took,
            first,
            bytes,
            writes,
            day: None,
            unchanged: false,
        },
        Timed::NoChange => Sample {
            kind,
            took: std::time::Duration::ZERO,
            first: std::time::Duration::ZERO,
            bytes: 0,
            writes: 0,
            day: None,
            unchanged: true,
        },
    };
    out.push(sample);
    Ok(())
}

fn day(desk: &mut PtyDesk, board: &mut Board, out: &mut Vec<Sample>, key: char) -> Res<()> {
    let check = board.moved(if key == ']' { 1 } else { -1 });
    timed(desk, out, Kind::DayMove, &key.to_string(), Some(&check))?;
    if let Some(last) = out.last_mut() {
        last.day = Some(board.date);
    }
    Ok(())
}

/// `n` day moves forward, typed as soon as the first frame shows.
pub fn moves_during_open(desk: &mut PtyDesk, board: &mut Board, n: usize) -> Res<Vec<Sample>> {
    let mut out = Vec::new();
    for _ in 0..n {
        day(desk, board, &mut out, ']')?;
    }
    Ok(out)
}

/// Sets the bookings filter's From and To (empty: no limit) and waits for
/// the first page.
fn filter(desk: &mut PtyDesk, from: &str, to: &str) -> Res<()> {
    desk.setup("/", "the filter form", |t| t.contains("Filter bookings"))?;
    let keys = format!("{CTRL_U}{from}{TAB}{CTRL_U}{to}{ENTER}");
    desk.setup(&keys, "the filtered first page", |t| {
        !t.contains("Filter bookings") && t.contains("page 1 of")
    })
}

/// The session, `reps` × about a hundred keys: day and cursor moves on the
/// board, all bookings paged, one year paged, the board again.
pub fn session(desk: &mut PtyDesk, board: &mut Board, reps: usize) -> Res<Vec<Sample>> {
    let cursor = [DOWN, RIGHT, DOWN, RIGHT, UP, LEFT, UP, LEFT];
    let mut out = Vec::new();
    // Mostly back through busy history, a step forward every third day.
    for i in 0..15 * reps {
        day(desk, board, &mut out, if i % 3 == 2 { ']' } else { '[' })?;
        for key in [cursor[(2 * i) % 8], cursor[(2 * i + 1) % 8]] {
            timed(desk, &mut out, Kind::BoardCursor, key, None)?;
        }
    }
    desk.setup("2", "the bookings list", |t| t.contains("page "))?;
    filter(desk, "", "")?;
    for _ in 0..10 * reps {
        timed(desk, &mut out, Kind::PageAll, PAGE_DOWN, Some(&page_turned))?;
        for _ in 0..2 {
            timed(desk, &mut out, Kind::ListCursor, DOWN, None)?;
        }
    }
    for _ in 0..3 * reps {
        timed(desk, &mut out, Kind::PageAll, PAGE_UP, Some(&page_turned))?;
    }
    filter(desk, "2025-01-01", "2025-12-31")?;
    for _ in 0..6 * reps {
        timed(
            desk,
            &mut out,
            Kind::PageYear,
            PAGE_DOWN,
            Some(&page_turned),
        )?;
        timed(desk, &mut out, Kind::ListCursor, UP, None)?;
    }
    for _ in 0..2 * reps {
        timed(desk, &mut out, Kind::PageYear, PAGE_UP, Some(&page_turned))?;
    }
    let heading = board.heading();
    desk.setup("1", "the board", |t| t.contains(&heading))?;
    for i in 0..5 * reps {
        day(desk, board, &mut out, ']')?;
        timed(
            desk,
            &mut out,
            Kind::BoardCursor,
            if i % 2 == 0 { RIGHT } else { LEFT },
            None,
        )?;
    }
    Ok(out)
}
