//! Realistic plans of any size, for benchmarks and for trying the tool on a fleet bigger
//! than any hand-written plan. The same spec always gives the same plan.
//!
//! Services are drawn first; each site's capacity is then sized from the load placed on
//! it, so most sites sit comfortably below the target and a few run hot.

mod rng;
mod sites;

use crate::model::{Failover, OrderedMap, Plan, Policy, Profile, Region, Scenario, Service, Tier};

use rng::Rng;

/// What to generate. Counts below 1 are taken as 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenSpec {
    pub sites: usize,
    pub services: usize,
    pub regions: usize,
    pub seed: u64,
    pub horizon_months: u32,
}

impl GenSpec {
    pub const DEFAULT_HORIZON: u32 = 36;

    pub fn new(sites: usize, services: usize, regions: usize, seed: u64) -> GenSpec {
        GenSpec {
            sites,
            services,
            regions,
            seed,
            horizon_months: Self::DEFAULT_HORIZON,
        }
    }
}

/// A kind of server: its name, IT draw (kW), servers per rack, how often services use it,
/// their size range in servers, and their storage range in PB (0 = none).
struct Kind {
    name: &'static str,
    power_kw: f64,
    per_rack: f64,
    weight: f64,
    servers: (f64, f64),
    storage_pb: (f64, f64),
}

const KINDS: [Kind; 4] = [
    Kind {
        name: "web",
        power_kw: 0.4,
        per_rack: 20.0,
        weight: 0.5,
        servers: (4.0, 400.0),
        storage_pb: (0.0, 0.0),
    },
    Kind {
        name: "db",
        power_kw: 0.8,
        per_rack: 10.0,
        weight: 0.2,
        servers: (3.0, 120.0),
        storage_pb: (0.01, 0.5),
    },
    Kind {
        name: "storage",
        power_kw: 0.6,
        per_rack: 12.0,
        weight: 0.2,
        servers: (6.0, 200.0),
        storage_pb: (0.1, 4.0),
    },
    Kind {
        name: "gpu",
        power_kw: 8.0,
        per_rack: 4.0,
        weight: 0.1,
        servers: (2.0, 40.0),
        storage_pb: (0.0, 0.0),
    },
];

/// Relative frequency of Critical, High, Standard, Batch.
const TIER_WEIGHTS: [f64; 4] = [0.1, 0.25, 0.45, 0.2];

/// Placement shares are multiples of 1/64: exact in binary, so they sum to exactly 1.
const SHARE_UNITS: u32 = 64;

pub fn generate(spec: &GenSpec) -> Plan {
    let n_sites = spec.sites.max(1);
    let n_regions = spec.regions.max(1);
    let mut rng = Rng::new(spec.seed);
    let regions = regions(&mut rng, n_regions);
    let services: Vec<Service> = (0..spec.services.max(1))
        .map(|i| service(&mut rng, i, n_sites, spec.services.max(1)))
        .collect();
    let profiles: OrderedMap<Profile> = KINDS
        .iter()
        .map(|k| {
            (
                k.name.to_string(),
                Profile {
                    power_kw: k.power_kw,
                    per_rack: k.per_rack,
                },
            )
        })
        .collect();
    let mut plan = Plan {
        name: format!(
            "Generated fleet: {n_sites} sites, {} services, {n_regions} regions (seed {})",
            services.len(),
            spec.seed
        ),
        description: None,
        policy: Policy {
            failover_utilization: 0.95,
            horizon_months: spec.horizon_months,
            ..Policy::default()
        },
        profiles,
        regions,
        sites: Vec::new(),
        services,
        scenarios: Vec::new(),
    };
    plan.sites = sites::sized_sites(&mut rng, &plan, n_sites, spec.horizon_months);
    plan.scenarios = scenarios(&mut rng, &plan);
    plan
}

fn id(prefix: &str, k: usize, count: usize) -> String {
    let width = count.max(1).to_string().len();
    format!("{prefix}{:0width$}", k + 1)
}

pub(crate) fn site_id(j: usize, n_sites: usize) -> String {
    id("s", j, n_sites)
}

fn regions(rng: &mut Rng, n: usize) -> Vec<Region> {
    (0..n)
        .map(|r| Region {
            id: id("r", r, n),
            name: format!("Region {}", r + 1),
            description: None,
            earthquake: rating(rng),
        })
        .collect()
}

/// Hazard ratings 1..=5, most sites and regions at the low end.
pub(crate) fn rating(rng: &mut Rng) -> u8 {
    1 + rng.weighted(&[0.4, 0.3, 0.15, 0.1, 0.05]) as u8
}

/// `k` distinct site indices out of `n` (k ≤ n), in draw order.
fn distinct_sites(rng: &mut Rng, k: usize, n: usize, avoid: &[usize]) -> Vec<usize> {
    let k = k.min(n.saturating_sub(avoid.len()));
    let mut picked: Vec<usize> = Vec::with_capacity(k);
    while picked.len() < k {
        let j = rng.below(n);
        if !picked.contains(&j) && !avoid.contains(&j) {
            picked.push(j);
        }
    }
    picked
}

/// `k` shares, each a positive multiple of 1/64, summing to exactly 1.
fn shares(rng: &mut Rng, k: usize) -> Vec<f64> {
    let k = k.clamp(1, SHARE_UNITS as usize);
    let mut units = vec![1u32; k];
    for _ in k..SHARE_UNITS as usize {
        let slot = rng.below(k);
        units[slot] += 1;
    }
    units
        .into_iter()
        .map(|u| f64::from(u) / f64::from(SHARE_UNITS))
        .collect()
}

fn service(rng: &mut Rng, i: usize, n_sites: usize, n_services: usize) -> Service {
    let kind_weights: Vec<f64> = KINDS.iter().map(|k| k.weight).collect();
    let kind = &KINDS[rng.weighted(&kind_weights)];
    let tier = Tier::ALL[rng.weighted(&TIER_WEIGHTS)];
    let servers = rng.log_range(kind.servers.0, kind.servers.1).round();
    // Critical and High services never live in one site: the Pangyo lesson.
    let min_sites = if tier.must_survive() { 2 } else { 1 };
    let k = (min_sites + rng.weighted(&[0.3, 0.35, 0.2, 0.1, 0.05])).min(6);
    let placed = distinct_sites(rng, k, n_sites, &[]);
    let placement: OrderedMap<f64> = placed
        .iter()
        .zip(shares(rng, placed.len()))
        .map(|(&j, s)| (site_id(j, n_sites), s))
        .collect();
    let storage_pb = if kind.storage_pb.1 > 0.0 {
        (rng.log_range(kind.storage_pb.0, kind.storage_pb.1) * 100.0).round() / 100.0
    } else {
        0.0
    };
    let data = if storage_pb > 0.0 {
        data_sites(rng, tier, &placed, n_sites)
    } else {
        Vec::new()
    };
    Service {
        id: id("v", i, n_services),
        name: format!("Service {}", i + 1),
        description: None,
        tier,
        profile: kind.name.to_string(),
        servers,
        storage_pb,
        placement,
        data,
        failover: failover(rng, tier, &placed, n_sites),
        slo: slo(rng, tier),
        growth: growth(rng),
    }
}

/// Replicas live with the compute, and Critical and High data is never in one site only.
fn data_sites(rng: &mut Rng, tier: Tier, placed: &[usize], n_sites: usize) -> Vec<String> {
    let mut data: Vec<usize> = placed.iter().copied().take(1 + rng.below(2)).collect();
    if rng.chance(0.3) || (tier.must_survive() && data.len() < 2) {
        data.extend(distinct_sites(rng, 1, n_sites, &data.clone()));
    }
    data.into_iter().map(|j| site_id(j, n_sites)).collect()
}

fn failover(rng: &mut Rng, tier: Tier, placed: &[usize], n_sites: usize) -> Failover {
    let weights = if tier.must_survive() {
        [0.7, 0.3, 0.0]
    } else {
        [0.55, 0.25, 0.2]
    };
    match rng.weighted(&weights) {
        0 => Failover::ActiveActive,
        1 if placed.len() < n_sites => {
            let count = 1 + rng.below(2);
            let standby = distinct_sites(rng, count, n_sites, placed);
            Failover::Standby(standby.into_iter().map(|j| site_id(j, n_sites)).collect())
        }
        1 => Failover::ActiveActive,
        _ => Failover::NoFailover,
    }
}

fn slo(rng: &mut Rng, tier: Tier) -> Option<f64> {
    match tier {
        Tier::Critical => Some(0.9999),
        Tier::High => Some(0.999),
        Tier::Standard => rng.chance(0.5).then_some(0.99),
        Tier::Batch => None,
    }
}

/// Monthly growth: a third flat, the rest up to 1.2 % a month (1.5 times in three years).
fn growth(rng: &mut Rng) -> f64 {
    if rng.chance(1.0 / 3.0) {
        0.0
    } else {
        (rng.range(0.001, 0.012) * 1000.0).round() / 1000.0
    }
}

/// A few named scenarios of the kind planners write: two sites at once, two regions.
fn scenarios(rng: &mut Rng, plan: &Plan) -> Vec<Scenario> {
    let n = plan.sites.len();
    let mut out = Vec::new();
    for k in 0..3.min(n / 2) {
        let pair = distinct_sites(rng, 2, n, &[]);
        out.push(Scenario {
            name: format!("Double site loss {}", k + 1),
            description: None,
            fail: pair.iter().map(|&j| plan.sites[j].id.clone()).collect(),
            fail_regions: Vec::new(),
        });
    }
    if plan.regions.len() >= 3 {
        let pair = distinct_sites(rng, 2, plan.regions.len(), &[]);
        out.push(Scenario {
            name: "Two regions lost".to_string(),
            description: None,
            fail: Vec::new(),
            fail_regions: pair.iter().map(|&r| plan.regions[r].id.clone()).collect(),
        });
    }
    out
}
