//! `export --per-resource DIR`: one calendar per resource, a staff member's
//! own, each written whole and all put in place once every one is written.

use super::Selection;
use super::out_file::OutFile;
use crate::cli::CliResult;
use crate::domain::ResourceId;
use crate::domain::export::{ICS_END, ics_event, ics_start, location_key};
use crate::store::Store;
use indicatif::ProgressBar;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Writes DIR/<resource key>.ics for every active resource (or the one
/// the selection names), and for any other resource a selected booking
/// is on, each a calendar `LOCATION — RESOURCE` of its bookings. DIR is
/// made if missing. Errors name the file or folder.
pub fn write(store: &Store, dir: &Path, selection: &Selection, location: &str) -> CliResult {
    std::fs::create_dir_all(dir)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?;
    let key = location_key(location);
    let mut files: BTreeMap<ResourceId, OutFile> = BTreeMap::new();
    let open = |id: ResourceId, files: &mut BTreeMap<ResourceId, OutFile>| -> CliResult {
        if files.contains_key(&id) {
            return Ok(());
        }
        let resource = store.find_resource(&id.0.to_string())?;
        let mut file = OutFile::create(&dir.join(format!("{}.ics", file_stem(&resource.key))))?;
        file.write_all(ics_start(&format!("{location} — {}", resource.name)).as_bytes())?;
        files.insert(id, file);
        Ok(())
    };
    match selection.query.resource {
        Some(id) => open(id, &mut files)?,
        None => {
            for r in store.resources()? {
                open(r.id, &mut files)?;
            }
        }
    }
    selection.each(store, &ProgressBar::hidden(), |b| {
        open(b.resource_id, &mut files)?;
        if let Some(file) = files.get_mut(&b.resource_id) {
            file.write_all(ics_event(b, &key).as_bytes())?;
        }
        Ok(())
    })?;
    for file in files.values_mut() {
        file.write_all(ICS_END.as_bytes())?;
    }
    let written = files.len();
    for (_, file) in files {
        file.finish()?;
    }
    eprintln!("{written} calendar(s) written to {}", dir.display());
    Ok(())
}

/// A resource key as a file name: letters, digits, `-` and `_` kept, any
/// other character `_` (a key never climbs out of DIR).
fn file_stem(key: &str) -> String {
    let stem: String = key
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if stem.is_empty() {
        "resource".to_owned()
    } else {
        stem
    }
}
