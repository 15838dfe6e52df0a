//! What changed from one plan to another, by id: items added and removed, and each field
//! changed as `old → new`. `headroom diff` shows it for review; the editor shows it
//! against the file on disk. It compares the plans' trees (`model::tree`), so a field the
//! plan types gain is compared with no code of its own.

use serde::Serialize;

use super::align::{align, align_map, Pair};
use super::save::write::{inline, string};
use super::tree::{to_tree, Node, TreeError};
use super::Plan;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One change, as a reviewer reads it. Values are written as in a plan file (RON), so
/// text from a plan carries no control character raw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// `plan`, `policy`, `site "PGY"`, `site "ANS" expansion 2`.
    pub item: String,
    /// The field changed, dotted (`capacity.servers`); none for an item added or removed.
    pub field: Option<String>,
    /// The value before; none for an item or field added. A field left out of a plan
    /// (holding its default) is `default`.
    pub old: Option<String>,
    pub new: Option<String>,
}

/// What is written for a field a plan leaves out: it holds its default.
pub const DEFAULT: &str = "default";

/// Every change from `old` to `new`, in plan order.
pub fn diff(old: &Plan, new: &Plan) -> Result<Vec<Change>, TreeError> {
    let (a, b) = (to_tree(old)?, to_tree(new)?);
    let mut out = Vec::new();
    for name in field_names(&a, &b) {
        let (x, y) = (a.field(name), b.field(name));
        if x == y {
            continue;
        }
        match (name, x, y) {
            ("policy", _, _) => fields(&mut out, "policy", "", x, y),
            (_, Some(Node::Map(p)), Some(Node::Map(q))) => entries(&mut out, name, p, q),
            (_, _, _) if is_list_of_items(x) || is_list_of_items(y) => {
                items(&mut out, "", name, list(x), list(y))
            }
            _ => fields(&mut out, "plan", name, x, y),
        }
    }
    Ok(out)
}

/// The fields of two structs, those of the new one first, in order.
fn field_names<'n>(a: &'n Node, b: &'n Node) -> Vec<&'static str> {
    let mut names = Vec::new();
    for node in [b, a] {
        if let Node::Struct(fields) = node {
            for (name, _) in fields {
                if !names.contains(name) {
                    names.push(*name);
                }
            }
        }
    }
    names
}

fn is_list_of_items(node: Option<&Node>) -> bool {
    matches!(node, Some(Node::Seq(items)) if items.iter().any(|i| matches!(i, Node::Struct(_))))
}

fn list(node: Option<&Node>) -> &[Node] {
    match node {
        Some(Node::Seq(items)) => items,
        _ => &[],
    }
}

/// `sites` → `site`.
fn singular(collection: &str) -> &str {
    collection.strip_suffix('s').unwrap_or(collection)
}

fn shown(node: Option<&Node>) -> String {
    node.map_or_else(|| DEFAULT.to_string(), inline)
}

/// The elements of a list of items: by id where they have one, else by position
/// (`site "ANS" expansion 2`), inside `parent` (empty at the top).
fn items(out: &mut Vec<Change>, parent: &str, collection: &str, old: &[Node], new: &[Node]) {
    let kind = singular(collection);
    let label = |node: &Node, index: usize| {
        let own = match node.key() {
            Some(key) => format!("{kind} {}", string(key)),
            None => format!("{kind} {}", index + 1),
        };
        if parent.is_empty() {
            own
        } else {
            format!("{parent} {own}")
        }
    };
    for pair in align(old, new) {
        match pair {
            Pair::Both(i, j) => {
                if let (Some(x), Some(y)) = (old.get(i), new.get(j)) {
                    fields(out, &label(y, j), "", Some(x), Some(y));
                }
            }
            Pair::Old(i) => {
                if let Some(x) = old.get(i) {
                    out.push(whole(ChangeKind::Removed, label(x, i), x));
                }
            }
            Pair::New(j) => {
                if let Some(y) = new.get(j) {
                    out.push(whole(ChangeKind::Added, label(y, j), y));
                }
            }
        }
    }
}

/// The entries of a map of items (the profiles), by key; a renamed key is a change of
/// its `name`.
fn entries(
    out: &mut Vec<Change>,
    collection: &str,
    old: &[(String, Node)],
    new: &[(String, Node)],
) {
    let kind = singular(collection);
    for pair in align_map(old, new) {
        match pair {
            Pair::Both(i, j) => {
                if let (Some((k, x)), Some((l, y))) = (old.get(i), new.get(j)) {
                    let item = format!("{kind} {}", string(l));
                    if k != l {
                        out.push(Change {
                            kind: ChangeKind::Changed,
                            item: item.clone(),
                            field: Some("name".to_string()),
                            old: Some(string(k)),
                            new: Some(string(l)),
                        });
                    }
                    fields(out, &item, "", Some(x), Some(y));
                }
            }
            Pair::Old(i) => {
                if let Some((k, x)) = old.get(i) {
                    out.push(whole(
                        ChangeKind::Removed,
                        format!("{kind} {}", string(k)),
                        x,
                    ));
                }
            }
            Pair::New(j) => {
                if let Some((k, y)) = new.get(j) {
                    out.push(whole(ChangeKind::Added, format!("{kind} {}", string(k)), y));
                }
            }
        }
    }
}

fn whole(kind: ChangeKind, item: String, node: &Node) -> Change {
    let value = Some(inline(node));
    let (old, new) = match kind {
        ChangeKind::Removed => (value, None),
        _ => (None, value),
    };
    Change {
        kind,
        item,
        field: None,
        old,
        new,
    }
}

/// The changed fields of `item` under the dotted `path`, down through structs; a list of
/// items inside (a site's expansions) by element; any other value whole.
fn fields(out: &mut Vec<Change>, item: &str, path: &str, old: Option<&Node>, new: Option<&Node>) {
    if old == new {
        return;
    }
    let join = |name: &str| {
        if path.is_empty() {
            name.to_string()
        } else {
            format!("{path}.{name}")
        }
    };
    match (old, new) {
        (Some(a @ Node::Struct(_)), Some(b @ Node::Struct(_))) => {
            for name in field_names(a, b) {
                let (x, y) = (a.field(name), b.field(name));
                if is_list_of_items(x) || is_list_of_items(y) {
                    if x != y {
                        items(out, item, name, list(x), list(y));
                    }
                } else {
                    fields(out, item, &join(name), x, y);
                }
            }
        }
        _ => out.push(Change {
            kind: ChangeKind::Changed,
            item: item.to_string(),
            field: Some(if path.is_empty() {
                "value".to_string()
            } else {
                path.to_string()
            }),
            old: Some(shown(old)),
            new: Some(shown(new)),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_plan;

    fn tiny() -> Plan {
        load_plan(include_str!("../../plans/tiny.ron"), "tiny.ron")
            .unwrap()
            .plan
    }

    fn changed(item: &str, field: &str, old: &str, new: &str) -> Change {
        Change {
            kind: ChangeKind::Changed,
            item: item.into(),
            field: Some(field.into()),
            old: Some(old.into()),
            new: Some(new.into()),
        }
    }

    #[test]
    fn changed_fields_by_id_with_old_and_new_values() {
        let old = tiny();
        let mut new = old.clone();
        new.sites[1].capacity.servers = 1100.0;
        new.services[0].slo = None;
        new.services[2].growth = 0.01;
        new.policy.hazards.hours.fire = 96.0;
        assert_eq!(
            diff(&old, &new).unwrap(),
            [
                changed("policy", "hazards.hours.fire", "72", "96"),
                changed("site \"B\"", "capacity.servers", "1000", "1100"),
                changed("service \"front\"", "slo", "0.9999", DEFAULT),
                changed("service \"analytics\"", "growth", DEFAULT, "0.01"),
            ]
        );
        assert_eq!(diff(&old, &old).unwrap(), []);
    }

    #[test]
    fn items_added_removed_and_renamed() {
        let old = tiny();
        let mut new = old.clone();
        new.scenarios.clear();
        new.regions[1].id = "south".into();
        new.sites[2].region = "south".into();
        let mut expansion_site = new.sites[0].clone();
        expansion_site.expansions.push(crate::model::Expansion {
            month: 12,
            capacity: crate::model::Resources {
                servers: 100.0,
                ..Default::default()
            },
            description: None,
        });
        new.sites[0] = expansion_site;
        let changes = diff(&old, &new).unwrap();
        assert_eq!(
            changes[0],
            changed("region \"south\"", "id", "\"r2\"", "\"south\"")
        );
        assert_eq!(
            changes[1],
            Change {
                kind: ChangeKind::Added,
                item: "site \"A\" expansion 1".into(),
                field: None,
                old: None,
                new: Some(
                    "(month: 12, capacity: (servers: 100, racks: 0, power_kw: 0, storage_pb: 0))"
                        .into()
                ),
            }
        );
        assert_eq!(
            changes[2],
            changed("site \"C\"", "region", "\"r2\"", "\"south\"")
        );
        assert_eq!(changes[3].kind, ChangeKind::Removed);
        assert_eq!(changes[3].item, "scenario \"Site A fire\"");
        assert_eq!(changes.len(), 4);
    }
}
