#![allow(dead_code)]

pub mod reference;

use headroom::engine::Analysis;
use headroom::model::Plan;

/// Loads a test plan through the same path as the program; panics with every error.
pub fn parse(source: &str) -> Plan {
    headroom::model::load_plan(source, "test plan")
        .unwrap_or_else(|e| panic!("test plan is not valid:\n{e}"))
        .plan
}

pub fn tiny() -> Plan {
    parse(include_str!("../../plans/tiny.ron"))
}

pub fn site_index(plan: &Plan, id: &str) -> usize {
    plan.sites
        .iter()
        .position(|s| s.id == id)
        .expect("site in test plan")
}

pub fn service_index(plan: &Plan, id: &str) -> usize {
    plan.services
        .iter()
        .position(|s| s.id == id)
        .expect("service in test plan")
}

pub fn scenario<'a>(analysis: &'a Analysis, name: &str) -> &'a headroom::engine::Scenario {
    analysis
        .scenarios
        .iter()
        .find(|s| s.def.name == name)
        .unwrap_or_else(|| panic!("no scenario {name}"))
}

pub fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

/// The interactive view drawn into a `w`×`h` test terminal, line by line.
pub fn screen_lines(app: &headroom::tui::App, (w, h): (u16, u16)) -> Vec<String> {
    let backend = ratatui::backend::TestBackend::new(w, h);
    let mut terminal = ratatui::Terminal::new(backend).expect("test terminal");
    terminal
        .draw(|f| headroom::tui::draw(f, app))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect()
}
