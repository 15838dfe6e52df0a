//! What changed since the plan's file was opened or last saved, as `headroom diff` names
//! it: the "changes" overlay, and the lines the changed-on-disk and recovery dialogs show.

use crate::model::diff::diff;
use crate::model::Plan;
use crate::report::diff::plan_lines;

use super::app::App;
use super::keymap::Action;

/// The overlay's lines, and the first one shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Changes {
    pub lines: Vec<(char, String)>,
    pub scroll: usize,
}

/// The changes from `old` to `new`, one line each: `+` added, `-` removed, `~` changed.
pub fn plan_changes(old: &Plan, new: &Plan) -> Vec<(char, String)> {
    match diff(old, new) {
        Ok(changes) => plan_lines(&changes),
        Err(e) => vec![('~', format!("the plans cannot be compared: {e}"))],
    }
}

impl App {
    /// Opens the overlay on the changes since the file was opened or saved.
    pub(crate) fn show_changes(&mut self) {
        self.changes = Some(Changes {
            lines: plan_changes(&self.saved_plan, &self.plan),
            scroll: 0,
        });
    }

    /// Keys while the overlay is open: up and down scroll it, any other key closes it.
    pub(crate) fn changes_key(&mut self, action: Option<Action>) {
        let Some(changes) = self.changes.as_mut() else {
            return;
        };
        let most = changes.lines.len().saturating_sub(1);
        let at = &mut changes.scroll;
        match action {
            Some(Action::Up) => *at = at.saturating_sub(1),
            Some(Action::Down) => *at = (*at + 1).min(most),
            Some(Action::PageUp) => *at = at.saturating_sub(10),
            Some(Action::PageDown) => *at = (*at + 10).min(most),
            Some(Action::Quit) => {
                self.changes = None;
                self.request_quit();
            }
            _ => self.changes = None,
        }
    }
}
