//! Unsaved edits written next to the plan, found again at the next start.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{hidden, io_error, with_suffix, write_atomic, StoreError};

/// `.PLAN.ron.recover` next to `PLAN.ron`.
pub fn recovery_path(plan_path: &Path) -> PathBuf {
    with_suffix(&hidden(plan_path), ".recover")
}

/// Writes the RON text of an unsaved plan to its recovery file, atomically.
pub fn write_recovery(plan_path: &Path, text: &str) -> Result<PathBuf, StoreError> {
    let path = recovery_path(plan_path);
    write_atomic(&path, text.as_bytes(), false)?;
    Ok(path)
}

/// The recovery file of `plan_path`, when an earlier run left one.
pub fn find_recovery(plan_path: &Path) -> Option<PathBuf> {
    let path = recovery_path(plan_path);
    path.is_file().then_some(path)
}

/// Removes the recovery file (after a save, or when the planner declines it).
pub fn discard_recovery(plan_path: &Path) -> Result<(), StoreError> {
    let path = recovery_path(plan_path);
    match fs::remove_file(&path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io_error(&path)(e)),
        _ => Ok(()),
    }
}
