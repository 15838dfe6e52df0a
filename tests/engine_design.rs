//! Every figure DESIGN.md quotes for its tiny example, worked out by hand.

mod common;

use common::{close, scenario, service_index, site_index, tiny};
use headroom::engine::{Analysis, Res};

fn assert_res(actual: Res, expected: [f64; 4]) {
    for (a, e) in actual.iter().zip(expected) {
        close(*a, e);
    }
}

#[test]
fn normal_loads_match_the_design() {
    let plan = tiny();
    let a = Analysis::new(&plan);
    // A: front 450 + analytics 200 servers; storage front 2 + billing 3.
    assert_res(a.sites[0].load, [650.0, 32.5, 325.0, 5.0]);
    // B: front 450 + analytics 200; storage front 2 + analytics 6.
    assert_res(a.sites[1].load, [650.0, 32.5, 325.0, 8.0]);
    assert_res(a.sites[2].load, [300.0, 15.0, 150.0, 3.0]);
}

#[test]
fn storage_at_exactly_the_target_is_not_over() {
    let a = Analysis::new(&tiny());
    close(a.sites[1].utilization[3].expect("bounded"), 0.8);
    close(a.sites[1].headroom[3], 0.0);
    assert!(a.within_target);
    // A's server headroom: 0.8 · 1000 − 650.
    close(a.sites[0].headroom[0], 150.0);
}

#[test]
fn losing_a_sheds_analytics_to_a_quarter_at_b() {
    let plan = tiny();
    let a = Analysis::new(&plan);
    let sc = scenario(&a, "site:A");
    let b = site_index(&plan, "B");
    let demand = sc.result.demand(&a.state, b).expect("B survives");
    assert_res(demand, [1300.0, 65.0, 650.0, 8.0]);
    // Headroom after failure: failover limit 1.00 · 1000 − 1300.
    close(a.state.capacity[b][0] * 1.0 - demand[0], -300.0);
    let served = |id| sc.result.outcome(&a.state, service_index(&plan, id)).served;
    close(served("front"), 1.0);
    close(served("analytics"), 0.25);
    close(served("billing"), 1.0);
    assert!(sc.result.survivable);
    assert!(sc.result.demand(&a.state, 0).is_none(), "A has failed");
}

#[test]
fn losing_c_moves_billing_to_its_standby() {
    let plan = tiny();
    let a = Analysis::new(&plan);
    let sc = scenario(&a, "site:C");
    let demand = sc
        .result
        .demand(&a.state, site_index(&plan, "A"))
        .expect("A survives");
    assert_res(demand, [950.0, 47.5, 475.0, 5.0]);
    for svc in &plan.services {
        let o = sc.result.outcome(&a.state, service_index(&plan, &svc.id));
        close(o.served, 1.0);
        assert!(o.data_available, "{}", svc.id);
    }
    assert!(sc.result.survivable);
}

#[test]
fn losing_the_capital_region_loses_front() {
    let plan = tiny();
    let a = Analysis::new(&plan);
    let sc = scenario(&a, "region:r1");
    assert_eq!(sc.result.failed, vec![0, 1]);
    let front = sc.result.outcome(&a.state, service_index(&plan, "front"));
    close(front.served, 0.0);
    assert!(!front.data_available);
    assert!(!sc.result.survivable);
    // Billing runs at C and keeps its replica there.
    let billing = sc.result.outcome(&a.state, service_index(&plan, "billing"));
    close(billing.served, 1.0);
    assert!(billing.data_available);
}

#[test]
fn scenarios_come_in_the_design_order() {
    let a = Analysis::new(&tiny());
    let names: Vec<&str> = a.scenarios.iter().map(|s| s.def.name.as_str()).collect();
    // r2 has a single site, so it has no region scenario.
    assert_eq!(
        names,
        ["site:A", "site:B", "site:C", "region:r1", "Site A fire"]
    );
}

#[test]
fn the_tiny_plan_is_n1_safe() {
    let a = Analysis::new(&tiny());
    assert!(a.n1_safe);
    assert!(a.violations.is_empty(), "{:?}", a.violations);
}

#[test]
fn front_availability_comes_from_the_r1_earthquake_only() {
    let plan = tiny();
    let a = Analysis::new(&plan);
    let front = &a.services[service_index(&plan, "front")];
    // 0.002 (rating 2) · 168 h · (1 − 0).
    close(front.exposure.downtime_hours, 0.336);
    close(front.exposure.availability, 1.0 - 0.336 / 8760.0);
    assert!((front.exposure.availability - 0.99996164).abs() < 5e-9);
    assert_eq!(front.meets_slo, Some(true));
}

#[test]
fn analytics_downtime_adds_shedding_and_its_single_replica() {
    let plan = tiny();
    let a = Analysis::new(&plan);
    // site:A events 0.005·72 + 0.001·48 + 0.002·12 = 0.432, served 0.25 → 0.324;
    // site:B events 0.001·(72+48+12) = 0.132, data only at B → 0.132;
    // r1 earthquake 0.336, served 0 → 0.336.
    let analytics = &a.services[service_index(&plan, "analytics")];
    close(analytics.exposure.downtime_hours, 0.324 + 0.132 + 0.336);
    assert_eq!(analytics.meets_slo, None);
    let billing = &a.services[service_index(&plan, "billing")];
    close(billing.exposure.downtime_hours, 0.0);
}

#[test]
fn without_growth_both_runways_lie_beyond_the_horizon() {
    let a = Analysis::new(&tiny());
    assert_eq!(a.runway.capacity, None);
    assert_eq!(a.runway.disaster, None);
    assert_eq!(a.runway.horizon_months, 24);
}
