//! Reports of an analysis for people (text, Markdown, CSV) and for machines (JSON).

pub mod json;
pub mod units;
pub mod violations;
