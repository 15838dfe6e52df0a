//! Undo and redo of edits, and whether the plan differs from what was last saved.

use super::edit::{apply, apply_checked, Edit, EditError, ItemRef};
use super::Plan;

/// An applied edit: its name, and the edit that takes it back.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    reverse: Edit,
}

/// What an undo or redo did: the edit's name, and the item it changed (see [`Edit::item`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub name: String,
    pub item: Option<ItemRef>,
}

/// The edits made to one plan since it was opened. Undo applies an edit's inverse; a new
/// edit forgets what could be redone. The plan is clean when it is back at the state it was
/// last saved (or opened) in, even when that is reached by undoing.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    /// Undo depth of the saved state; `None` once that state can no longer be reached.
    saved: Option<usize>,
}

impl History {
    /// A history for a plan just opened: nothing to undo, clean.
    pub fn new() -> History {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            saved: Some(0),
        }
    }

    /// A history for a plan taken from a recovery file: it differs from the file on disk,
    /// so it stays dirty until saved, even after undoing everything done since.
    pub fn recovered() -> History {
        History {
            saved: None,
            ..History::new()
        }
    }

    /// Applies `edit` unless it would make the plan invalid; returns its name. A field set
    /// to the value it has is not recorded: confirming a field unchanged is no edit.
    pub fn apply(&mut self, plan: &mut Plan, edit: Edit) -> Result<String, EditError> {
        if edit.is_noop() {
            return Ok(edit.name);
        }
        let reverse = apply_checked(plan, &edit)?;
        if self.saved.is_some_and(|depth| depth > self.undo.len()) {
            self.saved = None;
        }
        self.redo.clear();
        self.undo.push(Entry {
            name: edit.name.clone(),
            reverse,
        });
        Ok(edit.name)
    }

    /// Takes back the last edit; `None` when there is nothing to undo.
    pub fn undo(&mut self, plan: &mut Plan) -> Result<Option<Step>, EditError> {
        step(plan, &mut self.undo, &mut self.redo)
    }

    /// Makes the last undone edit again; `None` when there is nothing to redo.
    pub fn redo(&mut self, plan: &mut Plan) -> Result<Option<Step>, EditError> {
        step(plan, &mut self.redo, &mut self.undo)
    }

    /// What undo would take back.
    pub fn undo_name(&self) -> Option<&str> {
        self.undo.last().map(|e| e.name.as_str())
    }

    /// What redo would make again.
    pub fn redo_name(&self) -> Option<&str> {
        self.redo.last().map(|e| e.name.as_str())
    }

    /// Whether the plan differs from the state it was last saved or opened in.
    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.undo.len())
    }

    /// Records that the plan as it is now has been written out.
    pub fn mark_saved(&mut self) {
        self.saved = Some(self.undo.len());
    }
}

/// Applies the top of `from` and moves it to `to`. Undo and redo restore states the plan
/// was already in, so they are not validated again.
fn step(
    plan: &mut Plan,
    from: &mut Vec<Entry>,
    to: &mut Vec<Entry>,
) -> Result<Option<Step>, EditError> {
    let Some(entry) = from.pop() else {
        return Ok(None);
    };
    match apply(plan, &entry.reverse) {
        Ok(reverse) => {
            let step = Step {
                name: entry.name.clone(),
                item: entry.reverse.item(),
            };
            to.push(Entry {
                name: entry.name,
                reverse,
            });
            Ok(Some(step))
        }
        Err(e) => {
            from.push(entry);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::{set_field, FieldPath, ItemRef};
    use crate::model::load_plan;

    fn tiny() -> Plan {
        load_plan(include_str!("../../plans/tiny.ron"), "tiny.ron")
            .map(|l| l.plan)
            .unwrap()
    }

    fn servers(plan: &Plan, text: &str) -> Edit {
        let path = FieldPath {
            item: ItemRef::Site(0),
            key: "capacity.servers",
        };
        set_field(plan, &path, text).unwrap()
    }

    #[test]
    fn undo_and_redo_step_through_the_edits_by_name() {
        let original = tiny();
        let mut plan = original.clone();
        let mut history = History::new();
        assert_eq!(history.undo(&mut plan), Ok(None));
        {
            let edit = servers(&plan, "1100");
            history.apply(&mut plan, edit)
        }
        .unwrap();
        {
            let edit = servers(&plan, "1200");
            history.apply(&mut plan, edit)
        }
        .unwrap();
        assert_eq!(
            history.undo_name(),
            Some("site \"A\" capacity.servers 1100 → 1200")
        );
        let undone = history.undo(&mut plan).unwrap().unwrap();
        assert_eq!(undone.name, "site \"A\" capacity.servers 1100 → 1200");
        assert_eq!(undone.item, Some(ItemRef::Site(0)));
        assert_eq!(plan.sites[0].capacity.servers, 1100.0);
        assert_eq!(
            history.redo_name(),
            Some("site \"A\" capacity.servers 1100 → 1200")
        );
        history.redo(&mut plan).unwrap();
        assert_eq!(plan.sites[0].capacity.servers, 1200.0);
        history.undo(&mut plan).unwrap();
        history.undo(&mut plan).unwrap();
        assert_eq!(plan, original);
        assert_eq!(history.undo_name(), None);
    }

    #[test]
    fn a_new_edit_forgets_what_could_be_redone() {
        let mut plan = tiny();
        let mut history = History::new();
        {
            let edit = servers(&plan, "1100");
            history.apply(&mut plan, edit)
        }
        .unwrap();
        history.undo(&mut plan).unwrap();
        {
            let edit = servers(&plan, "900");
            history.apply(&mut plan, edit)
        }
        .unwrap();
        assert_eq!(history.redo_name(), None);
        assert_eq!(history.redo(&mut plan), Ok(None));
        assert_eq!(plan.sites[0].capacity.servers, 900.0);
    }

    #[test]
    fn a_recovered_plan_is_dirty_until_saved() {
        let mut plan = tiny();
        let mut history = History::recovered();
        assert!(history.is_dirty());
        {
            let edit = servers(&plan, "1100");
            history.apply(&mut plan, edit)
        }
        .unwrap();
        history.undo(&mut plan).unwrap();
        assert!(history.is_dirty());
        history.mark_saved();
        assert!(!history.is_dirty());
    }

    #[test]
    fn a_field_confirmed_unchanged_is_not_an_edit() {
        let mut plan = tiny();
        let mut history = History::new();
        let edit = servers(&plan, "1000");
        assert!(edit.is_noop());
        history.apply(&mut plan, edit).unwrap();
        assert_eq!(history.undo_name(), None);
        assert!(!history.is_dirty());
    }

    #[test]
    fn a_refused_edit_is_not_recorded() {
        let mut plan = tiny();
        let mut history = History::new();
        let path = FieldPath {
            item: ItemRef::Policy,
            key: "failover_utilization",
        };
        let edit = set_field(&plan, &path, "0.5").unwrap();
        assert!(history.apply(&mut plan, edit).is_err());
        assert_eq!(history.undo_name(), None);
        assert!(!history.is_dirty());
    }

    #[test]
    fn the_plan_is_clean_again_when_undone_back_to_the_saved_state() {
        let mut plan = tiny();
        let mut history = History::new();
        assert!(!history.is_dirty());
        {
            let edit = servers(&plan, "1100");
            history.apply(&mut plan, edit)
        }
        .unwrap();
        assert!(history.is_dirty());
        history.mark_saved();
        assert!(!history.is_dirty());
        {
            let edit = servers(&plan, "1200");
            history.apply(&mut plan, edit)
        }
        .unwrap();
        assert!(history.is_dirty());
        history.undo(&mut plan).unwrap();
        assert!(!history.is_dirty());
        history.undo(&mut plan).unwrap();
        assert!(history.is_dirty(), "before the saved state is dirty too");
        history.redo(&mut plan).unwrap();
        assert!(!history.is_dirty());
    }

    #[test]
    fn the_saved_state_is_lost_once_a_new_edit_replaces_it() {
        let mut plan = tiny();
        let mut history = History::new();
        {
            let edit = servers(&plan, "1100");
            history.apply(&mut plan, edit)
        }
        .unwrap();
        history.mark_saved();
        history.undo(&mut plan).unwrap();
        {
            let edit = servers(&plan, "1100");
            history.apply(&mut plan, edit)
        }
        .unwrap();
        // Same figures as saved, but reached by another edit: a planner would still be
        // asked to save, never told wrongly that everything is saved.
        assert!(history.is_dirty());
        history.undo(&mut plan).unwrap();
        assert!(history.is_dirty());
    }
}
