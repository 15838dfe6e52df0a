//! DESIGN.md §5–§7 written the plain way: dense, every site and service recomputed
//! for every scenario, names instead of indices. The engine's sparse path must agree.

use std::collections::HashMap;

use headroom::model::{Failover, Plan, Tier};

pub struct RefScenario {
    /// Per surviving site id: demanded load (servers, racks, kW, PB).
    pub demand: HashMap<String, [f64; 4]>,
    /// Per service id: (served, data available).
    pub services: HashMap<String, (f64, bool)>,
    pub survivable: bool,
}

fn tier_rank(t: Tier) -> usize {
    match t {
        Tier::Critical => 0,
        Tier::High => 1,
        Tier::Standard => 2,
        Tier::Batch => 3,
    }
}

fn grown(x: f64, growth: f64, month: u32) -> f64 {
    x * (1.0 + growth).powi(month as i32)
}

pub fn capacity(plan: &Plan, site: usize, month: u32) -> [f64; 4] {
    let s = &plan.sites[site];
    let p = headroom::engine::power_limit(s);
    let mut c = [
        s.capacity.servers,
        s.capacity.racks,
        p.usable_kw,
        s.capacity.storage_pb,
    ];
    for e in &s.expansions {
        if e.month <= month {
            c[0] += e.capacity.servers;
            c[1] += e.capacity.racks;
            c[2] += e.capacity.power_kw;
            c[3] += e.capacity.storage_pb;
        }
    }
    c
}

pub fn scenario(plan: &Plan, failed: &[&str], month: u32) -> RefScenario {
    let down = |id: &str| failed.contains(&id);
    // Per site, per tier: compute demand.
    let mut demand: HashMap<&str, [[f64; 3]; 4]> = HashMap::new();
    let mut storage: HashMap<&str, f64> = HashMap::new();
    let mut shares_after: Vec<Vec<(String, f64)>> = Vec::new();
    for svc in &plan.services {
        let prof = plan.profiles.get(&svc.profile).expect("profile");
        let servers = grown(svc.servers, svc.growth, month);
        let d: f64 = svc
            .placement
            .iter()
            .filter(|(j, _)| down(j))
            .map(|(_, s)| s)
            .sum();
        let mut after: Vec<(String, f64)> = svc
            .placement
            .iter()
            .filter(|(j, _)| !down(j))
            .map(|(j, s)| (j.to_string(), *s))
            .collect();
        match &svc.failover {
            Failover::ActiveActive => {
                if d > 0.0 && !after.is_empty() {
                    for (_, s) in &mut after {
                        *s /= 1.0 - d;
                    }
                }
            }
            Failover::Standby(list) => {
                if d > 0.0 {
                    if let Some(s) = list.iter().find(|s| !down(s)) {
                        after.push((s.clone(), d));
                    }
                }
            }
            Failover::NoFailover => {}
        }
        for (j, s) in &after {
            let entry = demand
                .entry(plan.site(j).expect("site").id.as_str())
                .or_default();
            let n = servers * s;
            let t = &mut entry[tier_rank(svc.tier)];
            t[0] += n;
            t[1] += n / prof.per_rack;
            t[2] += n * prof.power_kw;
        }
        for j in &svc.data {
            *storage
                .entry(plan.site(j).expect("site").id.as_str())
                .or_default() += grown(svc.storage_pb, svc.growth, month);
        }
        shares_after.push(after);
    }
    let limit = plan.policy.failover_utilization;
    let mut alpha: HashMap<String, [f64; 4]> = HashMap::new();
    let mut out_demand = HashMap::new();
    for (k, site) in plan.sites.iter().enumerate() {
        if down(&site.id) {
            continue;
        }
        let cap = capacity(plan, k, month);
        let tiers = demand.get(site.id.as_str()).copied().unwrap_or_default();
        let mut rem = [cap[0] * limit, cap[1] * limit, cap[2] * limit];
        let mut a = [1.0; 4];
        for t in 0..4 {
            let mut f: f64 = 1.0;
            for r in 0..3 {
                if tiers[t][r] > 0.0 {
                    f = f.min((rem[r] / tiers[t][r]).max(0.0));
                }
            }
            a[t] = f;
            for r in 0..3 {
                rem[r] -= f * tiers[t][r];
            }
        }
        alpha.insert(site.id.clone(), a);
        let mut total = [0.0; 4];
        for t in tiers {
            for r in 0..3 {
                total[r] += t[r];
            }
        }
        total[3] = storage.get(site.id.as_str()).copied().unwrap_or(0.0);
        out_demand.insert(site.id.clone(), total);
    }
    let mut services = HashMap::new();
    let mut survivable = true;
    for (svc, after) in plan.services.iter().zip(&shares_after) {
        let served = if svc.servers > 0.0 {
            after
                .iter()
                .map(|(j, s)| s * alpha[j.as_str()][tier_rank(svc.tier)])
                .sum()
        } else {
            1.0
        };
        let data = svc.storage_pb <= 0.0 || svc.data.iter().any(|j| !down(j));
        if matches!(svc.tier, Tier::Critical | Tier::High) && (served < 1.0 - 1e-9 || !data) {
            survivable = false;
        }
        services.insert(svc.id.clone(), (served, data));
    }
    RefScenario {
        demand: out_demand,
        services,
        survivable,
    }
}
