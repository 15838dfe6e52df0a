//! The rules an edit may not break: the plan's own validation (DESIGN.md §3), errors only.

use crate::model::load::plan_label;
use crate::model::path::describe;
use crate::model::{validate, Plan, Severity};

/// Every error of `plan`, each naming its item; warnings are not errors.
pub fn errors(plan: &Plan) -> Vec<String> {
    validate(plan)
        .into_iter()
        .filter(|issue| issue.severity == Severity::Error)
        .map(|issue| {
            let item = describe(&issue.path, |coll, i| plan_label(plan, coll, i));
            format!("{item}: {}", issue.message)
        })
        .collect()
}
