//! One site's load and capacity month by month, for the runway chart: in normal
//! operation, or demanded under a failure.

use super::compiled::Compiled;
use super::resources::Res;
use super::scenario::failover_shares;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MonthFigures {
    pub month: u32,
    pub load: Res,
    pub capacity: Res,
}

/// Touches only the services placed at or holding data on the site.
pub fn site_series(model: &Compiled, site: usize, horizon_months: u32) -> Vec<MonthFigures> {
    let Some(placed) = model.placed_at.get(site) else {
        return Vec::new();
    };
    let shares: Vec<(usize, f64)> = placed
        .iter()
        .map(|&i| {
            let share = model.services[i]
                .placement
                .iter()
                .filter(|(j, _)| *j == site)
                .map(|(_, s)| s)
                .sum();
            (i, share)
        })
        .collect();
    series(model, site, &shares, horizon_months)
}

/// One surviving site's demanded load, before shedding, month by month when the sites
/// `failed` fail: each service's share there after failover (DESIGN.md §6), grown to the
/// month, and the storage it holds. Empty when the site itself fails.
pub fn demand_series(
    model: &Compiled,
    failed: &[usize],
    site: usize,
    horizon_months: u32,
) -> Vec<MonthFigures> {
    let mut down = vec![false; model.sites.len()];
    for &j in failed {
        if let Some(d) = down.get_mut(j) {
            *d = true;
        }
    }
    if down.get(site).is_none_or(|&d| d) {
        return Vec::new();
    }
    let shares: Vec<(usize, f64)> = model
        .services
        .iter()
        .enumerate()
        .filter_map(|(i, svc)| {
            let share: f64 = failover_shares(&svc.placement, &svc.failover, &down)
                .iter()
                .filter(|(j, _)| *j == site)
                .map(|(_, s)| s)
                .sum();
            (share > 0.0).then_some((i, share))
        })
        .collect();
    series(model, site, &shares, horizon_months)
}

/// The site's load month by month from each service's share of its servers there, and
/// the storage of every service holding data there, all grown to the month.
fn series(
    model: &Compiled,
    site: usize,
    shares: &[(usize, f64)],
    horizon_months: u32,
) -> Vec<MonthFigures> {
    let data = model.data_at.get(site).map_or(&[][..], Vec::as_slice);
    (0..=horizon_months)
        .map(|month| {
            let mut load = Res::zeros();
            for &(i, share) in shares {
                let svc = &model.services[i];
                load += svc.per_server * (svc.servers * share * svc.growth_factor(month));
            }
            for &i in data {
                let svc = &model.services[i];
                load[3] += svc.storage_pb * svc.growth_factor(month);
            }
            MonthFigures {
                month,
                load,
                capacity: model.capacity_at(site, month),
            }
        })
        .collect()
}
