//! Normal operation at one month: every site's load split by tier, and the fractions each
//! tier would get under the failover limit (DESIGN.md §5, §6, §8).

use crate::model::Tier;

use super::compiled::Compiled;
use super::resources::{Res, EPSILON};
use super::shed::shed;

/// Compute load per tier at one site; storage is kept apart because it never moves.
pub type TierLoads = [Res; 4];

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub month: u32,
    pub failover_utilization: f64,
    /// Per site: usable capacity at this month.
    pub capacity: Vec<Res>,
    /// Per site: compute load per tier (storage component 0).
    pub compute: Vec<TierLoads>,
    /// Per site: storage held (PB).
    pub storage: Vec<f64>,
    /// Per site: fraction served per tier when nothing has failed.
    pub alpha: Vec<[f64; 4]>,
    /// Per service: servers and storage after growth.
    pub servers: Vec<f64>,
    pub storage_pb: Vec<f64>,
    /// Per service: the compute load of all its servers, before any placement share.
    pub units: Vec<Res>,
    /// Per service: fraction served when nothing has failed.
    pub served: Vec<f64>,
    /// Services not whole even with nothing failed (normally none), ascending.
    pub short: Vec<usize>,
    /// The Critical and High ones among them.
    pub short_must_survive: Vec<usize>,
}

impl State {
    pub fn new(model: &Compiled, month: u32, failover_utilization: f64) -> State {
        let n = model.sites.len();
        let mut compute = vec![[Res::zeros(); 4]; n];
        let mut storage = vec![0.0; n];
        let mut servers = Vec::with_capacity(model.services.len());
        let mut storage_pb = Vec::with_capacity(model.services.len());
        for svc in &model.services {
            let g = svc.growth_factor(month);
            let (count, pb) = (svc.servers * g, svc.storage_pb * g);
            for &(j, share) in &svc.placement {
                compute[j][svc.tier.index()] += svc.per_server * (count * share);
            }
            for &j in &svc.data {
                storage[j] += pb;
            }
            servers.push(count);
            storage_pb.push(pb);
        }
        let units = model
            .services
            .iter()
            .zip(&servers)
            .map(|(svc, &count)| svc.per_server * count)
            .collect();
        let capacity: Vec<Res> = (0..n).map(|j| model.capacity_at(j, month)).collect();
        let alpha = (0..n)
            .map(|j| shed(&capacity[j], failover_utilization, &compute[j]))
            .collect();
        let mut state = State {
            month,
            failover_utilization,
            capacity,
            compute,
            storage,
            alpha,
            servers,
            storage_pb,
            units,
            served: Vec::new(),
            short: Vec::new(),
            short_must_survive: Vec::new(),
        };
        state.served = (0..model.services.len())
            .map(|i| served_in_place(model, &state, i))
            .collect();
        state.short = (0..model.services.len())
            .filter(|&i| state.served[i] < 1.0 - EPSILON)
            .collect();
        state.short_must_survive = state
            .short
            .iter()
            .copied()
            .filter(|&i| model.services[i].tier.must_survive())
            .collect();
        state
    }

    /// Total load at a site: all tiers' compute plus the storage it holds.
    pub fn load(&self, site: usize) -> Res {
        total(&self.compute[site], self.storage[site])
    }

    pub fn alpha_of(&self, site: usize, tier: Tier) -> f64 {
        self.alpha[site][tier.index()]
    }
}

pub fn total(tiers: &TierLoads, storage: f64) -> Res {
    let mut sum = tiers.iter().fold(Res::zeros(), |acc, t| acc + t);
    sum[3] = storage;
    sum
}

/// A service with no servers is always served; otherwise its shares weighted by what
/// each site can give its tier.
fn served_in_place(model: &Compiled, state: &State, service: usize) -> f64 {
    let svc = &model.services[service];
    if state.servers[service] <= 0.0 {
        return 1.0;
    }
    svc.placement
        .iter()
        .map(|&(j, share)| share * state.alpha_of(j, svc.tier))
        .sum()
}
