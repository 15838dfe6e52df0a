//! Writing unsaved edits out when the program is told to stop or panics. The editor keeps
//! the RON text of its unsaved plan in an [`Unsaved`] after each edit; a signal or a panic
//! then only has to write a string, never to look at the plan.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, TryLockError};
use std::thread;

use signal_hook::iterator::Signals;

use super::write_recovery;

/// The latest unsaved plan as RON text, shared with the signal thread and the panic hook;
/// `None` when everything is saved.
#[derive(Debug, Clone, Default)]
pub struct Unsaved(Arc<Mutex<Option<String>>>);

impl Unsaved {
    pub fn new() -> Unsaved {
        Unsaved::default()
    }

    /// Records the text of the plan after an edit, or `None` after a save.
    pub fn set(&self, text: Option<String>) {
        let mut guard = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *guard = text;
    }

    pub fn get(&self) -> Option<String> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Like [`Unsaved::get`], but gives up instead of waiting: a panic hook runs on the
    /// thread that may hold the lock.
    fn try_get(&self) -> Option<String> {
        match self.0.try_lock() {
            Ok(guard) => guard.clone(),
            Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner().clone(),
            Err(TryLockError::WouldBlock) => None,
        }
    }

    /// Writes the unsaved text, if any, to the recovery file of `plan_path`.
    pub fn write_out(&self, plan_path: &Path) -> Option<PathBuf> {
        self.get()
            .and_then(|text| write_recovery(plan_path, &text).ok())
    }
}

/// Starts a thread that, on any of `signals`, writes the unsaved plan to its recovery
/// file, calls `before_exit` (the editor restores the terminal there) and exits with
/// 128 + the signal number, as a shell reports a program killed by it. Pass SIGTERM and
/// SIGHUP always; SIGINT only while the terminal is not in raw mode (in raw mode Ctrl-C
/// arrives as a key).
pub fn install_recovery_on_signals(
    plan_path: PathBuf,
    unsaved: Unsaved,
    signals: &[i32],
    before_exit: impl Fn() + Send + 'static,
) -> io::Result<signal_hook::iterator::Handle> {
    let mut signals = Signals::new(signals)?;
    let handle = signals.handle();
    thread::Builder::new()
        .name("recovery-on-signal".to_string())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let code = on_signal(&plan_path, &unsaved, signal);
                before_exit();
                std::process::exit(code);
            }
        })?;
    Ok(handle)
}

/// What the signal thread does before exiting: saves the unsaved text; returns the exit
/// code for `signal`.
pub(crate) fn on_signal(plan_path: &Path, unsaved: &Unsaved, signal: i32) -> i32 {
    unsaved.write_out(plan_path);
    128 + signal
}

/// Adds to the panic hook: the unsaved plan is written to its recovery file before the
/// previous hook (which reports the panic) runs.
pub fn install_recovery_on_panic(plan_path: PathBuf, unsaved: Unsaved) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if let Some(text) = unsaved.try_get() {
            let _ = write_recovery(&plan_path, &text);
        }
        previous(info);
    }));
}
