//! Reports of an analysis for people (text, Markdown, CSV) and for machines (JSON).
//! Every function here is pure: it takes the plan, its analysis and options, and returns
//! the report as a string; the command line decides width, colour and where it goes.

pub mod csv;
pub mod diff;
pub mod document;
pub mod facts;
pub mod focus;
pub mod json;
pub mod markdown;
pub mod options;
pub mod table;
pub mod text;
pub mod units;
pub mod violations;

pub use focus::{Focus, FocusError};
pub use options::Options;
