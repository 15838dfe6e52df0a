//! The plan: its types, how it is read from RON, and the rules a valid plan obeys.

pub mod align;
mod diagnostic;
pub mod diff;
pub mod edit;
pub mod history;
mod load;
mod locate;
mod ordered_map;
mod path;
pub mod save;
pub mod tree;
mod types;
mod validate;

pub use diagnostic::{Diagnostic, PlanErrors, Severity};
pub use history::{History, Step};
pub use load::{load_plan, load_plan_bytes, Loaded};
pub use locate::Locator;
pub use ordered_map::OrderedMap;
pub use path::{describe, PathSeg};
pub use save::{save_text, to_ron, SaveError, SaveText};
pub use types::*;
pub use validate::{validate, Issue};
