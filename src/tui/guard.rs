//! Keeps the recovery file pointed at the plan's file: at start, and again when a save
//! as gives the plan a file (the bundled plan has none until then) or a new one.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use signal_hook::iterator::Handle;

use crate::store::{install_recovery_on_panic, install_recovery_on_signals, Unsaved};

pub struct RecoveryGuard {
    unsaved: Unsaved,
    path: Option<PathBuf>,
    signals: Option<Handle>,
}

impl RecoveryGuard {
    pub fn new(unsaved: Unsaved) -> RecoveryGuard {
        RecoveryGuard {
            unsaved,
            path: None,
            signals: None,
        }
    }

    /// Writes the unsaved plan next to `path` on SIGTERM, SIGHUP or a panic, restoring the
    /// terminal with `restore`. A panic hook cannot be taken back, so after a save as, a
    /// panic writes next to the earlier file too; that copy is offered when it is opened.
    pub fn follow(&mut self, path: Option<&Path>, restore: fn()) -> Result<()> {
        if path == self.path.as_deref() {
            return Ok(());
        }
        if let Some(old) = self.signals.take() {
            old.close();
        }
        self.path = path.map(Path::to_path_buf);
        let Some(path) = path else { return Ok(()) };
        install_recovery_on_panic(path.to_path_buf(), self.unsaved.clone());
        let signals = [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP];
        let handle = install_recovery_on_signals(
            path.to_path_buf(),
            self.unsaved.clone(),
            &signals,
            restore,
        )
        .context("cannot watch for termination signals")?;
        self.signals = Some(handle);
        Ok(())
    }
}

impl Drop for RecoveryGuard {
    fn drop(&mut self) {
        if let Some(signals) = self.signals.take() {
            signals.close();
        }
    }
}
