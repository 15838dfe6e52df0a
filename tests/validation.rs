//! One test per validation rule of DESIGN.md §3, through `load_plan` on RON text: each
//! error must name the item and point at the offending value. The plan is
//! tests/fixtures/valid/two-regions.ron with one edit; every line and column was read off
//! the edited text (1-based, in characters).

use headroom::model::load_plan;

const BASE: &str = include_str!("fixtures/valid/two-regions.ron");

/// The errors of the base plan after replacing each `(old, new)` once, as `check` prints them.
fn errors(edits: &[(&str, &str)]) -> Vec<String> {
    let mut text = BASE.to_string();
    for (old, new) in edits {
        assert!(text.contains(old), "{old:?} not in the base plan");
        text = text.replacen(old, new, 1);
    }
    match load_plan(&text, "p.ron") {
        Ok(_) => panic!("the edited plan loaded:\n{text}"),
        Err(e) => e.0.iter().map(ToString::to_string).collect(),
    }
}

/// The edit gives exactly one error, `expected`.
#[track_caller]
fn only_error(edits: &[(&str, &str)], expected: &str) {
    assert_eq!(errors(edits), vec![expected.to_string()]);
}

/// The edit's first error is `expected` (others follow from the same edit).
#[track_caller]
fn first_error(edits: &[(&str, &str)], expected: &str) {
    let errors = errors(edits);
    assert_eq!(
        errors.first().map(String::as_str),
        Some(expected),
        "{errors:#?}"
    );
}

#[test]
fn the_base_plan_is_valid_without_warnings() {
    let loaded = load_plan(BASE, "p.ron").expect("the base plan is valid");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn empty_site_id() {
    first_error(
        &[("(id: \"B\"", "(id: \"\"")],
        "p.ron:15:14: error: site #2.id: site id must not be empty",
    );
}

#[test]
fn duplicate_region_id() {
    first_error(
        &[("(id: \"r2\"", "(id: \"r1\"")],
        "p.ron:9:14: error: region \"r1\".id: region id \"r1\" is already used by another region",
    );
}

#[test]
fn site_region_exists() {
    only_error(
        &[("region: \"r2\"", "region: \"r9\"")],
        "p.ron:15:43: error: site \"B\".region: region \"r9\" does not exist",
    );
}

#[test]
fn service_profile_exists() {
    only_error(
        &[("profile: \"web\"", "profile: \"db\"")],
        "p.ron:20:64: error: service \"pay\".profile: profile \"db\" does not exist",
    );
}

#[test]
fn placement_site_exists() {
    only_error(
        &[("{\"A\": 0.5, \"B\": 0.5}", "{\"A\": 0.5, \"Z\": 0.5}")],
        "p.ron:21:61: error: service \"pay\".placement: site \"Z\" does not exist",
    );
}

#[test]
fn data_site_exists() {
    only_error(
        &[("data: [\"A\", \"B\"]", "data: [\"A\", \"Z\"]")],
        "p.ron:22:22: error: service \"pay\".data: site \"Z\" does not exist",
    );
}

#[test]
fn standby_site_exists() {
    only_error(
        &[("failover: ActiveActive", "failover: Standby([\"Z\"])")],
        "p.ron:22:47: error: service \"pay\".failover: site \"Z\" does not exist",
    );
}

#[test]
fn scenario_sites_exist() {
    only_error(
        &[
            (
                "\n)",
                "\n    scenarios: [\n        (name: \"North fire\", fail: [\"A\"]),\n    ],\n)",
            ),
            ("fail: [\"A\"]", "fail: [\"Q\"]"),
        ],
        "p.ron:25:37: error: scenario \"North fire\".fail: site \"Q\" does not exist",
    );
}

#[test]
fn scenario_regions_exist() {
    only_error(
        &[
            (
                "\n)",
                "\n    scenarios: [\n        (name: \"North fire\", fail: [\"A\"]),\n    ],\n)",
            ),
            ("fail: [\"A\"]", "fail_regions: [\"r5\"]"),
        ],
        "p.ron:25:45: error: scenario \"North fire\".fail_regions: region \"r5\" does not exist",
    );
}

#[test]
fn numbers_are_finite() {
    only_error(
        &[("power_kw: 600", "power_kw: inf")],
        "p.ron:13:57: error: site \"A\".capacity.power_kw: must be a finite number, not inf",
    );
}

#[test]
fn capacities_are_not_negative() {
    only_error(
        &[("storage_pb: 10)", "storage_pb: -10)")],
        "p.ron:13:74: error: site \"A\".capacity.storage_pb: must be at least 0, not -10",
    );
}

#[test]
fn servers_are_not_negative() {
    only_error(
        &[("servers: 400", "servers: -400")],
        "p.ron:21:19: error: service \"pay\".servers: must be at least 0, not -400",
    );
}

#[test]
fn profile_power_is_not_negative() {
    only_error(
        &[("power_kw: 0.5", "power_kw: -0.5")],
        "p.ron:5:27: error: profile \"web\".power_kw: must be at least 0, not -0.5",
    );
}

#[test]
fn per_rack_is_positive() {
    only_error(
        &[("per_rack: 20", "per_rack: 0")],
        "p.ron:5:42: error: profile \"web\".per_rack: must be more than 0, not 0",
    );
}

#[test]
fn ratings_are_1_to_5() {
    only_error(
        &[("earthquake: 1", "earthquake: 0")],
        "p.ron:9:47: error: region \"r2\".earthquake: must be a rating from 1 (least) to 5 (most), not 0",
    );
}

#[test]
fn site_hazard_ratings_are_1_to_5() {
    only_error(
        &[("power: 1)", "power: 6)")],
        "p.ron:17:46: error: site \"B\".hazards.power: must be a rating from 1 (least) to 5 (most), not 6",
    );
}

#[test]
fn utilization_is_at_most_1() {
    only_error(
        &[("name: \"Two regions\",", "name: \"Two regions\",\n    policy: (failover_utilization: 1.5),")],
        "p.ron:4:36: error: policy.failover_utilization: must be more than 0 and at most 1, not 1.5",
    );
}

#[test]
fn target_does_not_exceed_failover() {
    only_error(
        &[("name: \"Two regions\",", "name: \"Two regions\",\n    policy: (target_utilization: 0.9, failover_utilization: 0.85),")],
        "p.ron:4:34: error: policy.target_utilization: target utilization 0.9 must not exceed failover utilization 0.85",
    );
}

#[test]
fn slo_is_below_1() {
    only_error(
        &[("slo: 0.9999", "slo: 1.0")],
        "p.ron:22:57: error: service \"pay\".slo: must be more than 0 and less than 1, not 1",
    );
}

#[test]
fn shares_are_positive() {
    only_error(
        &[("{\"A\": 0.5, \"B\": 0.5}", "{\"A\": 1.0, \"B\": 0.0}")],
        "p.ron:21:61: error: service \"pay\".placement: the share of site \"B\" must be more than 0, not 0; leave the site out instead",
    );
}

#[test]
fn shares_sum_to_1() {
    only_error(
        &[("{\"A\": 0.5, \"B\": 0.5}", "{\"A\": 0.6, \"B\": 0.5}")],
        "p.ron:21:50: error: service \"pay\".placement: shares must sum to 1, not 1.1",
    );
}

#[test]
fn servers_need_a_placement() {
    first_error(
        &[(" placement: {\"A\": 0.5, \"B\": 0.5},", "")],
        "p.ron:20:9: error: service \"pay\".placement: a service with 400 servers needs a placement, such as {\"A\": 1.0}",
    );
}

#[test]
fn storage_needs_a_data_site() {
    only_error(
        &[("data: [\"A\", \"B\"], ", "")],
        "p.ron:20:9: error: service \"pay\".data: a service with 2 PB of storage needs at least one data site",
    );
}

#[test]
fn data_sites_are_distinct() {
    only_error(
        &[("data: [\"A\", \"B\"]", "data: [\"A\", \"B\", \"A\"]")],
        "p.ron:22:27: error: service \"pay\".data: data site \"A\" is listed twice",
    );
}

#[test]
fn standby_is_not_in_the_placement() {
    only_error(
        &[("failover: ActiveActive", "failover: Standby([\"B\"])")],
        "p.ron:22:47: error: service \"pay\".failover: standby site \"B\" is already in the placement; a standby must be another site",
    );
}

#[test]
fn standby_list_is_not_empty() {
    only_error(
        &[("failover: ActiveActive", "failover: Standby([])")],
        "p.ron:22:38: error: service \"pay\".failover: Standby needs at least one site; use NoFailover for none",
    );
}

#[test]
fn scenario_names_are_unique() {
    only_error(
        &[("\n)", "\n    scenarios: [\n        (name: \"North fire\", fail: [\"A\"]),\n    ],\n)"), ("fail: [\"A\"]),", "fail: [\"A\"]),\n        (name: \"North fire\", fail: [\"B\"]),")],
        "p.ron:26:16: error: scenario \"North fire\".name: scenario name \"North fire\" is already used by another scenario",
    );
}

#[test]
fn scenario_names_are_not_automatic() {
    only_error(
        &[("\n)", "\n    scenarios: [\n        (name: \"North fire\", fail: [\"A\"]),\n    ],\n)"), ("\"North fire\"", "\"site:A\"")],
        "p.ron:25:16: error: scenario \"site:A\".name: scenario names starting with \"site:\" are kept for the automatic scenarios; choose another name",
    );
}

#[test]
fn a_scenario_fails_a_site() {
    only_error(
        &[("\n)", "\n    scenarios: [\n        (name: \"North fire\", fail: [\"A\"]),\n    ],\n)"), ("fail: [\"A\"]", "description: \"none\"")],
        "p.ron:25:9: error: scenario \"North fire\": the scenario fails no site; list sites in `fail` or regions with sites in `fail_regions`",
    );
}

#[test]
fn expansion_month_is_within_the_horizon() {
    only_error(
        &[("power: 2)),", "power: 2),\n         expansions: [(month: 30, capacity: (servers: 100))]),")],
        "p.ron:15:31: error: site \"A\".expansions: month 30 is beyond the horizon; it must be from 0 to 24",
    );
}

#[test]
fn expansion_capacity_is_not_negative() {
    only_error(
        &[(
            "power: 2)),",
            "power: 2),\n         expansions: [(month: 12, capacity: (racks: -5))]),",
        )],
        "p.ron:15:53: error: site \"A\".expansions: must be at least 0, not -5",
    );
}

#[test]
fn power_chain_pue_is_at_least_1() {
    only_error(
        &[("power: 2)),", "power: 2),\n         power: (feeds: 2, feed_kw: 500, ups: (modules: 4, module_kw: 200, redundancy: N),\n                 generator_kw: 700, cooling_kw: 650, pue: 0.8)),")],
        "p.ron:16:59: error: site \"A\".power.pue: must be at least 1, not 0.8",
    );
}

#[test]
fn power_chain_keeps_a_ups_module() {
    only_error(
        &[("power: 2)),", "power: 2),\n         power: (feeds: 2, feed_kw: 500, ups: (modules: 2, module_kw: 200, redundancy: NPlus(2)),\n                 generator_kw: 700, cooling_kw: 650, pue: 1.3)),")],
        "p.ron:15:88: error: site \"A\".power.ups.redundancy: NPlus(2) leaves no module to carry the load with 2 modules; k must be less than modules",
    );
}

#[test]
fn growth_is_above_minus_1() {
    only_error(
        &[("slo: 0.9999", "slo: 0.9999, growth: -1.5")],
        "p.ron:22:73: error: service \"pay\".growth: must be more than -1 (a fall of 100 % a month), not -1.5",
    );
}

#[test]
fn hazard_probabilities_are_probabilities() {
    only_error(
        &[("name: \"Two regions\",", "name: \"Two regions\",\n    policy: (hazards: (probability: [0.001, 0.002, 0.005, 0.01, 2.0])),")],
        "p.ron:4:65: error: policy.hazards.probability: the annual probability for rating 5 must be from 0 to 1, not 2",
    );
}

#[test]
fn a_service_that_must_survive_in_one_site_is_a_warning() {
    let text = BASE
        .replacen(
            r#"placement: {"A": 0.5, "B": 0.5}"#,
            r#"placement: {"A": 1.0}"#,
            1,
        )
        .replacen(r#"data: ["A", "B"]"#, r#"data: ["A"]"#, 1);
    let loaded = load_plan(&text, "p.ron").expect("a warning does not refuse the plan");
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        vec![
            "p.ron:20:9: warning: service \"pay\": Critical service has its placement and data \
             only in site \"A\"; losing that site loses the service — add a site in another region"
                .to_string()
        ]
    );
}

#[test]
fn the_probability_table_is_a_list_of_five() {
    let four = r#"name: "Two regions",
    policy: (hazards: (probability: [0.001, 0.002, 0.005, 0.01])),"#;
    // ron reports the custom error where the list ends, at its `]`: line 4, column 63.
    only_error(
        &[(r#"name: "Two regions","#, four)],
        "p.ron:4:63: error: policy.hazards.probability: expected 5 probabilities, one for \
         each rating from 1 to 5, found 4",
    );
}

#[test]
fn placement_names_a_site_once() {
    // Repeated keys are refused while reading the map, so ron places the error where the
    // map ends, at its `}`: line 21, column 69.
    only_error(
        &[(r#"{"A": 0.5, "B": 0.5}"#, r#"{"A": 0.5, "A": 0.5}"#)],
        r#"p.ron:21:69: error: service "pay".placement: key "A" is written twice in this map"#,
    );
}
