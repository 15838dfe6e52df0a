pub mod model;
pub mod engine;
