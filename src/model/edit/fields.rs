//! The fields of one item as an editor shows them, and turning typed text into an edit.

use super::slot;
use super::{describe, item_label, Change, Edit, EditError, FieldPath, IdKind, ItemRef, Value};
use crate::model::{OrderedMap, Plan};

/// What kind of text a field takes, so an editor can offer the right input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    /// Empty text clears it.
    OptionalText,
    /// The id of this profile, region or site; a new id is carried to every reference.
    Id(IdKind),
    /// The id of another item, which must exist.
    Reference(IdKind),
    Number,
    /// Empty text clears it.
    OptionalNumber,
    /// A whole number ≥ 0.
    Count,
    /// 1 to 5.
    Rating,
    /// One of these words.
    Choice(&'static [&'static str]),
    /// Comma-separated ids: `A, B`.
    Ids(IdKind),
    /// `site: share` pairs, comma-separated: `A: 0.5, B: 0.5`.
    Placement,
    /// yes or no.
    Toggle,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub path: FieldPath,
    /// The key as written in the plan file: `capacity.servers`.
    pub label: &'static str,
    /// The value as the planner would type it.
    pub value_text: String,
    pub kind: FieldKind,
}

/// Every field `item` has now, in plan-file order. Fields that exist only in some states
/// (a power chain's, a standby list) appear only then.
pub fn fields(plan: &Plan, item: ItemRef) -> Result<Vec<Field>, EditError> {
    Ok(slot::snapshot(plan, item)?
        .into_iter()
        .map(|(key, kind, value_text, _)| Field {
            path: FieldPath { item, key },
            label: key,
            value_text,
            kind,
        })
        .collect())
}

/// The edit that sets the field at `path` to what `text` says; not applied yet. Text that
/// does not parse for the field's type is refused here, with the field named.
pub fn set_field(plan: &Plan, path: &FieldPath, text: &str) -> Result<Edit, EditError> {
    let (kind, old) = current(plan, path)?;
    let parse_error = |message| EditError::Parse {
        field: format!("{} {}", item_label(plan, path.item), path.key),
        message,
    };
    let new = slot::parse(plan, path, text).map_err(parse_error)?;
    let change = match (kind, &old, &new) {
        (FieldKind::Id(id_kind), Value::Text(old), Value::Text(new)) if old != new => {
            Change::Rename {
                kind: id_kind,
                old: old.clone(),
                new: new.clone(),
            }
        }
        _ => Change::Set {
            path: *path,
            old,
            new,
        },
    };
    let name = describe(plan, &change);
    Ok(Edit { change, name })
}

fn current(plan: &Plan, path: &FieldPath) -> Result<(FieldKind, Value), EditError> {
    slot::snapshot(plan, path.item)?
        .into_iter()
        .find(|(key, ..)| *key == path.key)
        .map(|(_, kind, _, value)| (kind, value))
        .ok_or_else(|| EditError::NoSuchField {
            item: item_label(plan, path.item),
            key: path.key.to_string(),
        })
}

fn placement_path(service: usize) -> FieldPath {
    FieldPath {
        item: ItemRef::Service(service),
        key: "placement",
    }
}

fn placement_of(plan: &Plan, service: usize) -> Result<&OrderedMap<f64>, EditError> {
    plan.services
        .get(service)
        .map(|s| &s.placement)
        .ok_or_else(|| EditError::NoSuchItem(item_label(plan, ItemRef::Service(service))))
}

fn placement_edit(plan: &Plan, service: usize, new: Vec<(String, f64)>) -> Result<Edit, EditError> {
    let change = Change::Set {
        path: placement_path(service),
        old: Value::Placement(placement_of(plan, service)?.clone()),
        new: Value::Placement(OrderedMap(new)),
    };
    let name = describe(plan, &change);
    Ok(Edit { change, name })
}

/// Scales every entry but `keep` so that the shares still sum to 1 with `keep` at `share`.
fn rebalance(entries: &mut [(String, f64)], keep: &str, share: f64) {
    let others: f64 = entries
        .iter()
        .filter(|(s, _)| s != keep)
        .map(|(_, x)| x)
        .sum();
    let scale = if others > 0.0 {
        (1.0 - share) / others
    } else {
        0.0
    };
    for (site, x) in entries.iter_mut() {
        *x = if site == keep { share } else { *x * scale };
    }
}

/// Places `share` of the service in `site`, scaling the other sites down so the shares
/// still sum to 1; the first site of a service takes all of it.
pub fn placement_add(
    plan: &Plan,
    service: usize,
    site: &str,
    share: f64,
) -> Result<Edit, EditError> {
    let mut entries = placement_of(plan, service)?.0.clone();
    if entries.iter().any(|(s, _)| s == site) {
        return Err(EditError::Refused(format!(
            "site \"{site}\" is already in the placement"
        )));
    }
    let share = if entries.is_empty() { 1.0 } else { share };
    entries.push((site.to_string(), share));
    rebalance(&mut entries, site, share);
    placement_edit(plan, service, entries)
}

/// Takes `site` out of the placement; the remaining sites grow in proportion.
pub fn placement_remove(plan: &Plan, service: usize, site: &str) -> Result<Edit, EditError> {
    let mut entries = placement_of(plan, service)?.0.clone();
    let before = entries.len();
    entries.retain(|(s, _)| s != site);
    if entries.len() == before {
        return Err(EditError::Refused(format!(
            "site \"{site}\" is not in the placement"
        )));
    }
    let total: f64 = entries.iter().map(|(_, x)| x).sum();
    if total > 0.0 {
        for (_, x) in &mut entries {
            *x /= total;
        }
    }
    placement_edit(plan, service, entries)
}

/// Sets the share of `site`; the other sites take the rest in proportion to their shares.
pub fn placement_set_share(
    plan: &Plan,
    service: usize,
    site: &str,
    share: f64,
) -> Result<Edit, EditError> {
    let mut entries = placement_of(plan, service)?.0.clone();
    if !entries.iter().any(|(s, _)| s == site) {
        return Err(EditError::Refused(format!(
            "site \"{site}\" is not in the placement"
        )));
    }
    rebalance(&mut entries, site, share);
    placement_edit(plan, service, entries)
}
