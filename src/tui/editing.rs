//! Editing the plan from the interactive view: the edit pane over an item's fields,
//! adding, duplicating and deleting items, undo and redo (saving and the dialogs are in
//! `dialogs`). Every change goes through the plan's `History`, which refuses values that would make
//! the plan invalid, so the plan in memory is always one the engine can analyse.

use std::sync::Arc;

use crossterm::event::KeyEvent;

use crate::model::edit::{
    add, delete, duplicate, fields, item_label, references, set_field, Collection, Edit, EditError,
    Field, ItemRef,
};
use crate::model::Plan;

use super::app::{App, View};
use super::dialogs::Dialog;
use super::input::{LineInput, Outcome};

/// The fields of one item, one of them selected, perhaps being typed into.
#[derive(Debug, Clone, PartialEq)]
pub struct Pane {
    pub item: ItemRef,
    pub field: usize,
    pub input: Option<FieldInput>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldInput {
    pub line: LineInput,
    /// Why the last value typed was refused.
    pub error: Option<String>,
}

/// The items of the Plan view, in plan-file order: the plan's name, its policy, the
/// profiles, the regions, and every site's expansions.
pub fn plan_items(plan: &Plan) -> Vec<ItemRef> {
    let mut items = vec![ItemRef::Plan, ItemRef::Policy];
    items.extend((0..plan.profiles.len()).map(ItemRef::Profile));
    items.extend((0..plan.regions.len()).map(ItemRef::Region));
    for (site, s) in plan.sites.iter().enumerate() {
        items.extend((0..s.expansions.len()).map(|index| ItemRef::Expansion { site, index }));
    }
    items
}

/// Failed sites carried over a change of plan: by position while the sites stay in place
/// (a renamed site is still the one failed), by id once sites were added or removed.
pub fn remap_failed(old: &Plan, new: &Plan, failed: &[usize]) -> Vec<usize> {
    if old.sites.len() == new.sites.len() {
        return failed.to_vec();
    }
    let mut kept: Vec<usize> = failed
        .iter()
        .filter_map(|&j| old.sites.get(j))
        .filter_map(|s| new.sites.iter().position(|n| n.id == s.id))
        .collect();
    kept.sort_unstable();
    kept.dedup();
    kept
}

impl App {
    /// The pane's fields, or none when no pane is open.
    pub fn pane_fields(&self) -> Vec<Field> {
        self.pane
            .as_ref()
            .and_then(|p| fields(&self.plan, p.item).ok())
            .unwrap_or_default()
    }

    /// The item the keys act on: the pane's, or the selected row's.
    pub fn current_item(&self) -> Option<ItemRef> {
        if let Some(pane) = &self.pane {
            return Some(pane.item);
        }
        match self.view {
            View::Overview => Some(ItemRef::Policy),
            View::Sites | View::Hazards | View::Runway => {
                let id = self.selected_key(self.view)?;
                self.plan
                    .sites
                    .iter()
                    .position(|s| s.id == id)
                    .map(ItemRef::Site)
            }
            View::Services => {
                let id = self.selected_key(View::Services)?;
                let i = self.plan.services.iter().position(|s| s.id == id)?;
                Some(ItemRef::Service(i))
            }
            View::Scenarios => {
                // Automatic scenarios are named `site:…` and `region:…`, names no
                // scenario of the plan's own may have.
                let name = self.selected_key(View::Scenarios)?;
                let i = self.plan.scenarios.iter().position(|s| s.name == name)?;
                Some(ItemRef::Scenario(i))
            }
            View::Plan => {
                let k = self.selection(View::Plan)?;
                plan_items(&self.plan).get(k).copied()
            }
        }
    }

    /// Keys while a field's value is being typed.
    pub(crate) fn field_key(&mut self, key: KeyEvent) {
        let Some(input) = self.pane.as_mut().and_then(|p| p.input.as_mut()) else {
            return;
        };
        match input.line.key(&key) {
            Outcome::Submit => self.submit_field(),
            Outcome::Cancel => {
                if let Some(pane) = self.pane.as_mut() {
                    pane.input = None;
                }
            }
            Outcome::Edited => input.error = None,
            Outcome::Ignored => {}
        }
    }

    fn submit_field(&mut self) {
        let Some(pane) = &self.pane else { return };
        let Some(text) = pane.input.as_ref().map(|i| i.line.text.clone()) else {
            return;
        };
        let Some(field) = self.pane_fields().into_iter().nth(pane.field) else {
            return;
        };
        let result = set_field(&self.plan, &field.path, &text)
            .map_err(|e| e.to_string())
            .and_then(|edit| self.apply_edit(edit));
        match (result, self.pane.as_mut()) {
            (Ok(_), Some(pane)) => pane.input = None,
            (Err(message), Some(pane)) => {
                if let Some(input) = pane.input.as_mut() {
                    input.error = Some(message);
                }
            }
            (_, None) => {}
        }
    }

    /// Applies `edit` through the history; on success the new plan is analysed and the
    /// status bar names the change. Returns the item changed.
    fn apply_edit(&mut self, edit: Edit) -> Result<Option<ItemRef>, String> {
        if edit.is_noop() {
            self.status = "unchanged".into();
            return Ok(None);
        }
        let item = edit.item();
        let mut plan = (*self.plan).clone();
        let name = self
            .history
            .apply(&mut plan, edit)
            .map_err(|e| e.to_string())?;
        self.commit(plan, Some(format!("changed: {name}")));
        Ok(item)
    }

    /// The plan changed: keep it for recovery, and have it analysed.
    pub(crate) fn commit(&mut self, plan: Plan, status: Option<String>) {
        if let Some(status) = status {
            self.status = status;
        }
        self.replace_plan(plan);
        if self.history.is_dirty() {
            self.unsaved.set_plan(Arc::clone(&self.plan));
        } else {
            self.unsaved.set(None);
        }
        self.fix_pane();
    }

    /// Closes the pane when its item is gone; keeps its field within the item's fields.
    fn fix_pane(&mut self) {
        let Some(pane) = self.pane.as_mut() else {
            return;
        };
        match fields(&self.plan, pane.item) {
            Ok(f) => pane.field = pane.field.min(f.len().saturating_sub(1)),
            Err(_) => self.pane = None,
        }
    }

    /// Opens the pane on the selected item (Enter or `e` on a row).
    pub(crate) fn open_pane(&mut self) {
        let Some(item) = self.current_item() else {
            self.status = match self.view {
                View::Scenarios => "automatic scenarios follow the sites and regions; a adds a scenario of your own".into(),
                _ => "nothing to edit here".into(),
            };
            return;
        };
        self.pane = fields(&self.plan, item).ok().map(|_| Pane {
            item,
            field: 0,
            input: None,
        });
    }

    /// Starts typing into the pane's selected field, from its current value.
    pub(crate) fn begin_field(&mut self) {
        let Some(field) = self
            .pane
            .as_ref()
            .and_then(|p| self.pane_fields().into_iter().nth(p.field))
        else {
            return;
        };
        if let Some(pane) = self.pane.as_mut() {
            pane.input = Some(FieldInput {
                line: LineInput::new(&field.value_text),
                error: None,
            });
        }
    }

    pub(crate) fn move_field(&mut self, by: isize) {
        let n = self.pane_fields().len();
        if let Some(pane) = self.pane.as_mut() {
            let to = (pane.field as isize)
                .saturating_add(by)
                .clamp(0, n.saturating_sub(1) as isize);
            pane.field = to as usize;
        }
    }

    /// Shows `item`: its view and row, and the pane on it when one is open (or `open`).
    fn select(&mut self, item: ItemRef, open: bool) {
        let site_view = if self.view.lists_sites() {
            self.view
        } else {
            View::Sites
        };
        let plan = &self.plan;
        // An item no longer in the plan (an addition undone) leaves the selection at its
        // place, kept within the rows.
        let (view, key, row) = match item {
            ItemRef::Site(j) => (site_view, plan.sites.get(j).map(|s| s.id.clone()), j),
            ItemRef::Service(i) => (
                View::Services,
                plan.services.get(i).map(|s| s.id.clone()),
                i,
            ),
            ItemRef::Scenario(i) => (
                View::Scenarios,
                plan.scenarios.get(i).map(|s| s.name.clone()),
                0,
            ),
            ItemRef::Policy if self.view == View::Overview => (View::Overview, None, 0),
            other => {
                let row = plan_items(plan).iter().position(|&x| x == other);
                (View::Plan, None, row.unwrap_or(0))
            }
        };
        if view != View::Overview {
            // An item just added or duplicated is shown whatever the filter; undo, redo
            // and delete keep the filter the planner set.
            if open {
                if let Some(filter) = self.filters.get_mut(view.index()) {
                    filter.clear();
                }
            }
            match key {
                Some(key) => self.point_at(view, key),
                None => self.selected[view.index()] = row,
            }
        }
        self.view = view;
        let exists = fields(&self.plan, item).is_ok();
        if (open || self.pane.is_some()) && exists {
            self.pane = Some(Pane {
                item,
                field: 0,
                input: None,
            });
        }
        self.fix_pane();
    }

    /// The list `a` adds to here.
    fn add_target(&self) -> Result<Collection, String> {
        let from_row = |item: ItemRef| match item {
            ItemRef::Site(site) if self.pane.is_some() => Ok(Collection::Expansions { site }),
            other => other.position().map(|(c, _)| c).ok_or_else(|| {
                format!(
                    "there is one {}; select a profile, region or expansion to add one",
                    item_label(&self.plan, other)
                )
            }),
        };
        let selected = || {
            self.current_item()
                .ok_or_else(|| "select an item first".to_string())
                .and_then(from_row)
        };
        match self.view {
            _ if self.pane.is_some() => selected(),
            View::Overview => Err("add items in a list: Sites, Services, Scenarios or Plan".into()),
            View::Sites | View::Hazards | View::Runway => Ok(Collection::Sites),
            View::Services => Ok(Collection::Services),
            View::Scenarios => Ok(Collection::Scenarios),
            View::Plan => selected(),
        }
    }

    pub(crate) fn add_item(&mut self) {
        let edit = self
            .add_target()
            .and_then(|c| add(&self.plan, c).map_err(|e| e.to_string()));
        self.apply_and_open(edit);
    }

    pub(crate) fn duplicate_item(&mut self) {
        let edit = match self.current_item() {
            Some(item) => duplicate(&self.plan, item).map_err(|e| e.to_string()),
            None => Err("nothing to duplicate here".into()),
        };
        self.apply_and_open(edit);
    }

    fn apply_and_open(&mut self, edit: Result<Edit, String>) {
        match edit.and_then(|e| self.apply_edit(e)) {
            Ok(Some(item)) => self.select(item, true),
            Ok(None) => {}
            Err(message) => self.status = message,
        }
    }

    /// Asks before deleting; says at once what still refers to the item.
    pub(crate) fn ask_delete(&mut self) {
        let Some(item) = self.current_item() else {
            self.status = "nothing to delete here".into();
            return;
        };
        let refs = references(&self.plan, item);
        if !refs.is_empty() {
            self.status = format!(
                "cannot delete {}: referenced by {}",
                item_label(&self.plan, item),
                refs.join(", ")
            );
            return;
        }
        match delete(&self.plan, item) {
            Ok(_) => self.dialog = Some(Dialog::ConfirmDelete(item)),
            Err(e) => self.status = e.to_string(),
        }
    }

    pub(crate) fn delete_now(&mut self, item: ItemRef) {
        let edit = delete(&self.plan, item).map_err(|e| e.to_string());
        if self.pane.as_ref().is_some_and(|p| p.item == item) {
            self.pane = None;
        }
        match edit.and_then(|e| self.apply_edit(e)) {
            Ok(Some(at)) => self.select(at, false),
            Ok(None) => {}
            Err(message) => self.status = message,
        }
    }

    pub(crate) fn undo(&mut self) {
        let mut plan = (*self.plan).clone();
        let step = self.history.undo(&mut plan);
        self.stepped(plan, step, "undone", "nothing to undo");
    }

    pub(crate) fn redo(&mut self) {
        let mut plan = (*self.plan).clone();
        let step = self.history.redo(&mut plan);
        self.stepped(plan, step, "redone", "nothing to redo");
    }

    fn stepped(
        &mut self,
        plan: Plan,
        step: Result<Option<crate::model::Step>, EditError>,
        done: &str,
        nothing: &str,
    ) {
        match step {
            Ok(Some(step)) => {
                self.commit(plan, Some(format!("{done}: {}", step.name)));
                if let Some(item) = step.item {
                    self.select(item, false);
                }
            }
            Ok(None) => self.status = nothing.into(),
            Err(e) => self.status = format!("{nothing}: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_plan;

    fn tiny() -> Plan {
        let source = include_str!("../../plans/tiny.ron");
        load_plan(source, "tiny.ron")
            .map(|l| l.plan)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn failed_sites_follow_their_ids_when_sites_come_and_go() {
        let old = tiny();
        let mut fewer = old.clone();
        fewer.sites.remove(1);
        // A and C failed; B removed: C is now at 1.
        assert_eq!(remap_failed(&old, &fewer, &[0, 2]), vec![0, 1]);
        // B failed and removed: nothing left failed.
        assert_eq!(remap_failed(&old, &fewer, &[1]), Vec::<usize>::new());
        let mut renamed = old.clone();
        renamed.sites[2].id = "C2".into();
        assert_eq!(
            remap_failed(&old, &renamed, &[2]),
            vec![2],
            "a rename keeps it"
        );
    }

    #[test]
    fn plan_view_lists_expansions_after_regions() {
        let mut plan = tiny();
        let capacity = plan.sites[2].capacity;
        plan.sites[2].expansions.push(crate::model::Expansion {
            month: 12,
            capacity,
            description: None,
        });
        let items = plan_items(&plan);
        assert_eq!(items.len(), 2 + 1 + 2 + 1);
        assert_eq!(
            items.last(),
            Some(&ItemRef::Expansion { site: 2, index: 0 })
        );
    }
}
