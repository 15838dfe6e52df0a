pub mod engine;
pub mod gen;
pub mod model;
pub mod report;
pub mod store;
pub mod tui;
