//! The plan: its types, how it is read from RON, and the rules a valid plan obeys.

mod ordered_map;
mod types;

pub use ordered_map::OrderedMap;
pub use types::*;
