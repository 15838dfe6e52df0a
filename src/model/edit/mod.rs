//! Changes to a plan, each one reversible: a change stores what it replaced (the old value
//! of a field, the item it removed), never a copy of the whole plan, so undo is exact and
//! cheap. Every field of every item can be listed and set from the text a planner types.
//!
//! Deleting an item that something still refers to is refused, and the message lists the
//! references: a planner removes a site from its services and scenarios first, on purpose,
//! rather than watching a delete ripple through the plan. Renaming an id is the opposite
//! case: the new id is carried to every reference, because a rename keeps the meaning.

mod check;
mod fields;
mod items;
mod slot;

pub use check::{errors, warnings};
pub use fields::{fields, set_field};
pub use fields::{Field, FieldKind};
pub use items::{add, delete, duplicate, ids, references};
pub use slot::Value;

use thiserror::Error;

use super::{Expansion, Plan, Profile, Region, Scenario, Service, Site};

/// A list of items in a plan. Expansions live inside one site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collection {
    Profiles,
    Regions,
    Sites,
    Expansions { site: usize },
    Services,
    Scenarios,
}

impl Collection {
    pub fn name(self) -> &'static str {
        match self {
            Collection::Profiles => "profiles",
            Collection::Regions => "regions",
            Collection::Sites => "sites",
            Collection::Expansions { .. } => "expansions",
            Collection::Services => "services",
            Collection::Scenarios => "scenarios",
        }
    }
}

/// The thing whose fields are shown: the plan itself, its policy, or one item by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemRef {
    Plan,
    Policy,
    Profile(usize),
    Region(usize),
    Site(usize),
    Expansion { site: usize, index: usize },
    Service(usize),
    Scenario(usize),
}

impl ItemRef {
    /// The item at `index` of `collection`.
    pub fn at(collection: Collection, index: usize) -> ItemRef {
        match collection {
            Collection::Profiles => ItemRef::Profile(index),
            Collection::Regions => ItemRef::Region(index),
            Collection::Sites => ItemRef::Site(index),
            Collection::Expansions { site } => ItemRef::Expansion { site, index },
            Collection::Services => ItemRef::Service(index),
            Collection::Scenarios => ItemRef::Scenario(index),
        }
    }

    /// The collection holding this item and its position there; none for plan and policy.
    pub fn position(self) -> Option<(Collection, usize)> {
        match self {
            ItemRef::Plan | ItemRef::Policy => None,
            ItemRef::Profile(i) => Some((Collection::Profiles, i)),
            ItemRef::Region(i) => Some((Collection::Regions, i)),
            ItemRef::Site(i) => Some((Collection::Sites, i)),
            ItemRef::Expansion { site, index } => Some((Collection::Expansions { site }, index)),
            ItemRef::Service(i) => Some((Collection::Services, i)),
            ItemRef::Scenario(i) => Some((Collection::Scenarios, i)),
        }
    }
}

/// One field of one item: `site 2` + `capacity.servers`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldPath {
    pub item: ItemRef,
    pub key: &'static str,
}

/// A whole item, as inserted into or removed from a collection.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Profile { name: String, profile: Profile },
    Region(Region),
    Site(Site),
    Expansion(Expansion),
    Service(Service),
    Scenario(Scenario),
}

/// The kinds of item known by an id that other items can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Profile,
    Region,
    Site,
    Service,
}

impl IdKind {
    pub fn name(self) -> &'static str {
        match self {
            IdKind::Profile => "profile",
            IdKind::Region => "region",
            IdKind::Site => "site",
            IdKind::Service => "service",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Set {
        path: FieldPath,
        old: Value,
        new: Value,
    },
    Insert {
        collection: Collection,
        index: usize,
        item: Box<Item>,
    },
    Remove {
        collection: Collection,
        index: usize,
    },
    /// A new id for a profile, region, site or service, carried to every reference.
    Rename {
        kind: IdKind,
        old: String,
        new: String,
    },
}

/// A change with the words the status bar and the undo menu show for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub change: Change,
    pub name: String,
}

impl Edit {
    /// A field set to the value it already has: nothing to apply or to undo.
    pub fn is_noop(&self) -> bool {
        matches!(&self.change, Change::Set { old, new, .. } if old == new)
    }

    /// The item this edit changes, for an editor to select after it; after a delete, the
    /// position the item had (which may now be past the end). A rename touches many items
    /// and names none.
    pub fn item(&self) -> Option<ItemRef> {
        match &self.change {
            Change::Set { path, .. } => Some(path.item),
            Change::Insert {
                collection, index, ..
            }
            | Change::Remove { collection, index } => Some(ItemRef::at(*collection, *index)),
            Change::Rename { .. } => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum EditError {
    #[error("{0} does not exist")]
    NoSuchItem(String),
    #[error("{item} has no field {key}")]
    NoSuchField { item: String, key: String },
    #[error("{field}: {message}")]
    Parse { field: String, message: String },
    #[error("{item} cannot be deleted: {} still refer to it", .references.join(", "))]
    Referenced {
        item: String,
        references: Vec<String>,
    },
    #[error("{kind} \"{id}\" already exists")]
    IdTaken { kind: &'static str, id: String },
    #[error("{0}")]
    Refused(String),
    /// The change would break a rule of a valid plan; the plan is left as it was.
    #[error("not changed: {}", .0.join("; "))]
    Invalid(Vec<String>),
}

/// Applies `edit` and returns its inverse, checking only that its target exists. Undo and
/// redo use it: they restore states the plan was already in.
pub fn apply(plan: &mut Plan, edit: &Edit) -> Result<Edit, EditError> {
    let inverse = match &edit.change {
        Change::Set { path, new, .. } => {
            let old = slot::read(plan, path)?;
            slot::write(plan, path, new.clone())?;
            Change::Set {
                path: *path,
                old: new.clone(),
                new: old,
            }
        }
        Change::Insert {
            collection,
            index,
            item,
        } => {
            items::insert(plan, *collection, *index, (**item).clone())?;
            Change::Remove {
                collection: *collection,
                index: *index,
            }
        }
        Change::Remove { collection, index } => {
            let item = items::remove(plan, *collection, *index)?;
            Change::Insert {
                collection: *collection,
                index: *index,
                item: Box::new(item),
            }
        }
        Change::Rename { kind, old, new } => {
            items::rename(plan, *kind, old, new)?;
            Change::Rename {
                kind: *kind,
                old: new.clone(),
                new: old.clone(),
            }
        }
    };
    let name = describe(plan, &inverse);
    Ok(Edit {
        change: inverse,
        name,
    })
}

/// Applies `edit` unless it would add an error to the plan; then the plan is left exactly
/// as it was and the error says why. Errors the plan already had do not block an edit, so
/// a planner can fix them one at a time.
pub fn apply_checked(plan: &mut Plan, edit: &Edit) -> Result<Edit, EditError> {
    let inverse = apply(plan, edit)?;
    let after = errors(plan);
    if after.is_empty() {
        return Ok(inverse);
    }
    // Only now is the plan before the edit validated (each validation of a large plan is
    // milliseconds of the input thread): errors it already had are not the edit's doing.
    apply(plan, &inverse)?;
    let before = errors(plan);
    let new: Vec<String> = after.into_iter().filter(|e| !before.contains(e)).collect();
    if !new.is_empty() {
        return Err(EditError::Invalid(new));
    }
    apply(plan, edit)
}

/// How an item is named to a planner: `site "A"`, `site "A" expansion 2`, `policy`.
pub fn item_label(plan: &Plan, item: ItemRef) -> String {
    let quoted = |kind: &str, id: Option<&str>, index: usize| match id {
        Some(id) => format!("{kind} \"{id}\""),
        None => format!("{kind} {}", index + 1),
    };
    match item {
        ItemRef::Plan => "plan".to_string(),
        ItemRef::Policy => "policy".to_string(),
        ItemRef::Profile(i) => quoted("profile", plan.profiles.0.get(i).map(|p| p.0.as_str()), i),
        ItemRef::Region(i) => quoted("region", plan.regions.get(i).map(|r| r.id.as_str()), i),
        ItemRef::Site(i) => quoted("site", plan.sites.get(i).map(|s| s.id.as_str()), i),
        ItemRef::Expansion { site, index } => format!(
            "{} expansion {}",
            item_label(plan, ItemRef::Site(site)),
            index + 1
        ),
        ItemRef::Service(i) => quoted("service", plan.services.get(i).map(|s| s.id.as_str()), i),
        ItemRef::Scenario(i) => quoted(
            "scenario",
            plan.scenarios.get(i).map(|s| s.name.as_str()),
            i,
        ),
    }
}

/// The status-bar words for a change about to be applied to `plan`.
pub fn describe(plan: &Plan, change: &Change) -> String {
    match change {
        Change::Set { path, old, new } => format!(
            "{} {} {} → {}",
            item_label(plan, path.item),
            path.key,
            old.shown(),
            new.shown()
        ),
        Change::Insert {
            collection,
            index,
            item,
        } => format!("add {}", items::label(item, *collection, *index, plan)),
        Change::Remove { collection, index } => format!(
            "delete {}",
            item_label(plan, ItemRef::at(*collection, *index))
        ),
        Change::Rename { kind, old, new } => {
            format!("{} \"{old}\" renamed \"{new}\"", kind.name())
        }
    }
}

#[cfg(test)]
mod tests;
