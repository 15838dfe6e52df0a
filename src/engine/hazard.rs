//! Expected downtime and availability per service from the hazard ratings (DESIGN.md §7).
//!
//! Each event is one scenario, weighted by its probability times its outage hours. A
//! scenario result lists only the services it changed, so a service's downtime is its
//! normal shortfall over every event plus, per event that touched it, the extra loss.

use crate::model::Plan;

use super::compiled::Compiled;
use super::scenario::{ScenarioDef, ScenarioKind, ScenarioResult};
use super::state::State;

pub const HOURS_PER_YEAR: f64 = 8760.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Exposure {
    pub downtime_hours: f64,
    pub availability: f64,
}

/// Per scenario (same order as `defs`): the sum of p · hours of the events it stands for.
pub fn event_weights(plan: &Plan, model: &Compiled, defs: &[ScenarioDef]) -> Vec<f64> {
    let tables = &plan.policy.hazards;
    let p = |rating: u8| -> f64 {
        usize::from(rating)
            .checked_sub(1)
            .and_then(|k| tables.probability.get(k))
            .copied()
            .unwrap_or(0.0)
    };
    let h = &tables.hours;
    let mut weights = vec![0.0; defs.len()];
    let site_scenario = |j: usize| defs.iter().position(|d| d.kind == ScenarioKind::Site(j));
    for (j, site) in plan.sites.iter().enumerate() {
        if let Some(k) = site_scenario(j) {
            let z = &site.hazards;
            weights[k] += p(z.fire) * h.fire + p(z.flood) * h.flood + p(z.power) * h.power;
        }
    }
    for (r, region) in plan.regions.iter().enumerate() {
        let scenario = match model.region_sites[r].as_slice() {
            [] => None,
            [only] => site_scenario(*only),
            _ => defs.iter().position(|d| d.kind == ScenarioKind::Region(r)),
        };
        if let Some(k) = scenario {
            weights[k] += p(region.earthquake) * h.earthquake;
        }
    }
    weights
}

pub fn exposures(state: &State, results: &[ScenarioResult], weights: &[f64]) -> Vec<Exposure> {
    let total: f64 = weights.iter().sum();
    let mut downtime: Vec<f64> = state.served.iter().map(|s| total * (1.0 - s)).collect();
    for (result, &w) in results.iter().zip(weights) {
        if w == 0.0 {
            continue;
        }
        for o in &result.services {
            downtime[o.service] += w * (state.served[o.service] - o.effective());
        }
    }
    downtime
        .into_iter()
        .map(|d| Exposure {
            downtime_hours: d,
            availability: 1.0 - d / HOURS_PER_YEAR,
        })
        .collect()
}
