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

#[test]
fn the_runway_agrees_with_the_reference() {
    for plan in plans() {
        let a = Analysis::new(&plan);
        let (capacity, disaster) = reference_runway(&plan);
        assert_eq!(
            a.runway.capacity.as_ref().map(|c| c.month),
            capacity,
            "{}",
            plan.name
        );
        if let Some(ours) = &a.runway.capacity {
            // The worst site of the month is reported; it is over target in the reference.
            let cap = reference::capacity(&plan, ours.site, ours.month);
            let load =
                reference::scenario(&plan, &[], ours.month).demand[&plan.sites[ours.site].id];
            let r = Resource::index(ours.resource);
            assert!(cap[r] <= 0.0 || load[r] / cap[r] > plan.policy.target_utilization + 1e-9);
        }
        assert_eq!(
            a.runway
                .disaster
                .as_ref()
                .map(|d| (d.month, a.scenarios[d.scenario].def.name.clone())),
            disaster,
            "{}",
            plan.name
        );
    }
}
