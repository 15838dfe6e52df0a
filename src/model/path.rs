//! Where a value sits inside a plan, and how to name that place for a planner.
//!
//! A path is written the way the plan file nests: `[Field("services"), Index(1),
//! Field("placement"), Key("C")]`. Validation reports paths; the locator turns them into
//! line and column; [`describe`] turns them into `service "billing".placement`.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathSeg {
    /// A named field of a struct: `name: …`.
    Field(String),
    /// A position in a list or tuple, from 0.
    Index(usize),
    /// A key of a map: `{"A": …}`.
    Key(String),
}

impl PathSeg {
    pub fn field(name: &str) -> Self {
        PathSeg::Field(name.to_string())
    }

    pub fn key(key: &str) -> Self {
        PathSeg::Key(key.to_string())
    }
}

impl From<&str> for PathSeg {
    fn from(name: &str) -> Self {
        PathSeg::field(name)
    }
}

impl From<usize> for PathSeg {
    fn from(index: usize) -> Self {
        PathSeg::Index(index)
    }
}

impl fmt::Display for PathSeg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathSeg::Field(name) => write!(f, ".{name}"),
            PathSeg::Index(i) => write!(f, "[{i}]"),
            PathSeg::Key(key) => write!(f, "[{key:?}]"),
        }
    }
}

/// What one element of a top-level list is called, and which of its fields names it.
fn entity(collection: &str) -> Option<(&'static str, &'static str)> {
    match collection {
        "regions" => Some(("region", "id")),
        "sites" => Some(("site", "id")),
        "services" => Some(("service", "id")),
        "scenarios" => Some(("scenario", "name")),
        _ => None,
    }
}

/// The field that names an element of `collection` (`id`, or `name` for scenarios).
pub(crate) fn label_field(collection: &str) -> Option<&'static str> {
    entity(collection).map(|(_, field)| field)
}

/// Names the place of `path` for a planner: the entity it belongs to (`site "C"`,
/// `profile "web"`, `policy`) and then the fields down to the first list position or map
/// key. Positions and keys are left out on purpose: the message names the element, and
/// the line and column point at it.
///
/// `label(collection, index)` gives the id of a top-level element when it is known; an
/// element without one is named by its position (`site #3`).
pub fn describe(path: &[PathSeg], label: impl Fn(&str, usize) -> Option<String>) -> String {
    let (mut out, rest) = match path {
        [] => return "plan".to_string(),
        [PathSeg::Field(coll), PathSeg::Index(i), rest @ ..] if entity(coll).is_some() => {
            let kind = entity(coll).map_or("item", |(kind, _)| kind);
            let head = match label(coll, *i).filter(|l| !l.is_empty()) {
                Some(id) => format!("{kind} {id:?}"),
                None => format!("{kind} #{}", i + 1),
            };
            (head, rest)
        }
        [PathSeg::Field(coll), PathSeg::Key(key), rest @ ..] if coll == "profiles" => {
            (format!("profile {key:?}"), rest)
        }
        [PathSeg::Field(name), rest @ ..] => (name.clone(), rest),
        [first, ..] => (first.to_string(), &path[1..]),
    };
    for seg in rest {
        match seg {
            PathSeg::Field(name) => {
                out.push('.');
                out.push_str(name);
            }
            PathSeg::Index(_) | PathSeg::Key(_) => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use PathSeg::{Field, Index, Key};

    fn f(s: &str) -> PathSeg {
        PathSeg::field(s)
    }

    fn ids(coll: &str, i: usize) -> Option<String> {
        (coll == "services" && i == 1).then(|| "billing".to_string())
    }

    #[test]
    fn names_the_entity_then_fields_up_to_a_key() {
        let path = [f("services"), Index(1), f("placement"), Key("C".into())];
        assert_eq!(describe(&path, ids), r#"service "billing".placement"#);
    }

    #[test]
    fn an_element_without_id_is_named_by_position() {
        assert_eq!(describe(&[f("sites"), Index(2)], ids), "site #3");
        let path = [f("services"), Index(0), f("failover"), Index(0), Index(2)];
        assert_eq!(describe(&path, ids), "service #1.failover");
    }

    #[test]
    fn profiles_policy_and_the_plan_itself() {
        let path = [f("profiles"), Key("web".into()), f("per_rack")];
        assert_eq!(describe(&path, ids), r#"profile "web".per_rack"#);
        let path = [f("policy"), f("hazards"), f("probability"), Index(3)];
        assert_eq!(describe(&path, ids), "policy.hazards.probability");
        assert_eq!(describe(&[], ids), "plan");
        assert_eq!(describe(&[Index(4), f("x")], ids), "[4].x");
        assert_eq!(describe(&[Field("name".into())], ids), "name");
    }
}
