//! The plan: its types, how it is read from RON, and the rules a valid plan obeys.

mod diagnostic;
mod load;
mod ordered_map;
mod types;

pub use diagnostic::{Diagnostic, PlanErrors, Severity};
pub use load::{load_plan, load_plan_bytes, Loaded};
pub use ordered_map::OrderedMap;
pub use types::*;
