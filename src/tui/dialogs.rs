//! The dialogs that stand between the planner and lost work: delete, quit with unsaved
//! changes, a file changed on disk, save as, and the recovery offer at start; and saving
//! itself.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent};

use crate::model::edit::ItemRef;
use crate::model::{load_plan_bytes, History, Plan};
use crate::store::{discard_recovery, PlanFile, SaveOutcome, StoreError};

use super::app::App;
use super::changes::plan_changes;
use super::input::{LineInput, Outcome};

/// Where a plan with no file of its own is first saved.
pub const DEFAULT_SAVE_PATH: &str = "plan.ron";

/// A question that holds every other key until it is answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    ConfirmDelete(ItemRef),
    /// Quitting with unsaved changes.
    Quit,
    /// The file changed on disk since it was read, with what changed there.
    Conflict {
        changes: Vec<(char, String)>,
    },
    SaveAs {
        line: LineInput,
        error: Option<String>,
    },
    /// A recovery file from an earlier run, already loaded, with what it changes.
    Restore {
        plan: Box<Plan>,
        path: PathBuf,
        changes: Vec<(char, String)>,
    },
}

impl App {
    /// Keys while a dialog is open; every other key waits.
    pub(crate) fn dialog_key(&mut self, key: KeyEvent) {
        let Some(dialog) = self.dialog.take() else {
            return;
        };
        let c = match key.code {
            KeyCode::Char(c) => Some(c.to_ascii_lowercase()),
            _ => None,
        };
        let esc = key.code == KeyCode::Esc;
        match dialog {
            Dialog::ConfirmDelete(item) => match c {
                Some('y') => self.delete_now(item),
                Some('n') => self.status = "nothing deleted".into(),
                _ if esc => self.status = "nothing deleted".into(),
                _ => self.dialog = Some(Dialog::ConfirmDelete(item)),
            },
            Dialog::Quit => match c {
                Some('s') => {
                    self.quit_after_save = true;
                    self.save();
                }
                Some('d') => {
                    self.unsaved.set(None);
                    self.quit = true;
                }
                _ if esc => {}
                _ => self.dialog = Some(Dialog::Quit),
            },
            Dialog::Conflict { changes } => match c {
                Some('r') => self.reload(),
                Some('o') => {
                    let outcome = match self.store.as_mut() {
                        Some(file) => file.save_overwrite(&self.plan),
                        None => return self.open_save_as(),
                    };
                    self.saved(outcome, None);
                }
                Some('a') => self.open_save_as(),
                _ if esc => self.quit_after_save = false,
                _ => self.dialog = Some(Dialog::Conflict { changes }),
            },
            Dialog::SaveAs { mut line, error } => match line.key(&key) {
                Outcome::Submit => self.save_as(line),
                Outcome::Cancel => self.quit_after_save = false,
                Outcome::Edited => self.dialog = Some(Dialog::SaveAs { line, error: None }),
                Outcome::Ignored => self.dialog = Some(Dialog::SaveAs { line, error }),
            },
            Dialog::Restore {
                plan,
                path,
                changes,
            } => match c {
                Some('r') => self.restore(*plan, &path),
                Some('d') => {
                    self.status = match discard_recovery(&path) {
                        Ok(()) => "recovery file discarded".into(),
                        Err(e) => format!("cannot remove the recovery file: {e}"),
                    }
                }
                _ => {
                    self.dialog = Some(Dialog::Restore {
                        plan,
                        path,
                        changes,
                    })
                }
            },
        }
    }

    /// Offers the plan found in the recovery file of `path` (the plan file) at start.
    pub fn offer_recovery(&mut self, plan: Plan, path: &Path) {
        self.dialog = Some(Dialog::Restore {
            changes: plan_changes(&self.plan, &plan),
            plan: Box::new(plan),
            path: path.to_path_buf(),
        });
    }

    fn restore(&mut self, plan: Plan, path: &Path) {
        self.history = History::recovered();
        self.status = "restored the unsaved changes; s saves them".into();
        self.commit(plan, None);
        if let Err(e) = discard_recovery(path) {
            self.status = format!("restored, but the recovery file stays: {e}");
        }
    }

    /// Quits at once when everything is saved; otherwise asks.
    pub(crate) fn request_quit(&mut self) {
        if self.history.is_dirty() {
            self.dialog = Some(Dialog::Quit);
        } else {
            self.quit = true;
        }
    }

    /// Saves to the plan's file; a plan without one is saved as a new file.
    pub(crate) fn save(&mut self) {
        let Some(file) = self.store.as_mut() else {
            return self.open_save_as();
        };
        let outcome = file.save(&self.plan);
        self.saved(outcome, None);
    }

    pub(crate) fn open_save_as(&mut self) {
        let path = self.store.as_ref().map_or_else(
            || DEFAULT_SAVE_PATH.to_string(),
            |f| f.path.display().to_string(),
        );
        self.dialog = Some(Dialog::SaveAs {
            line: LineInput::new(&path),
            error: None,
        });
    }

    fn save_as(&mut self, line: LineInput) {
        let text = line.text.trim();
        if text.is_empty() {
            self.dialog = Some(Dialog::SaveAs {
                line,
                error: Some("type the path of the file to save to".into()),
            });
            return;
        }
        let path = PathBuf::from(text);
        let before = self.store.as_ref().map(|f| f.path.clone());
        let mut file = self.store.clone().unwrap_or_else(|| PlanFile::new(&path));
        match file.save_as(&self.plan, &path) {
            Ok(outcome) => {
                self.store = Some(file);
                self.saved(Ok(outcome), before);
            }
            Err(e) => {
                self.dialog = Some(Dialog::SaveAs {
                    line,
                    error: Some(e.to_string()),
                })
            }
        }
    }

    /// After a save: the plan is clean and needs no recovery copy any more.
    fn saved(&mut self, outcome: Result<SaveOutcome, StoreError>, previous: Option<PathBuf>) {
        match outcome {
            Ok(outcome) => {
                self.history.mark_saved();
                self.saved_plan = Arc::clone(&self.plan);
                self.unsaved.set(None);
                let discarded = previous
                    .iter()
                    .chain(std::iter::once(&outcome.path))
                    .try_for_each(|p| discard_recovery(p));
                let kept = outcome.backup.as_ref().map_or(String::new(), |b| {
                    format!(" (previous version in {})", b.display())
                });
                let rewritten = if outcome.rewritten {
                    "; its own layout could not be kept, so it was written anew"
                } else {
                    ""
                };
                self.status = format!("saved {}{kept}{rewritten}", outcome.path.display());
                if let Err(e) = discarded {
                    self.status = format!("{}; the recovery file stays: {e}", self.status);
                }
                if self.quit_after_save {
                    self.quit = true;
                }
            }
            Err(StoreError::Conflict(path)) => {
                self.dialog = Some(Dialog::Conflict {
                    changes: self.changes_on_disk(&path),
                })
            }
            Err(e) => {
                self.quit_after_save = false;
                self.status = format!("not saved: {e}");
            }
        }
    }

    /// What another program changed in the file at `path` since this one read or wrote it.
    fn changes_on_disk(&self, path: &Path) -> Vec<(char, String)> {
        let name = path.display().to_string();
        match std::fs::read(path).map(|bytes| load_plan_bytes(&bytes, &name)) {
            Ok(Ok(loaded)) => plan_changes(&self.saved_plan, &loaded.plan),
            Ok(Err(errors)) => vec![(
                '-',
                format!(
                    "the file on disk does not load: {} error(s)",
                    errors.0.len()
                ),
            )],
            Err(e) => vec![('-', format!("the file on disk cannot be read: {e}"))],
        }
    }

    /// Drops the edits and reads the file again, as it now is on disk.
    fn reload(&mut self) {
        self.quit_after_save = false;
        let Some(path) = self.store.as_ref().map(|f| f.path.clone()) else {
            return;
        };
        let opened = PlanFile::open(&path).map_err(|e| e.to_string());
        let loaded = opened.and_then(|(file, bytes)| {
            load_plan_bytes(&bytes, &path.display().to_string())
                .map(|l| (file, l.plan))
                .map_err(|errors| {
                    let first = errors.0.first().map(ToString::to_string);
                    format!(
                        "{} error(s) in the file on disk: {}",
                        errors.0.len(),
                        first.unwrap_or_default()
                    )
                })
        });
        match loaded {
            Ok((file, plan)) => {
                self.store = Some(file);
                self.history = History::new();
                self.commit(plan, Some(format!("reloaded {}", path.display())));
                self.saved_plan = Arc::clone(&self.plan);
            }
            Err(message) => self.status = format!("cannot reload: {message}"),
        }
    }
}
