//! Failure scenarios (DESIGN.md §6): which sites fail, where displaced load goes, what
//! each surviving site can serve, and what each service gets.
//!
//! A scenario touches only what it changes: the services placed at failed sites, the
//! sites that receive their load, and the services at sites whose shed fractions moved.
//! Every other site and service keeps its normal-operation figures, which is what makes
//! a thousand scenarios over tens of thousands of services affordable.

use std::collections::BTreeSet;

use crate::model::Plan;

use super::compiled::{Compiled, CompiledFailover};
use super::resources::{Res, EPSILON};
use super::shed::shed;
use super::state::{total, State, TierLoads};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScenarioKind {
    /// `site:ID`: one site alone.
    Site(usize),
    /// `region:ID`: every site of a region with at least two sites.
    Region(usize),
    /// One of the plan's own `scenarios`, by index.
    Plan(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioDef {
    pub name: String,
    pub kind: ScenarioKind,
    /// Failed site indices, ascending, no repeats.
    pub failed: Vec<usize>,
}

/// Every scenario of a plan, in the design's order: sites, regions, the plan's own.
pub fn scenario_defs(plan: &Plan, model: &Compiled) -> Vec<ScenarioDef> {
    let mut defs: Vec<ScenarioDef> = plan
        .sites
        .iter()
        .enumerate()
        .map(|(j, s)| ScenarioDef {
            name: format!("site:{}", s.id),
            kind: ScenarioKind::Site(j),
            failed: vec![j],
        })
        .collect();
    for (r, region) in plan.regions.iter().enumerate() {
        if model.region_sites[r].len() >= 2 {
            defs.push(ScenarioDef {
                name: format!("region:{}", region.id),
                kind: ScenarioKind::Region(r),
                failed: model.region_sites[r].clone(),
            });
        }
    }
    for (k, sc) in plan.scenarios.iter().enumerate() {
        let mut failed: BTreeSet<usize> = sc
            .fail
            .iter()
            .filter_map(|id| plan.sites.iter().position(|s| s.id == *id))
            .collect();
        for rid in &sc.fail_regions {
            if let Some(r) = plan.regions.iter().position(|r| r.id == *rid) {
                failed.extend(model.region_sites[r].iter().copied());
            }
        }
        defs.push(ScenarioDef {
            name: sc.name.clone(),
            kind: ScenarioKind::Plan(k),
            failed: failed.into_iter().collect(),
        });
    }
    defs
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ServiceOutcome {
    pub service: usize,
    pub served: f64,
    pub data_available: bool,
}

impl ServiceOutcome {
    /// What counts for availability: a service without its data is not served at all.
    pub fn effective(&self) -> f64 {
        if self.data_available {
            self.served
        } else {
            0.0
        }
    }

    pub fn is_whole(&self) -> bool {
        self.data_available && self.served >= 1.0 - EPSILON
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioResult {
    pub failed: Vec<usize>,
    /// Surviving sites whose demand differs from normal operation, ascending, with the
    /// load they are asked to carry before shedding (storage included).
    pub receiving: Vec<(usize, Res)>,
    /// Services whose outcome was worked out afresh, ascending; every other service is
    /// as in normal operation.
    pub services: Vec<ServiceOutcome>,
    pub survivable: bool,
}

impl ScenarioResult {
    pub fn is_failed(&self, site: usize) -> bool {
        self.failed.binary_search(&site).is_ok()
    }

    /// Demanded load at a site, or `None` when the site has failed.
    pub fn demand(&self, state: &State, site: usize) -> Option<Res> {
        if self.is_failed(site) {
            return None;
        }
        match self.receiving.binary_search_by_key(&site, |(j, _)| *j) {
            Ok(k) => Some(self.receiving[k].1),
            Err(_) => Some(state.load(site)),
        }
    }

    /// The first Critical or High service, in plan order, that is not whole.
    pub fn first_lost(&self, model: &Compiled, state: &State) -> Option<usize> {
        (0..model.services.len())
            .filter(|&i| model.services[i].tier.must_survive())
            .find(|&i| !self.outcome(state, i).is_whole())
    }

    pub fn outcome(&self, state: &State, service: usize) -> ServiceOutcome {
        match self.services.binary_search_by_key(&service, |o| o.service) {
            Ok(k) => self.services[k],
            Err(_) => ServiceOutcome {
                service,
                served: state.served[service],
                data_available: true,
            },
        }
    }
}

/// Evaluates the failure of `failed` (any order, repeats ignored) against normal
/// operation `state`.
///
/// Sorted vectors and a per-site slot table stand in for maps: every list below is in
/// ascending service or site order, and every load is summed in ascending service order,
/// as the design's figures are defined.
pub fn evaluate(model: &Compiled, state: &State, failed: &[usize]) -> ScenarioResult {
    evaluate_traced(model, state, failed).0
}

/// [`evaluate`], with the trace of the load it moved.
pub fn evaluate_traced(
    model: &Compiled,
    state: &State,
    failed: &[usize],
) -> (ScenarioResult, Trace) {
    let mut failed: Vec<usize> = failed
        .iter()
        .copied()
        .filter(|&j| j < model.sites.len())
        .collect();
    failed.sort_unstable();
    failed.dedup();
    let mut down = vec![false; model.sites.len()];
    for &j in &failed {
        down[j] = true;
    }
    let moved = displaced_services(model, state, &failed, &down);
    let (receiving, trace) = receiving_loads(model, state, &moved, &down);
    let alpha: Vec<[f64; 4]> = receiving
        .sites
        .iter()
        .map(|(j, tiers)| shed(&state.capacity[*j], state.failover_utilization, tiers))
        .collect();
    let services = outcomes(model, state, &failed, &down, &moved, &receiving, &alpha);
    let survivable = is_survivable(model, state, &services);
    let result = ScenarioResult {
        failed,
        receiving: receiving
            .sites
            .into_iter()
            .map(|(j, tiers)| (j, total(&tiers, state.storage[j])))
            .collect(),
        services,
        survivable,
    };
    (result, trace)
}

/// Every share of load a scenario moved to a receiving site, as (site, service, tier,
/// share after − share before), by site and, within a site, in the order `evaluate`
/// added them up: enough to work out a receiving site's load again, to the bit, after
/// the normal load there changed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Trace(Vec<(usize, usize, usize, f64)>);

impl Trace {
    /// The load asked of `site` in `state`: its normal load plus every share moved there.
    pub fn demand(&self, model: &Compiled, state: &State, site: usize) -> TierLoads {
        let start = self.0.partition_point(|e| e.0 < site);
        let mut tiers = state.compute[site];
        for &(_, i, t, delta) in self.0[start..].iter().take_while(|e| e.0 == site) {
            tiers[t] += model.services[i].per_server * state.servers[i] * delta;
        }
        tiers
    }
}

/// Services with servers placed at a failed site, ascending, with their shares after
/// failover over surviving sites only.
type Moved = Vec<(usize, Vec<(usize, f64)>)>;

fn displaced_services(model: &Compiled, state: &State, failed: &[usize], down: &[bool]) -> Moved {
    let mut ids: Vec<usize> = failed
        .iter()
        .flat_map(|&j| model.placed_at[j].iter().copied())
        .filter(|&i| state.servers[i] > 0.0)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .map(|i| {
            let svc = &model.services[i];
            (i, failover_shares(&svc.placement, &svc.failover, down))
        })
        .collect()
}

/// DESIGN.md §6: where the displaced share d of a service goes.
pub fn failover_shares(
    placement: &[(usize, f64)],
    failover: &CompiledFailover,
    down: &[bool],
) -> Vec<(usize, f64)> {
    let d: f64 = placement
        .iter()
        .filter(|(j, _)| down[*j])
        .map(|(_, s)| s)
        .sum();
    let mut shares: Vec<(usize, f64)> = placement
        .iter()
        .copied()
        .filter(|(j, _)| !down[*j])
        .collect();
    match failover {
        CompiledFailover::ActiveActive if !shares.is_empty() && d < 1.0 => {
            for (_, s) in &mut shares {
                *s /= 1.0 - d;
            }
        }
        CompiledFailover::Standby(list) => {
            if let Some(&s) = list.iter().find(|&&s| !down[s]) {
                shares.push((s, d));
            }
        }
        _ => {}
    }
    shares
}

/// The compute load per tier each receiving site is now asked to carry, ascending by
/// site, and where each site's entry is.
struct Receiving {
    sites: Vec<(usize, TierLoads)>,
    /// Site → index in `sites`, `usize::MAX` for a site that receives nothing.
    slot: Vec<usize>,
}

impl Receiving {
    fn index(&self, site: usize) -> Option<usize> {
        self.slot.get(site).copied().filter(|&k| k != usize::MAX)
    }
}

fn receiving_loads(
    model: &Compiled,
    state: &State,
    moved: &Moved,
    down: &[bool],
) -> (Receiving, Trace) {
    let mut slot = vec![usize::MAX; model.sites.len()];
    let mut sites: Vec<(usize, TierLoads)> = Vec::new();
    let mut trace = Vec::new();
    for (i, after) in moved {
        let svc = &model.services[*i];
        let unit = svc.per_server * state.servers[*i];
        let t = svc.tier.index();
        for &(j, share) in after {
            let before = svc
                .placement
                .iter()
                .find(|(k, _)| *k == j)
                .map_or(0.0, |(_, s)| *s);
            if share != before && !down[j] {
                if slot[j] == usize::MAX {
                    slot[j] = sites.len();
                    sites.push((j, state.compute[j]));
                }
                sites[slot[j]].1[t] += unit * (share - before);
                trace.push((j, *i, t, share - before));
            }
        }
    }
    sites.sort_unstable_by_key(|(j, _)| *j);
    for (k, (j, _)) in sites.iter().enumerate() {
        slot[*j] = k;
    }
    // Stable: within a site, entries stay in the order they were added up.
    trace.sort_by_key(|e| e.0);
    (Receiving { sites, slot }, Trace(trace))
}

fn outcomes(
    model: &Compiled,
    state: &State,
    failed: &[usize],
    down: &[bool],
    moved: &Moved,
    receiving: &Receiving,
    alpha: &[[f64; 4]],
) -> Vec<ServiceOutcome> {
    let mut touched: Vec<usize> = moved.iter().map(|(i, _)| *i).collect();
    for ((j, _), a) in receiving.sites.iter().zip(alpha) {
        if *a != state.alpha[*j] {
            touched.extend(model.placed_at[*j].iter().copied());
        }
    }
    for &j in failed {
        touched.extend(model.data_at[j].iter().copied());
    }
    touched.sort_unstable();
    touched.dedup();
    let fraction = |j: usize, t: usize| -> f64 {
        receiving
            .index(j)
            .and_then(|k| alpha.get(k))
            .unwrap_or(&state.alpha[j])[t]
    };
    touched
        .into_iter()
        .map(|i| {
            let svc = &model.services[i];
            let shares = moved
                .binary_search_by_key(&i, |(k, _)| *k)
                .map_or(svc.placement.as_slice(), |k| moved[k].1.as_slice());
            let served = if state.servers[i] > 0.0 {
                shares
                    .iter()
                    .filter(|(j, _)| !down[*j])
                    .map(|&(j, s)| s * fraction(j, svc.tier.index()))
                    // A fold from +0.0: `sum` starts at -0.0, and a lost service would
                    // print as served "-0".
                    .fold(0.0, |acc, x| acc + x)
            } else {
                1.0
            };
            ServiceOutcome {
                service: i,
                served,
                data_available: !svc.has_storage() || svc.data.iter().any(|&j| !down[j]),
            }
        })
        .collect()
}

/// Every Critical and High service whole, counting those not recomputed at their
/// normal-operation figures.
fn is_survivable(model: &Compiled, state: &State, services: &[ServiceOutcome]) -> bool {
    let must = |i: usize| model.services[i].tier.must_survive();
    if services.iter().any(|o| must(o.service) && !o.is_whole()) {
        return false;
    }
    state
        .short_must_survive
        .iter()
        .all(|i| services.binary_search_by_key(i, |o| o.service).is_ok())
}
