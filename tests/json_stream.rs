//! The streamed JSON report is the report: the same bytes as the one built in memory.

mod common;

use headroom::engine::Analysis;
use headroom::report::json::{to_json, write_json};

#[test]
fn the_streamed_report_has_the_same_bytes_as_the_built_one() {
    let plan = common::tiny();
    let a = Analysis::new(&plan);
    let mut streamed = Vec::new();
    write_json(&plan, &a, &mut streamed).unwrap();
    let text = String::from_utf8(streamed).unwrap();
    assert_eq!(text, to_json(&plan, &a));
    // DESIGN.md §6: site:A leaves front served 1.0 and analytics 0.25 at B.
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(served(&value, "site:A", "front"), Some(1.0));
    assert_eq!(served(&value, "site:A", "analytics"), Some(0.25));
}

/// A service's served fraction in a scenario, as the JSON report gives it.
fn served(report: &serde_json::Value, scenario: &str, service: &str) -> Option<f64> {
    let scenarios = report["scenarios"].as_array()?;
    let sc = scenarios.iter().find(|s| s["name"] == scenario)?;
    let services = sc["services"].as_array()?;
    services.iter().find(|s| s["id"] == service)?["served"].as_f64()
}

#[test]
fn a_lost_service_is_served_zero_not_minus_zero() {
    let plan = common::tiny();
    let json = to_json(&plan, &Analysis::new(&plan));
    // region:r1 loses front and analytics entirely (DESIGN.md §6).
    assert!(!json.contains("-0.0"), "a served fraction prints as -0.0");
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    for service in ["front", "analytics"] {
        let served = served(&value, "region:r1", service).expect("listed");
        assert!(
            served == 0.0 && served.is_sign_positive(),
            "{service}: {served}"
        );
    }
}
