//! The engine's fast paths (the month-after-month survivability of the disaster runway,
//! and the runway itself) against the plain dense reference, on small generated plans.

mod common;

use common::reference;
use headroom::engine::{Analysis, Compiled, Loss, Resource, State};
use headroom::gen::{generate, GenSpec};
use headroom::model::Plan;

/// Small plans of every shape the generator makes, and the same plans squeezed (a low
/// failover limit) so that Critical and High services are shed and scenarios fail.
fn plans() -> Vec<Plan> {
    let mut out = Vec::new();
    for seed in 1..=4 {
        let mut spec = GenSpec::new(20, 200, 4, seed);
        spec.horizon_months = 12;
        let plan = generate(&spec);
        let mut squeezed = plan.clone();
        squeezed.policy.failover_utilization = 0.6;
        squeezed.policy.target_utilization = 0.6;
        out.push(plan);
        out.push(squeezed);
    }
    out
}

fn failed_ids<'a>(plan: &'a Plan, failed: &[usize]) -> Vec<&'a str> {
    failed.iter().map(|&j| plan.sites[j].id.as_str()).collect()
}

#[test]
fn survivability_agrees_with_the_reference_in_every_month_and_scenario() {
    let mut checked = (0, 0);
    for plan in plans() {
        let model = Compiled::new(&plan);
        let a = Analysis::new(&plan);
        for month in 0..=plan.policy.horizon_months {
            let state = State::new(&model, month, plan.policy.failover_utilization);
            for sc in &a.scenarios {
                let fast = Loss::new(&model, &sc.def.failed).survives(&model, &state);
                let r = reference::scenario(&plan, &failed_ids(&plan, &sc.def.failed), month);
                assert_eq!(
                    fast, r.survivable,
                    "{} month {month} {}",
                    plan.name, sc.def.name
                );
                if fast {
                    checked.0 += 1;
                } else {
                    checked.1 += 1;
                }
            }
        }
    }
    // Both answers must have been exercised, or the comparison proves little.
    assert!(checked.0 > 100 && checked.1 > 100, "{checked:?}");
}

/// DESIGN.md §8 the plain way: month by month, every site and every `site:` scenario.
fn reference_runway(plan: &Plan) -> (Option<u32>, Option<(u32, String)>) {
    let target = plan.policy.target_utilization;
    let mut capacity = None;
    let mut disaster = None;
    for month in 0..=plan.policy.horizon_months {
        let normal = reference::scenario(plan, &[], month);
        if capacity.is_none() {
            capacity = plan.sites.iter().enumerate().find_map(|(j, site)| {
                let cap = reference::capacity(plan, j, month);
                let load = normal.demand[&site.id];
                let over = (0..4).any(|r| {
                    if cap[r] > 0.0 {
                        load[r] / cap[r] > target + 1e-9
                    } else {
                        load[r] > 0.0
                    }
                });
                over.then_some(month)
            });
        }
        if disaster.is_none() {
            disaster = plan
                .sites
                .iter()
                .find(|site| !reference::scenario(plan, &[site.id.as_str()], month).survivable)
                .map(|site| (month, format!("site:{}", site.id)));
        }
    }
    (capacity, disaster)
}

/// The runway's first months (and the disaster's scenario) against the reference's;
/// gives the reference's answer.
fn assert_runway_months(plan: &Plan, a: &Analysis) -> (Option<u32>, Option<(u32, String)>) {
    let (capacity, disaster) = reference_runway(plan);
    assert_eq!(
        a.runway.capacity.as_ref().map(|c| c.month),
        capacity,
        "{}",
        plan.name
    );
    assert_eq!(
        a.runway
            .disaster
            .as_ref()
            .map(|d| (d.month, a.scenarios[d.scenario].def.name.clone())),
        disaster,
        "{}",
        plan.name
    );
    (capacity, disaster)
}

#[test]
fn the_runway_agrees_with_the_reference() {
    for plan in plans() {
        let a = Analysis::new(&plan);
        assert_runway_months(&plan, &a);
        if let Some(ours) = &a.runway.capacity {
            // The worst site of the month is reported; it is over target in the reference.
            let cap = reference::capacity(&plan, ours.site, ours.month);
            let load =
                reference::scenario(&plan, &[], ours.month).demand[&plan.sites[ours.site].id];
            let r = Resource::index(ours.resource);
            assert!(cap[r] <= 0.0 || load[r] / cap[r] > plan.policy.target_utilization + 1e-9);
        }
    }
}

/// Plans that run out in the middle of a long horizon: every service grows 2–4 % a month
/// (the generator's own growth, scaled), so the runway's search over spans of months has
/// to find a first breach that is neither month 0 nor beyond the horizon.
fn growing_plans() -> Vec<Plan> {
    (1..=6)
        .map(|seed| {
            let mut spec = GenSpec::new(16, 160, 4, seed);
            spec.horizon_months = 36;
            let mut plan = generate(&spec);
            for (i, svc) in plan.services.iter_mut().enumerate() {
                svc.growth = 0.02 + 0.004 * (i % 6) as f64;
            }
            plan.policy.target_utilization = 0.95;
            plan.policy.failover_utilization = 1.0;
            plan
        })
        .collect()
}

#[test]
fn a_breach_in_the_middle_of_the_horizon_is_found_in_its_month() {
    let mut inside = (0, 0);
    for plan in growing_plans() {
        let (capacity, disaster) = assert_runway_months(&plan, &Analysis::new(&plan));
        let middle = |m: Option<u32>| m.is_some_and(|m| m > 1 && m < 36);
        inside.0 += usize::from(middle(capacity));
        inside.1 += usize::from(middle(disaster.map(|d| d.0)));
    }
    // The comparison proves little unless breaches fall strictly inside the horizon.
    assert!(inside.0 >= 2 && inside.1 >= 2, "{inside:?}");
}
