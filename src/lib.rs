pub mod engine;
pub mod model;
pub mod report;
pub mod store;
pub mod tui;
