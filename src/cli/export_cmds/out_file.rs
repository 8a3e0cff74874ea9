//! Where an export goes: stdout, or a file written whole or not at all
//! (`FILE.tmp`, mode 0600 as it holds customer data, renamed over FILE
//! once complete; removed if the export fails). Write errors name the file.

use crate::cli::out_path::named;
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// An export's output.
pub enum Sink {
    /// Standard output, buffered.
    Stdout(BufWriter<io::StdoutLock<'static>>),
    /// A new file (see [`OutFile`]).
    File(OutFile),
}

impl Sink {
    /// `path`'s [`OutFile`], or stdout without one.
    pub fn open(path: Option<&Path>) -> io::Result<Self> {
        match path {
            Some(p) => Ok(Self::File(OutFile::create(p)?)),
            None => Ok(Self::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout().lock(),
            ))),
        }
    }

    /// Flushes stdout, or puts the file in place.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Self::Stdout(mut out) => out.flush(),
            Self::File(file) => file.finish(),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Self::Stdout(out) => out.write(buf),
            Self::File(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Self::Stdout(out) => out.flush(),
            Self::File(file) => file.flush(),
        }
    }
}

/// A file being written beside its final place as `FILE.tmp` (mode
/// 0600); [`OutFile::finish`] renames it to FILE, and dropped unfinished
/// it is removed, so FILE is either the old one or the whole new one.
pub struct OutFile {
    path: PathBuf,
    temp: PathBuf,
    file: Option<BufWriter<File>>,
}

impl OutFile {
    /// Creates `path.tmp` (mode 0600, replacing a stale one) beside the
    /// file `path` names ([`write_target`](crate::cli::out_path::write_target):
    /// through a link; refused when it is not a file). Errors name `path`.
    pub fn create(path: &Path) -> io::Result<Self> {
        let path = &crate::cli::out_path::write_target(path)?;
        let mut temp = path.as_os_str().to_owned();
        temp.push(".tmp");
        let temp = PathBuf::from(temp);
        // A stale one (an export killed midway) goes first: the new file
        // is made afresh, never through a link left in its place.
        match std::fs::remove_file(&temp) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(named(path, &e)),
            _ => {}
        }
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&temp).map_err(|e| named(path, &e))?;
        Ok(Self {
            path: path.to_owned(),
            temp,
            file: Some(BufWriter::with_capacity(1 << 16, file)),
        })
    }

    /// Flushes, syncs and renames the file into place. Errors name it.
    pub fn finish(mut self) -> io::Result<()> {
        let result = self.put_in_place();
        if result.is_err() {
            self.discard();
        }
        result
    }

    fn put_in_place(&mut self) -> io::Result<()> {
        let path = self.path.clone();
        let Some(file) = self.file.take() else {
            return Ok(());
        };
        let file = file.into_inner().map_err(|e| named(&path, e.error()))?;
        file.sync_all().map_err(|e| named(&path, &e))?;
        drop(file);
        std::fs::rename(&self.temp, &path).map_err(|e| named(&path, &e))
    }

    fn discard(&mut self) {
        self.file = None;
        let _ = std::fs::remove_file(&self.temp);
    }
}

impl Write for OutFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.file.as_mut() {
            Some(file) => file.write(buf).map_err(|e| named(&self.path, &e)),
            None => Err(closed()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.file.as_mut() {
            Some(file) => file.flush().map_err(|e| named(&self.path, &e)),
            None => Err(closed()),
        }
    }
}

/// A write after [`OutFile::finish`] (never happens: `finish` takes it).
fn closed() -> io::Error {
    io::Error::other("the export file is already closed")
}

impl Drop for OutFile {
    fn drop(&mut self) {
        if self.file.is_some() {
            self.discard();
        }
    }
}
