//! Capacity and disaster runway: the first month the plan leaves its target, and the
//! first month it is no longer N-1 safe (DESIGN.md §8).

use super::compiled::Compiled;
use super::parallel;
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
    let sites: Vec<usize> = defs
        .iter()
        .enumerate()
        .filter(|(_, d)| matches!(d.kind, ScenarioKind::Site(_)))
        .map(|(k, _)| k)
        .collect();
    let losses: Vec<(usize, Loss)> = parallel::map(sites.len(), |n| {
        let k = sites[n];
        (k, Loss::new(model, &defs[k].failed))
    });
    // Months are worked out a batch at a time, one per core, and taken in month order:
    // the first breach is the same as a month-by-month loop's.
    let batch = u64::try_from(parallel::threads()).unwrap_or(1).max(1);
    let mut first = 0u64;
    while first <= u64::from(horizon_months)
        && (found.capacity.is_none() || found.disaster.is_none())
    {
        let months: Vec<u32> = (first..(first + batch).min(u64::from(horizon_months) + 1))
            .filter_map(|m| u32::try_from(m).ok())
            .collect();
        let (need_capacity, need_disaster) = (found.capacity.is_none(), found.disaster.is_none());
        let breaches = parallel::map(months.len(), |n| {
            let month = months[n];
            let grown;
            let state = if month == 0 {
                month0
            } else {
                grown = State::new(model, month, month0.failover_utilization);
                &grown
            };
            let capacity = need_capacity
                .then(|| capacity_breach(state, target))
                .flatten();
            let disaster = need_disaster
                .then(|| disaster_breach(model, defs, &losses, state))
                .flatten();
            (capacity, disaster)
        });
        for (capacity, disaster) in breaches {
            if found.capacity.is_none() {
                found.capacity = capacity;
            }
            if found.disaster.is_none() {
                found.disaster = disaster;
            }
        }
        first += batch;
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
