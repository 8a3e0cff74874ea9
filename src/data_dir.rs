//! Where slotdesk keeps its files when not told: the platform data folder
//! (`~/.local/share/slotdesk/` on Linux, `$XDG_DATA_HOME/slotdesk/` when set).

use std::path::{Path, PathBuf};

/// The platform data folder, or the current folder where no home
/// directory is known.
fn data_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "slotdesk")
        .map_or_else(|| PathBuf::from("."), |d| d.data_dir().to_owned())
}

/// `~/.local/share/slotdesk/slotdesk.db`, or `./slotdesk.db` where no home
/// directory is known.
pub fn default_db_path() -> PathBuf {
    data_dir().join("slotdesk.db")
}

/// The folder for the backups of the database at `db`:
/// `DATA/backups/NAME-HASH/`, NAME the file's stem and HASH eight hex
/// digits of its full path, so two databases' backups never mix.
pub fn backups_dir(db: &Path) -> PathBuf {
    let full = std::path::absolute(db).unwrap_or_else(|_| db.to_owned());
    let stem = db
        .file_stem()
        .map_or_else(|| "slotdesk".into(), |s| s.to_string_lossy().into_owned());
    data_dir().join("backups").join(format!(
        "{stem}-{:08x}",
        fnv1a(full.to_string_lossy().as_bytes())
    ))
}

/// FNV-1a, 32 bits: a stable short name for a path (not for security).
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}
