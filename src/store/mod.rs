//! Plan files on disk: saving without ever losing work. A save never overwrites a file
//! changed by someone else since it was opened, replaces the file in one atomic rename, and
//! keeps the previous version as `PLAN.ron.bak`. Unsaved edits can be written to a
//! recovery file next to the plan, on demand, on a termination signal or on a panic.

mod export;
mod recovery;
mod signals;

pub use export::write_new;
pub use recovery::{discard_recovery, find_recovery, recovery_path, write_recovery};
pub use signals::{install_recovery_on_panic, install_recovery_on_signals, Unsaved};

use std::collections::hash_map::DefaultHasher;
use std::fs::{self, File, OpenOptions};
use std::hash::{Hash, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use thiserror::Error;

use crate::model::{save_text, Plan, SaveError};

#[derive(Debug, Error)]
pub enum StoreError {
    /// The message already names the system's reason, so it is not also a source: a
    /// reader of the error chain sees it once.
    #[error("{}: {error}", .path.display())]
    Io { path: PathBuf, error: io::Error },
    #[error("{} was changed by another program since it was opened; reload it, overwrite it, or save as another file", .0.display())]
    Conflict(PathBuf),
    #[error(transparent)]
    Serialize(#[from] SaveError),
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |error| StoreError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// What identifies one version of a file: its length, modification time and content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

impl Fingerprint {
    pub fn of(bytes: &[u8], modified: Option<SystemTime>) -> Fingerprint {
        let mut hasher = DefaultHasher::new();
        bytes.hash(&mut hasher);
        Fingerprint {
            len: bytes.len() as u64,
            modified,
            hash: hasher.finish(),
        }
    }

    /// The fingerprint of the file at `path` now; `None` when there is no file.
    fn read(path: &Path) -> Result<Option<Fingerprint>, StoreError> {
        match fs::read(path) {
            Ok(bytes) => {
                let modified = fs::metadata(path).and_then(|m| m.modified()).ok();
                Ok(Some(Fingerprint::of(&bytes, modified)))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_error(path)(e)),
        }
    }
}

/// A plan file as it was when opened or last saved.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanFile {
    pub path: PathBuf,
    /// The version this program last read or wrote; `None` for a file not yet on disk.
    pub loaded_fingerprint: Option<Fingerprint>,
    /// The text this program last read or wrote there: a save edits it, so that only the
    /// text of what changed changes. `None` for a new file, or one that is not UTF-8.
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SaveOutcome {
    pub path: PathBuf,
    /// Where the previous version was kept, when there was one.
    pub backup: Option<PathBuf>,
    /// The file's own text could not be edited, and the plan was written whole in the
    /// clean style of a new file (its comments and layout are gone).
    pub rewritten: bool,
}

/// `PLAN.ron.bak` next to `PLAN.ron`.
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".bak")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

impl PlanFile {
    /// Reads the file at `path`; returns it with its bytes, for `load_plan_bytes`.
    pub fn open(path: &Path) -> Result<(PlanFile, Vec<u8>), StoreError> {
        let bytes = fs::read(path).map_err(io_error(path))?;
        let modified = fs::metadata(path).and_then(|m| m.modified()).ok();
        let file = PlanFile {
            path: path.to_path_buf(),
            loaded_fingerprint: Some(Fingerprint::of(&bytes, modified)),
            text: String::from_utf8(bytes.clone()).ok(),
        };
        Ok((file, bytes))
    }

    /// A plan file that does not exist yet (a plan opened from elsewhere, saved here).
    pub fn new(path: &Path) -> PlanFile {
        PlanFile {
            path: path.to_path_buf(),
            loaded_fingerprint: None,
            text: None,
        }
    }

    /// Whether the file on disk is no longer the version this program read or wrote.
    pub fn changed_on_disk(&self) -> Result<bool, StoreError> {
        Ok(
            match (Fingerprint::read(&self.path)?, self.loaded_fingerprint) {
                (Some(now), Some(then)) => now != then,
                (Some(_), None) => true,
                (None, _) => false,
            },
        )
    }

    /// Saves `plan` unless the file changed on disk since it was read: then nothing is
    /// written and the error is [`StoreError::Conflict`].
    pub fn save(&mut self, plan: &Plan) -> Result<SaveOutcome, StoreError> {
        if self.changed_on_disk()? {
            return Err(StoreError::Conflict(self.path.clone()));
        }
        self.save_overwrite(plan)
    }

    /// Saves `plan` even over a file changed on disk (the planner chose to overwrite).
    pub fn save_overwrite(&mut self, plan: &Plan) -> Result<SaveOutcome, StoreError> {
        let saved = save_text(self.text.as_deref(), plan)?;
        let backup = write_atomic(&self.path, saved.text.as_bytes(), true)?;
        let rewritten = self.text.is_some() && !saved.kept_layout;
        self.loaded_fingerprint = Fingerprint::read(&self.path)?;
        self.text = Some(saved.text);
        Ok(SaveOutcome {
            path: self.path.clone(),
            backup,
            rewritten,
        })
    }

    /// Saves `plan` to `path`, which becomes this file from now on. An existing file
    /// there is replaced, its previous version kept as its `.bak`. The text is this
    /// file's, edited: a copy keeps its comments.
    pub fn save_as(&mut self, plan: &Plan, path: &Path) -> Result<SaveOutcome, StoreError> {
        let mut target = PlanFile::new(path);
        target.text = self.text.clone();
        let outcome = target.save_overwrite(plan)?;
        *self = target;
        Ok(outcome)
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and one rename,
/// so the file is always either the old or the new version, never half of each. With
/// `backup`, the old version is first copied to `PLAN.ron.bak`; returns that path.
fn write_atomic(path: &Path, bytes: &[u8], backup: bool) -> Result<Option<PathBuf>, StoreError> {
    let temp = with_suffix(&hidden(path), &format!(".tmp-{}", std::process::id()));
    let written = write_synced(&temp, bytes);
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    let kept = if backup && path.exists() {
        let bak = backup_path(path);
        fs::copy(path, &bak).map_err(io_error(&bak))?;
        File::open(&bak)
            .and_then(|f| f.sync_all())
            .map_err(io_error(&bak))?;
        Some(bak)
    } else {
        None
    };
    if let Err(e) = fs::rename(&temp, path) {
        let _ = fs::remove_file(&temp);
        return Err(io_error(path)(e));
    }
    sync_dir(path)?;
    Ok(kept)
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
        .map_err(io_error(path))?;
    file.write_all(bytes).map_err(io_error(path))?;
    file.sync_all().map_err(io_error(path))
}

/// The rename itself is durable only once the folder is synced.
fn sync_dir(path: &Path) -> Result<(), StoreError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_error(dir))
}

/// `.PLAN.ron` next to `PLAN.ron`: the temporary and recovery files stay out of listings.
fn hidden(path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    path.with_file_name(name)
}

#[cfg(test)]
mod tests;
