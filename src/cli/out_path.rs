//! Where a command's `-o FILE` lands. Both writers of whole files (the
//! exports' and the HTML pages') write a temporary file beside the target
//! and rename it over: the target must be the file itself, never a link
//! (renamed over, a link into a synced folder would silently become a
//! copy) and never a device, pipe or folder (an export run as root once
//! turned `/dev/full` into a 140 MB file).

use std::io;
use std::path::{Path, PathBuf};

/// Links followed before giving up (as the kernel's own limit).
const MAX_LINKS: usize = 40;

/// The file a write to `path` replaces: `path`, or, when it is a symbolic
/// link, the file at the end of its links (made there if it is not yet),
/// so the link stays a link. A path not there yet is written as given.
/// Errors (naming `path`): it, or its links' end, is there and is not a
/// regular file — a folder, a device, a pipe or a socket; a loop of links;
/// the file system's.
pub fn write_target(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let meta = match std::fs::symlink_metadata(&at) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(at),
            Err(e) => return Err(named(path, &e)),
        };
        let kind = meta.file_type();
        if kind.is_file() {
            return Ok(at);
        }
        if !kind.is_symlink() {
            let what = if kind.is_dir() {
                "a folder"
            } else {
                "a device, pipe or socket"
            };
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{} is not a file ({what}): give the path of a file to write",
                    path.display()
                ),
            ));
        }
        let next = std::fs::read_link(&at).map_err(|e| named(path, &e))?;
        // A relative link is read from the folder the link is in.
        at = match at.parent() {
            Some(dir) => dir.join(next),
            None => next,
        };
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{}: too many links (a loop?)", path.display()),
    ))
}

/// `e` with `path` in front of its message.
pub(super) fn named(path: &Path, e: &io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_file_or_a_new_path_is_itself_and_a_link_its_end() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ics");
        assert_eq!(write_target(&file).unwrap(), file, "not there yet");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(write_target(&file).unwrap(), file);
        #[cfg(unix)]
        {
            let link = dir.path().join("b.ics");
            std::os::unix::fs::symlink("a.ics", &link).unwrap();
            let twice = dir.path().join("c.ics");
            std::os::unix::fs::symlink(&link, &twice).unwrap();
            assert_eq!(write_target(&twice).unwrap(), dir.path().join("a.ics"));
            let dangling = dir.path().join("d.ics");
            std::os::unix::fs::symlink("new.ics", &dangling).unwrap();
            assert_eq!(write_target(&dangling).unwrap(), dir.path().join("new.ics"));
            let looped = dir.path().join("e.ics");
            std::os::unix::fs::symlink("e.ics", &looped).unwrap();
            assert!(
                write_target(&looped)
                    .unwrap_err()
                    .to_string()
                    .contains("loop")
            );
        }
        let err = write_target(dir.path()).unwrap_err();
        assert!(err.to_string().contains("not a file (a folder)"), "{err}");
    }
}
