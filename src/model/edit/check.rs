//! The rules an edit may not break: the plan's own validation (DESIGN.md §3), errors only;
//! and its warnings, which an edit may bring but a planner should see.

use crate::model::load::plan_label;
use crate::model::path::describe;
use crate::model::{validate, Plan, Severity};

/// Every error of `plan`, each naming its item; warnings are not errors.
pub fn errors(plan: &Plan) -> Vec<String> {
    issues(plan, Severity::Error)
}

/// Every warning of `plan` (the Pangyo lesson among them), each naming its item.
pub fn warnings(plan: &Plan) -> Vec<String> {
    issues(plan, Severity::Warning)
}

fn issues(plan: &Plan, severity: Severity) -> Vec<String> {
    validate(plan)
        .into_iter()
        .filter(|issue| issue.severity == severity)
        .map(|issue| {
            let item = describe(&issue.path, |coll, i| plan_label(plan, coll, i));
            format!("{item}: {}", issue.message)
        })
        .collect()
}
