//! The figures every front end shows and none may work out for itself: the fullest
//! resource and the tightest headroom, the busiest surviving site, which services a
//! scenario leaves less than whole, the least-served one and the worst scenario. Each is
//! defined here once (assets/docs/semantics.md words them); the reports and the
//! interactive view only lay them out.

use super::analysis::Analysis;
use super::resources::{utilization, utilizations, Res, Resource};
use super::scenario::{ScenarioResult, ServiceOutcome};

/// The resource of `load` fullest against `capacity`, unbounded counting as the fullest;
/// on a tie the first in `resources` order.
pub fn fullest(load: &Res, capacity: &Res, resources: &[Resource]) -> Option<(Resource, f64)> {
    resources
        .iter()
        .map(|&r| {
            let u = utilization(load[r.index()], capacity[r.index()]).unwrap_or(f64::INFINITY);
            (r, u)
        })
        .fold(None, |best, (r, u)| match best {
            Some((_, b)) if b >= u => best,
            _ => Some((r, u)),
        })
}

/// A site's tightest headroom: its fullest resource, and how much of that resource is
/// left below the limit in force (negative: over it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tightest {
    pub site: usize,
    pub resource: Resource,
    /// `None` when unbounded (no capacity of that resource, some load).
    pub utilization: Option<f64>,
    pub headroom: f64,
}

/// A site's fullest demanded compute resource in a scenario.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Busiest {
    pub site: usize,
    pub resource: Resource,
    /// Demanded load over capacity; infinity when unbounded.
    pub utilization: f64,
}

/// The plan as it stands either in normal operation (against the target) or under one
/// scenario (demanded load, before shedding, against the failover limit).
#[derive(Clone, Copy)]
pub struct Situation<'a> {
    analysis: &'a Analysis,
    scenario: Option<&'a ScenarioResult>,
}

impl<'a> Situation<'a> {
    pub fn scenario(&self) -> Option<&'a ScenarioResult> {
        self.scenario
    }

    /// The utilization limit in force: the target normally, the failover limit under a
    /// scenario.
    pub fn limit(&self) -> f64 {
        match self.scenario {
            Some(_) => self.analysis.state.failover_utilization,
            None => self.analysis.target_utilization,
        }
    }

    /// The load a site carries (demanded, under a scenario); `None` when it has failed.
    pub fn load(&self, site: usize) -> Option<Res> {
        match self.scenario {
            Some(s) if site < self.analysis.sites.len() => s.demand(&self.analysis.state, site),
            _ => self.analysis.sites.get(site).map(|f| f.load),
        }
    }

    pub fn utilization(&self, site: usize) -> Option<[Option<f64>; 4]> {
        let capacity = self.analysis.sites.get(site)?.capacity;
        self.load(site).map(|l| utilizations(&l, &capacity))
    }

    /// Limit · capacity − load (DESIGN.md §5, §6); `None` for a failed site.
    pub fn headroom(&self, site: usize) -> Option<Res> {
        let capacity = self.analysis.sites.get(site)?.capacity;
        self.load(site).map(|l| capacity * self.limit() - l)
    }

    /// The site's fullest resource and its headroom; `None` for a failed site.
    pub fn tightest(&self, site: usize) -> Option<Tightest> {
        let capacity = self.analysis.sites.get(site)?.capacity;
        let load = self.load(site)?;
        let (resource, _) = fullest(&load, &capacity, &Resource::ALL)?;
        let k = resource.index();
        Some(Tightest {
            site,
            resource,
            utilization: utilization(load[k], capacity[k]),
            headroom: capacity[k] * self.limit() - load[k],
        })
    }

    /// Load and capacity summed over the sites still standing.
    pub fn totals(&self) -> (Res, Res) {
        let mut load = Res::zeros();
        let mut capacity = Res::zeros();
        for (j, site) in self.analysis.sites.iter().enumerate() {
            if let Some(l) = self.load(j) {
                load += l;
                capacity += site.capacity;
            }
        }
        (load, capacity)
    }

    /// What a service gets: under the scenario, or in normal operation.
    pub fn outcome(&self, service: usize) -> ServiceOutcome {
        match self.scenario {
            Some(s) => s.outcome(&self.analysis.state, service),
            None => ServiceOutcome {
                service,
                served: self
                    .analysis
                    .services
                    .get(service)
                    .map_or(1.0, |f| f.served),
                data_available: true,
            },
        }
    }
}

impl Analysis {
    pub fn normal(&self) -> Situation<'_> {
        Situation {
            analysis: self,
            scenario: None,
        }
    }

    pub fn under<'a>(&'a self, scenario: &'a ScenarioResult) -> Situation<'a> {
        Situation {
            analysis: self,
            scenario: Some(scenario),
        }
    }

    /// The plan's tightest headroom in normal operation: of every site's tightest, the
    /// one with the highest utilization (unbounded highest), the first site on a tie.
    pub(super) fn find_tightest(&self) -> Option<Tightest> {
        let normal = self.normal();
        let rank = |t: &Tightest| t.utilization.unwrap_or(f64::INFINITY);
        (0..self.sites.len())
            .filter_map(|j| normal.tightest(j))
            .fold(None, |best, t| match best {
                Some(b) if rank(&b) >= rank(&t) => Some(b),
                _ => Some(t),
            })
    }

    /// The receiving site and compute resource a scenario asks the most of, by demanded
    /// utilization; the first site on a tie. `None` when no site receives load.
    pub fn busiest_survivor(&self, result: &ScenarioResult) -> Option<Busiest> {
        result
            .receiving
            .iter()
            .filter_map(|&(j, load)| {
                let capacity = self.state.capacity.get(j)?;
                fullest(&load, capacity, &Resource::COMPUTE).map(|(resource, utilization)| {
                    Busiest {
                        site: j,
                        resource,
                        utilization,
                    }
                })
            })
            .fold(None, |best, cand| match best {
                Some(b) if b.utilization >= cand.utilization => Some(b),
                _ => Some(cand),
            })
    }

    /// Every service a scenario leaves less than whole (served below 1 − 1e-9, or its
    /// data lost), in plan order: those the scenario worked out afresh and those already
    /// short in normal operation.
    pub fn not_whole(&self, result: &ScenarioResult) -> Vec<ServiceOutcome> {
        let touched = result.services.iter().copied();
        let short = self
            .state
            .short
            .iter()
            .filter(|&&i| {
                result
                    .services
                    .binary_search_by_key(&i, |o| o.service)
                    .is_err()
            })
            .map(|&i| result.outcome(&self.state, i));
        let mut all: Vec<ServiceOutcome> = touched.filter(|o| !o.is_whole()).chain(short).collect();
        all.sort_unstable_by_key(|o| o.service);
        all
    }

    /// Of the services a scenario leaves less than whole, the one with the smallest
    /// effective fraction, first in plan order on a tie.
    pub fn least_served(&self, result: &ScenarioResult) -> Option<ServiceOutcome> {
        self.not_whole(result)
            .into_iter()
            .min_by(|x, y| x.effective().total_cmp(&y.effective()))
    }

    /// The worst scenario: the first by (survivable, the smallest effective fraction of a
    /// Critical or High service, the busiest survivor's utilization, highest first),
    /// the first in scenario order on a tie.
    pub(super) fn find_worst_scenario(&self) -> Option<usize> {
        let lows: Vec<usize> = (0..self.model.services.len())
            .filter(|&i| self.model.services[i].tier.must_survive() && self.state.served[i] < 1.0)
            .collect();
        let severity = |result: &ScenarioResult| {
            let must = |i: usize| self.model.services[i].tier.must_survive();
            let touched = result.services.iter().filter(|o| must(o.service));
            let untouched = lows
                .iter()
                .filter(|&&i| {
                    result
                        .services
                        .binary_search_by_key(&i, |o| o.service)
                        .is_err()
                })
                .map(|&i| self.state.served[i]);
            let least = touched
                .map(ServiceOutcome::effective)
                .chain(untouched)
                .fold(1.0, f64::min);
            let peak = self.busiest_survivor(result).map_or(0.0, |b| b.utilization);
            (result.survivable, least, -peak)
        };
        let ranked: Vec<(bool, f64, f64)> =
            self.scenarios.iter().map(|s| severity(&s.result)).collect();
        (0..ranked.len()).min_by(|&x, &y| {
            let (sx, sy) = (ranked[x], ranked[y]);
            sx.0.cmp(&sy.0)
                .then(sx.1.total_cmp(&sy.1))
                .then(sx.2.total_cmp(&sy.2))
        })
    }
}
