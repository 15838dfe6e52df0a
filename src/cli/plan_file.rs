//! Reading a plan file from disk, or the bundled default plan.

use std::path::Path;

use anyhow::{Context, Result};
use headroom::model::{load_plan, load_plan_bytes, Loaded, PlanErrors};

/// The plan `headroom` opens when given none.
pub const DEFAULT_PLAN: &str = include_str!("../../plans/ansan-2024.ron");
pub const DEFAULT_PLAN_NAME: &str = "plans/ansan-2024.ron";

/// Reads and loads a plan. The outer error is a file that cannot be read (exit 2); the
/// inner one a plan with errors (exit 1).
pub fn read(path: &Path) -> Result<Result<Loaded, PlanErrors>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(load_plan_bytes(&bytes, &path.display().to_string()))
}

/// Loads `path`, or the bundled plan when there is none.
pub fn read_or_default(path: Option<&Path>) -> Result<Result<Loaded, PlanErrors>> {
    match path {
        Some(path) => read(path),
        None => Ok(load_plan(DEFAULT_PLAN, DEFAULT_PLAN_NAME)),
    }
}
