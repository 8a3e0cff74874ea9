//! The first-run screen's starter catalog, written to a file beside the
//! database for the user to edit and apply; never over a file already there.

use crate::app::msg::StarterFile;
use crate::domain::catalog_file::STARTER;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the starter catalog for the database at `db` goes: beside it,
/// named after it (`slotdesk.db` → `slotdesk-catalog.toml`), as an
/// absolute path.
pub fn starter_path(db: &Path) -> PathBuf {
    let db = std::path::absolute(db).unwrap_or_else(|_| db.to_owned());
    let stem = db
        .file_stem()
        .map_or_else(|| "slotdesk".into(), |s| s.to_string_lossy().into_owned());
    db.with_file_name(format!("{stem}-catalog.toml"))
}

/// Writes the starter catalog beside `db`, or finds one there already and
/// leaves it as it is.
/// Errors: the file cannot be created or written, in words with its path
/// and how to get the catalog another way.
pub fn write_starter(db: &Path) -> Result<StarterFile, String> {
    let path = starter_path(db);
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    let mut file = match file {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Ok(StarterFile::AlreadyThere(path));
        }
        Err(e) => return Err(cannot(&path, &e)),
    };
    file.write_all(STARTER.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| {
            // Half a template is worse than none: the next press writes it whole.
            let _ = std::fs::remove_file(&path);
            cannot(&path, &e)
        })?;
    Ok(StarterFile::Written(path))
}

fn cannot(path: &Path, e: &std::io::Error) -> String {
    format!(
        "cannot write the starter catalog to {}: {e}; print it instead: \
         slotdesk catalog template > my-clinic.toml",
        path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_goes_beside_the_database_named_after_it_and_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("clinic.db");
        let path = dir.path().join("clinic-catalog.toml");
        assert_eq!(write_starter(&db), Ok(StarterFile::Written(path.clone())));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), STARTER);
        std::fs::write(&path, "# edited\n").unwrap();
        assert_eq!(
            write_starter(&db),
            Ok(StarterFile::AlreadyThere(path.clone()))
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# edited\n");
    }

    #[test]
    fn a_folder_that_cannot_be_written_is_said_with_the_path_and_another_way() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("no-such-folder").join("x.db");
        let err = write_starter(&db).unwrap_err();
        assert!(err.contains("no-such-folder/x-catalog.toml"), "{err}");
        assert!(
            err.contains("slotdesk catalog template > my-clinic.toml"),
            "{err}"
        );
    }
}
