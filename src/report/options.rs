//! What the caller decides for a report: the terminal's width, colour, and the scenario
//! to look at in detail. The reports never look at the terminal themselves.

use super::focus::Focus;

#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Columns the text report fits its lines into.
    pub width: usize,
    /// ANSI colour in the text report.
    pub color: bool,
    /// Report this scenario in detail instead of the whole plan.
    pub focus: Option<Focus>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            width: 100,
            color: false,
            focus: None,
        }
    }
}
