//! The plan file accepts what DESIGN.md writes: here, the hazard tables of §7.

use headroom::engine::Analysis;
use headroom::model::load_plan;

const TINY: &str = include_str!("../plans/tiny.ron");

fn with_policy(policy: &str) -> String {
    TINY.replacen("policy: (", &format!("policy: ({policy}"), 1)
}

#[test]
fn the_probability_table_is_written_as_a_list() {
    let source = with_policy("hazards: (probability: [0.001, 0.004, 0.005, 0.01, 0.02]),");
    let plan = load_plan(&source, "tiny.ron").expect("valid plan").plan;
    let front = plan.services.iter().position(|s| s.id == "front");
    let a = Analysis::new(&plan);
    // Only the r1 earthquake (rating 2, now 0.004 a year) takes front down, for 168 h.
    let downtime = a.services[front.expect("front")].exposure.downtime_hours;
    assert!((downtime - 0.004 * 168.0).abs() < 1e-9, "{downtime}");
}

#[test]
fn a_probability_table_needs_one_entry_per_rating() {
    let source = with_policy("hazards: (probability: [0.001, 0.002]),");
    let errors = load_plan(&source, "tiny.ron").expect_err("four ratings are missing");
    let message = errors.to_string();
    assert!(message.contains("expected 5 probabilities"), "{message}");
    assert!(message.starts_with("tiny.ron:"), "{message}");
}
