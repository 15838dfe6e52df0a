//! Reading a plan from RON text: syntax and types first, then the rules of a valid plan.

use super::diagnostic::{Diagnostic, PlanErrors, Severity};
use super::Plan;

/// A plan that passed validation, with the warnings it still deserves.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub plan: Plan,
    pub warnings: Vec<Diagnostic>,
}

fn options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses and validates plan text; `file` names it in every message.
pub fn load_plan(source: &str, file: &str) -> Result<Loaded, PlanErrors> {
    let plan: Plan = options().from_str(source).map_err(|e| {
        PlanErrors(vec![Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            position: Some((e.span.start.line, e.span.start.col)),
            item: None,
            message: e.code.to_string(),
        }])
    })?;
    Ok(Loaded {
        plan,
        warnings: Vec::new(),
    })
}

/// Like [`load_plan`], for bytes that may not be text at all.
pub fn load_plan_bytes(bytes: &[u8], file: &str) -> Result<Loaded, PlanErrors> {
    match std::str::from_utf8(bytes) {
        Ok(source) => load_plan(source, file),
        Err(e) => Err(PlanErrors(vec![Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            position: None,
            item: None,
            message: format!(
                "the file is not UTF-8 text (invalid byte at offset {}); a plan is a RON text file",
                e.valid_up_to()
            ),
        }])),
    }
}
