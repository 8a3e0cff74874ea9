//! The store's worker threads: the desk's event loop never waits on the
//! database. Writes (and the sign-in, sweep and change poll that share the
//! writer's connection) run on one thread; loads run on another over a
//! read-only connection, so a write waiting for another desk's lock never
//! holds up a day move. Results come back as messages, in order per thread.

use super::executor::Executor;
use crate::app::{Effect, Msg};
use chrono::{DateTime, Utc};
use std::collections::VecDeque;
use std::sync::mpsc;
use std::time::Instant;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// A writer job unanswered this long is waiting for a lock, not just queued.
const STUCK: std::time::Duration = std::time::Duration::from_millis(200);

/// Which thread ran a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    /// Writes, sign-in, sweep, the change poll.
    Writer,
    /// Loads.
    Reader,
    /// Work of the runtime's own (the check and backup at open): not
    /// counted as pending.
    Background,
}

/// Messages a thread produced for one job.
pub struct Done {
    pub lane: Lane,
    pub msgs: Vec<Msg>,
    /// The thread stopped on an internal error (a panic) and runs no more
    /// jobs: the desk must end rather than wait on it.
    pub failed: bool,
}

struct Thread {
    jobs: mpsc::Sender<(Effect, DateTime<Utc>)>,
    handle: std::thread::JoinHandle<()>,
    /// When each job still running or queued was handed over, oldest first.
    pending: VecDeque<Instant>,
}

impl Thread {
    fn start(mut executor: Executor, lane: Lane, results: UnboundedSender<Done>) -> Self {
        let (jobs, queue) = mpsc::channel::<(Effect, DateTime<Utc>)>();
        let handle = std::thread::spawn(move || {
            while let Ok((effect, now)) = queue.recv() {
                let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    executor.run(&effect, now)
                }));
                let (msgs, failed) = match ran {
                    Ok(msgs) => (msgs, false),
                    Err(_) => (Vec::new(), true),
                };
                if results.send(Done { lane, msgs, failed }).is_err() || failed {
                    break;
                }
            }
        });
        Self {
            jobs,
            handle,
            pending: VecDeque::new(),
        }
    }

    /// Ends the thread once its queued jobs are done, and waits for it: its
    /// store is closed when this returns.
    fn shut_down(self) {
        drop(self.jobs);
        let _ = self.handle.join();
    }
}

/// The two store threads and the channel their results arrive on.
pub struct Workers {
    writer: Thread,
    reader: Thread,
    results: UnboundedReceiver<Done>,
    sender: UnboundedSender<Done>,
}

impl Workers {
    /// Starts a thread for each executor: `writer` over the read-write
    /// store, `reader` over a read-only one on the same file.
    pub fn start(writer: Executor, reader: Executor) -> Self {
        let (sender, results) = unbounded_channel();
        Self {
            writer: Thread::start(writer, Lane::Writer, sender.clone()),
            reader: Thread::start(reader, Lane::Reader, sender.clone()),
            results,
            sender,
        }
    }

    /// Where a background job sends its messages.
    pub fn background(&self) -> UnboundedSender<Done> {
        self.sender.clone()
    }

    /// Hands `effect` to its thread. The tick's sweep and change poll are
    /// dropped while the writer is stuck on an earlier job (waiting for
    /// another desk's lock): the next tick asks again, and they never pile
    /// up behind it.
    pub fn submit(&mut self, effect: Effect, now: DateTime<Utc>) {
        let periodic = matches!(effect, Effect::Sweep | Effect::PollChanges);
        let thread = match effect {
            Effect::Write(_) | Effect::SignIn { .. } | Effect::Sweep | Effect::PollChanges => {
                let stuck = self
                    .writer
                    .pending
                    .front()
                    .is_some_and(|since| since.elapsed() >= STUCK);
                if periodic && stuck {
                    return;
                }
                &mut self.writer
            }
            _ => &mut self.reader,
        };
        if thread.jobs.send((effect, now)).is_ok() {
            thread.pending.push_back(Instant::now());
        }
    }

    /// The next result, in order per thread; `None` once every thread ended.
    pub async fn next(&mut self) -> Option<Done> {
        let done = self.results.recv().await?;
        match done.lane {
            Lane::Writer => self.writer.pending.pop_front(),
            Lane::Reader => self.reader.pending.pop_front(),
            Lane::Background => None,
        };
        Some(done)
    }

    /// Since when the oldest write still unanswered was handed over.
    pub fn writer_busy_since(&self) -> Option<Instant> {
        self.writer.pending.front().copied()
    }

    /// Ends both threads after the jobs they were given (a write already
    /// asked for is still made), the reader first, so the read-write
    /// connection is the last to close (SQLite then folds the WAL into the
    /// file and removes it). The answers are no longer read.
    pub fn shut_down(self) {
        let Self {
            writer,
            reader,
            results,
            sender,
        } = self;
        drop(sender);
        reader.shut_down();
        writer.shut_down();
        drop(results);
    }

    /// Whether any job is still unanswered.
    pub fn busy(&self) -> bool {
        !self.writer.pending.is_empty() || !self.reader.pending.is_empty()
    }
}
