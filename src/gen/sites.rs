//! Sites sized from the load the generated services put on them: most well inside the
//! target, a few hot, some with a power chain that strands part of their nameplate, some
//! with expansions due within the horizon.

use crate::engine::{Compiled, Res, State};
use crate::model::{Expansion, Plan, PowerChain, Redundancy, Resources, Site, SiteHazards, Ups};

use super::rng::Rng;
use super::{rating, site_id};

/// Share of sites sized above the target utilization.
const HOT: f64 = 0.03;

/// Capacity of a site nothing is placed on: an empty hall waiting for work.
const EMPTY_HALL: [f64; 4] = [200.0, 10.0, 100.0, 1.0];

pub fn sized_sites(rng: &mut Rng, plan: &Plan, n_sites: usize, horizon: u32) -> Vec<Site> {
    let n_regions = plan.regions.len().max(1);
    let mut sites: Vec<Site> = (0..n_sites)
        .map(|j| Site {
            id: site_id(j, n_sites),
            name: format!("Site {}", j + 1),
            description: None,
            region: plan.regions[j % n_regions].id.clone(),
            capacity: Resources::default(),
            hazards: SiteHazards {
                fire: rating(rng),
                flood: rating(rng),
                power: rating(rng),
            },
            power: None,
            expansions: Vec::new(),
        })
        .collect();
    let loads = month0_loads(plan, &sites);
    for (site, load) in sites.iter_mut().zip(loads) {
        let capacity = capacity_for(rng, &load);
        if rng.chance(0.4) {
            site.power = Some(power_chain(rng, capacity[2]));
            site.capacity = resources(&capacity, (capacity[2] * rng.range(1.0, 1.15)).ceil());
        } else {
            site.capacity = resources(&capacity, capacity[2]);
        }
        if horizon > 0 && rng.chance(0.25) {
            site.expansions = expansions(rng, &capacity, horizon);
        }
    }
    sites
}

/// Normal load per site at month 0, worked out by the engine itself so the sizing and the
/// report can never disagree.
fn month0_loads(plan: &Plan, sites: &[Site]) -> Vec<Res> {
    let mut draft = plan.clone();
    draft.sites = sites.to_vec();
    let model = Compiled::new(&draft);
    let state = State::new(&model, 0, draft.policy.failover_utilization);
    (0..sites.len()).map(|j| state.load(j)).collect()
}

/// One resource is run at the site's utilization, the others somewhat below it.
fn capacity_for(rng: &mut Rng, load: &Res) -> Res {
    let u = if rng.chance(HOT) {
        rng.range(0.82, 0.92)
    } else {
        rng.range(0.40, 0.72)
    };
    let binding = rng.below(4);
    let mut capacity = Res::zeros();
    for r in 0..4 {
        let ur = if r == binding {
            u
        } else {
            u * rng.range(0.7, 1.0)
        };
        capacity[r] = if load[r] > 0.0 {
            round_up(load[r] / ur, r)
        } else {
            EMPTY_HALL[r]
        };
    }
    capacity
}

/// Whole servers, racks and kW; storage to a tenth of a PB.
fn round_up(x: f64, resource: usize) -> f64 {
    if resource == 3 {
        (x * 10.0).ceil() / 10.0
    } else {
        x.ceil()
    }
}

fn resources(c: &Res, nameplate_kw: f64) -> Resources {
    Resources {
        servers: c[0],
        racks: c[1],
        power_kw: nameplate_kw,
        storage_pb: c[3],
    }
}

/// A chain whose every element carries at least `it_kw` of IT load, so the usable power
/// is never below what the site was sized for; the weakest element is the binding one.
fn power_chain(rng: &mut Rng, it_kw: f64) -> PowerChain {
    let pue = [1.15, 1.2, 1.25, 1.3, 1.4][rng.below(5)];
    let mut margin = || rng.range(1.0, 1.2);
    let (ups_margin, utility_margin, generator_margin, cooling_margin) =
        (margin(), margin(), margin(), margin());
    let modules = 4 + rng.below(5) as u32;
    let redundancy = [Redundancy::N, Redundancy::NPlus(1), Redundancy::TwoN][rng.below(3)];
    let effective = match redundancy {
        Redundancy::N => f64::from(modules),
        Redundancy::NPlus(k) => f64::from(modules - k),
        Redundancy::TwoN => f64::from(modules) / 2.0,
    };
    let feeds = 2 + rng.below(2) as u32;
    PowerChain {
        feeds,
        feed_kw: (it_kw * utility_margin * pue / f64::from(feeds - 1)).ceil(),
        ups: Ups {
            modules,
            module_kw: (it_kw * ups_margin / effective).ceil(),
            redundancy,
        },
        generator_kw: (it_kw * generator_margin * pue).ceil(),
        fuel_hours: [24.0, 48.0, 72.0][rng.below(3)],
        cooling_kw: (it_kw * cooling_margin).ceil(),
        pue,
    }
}

fn expansions(rng: &mut Rng, capacity: &Res, horizon: u32) -> Vec<Expansion> {
    let count = 1 + rng.below(2);
    let mut months: Vec<u32> = (0..count)
        .map(|_| 1 + rng.below(horizon as usize) as u32)
        .collect();
    months.sort_unstable();
    months
        .into_iter()
        .map(|month| {
            let f = rng.range(0.1, 0.3);
            Expansion {
                month,
                capacity: Resources {
                    servers: (capacity[0] * f).ceil(),
                    racks: (capacity[1] * f).ceil(),
                    power_kw: (capacity[2] * f).ceil(),
                    storage_pb: if rng.chance(0.5) {
                        round_up(capacity[3] * f, 3)
                    } else {
                        0.0
                    },
                },
                description: None,
            }
        })
        .collect()
}
