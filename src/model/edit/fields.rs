//! The fields of one item as an editor shows them, and turning typed text into an edit.

use super::slot;
use super::{describe, item_label, Change, Edit, EditError, FieldPath, IdKind, ItemRef, Value};
use crate::model::Plan;

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
