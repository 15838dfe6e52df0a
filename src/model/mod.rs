//! The plan: its types, how it is read from RON, and the rules a valid plan obeys.

mod diagnostic;
mod load;
mod locate;
mod ordered_map;
mod path;
mod types;
mod validate;

pub use diagnostic::{Diagnostic, PlanErrors, Severity};
pub use load::{load_plan, load_plan_bytes, Loaded};
pub use locate::Locator;
pub use ordered_map::OrderedMap;
pub use path::{describe, PathSeg};
pub use types::*;
pub use validate::{validate, Issue};
