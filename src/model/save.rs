//! A plan written as RON text. Two ways: a plan file the planner keeps is edited in place,
//! so that only the text of what changed changes (comments, blank lines, field order and
//! number spelling stay byte for byte); a file headroom writes itself (`gen`, a save of
//! the bundled plan, a buy plan applied) is written whole in one clean style.
//!
//! The text is read with `ron2`, whose syntax tree keeps the place of every token. The
//! diagnostics keep their own locator (`locate.rs`): it answers on text that does not
//! parse at all, which a syntax tree cannot.

mod patch;
pub(crate) mod write;

use thiserror::Error;

use super::load::parse_plan;
use super::tree::{to_tree, TreeError};
use super::Plan;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum SaveError {
    #[error("the plan cannot be written as RON: {0}")]
    Tree(#[from] TreeError),
    #[error("the file's text does not read as a plan: {0}")]
    Source(String),
    #[error("the change cannot be written into the file's own text")]
    Unsupported,
    #[error("two changes of the file's text overlap")]
    Overlap,
    #[error("the edited text would not read back as the plan")]
    Differs,
}

/// The plan as a file of its own, in headroom's clean style: `Plan(` and one top-level
/// field a line, no other struct names, values on one line where they fit, numbers as
/// typed (`36000`, `0.8`), strings escaped only where RON needs it, fields that hold
/// their defaults left out where the types leave them out. The same plan gives the same
/// bytes; the loader reads it back as the same plan.
pub fn to_ron(plan: &Plan) -> Result<String, SaveError> {
    Ok(write::plan(&to_tree(plan)?))
}

/// The text of `plan` made from `source`, the text of a plan file as it was read or last
/// written: every change from the plan `source` holds is made where it is written, and
/// nothing else changes. The result is checked: it reads back as `plan`, or this fails.
pub fn edited_text(source: &str, plan: &Plan) -> Result<String, SaveError> {
    let before = parse_plan(source).map_err(|e| SaveError::Source(e.to_string()))?;
    if before == *plan {
        return Ok(source.to_string());
    }
    let document =
        ron2::ast::parse_document(source).map_err(|e| SaveError::Source(e.to_string()))?;
    let root = document
        .value
        .as_ref()
        .ok_or_else(|| SaveError::Source("no value".to_string()))?;
    let mut edits = patch::Patch::new(source);
    edits.reconcile(root, Some(&to_tree(&before)?), &to_tree(plan)?)?;
    let text = edits.text(0, source.len())?;
    match parse_plan(&text) {
        Ok(again) if again == *plan => Ok(text),
        _ => Err(SaveError::Differs),
    }
}

/// What a save writes.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveText {
    pub text: String,
    /// The file's own text was kept apart from the changes. False when there was none,
    /// or it could not be edited and the plan was written whole in the clean style.
    pub kept_layout: bool,
}

/// The text to save `plan` as: [`edited_text`] of `source` when there is one and that
/// succeeds, else [`to_ron`].
pub fn save_text(source: Option<&str>, plan: &Plan) -> Result<SaveText, SaveError> {
    if let Some(Ok(text)) = source.map(|s| edited_text(s, plan)) {
        return Ok(SaveText {
            text,
            kept_layout: true,
        });
    }
    Ok(SaveText {
        text: to_ron(plan)?,
        kept_layout: false,
    })
}

#[cfg(test)]
mod tests;
