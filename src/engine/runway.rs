//! Capacity and disaster runway: the first month the plan leaves its target, and the
//! first month it is no longer N-1 safe (DESIGN.md §8).

use super::compiled::Compiled;
use super::resources::{over, utilization, Resource};
use super::scenario::{evaluate, ScenarioDef, ScenarioKind};
use super::state::State;
use super::survival::Loss;

#[derive(Debug, Clone, PartialEq)]
pub struct CapacityBreach {
    pub month: u32,
    pub site: usize,
    pub resource: Resource,
    /// `None` when the capacity is 0 (unbounded).
    pub utilization: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DisasterBreach {
    pub month: u32,
    /// Index into the analysis' scenarios.
    pub scenario: usize,
    /// The first Critical or High service not whole in that scenario.
    pub service: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Runway {
    pub horizon_months: u32,
    pub capacity: Option<CapacityBreach>,
    pub disaster: Option<DisasterBreach>,
}

/// `month0` is normal operation at month 0, already worked out by the caller.
pub fn runway(
    model: &Compiled,
    defs: &[ScenarioDef],
    month0: &State,
    target: f64,
    horizon_months: u32,
) -> Runway {
    let mut found = Runway {
        horizon_months,
        capacity: None,
        disaster: None,
    };
    let losses: Vec<(usize, Loss)> = defs
        .iter()
        .enumerate()
        .filter(|(_, d)| matches!(d.kind, ScenarioKind::Site(_)))
        .map(|(k, d)| (k, Loss::new(model, &d.failed)))
        .collect();
    for month in 0..=horizon_months {
        let grown;
        let state = if month == 0 {
            month0
        } else {
            grown = State::new(model, month, month0.failover_utilization);
            &grown
        };
        if found.capacity.is_none() {
            found.capacity = capacity_breach(state, target);
        }
        if found.disaster.is_none() {
            found.disaster = disaster_breach(model, defs, &losses, state);
        }
        if found.capacity.is_some() && found.disaster.is_some() {
            break;
        }
    }
    found
}

/// The most over-target site and resource of the month, if any is over.
pub fn capacity_breach(state: &State, target: f64) -> Option<CapacityBreach> {
    let mut worst: Option<CapacityBreach> = None;
    for (j, cap) in state.capacity.iter().enumerate() {
        let load = state.load(j);
        for r in Resource::ALL {
            let (l, c) = (load[r.index()], cap[r.index()]);
            if !over(l, c, target) {
                continue;
            }
            let u = utilization(l, c);
            let worse = match &worst {
                None => true,
                Some(w) => rank(u) > rank(w.utilization),
            };
            if worse {
                worst = Some(CapacityBreach {
                    month: state.month,
                    site: j,
                    resource: r,
                    utilization: u,
                });
            }
        }
    }
    worst
}

fn rank(u: Option<f64>) -> f64 {
    u.unwrap_or(f64::INFINITY)
}

/// The first `site:` scenario, in plan order, that is not survivable this month. Only
/// that one is worked out in full, for the service it loses first.
fn disaster_breach(
    model: &Compiled,
    defs: &[ScenarioDef],
    losses: &[(usize, Loss)],
    state: &State,
) -> Option<DisasterBreach> {
    let (k, _) = losses
        .iter()
        .find(|(_, loss)| !loss.survives(model, state))?;
    let failed = &defs.get(*k)?.failed;
    Some(DisasterBreach {
        month: state.month,
        scenario: *k,
        service: evaluate(model, state, failed).first_lost(model, state),
    })
}
