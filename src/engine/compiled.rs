//! The plan turned into indices and vectors once, so every scenario and every month
//! works on numbers rather than on names. Placement stays sparse: a service knows its
//! few sites and a site knows the services placed on it.

use rustc_hash::FxHashMap;

use crate::model::{Failover, Plan, Tier};

use super::parallel;
use super::power::{power_limit, PowerLimit};
use super::resources::{res, Res};

#[derive(Debug, Clone, PartialEq)]
pub struct CompiledSite {
    pub region: Option<usize>,
    /// Usable capacity at month 0 before expansions (DESIGN.md §4).
    pub base_capacity: Res,
    pub power: PowerLimit,
    /// (month, added capacity), in plan order.
    pub expansions: Vec<(u32, Res)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CompiledFailover {
    ActiveActive,
    Standby(Vec<usize>),
    NoFailover,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CompiledService {
    pub tier: Tier,
    /// (1, 1/per_rack, power_kw, 0): the compute load of one server.
    pub per_server: Res,
    pub servers: f64,
    pub storage_pb: f64,
    pub growth: f64,
    pub placement: Vec<(usize, f64)>,
    pub data: Vec<usize>,
    pub failover: CompiledFailover,
}

impl CompiledService {
    pub fn has_storage(&self) -> bool {
        self.storage_pb > 0.0
    }

    /// Servers and storage grow together, compounded monthly (DESIGN.md §8).
    pub fn growth_factor(&self, month: u32) -> f64 {
        (1.0 + self.growth).powi(month.min(i32::MAX as u32) as i32)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    pub sites: Vec<CompiledSite>,
    pub services: Vec<CompiledService>,
    /// Region index → its sites, in plan order.
    pub region_sites: Vec<Vec<usize>>,
    /// Site index → services with a placement share there.
    pub placed_at: Vec<Vec<usize>>,
    /// Site index → services holding a data replica there.
    pub data_at: Vec<Vec<usize>>,
}

impl Compiled {
    /// References that do not resolve are skipped rather than trusted: validation
    /// refuses such plans, but the engine must not panic on one it is handed anyway.
    pub fn new(plan: &Plan) -> Compiled {
        let site_index = index_of(plan.sites.iter().map(|s| s.id.as_str()));
        let region_index = index_of(plan.regions.iter().map(|r| r.id.as_str()));
        let sites: Vec<CompiledSite> = plan
            .sites
            .iter()
            .map(|site| compile_site(site, &region_index))
            .collect();
        let services: Vec<CompiledService> = parallel::map(plan.services.len(), |i| {
            compile_service(plan, &plan.services[i], &site_index)
        });
        let mut region_sites = vec![Vec::new(); plan.regions.len()];
        for (j, site) in sites.iter().enumerate() {
            if let Some(r) = site.region {
                region_sites[r].push(j);
            }
        }
        let mut placed_at = vec![Vec::new(); sites.len()];
        let mut data_at = vec![Vec::new(); sites.len()];
        for (i, svc) in services.iter().enumerate() {
            for &(j, _) in &svc.placement {
                placed_at[j].push(i);
            }
            for &j in &svc.data {
                data_at[j].push(i);
            }
        }
        Compiled {
            sites,
            services,
            region_sites,
            placed_at,
            data_at,
        }
    }

    /// Usable capacity at `month`: base plus every expansion due by then.
    pub fn capacity_at(&self, site: usize, month: u32) -> Res {
        let s = &self.sites[site];
        s.expansions
            .iter()
            .filter(|(m, _)| *m <= month)
            .fold(s.base_capacity, |acc, (_, add)| acc + add)
    }
}

/// Ids to positions. A plan's ids are its own, not an attacker's, so a fast hash that
/// does not resist collisions is the right trade: tens of thousands of services look up
/// their sites here on every edit.
fn index_of<'a>(ids: impl Iterator<Item = &'a str>) -> FxHashMap<&'a str, usize> {
    let mut map = FxHashMap::default();
    for (i, id) in ids.enumerate() {
        map.entry(id).or_insert(i);
    }
    map
}

fn compile_site(site: &crate::model::Site, regions: &FxHashMap<&str, usize>) -> CompiledSite {
    let power = power_limit(site);
    let mut base_capacity = res(&site.capacity);
    base_capacity[2] = power.usable_kw;
    CompiledSite {
        region: regions.get(site.region.as_str()).copied(),
        base_capacity,
        power,
        expansions: site
            .expansions
            .iter()
            .map(|e| (e.month, res(&e.capacity)))
            .collect(),
    }
}

fn compile_service(
    plan: &Plan,
    svc: &crate::model::Service,
    sites: &FxHashMap<&str, usize>,
) -> CompiledService {
    let per_server = match plan.profiles.get(&svc.profile) {
        Some(p) if p.per_rack > 0.0 => Res::new(1.0, 1.0 / p.per_rack, p.power_kw, 0.0),
        Some(p) => Res::new(1.0, 0.0, p.power_kw, 0.0),
        None => Res::new(1.0, 0.0, 0.0, 0.0),
    };
    let lookup = |ids: &[String]| -> Vec<usize> {
        ids.iter()
            .filter_map(|id| sites.get(id.as_str()).copied())
            .collect()
    };
    let failover = match &svc.failover {
        Failover::ActiveActive => CompiledFailover::ActiveActive,
        Failover::Standby(list) => CompiledFailover::Standby(lookup(list)),
        Failover::NoFailover => CompiledFailover::NoFailover,
    };
    CompiledService {
        tier: svc.tier,
        per_server,
        servers: svc.servers,
        storage_pb: svc.storage_pb,
        growth: svc.growth,
        placement: svc
            .placement
            .iter()
            .filter_map(|(id, share)| sites.get(id).map(|&j| (j, *share)))
            .collect(),
        data: lookup(&svc.data),
        failover,
    }
}
