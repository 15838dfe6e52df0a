//! Writing unsaved edits out when the program is told to stop or panics. The editor
//! hands its unsaved plan to an [`Unsaved`] after each edit; a thread of its own turns
//! it into RON text, so that an edit never waits for the whole plan to be written out
//! and a signal or a panic usually only has to write a string.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, TryLockError};
use std::thread;

use signal_hook::iterator::Signals;

use crate::model::{to_ron, Plan};

use super::write_recovery;

/// The latest unsaved plan, shared with the signal thread and the panic hook.
#[derive(Debug, Clone, Default)]
pub struct Unsaved(Arc<Mutex<Latest>>);

#[derive(Debug, Default)]
struct Latest {
    /// Counts the changes, so that text worked out for a plan since replaced is dropped.
    generation: u64,
    content: Content,
}

#[derive(Debug, Default)]
enum Content {
    /// Everything is saved.
    #[default]
    Nothing,
    /// The plan, while its text is being worked out.
    Plan(Arc<Plan>),
    Text(String),
}

impl Content {
    fn text(&self) -> Option<String> {
        match self {
            Content::Nothing => None,
            Content::Plan(plan) => to_ron(plan).ok(),
            Content::Text(text) => Some(text.clone()),
        }
    }
}

impl Unsaved {
    pub fn new() -> Unsaved {
        Unsaved::default()
    }

    fn lock(&self) -> MutexGuard<'_, Latest> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Records the text of the plan, or `None` after a save.
    pub fn set(&self, text: Option<String>) {
        let mut latest = self.lock();
        latest.generation += 1;
        latest.content = text.map_or(Content::Nothing, Content::Text);
    }

    /// Records the plan after an edit; its text is worked out on a thread of its own. If
    /// that thread cannot start, the text is worked out when it is needed.
    pub fn set_plan(&self, plan: Arc<Plan>) {
        let generation = {
            let mut latest = self.lock();
            latest.generation += 1;
            latest.content = Content::Plan(Arc::clone(&plan));
            latest.generation
        };
        let shared = self.clone();
        let _ = thread::Builder::new()
            .name("recovery-text".to_string())
            .spawn(move || shared.write_text(generation, &plan));
    }

    fn write_text(&self, generation: u64, plan: &Plan) {
        if self.lock().generation != generation {
            return;
        }
        if let Ok(text) = to_ron(plan) {
            let mut latest = self.lock();
            if latest.generation == generation {
                latest.content = Content::Text(text);
            }
        }
    }

    pub fn get(&self) -> Option<String> {
        self.lock().content.text()
    }

    /// Like [`Unsaved::get`], but gives up instead of waiting: a panic hook runs on the
    /// thread that may hold the lock.
    fn try_get(&self) -> Option<String> {
        match self.0.try_lock() {
            Ok(latest) => latest.content.text(),
            Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner().content.text(),
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
