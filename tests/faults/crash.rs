//! The crash test: writer processes (the real binary: `hold`, `book`, `pay`,
//! `cancel`, each with `--json` and `--idempotency-key`) on one database,
//! killed with SIGKILL at random moments, cycle after cycle. A ledger keeps
//! every acknowledged write (exit 0 and its JSON printed); after every
//! cycle each one is in the database as acknowledged, an unacknowledged
//! write is there whole or not at all (its row with its event, its key with
//! its booking), `slotdesk check` passes and `PRAGMA integrity_check` says
//! ok. Half the killed writes are retried under the same key, as a script
//! would: a retry never makes a second booking or payment.
//!
//! On PostgreSQL (`SLOTDESK_TEST_ENGINE=postgres`) the same writers run
//! against a server database: a killed client's transaction is the server's
//! to roll back, and the integrity check is the server's own constraints
//! and `slotdesk check`.
//!
//! `SLOTDESK_CRASH_CYCLES=600` runs longer, `SLOTDESK_CRASH_SEED=N` repeats
//! a run; `--nocapture` shows the figures.
#![allow(clippy::unwrap_used)]

use crate::binary::{CLI_NOW, slotdesk_at, studio_catalog};
use crate::engine::{Raw, fresh_db};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// A booking's state as the ledger and the database hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct State {
    status: String,
    payment: String,
    amount: Option<i64>,
}

impl State {
    fn new(status: &str) -> Self {
        Self {
            status: status.into(),
            payment: "unpaid".into(),
            amount: None,
        }
    }

    fn of_json(b: &Value) -> Self {
        Self {
            status: b["status"].as_str().unwrap_or("?").into(),
            payment: b["payment"]["status"].as_str().unwrap_or("?").into(),
            amount: b["payment"]["amount"].as_i64(),
        }
    }
}

/// One write, and the state its booking has once the write is made.
#[derive(Debug, Clone)]
enum Op {
    Hold {
        slot: String,
    },
    /// `asks`: the service asks `Reason for visit`.
    Book {
        slot: String,
        asks: bool,
        n: u64,
    },
    Pay {
        id: i64,
        minor: i64,
        before: State,
    },
    Cancel {
        id: i64,
        before: State,
    },
}

impl Op {
    fn target(&self) -> Option<(i64, &State)> {
        match self {
            Self::Pay { id, before, .. } | Self::Cancel { id, before } => Some((*id, before)),
            _ => None,
        }
    }

    fn after(&self) -> State {
        match self {
            Self::Hold { .. } => State::new("held"),
            Self::Book { .. } => State::new("confirmed"),
            Self::Pay { minor, before, .. } => State {
                payment: "paid".into(),
                amount: Some(*minor),
                ..before.clone()
            },
            Self::Cancel { before, .. } => State {
                status: "cancelled".into(),
                ..before.clone()
            },
        }
    }

    fn args(&self, key: &str) -> Vec<String> {
        let mut a: Vec<String> = match self {
            Self::Hold { slot } => vec!["hold".into(), slot.clone()],
            Self::Book { slot, asks, n } => {
                let mut a = vec!["book".into(), slot.clone(), "--first-name".into()];
                a.extend(["Crash".into(), "--last-name".into(), format!("Writer{n}")]);
                a.extend(["--email".into(), format!("w{n}@example.com")]);
                if *asks {
                    a.extend(["--answer".into(), "Reason for visit=Knee".into()]);
                }
                a
            }
            Self::Pay { id, minor, .. } => {
                let amount = format!("{}.{:02}", minor / 100, minor % 100);
                let a = [
                    "pay",
                    &id.to_string(),
                    "--amount",
                    &amount,
                    "--method",
                    "card",
                ];
                a.map(String::from).to_vec()
            }
            Self::Cancel { id, .. } => {
                let a = ["cancel", &id.to_string(), "--reason", "Crash test"];
                a.map(String::from).to_vec()
            }
        };
        a.extend(["--json".into(), "--idempotency-key".into(), key.into()]);
        a
    }
}

/// A writer process and how it ended.
struct Writer {
    op: Op,
    key: String,
    child: Child,
    deadline: Option<Instant>,
    ended: Option<(ExitStatus, Duration)>,
}

/// What a writer's end means for the ledger.
enum Outcome {
    Acknowledged(Value),
    Killed,
    Refused,
}

#[derive(Default)]
struct Figures {
    cycles: usize,
    processes: usize,
    killed: usize,
    refused: usize,
    retried: usize,
    acknowledged: usize,
    unacknowledged_found: usize,
    lost: usize,
}

struct Run<'a> {
    db: &'a Path,
    rng: fastrand::Rng,
    /// Every bookable slot, and whether its service asks a question.
    slots: Vec<(String, bool)>,
    ledger: BTreeMap<i64, State>,
    /// This cycle's acknowledged writes: key and booking.
    acknowledged: Vec<(String, i64)>,
    /// This cycle's retried writes refused: the first try made nothing.
    not_made: Vec<String>,
    next_key: u64,
    /// How long a writer takes when left alone (a moving average), so kills
    /// fall across its whole life: start, open, transaction, commit, print.
    typical: Duration,
    figures: Figures,
}

impl Run<'_> {
    /// A write for this cycle; a booking is the target of one write a cycle.
    fn plan(&mut self, busy: &mut HashSet<i64>) -> Op {
        let roll = self.rng.u8(0..10);
        let free = |pred: &dyn Fn(&State) -> bool| -> Vec<(i64, State)> {
            let ids = self
                .ledger
                .iter()
                .filter(|(id, s)| !busy.contains(id) && pred(s));
            ids.map(|(id, s)| (*id, s.clone())).collect()
        };
        let payable = free(&|s| s.status == "confirmed" && s.payment == "unpaid");
        let cancellable = free(&|s| s.status == "held" || s.status == "confirmed");
        let op = match roll {
            0..=1 if !payable.is_empty() => {
                let (id, before) = payable[self.rng.usize(..payable.len())].clone();
                Op::Pay {
                    id,
                    minor: self.rng.i64(100..100_000),
                    before,
                }
            }
            2..=3 if !cancellable.is_empty() => {
                let (id, before) = cancellable[self.rng.usize(..cancellable.len())].clone();
                Op::Cancel { id, before }
            }
            _ => {
                let (slot, asks) = self.slots[self.rng.usize(..self.slots.len())].clone();
                if self.rng.bool() {
                    Op::Hold { slot }
                } else {
                    Op::Book {
                        slot,
                        asks,
                        n: self.next_key,
                    }
                }
            }
        };
        if let Some((id, _)) = op.target() {
            busy.insert(id);
        }
        op
    }

    fn spawn(&mut self, op: Op, key: String, kill: bool) -> Writer {
        let child = slotdesk_at(self.db, CLI_NOW)
            .args(op.args(&key))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        self.figures.processes += 1;
        // From a fifth of a writer's usual life (the binary loaded, the
        // file about to be opened) to half again past it.
        let life = self.typical.mul_f64(0.2 + 1.3 * self.rng.f64());
        let deadline = (kill && self.rng.u8(0..4) != 0).then(|| Instant::now() + life);
        Writer {
            op,
            key,
            child,
            deadline,
            ended: None,
        }
    }

    /// Waits for every writer, killing each at its deadline.
    fn reap(writers: &mut [Writer]) {
        let start = Instant::now();
        while writers.iter().any(|w| w.ended.is_none()) {
            for w in writers.iter_mut().filter(|w| w.ended.is_none()) {
                if let Some(status) = w.child.try_wait().unwrap() {
                    w.ended = Some((status, start.elapsed()));
                } else if w.deadline.is_some_and(|d| Instant::now() >= d) {
                    let _ = w.child.kill(); // SIGKILL; it may have just ended
                    w.ended = Some((w.child.wait().unwrap(), start.elapsed()));
                }
            }
            assert!(start.elapsed() < Duration::from_mins(1), "a writer hung");
            std::thread::sleep(Duration::from_micros(300));
        }
    }

    /// What `w` did; panics on an end no write may have (a panic, a fault).
    fn outcome(&mut self, w: &mut Writer) -> Outcome {
        let (status, took) = w.ended.unwrap();
        let mut out = String::new();
        let mut err = String::new();
        w.child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        w.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        if status.signal() == Some(9) {
            self.figures.killed += 1;
            return Outcome::Killed;
        }
        self.typical = (self.typical * 7 + took) / 8;
        let creates = matches!(w.op, Op::Hold { .. } | Op::Book { .. });
        match status.code() {
            Some(0) => match serde_json::from_str::<Value>(&out) {
                Ok(b) if b["id"].is_i64() => Outcome::Acknowledged(b),
                _ => panic!("{:?}: exit 0 without its JSON: {out:?} {err}", w.op),
            },
            Some(3) if creates => {
                self.figures.refused += 1;
                Outcome::Refused
            }
            other => panic!("{:?} ({}): exit {other:?}: {err}", w.op, w.key),
        }
    }

    /// Records an acknowledged write, checking it says what was asked.
    fn acknowledge(&mut self, op: &Op, key: &str, b: &Value) {
        let id = b["id"].as_i64().unwrap();
        let state = State::of_json(b);
        assert_eq!(state, op.after(), "{op:?} acknowledged as {b}");
        if let Some((target, _)) = op.target() {
            assert_eq!(id, target, "{op:?} acknowledged another booking");
        }
        self.ledger.insert(id, state);
        self.acknowledged.push((key.to_owned(), id));
        self.figures.acknowledged += 1;
    }

    fn cycle(&mut self) -> Vec<String> {
        let mut busy = HashSet::new();
        let mut writers: Vec<Writer> = (0..self.rng.usize(3..=6))
            .map(|_| {
                let op = self.plan(&mut busy);
                self.next_key += 1;
                let key = format!("crash-{}", self.next_key);
                self.spawn(op, key, true)
            })
            .collect();
        Self::reap(&mut writers);
        let mut killed = Vec::new();
        for mut w in writers {
            match self.outcome(&mut w) {
                Outcome::Acknowledged(b) => self.acknowledge(&w.op, &w.key, &b),
                Outcome::Killed => killed.push((w.op, w.key)),
                Outcome::Refused => {}
            }
        }
        // A script retries half the killed writes under the same key.
        let mut retries = Vec::new();
        for (op, key) in &killed {
            if self.rng.bool() {
                retries.push(self.spawn(op.clone(), key.clone(), false));
            }
        }
        self.figures.retried += retries.len();
        Self::reap(&mut retries);
        let mut settled = HashSet::new();
        for mut w in retries {
            match self.outcome(&mut w) {
                Outcome::Acknowledged(b) => {
                    self.acknowledge(&w.op, &w.key, &b);
                    settled.insert(w.key);
                }
                // Not made the first time either, or it would be replayed.
                Outcome::Refused => self.not_made.push(w.key),
                Outcome::Killed => unreachable!("a retry is not killed"),
            }
        }
        self.verify(&killed, &settled)
    }

    /// The database against the ledger after a cycle; adopts what the
    /// cycle's unacknowledged writes left, once it is found whole.
    fn verify(&mut self, killed: &[(Op, String)], settled: &HashSet<String>) -> Vec<String> {
        let mut conn = Raw::open(self.db);
        let db = bookings(&mut conn);
        let keys = keys(&mut conn);
        let mut problems = Vec::new();
        let unsettled: Vec<_> = killed
            .iter()
            .filter(|(_, k)| !settled.contains(k))
            .collect();
        let mut maybe: HashMap<i64, (State, State)> = HashMap::new();
        for (op, key) in &unsettled {
            if let Some((id, before)) = op.target() {
                maybe.insert(id, (before.clone(), op.after()));
                // The write's key is stored with it, or not at all.
                let made = db.get(&id) == Some(&op.after());
                if keys.contains_key(key) != made {
                    problems.push(format!(
                        "{op:?}: key {key} {:?}, booking {:?}",
                        keys.get(key),
                        db.get(&id)
                    ));
                }
            }
        }
        for key in self.not_made.drain(..) {
            if let Some(id) = keys.get(&key) {
                problems.push(format!(
                    "a retry under {key} was refused, but booking {id} holds the key"
                ));
            }
        }
        for (id, want) in &self.ledger {
            match (db.get(id), maybe.get(id)) {
                (Some(got), Some((before, after))) if got == before || got == after => {}
                (got, Some(_)) => problems.push(format!("booking {id} is half-written: {got:?}")),
                (Some(got), None) if got == want => {}
                (got, None) => {
                    self.figures.lost += 1;
                    problems.push(format!(
                        "lost: booking {id} acknowledged {want:?}, is {got:?}"
                    ));
                }
            }
        }
        for (id, (before, _)) in &maybe {
            let got = db.get(id).cloned().unwrap_or_else(|| before.clone());
            self.figures.unacknowledged_found += usize::from(&got != before);
            self.ledger.insert(*id, got);
        }
        let new: Vec<_> = db
            .iter()
            .filter(|(id, _)| !self.ledger.contains_key(id))
            .collect();
        for (id, got) in new {
            let from = unsettled.iter().find(|(_, k)| keys.get(k) == Some(id));
            match from {
                Some((op, _)) if &op.after() == got => self.figures.unacknowledged_found += 1,
                _ => problems.push(format!("booking {id} from no write: {got:?}")),
            }
            self.ledger.insert(*id, got.clone());
        }
        for (key, id) in self.acknowledged.drain(..) {
            if keys.get(&key) != Some(&id) {
                problems.push(format!(
                    "key {key} acknowledged booking {id}, names {:?}",
                    keys.get(&key)
                ));
            }
        }
        problems.extend(events_match(&mut conn, &db));
        if let Raw::Sqlite(_) = conn {
            let integrity = conn.text("PRAGMA integrity_check");
            if integrity != "ok" {
                problems.push(format!("integrity_check: {integrity}"));
            }
        }
        drop(conn);
        let check = slotdesk_at(self.db, CLI_NOW).arg("check").output().unwrap();
        if !check.status.success() {
            problems.push(format!("slotdesk check: {check:?}"));
        }
        problems
    }
}

/// Column `i` of a row of [`Raw::rows`], not `NULL`.
fn col(row: &[Option<String>], i: usize) -> String {
    row[i].clone().unwrap()
}

/// Column `i` as a number.
fn number(row: &[Option<String>], i: usize) -> i64 {
    col(row, i).parse().unwrap()
}

fn bookings(conn: &mut Raw) -> BTreeMap<i64, State> {
    conn.rows("SELECT id, status, payment_status, payment_amount FROM bookings")
        .iter()
        .map(|r| {
            let state = State {
                status: col(r, 1),
                payment: col(r, 2),
                amount: r[3].as_ref().map(|a| a.parse().unwrap()),
            };
            (number(r, 0), state)
        })
        .collect()
}

fn keys(conn: &mut Raw) -> HashMap<String, i64> {
    conn.rows("SELECT key, booking_id FROM idempotency_keys")
        .iter()
        .map(|r| (col(r, 0), number(r, 1)))
        .collect()
}

/// Every booking row agrees with its events: one `booking.created`, a
/// `booking.paid` when paid, a `booking.cancelled` when cancelled.
fn events_match(conn: &mut Raw, db: &BTreeMap<i64, State>) -> Vec<String> {
    let counts: HashMap<(i64, String), i64> = conn
        .rows(
            "SELECT booking_id, kind, COUNT(*) FROM events
             WHERE booking_id IS NOT NULL GROUP BY booking_id, kind",
        )
        .iter()
        .map(|r| ((number(r, 0), col(r, 1)), number(r, 2)))
        .collect();
    let count = |id: i64, kind: &str| counts.get(&(id, kind.to_owned())).copied();
    let mut problems = Vec::new();
    for (id, s) in db {
        let want = [
            ("booking.created", Some(1)),
            ("booking.paid", (s.payment == "paid").then_some(1)),
            ("booking.cancelled", (s.status == "cancelled").then_some(1)),
        ];
        for (kind, n) in want {
            if count(*id, kind) != n {
                problems.push(format!(
                    "booking {id} ({s:?}) has {kind} × {:?}",
                    count(*id, kind)
                ));
            }
        }
    }
    problems
}

/// Every bookable slot of the studio's three services in the next 365 days.
fn studio_slots(db: &Path) -> Vec<(String, bool)> {
    let mut slots = Vec::new();
    for service in ["Physio", "Massage", "Pilates"] {
        let out = slotdesk_at(db, CLI_NOW)
            .args(["slots", "--service", service, "--days", "365", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let listed: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
        let asks = service == "Physio";
        slots.extend(
            listed
                .iter()
                .map(|s| (s["slot"].as_str().unwrap().to_owned(), asks)),
        );
    }
    slots
}

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    Some(value.parse().unwrap_or_else(|_| panic!("{name}={value:?}")))
}

#[test]
fn killed_writers_lose_no_acknowledged_write_and_leave_nothing_half_written() {
    let cycles = env_number("SLOTDESK_CRASH_CYCLES").unwrap_or(30);
    let seed = env_number("SLOTDESK_CRASH_SEED").unwrap_or_else(|| fastrand::u64(..));
    eprintln!("crash test: {cycles} cycles, SLOTDESK_CRASH_SEED={seed}");
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "crash.db");
    for args in [
        vec!["init".to_owned()],
        vec![
            "catalog".into(),
            "apply".into(),
            studio_catalog().display().to_string(),
        ],
    ] {
        let out = slotdesk_at(&db, CLI_NOW).args(&args).output().unwrap();
        assert!(out.status.success(), "{out:?}");
    }
    let mut run = Run {
        db: &db,
        rng: fastrand::Rng::with_seed(seed),
        slots: studio_slots(&db),
        ledger: BTreeMap::new(),
        acknowledged: Vec::new(),
        not_made: Vec::new(),
        next_key: 0,
        typical: Duration::from_millis(20),
        figures: Figures::default(),
    };
    let started = Instant::now();
    let mut problems = Vec::new();
    while run.figures.cycles < usize::try_from(cycles).unwrap() && problems.is_empty() {
        problems = run.cycle();
        run.figures.cycles += 1;
    }
    let f = &run.figures;
    eprintln!(
        "crash test (seed {seed}): {} cycles in {:.1} s, {} processes, {} killed, {} refused \
         (slot taken), {} retried under their key, {} acknowledged writes, {} unacknowledged writes found whole, \
         {} bookings, lost {}",
        f.cycles,
        started.elapsed().as_secs_f64(),
        f.processes,
        f.killed,
        f.refused,
        f.retried,
        f.acknowledged,
        f.unacknowledged_found,
        run.ledger.len(),
        f.lost,
    );
    eprintln!("a writer left alone takes {:?}", run.typical);
    assert!(
        problems.is_empty(),
        "cycle {} (seed {seed}): {problems:#?}",
        f.cycles
    );
    assert!(
        f.killed > 0 && f.acknowledged > 0,
        "the test tested nothing"
    );
}
