//! The plan: its types, how it is read from RON, and the rules a valid plan obeys.

mod diagnostic;
pub mod edit;
pub mod history;
mod load;
mod ordered_map;
pub mod save;
mod types;

pub use diagnostic::{Diagnostic, PlanErrors, Severity};
pub use history::{History, Step};
pub use load::{load_plan, load_plan_bytes, Loaded};
pub use ordered_map::OrderedMap;
pub use save::{has_comments, to_ron};
pub use types::*;
