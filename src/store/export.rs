//! Files the interactive view exports (a report of what it shows): always new files,
//! never written over anything, created exclusively at an unpredictable name and then
//! linked into place under a name no file has yet.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::StoreError;

/// Writes `text` to `dir/stem.ext`, or `dir/stem-2.ext`, `-3`… when that name is taken;
/// the path written.
pub fn write_new(dir: &Path, stem: &str, ext: &str, text: &str) -> Result<PathBuf, StoreError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error: std::io::Error| StoreError::Io { path, error }
    };
    let mut file = tempfile::Builder::new()
        .prefix(".headroom-export")
        .tempfile_in(dir)
        .map_err(io(dir))?;
    file.write_all(text.as_bytes()).map_err(io(file.path()))?;
    file.as_file().sync_all().map_err(io(file.path()))?;
    for n in 1..=999u32 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(name);
        match file.persist_noclobber(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => file = e.file,
            Err(e) => {
                return Err(StoreError::Io {
                    path,
                    error: e.error,
                })
            }
        }
    }
    Err(StoreError::Io {
        path: dir.join(format!("{stem}.{ext}")),
        error: std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "every name up to -999 is taken",
        ),
    })
}
