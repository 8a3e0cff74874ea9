//! Two cores for one export: the store reads the next bookings on this
//! thread while a second thread turns the ones read into text, which this
//! thread writes in order. Bounded: at most [`IN_FLIGHT`] chunks of
//! [`CHUNK`] bookings are read and not yet written, so memory stays flat
//! however many bookings there are.

use super::Selection;
use crate::cli::CliResult;
use crate::domain::Booking;
use crate::store::Store;
use indicatif::ProgressBar;
use std::io::Write;
use std::sync::mpsc::{Receiver, sync_channel};

/// Bookings handed to the formatting thread at a time.
const CHUNK: usize = 256;
/// Chunks read and not yet written, at most.
const IN_FLIGHT: usize = 8;

/// Writes every booking `selection` picks from `store` to `out`, in slot
/// order, as `format` writes one into a string; `format` runs on a second
/// thread while the store reads on. `bar` ticks a booking read.
/// Errors: the store's, `out`'s; nothing more is read after one.
pub(super) fn write_each(
    selection: &Selection,
    store: &Store,
    bar: &ProgressBar,
    out: &mut impl Write,
    format: impl Fn(&Booking, &mut String) + Send,
) -> CliResult {
    std::thread::scope(|scope| {
        let (to_format, chunks) = sync_channel::<Vec<Booking>>(IN_FLIGHT);
        let (to_write, texts) = sync_channel::<String>(IN_FLIGHT);
        scope.spawn(move || {
            for chunk in chunks {
                let mut text = String::with_capacity(chunk.len() * 1024);
                for booking in &chunk {
                    format(booking, &mut text);
                }
                // This thread's receiver is gone only after an error.
                if to_write.send(text).is_err() {
                    break;
                }
            }
        });
        let mut writer = InOrder {
            texts,
            pending: 0,
            out,
        };
        let mut chunk = Vec::with_capacity(CHUNK);
        selection.each_owned(store, bar, |booking| {
            chunk.push(booking);
            if chunk.len() == CHUNK {
                writer.send(&to_format, std::mem::take(&mut chunk))?;
            }
            Ok(())
        })?;
        if !chunk.is_empty() {
            writer.send(&to_format, chunk)?;
        }
        // No more chunks: the formatting thread ends once it has sent the
        // last text.
        drop(to_format);
        writer.drain()
    })
}

/// The writing end: texts come back in the order their chunks were sent
/// (one formatting thread, first in first out).
struct InOrder<'o, W: Write> {
    texts: Receiver<String>,
    /// Chunks sent and not yet written.
    pending: usize,
    out: &'o mut W,
}

impl<W: Write> InOrder<'_, W> {
    /// Sends `chunk` to be formatted, first writing texts back until fewer
    /// than [`IN_FLIGHT`] are outstanding (so neither thread ever waits on
    /// the other forever: both channels hold [`IN_FLIGHT`]).
    fn send(
        &mut self,
        to_format: &std::sync::mpsc::SyncSender<Vec<Booking>>,
        chunk: Vec<Booking>,
    ) -> CliResult {
        while self.pending >= IN_FLIGHT {
            self.write_next()?;
        }
        while let Ok(text) = self.texts.try_recv() {
            self.pending -= 1;
            self.out.write_all(text.as_bytes())?;
        }
        to_format.send(chunk).map_err(|_| gone())?;
        self.pending += 1;
        Ok(())
    }

    /// Writes the next text, waiting for it.
    fn write_next(&mut self) -> CliResult {
        let text = self.texts.recv().map_err(|_| gone())?;
        self.pending -= 1;
        self.out.write_all(text.as_bytes())?;
        Ok(())
    }

    /// Writes every text still outstanding.
    fn drain(&mut self) -> CliResult {
        while self.pending > 0 {
            self.write_next()?;
        }
        Ok(())
    }
}

/// The formatting thread stopped early: only a panic there does that.
fn gone() -> std::io::Error {
    std::io::Error::other("the export's formatting thread stopped")
}
